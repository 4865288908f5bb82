"""Running the command line in the test's own process."""

from __future__ import annotations

from pathlib import Path

import pytest

from otsmaterials.cli import main


class Run:
    """``main(argv)`` in this process: exit code, stdout, stderr (never a traceback)."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    def __call__(self, *argv: str | Path) -> tuple[int, str, str]:
        self.capsys.readouterr()
        code = main([str(arg) for arg in argv])
        out, err = self.capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err
