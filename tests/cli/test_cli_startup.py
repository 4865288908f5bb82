"""The command line loads a command's modules only when that command runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from demo_fixture import Demo

PROBE = """
import sys
from otsmaterials.cli import main
code = main({args!r})
loaded = sorted(m for m in sys.modules if m.startswith(("otsmaterials.", "pydantic")))
print("LOADED", " ".join(loaded))
"""


def loaded_by(*args: str, env: dict[str, str] | None = None) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=list(args))],
        capture_output=True,
        text=True,
        check=True,
        env=env,
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


@pytest.mark.parametrize("command", [("list",), ("search", "loop"), ("topics",)])
def test_a_query_command_loads_neither_the_build_nor_the_catalogue_checks(
    demo: Demo, command: tuple[str, ...]
) -> None:
    loaded = loaded_by(*command, "-c", str(demo.catalogue))
    assert "otsmaterials.cli.query_cmd" in loaded
    assert "otsmaterials.index.snapshot" in loaded
    heavy = {
        "otsmaterials.index.build",
        "otsmaterials.index.material",
        "otsmaterials.catalogue.load",
        "otsmaterials.catalogue.learn",
        "otsmaterials.index.export",
        "otsmaterials.attribution.render",
        "otsmaterials._git.history",
        "otsmaterials.catalogue.model",
    }
    assert not loaded & heavy


PARSERS = {
    "otsmaterials.index.material",
    "otsmaterials.index.parsing",
    "otsmaterials.formats.markdown",
    "otsmaterials.formats.document",
    "otsmaterials.licensing.detect",
}


def test_an_index_that_finds_nothing_changed_loads_no_parser(demo: Demo) -> None:
    """The indexing pipeline was most of a no-op ``index``'s start (docs/performance.md)."""
    loaded = loaded_by("index", "-q", "-c", str(demo.catalogue))
    assert "otsmaterials.index.build" in loaded
    assert not loaded & PARSERS


def test_an_index_with_a_material_to_read_loads_the_parsers(demo: Demo, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.sqlite"
    loaded = loaded_by("index", "-q", "-c", str(demo.catalogue), "--index", str(fresh))
    assert loaded >= PARSERS
    assert fresh.is_file()


@pytest.mark.parametrize(
    "command",
    [("list",), ("list", "-l", "de_DE", "--topic", "python"), ("search", "loop", "-l", "de")],
)
def test_the_tables_of_list_and_search_load_no_model(demo: Demo, command: tuple[str, ...]) -> None:
    """pydantic and the models' validators were most of such a process (docs/performance.md)."""
    loaded = loaded_by(*command, "-c", str(demo.catalogue))
    assert "otsmaterials.index.glance" in loaded or "otsmaterials.index.fulltext" in loaded
    assert not {m for m in loaded if m.startswith("pydantic")}
    assert "otsmaterials.index.models" not in loaded
    assert "otsmaterials.index.query" not in loaded
    with_json = loaded_by(*command, "--json", "-c", str(demo.catalogue))
    assert "otsmaterials.index.query" in with_json


@pytest.mark.parametrize("command", [("list",), ("search", "loop"), ("--version",)])
def test_a_run_in_english_reads_no_message_catalog(demo: Demo, command: tuple[str, ...]) -> None:
    """The gettext readers load with the first message catalog read, never for English; for a
    German error message they do."""
    unset = {"LANGUAGE", "LC_ALL", "LC_MESSAGES"}
    english = {k: v for k, v in os.environ.items() if k not in unset}
    english["LANG"] = "C.UTF-8"
    args = (*command, "-c", str(demo.catalogue)) if command[0] != "--version" else command
    loaded = loaded_by(*args, env=english)
    readers = {"otsmaterials.gettext.reader", "otsmaterials.gettext.mo"}
    assert not loaded & readers
    german = {**english, "LANG": "de_DE.UTF-8"}
    assert loaded_by("show", "no/such-lesson", "-c", str(demo.catalogue), env=german) & readers


def test_a_query_finds_the_index_of_a_catalogue_whose_materials_are_wrong(
    demo: Demo, tmp_path: Path
) -> None:
    """Only ``[settings] index`` matters to a query; a catalogue it cannot read is loaded in full,
    which names the file and line."""
    index = demo.index
    broken = tmp_path / "broken.toml"
    broken.write_text(
        f'name = "x"\n[settings]\nindex = "{index}"\n[[materials]]\nid = "Not An Id"\n',
        encoding="utf-8",
    )
    loaded = loaded_by("list", "-c", str(broken))
    assert "otsmaterials.catalogue.load" not in loaded
    listed = list_with(broken)
    assert listed.returncode == 0, listed.stderr
    assert "python-sphinx/loops" in listed.stdout
    broken.write_text('name = "x"\n[settings]\nindex = 3\n', encoding="utf-8")
    failed = list_with(broken)
    assert failed.returncode != 0
    assert str(broken) in failed.stderr
    assert "index" in failed.stderr
    broken.write_text('name = "x"\n[settings\n', encoding="utf-8")
    failed = list_with(broken)
    assert failed.returncode != 0
    assert "line 2" in failed.stderr


def list_with(catalogue: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "otsmaterials", "list", "-c", str(catalogue)],
        capture_output=True,
        text=True,
        check=False,
    )


FREEZE_PROBE = """
import gc, sys
from otsmaterials.cli import main
{call}
print("FROZEN", gc.get_freeze_count(), gc.isenabled())
"""


@pytest.mark.parametrize(
    ("call", "owns_process"),
    [
        ("sys.argv = ['otsmaterials', {args}]; code = main()", True),
        ("code = main([{args}])", False),
    ],
)
def test_the_program_sets_what_a_command_loads_aside_from_the_collector(
    demo: Demo, call: str, owns_process: bool
) -> None:
    """Run as the program, what a command loaded is frozen (the collector's passes skip it) and
    the collector runs; a caller of ``main(argv)`` finds its collector as it was."""
    for args in (
        ["list", "-c", str(demo.catalogue)],
        ["search", "loop", "-c", str(demo.catalogue)],
    ):
        quoted = ", ".join(repr(arg) for arg in args)
        done = subprocess.run(
            [sys.executable, "-c", FREEZE_PROBE.format(call=call.format(args=quoted))],
            capture_output=True,
            text=True,
            check=True,
        )
        assert "python-sphinx/loops" in done.stdout
        frozen, enabled = done.stdout.split("FROZEN ")[1].split()
        assert enabled == "True"
        assert (int(frozen) > 1000) is owns_process
