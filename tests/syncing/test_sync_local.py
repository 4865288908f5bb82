"""Sync against local repositories: incremental updates, and the defences of the threat model.

``docs/threat-model.md`` names each defence; the section headers below say which one they show.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import otsmaterials as om
from otsmaterials._git import process as git_process
from otsmaterials.cli import main

from gitrepos import AUTHOR, RepoBuilder, git, git_wrapper, write_catalogue

LOCAL = {"allow_local_sources": True}


def material(ident: str, source: Path | str, **extra: object) -> dict[str, object]:
    return {"id": ident, "title": ident.title(), "source": str(source), **extra}


@pytest.fixture
def lesson_repo(make_repo) -> RepoBuilder:
    repo = make_repo("lessons")
    repo.write({"index.md": "# Welcome\n", "core/loops.md": "# Loops\n"}).commit("first")
    repo.branch("german").write({"core/loops.md": "# Schleifen\n"}).commit("de")
    repo.checkout("main")
    return repo


@pytest.fixture
def argv_log(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Every argv the library's git adapter starts."""
    calls: list[list[str]] = []
    real = subprocess.Popen

    def recording(args, *a, **k):
        calls.append([str(x) for x in args])
        return real(args, *a, **k)

    monkeypatch.setattr(git_process.subprocess, "Popen", recording)
    return calls


def git_commands(calls: list[list[str]]) -> list[str]:
    return [next(arg for arg in argv[1:] if not arg.startswith("--git-dir")) for argv in calls]


def test_first_sync_clones_and_second_costs_one_git_process(tmp_path, lesson_repo, argv_log):
    """An unchanged local source costs its ``upload-pack``'s advertisement, the program
    ``ls-remote`` would start for it (one process instead of two)."""
    catalogue = om.load_catalogue(
        write_catalogue(
            tmp_path / "c.toml", [material("lessons", lesson_repo.path)], settings=LOCAL
        )
    )
    first = om.sync(catalogue, cache=tmp_path / "cache")
    assert [r.status for r in first.results] == ["cloned"]
    assert first.results[0].commit == lesson_repo.head("main")
    assert set(first.results[0].branches) == {"main", "german"}

    argv_log.clear()
    second = om.sync(catalogue, cache=tmp_path / "cache")
    assert [r.status for r in second.results] == ["unchanged"]
    assert [c for c in git_commands(argv_log) if c != "--version"] == ["upload-pack"]
    assert argv_log[-1][-3:] == ["--advertise-refs", "--", str(lesson_repo.path.resolve())]


def test_changed_repository_is_fetched_and_reported_updated(tmp_path, lesson_repo):
    path = write_catalogue(
        tmp_path / "c.toml", [material("lessons", lesson_repo.path)], settings=LOCAL
    )
    catalogue = om.load_catalogue(path)
    om.sync(catalogue, cache=tmp_path / "cache")
    new = lesson_repo.write({"core/functions.md": "# Functions\n"}).commit("more")
    report = om.sync(catalogue, cache=tmp_path / "cache")
    assert report.results[0].status == "updated"
    assert report.results[0].commit == new
    mirror = om.Cache(tmp_path / "cache").mirror("lessons")
    assert mirror.commit() == new


def test_deleted_branch_is_pruned_and_new_default_branch_followed(tmp_path, lesson_repo):
    catalogue = om.load_catalogue(
        write_catalogue(
            tmp_path / "c.toml", [material("lessons", lesson_repo.path)], settings=LOCAL
        )
    )
    om.sync(catalogue, cache=tmp_path / "cache")
    lesson_repo.branch("trunk").write({"x.md": "# X\n"}).commit("trunk")
    git("branch", "-D", "german", cwd=lesson_repo.path)
    report = om.sync(catalogue, cache=tmp_path / "cache")
    result = report.results[0]
    assert result.status == "updated"
    assert "german" not in result.branches
    assert result.branch == "trunk"  # the source's HEAD now points at trunk


