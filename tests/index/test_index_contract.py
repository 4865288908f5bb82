"""The index file is a clear contract: what is ours, what happens when it cannot be written or read.

* A full disk or a read-only location while building: one line, the old index intact.
* A file that is not our index (another application's SQLite database, no database at all) is
  refused before anything could change it.
* A read-only index (file, folder) can be queried.
* An index whose first build never finished says "not built yet: run `otsmaterials build`", exit 2.
* No ``-wal``/``-shm`` file stays next to the index after a command.

Commands that must meet the operating system's limits run in a child process: a file-size limit
stands for a full disk, and a child without the capability to override file permissions stands
for another user when the tests run as root.
"""

from __future__ import annotations

import ctypes
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest

import otsmaterials as om
from otsmaterials.index.identity import APPLICATION_ID

from demo_fixture import Corpus, Demo, numbered_lessons, pragma, table_contents

NOT_BUILT = "not built yet: run `otsmaterials build`"
QUERIES = [
    ["list"],
    ["show", "python-sphinx/loops"],
    ["search", "loop"],
    ["topics"],
    ["languages"],
    ["export", "--format", "json"],
]


def cli(*args: str | Path, preexec: Callable[[], None] | None = None) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "otsmaterials", *map(str, args)],
        capture_output=True,
        text=True,
        preexec_fn=preexec,
        check=False,
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


def sidecars(index: Path) -> list[str]:
    return sorted(p.name for p in index.parent.iterdir() if p.name.startswith(f"{index.name}-"))


def one_error_line(err: str) -> str:
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("otsmaterials: error:")]
    assert len(lines) == 1, err
    return lines[0]


def rename_titles(catalogue: Path) -> None:
    """Change every material's title: the next build must write all of them again."""
    text = catalogue.read_text(encoding="utf-8")
    lines = [
        line.replace('"\n', ' (changed)"\n') if line.startswith("title = ") else line
        for line in text.splitlines(keepends=True)
    ]
    catalogue.write_text("".join(lines), encoding="utf-8")


# --- no -wal/-shm files ---------------------------------------------------------------------------


def test_no_wal_or_shm_file_stays_after_any_command(demo_copy: Demo, run) -> None:
    rename_titles(demo_copy.catalogue)
    assert cli("index", "-c", demo_copy.catalogue)[0] == 0
    assert sidecars(demo_copy.index) == []
    for args in (*QUERIES, ["build", "--offline"]):
        code, _out, err = run(*args, "-c", demo_copy.catalogue)
        assert code == 0, (args, err)
        assert sidecars(demo_copy.index) == [], args
    with om.Index.open(demo_copy.index) as index:
        assert sidecars(demo_copy.index) == ["otsmaterials.sqlite-shm", "otsmaterials.sqlite-wal"]
        assert index.material("python-sphinx").title.endswith("(changed)")
    assert sidecars(demo_copy.index) == []  # closing the last connection removes them


# --- what is ours ----------------------------------------------------------------------------


def foreign_database(path: Path, *, application_id: int = 0, wal: bool = False) -> bytes:
    with closing(sqlite3.connect(path)) as connection:
        if wal:
            connection.execute("PRAGMA journal_mode = WAL")
        connection.execute(f"PRAGMA application_id = {application_id}")
        connection.execute("PRAGMA user_version = 2")
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        connection.execute("CREATE TABLE meta (key TEXT, value TEXT)")
        connection.execute("INSERT INTO notes (text) VALUES ('buy milk')")
        connection.commit()
    return path.read_bytes()


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("a database of tables of its own", foreign_database),
        ("another application's id", lambda p: foreign_database(p, application_id=0x47504B47)),
        ("a WAL database", lambda p: foreign_database(p, wal=True)),
        ("no database at all", lambda p: p.write_bytes(b"SQLite format 2\x00" + b"x" * 200)),
    ],
)
def test_a_file_that_is_not_our_index_is_refused_and_left_unchanged(
    name: str, make: Callable[[Path], object], demo: Demo, tmp_path: Path, run
) -> None:
    target = tmp_path / "theirs.sqlite"
    make(target)
    before = target.read_bytes()
    for args in (["index", "-c", demo.catalogue], ["list"], ["export"]):
        code, out, err = run(*args, "--index", target)
        assert (code, out) == (1, ""), (name, args)
        assert "not an otsmaterials index" in one_error_line(err)
        assert "left unchanged" in err
        assert target.read_bytes() == before
        assert sidecars(target) == []


def test_an_index_written_before_its_application_id_is_still_ours(demo_copy: Demo, run) -> None:
    with closing(sqlite3.connect(demo_copy.index)) as connection:
        connection.execute("PRAGMA application_id = 0")
    assert pragma(demo_copy.index, "application_id") == 0
    assert run("list", "--index", demo_copy.index)[0] == 0
    rename_titles(demo_copy.catalogue)
    assert run("index", "-c", demo_copy.catalogue)[0] == 0
    assert pragma(demo_copy.index, "application_id") == APPLICATION_ID


@pytest.mark.parametrize("where", ["/proc/otsmaterials.sqlite", "/proc/otsmaterials/x.sqlite"])
def test_an_index_where_no_file_can_be_made_is_one_line(where: str, demo: Demo, run) -> None:
    code, _out, err = run("index", "-c", demo.catalogue, "--index", where)
    assert code == 1
    assert f"{where}: cannot write the index" in one_error_line(err)


# --- full disk, read-only location ----------------------------------------------------------------


