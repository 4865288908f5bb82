"""Golden files: an output compared with the file that says what it must be.

After an intended change of output, rewrite the golden files of a test module with::

    OTSMATERIALS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/<folder>/<module>.py

and read the diff before committing it: a golden file is a claim about the right output, not a
snapshot of whatever the code does. Files written by hand (the expected output where a known bug
gives another) are never rewritten.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from otsmaterials._version import __version__

UPDATE = os.environ.get("OTSMATERIALS_UPDATE_GOLDEN") == "1"
"""Rewrite golden files instead of comparing with them."""

GENERATOR = "X-Generator: otsmaterials VERSION\\n"
"""The ``X-Generator`` header of golden catalogs: the same whatever the library's version."""


def assert_golden(actual: str, expected: Path, *, hand_written: bool = False) -> None:
    """``actual`` is the content of ``expected`` (UTF-8, line endings included)."""
    if UPDATE and not hand_written:
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_bytes(actual.encode("utf-8"))
    if not expected.is_file():
        pytest.fail(f"{expected.name} is missing: run with OTSMATERIALS_UPDATE_GOLDEN=1, review it")
    assert actual == expected.read_bytes().decode("utf-8")


def stable(text: str) -> str:
    """``text`` with the library's version in ``X-Generator`` replaced by ``VERSION``."""
    return text.replace(f"X-Generator: otsmaterials {__version__}\\n", GENERATOR)
