"""Shared fixtures: an isolated git environment and fixture repositories."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from clirun import Run
from gitrepos import RepoBuilder, isolate_git


@pytest.fixture(autouse=True)
def isolated_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME and git's global config point at a temporary folder: no user config leaks in."""
    home = tmp_path_factory.mktemp("home")
    isolate_git(monkeypatch, home)
    return home


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[..., RepoBuilder]:
    """Factory: ``make_repo("name")`` gives a fresh working repository under tmp_path."""

    def factory(name: str, *, branch: str = "main") -> RepoBuilder:
        return RepoBuilder(tmp_path / "repos" / name, branch=branch)

    return factory


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """``run(*argv)``: the command line in this process → (exit code, stdout, stderr)."""
    return Run(capsys)