def file_size_limit(size: int) -> Callable[[], None]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def test_a_full_disk_while_building_is_one_line_and_the_old_index_stays(demo_copy: Demo) -> None:
    tables, before = table_contents(demo_copy.index), demo_copy.index.read_bytes()
    rename_titles(demo_copy.catalogue)
    code, _out, err = cli("index", "-c", demo_copy.catalogue, preexec=file_size_limit(64 * 1024))
    assert code == 1
    line = one_error_line(err)
    assert "cannot write the index" in line
    assert "the previous index is unchanged" in line
    assert demo_copy.index.read_bytes() == before
    assert table_contents(demo_copy.index) == tables
    assert pragma(demo_copy.index, "quick_check") == "ok"
    assert (
        cli("index", "-c", demo_copy.catalogue)[0] == 0
    )  # with room again, the build goes through


_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER = 1, 2, 3
_PR_CAPBSET_DROP = 24


def _without_override() -> None:
    """In the child: no capability to override file permissions (root becomes an ordinary user)."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH, _CAP_FOWNER):
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop a capability")


@pytest.fixture
def read_only_index(demo_copy: Demo) -> Iterator[Path]:
    folder = demo_copy.directory / "published"
    folder.mkdir()
    index = folder / "index.sqlite"
    shutil.copy(demo_copy.index, index)
    index.chmod(0o444)
    folder.chmod(0o555)
    probe = subprocess.run(
        [sys.executable, "-c", f"open({str(index)!r}, 'ab')"],
        preexec_fn=_without_override,
        capture_output=True,
        check=False,
    )
    if probe.returncode == 0:
        folder.chmod(0o755)
        pytest.skip("this process can write a read-only file (no way to drop the capability)")
    yield index
    folder.chmod(0o755)


def test_a_read_only_index_can_be_queried(read_only_index: Path) -> None:
    before = sorted(os.listdir(read_only_index.parent))
    for args in (QUERIES[0], QUERIES[2], QUERIES[5]):
        code, out, err = cli(*args, "--index", read_only_index, preexec=_without_override)
        assert code == 0, (args, err)
        assert out
    assert sorted(os.listdir(read_only_index.parent)) == before


def test_building_a_read_only_index_is_one_line_and_changes_nothing(
    demo_copy: Demo, read_only_index: Path
) -> None:
    before = read_only_index.read_bytes()
    rename_titles(demo_copy.catalogue)
    code, _out, err = cli(
        "index", "-c", demo_copy.catalogue, "--index", read_only_index, preexec=_without_override
    )
    assert code == 1
    assert "read-only" in one_error_line(err)
    assert read_only_index.read_bytes() == before
    assert sidecars(read_only_index) == []


# --- a first build that never finished ----------------------------------------------------------

_HELD_FIRST_BUILD = textwrap.dedent(
    """
    import sys
    import time

    import otsmaterials as om

    def progress(event):
        print("progress", event.material, flush=True)
        time.sleep(60)  # hold the first build inside its write transaction until killed

    om.build_index(om.load_catalogue(sys.argv[1]), progress=progress)
    """
)


def killed_first_build(corpus: Corpus) -> None:
    script = corpus.root / "held_build.py"
    script.write_text(_HELD_FIRST_BUILD, encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, str(script), str(corpus.catalogue_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().startswith("progress")
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        assert child.stdout is not None
        child.stdout.close()


def test_an_index_whose_first_build_never_finished_says_so(tmp_path: Path, run) -> None:
    corpus = Corpus(tmp_path / "corpus")
    corpus.add("alpha", numbered_lessons("alpha", 2))
    corpus.write_catalogue()
    corpus.sync()
    killed_first_build(corpus)
    assert corpus.index_path.is_file()
    for args in ([*query, "-c", corpus.catalogue_path] for query in QUERIES[:1] + QUERIES[2:]):
        code, out, err = run(*args)
        assert (code, out) == (2, ""), args
        assert one_error_line(err).endswith(f"{corpus.index_path}: {NOT_BUILT}")
    with pytest.raises(om.IndexNotBuiltError, match="not built yet"):
        om.Index.open(corpus.index_path)
    assert run("index", "-c", corpus.catalogue_path)[0] == 0
    code, out, _err = run("list", "-c", corpus.catalogue_path)
    assert code == 0
    assert "alpha/01-part1" in out


_KILLED_AFTER_COMMIT = textwrap.dedent(
    """
    import os
    import sys
    from pathlib import Path

    import otsmaterials as om
    from otsmaterials.index import store

    index = Path(sys.argv[2])
    held = store.connect(index)  # a connection still open: the build's close checkpoints nothing
    held.execute("SELECT 1").fetchall()
    om.build_index(om.load_catalogue(sys.argv[1]), index=index)
    os._exit(0)  # killed before any connection closed: the build is in the -wal file only
    """
)


def test_a_build_committed_only_to_the_wal_is_read(demo: Demo, tmp_path: Path, run) -> None:
    index = tmp_path / "index.sqlite"
    script = tmp_path / "killed_after_commit.py"
    script.write_text(_KILLED_AFTER_COMMIT, encoding="utf-8")
    subprocess.run([sys.executable, str(script), str(demo.catalogue), str(index)], check=True)
    assert Path(f"{index}-wal").stat().st_size > index.stat().st_size
    code, out, err = run("list", "--index", index)
    assert code == 0, err
    assert "python-sphinx/loops" in out
    assert sidecars(index) == []
