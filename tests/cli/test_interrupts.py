"""Ctrl-C at any moment of a long command: ``otsmaterials: interrupted``, exit 130, nothing torn.

Each command runs in a child process of its own process group, and SIGINT goes to the whole
group, as a terminal sends it. The moments are spread over the command's run: the test first
waits until the child has used some CPU time or started a process of its own (past the
interpreter's own start, where Python itself reports an interrupt), then sleeps a fraction of
the time an uninterrupted run takes from there. After each interrupt: exit 130 and the one line
(or exit 0 if the command had finished), no traceback, no process left in the group, no git
process left working on the test's files, and every file the command writes is whole: the index
opens, every catalog parses.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import otsmaterials as om
from otsmaterials.gettext.mo import read_mo
from otsmaterials.gettext.reader import parse_po

from demo_fixture import Demo
from gitrepos import RepoBuilder, write_catalogue

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc"),
]

MOMENTS = 4
"""Interrupts per command: four moments spread over its run (a random place in each quarter)."""
_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Outcome:
    code: int
    err: str
    seconds: float
    group_left: bool


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS


def under_way(pid: int) -> bool:
    """Past the interpreter's start: some CPU used, or a process of its own started (a sync
    remembering its catalogue starts git at once and leaves the work to it)."""
    with contextlib.suppress(OSError, IndexError, ValueError):
        if cpu_seconds(pid) >= 0.12:
            return True
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and int(entry.name) != pid:
                with contextlib.suppress(OSError, IndexError, ValueError):
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                    if int(fields[1]) == pid:  # a child of its own (git, a worker)
                        return True
    return False


def run_interrupted(argv: list[str | Path], after: float | None, cwd: Path) -> Outcome:
    """Run ``otsmaterials ARGV``; interrupt its process group ``after`` seconds (or never).

    The time counts from the moment the command is under way (past the interpreter's own start,
    where Python reports a Ctrl-C itself): ``seconds`` is how long it ran from there.
    """
    child = subprocess.Popen(
        [sys.executable, "-m", "otsmaterials", *map(str, argv)],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        while child.poll() is None and not under_way(child.pid):
            time.sleep(0.002)
        started = time.monotonic()
        if after is not None:
            time.sleep(after)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGINT)
        _out, err = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    seconds = time.monotonic() - started
    return Outcome(child.returncode, err, seconds, group_left(child.pid))


def group_left(group: int) -> bool:
    """Whether any process of the child's group (parse workers) outlived it, after a grace."""
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return False
        time.sleep(0.02)
    return True


