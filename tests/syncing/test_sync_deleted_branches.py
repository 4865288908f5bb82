"""The last good state survives upstream deletions of the branches a catalogue needs.

``sync`` fetched with ``--prune``: a configured branch deleted upstream vanished from the mirror
and its last good commit with it, although the report said the sync failed. Now the branch stays
at that commit, the material is ``failed`` and ``stale``, and the index keeps its lessons; a
translation branch deleted upstream stays too (a note); other branches go as before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import otsmaterials as om

from gitrepos import RepoBuilder, git, write_catalogue

GERMAN = (
    "Die Schleifen wiederholen die Dinge, und wir können sie in einer Liste immer wieder "
    "verwenden. Das ist nicht schwer, wenn man es einmal gesehen hat.\n"
)


@pytest.fixture
def repo(make_repo) -> RepoBuilder:
    built = make_repo("lessons")
    built.write({"intro.md": "# Introduction\n\nLoops repeat things.\n"}).commit("main")
    built.branch("release").write({"setup.md": "# Setup\n\nInstall Python.\n"}).commit("release")
    built.branch("german", start="main")
    built.write({"intro.md": "# Einführung\n\n" + GERMAN})
    built.commit("Deutsch")
    built.branch("scratch", start="main").commit("an experiment")
    built.checkout("main")
    return built


def catalogue_for(tmp_path: Path, repo: RepoBuilder, **entry: object) -> om.Catalogue:
    materials = [{"id": "lessons", "title": "Lessons", "source": str(repo.path), **entry}]
    path = write_catalogue(
        tmp_path / "catalogue.toml",
        materials,
        settings={"allow_local_sources": True, "cache_dir": "cache", "index": "index.sqlite"},
    )
    return om.load_catalogue(path)


def mirror_branches(tmp_path: Path) -> dict[str, str]:
    return om.Cache(tmp_path / "cache").mirror("lessons").branches()


def test_a_configured_branch_deleted_upstream_stays_at_its_last_commit_reported_stale(
    tmp_path: Path, repo: RepoBuilder
) -> None:
    catalogue = catalogue_for(tmp_path, repo, branch="release")
    first = om.build(catalogue)
    assert first.ok
    release = repo.head("release")
    git("branch", "-D", "release", cwd=repo.path)
    for _ in range(2):  # and again: the kept branch is no reason to fetch
        report = om.build(catalogue)
        result = report.sync.results[0]
        assert (result.status, result.stale, result.error_kind) == ("failed", True, "branch")
        assert result.commit == release
        assert "deleted upstream" in (result.error or "")
        assert mirror_branches(tmp_path)["release"] == release
        assert report.index.materials[0].status == "unchanged"
        with om.Index.open(tmp_path / "index.sqlite") as index:
            assert {lesson.id for lesson in index.lessons()} == {"lessons/intro", "lessons/setup"}


def test_the_default_branch_deleted_upstream_stays_too(tmp_path: Path, repo: RepoBuilder) -> None:
    catalogue = catalogue_for(tmp_path, repo)
    assert om.sync(catalogue).ok
    main = repo.head("main")
    repo.checkout("release")
    git("branch", "-D", "main", cwd=repo.path)
    git("symbolic-ref", "HEAD", "refs/heads/gone", cwd=repo.path)  # a dangling default
    result = om.sync(catalogue).results[0]
    assert (result.status, result.stale, result.commit) == ("failed", True, main)
    assert mirror_branches(tmp_path)["main"] == main


def test_a_translation_branch_deleted_upstream_stays_with_a_note(
    tmp_path: Path, repo: RepoBuilder
) -> None:
    catalogue = catalogue_for(tmp_path, repo, branches={"de": "german"})
    assert om.build(catalogue).ok
    german = repo.head("german")
    repo.write({"more.md": "# More\n\nText.\n"}).commit("more on main")
    git("branch", "-D", "german", "scratch", cwd=repo.path)
    report = om.build(catalogue)
    result = report.sync.results[0]
    assert (result.status, result.stale) == ("updated", False)
    assert any("'german' (de) was deleted upstream" in note for note in result.notes)
    branches = mirror_branches(tmp_path)
    assert branches["german"] == german
    assert "scratch" not in branches  # a branch no one asked for goes, as before
    with om.Index.open(tmp_path / "index.sqlite") as index:
        assert set(index.lesson("lessons/intro").versions) == {"en", "de"}
        assert "lessons/more" in {lesson.id for lesson in index.lessons()}
