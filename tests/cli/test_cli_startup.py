"""The command line loads a command's modules only when that command runs."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from otsmaterials.cli import main
code = main({args!r})
loaded = sorted(m for m in sys.modules if m.startswith("otsmaterials."))
print("LOADED", " ".join(loaded))
"""


def loaded_by(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=list(args))],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in done.stdout.splitlines() if line.startswith("LOADED"))
    return set(line.split()[1:])


def test_version_loads_no_command_module() -> None:
    loaded = loaded_by("--version")
    assert not {m for m in loaded if m.endswith("_cmd")}
    assert "otsmaterials.index.query" not in loaded
    assert "otsmaterials.catalogue.model" not in loaded


def test_a_translator_command_does_not_load_the_index_or_sync() -> None:
    loaded = loaded_by("update", "--help")
    assert "otsmaterials.cli.translate_cmd" in loaded
    assert {m for m in loaded if m.endswith("_cmd")} == {"otsmaterials.cli.translate_cmd"}
    assert "otsmaterials.index.query" not in loaded
    assert "otsmaterials.syncing.run" not in loaded


def test_help_lists_every_command_and_check_its_two() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "otsmaterials", "--help"], capture_output=True, text=True, check=True
    )
    for name in ("build", "check", "extract", "import-translation", "search", "update"):
        assert f"\n  {name} " in done.stdout
    done = subprocess.run(
        [sys.executable, "-m", "otsmaterials", "check", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "licenses" in done.stdout
    assert "translations" in done.stdout
