"""Whatever escapes a command is one line on stderr, never a traceback (``-v`` adds it).

The library's own errors have their codes (``cli/_errors.py``); this is the last guard, for a
bug or an operating-system failure no module expected. Failures are injected into the sync
engine (``run_plan``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from otsmaterials.cli import sync_cmd

from gitrepos import write_catalogue


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    return write_catalogue(tmp_path / "catalogue.toml", [], settings={"cache_dir": "cache"})


@pytest.mark.parametrize(
    ("failure", "line"),
    [
        (ValueError("a value\nover two lines"), "unexpected ValueError: a value over two lines"),
        (KeyError("key"), "unexpected KeyError: 'key'"),
        (RecursionError("deep"), "unexpected RecursionError: deep"),
        (PermissionError(13, "Permission denied", "/x/y"), "Permission denied: /x/y"),
    ],
)
def test_an_unexpected_failure_is_one_line_and_exit_1(
    failure: Exception, line: str, catalogue: Path, monkeypatch: pytest.MonkeyPatch, run
) -> None:
    def sync(*_args: object, **_options: object) -> None:
        raise failure

    monkeypatch.setattr(sync_cmd, "run_plan", sync)
    code, out, err = run("sync", "-c", catalogue)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"otsmaterials: error: {line}"
        + ("" if "Permission" in line else " (a bug: -v shows the traceback)")
    ]


def test_verbose_adds_the_traceback_below_the_line(
    catalogue: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from otsmaterials.cli import main

    def sync(*_args: object, **_options: object) -> None:
        raise ValueError("injected")

    monkeypatch.setattr(sync_cmd, "run_plan", sync)
    assert main(["sync", "-c", str(catalogue), "-v"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("otsmaterials: error: unexpected ValueError: injected")
    assert err[1] == "Traceback (most recent call last):"
    assert err[-1] == "ValueError: injected"
