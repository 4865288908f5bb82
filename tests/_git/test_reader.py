"""Reading a commit's files from a mirror: no checkout, symlinks and submodules skipped."""

from __future__ import annotations

import os

import pytest

import otsmaterials as om

from gitrepos import git, write_catalogue


@pytest.fixture
def synced(tmp_path, make_repo):
    repo = make_repo("reader")
    repo.write(
        {
            "index.md": "# Index\n",
            "core/loops.md": "# Loops\n" + "x" * 5000,
            "exec.sh": "#!/bin/sh\n",
            "data/big.txt": "y" * 200_000,
        }
    )
    (repo.path / "exec.sh").chmod(0o755)
    git("add", "exec.sh", cwd=repo.path)
    repo.symlink("passwd.md", "/etc/passwd").symlink("img", "/")
    raw = os.fsencode(repo.path) + b"/\xff\xfe-bad.md"
    with open(raw, "wb") as handle:
        handle.write(b"# bad name\n")
    git("add", "-A", cwd=repo.path)
    repo.gitlink("vendor/lib", "0" * 39 + "1", "https://example.org/lib")
    commit = repo.commit("files")
    catalogue = om.load_catalogue(
        write_catalogue(
            tmp_path / "c.toml",
            [{"id": "m", "title": "M", "source": str(repo.path)}],
            settings={"allow_local_sources": True},
        )
    )
    om.sync(catalogue, cache=tmp_path / "cache")
    return om.Cache(tmp_path / "cache").mirror("m"), commit


def test_snapshot_lists_regular_files_and_skips_the_rest_with_reasons(synced):
    mirror, commit = synced
    snapshot = mirror.snapshot(commit)
    assert snapshot.commit == commit
    assert snapshot.paths() == [
        ".gitmodules",
        "core/loops.md",
        "data/big.txt",
        "exec.sh",
        "index.md",
    ]
    reasons = {skipped.path: skipped.reason for skipped in snapshot.skipped}
    assert reasons["passwd.md"] == "symlink ignored"
    assert reasons["img"] == "symlink ignored"
    assert reasons["vendor/lib"] == "submodule ignored"
    assert reasons["\\xff\\xfe-bad.md"] == "file name is not valid UTF-8"
    assert [e.executable for e in snapshot.files if e.path == "exec.sh"] == [True]


def test_read_in_batch_with_a_size_cap(synced):
    mirror, commit = synced
    contents, skipped = mirror.snapshot(commit).read(max_size=100_000)
    assert contents["index.md"] == b"# Index\n"
    assert contents["core/loops.md"].startswith(b"# Loops\n")
    assert len(contents["core/loops.md"]) == 8 + 5000
    assert "data/big.txt" not in contents
    assert [(s.path, s.reason) for s in skipped] == [
        ("data/big.txt", "over the size limit (200000 bytes, limit 100000)")
    ]
    assert b"root:" not in b"".join(contents.values())


def test_read_selected_paths_and_subdir(synced):
    mirror, commit = synced
    contents, _ = mirror.snapshot(commit).read(["index.md", "missing.md"])
    assert contents == {"index.md": b"# Index\n"}
    sub = mirror.snapshot(commit, subdir="core")
    assert sub.paths() == ["core/loops.md"]


def test_reading_never_reaches_the_network(synced, monkeypatch):
    mirror, commit = synced
    config = (mirror.path / "config").read_text()
    assert "promisor = true" in config
    # Break the remote: a lazy fetch would now fail loudly; reading must not need one.
    git("config", "remote.origin.url", "https://198.51.100.1/nope.git", cwd=mirror.path)
    contents, _ = mirror.snapshot(commit).read()
    assert contents["index.md"] == b"# Index\n"


def test_branches_and_default_branch(synced):
    mirror, commit = synced
    assert mirror.exists()
    assert mirror.branches() == {"main": commit}
    assert mirror.default_branch() == "main"
    assert mirror.commit() == commit
    with pytest.raises(om.GitError, match="not in the mirror"):
        mirror.commit("nope")