def test_progress_callback_sees_every_material(tmp_path, lesson_repo, make_repo):
    other = make_repo("other")
    other.write({"a.md": "# A\n"}).commit()
    catalogue = om.load_catalogue(
        write_catalogue(
            tmp_path / "c.toml",
            [material("lessons", lesson_repo.path), material("other", other.path)],
            settings=LOCAL,
        )
    )
    events: list[om.SyncProgress] = []
    om.sync(catalogue, cache=tmp_path / "cache", progress=events.append)
    assert sorted(e.material for e in events) == ["lessons", "other"]
    assert sorted(e.completed for e in events) == [1, 2]
    assert all(e.total == 2 and e.result is not None for e in events)


def test_only_and_unknown_id(tmp_path, lesson_repo):
    catalogue = om.load_catalogue(
        write_catalogue(
            tmp_path / "c.toml", [material("lessons", lesson_repo.path)], settings=LOCAL
        )
    )
    with pytest.raises(om.InputError, match="nope"):
        om.sync(catalogue, cache=tmp_path / "cache", only=["nope"])
    report = om.sync(catalogue, cache=tmp_path / "cache", only=["lessons"])
    assert [r.id for r in report.results] == ["lessons"]


def test_offline_uses_mirrors_only(tmp_path, lesson_repo, make_repo, argv_log):
    fresh = make_repo("fresh")
    fresh.write({"a.md": "# A\n"}).commit()
    path = write_catalogue(
        tmp_path / "c.toml", [material("lessons", lesson_repo.path)], settings=LOCAL
    )
    om.sync(om.load_catalogue(path), cache=tmp_path / "cache")
    path = write_catalogue(
        tmp_path / "c.toml",
        [material("lessons", lesson_repo.path), material("fresh", fresh.path)],
        settings=LOCAL,
    )
    argv_log.clear()
    report = om.sync(om.load_catalogue(path), cache=tmp_path / "cache", offline=True)
    by_id = {r.id: r for r in report.results}
    assert by_id["lessons"].status == "unchanged"
    assert by_id["lessons"].commit == lesson_repo.head("main")
    assert by_id["fresh"].status == "failed"
    assert by_id["fresh"].error_kind == "offline"
    assert not {"ls-remote", "upload-pack", "fetch", "clone"} & set(git_commands(argv_log))


def test_missing_catalogue_branch_fails_and_missing_translation_branch_is_noted(
    tmp_path, lesson_repo
):
    catalogue = om.load_catalogue(
        write_catalogue(
            tmp_path / "c.toml",
            [
                material("a", lesson_repo.path, branch="nope"),
                material("b", lesson_repo.path, branches={"fr": "french"}),
            ],
            settings=LOCAL,
        )
    )
    report = om.sync(catalogue, cache=tmp_path / "cache")
    a, b = report.results
    assert a.status == "failed"
    assert a.error_kind == "branch"
    assert "'nope' not found" in (a.error or "")
    assert b.status == "cloned"
    assert any("french" in note for note in b.notes)


def test_changed_source_url_clones_afresh(tmp_path, lesson_repo, make_repo):
    other = make_repo("other")
    commit = other.write({"b.md": "# B\n"}).commit()
    path = write_catalogue(
        tmp_path / "c.toml", [material("lessons", lesson_repo.path)], settings=LOCAL
    )
    om.sync(om.load_catalogue(path), cache=tmp_path / "cache")
    path = write_catalogue(tmp_path / "c.toml", [material("lessons", other.path)], settings=LOCAL)
    report = om.sync(om.load_catalogue(path), cache=tmp_path / "cache")
    assert report.results[0].status == "cloned"
    assert report.results[0].commit == commit
    assert any("URL changed" in note for note in report.results[0].notes)


# --- URLs and branches are checked before git runs (threat-model.md, source-check) ----------------


@pytest.mark.parametrize("source", ["ext::sh -c touch% $TMP/pwn", "fd::17/x"])
def test_transport_helper_urls_never_reach_git(tmp_path, argv_log, source):
    marker = tmp_path / "pwn"
    source = source.replace("$TMP", str(tmp_path))
    with pytest.raises(om.CatalogueError, match="transport helpers"):
        om.load_catalogue(
            write_catalogue(tmp_path / "c.toml", [material("x", source)], settings=LOCAL)
        )
    # Even a catalogue built without load_catalogue is checked again by sync.
    catalogue = om.Catalogue.model_validate(
        {"settings": LOCAL, "materials": [material("x", source)]}
    )
    report = om.sync(catalogue, cache=tmp_path / "cache")
    assert report.results[0].status == "failed"
    assert report.results[0].error_kind == "policy"
    assert not marker.exists()
    assert not any(source in argv for argv in argv_log)


