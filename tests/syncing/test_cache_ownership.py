"""The cache removes only what it made; one material failing in a sync is only its failure.

``sync`` used to empty ``tmp/`` of whatever folder ``cache_dir`` named (``cache_dir = "/"`` would
have emptied ``/tmp``). Now a folder holding other people's files, ``tmp/`` included, keeps every
one of them, while a clone folder of a killed sync (its name and its marker) is still cleaned.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import otsmaterials as om
from otsmaterials.syncing import engine as syncing
from otsmaterials.syncing.cache import Cache

from gitrepos import RepoBuilder, write_catalogue


@pytest.fixture
def repo(make_repo) -> RepoBuilder:
    built = make_repo("lessons").write({"intro.md": "# Intro\n\nHello.\n"})
    built.commit("lesson")
    return built


def someone_elses_folder(root: Path, outside: Path) -> dict[str, bytes | None]:
    """Files and folders a user keeps in the folder they named as the cache."""
    outside.mkdir()
    (outside / ".otsmaterials-clone").write_text("a marker, but not in our tmp/\n")
    files = {
        "notes.txt": b"my notes\n",
        "tmp/report.pdf": b"%PDF-1.4\n",
        "tmp/draft/chapter.md": b"# Chapter\n",
        "tmp/lessons-abcd1234/HEAD": b"ref: refs/heads/main\n",  # the old naming of our clones
        "tmp/otsm-clone-lessons-abcd1234/keep.txt": b"named like ours, but no marker\n",
        "mirrors/README": b"a file of theirs among the mirrors\n",
        "home/.profile": b"export X=1\n",
    }
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    (root / "tmp" / "otsm-clone-lessons-efgh5678").symlink_to(outside, target_is_directory=True)
    return {**files, "tmp/otsm-clone-lessons-efgh5678": None}


def assert_untouched(root: Path, expected: dict[str, bytes | None]) -> None:
    for name, data in expected.items():
        path = root / name
        if data is None:
            assert path.is_symlink(), name
        else:
            assert path.read_bytes() == data, name


@pytest.mark.parametrize("how", ["settings", "option"])
def test_a_cache_in_a_folder_of_other_files_leaves_every_one_of_them(
    how: str, tmp_path: Path, repo: RepoBuilder, run
) -> None:
    folder = tmp_path / "shared"
    expected = someone_elses_folder(folder, tmp_path / "outside")
    settings = {"allow_local_sources": True}
    if how == "settings":
        settings["cache_dir"] = str(folder)
    entries = [{"id": "lessons", "title": "Lessons", "source": str(repo.path)}]
    catalogue = write_catalogue(tmp_path / "catalogue.toml", entries, settings=settings)
    options = ["--cache", folder] if how == "option" else []
    for _ in range(2):
        code, _out, _err = run("sync", "-c", catalogue, *options)
        assert code == 0
        assert_untouched(folder, expected)
    assert (tmp_path / "outside" / ".otsmaterials-clone").is_file()
    assert om.Cache(folder).mirror("lessons").exists()


def test_a_clone_folder_left_by_a_killed_sync_is_removed(tmp_path: Path, repo: RepoBuilder) -> None:
    cache = Cache(tmp_path / "cache")
    cache.prepare()
    leftover = cache.new_clone_dir("lessons")
    (leftover / "mirror.git").mkdir()
    (leftover / "mirror.git" / "HEAD").write_text("ref: refs/heads/main\n")
    entries = [{"id": "lessons", "title": "Lessons", "source": str(repo.path)}]
    catalogue = write_catalogue(
        tmp_path / "catalogue.toml", entries, settings={"allow_local_sources": True}
    )
    report = om.sync(om.load_catalogue(catalogue), cache=cache.root)
    assert report.ok
    assert not leftover.exists()
    assert os.listdir(cache.tmp_dir) == []


def test_one_material_failing_unexpectedly_is_its_failure_and_the_others_sync(
    tmp_path: Path, make_repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    repos = {name: make_repo(name).write({"a.md": f"# {name}\n"}) for name in ("a", "b", "c")}
    for built in repos.values():
        built.commit("lesson")
    real = syncing._Syncer._update

    def update(self, spec, source, mirror, outcome):
        if spec.id == "b":
            raise ValueError("injected")
        return real(self, spec, source, mirror, outcome)

    monkeypatch.setattr(syncing._Syncer, "_update", update)
    entries = [{"id": n, "title": n, "source": str(r.path)} for n, r in repos.items()]
    catalogue = write_catalogue(
        tmp_path / "catalogue.toml", entries, settings={"allow_local_sources": True}
    )
    report = om.sync(om.load_catalogue(catalogue), cache=tmp_path / "cache")
    assert [r.status for r in report.results] == ["cloned", "failed", "cloned"]
    failed = report.results[1]
    assert failed.error.startswith("unexpected ValueError: injected (at test_cache_ownership.py")
    assert failed.error_kind == "error"
