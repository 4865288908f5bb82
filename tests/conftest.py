"""Shared fixtures: an isolated git environment and fixture repositories."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from gitrepos import RepoBuilder


@pytest.fixture(autouse=True)
def isolated_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME and git's global config point at a temporary folder: no user config leaks in."""
    home = tmp_path_factory.mktemp("home")
    config = home / ".gitconfig"
    config.write_text(
        "[user]\n\tname = Test Runner\n\temail = runner@example.org\n"
        '[init]\n\tdefaultBranch = main\n[protocol "file"]\n\tallow = always\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("OTSMATERIALS_CATALOGUE", "OTSMATERIALS_CACHE", "OTSMATERIALS_INDEX"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[..., RepoBuilder]:
    """Factory: ``make_repo("name")`` gives a fresh working repository under tmp_path."""

    def factory(name: str, *, branch: str = "main") -> RepoBuilder:
        return RepoBuilder(tmp_path / "repos" / name, branch=branch)

    return factory
