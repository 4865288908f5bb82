"""Network acceptance tests of ``otsmaterials.sync()`` and ``otsmaterials sync``.

Every repository here is served over real git smart HTTP by ``tests/githttp.py`` (``git
http-backend`` behind a local threaded server), with faults injected per repository: throttling,
server errors, authentication and missing repositories, a black-hole host, a connection limit.
Each section names the defence of ``docs/threat-model.md`` it shows.
"""

from __future__ import annotations

import json
import os
import random
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import unquote

import pytest

import otsmaterials
from otsmaterials.catalogue import load_catalogue
from otsmaterials.cli import main
from otsmaterials.syncing.retry import RetryPolicy

from githttp import BlackHoleServer, GitHttpServer, http_backend
from gitrepos import RepoBuilder, git, write_catalogue

pytestmark = pytest.mark.skipif(http_backend() is None, reason="git http-backend is not installed")

HTTP_SETTINGS = {
    "allowed_schemes": ["http"],
    "allow_private_hosts": True,
    "retry_delay": 0.01,
    "retries": 2,
    "lock_timeout": 5.0,
}
SECRET = "s3cret"


# --- fixtures and helpers -------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests to 127.0.0.1 never go through a proxy configured on the machine."""
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture
def server(tmp_path: Path):
    with GitHttpServer(tmp_path / "served") as running:
        yield running


@pytest.fixture
def black_hole():
    with BlackHoleServer() as running:
        yield running


def publish(server: GitHttpServer, tmp_path: Path, name: str) -> RepoBuilder:
    """A working repository with one commit, served by ``server`` as ``name``."""
    repo = RepoBuilder(tmp_path / "work" / name)
    repo.write({"README.md": f"# {name}\n", "lesson.md": f"A lesson of {name}.\n"})
    repo.commit(f"start {name}")
    repo.bare(server.repo_path(name))
    return repo


def push_change(server: GitHttpServer, repo: RepoBuilder, name: str) -> str:
    """Commit a change to ``repo`` and push it to the served copy; return the new commit."""
    repo.write({"lesson.md": f"A better lesson of {name}.\n"})
    commit = repo.commit(f"improve {name}", date="2024-02-01T12:00:00+00:00")
    git("push", "-q", str(server.repo_path(name)), "main", cwd=repo.path)
    return commit


def material(ident: str, source: str) -> dict[str, object]:
    return {"id": ident, "title": f"Material {ident}", "source": source}


def catalogue_file(tmp_path: Path, materials: list[dict[str, object]], **settings: object) -> Path:
    return write_catalogue(
        tmp_path / "catalogue.toml", materials, settings={**HTTP_SETTINGS, **settings}
    )


def run_sync(catalogue: Path, cache: Path) -> otsmaterials.SyncReport:
    return otsmaterials.sync(load_catalogue(catalogue), cache=cache)


def by_id(report: otsmaterials.SyncReport) -> dict[str, otsmaterials.SyncResult]:
    return {result.id: result for result in report.results}


def files_containing(root: Path, needle: bytes) -> list[Path]:
    return [
        path
        for path in root.rglob("*")
        if path.is_file() and not path.is_symlink() and needle in path.read_bytes()
    ]


# --- secrets in URLs (threat-model.md, redacted-urls) ---------------------------------------------