def processes_using(path: Path) -> list[str]:
    """Command lines of live processes that name ``path`` (a git left working on our files)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if str(path) in line:
            found.append(line)
    return found


def check_interrupted(outcome: Outcome, root: Path) -> None:
    assert "Traceback" not in outcome.err, outcome.err
    assert not outcome.group_left
    if outcome.code == 0:
        return  # the command finished before the interrupt
    assert outcome.code == 130, outcome.err
    assert outcome.err.endswith("otsmaterials: interrupted\n"), outcome.err
    time.sleep(0.05)
    assert processes_using(root) == []


@dataclass
class Scenario:
    """A command, how to set the stage before each run, and how to check the files after."""

    argv: list[str | Path]
    prepare: Callable[[], None]
    check: Callable[[], None]
    cwd: Path


def exercise(scenario: Scenario, seed: int, root: Path) -> list[int]:
    scenario.prepare()
    whole = run_interrupted(scenario.argv, None, scenario.cwd)
    assert whole.code == 0, whole.err
    scenario.check()
    spread = random.Random(seed)
    codes = []
    for scale in (0.8, 0.4, 0.2):  # a run can be quicker than the first: the moments shrink
        for moment in range(MOMENTS):
            scenario.prepare()
            fraction = (moment + spread.random()) / MOMENTS
            outcome = run_interrupted(scenario.argv, fraction * whole.seconds * scale, scenario.cwd)
            check_interrupted(outcome, root)
            scenario.check()
            codes.append(outcome.code)
        if 130 in codes:
            return codes
    raise AssertionError(f"no moment fell inside the command's run ({whole.seconds:.3f} s)")


# --- the index and sync commands on the demo ---------------------------------------------------


def index_is_whole(index: Path) -> None:
    if not index.exists():
        return
    try:
        with om.Index.open(index) as opened:
            assert opened.generation >= 1
            assert opened.lessons()
    except om.IndexNotBuiltError:
        pass  # a first build interrupted before it committed: there is no index yet


def mirrors_are_whole(cache: Path) -> None:
    mirrors = cache / "mirrors"
    for mirror in mirrors.iterdir() if mirrors.is_dir() else ():
        assert om.Cache(cache).mirror(mirror.name.removesuffix(".git")).branches(), mirror


@pytest.mark.parametrize("command", ["build", "sync", "index"])
def test_demo_commands(command: str, demo_copy: Demo, tmp_path: Path) -> None:
    work, catalogue, index = demo_copy.directory, demo_copy.catalogue, demo_copy.index
    cache = work / "cache"
    retitled = catalogue.read_text(encoding="utf-8").replace('title = "', 'title = "New ')

    def prepare() -> None:
        if command in {"build", "sync"}:
            shutil.rmtree(cache / "mirrors", ignore_errors=True)
        if command in {"build", "index"}:
            catalogue.write_text(retitled if catalogue.read_text() != retitled else retitled + "\n")

    def check() -> None:
        mirrors_are_whole(cache)
        index_is_whole(index)

    scenario = Scenario([command, "-c", catalogue], prepare, check, work)
    exercise(scenario, hash(command) % 1000, tmp_path)


def test_demo(tmp_path: Path) -> None:
    target = tmp_path / "made"

    def prepare() -> None:
        shutil.rmtree(target, ignore_errors=True)

    def check() -> None:
        if (target / "otsmaterials.sqlite").exists():
            index_is_whole(target / "otsmaterials.sqlite")
        if (target / "catalogue.toml").exists():
            om.load_catalogue(target / "catalogue.toml")

    exercise(Scenario(["demo", target], prepare, check, tmp_path), 7, tmp_path)


def test_index_with_worker_processes(tmp_path: Path) -> None:
    """Enough files for the parse pool: its worker processes must not report the interrupt."""
    repo = RepoBuilder(tmp_path / "src" / "many")
    repo.write(numbered_lessons(70)).commit("seventy lessons")
    catalogue = write_catalogue(
        tmp_path / "catalogue.toml",
        [{"id": "many", "title": "Many", "source": str(repo.path)}],
        settings={"allow_local_sources": True, "cache_dir": "cache", "index": "index.sqlite"},
    )
    assert om.sync(om.load_catalogue(catalogue)).ok
    index = tmp_path / "index.sqlite"

    def prepare() -> None:
        index.unlink(missing_ok=True)

    exercise(
        Scenario(
            ["index", "-c", catalogue, "--workers", "2"],
            prepare,
            lambda: index_is_whole(index),
            tmp_path,
        ),
        11,
        tmp_path,
    )


# --- the translator commands --------------------------------------------------------------------


def numbered_lessons(count: int) -> dict[str, str]:
    words = " ".join(f"word{k}" for k in range(40))
    return {f"{n:02d}-part{n}.md": f"# Part {n}\n\n{words} part{n}.\n" for n in range(count)}


def lesson(number: int) -> str:
    paragraphs = "\n\n".join(
        f"Paragraph {k} of lesson {number} says something about loops and lists." for k in range(40)
    )
    return f"---\ntitle: Lesson {number}\n---\n\n# Lesson {number}\n\n{paragraphs}\n"


def catalogs_are_whole(root: Path) -> None:
    for path in (root / "locale").rglob("*.po*"):
        parse_po(path.read_bytes(), str(path))
    for path in (root / "locale").rglob("*.mo"):
        read_mo(path.read_bytes(), str(path))


@pytest.mark.parametrize("command", ["extract", "init", "update", "compile"])
def test_translator_commands(command: str, tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "_config.yml").write_text("title: Many lessons\n", encoding="utf-8")
    for number in range(60):
        (root / f"lesson{number:02d}.md").write_text(lesson(number), encoding="utf-8")
    argv: dict[str, list[str | Path]] = {
        "extract": ["extract", "--root", root],
        "init": ["init", "-l", "de", "-l", "fr", "--root", root],
        "update": ["update", "-l", "de", "--root", root],
        "compile": ["compile", "--root", root],
    }
    if command in {"update", "compile"}:
        assert run_interrupted(argv["init"], None, tmp_path).code == 0

    def prepare() -> None:
        if command in {"extract", "init"}:
            shutil.rmtree(root / "locale", ignore_errors=True)
        for path in (root / "locale").rglob("*.mo"):
            path.unlink()
        if command == "update":  # every lesson changed: every catalog is written again
            for path in root.glob("lesson*.md"):
                text = path.read_text(encoding="utf-8")
                path.write_text(text.replace("loops", "loops and more"), encoding="utf-8")

    scenario = Scenario(argv[command], prepare, lambda: catalogs_are_whole(root), tmp_path)
    exercise(scenario, hash(command) % 1000, tmp_path)


# --- an interrupt that lands where Python cannot raise it ---------------------------------------


def run_script(source: str) -> subprocess.CompletedProcess[str]:
    """Run a Python program that drives the command line itself (its ``main()``, as the program)."""
    return subprocess.run(
        [sys.executable, "-c", source], capture_output=True, text=True, timeout=60, check=False
    )


_SWALLOWED = """
import gc, signal, sys, time, weakref
from otsmaterials.cli import main

