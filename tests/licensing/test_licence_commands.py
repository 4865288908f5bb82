"""``check licenses`` and ``attribution`` on the command line, in the user's language.

Findings and fixes in the user's language (JSON stays English) with plural-aware summaries,
``--index`` alone reading no ``./catalogue.toml``, attribution sentences whose language names
follow the language the sentence is really in, and ``OTSMATERIALS_VERSION`` left alone.

The module works on a copy of the shared demo; its three materials are CC-BY-SA-4.0, so a
catalogue requiring MIT gives one ``not-accepted`` finding per material.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

import otsmaterials as om

import demo_fixture
from clirun import Run
from demo_fixture import copy_demo
from gitrepos import git_environment

LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "OTSMATERIALS_LANG")
MATERIALS = ("python-sphinx", "web-markdown", "js-branches")

MESSAGE_EN = "licence CC-BY-SA-4.0 is not one of MIT"
FIX_EN = (
    "relicense the material (with its authors' consent) or change the catalogue's "
    "`required_licenses`"
)
MESSAGE_DE = "Lizenz CC-BY-SA-4.0 gehört nicht zu den akzeptierten (MIT)"
FIX_DE = (
    "das Material (mit Zustimmung seiner Autorinnen und Autoren) neu lizenzieren oder "
    "`required_licenses` im Katalog ändern"
)

ONE_MATERIAL = """\
name = "one material"

[settings]
cache_dir = "cache"
index = "one.sqlite"
allow_local_sources = true
required_licenses = ["MIT"]

[[materials]]
id = "python-sphinx"
title = "First Steps in Python"
source = "repos/python-sphinx.git"
"""


@dataclass(frozen=True)
class Demo:
    catalogue: Path
    """The demo's own catalogue (no required licences: no findings)."""
    index: Path
    """Its index."""
    mit: Path
    """The demo catalogue requiring MIT, on the same index: three findings."""
    one: Path
    """One demo material requiring MIT, with its own index: one finding."""


@pytest.fixture(scope="module")
def demo(demo: demo_fixture.Demo, tmp_path_factory: pytest.TempPathFactory) -> Demo:
    """A copy of the shared demo with two more catalogues (and one more index) beside its own."""
    root = tmp_path_factory.mktemp("licence-demo")
    (root / "home").mkdir()
    copy = copy_demo(demo, root / "demo")
    with git_environment(root / "home"):
        catalogue = copy.catalogue
        text = catalogue.read_text(encoding="utf-8")
        setting = "allow_local_sources = true\n"
        assert text.count(setting) == 1
        mit = catalogue.with_name("mit.toml")
        mit.write_text(
            text.replace(setting, f'{setting}required_licenses = ["MIT"]\n'), encoding="utf-8"
        )
        one = catalogue.with_name("one.toml")
        one.write_text(ONE_MATERIAL, encoding="utf-8")
        assert om.build(om.load_catalogue(one)).ok
        return Demo(catalogue, copy.index, mit, one)


@pytest.fixture(autouse=True)
def no_language_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in LANGUAGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def finding_lines(materials: tuple[str, ...], message: str, fix_line: str) -> str:
    return "".join(f"not-accepted: {m}: {message}\n  {fix_line}\n" for m in materials)


# --- check licenses: the user's language, plural forms, JSON in English ---------------------


@pytest.mark.parametrize(
    ("lang", "which", "summary"),
    [
        ("de", "one", "1 Befund"),
        ("de", "mit", "3 Befunde"),
        (None, "one", "1 finding"),
        (None, "mit", "3 findings"),
    ],
)
def test_check_licenses_text_in_the_users_language(
    demo: Demo, run: Run, lang: str | None, which: str, summary: str
) -> None:
    catalogue = demo.one if which == "one" else demo.mit
    materials = MATERIALS[:1] if which == "one" else MATERIALS
    option = ["--lang", lang] if lang else []
    code, out, err = run(*option, "check", "licenses", "-c", catalogue)
    assert code == 1
    if lang == "de":
        assert out == finding_lines(materials, MESSAGE_DE, f"Abhilfe: {FIX_DE}")
    else:
        assert out == finding_lines(materials, MESSAGE_EN, f"fix: {FIX_EN}")
    assert err == summary + "\n"


