"""Atomic writes clean up after writers that were killed (docs/threat-model.md, atomic-writes)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from otsmaterials._support import atomic


def dead_pid() -> int:
    """The id of a process that has exited (and been reaped)."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout)


def test_a_dead_writers_temporary_is_removed_by_the_next_write(tmp_path: Path) -> None:
    dead = tmp_path / f"{atomic.TEMP_PREFIX}{dead_pid()}-x1.tmp"
    dead.write_bytes(b"half")
    atomic.write_text_atomic(tmp_path / "de.po", 'msgid ""\nmsgstr ""\n')
    assert not dead.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["de.po"]


def test_a_live_writers_fresh_temporary_is_kept(tmp_path: Path) -> None:
    live = tmp_path / f"{atomic.TEMP_PREFIX}{os.getppid()}-x2.tmp"
    live.write_bytes(b"being written")
    foreign = tmp_path / "notes.tmp"
    foreign.write_bytes(b"not ours")
    assert atomic.remove_stale_temporaries(tmp_path) == []
    assert live.exists()
    assert foreign.exists()


def test_an_old_temporary_is_removed_whoever_wrote_it(tmp_path: Path) -> None:
    old = tmp_path / f"{atomic.TEMP_PREFIX}{os.getppid()}-x3.tmp"
    old.write_bytes(b"ancient")
    past = time.time() - atomic.STALE_AFTER - 60
    os.utime(old, (past, past))
    assert atomic.remove_stale_temporaries(tmp_path) == [old]
    assert not old.exists()


def test_a_batch_of_writes_syncs_each_folder_once_at_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    real_fsync = os.fsync

    def counting_fsync(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", counting_fsync)
    batch: set[Path] = set()
    for number in range(5):
        atomic.write_bytes_atomic(tmp_path / f"{number}.po", b"x", batch=batch)
    assert len(synced) == 5  # each file's data, no folder yet
    assert batch == {tmp_path}
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{n}.po" for n in range(5)]
    atomic.sync_directories(batch)
    assert len(synced) == 6  # and the folder once
    atomic.write_bytes_atomic(tmp_path / "alone.po", b"y")
    assert len(synced) == 8  # without a batch: the file and its folder