class Thing:
    def __del__(self):
        if PLACE == "del":
            signal.raise_signal(signal.SIGINT)

def callback(*_args):
    signal.raise_signal(signal.SIGINT)

def work(argv):
    thing = Thing()
    if PLACE == "weakref":
        keep = weakref.ref(thing, callback)
    if PLACE == "gc":
        gc.callbacks.append(callback)
        gc.collect()
    del thing
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        pass
    sys.stdout.write("finished\\n")
    return 0

import otsmaterials.cli._app as app
app.run = lambda argv, **_options: work(argv)
sys.argv = ["otsmaterials", "index"]
sys.exit(main())
"""


@pytest.mark.parametrize("place", ["weakref", "del", "gc"])
def test_interrupt_where_python_cannot_raise_it(place: str) -> None:
    """A Ctrl-C in a weakref callback, a ``__del__`` or a gc callback (the import system's lock
    clean-up is one) is not lost: the command still stops, without a traceback."""
    done = run_script(f"PLACE = {place!r}\n" + _SWALLOWED)
    assert done.returncode == 130, (done.stdout, done.stderr)
    assert done.stdout == ""
    assert done.stderr == "otsmaterials: interrupted\n"


_CONVERTED = """
import signal, sys
import otsmaterials.cli._app as app

class Library:
    def main(self, **_kwargs):
        try:
            signal.raise_signal(signal.SIGINT)  # lands in a library that reports it otherwise
        except KeyboardInterrupt as interrupt:
            raise ERROR("Error building validator") from None

app.cli = Library()
sys.argv = ["otsmaterials", "index"]
from otsmaterials.cli import main
sys.exit(main())
"""


@pytest.mark.parametrize("error", ["RuntimeError", "ValueError", "om.StorageError"])
def test_interrupt_a_library_reports_as_another_error(error: str) -> None:
    """pydantic turns an interrupt that lands while it builds a model's validator into a
    ``SchemaError``: after a Ctrl-C, the run ends as interrupted whatever error follows."""
    done = run_script(f"import otsmaterials as om\nERROR = {error}\n" + _CONVERTED)
    assert (done.returncode, done.stderr) == (130, "otsmaterials: interrupted\n")
