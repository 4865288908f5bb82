"""Shared fixtures: an isolated git environment, fixture repositories, the bundled demo.

The demo (``otsmaterials demo``: three materials, synced and indexed) is built once for the whole
run. Tests that only read it use ``demo``; tests that sync, index or write next to it use a copy:
``demo_copy`` for one test, or ``copy_demo(demo, folder)`` in a module-scoped fixture. The run
ends with an error if a test changed the shared demo's files.

``workspace`` holds the fixture repositories of one licence or attribution test module.

Property tests (hypothesis) draw the same examples on every run, so that the suite never fails
by chance: ``OTSMATERIALS_HYPOTHESIS=explore pytest`` draws new ones (as ``tools/fuzz.py`` does
for the readers).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

import otsmaterials as om

from clirun import Run
from demo_fixture import (
    Corpus,
    Demo,
    build_demo,
    build_stale_corpus,
    copy_demo,
    demo_changes,
    demo_state,
)
from gitrepos import RepoBuilder, git_environment, isolate_git
from licence_repos import Workspace, workspace_in

settings.register_profile("suite", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("OTSMATERIALS_HYPOTHESIS", "suite"))


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


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """The bundled demo, built once for the run: read it, never change it (see ``demo_copy``)."""
    root = tmp_path_factory.mktemp("demo")
    with git_environment(root / "home"):
        built = build_demo(root / "demo")
    before = demo_state(built)
    yield built
    changed = demo_changes(built, before)
    assert not changed, f"a test changed the shared demo (give it demo_copy): {changed}"


@pytest.fixture(scope="session")
def demo_index(demo: Demo) -> Iterator[om.Index]:
    """The shared demo's index, opened once for the run (a snapshot: read it only)."""
    with om.Index.open(demo.index) as opened:
        yield opened


@pytest.fixture
def demo_copy(demo: Demo, tmp_path: Path) -> Demo:
    """A copy of the built demo that one test may sync, index and change."""
    return copy_demo(demo, tmp_path / "demo")


@pytest.fixture(scope="session")
def stale_corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """One material with current and outdated translations, built once: read it only."""
    root = tmp_path_factory.mktemp("stale")
    with git_environment(root / "home"):
        return build_stale_corpus(root / "corpus")


@pytest.fixture(scope="module")
def workspace(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Workspace]:
    """The licence and attribution tests' fixture repositories and builds, one per module.

    Modules with other fixture repositories (``indexing.Workspace``) define their own.
    """
    with workspace_in(tmp_path_factory, request.module.__name__.rsplit(".", 1)[-1]) as built:
        yield built
