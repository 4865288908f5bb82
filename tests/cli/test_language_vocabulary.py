"""One language vocabulary: every command takes the spellings translators bring, alike.

``de_DE``, ``de-de``, ``DE-de``, ``deu`` and ``ger`` mean the same language to ``list``,
``search``, ``export`` and ``attribution`` (``-l``, ``--language`` or ``--locale``) and to the
translator commands; a regional tag without versions falls back to its language with a note, and
a language without versions is an input error naming those that have some, never an empty table.
``--json`` is the same as ``--format json`` where a command has ``--format``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from otsmaterials.languages.tags import normalize_language

from clirun import Run
from demo_fixture import Demo

GERMAN_LESSONS = 9


@pytest.mark.parametrize(
    ("spelling", "tag"),
    [
        ("de_DE", "de-DE"),
        ("de-de", "de-DE"),
        ("DE-de", "de-DE"),
        ("deu", "de"),
        ("ger", "de"),
        ("fre", "fr"),
        ("pt-br", "pt-BR"),
        ("pt_BR", "pt-BR"),
        ("nob", "nb"),
        ("deu_CH", "de-CH"),
        ("sr@latin", "sr-Latn"),
    ],
)
def test_spellings_normalise_to_one_tag(spelling: str, tag: str) -> None:
    assert normalize_language(spelling) == tag


@pytest.mark.parametrize("option", ["-l", "--language", "--locale"])
@pytest.mark.parametrize("spelling", ["de", "deu", "ger", "DE"])
def test_list_takes_every_spelling(demo: Demo, run: Run, option: str, spelling: str) -> None:
    code, out, err = run("list", "-c", demo.catalogue, option, spelling, "--json")
    assert (code, err) == (0, "")
    assert len(json.loads(out)["lessons"]) == GERMAN_LESSONS


@pytest.mark.parametrize("spelling", ["de_DE", "de-de", "deu_AT"])
def test_a_region_without_versions_falls_back_to_its_language(
    demo: Demo, run: Run, spelling: str
) -> None:
    tag = normalize_language(spelling)
    code, out, err = run("list", "-c", demo.catalogue, "-l", spelling)
    assert code == 0
    assert err == f"no versions in {tag}; showing de\n"
    assert len(out.splitlines()) == GERMAN_LESSONS + 1  # the header, then every German lesson

    code, out, err = run("export", "-c", demo.catalogue, "--language", spelling, "--json")
    assert code == 0
    assert err == f"no versions in {tag}; showing de\n"
    document = json.loads(out)
    assert document  # the German export, not an empty one
    assert "de" in out


@pytest.mark.parametrize(
    ("spelling", "tag", "shown"),
    [
        ("es-AR", "es-AR", "es-CL"),  # CLDR: es-AR reads es-419, then es-CL, before es
        ("es_MX", "es-MX", "es-CL"),
        ("es", "es", "es-CL"),  # a language with one regional version: that version
        ("pt", "pt", "pt-BR"),
        ("pt_PT", "pt-PT", "pt-BR"),
    ],
)
@pytest.mark.parametrize("command", [["list"], ["search", "introduccion"], ["export", "--json"]])
def test_a_variety_without_versions_gets_the_closest_the_index_has(
    demo: Demo, run: Run, spelling: str, tag: str, shown: str, command: list[str]
) -> None:
    option = "--language" if command[0] == "export" else "-l"
    code, out, err = run(*command, "-c", demo.catalogue, option, spelling)
    assert code == 0
    assert err == f"no versions in {tag}; showing {shown}\n"
    _, same, _ = run(*command, "-c", demo.catalogue, option, shown)
    assert out == same


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "-l", "ja"],
        ["search", "loop", "-l", "jpn"],
        ["export", "--language", "ja_JP"],
    ],
    ids=lambda argv: argv[0],
)
def test_a_language_without_versions_names_those_with_versions(
    demo: Demo, run: Run, argv: list[str]
) -> None:
    code, out, err = run(*argv, "-c", demo.catalogue)
    assert (code, out) == (2, "")
    tag = "ja-JP" if argv[0] == "export" else "ja"
    assert err == (
        f"otsmaterials: error: no versions in {tag}; languages that have versions: "
        "de, en, es-CL, nl, pt-BR\n"
    )


def test_json_is_format_json(demo: Demo, run: Run) -> None:
    lesson = "web-markdown/core/setup"
    for command in (["attribution", lesson, "-l", "de_DE"], ["export"]):
        code, by_format, err = run(*command, "-c", demo.catalogue, "--format", "json")
        assert (code, err) == (0, "")
        code, by_flag, err = run(*command, "-c", demo.catalogue, "--json")
        assert (code, err) == (0, "")
        assert by_flag == by_format
        json.loads(by_flag)


def test_import_learn_over_an_existing_file_is_one_line(tmp_path: Path, run: Run) -> None:
    config = Path(__file__).parents[1] / "data" / "learn_config.yml"
    target = tmp_path / "catalogue.toml"
    target.write_text("kept\n", encoding="utf-8")
    code, out, err = run("catalogue", "import-learn", config, "-o", target)
    assert (code, out) == (2, "")
    assert err == f"otsmaterials: error: {target}: the file exists; pass --force to replace it\n"
    assert target.read_text(encoding="utf-8") == "kept\n"