@pytest.mark.parametrize("branch", ["--upload-pack=touch $TMP/pwn", "-uX", "refs/heads/x"])
def test_option_like_branch_is_rejected(tmp_path, lesson_repo, argv_log, branch):
    branch = branch.replace("$TMP", str(tmp_path))
    with pytest.raises(om.CatalogueError, match="invalid branch"):
        om.load_catalogue(
            write_catalogue(
                tmp_path / "c.toml",
                [material("x", lesson_repo.path, branch=branch)],
                settings=LOCAL,
            )
        )
    assert not (tmp_path / "pwn").exists()
    assert argv_log == []
    assert not (tmp_path / "cache").exists()


def test_dash_url_rejected_and_double_dash_before_every_url(tmp_path, lesson_repo, argv_log):
    with pytest.raises(om.CatalogueError, match="must not start with '-'"):
        om.load_catalogue(
            write_catalogue(tmp_path / "c.toml", [material("x", "-uX")], settings=LOCAL)
        )
    catalogue = om.load_catalogue(
        write_catalogue(tmp_path / "c.toml", [material("x", lesson_repo.path)], settings=LOCAL)
    )
    om.sync(catalogue, cache=tmp_path / "cache")
    lesson_repo.write({"n.md": "# N\n"}).commit()
    om.sync(catalogue, cache=tmp_path / "cache")
    url = lesson_repo.path.resolve().as_uri()
    path = str(lesson_repo.path.resolve())
    with_url = [
        (argv, url if url in argv else path) for argv in argv_log if {url, path} & set(argv)
    ]
    assert {git_commands([argv])[0] for argv, _ in with_url} >= {"clone", "upload-pack"}
    for argv, where in with_url:
        assert "--" in argv
        assert argv.index("--") < argv.index(where)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("/home/u/repo", "scheme 'file' not allowed"),
        ("file:///etc", "scheme 'file' not allowed"),
        ("http://example.org/r.git", "scheme 'http' not allowed"),
        ("git://example.org/r.git", "scheme 'git' not allowed"),
        ("https://10.0.0.5/x.git", "host '10.0.0.5' not allowed"),
    ],
)
def test_scheme_and_host_not_allowed(tmp_path, argv_log, source, message):
    with pytest.raises(om.CatalogueError, match=message):
        om.load_catalogue(write_catalogue(tmp_path / "c.toml", [material("x", source)]))
    catalogue = om.Catalogue.model_validate({"materials": [material("x", source)]})
    report = om.sync(catalogue, cache=tmp_path / "cache")
    assert report.results[0].error_kind == "policy"
    assert message in (report.results[0].error or "")
    network = {"ls-remote", "upload-pack", "fetch", "clone"} & set(git_commands(argv_log))
    assert not network


# --- a killed sync leaves nothing the next run trips on (threat-model.md, whole-mirrors) ----------


def _slow_clone_git(tmp_path: Path) -> Path:
    """A ``git`` wrapper on PATH that finishes a clone, then hangs before returning."""
    return git_wrapper(
        tmp_path,
        f"""\
        for arg in "$@"; do
          if [ "$arg" = clone ]; then
            "{{git}}" "$@" || exit $?
            echo $$ > "{tmp_path}/slow.pid"
            exec sleep 60
          fi
        done
        """,
    )


