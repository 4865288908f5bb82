"""The library's own messages: lookups, plurals, fallbacks, the environment, the CLI, the catalogs
in ``locales/``, catalogs rewritten while the process runs and the built wheel."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from otsmaterials.cli import main
from otsmaterials.gettext.mo import MoMessage, read_mo, write_mo
from otsmaterials.i18n import available_languages, language_from_environment, messages

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "locales"
CATALOGS = sorted(LOCALES.glob("*/LC_MESSAGES/otsmaterials.po"))
LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "OTSMATERIALS_LANG")
FRENCH_PLURALS = "nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;"


# --- lookups -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "Quelle: {source}"),
        ("fr", "source : {source}"),
        ("es", "fuente: {source}"),
        ("en", "source: {source}"),
        ("de-AT", "Quelle: {source}"),
        ("de_CH", "Quelle: {source}"),
        ("fr-CA", "source : {source}"),
        ("es-CL", "fuente: {source}"),
    ],
)
def test_gettext(language: str, expected: str) -> None:
    assert messages(language).gettext("source: {source}") == expected


def test_gettext_of_an_unknown_message_is_the_message() -> None:
    catalog = messages("de")
    assert catalog.gettext("no such message {x}") == "no such message {x}"
    assert catalog.gettext("source: {source}", context="elsewhere") == "source: {source}"


def test_translations_are_formatted_with_their_placeholders() -> None:
    text = messages("de").gettext("{title} by {authors}").format(title="T", authors="A")
    assert text == "T von A"
    text = messages("fr").gettext("Translated into {language} by {translators}.")
    assert text.format(language="allemand", translators="A") == "Traduction (allemand) : A."


@pytest.mark.parametrize(
    ("language", "counts"),
    [
        ("en", {0: "{n} materials", 1: "{n} material", 2: "{n} materials"}),
        ("de", {0: "{n} Materialien", 1: "{n} Material", 2: "{n} Materialien"}),
        ("fr", {0: "{n} support", 1: "{n} support", 2: "{n} supports", 10**6: "{n} supports"}),
        ("es", {0: "{n} materiales", 1: "{n} material", 2: "{n} materiales"}),
    ],
)
def test_ngettext(language: str, counts: dict[int, str]) -> None:
    catalog = messages(language)
    for n, expected in counts.items():
        assert catalog.ngettext("{n} material", "{n} materials", n) == expected, n


@pytest.mark.parametrize(
    ("language", "forms"),
    [
        # CLDR: French "one" is 0 and 1, "many" is a multiple of a million, "other" the rest.
        ("fr", {0: 0, 1: 0, 2: 2, 5: 2, 10**6: 1, 2 * 10**6: 1, 10**6 + 1: 2}),
        ("es", {0: 2, 1: 0, 2: 2, 10**6: 1}),
        ("de", {0: 1, 1: 0, 2: 1, 10**6: 1}),
    ],
)
def test_plural_rule_from_the_catalog_header(language: str, forms: dict[int, int]) -> None:
    catalog = messages(language)
    assert {n: catalog.plural(n) for n in forms} == forms


def write_po_catalog(path: Path, entries: str, *, plural_forms: str = FRENCH_PLURALS) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = (
        'msgid ""\nmsgstr ""\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Plural-Forms: {plural_forms}\\n"\n\n'
    )
    path.write_text(header + entries, encoding="utf-8")
    return path


def test_ngettext_picks_each_of_three_forms(tmp_path: Path) -> None:
    write_po_catalog(
        tmp_path / "fr" / "LC_MESSAGES" / "otsmaterials.po",
        'msgid "{n} topic"\nmsgid_plural "{n} topics"\n'
        'msgstr[0] "one {n}"\nmsgstr[1] "many {n}"\nmsgstr[2] "other {n}"\n',
    )
    catalog = messages("fr", locales=tmp_path)
    got = {n: catalog.ngettext("{n} topic", "{n} topics", n) for n in (0, 1, 2, 10**6, 3 * 10**6)}
    assert got == {
        0: "one {n}",
        1: "one {n}",
        2: "other {n}",
        10**6: "many {n}",
        3 * 10**6: "many {n}",
    }


def test_ngettext_with_a_missing_form_falls_back_to_english(tmp_path: Path) -> None:
    write_po_catalog(
        tmp_path / "fr" / "LC_MESSAGES" / "otsmaterials.po",
        'msgid "{n} topic"\nmsgid_plural "{n} topics"\n'
        'msgstr[0] "one {n}"\nmsgstr[1] ""\nmsgstr[2] "other {n}"\n',
    )
    catalog = messages("fr", locales=tmp_path)
    assert catalog.ngettext("{n} topic", "{n} topics", 1) == "{n} topic"
    assert catalog.ngettext("{n} topic", "{n} topics", 2) == "{n} topics"


@pytest.mark.parametrize("language", ["ja", "nl", "zz", "not a language", "../../etc", "", None])
def test_unknown_language_is_english(language: str | None) -> None:
    catalog = messages(language)
    assert catalog.language == "en"
    assert catalog.gettext("source: {source}") == "source: {source}"
    assert catalog.ngettext("{n} topic", "{n} topics", 1) == "{n} topic"
    assert catalog.ngettext("{n} topic", "{n} topics", 0) == "{n} topics"


def test_regional_language_without_a_catalog_is_english() -> None:
    assert not (LOCALES / "pt").exists()
    assert not (LOCALES / "pt_BR").exists()
    catalog = messages("pt-BR")
    assert catalog.language == "en"
    assert catalog.gettext("source: {source}") == "source: {source}"


def test_regional_language_falls_back_to_its_language(tmp_path: Path) -> None:
    write_po_catalog(
        tmp_path / "pt" / "LC_MESSAGES" / "otsmaterials.po",
        'msgid "source: {source}"\nmsgstr "fonte: {source}"\n',
        plural_forms="nplurals=2; plural=(n != 1);",
    )
    assert messages("pt-BR", locales=tmp_path).gettext("source: {source}") == "fonte: {source}"
    assert messages("pt_PT", locales=tmp_path).gettext("source: {source}") == "fonte: {source}"
    # A catalog for the region itself wins over the language's.
    write_po_catalog(
        tmp_path / "pt_BR" / "LC_MESSAGES" / "otsmaterials.po",
        'msgid "source: {source}"\nmsgstr "origem: {source}"\n',
        plural_forms="nplurals=2; plural=(n > 1);",
    )
    assert messages("pt-BR", locales=tmp_path).gettext("source: {source}") == "origem: {source}"
    assert messages("pt", locales=tmp_path).gettext("source: {source}") == "fonte: {source}"


def test_corrupt_catalog_falls_back_to_english(tmp_path: Path) -> None:
    broken = tmp_path / "de" / "LC_MESSAGES" / "otsmaterials.mo"
    broken.parent.mkdir(parents=True)
    broken.write_bytes(write_mo([MoMessage("source: {source}", ("Quelle: {source}",))])[:40])
    catalog = messages("de", locales=tmp_path)
    assert catalog.language == "en"
    assert catalog.gettext("source: {source}") == "source: {source}"


@pytest.mark.parametrize(
    "forms",
    [
        ("Content-Type: text/plain; charset=punycode\n",),
        ("Content-Type: text/plain; charset=UTF-8", "x"),
    ],
    ids=["punycode", "NUL after the charset"],
)
def test_catalog_with_a_hostile_charset_falls_back_to_english(
    tmp_path: Path, forms: tuple[str, ...]
) -> None:
    path = tmp_path / "de" / "LC_MESSAGES" / "otsmaterials.mo"
    path.parent.mkdir(parents=True)
    path.write_bytes(write_mo([MoMessage("", forms), MoMessage("a", ("b",))]))
    assert messages("de", locales=tmp_path).language == "en"


def test_corrupt_compiled_catalog_falls_back_to_the_next_candidate(tmp_path: Path) -> None:
    broken = tmp_path / "de" / "LC_MESSAGES" / "otsmaterials.mo"
    broken.parent.mkdir(parents=True)
    broken.write_bytes(b"\xde\x12\x04\x95garbage")
    shutil.copyfile(LOCALES / "de" / "LC_MESSAGES" / "otsmaterials.po", broken.with_suffix(".po"))
    assert messages("de", locales=tmp_path).gettext("source: {source}") == "Quelle: {source}"


def test_available_languages() -> None:
    languages = available_languages()
    assert {"en", "de", "fr", "es"} <= set(languages)
    assert languages == sorted(set(languages))


def test_available_languages_of_a_locales_folder(tmp_path: Path) -> None:
    for folder in ("pt_BR", "de", "not a language"):
        write_po_catalog(tmp_path / folder / "LC_MESSAGES" / "otsmaterials.po", "")
    (tmp_path / "fr" / "LC_MESSAGES").mkdir(parents=True)  # no catalog in it
    assert available_languages(locales=tmp_path) == ["de", "en", "pt-BR"]


# --- the environment ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANGUAGE": "de:en"}, "de"),
        ({"LANGUAGE": "pt_BR:pt:en"}, "pt-BR"),
        ({"LC_ALL": "fr_FR.UTF-8"}, "fr-FR"),
        ({"LC_MESSAGES": "es_CL.utf8"}, "es-CL"),
        ({"LANG": "de_AT.ISO-8859-1@euro"}, "de-AT"),
        ({"LANG": "C"}, None),
        ({"LANG": "POSIX", "LC_ALL": "C.UTF-8"}, None),
        ({}, None),
        ({"LANGUAGE": "", "LANG": "es_ES.UTF-8"}, "es-ES"),
        # LANGUAGE wins over LC_ALL, LC_ALL over LC_MESSAGES, LC_MESSAGES over LANG.
        ({"LANGUAGE": "fr", "LC_ALL": "de_DE.UTF-8", "LANG": "es_ES.UTF-8"}, "fr"),
        ({"LC_ALL": "de_DE.UTF-8", "LC_MESSAGES": "fr_FR", "LANG": "es_ES"}, "de-DE"),
        ({"LC_MESSAGES": "fr_FR", "LANG": "es_ES"}, "fr-FR"),
        # Invalid values are skipped, not raised and not used.
        ({"LANGUAGE": "../../etc:de"}, "de"),
        ({"LANGUAGE": "x;rm -rf /:::fr"}, "fr"),
        ({"LANGUAGE": "zz", "LANG": "es_ES.UTF-8"}, "es-ES"),
        ({"LANGUAGE": "$(id)", "LC_ALL": "C"}, None),
    ],
)
def test_language_from_environment(environ: dict[str, str], expected: str | None) -> None:
    assert language_from_environment(environ) == expected


def test_language_from_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in LANGUAGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    assert language_from_environment() is None
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert language_from_environment() == "de-DE"
    monkeypatch.setenv("LANGUAGE", "es:de")
    assert language_from_environment() == "es"


# --- the command line --------------------------------------------------------------------------


@pytest.fixture
def no_language_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in LANGUAGE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """A valid catalogue with one material and two topics (a singular and a plural)."""
    path = tmp_path / "catalogue.toml"
    path.write_text(
        'name = "tiny"\n\n'
        '[[topics]]\nid = "python"\nname = "Python"\n\n'
        '[[topics]]\nid = "web"\nname = "Web"\n\n'
        '[[materials]]\nid = "python-beginners"\ntitle = "Python for beginners"\n'
        'source = "https://github.com/OpenTechSchool/python-beginners.git"\n'
        'topics = ["python"]\n',
        encoding="utf-8",
    )
    return path


def cli(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


SUMMARY = {
    None: "{path}: valid (1 material, 2 topics)\n",
    "de": "{path}: gültig (1 Material, 2 Themen)\n",
    "fr": "{path} : valide (1 support, 2 thèmes)\n",
    "es": "{path}: válido (1 material, 2 temas)\n",
}
ERROR = {
    None: "otsmaterials: error: ",
    "de": "otsmaterials: Fehler: ",
    "fr": "otsmaterials : erreur : ",
    "es": "otsmaterials: error: ",  # the Spanish translation is the English text
}


@pytest.mark.parametrize("how", ["--lang", "OTSMATERIALS_LANG", "LANGUAGE", "LANG", "none"])
@pytest.mark.parametrize("language", ["de", "fr", "es"])
def test_cli_summary_line(
    capsys: pytest.CaptureFixture[str],
    no_language_env: pytest.MonkeyPatch,
    catalogue: Path,
    how: str,
    language: str,
) -> None:
    argv: list[str | Path] = ["catalogue", "check", "-c", catalogue]
    if how == "--lang":
        argv = ["--lang", language, *argv]
    elif how == "LANG":
        no_language_env.setenv("LANG", f"{language}_{language.upper()}.UTF-8")
    elif how != "none":
        no_language_env.setenv(how, language)
    code, out, err = cli(capsys, *argv)
    assert (code, err) == (0, "")
    assert out == SUMMARY[None if how == "none" else language].format(path=catalogue)


@pytest.mark.parametrize("how", ["--lang", "OTSMATERIALS_LANG", "LANGUAGE"])
@pytest.mark.parametrize("language", ["de", "fr", "es"])
def test_cli_error_line(
    capsys: pytest.CaptureFixture[str],
    no_language_env: pytest.MonkeyPatch,
    tmp_path: Path,
    how: str,
    language: str,
) -> None:
    missing = tmp_path / "missing.toml"
    argv: list[str | Path] = ["list", "-c", missing]
    if how == "--lang":
        argv = ["--lang", language, *argv]
    else:
        no_language_env.setenv(how, language)
    code, out, err = cli(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.startswith(ERROR[language])
    assert str(missing) in err
    assert err.count("\n") == 1


def test_cli_lang_option_beats_the_environment(
    capsys: pytest.CaptureFixture[str], no_language_env: pytest.MonkeyPatch, catalogue: Path
) -> None:
    no_language_env.setenv("LANGUAGE", "es")
    no_language_env.setenv("OTSMATERIALS_LANG", "fr")
    _, out, _ = cli(capsys, "catalogue", "check", "-c", catalogue)
    assert out == SUMMARY["fr"].format(path=catalogue)
    _, out, _ = cli(capsys, "--lang", "de", "catalogue", "check", "-c", catalogue)
    assert out == SUMMARY["de"].format(path=catalogue)
    code, _, err = cli(capsys, "--lang=de", "list", "-c", catalogue.with_name("missing.toml"))
    assert code == 2
    assert err.startswith(ERROR["de"])


def test_cli_unknown_lang_is_english(
    capsys: pytest.CaptureFixture[str], no_language_env: pytest.MonkeyPatch, catalogue: Path
) -> None:
    code, out, _ = cli(capsys, "--lang", "../../etc", "catalogue", "check", "-c", catalogue)
    assert code == 0
    assert out == SUMMARY[None].format(path=catalogue)


def test_cli_catalogue_check_error_line_is_translated(
    capsys: pytest.CaptureFixture[str], no_language_env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.toml"
    code, _, err = cli(capsys, "--lang", "de", "catalogue", "check", "-c", missing)
    assert code == 2
    assert err.startswith(ERROR["de"])


# --- the catalogs in locales/ ------------------------------------------------------------------


def test_catalogs_exist_for_de_fr_es() -> None:
    assert {path.parent.parent.name for path in CATALOGS} >= {"de", "fr", "es"}


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: path.parent.parent.name)
def test_catalog_passes_msgfmt_check(path: Path, tmp_path: Path) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU msgfmt is not installed")
    result = subprocess.run(
        [msgfmt, "--check", "--statistics", "-o", str(tmp_path / "out.mo"), str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C", "LANGUAGE": ""},
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr
    # What GNU compiled, our reader reads, with the same translations.
    compiled = {(m.msgctxt, m.msgid): m.msgstr for m in read_mo((tmp_path / "out.mo").read_bytes())}
    expected = babel_messages(path)
    assert {msgid: compiled[(None, msgid)] for msgid in expected} == expected


def babel_messages(path: Path) -> dict[str, tuple[str, ...]]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    found = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        found[key] = forms
    return found


def test_catalogs_translate_every_msgid_of_the_others() -> None:
    tables = {path.parent.parent.name: babel_messages(path) for path in CATALOGS}
    every = set().union(*(set(table) for table in tables.values()))
    for language, table in tables.items():
        assert set(table) == every, language
        untranslated = [msgid for msgid, forms in table.items() if not all(forms)]
        assert untranslated == [], language


def used_messages(*folders: str) -> set[str]:
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2)}
    return {
        message if isinstance(message, str) else message[0]
        for folder in folders
        for _, _, message, _, _ in extract_from_dir(
            ROOT / "src" / "otsmaterials" / folder, keywords=keywords
        )
    }


def test_catalogs_cover_the_cli_and_attribution_messages() -> None:
    used = used_messages("cli", "attribution")
    assert {"{title} by {authors}", "otsmaterials: error: {message}", "{n} topic"} <= used
    for path in CATALOGS:
        missing = used - set(babel_messages(path))
        assert missing == set(), path.parent.parent.name


def test_catalogs_hold_no_stale_messages() -> None:
    used = used_messages(".")
    for path in CATALOGS:
        stale = set(babel_messages(path)) - used
        assert stale == set(), path.parent.parent.name


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: path.parent.parent.name)
def test_translations_keep_the_placeholders(path: Path) -> None:
    for msgid, forms in babel_messages(path).items():
        wanted = sorted(re.findall(r"\{\w*\}", msgid))
        for form in forms:
            assert sorted(re.findall(r"\{\w*\}", form)) == wanted, (msgid, form)


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: path.parent.parent.name)
def test_catalog_read_by_the_library_equals_babel(path: Path) -> None:
    language = path.parent.parent.name
    catalog = messages(language)
    for msgid, forms in babel_messages(path).items():
        assert catalog.gettext(msgid) == forms[0]


# --- a catalog rewritten on disk is read again, no restart (threat-model.md, fresh-messages) ------


def mo_catalog(translation: str) -> bytes:
    return write_mo(
        [
            MoMessage(
                "", (f"Content-Type: text/plain; charset=UTF-8\nPlural-Forms: {FRENCH_PLURALS}\n",)
            ),
            MoMessage("source: {source}", (translation,)),
            MoMessage("{n} topic", ("{n} Thema", "{n} Themen"), msgid_plural="{n} topics"),
        ]
    )


def test_rewritten_mo_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "de" / "LC_MESSAGES" / "otsmaterials.mo"
    path.parent.mkdir(parents=True)
    path.write_bytes(mo_catalog("Quelle: {source}"))
    assert messages("de", locales=tmp_path).gettext("source: {source}") == "Quelle: {source}"
    # The second lookup is served from the cache.
    assert messages("de", locales=tmp_path).gettext("source: {source}") == "Quelle: {source}"
    path.write_bytes(mo_catalog("Herkunft: {source}"))  # in place, another size
    assert messages("de", locales=tmp_path).gettext("source: {source}") == "Herkunft: {source}"
    assert messages("de-AT", locales=tmp_path).gettext("source: {source}") == "Herkunft: {source}"


def test_replaced_mo_of_the_same_size_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "de" / "LC_MESSAGES" / "otsmaterials.mo"
    path.parent.mkdir(parents=True)
    path.write_bytes(mo_catalog("Quelle: {source}"))
    assert messages("de", locales=tmp_path).gettext("source: {source}") == "Quelle: {source}"
    before = path.stat()
    new = path.with_name("otsmaterials.mo.tmp")
    new.write_bytes(mo_catalog("QUELLE: {source}"))
    assert new.stat().st_size == before.st_size
    os.utime(new, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    os.replace(new, path)  # an atomic deploy
    assert messages("de", locales=tmp_path).gettext("source: {source}") == "QUELLE: {source}"


def test_rewritten_po_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "fr" / "LC_MESSAGES" / "otsmaterials.po"
    write_po_catalog(path, 'msgid "source: {source}"\nmsgstr "source : {source}"\n')
    catalog = messages("fr", locales=tmp_path)
    assert catalog.gettext("source: {source}") == "source : {source}"
    write_po_catalog(path, 'msgid "source: {source}"\nmsgstr "provenance : {source}"\n')
    assert messages("fr", locales=tmp_path).gettext("source: {source}") == "provenance : {source}"
    assert catalog.gettext("source: {source}") == "source : {source}"  # a held object is unchanged


def test_catalog_that_appears_later_is_used(tmp_path: Path) -> None:
    path = tmp_path / "de" / "LC_MESSAGES" / "otsmaterials.mo"
    assert messages("de", locales=tmp_path).gettext("source: {source}") == "source: {source}"
    path.parent.mkdir(parents=True)
    path.write_bytes(mo_catalog("Quelle: {source}"))
    assert messages("de", locales=tmp_path).gettext("source: {source}") == "Quelle: {source}"
    path.unlink()
    assert messages("de", locales=tmp_path).gettext("source: {source}") == "source: {source}"


def test_corrupted_mo_keeps_the_cached_translations(tmp_path: Path) -> None:
    path = tmp_path / "de" / "LC_MESSAGES" / "otsmaterials.mo"
    path.parent.mkdir(parents=True)
    good = mo_catalog("Quelle: {source}")
    path.write_bytes(good)
    assert messages("de", locales=tmp_path).gettext("source: {source}") == "Quelle: {source}"
    path.write_bytes(good[: len(good) // 2])  # a half-written deploy
    assert messages("de", locales=tmp_path).gettext("source: {source}") == "Quelle: {source}"


# --- the wheel ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_wheel_contains_the_compiled_catalogs(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-input",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("otsmaterials-*.whl")
    extracted = tmp_path / "extracted"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(extracted)
    for language in ("de", "fr", "es"):
        name = f"otsmaterials/locales/{language}/LC_MESSAGES/otsmaterials.mo"
        assert name in names
        table = {(m.msgctxt, m.msgid): m.msgstr for m in read_mo((extracted / name).read_bytes())}
        expected = babel_messages(LOCALES / language / "LC_MESSAGES" / "otsmaterials.po")
        assert {msgid: table[(None, msgid)] for msgid in expected} == expected
    assert not any(name.endswith("otsmaterials.po") and "/locales/" in name for name in names)
    # The installed package reads its compiled catalogs (no locales/ source folder next to it).
    probe = (
        "import otsmaterials.i18n as i; m = i.messages('fr'); "
        "print(i.__file__); print(m.gettext('source: {source}')); "
        "print(m.ngettext('{n} topic', '{n} topics', 10**6), m.plural(10**6)); "
        "print(i.available_languages())"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(extracted)},
        cwd=tmp_path,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    location, gettext, plural, languages = run.stdout.splitlines()
    assert Path(location).is_relative_to(extracted)
    assert gettext == "source : {source}"
    assert plural == "{n} thèmes 1"
    assert languages == "['de', 'en', 'es', 'fr']"


def test_one_catalog_serving_two_tags_keeps_each_its_own() -> None:
    """``de`` asked after ``de-DE`` (both served by de's catalog) is ``de``, whatever came first."""
    assert messages("de-DE").language == "de-DE"
    assert messages("de").language == "de"
    assert messages("de-DE").language == "de-DE"