def test_password_in_a_failing_url_is_redacted_everywhere_and_env_vars_stay_literal(
    server: GitHttpServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 404 on ``http://user:s3cret@…`` shows ``user:***@`` in the result, the CLI output
    and the JSON report, never the password; ``$HOME`` in the URL path is sent and shown as is."""
    missing = server.url("missing", userinfo=f"user:{SECRET}")
    home_var = f"http://user:{SECRET}@127.0.0.1:{server.port}/$HOME/missing.git"
    catalogue = catalogue_file(
        tmp_path, [material("missing", missing), material("home-var", home_var)]
    )
    cache = tmp_path / "cache"

    results = by_id(run_sync(catalogue, cache))

    for ident in ("missing", "home-var"):
        result = results[ident]
        assert result.status == "failed"
        assert result.error_kind == "not-found"
        assert result.error is not None
        assert "user:***@127.0.0.1" in result.error
        assert "user:***@" in result.source
        assert SECRET not in result.error
        assert SECRET not in result.source
        assert SECRET not in result.model_dump_json()
    home = os.environ["HOME"]
    assert "/$HOME/missing.git" in (results["home-var"].error or "")
    assert home not in (results["home-var"].error or "")
    # The server saw the literal "$HOME": nothing expanded it on the way.
    paths = [unquote(request.path) for request in server.log("$HOME/missing")]
    assert paths
    assert all(path.startswith("/$HOME/missing.git/") for path in paths)
    assert not any(home in request.path for request in server.log())

    # The CLI: the table on stdout, progress on stderr, and the JSON report.
    capsys.readouterr()
    assert main(["sync", "-c", str(catalogue), "--cache", str(cache)]) == 1
    captured = capsys.readouterr()
    assert "user:***@127.0.0.1" in captured.out
    assert "user:***@127.0.0.1" in captured.err
    assert "$HOME/missing.git" in captured.out
    assert SECRET not in captured.out
    assert SECRET not in captured.err

    assert main(["sync", "-c", str(catalogue), "--cache", str(cache), "--json"]) == 1
    captured = capsys.readouterr()
    assert SECRET not in captured.out
    assert SECRET not in captured.err
    document = json.loads(captured.out)
    entries = {entry["id"]: entry for entry in document["materials"]}
    assert document["counts"]["failed"] == 2
    for entry in entries.values():
        assert entry["source"].startswith("http://user:***@127.0.0.1:")
        assert "user:***@" in entry["error"]
    assert "$HOME" in entries["home-var"]["source"]

    # Nothing the sync left on disk holds the password either.
    assert files_containing(cache, SECRET.encode()) == []


def test_password_containing_an_at_sign_is_not_shown_even_in_part(
    server: GitHttpServer, tmp_path: Path
) -> None:
    """A password with an unencoded ``@`` inside: either the catalogue is rejected, or the failure
    is reported, but no part of the password is ever shown."""
    source = f"http://user:s3@cret@127.0.0.1:{server.port}/missing.git"
    catalogue = catalogue_file(tmp_path, [material("at-sign", source)])
    try:
        loaded = load_catalogue(catalogue)
    except otsmaterials.CatalogueError as error:
        shown = [str(error)]
    else:
        result = by_id(otsmaterials.sync(loaded, cache=tmp_path / "cache"))["at-sign"]
        assert result.status == "failed"
        shown = [result.source, result.error or ""]
    assert not [text for text in shown if "cret" in text], shown


# --- no credential prompt on a terminal (threat-model.md, no-prompts) -----------------------------

# Run in a new session (start_new_session), make the terminal on stdin its controlling terminal,
# then become the command: what a login shell does for a program started on a TTY.
_CONTROLLING_TTY = (
    "import fcntl, os, sys, termios\n"
    "fcntl.ioctl(0, termios.TIOCSCTTY, 0)\n"
    "os.execv(sys.argv[1], sys.argv[1:])\n"
)


def run_on_terminal(argv: list[str], *, deadline: float) -> tuple[int | None, str, float]:
    """Run ``argv`` with a pseudo-terminal as its controlling terminal and stdio.

    Returns ``(exit code or None if killed at the deadline, terminal output, seconds)``.
    """
    master, slave = os.openpty()
    started = time.monotonic()
    try:
        process = subprocess.Popen(
            [sys.executable, "-c", _CONTROLLING_TTY, *argv],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            start_new_session=True,
            env=dict(os.environ),
        )
    finally:
        os.close(slave)
    output = bytearray()
    killed = False
    try:
        while True:
            remaining = started + deadline - time.monotonic()
            if remaining <= 0:
                killed = True
                process.kill()
                break
            ready, _, _ = select.select([master], [], [], min(remaining, 0.2))
            if not ready:
                continue
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: every holder of the terminal's other end has closed it
                break
            if not chunk:
                break
            output.extend(chunk)
        code = process.wait(timeout=10)
    finally:
        os.close(master)
    elapsed = time.monotonic() - started
    return (None if killed else code), output.decode("utf-8", "replace"), elapsed


def test_http_401_under_a_terminal_fails_fast_with_no_prompt(
    server: GitHttpServer, tmp_path: Path
) -> None:
    """A repository answering 401 makes ``otsmaterials sync`` on a TTY exit 1, reporting
    "authentication required"; git never asks for a user name (a prompt would wait for an answer
    until the 60 s deadline, far above the second or two the refusal takes, and be killed)."""
    executable = Path(sys.executable).with_name("otsmaterials")
    if not executable.exists():
        pytest.skip("the otsmaterials console script is not installed in this environment")
    server.fail("private", 401, headers={"WWW-Authenticate": 'Basic realm="otsm"'})
    catalogue = catalogue_file(tmp_path, [material("private", server.url("private"))], retries=3)

    code, output, elapsed = run_on_terminal(
        [str(executable), "sync", "-c", str(catalogue), "--cache", str(tmp_path / "cache")],
        deadline=60,
    )

    assert code == 1, f"{output}\n(killed after {elapsed:.1f} s)" if code is None else output
    assert "authentication required" in output
    assert "#" * 30 in output, "the progress bar shows that stderr was the terminal"
    # git's own error quotes "could not read Username for …"; a prompt would not be quoted.
    assert "Username for" not in output.replace("could not read Username for", "")
    assert "Password for" not in output
    # Authentication failures are not retried: one request reached the host.
    assert server.requests("private") == 1
    assert server.statuses("private") == {401: 1}


# --- a host that accepts and never answers (threat-model.md, git-timeouts) ------------------------


def test_black_hole_host_times_out_cleans_up_and_the_others_still_sync(
    server: GitHttpServer, black_hole: BlackHoleServer, tmp_path: Path
) -> None:
    """With ``timeout = 3`` and ``retries = 0`` a clone from a host that never answers fails
    as "timeout" after waiting (at least 1 s; at most 30 s, a generous bound that only says the
    timeout fired), leaves nothing in ``<cache>/tmp/``, and a local and an http material in the
    same catalogue sync."""
    local = RepoBuilder(tmp_path / "work" / "local")
    local.write({"lesson.md": "local lesson\n"})
    local_commit = local.commit("local")
    http_commit = publish(server, tmp_path, "healthy").head()
    catalogue = catalogue_file(
        tmp_path,
        [
            material("stalled", black_hole.url("stalled")),
            material("local", str(local.path)),
            material("healthy", server.url("healthy")),
        ],
        timeout=3,
        retries=0,
        allow_local_sources=True,
    )
    cache = tmp_path / "cache"

    started = time.monotonic()
    results = by_id(run_sync(catalogue, cache))
    elapsed = time.monotonic() - started

    stalled = results["stalled"]
    assert stalled.status == "failed"
    assert stalled.error_kind == "timeout"
    assert stalled.attempts == 1
    assert 1.0 <= stalled.seconds <= 30.0, stalled.seconds
    assert elapsed <= 60.0
    assert black_hole.accepted >= 1, "git really connected to the stalled host"
    assert "timeout" in (stalled.error or "")
    assert list((cache / "tmp").iterdir()) == []
    assert not (cache / "mirrors" / "stalled.git").exists()
    assert results["local"].status == "cloned"
    assert results["local"].commit == local_commit
    assert results["healthy"].status == "cloned"
    assert results["healthy"].commit == http_commit


# --- a failed update keeps the previous mirror (threat-model.md, whole-mirrors) -------------------


def test_update_with_one_host_failing_keeps_its_previous_commit_and_updates_the_rest(
    server: GitHttpServer, tmp_path: Path
) -> None:
    """10 repositories; after a first sync, each gets a new commit and repository 7 answers
    503 to every request → 9 updated and 1 failed (stale) whose mirror still holds the old commit,
    after exactly ``retries + 1`` attempts."""
    names = [f"repo-{number:02d}" for number in range(1, 11)]
    repos = {name: publish(server, tmp_path, name) for name in names}
    catalogue = catalogue_file(tmp_path, [material(name, server.url(name)) for name in names])
    cache = tmp_path / "cache"

    first = by_id(run_sync(catalogue, cache))
    assert {result.status for result in first.values()} == {"cloned"}
    old = {name: first[name].commit for name in names}
    assert old == {name: repos[name].head() for name in names}

    new = {name: push_change(server, repos[name], name) for name in names}
    server.fail("repo-07", 503)
    server.reset_counters()

    report = run_sync(catalogue, cache)
    results = by_id(report)

    assert report.counts() == {"cloned": 0, "updated": 9, "unchanged": 0, "failed": 1}
    for name in names:
        if name == "repo-07":
            continue
        assert results[name].status == "updated"
        assert results[name].commit == new[name]
        assert otsmaterials.Cache(cache).mirror(name).commit() == new[name]
    failed = results["repo-07"]
    assert failed.status == "failed"
    assert failed.stale is True
    assert failed.error_kind == "server"
    assert failed.commit == old["repo-07"]
    assert failed.attempts == HTTP_SETTINGS["retries"] + 1
    assert server.statuses("repo-07") == {503: HTTP_SETTINGS["retries"] + 1}
    assert otsmaterials.Cache(cache).mirror("repo-07").commit() == old["repo-07"]
    assert list((cache / "tmp").iterdir()) == []


def test_fetch_failing_during_an_update_keeps_the_previous_mirror_until_the_host_recovers(
    server: GitHttpServer, tmp_path: Path
) -> None:
    """The network dropping mid-update: ``ls-remote`` sees the new commit but every object
    fetch answers 503 → failed, stale, still the previous commit (no partial ref update); once the
    host recovers, the next sync updates it."""
    repo = publish(server, tmp_path, "flaky")
    catalogue = catalogue_file(tmp_path, [material("flaky", server.url("flaky"))])
    cache = tmp_path / "cache"
    old = by_id(run_sync(catalogue, cache))["flaky"].commit
    new = push_change(server, repo, "flaky")
    server.fail("flaky", 503, phase="fetch")
    server.reset_counters()

    result = by_id(run_sync(catalogue, cache))["flaky"]

    attempts = HTTP_SETTINGS["retries"] + 1
    assert result.status == "failed"
    assert result.error_kind == "server"
    assert result.stale is True
    assert result.commit == old
    assert result.branches == {"main": old}
    assert result.attempts == attempts
    assert server.statuses("flaky", phase="fetch") == {503: attempts}
    assert server.statuses("flaky", phase="ls-refs")[200] >= attempts, "the new commit was seen"
    assert otsmaterials.Cache(cache).mirror("flaky").commit() == old

    server.heal("flaky")
    healed = by_id(run_sync(catalogue, cache))["flaky"]
    assert healed.status == "updated"
    assert healed.commit == new
    assert otsmaterials.Cache(cache).mirror("flaky").commit() == new


# --- many repositories, a throttling host (threat-model.md, polite-sync) --------------------------


def test_120_materials_against_a_throttling_host_all_clone_within_the_per_host_limit(
    tmp_path: Path,
) -> None:
    """120 materials; the host allows 6 requests at once and answers 429 twice per
    repository. With ``jobs = 16``, ``per_host = 4``: everything is cloned, the host never sees
    more than 4 requests at once, and attempts stay bounded (exactly 3 each: 429, 429, success)."""
    retries = 3
    names = [f"m-{number:03d}" for number in range(120)]
    with GitHttpServer(tmp_path / "served", max_concurrent=6, latency=0.005) as host:
        template = publish(host, tmp_path, "template")
        expected = template.head()
        for name in names:
            shutil.copytree(host.repo_path("template"), host.repo_path(name))
            host.fail(name, 429, times=2)
        catalogue = catalogue_file(
            tmp_path,
            [material(name, host.url(name)) for name in names],
            jobs=16,
            per_host=4,
            retries=retries,
            retry_delay=0.01,
        )
        cache = tmp_path / "cache"

        report = run_sync(catalogue, cache)

        assert report.counts()["cloned"] == 120, [r.error for r in report.failed][:3]
        assert all(result.commit == expected for result in report.results)
        assert all(result.attempts <= retries + 1 for result in report.results)
        assert all(result.attempts == 3 for result in report.results)
        assert sum(result.attempts for result in report.results) == 360
        assert 1 < host.peak_concurrency <= 4
        assert host.rejected_over_limit == 0
        statuses = host.statuses()
        assert statuses[429] == 240
        assert set(statuses) == {200, 429}
        for name in ("m-000", "m-059", "m-119"):
            assert host.statuses(name)[429] == 2
            assert otsmaterials.Cache(cache).mirror(name).commit() == expected


# --- 404 is final (threat-model.md, polite-sync) --------------------------------------------------


def test_404_is_not_retried_the_others_finish_and_the_cli_exits_1(
    server: GitHttpServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A repository that answers 404 gets exactly one attempt (one request) and fails as
    "not-found"; the other repositories are cloned; ``otsmaterials sync`` exits with 1."""
    names = ["alpha", "beta", "gamma"]
    commits = {name: publish(server, tmp_path, name).head() for name in names}
    materials = [material(name, server.url(name)) for name in names]
    materials.insert(1, material("gone", server.url("gone")))
    catalogue = catalogue_file(tmp_path, materials, retries=3)

    code = main(["sync", "-c", str(catalogue), "--cache", str(tmp_path / "cache"), "--json"])

    assert code == 1
    document = json.loads(capsys.readouterr().out)
    entries = {entry["id"]: entry for entry in document["materials"]}
    assert entries["gone"]["status"] == "failed"
    assert entries["gone"]["error_kind"] == "not-found"
    assert entries["gone"]["attempts"] == 1
    assert entries["gone"]["stale"] is False
    assert server.requests("gone") == 1
    assert server.statuses("gone") == {404: 1}
    for name in names:
        assert entries[name]["status"] == "cloned"
        assert entries[name]["commit"] == commits[name]
    assert document["counts"] == {"cloned": 3, "updated": 0, "unchanged": 0, "failed": 1}


def test_injected_404_on_an_existing_mirror_is_not_retried_and_keeps_it(
    server: GitHttpServer, tmp_path: Path
) -> None:
    """404 on the update path: a repository that disappears (404 on ``ls-remote``) fails after
    one request, and its previous mirror stays (``stale``)."""
    commit = publish(server, tmp_path, "vanishing").head()
    catalogue = catalogue_file(tmp_path, [material("vanishing", server.url("vanishing"))])
    cache = tmp_path / "cache"
    assert by_id(run_sync(catalogue, cache))["vanishing"].status == "cloned"
    server.fail("vanishing", 404)
    server.reset_counters()

    result = by_id(run_sync(catalogue, cache))["vanishing"]

    assert result.status == "failed"
    assert result.error_kind == "not-found"
    assert result.attempts == 1
    assert result.stale is True
    assert result.commit == commit
    assert server.requests("vanishing") == 1


# --- retries and backoff ----------------------------------------------------------------------


def test_throttled_clone_is_retried_and_then_succeeds(
    server: GitHttpServer, tmp_path: Path
) -> None:
    """429 is transient: two throttled attempts, then the clone succeeds on the third."""
    commit = publish(server, tmp_path, "busy").head()
    server.fail("busy", 429, times=2, headers={"Retry-After": "0"})
    catalogue = catalogue_file(tmp_path, [material("busy", server.url("busy"))], retries=3)
    cache = tmp_path / "cache"

    result = by_id(run_sync(catalogue, cache))["busy"]

    assert result.status == "cloned"
    assert result.attempts == 3
    assert result.commit == commit
    assert result.error is None
    assert server.statuses("busy")[429] == 2
    assert otsmaterials.Cache(cache).mirror("busy").commit() == commit
    assert list((cache / "tmp").iterdir()) == []


def test_throttling_that_outlasts_the_retries_fails_as_throttled(
    server: GitHttpServer, tmp_path: Path
) -> None:
    """A host that keeps answering 429 is tried ``retries + 1`` times, then reported throttled."""
    publish(server, tmp_path, "hot")
    server.fail("hot", 429)
    catalogue = catalogue_file(tmp_path, [material("hot", server.url("hot"))], retries=2)

    result = by_id(run_sync(catalogue, tmp_path / "cache"))["hot"]

    assert result.status == "failed"
    assert result.error_kind == "throttled"
    assert result.attempts == 3
    assert result.stale is False
    assert server.statuses("hot") == {429: 3}


def test_server_error_in_the_middle_of_a_clone_is_retried_from_a_clean_start(
    server: GitHttpServer, tmp_path: Path
) -> None:
    """A 503 after the refs were advertised (the object fetch of a clone) is transient: the clone
    is tried again and succeeds, and no half-made clone is left in ``<cache>/tmp/``."""
    commit = publish(server, tmp_path, "midway").head()
    server.fail("midway", 503, times=1, phase="fetch")
    catalogue = catalogue_file(tmp_path, [material("midway", server.url("midway"))])
    cache = tmp_path / "cache"

    result = by_id(run_sync(catalogue, cache))["midway"]

    assert result.status == "cloned"
    assert result.attempts == 2
    assert result.commit == commit
    assert server.statuses("midway", phase="fetch") == {503: 1, 200: 1}
    assert list((cache / "tmp").iterdir()) == []
    assert sorted(path.name for path in (cache / "mirrors").iterdir()) == ["midway.git"]


class _RecordingRandom(random.Random):
    """A ``random.Random`` whose ``uniform`` returns a fixed point of the requested range."""

    def __init__(self, point: float) -> None:
        super().__init__(0)
        self.point = point
        self.ranges: list[tuple[float, float]] = []

    def uniform(self, a: float, b: float) -> float:
        self.ranges.append((a, b))
        return a + (b - a) * self.point


def test_backoff_doubles_with_jitter_between_half_and_one_and_a_half_and_is_capped() -> None:
    """``RetryPolicy.delay(n)`` = base · 2ⁿ · U(0.5, 1.5), never above ``max_delay``."""
    middle = _RecordingRandom(0.5)
    policy = RetryPolicy(retries=5, base_delay=0.5, max_delay=60.0, rng=middle)
    assert [policy.delay(n) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 8.0, 16.0]
    assert set(middle.ranges) == {(0.5, 1.5)}

    low = RetryPolicy(base_delay=2.0, rng=_RecordingRandom(0.0))
    high = RetryPolicy(base_delay=2.0, rng=_RecordingRandom(1.0))
    assert [low.delay(n) for n in range(4)] == [1.0, 2.0, 4.0, 8.0]
    assert [high.delay(n) for n in range(4)] == [3.0, 6.0, 12.0, 24.0]

    seeded = RetryPolicy(base_delay=1.0, max_delay=60.0, rng=random.Random(1234))
    for attempt in range(6):
        samples = [seeded.delay(attempt) for _ in range(200)]
        low_bound, high_bound = 0.5 * 2**attempt, 1.5 * 2**attempt
        assert all(low_bound <= sample <= high_bound for sample in samples)
        assert len(set(samples)) > 150, "the jitter is random, not constant"
    capped = [seeded.delay(attempt) for attempt in range(6, 16) for _ in range(20)]
    assert max(capped) == 60.0
    assert all(sample <= 60.0 for sample in capped)
    assert RetryPolicy(base_delay=10.0, max_delay=60.0).delay(10) == 60.0