def test_sigkill_mid_clone_then_clean_rerun(tmp_path, lesson_repo, make_repo):
    big = make_repo("big")
    big.write({"a.md": "# A\n"}).commit()
    cache = tmp_path / "cache"
    catalogue_path = write_catalogue(
        tmp_path / "c.toml", [material("lessons", lesson_repo.path)], settings=LOCAL
    )
    om.sync(om.load_catalogue(catalogue_path), cache=cache)
    earlier = om.Cache(cache).mirror("lessons")
    earlier_inode = earlier.path.stat().st_ino
    catalogue_path = write_catalogue(
        tmp_path / "c.toml",
        [material("lessons", lesson_repo.path), material("big", big.path)],
        settings=LOCAL,
    )
    env = dict(os.environ, PATH=f"{_slow_clone_git(tmp_path)}{os.pathsep}{os.environ['PATH']}")
    command = [sys.executable, "-m", "otsmaterials", "sync", "-q", "-c", str(catalogue_path)]
    process = subprocess.Popen([*command, "--cache", str(cache)], env=env)
    pid_file = tmp_path / "slow.pid"
    deadline = time.monotonic() + 30
    while not pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pid_file.exists(), "the clone never started"
    process.send_signal(signal.SIGKILL)
    process.wait()
    os.killpg(int(pid_file.read_text().split()[0]), signal.SIGKILL)  # the orphaned git
    assert list((cache / "tmp").iterdir()), "the killed clone left its temporary directory"
    assert not (cache / "mirrors" / "big.git").exists()

    report = om.sync(om.load_catalogue(catalogue_path), cache=cache)
    assert {r.id: r.status for r in report.results} == {"lessons": "unchanged", "big": "cloned"}
    assert list((cache / "tmp").iterdir()) == []
    assert earlier.path.stat().st_ino == earlier_inode  # the earlier mirror was never replaced


def test_a_git_killed_from_outside_is_tried_again(tmp_path, lesson_repo, make_repo, monkeypatch):
    """A fetch killed by a signal (the out-of-memory killer, a job's time limit) says so and is
    transient: the sync tries again, and the second attempt updates the mirror."""
    cache = tmp_path / "cache"
    settings = {**LOCAL, "retry_delay": 0}
    path = write_catalogue(
        tmp_path / "c.toml", [material("lessons", lesson_repo.path)], settings=settings
    )
    assert om.sync(om.load_catalogue(path), cache=cache).ok
    lesson_repo.write({"new.md": "# New\n"}).commit("a new lesson")
    marker = tmp_path / "killed-once"
    bindir = git_wrapper(
        tmp_path,
        f"""\
        for arg in "$@"; do
          if [ "$arg" = fetch ] && [ ! -e "{marker}" ]; then
            touch "{marker}"
            kill -9 $$
          fi
        done
        """,
    )
    monkeypatch.setenv("PATH", f"{bindir}{os.pathsep}{os.environ['PATH']}")
    [result] = om.sync(om.load_catalogue(path), cache=cache).results
    assert marker.exists()
    assert (result.status, result.attempts) == ("updated", 2)

    retries = {**settings, "retries": 0}
    path = write_catalogue(
        tmp_path / "c.toml", [material("lessons", lesson_repo.path)], settings=retries
    )
    marker.unlink()
    lesson_repo.write({"newer.md": "# Newer\n"}).commit("another lesson")
    [result] = om.sync(om.load_catalogue(path), cache=cache).results
    assert result.status == "failed"
    assert "git fetch failed: killed by signal 9 (SIGKILL)" in (result.error or "")


# --- malformed objects and submodules (threat-model.md, hardened-git) -----------------------------


def _commit_dotgit_tree(repo: RepoBuilder) -> str:
    config = repo.path / "evil-config"
    config.write_text("[core]\n\thooksPath = /tmp\n", encoding="utf-8")
    blob = git("hash-object", "-w", str(config), cwd=repo.path).strip()
    config.unlink()
    inner = subprocess.run(
        ["git", "mktree"], input=f"100644 blob {blob}\tconfig\n", capture_output=True,
        text=True, cwd=repo.path, check=True,
    ).stdout.strip()  # fmt: skip
    base = git("ls-tree", "HEAD", cwd=repo.path)
    tree = subprocess.run(
        ["git", "mktree"], input=base + f"040000 tree {inner}\t.GIT\n", capture_output=True,
        text=True, cwd=repo.path, check=True,
    ).stdout.strip()  # fmt: skip
    commit = git("commit-tree", tree, "-p", "HEAD", "-m", "evil", cwd=repo.path).strip()
    git("update-ref", "refs/heads/main", commit, cwd=repo.path)
    return commit


