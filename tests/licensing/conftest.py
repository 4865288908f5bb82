"""The module-scoped workspace of the licence and attribution tests (see ``licence_repos``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from licence_repos import Workspace, workspace_in


@pytest.fixture(scope="module")
def workspace(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Workspace]:
    """Fixture repositories and builds for one test module, with its own git environment."""
    with workspace_in(tmp_path_factory, request.module.__name__.rsplit(".", 1)[-1]) as built:
        yield built