def test_check_licenses_german_from_the_environment(
    demo: Demo, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANGUAGE", "de")
    code, out, err = run("check", "licenses", "-c", demo.one)
    assert code == 1
    assert out == finding_lines(MATERIALS[:1], MESSAGE_DE, f"Abhilfe: {FIX_DE}")
    assert err == "1 Befund\n"


def test_check_licenses_json_stays_english(demo: Demo, run: Run) -> None:
    code, out, err = run("--lang", "de", "check", "licenses", "-c", demo.mit, "--json")
    assert code == 1
    assert err == ""
    report = json.loads(out)
    assert report["required"] == ["MIT"]
    assert [(f["rule"], f["material"]) for f in report["findings"]] == [
        ("not-accepted", m) for m in MATERIALS
    ]
    assert {f["message"] for f in report["findings"]} == {MESSAGE_EN}
    assert {f["fix"] for f in report["findings"]} == {FIX_EN}
    assert run("check", "licenses", "-c", demo.mit, "--json") == (1, out, "")


# --- check licenses --index: no ./catalogue.toml unless named --------------------------------


def test_index_alone_does_not_read_the_catalogue_here(
    demo: Demo, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "catalogue.toml").write_text(
        'name = "unrelated"\n\n[settings]\nrequired_licenses = ["MIT"]\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)

    code, out, err = run("check", "licenses", "--index", demo.index)
    assert (code, out, err) == (0, "", "no findings\n")
    code, out, err = run("check", "licenses", "--index", demo.index, "--json")
    assert code == 0
    assert json.loads(out) == {"schema_version": 1, "required": [], "findings": []}

    code, out, err = run("check", "licenses", "--index", demo.index, "-c", "catalogue.toml")
    assert code == 1
    assert out == finding_lines(MATERIALS, MESSAGE_EN, f"fix: {FIX_EN}")
    assert err == "3 findings\n"


# --- attribution: the language name follows the sentence's language ------------------------


SETUP_PT = (
    "“Preparação” by Thiago Moreira, source: repos/web-markdown.git, licensed under CC BY-SA 4.0 "
    "(https://creativecommons.org/licenses/by-sa/4.0/deed.pt). Translated into Portuguese "
    "(Brazil) by Thiago Moreira. Adapted from “Setup”.\n"
)
FORMS_NL = (
    "“Formulieren” by Thiago Moreira, source: repos/web-markdown.git, licensed under CC BY-SA "
    "4.0 (https://creativecommons.org/licenses/by-sa/4.0/deed.nl). Translated into Dutch by "
    "Thiago Moreira. Adapted from “Forms”.\n"
)
SETUP_DE = (
    "„Vorbereitung“ von Thiago Moreira, Quelle: repos/web-markdown.git, lizenziert unter CC BY-SA "
    "4.0 (https://creativecommons.org/licenses/by-sa/4.0/deed.de). Übersetzung (Deutsch): Thiago "
    "Moreira. Bearbeitung von „Setup“.\n"
)


@pytest.mark.parametrize(
    ("lesson", "language", "expected"),
    [
        ("web-markdown/core/setup", "pt-BR", SETUP_PT),
        ("web-markdown/extras/forms", "nl", FORMS_NL),
        ("web-markdown/core/setup", "de", SETUP_DE),
    ],
)
def test_attribution_language_name_follows_the_sentence(
    demo: Demo, run: Run, lesson: str, language: str, expected: str
) -> None:
    code, out, err = run("attribution", lesson, "--language", language, "-c", demo.catalogue)
    assert (code, err) == (0, "")
    assert out == expected


# --- OTSMATERIALS_VERSION does not hijack commands -----------------------------------------


def test_otsmaterials_version_variable_is_not_the_version_option(
    demo: Demo, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, table, err = run("topics", "-c", demo.catalogue)
    assert (code, err) == (0, "")
    assert table.splitlines()[0].split() == ["TOPIC", "NAME", "LESSONS"]
    assert [line.split()[0] for line in table.splitlines()[1:4]] == [
        "python",
        "web-development",
        "javascript",
    ]

    monkeypatch.setenv("OTSMATERIALS_VERSION", "1")
    assert run("topics", "-c", demo.catalogue) == (0, table, "")
    assert run("--version") == (0, f"otsmaterials, version {om.__version__}\n", "")