def test_dotgit_tree_is_refused_and_previous_mirror_kept(tmp_path, lesson_repo):
    catalogue = om.load_catalogue(
        write_catalogue(
            tmp_path / "c.toml", [material("lessons", lesson_repo.path)], settings=LOCAL
        )
    )
    good = lesson_repo.head("main")
    om.sync(catalogue, cache=tmp_path / "cache")
    _commit_dotgit_tree(lesson_repo)
    result = om.sync(catalogue, cache=tmp_path / "cache").results[0]
    assert result.status == "failed"
    assert result.error_kind == "fsck"
    assert "hasDotgit" in (result.error or "")
    assert result.stale
    assert result.commit == good
    assert om.Cache(tmp_path / "cache").mirror("lessons").commit() == good


def test_dotgit_tree_on_first_clone_leaves_nothing(tmp_path, make_repo):
    repo = make_repo("evil")
    repo.write({"a.md": "# A\n"}).commit()
    _commit_dotgit_tree(repo)
    catalogue = om.load_catalogue(
        write_catalogue(tmp_path / "c.toml", [material("evil", repo.path)], settings=LOCAL)
    )
    result = om.sync(catalogue, cache=tmp_path / "cache").results[0]
    assert (result.status, result.error_kind) == ("failed", "fsck")
    assert not (tmp_path / "cache" / "mirrors" / "evil.git").exists()
    assert list((tmp_path / "cache" / "tmp").iterdir()) == []


def test_submodule_is_never_fetched(tmp_path, make_repo):
    sub = make_repo("sub")
    sub.write({"s.md": "# S\n"}).commit()
    marker = tmp_path / "hook-ran"
    hook = sub.path / ".git" / "hooks" / "post-checkout"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\n", encoding="utf-8")
    hook.chmod(0o755)
    repo = make_repo("with-sub")
    repo.write({"index.md": "# I\n"}).gitlink("vendor/sub", sub.head(), str(sub.path)).commit()
    catalogue = om.load_catalogue(
        write_catalogue(tmp_path / "c.toml", [material("m", repo.path)], settings=LOCAL)
    )
    result = om.sync(catalogue, cache=tmp_path / "cache").results[0]
    assert result.status == "cloned"
    mirror = om.Cache(tmp_path / "cache").mirror("m")
    assert not (mirror.path / "modules").exists()
    snapshot = mirror.snapshot(mirror.commit())
    assert ("vendor/sub", "submodule ignored") in {(s.path, s.reason) for s in snapshot.skipped}
    assert not marker.exists()


# --- the user's git configuration does not apply (threat-model.md, hardened-git) ------------------


def test_user_and_global_git_config_are_ignored(tmp_path, make_repo, monkeypatch):
    real = make_repo("real")
    real_commit = real.write({"real.md": "# Real\n"}).commit()
    decoy = make_repo("decoy")
    decoy.write({"decoy.md": "# Decoy\n"}).commit()
    marker = tmp_path / "hook-ran"
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    for name in ("reference-transaction", "post-checkout", "pre-auto-gc", "post-merge"):
        (hooks / name).write_text(f"#!/bin/sh\ntouch {marker}\n", encoding="utf-8")
        (hooks / name).chmod(0o755)
    hostile = (
        f'[core]\n\thooksPath = {hooks}\n[protocol "ext"]\n\tallow = always\n'
        f'[url "{decoy.path.resolve().as_uri()}"]\n\tinsteadOf = {real.path.resolve().as_uri()}\n'
    )
    home = tmp_path / "hostile-home"
    (home / ".config" / "git").mkdir(parents=True)
    (home / ".gitconfig").write_text(hostile, encoding="utf-8")
    (home / ".config" / "git" / "config").write_text(hostile, encoding="utf-8")
    hostile_env = {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
        "GIT_CONFIG_SYSTEM": str(home / ".gitconfig"),
        "GIT_DIR": str(decoy.path / ".git"),
    }
    catalogue = om.load_catalogue(
        write_catalogue(tmp_path / "c.toml", [material("m", real.path)], settings=LOCAL)
    )

    def hostile_sync() -> om.SyncResult:
        with monkeypatch.context() as patch:
            for key, value in hostile_env.items():
                patch.setenv(key, value)
            patch.delenv("GIT_CONFIG_NOSYSTEM")
            return om.sync(catalogue, cache=tmp_path / "cache").results[0]

    first = hostile_sync()
    real.write({"more.md": "# More\n"}).commit()
    second = hostile_sync()
    assert first.status == "cloned"
    assert first.commit == real_commit
    assert second.status == "updated"
    assert second.commit == real.head()
    assert not marker.exists()
    mirror = om.Cache(tmp_path / "cache").mirror("m")
    assert mirror.snapshot(mirror.commit()).paths() == ["more.md", "real.md"]


