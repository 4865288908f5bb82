"""The layout tests' module-scoped workspace: fixture repositories and the builds made of them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gitrepos import git_environment
from indexing import Workspace


@pytest.fixture(scope="module")
def workspace(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Workspace]:
    """One test module's workspace, in a git environment of its own for the module's fixtures."""
    name = request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")
    with git_environment(tmp_path_factory.mktemp("home")):
        yield Workspace(tmp_path_factory.mktemp(name))