# --- one sync per cache (threat-model.md, one-writer) ---------------------------------------------


HOLD_LOCK = """
import sys, time
from otsmaterials.syncing.cache import Cache
with Cache(sys.argv[1]).lock(timeout=5):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def _hold_lock(cache: Path, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(cache), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_second_sync_waits_then_fails_naming_the_holder(tmp_path, lesson_repo, capsys):
    path = write_catalogue(
        tmp_path / "c.toml",
        [material("lessons", lesson_repo.path)],
        settings={**LOCAL, "lock_timeout": 0.5},
    )
    holder = _hold_lock(tmp_path / "cache", 30)
    try:
        started = time.monotonic()
        with pytest.raises(om.LockedError, match=f"locked by PID {holder.pid}"):
            om.sync(om.load_catalogue(path), cache=tmp_path / "cache")
        assert time.monotonic() - started >= 0.5
        assert main(["sync", "-q", "-c", str(path), "--cache", str(tmp_path / "cache")]) == 1
        assert f"locked by PID {holder.pid}" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    assert not (tmp_path / "cache" / "mirrors" / "lessons.git").exists()


def test_second_sync_proceeds_when_the_first_finishes(tmp_path, lesson_repo):
    path = write_catalogue(
        tmp_path / "c.toml",
        [material("lessons", lesson_repo.path)],
        settings={**LOCAL, "lock_timeout": 20},
    )
    holder = _hold_lock(tmp_path / "cache", 0.5)
    try:
        report = om.sync(om.load_catalogue(path), cache=tmp_path / "cache")
    finally:
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    assert report.results[0].status == "cloned"


# --- stale git locks (threat-model.md, stale-git-locks) -------------------------------------------


@pytest.mark.parametrize("lock_name", ["shallow.lock", "packed-refs.lock", "refs/heads/main.lock"])
def test_stale_git_lock_is_removed_and_fresh_lock_is_busy(tmp_path, lesson_repo, lock_name):
    path = write_catalogue(
        tmp_path / "c.toml",
        [material("lessons", lesson_repo.path)],
        settings={**LOCAL, "stale_lock_age": 600},
    )
    catalogue = om.load_catalogue(path)
    om.sync(catalogue, cache=tmp_path / "cache")
    mirror = om.Cache(tmp_path / "cache").mirror("lessons")
    lock = mirror.path / lock_name
    lock.write_text("", encoding="utf-8")

    lesson_repo.write({"new.md": "# New\n"}).commit()
    busy = om.sync(catalogue, cache=tmp_path / "cache").results[0]
    assert busy.status == "failed"
    assert busy.error_kind == "busy"
    assert lock.exists()

    old = time.time() - 3600
    os.utime(lock, (old, old))
    result = om.sync(catalogue, cache=tmp_path / "cache").results[0]
    assert result.status == "updated"
    assert not lock.exists()
    assert any("stale git lock" in note for note in result.notes)


# --- the size limit of mirrors, and the CLI report ---------------------------------------------


def test_blobs_over_the_limit_stay_out_of_the_mirror(tmp_path, make_repo):
    repo = make_repo("big-files")
    repo.write({"lesson.md": "# Lesson\n", "video.bin": os.urandom(300_000)}).commit()
    catalogue = om.load_catalogue(
        write_catalogue(
            tmp_path / "c.toml",
            [material("m", repo.path)],
            settings={**LOCAL, "max_blob_size": 100_000},
        )
    )
    assert om.sync(catalogue, cache=tmp_path / "cache").results[0].status == "cloned"
    objects = git("count-objects", "-v", cwd=tmp_path / "cache" / "mirrors" / "m.git")
    size_kib = sum(int(line.split()[1]) for line in objects.splitlines() if "size" in line)
    assert size_kib < 100  # the 300 kB blob was not transferred
    mirror = om.Cache(tmp_path / "cache").mirror("m")
    snapshot = mirror.snapshot(mirror.commit())
    assert snapshot.paths() == ["lesson.md"]
    assert [(s.path, s.reason) for s in snapshot.skipped] == [
        ("video.bin", "not in the mirror (over its size limit)")
    ]


def test_cli_sync_table_json_and_exit_codes(tmp_path, lesson_repo, capsys):
    path = write_catalogue(
        tmp_path / "c.toml",
        [material("lessons", lesson_repo.path), material("gone", tmp_path / "missing")],
        settings=LOCAL,
    )
    code = main(["sync", "-c", str(path), "--cache", str(tmp_path / "cache")])
    out, err = capsys.readouterr()
    assert code == 1
    assert "lessons" in out and "cloned" in out
    assert "gone" in out and "failed" in out and "repository not found" in out
    assert "[1/2]" in err and "[2/2]" in err
    assert "Traceback" not in err

    code = main(
        ["sync", "--json", "--only", "lessons", "-c", str(path), "--cache", str(tmp_path / "cache")]
    )
    out, _ = capsys.readouterr()
    assert code == 0
    import json

    document = json.loads(out)
    assert document["schema_version"] == 1
    assert document["materials"] == [
        {
            **{k: document["materials"][0][k] for k in ("seconds", "branches", "attempts")},
            "id": "lessons",
            "status": "unchanged",
            "commit": lesson_repo.head("main"),
            "branch": "main",
            "error": None,
            "error_kind": None,
            "notes": [],
            "source": str(lesson_repo.path),
            "stale": False,
        }
    ]


def test_cli_allow_local_flag_overrides_catalogue(tmp_path, lesson_repo, capsys):
    path = write_catalogue(tmp_path / "c.toml", [material("lessons", lesson_repo.path)])
    assert main(["sync", "-q", "-c", str(path), "--cache", str(tmp_path / "cache")]) == 2
    assert "allow_local_sources" in capsys.readouterr().err
    assert (
        main(["sync", "-q", "--allow-local", "-c", str(path), "--cache", str(tmp_path / "c2")]) == 0
    )


def test_authors_are_in_the_mirror_history(tmp_path, make_repo):
    repo = make_repo("history")
    repo.write({"a.md": "# A\n"}).commit(author=AUTHOR)
    repo.write({"a.md": "# A2\n"}).commit(author=("Grace Hopper", "grace@example.org"))
    catalogue = om.load_catalogue(
        write_catalogue(tmp_path / "c.toml", [material("h", repo.path)], settings=LOCAL)
    )
    om.sync(catalogue, cache=tmp_path / "cache")
    log = git("log", "--format=%an", "main", cwd=tmp_path / "cache" / "mirrors" / "h.git")
    assert log.split("\n")[:2] == ["Grace Hopper", "Ada Lovelace"]


# --- local sources have no host to be polite to --------------------------------------------------


def _counting_git(tmp_path: Path) -> Path:
    """A ``git`` wrapper on PATH whose ``upload-pack`` (a local source's refs) notes how many run
    at once (each lasts a moment longer than git alone)."""
    running = tmp_path / "running"
    running.mkdir()
    return git_wrapper(
        tmp_path,
        f"""\
        case " $* " in
          *" upload-pack "*)
            touch "{running}/$$"
            sleep 0.5
            ls "{running}" | wc -l >> "{tmp_path}/at-once"
            rm -f "{running}/$$";;
        esac
        """,
    )


def test_local_sources_are_bound_by_jobs_not_per_host(tmp_path, lesson_repo, monkeypatch):
    """``per_host`` spares a server; paths have none, so ``jobs`` alone bounds their sync (the
    no-op sync of many local repositories no longer waits on one host's four places)."""
    materials = [material(f"m{number}", lesson_repo.path) for number in range(4)]
    settings = {**LOCAL, "jobs": 4, "per_host": 1}
    catalogue = om.load_catalogue(
        write_catalogue(tmp_path / "c.toml", materials, settings=settings)
    )
    cache = tmp_path / "cache"
    assert om.sync(catalogue, cache=cache).ok
    monkeypatch.setenv("PATH", f"{_counting_git(tmp_path)}{os.pathsep}{os.environ['PATH']}")

    report = om.sync(catalogue, cache=cache)

    assert [r.status for r in report.results] == ["unchanged"] * 4
    at_once = [int(line) for line in (tmp_path / "at-once").read_text().split()]
    assert len(at_once) == 4
    assert max(at_once) > 1
    assert max(at_once) <= 4


# --- a local source's refs, as its upload-pack advertises them -----------------------------------


@pytest.mark.parametrize("folder", ["Übungen-und-Lösungen", "50%off", "a#b?c", "-dash", "x'y"])
def test_a_local_source_in_any_folder_name_is_synced_and_found_unchanged(
    tmp_path: Path, folder: str
) -> None:
    repo = RepoBuilder(tmp_path / folder / "lessons")
    repo.write({"index.md": "# Welcome\n"}).commit("first")
    repo.branch("german").write({"index.md": "# Willkommen\n"}).commit("de")
    repo.checkout("main")
    catalogue = om.load_catalogue(
        write_catalogue(tmp_path / "c.toml", [material("x", repo.path)], settings=LOCAL)
    )
    assert om.sync(catalogue, cache=tmp_path / "cache").results[0].status == "cloned"
    again = om.sync(catalogue, cache=tmp_path / "cache").results[0]
    assert again.status == "unchanged"
    assert set(again.branches) == {"main", "german"}
    repo.write({"more.md": "# More\n"}).commit("more")
    assert om.sync(catalogue, cache=tmp_path / "cache").results[0].status == "updated"


def test_a_local_source_gone_or_emptied_fails_and_keeps_the_mirror(tmp_path, make_repo):
    repo = make_repo("gone")
    repo.write({"index.md": "# Welcome\n"}).commit("first")
    catalogue = om.load_catalogue(
        write_catalogue(tmp_path / "c.toml", [material("x", repo.path)], settings=LOCAL)
    )
    first = om.sync(catalogue, cache=tmp_path / "cache").results[0]
    shutil.rmtree(repo.path)
    gone = om.sync(catalogue, cache=tmp_path / "cache").results[0]
    assert gone.status == "failed"
    assert gone.error_kind == "not-found"
    assert str(repo.path.resolve()) in (gone.error or "") or repo.path.name in (gone.error or "")
    assert om.Cache(tmp_path / "cache").mirror("x").commit() == first.commit
    git("init", "-q", "-b", "main", str(repo.path), cwd=tmp_path)  # a repository without commits
    emptied = om.sync(catalogue, cache=tmp_path / "cache").results[0]
    assert emptied.status == "failed"
    assert "main" in (emptied.error or "")
    assert om.Cache(tmp_path / "cache").mirror("x").commit() == first.commit


def test_branch_names_git_would_refuse_are_left_out_of_a_local_source(tmp_path, lesson_repo):
    catalogue = om.load_catalogue(
        write_catalogue(tmp_path / "c.toml", [material("x", lesson_repo.path)], settings=LOCAL)
    )
    om.sync(catalogue, cache=tmp_path / "cache")
    git("update-ref", "refs/heads/-dash", "main", cwd=lesson_repo.path)  # not for `git branch`
    git("update-ref", "refs/heads/" + "long/" * 45 + "x", "main", cwd=lesson_repo.path)
    lesson_repo.branch("extra").write({"e.md": "# E\n"}).commit("extra")
    lesson_repo.checkout("main")
    result = om.sync(catalogue, cache=tmp_path / "cache").results[0]
    assert result.status == "updated"
    assert {"main", "german", "extra"} <= set(result.branches)
    # what the advertisement lists and the mirror holds compare equal: nothing to fetch again
    assert om.sync(catalogue, cache=tmp_path / "cache").results[0].status == "unchanged"
