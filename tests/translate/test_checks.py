"""``check translations``: every rule on a crafted catalog, with the msgid's ``file:line``.

Each rule fires on a broken translation and stays silent on a correct one of the same message;
the plural-forms rule follows the header; fuzzy and untranslated messages are summed up per
catalog; the command prints ``file:line: rule: message`` or JSON and exits 1 on findings.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from otsmaterials.cli import main
from otsmaterials.gettext.reader import parse_po
from otsmaterials.translate.checks import CHECK_RULES, TranslationFinding, check_catalog

PATH = "locale/de/LC_MESSAGES/lesson.po"
GERMAN = "nplurals=2; plural=(n != 1);"
POLISH = "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"


def q(text: str) -> str:
    """A PO string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def header(plural: str | None = GERMAN, language: str = "de") -> str:
    lines = [
        "# German translation of a lesson.",
        'msgid ""',
        'msgstr ""',
        f'"Language: {language}\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
    ]
    if plural:
        lines.append(f'"Plural-Forms: {plural}\\n"')
    return "\n".join(lines) + "\n"


def entry(msgid: str, msgstr: str, *, flags: str = "", obsolete: bool = False) -> str:
    if obsolete:
        return f"#~ msgid {q(msgid)}\n#~ msgstr {q(msgstr)}\n"
    lines = ["# a translator's comment", "#: lesson.md:7"]
    if flags:
        lines.append(f"#, {flags}")
    lines += [f"msgid {q(msgid)}", f"msgstr {q(msgstr)}"]
    return "\n".join(lines) + "\n"


def plural_entry(msgid: str, plural: str, forms: list[str]) -> str:
    lines = ["#: lesson.md:9", f"msgid {q(msgid)}", f"msgid_plural {q(plural)}"]
    lines += [f"msgstr[{i}] {q(form)}" for i, form in enumerate(forms)]
    return "\n".join(lines) + "\n"


def po_text(*entries: str, plural: str | None = GERMAN) -> str:
    return "\n".join([header(plural), *entries])


def line_of(text: str, msgid: str) -> int:
    """The 1-based line of ``msgid "…"`` in ``text``."""
    wanted = f"msgid {q(msgid)}"
    numbers = [n for n, line in enumerate(text.split("\n"), start=1) if line == wanted]
    assert len(numbers) == 1, (msgid, numbers)
    return numbers[0]


def findings_of(text: str) -> list[TranslationFinding]:
    return check_catalog(parse_po(text.encode("utf-8"), PATH), PATH)


# A correct message first, so that the broken one is not simply the first entry of the file.
FILLER = entry("Welcome to the workshop.", "Willkommen zum Workshop.")

RULE_CASES = [
    pytest.param(
        "Press **Enter** to continue.",
        "Drücke Enter, um fortzufahren.",
        "Um fortzufahren, drücke **Enter**.",
        {"markup"},
        "emphasis (* and _) unbalanced or different from the source: 4 markers there, 0 here",
        id="strong-emphasis-lost",
    ),
    pytest.param(
        "Browsers have *developer tools* built in.",
        "Browser haben eingebaute *Entwicklerwerkzeuge.",
        "Browser haben eingebaute *Entwicklerwerkzeuge*.",
        {"markup"},
        "emphasis (* and _) unbalanced or different from the source: 2 markers there, 1 here",
        id="emphasis-unbalanced",
    ),
    pytest.param(
        "Read [the guide](https://example.org/guide) first.",
        "Lies zuerst die Anleitung.",
        "Lies zuerst [die Anleitung](https://example.org/guide).",
        {"markup", "link-target"},
        "links: 1 in the source, 0 here",
        id="link-lost",
    ),
    pytest.param(
        "Click ![the gear](img/gear.png) to open the settings.",
        "Klicke auf das Zahnrad, um die Einstellungen zu öffnen.",
        "Um die Einstellungen zu öffnen, klicke auf ![das Zahnrad](img/gear.png).",
        {"markup", "link-target"},
        "images: 1 in the source, 0 here",
        id="image-lost",
    ),
    pytest.param(
        "Installing Python {#install}",
        "Python installieren",
        "Python installieren {#install}",
        {"markup"},
        "anchors: 1 in the source, 0 here",
        id="heading-anchor-lost",
    ),
    pytest.param(
        "Type `ls` to list your files.",
        "Tippe ls, um deine Dateien aufzulisten.",
        "Um deine Dateien aufzulisten, tippe `ls`.",
        {"inline-code"},
        "inline code differs from the source: lost `ls`",
        id="inline-code-lost",
    ),
    pytest.param(
        "Read [the guide](https://example.org/guide) first.",
        "Lies zuerst [die Anleitung](https://example.org/anleitung).",
        "Lies zuerst [die Anleitung](https://example.org/guide).",
        {"link-target"},
        "https://example.org/guide",
        id="link-target-changed",
    ),
    pytest.param(
        "Click ![the gear](img/gear.png) now.",
        "Klicke jetzt auf ![das Zahnrad](img/zahnrad.png).",
        "Klicke jetzt auf ![das Zahnrad](img/gear.png).",
        {"link-target"},
        "img/gear.png",
        id="image-target-changed",
    ),
    pytest.param(
        "Type `print(42)` and press Enter.",
        "Tippe `drucke(42)` und drücke Enter.",
        "Tippe `print(42)` ein und drücke Enter.",
        {"inline-code"},
        "lost `print(42)`; added `drucke(42)`",
        id="inline-code-changed",
    ),
    pytest.param(
        "Hello {name}, welcome back!",
        "Hallo, willkommen zurück!",
        "Willkommen zurück, {name}!",
        {"placeholder"},
        "lost {name}",
        id="brace-placeholder-lost",
    ),
    pytest.param(
        "Saved %s files.",
        "Dateien gespeichert.",
        "%s Dateien gespeichert.",
        {"placeholder"},
        "lost %s",
        id="percent-s-lost",
    ),
    pytest.param(
        "Hello %(user)s!",
        "Hallo %(nutzer)s!",
        "Hallo, %(user)s!",
        {"placeholder"},
        "lost %(user)s; added %(nutzer)s",
        id="named-percent-renamed",
    ),
    pytest.param(
        "This page is called {{ page.title }}.",
        "Diese Seite heißt {{ seite.titel }}.",
        "{{ page.title }} heißt diese Seite.",
        {"placeholder"},
        "lost {{ page.title }}; added {{ seite.titel }}",
        id="liquid-output-changed",
    ),
    pytest.param(
        "{% include note.html %} Read this first.",
        "Lies das zuerst.",
        "{% include note.html %} Lies das zuerst.",
        {"placeholder"},
        "lost {% include note.html %}",
        id="liquid-tag-lost",
    ),
    pytest.param(
        "Welcome back!",
        "Willkommen zurück, {name}!",
        "Willkommen zurück!",
        {"placeholder"},
        "added {name}",
        id="placeholder-added",
    ),
    pytest.param(
        "Next step",
        " Nächster Schritt",
        "Nächster Schritt",
        {"whitespace"},
        "leading or trailing whitespace",
        id="leading-space-added",
    ),
    pytest.param(
        "Next step: ",
        "Nächster Schritt:",
        "Nächster Schritt: ",
        {"whitespace"},
        "leading or trailing whitespace",
        id="trailing-space-lost",
    ),
    pytest.param(
        "First line  \nsecond line",
        "Erste Zeile zweite Zeile",
        "Erste Zeile  \nzweite Zeile",
        {"line-breaks"},
        "line breaks: 1 in the source, 0 here",
        id="line-break-lost",
    ),
    pytest.param(
        "Hello world.",
        "Hallo\x00Welt.",
        "Hallo Welt.",
        {"character"},
        "a NUL character, which .mo files cannot carry",
        id="nul-character",
    ),
]


@pytest.mark.parametrize(("msgid", "bad", "good", "rules", "detail"), RULE_CASES)
def test_rule_fires_on_the_msgid_line(
    msgid: str, bad: str, good: str, rules: set[str], detail: str
) -> None:
    text = po_text(FILLER, entry(msgid, bad))
    findings = findings_of(text)
    assert {f.rule for f in findings} == rules
    assert all(f.path == PATH for f in findings)
    assert {f.line for f in findings} == {line_of(text, msgid)}
    assert all(f.msgid == msgid for f in findings)
    assert any(detail in f.message for f in findings), [f.message for f in findings]
    shown = [str(f) for f in findings]
    assert all(s.startswith(f"{PATH}:{line_of(text, msgid)}: ") for s in shown), shown
    assert any(s.startswith(f"{PATH}:{line_of(text, msgid)}: {r}: ") for s in shown for r in rules)


@pytest.mark.parametrize(("msgid", "bad", "good", "rules", "detail"), RULE_CASES)
def test_rule_is_silent_on_a_correct_translation(
    msgid: str, bad: str, good: str, rules: set[str], detail: str
) -> None:
    assert findings_of(po_text(FILLER, entry(msgid, good))) == []


def test_every_message_rule_has_a_case() -> None:
    covered = {rule for case in RULE_CASES for rule in case.values[3]}
    catalog_rules = {"plural-forms", "fuzzy", "untranslated", "missing", "empty", "incomplete"}
    assert covered == set(CHECK_RULES) - catalog_rules


def test_reordered_german_keeping_all_markup_is_clean() -> None:
    msgid = (
        "Press **Enter** to run `print(name)`, then read [the guide](https://example.org/guide) "
        "about {name} on {{ page.title }}."
    )
    msgstr = (
        "Lies auf {{ page.title }} [die Anleitung](https://example.org/guide) über {name}, "
        "nachdem du **Enter** gedrückt hast, um `print(name)` auszuführen."
    )
    assert findings_of(po_text(FILLER, entry(msgid, msgstr))) == []


def test_several_problems_of_one_message_share_its_line() -> None:
    msgid = "Run `make` and see [the log](log.txt) for {name}."
    bad = "Starte `mache` und sieh dir das Protokoll an."
    text = po_text(FILLER, entry(msgid, bad), entry("Goodbye.", "Tschüss."))
    findings = findings_of(text)
    assert {f.rule for f in findings} == {"markup", "link-target", "inline-code", "placeholder"}
    assert {f.line for f in findings} == {line_of(text, msgid)}


def test_multiline_msgid_reports_the_msgid_keyword_line() -> None:
    text = (
        header()
        + "\n"
        + FILLER
        + "\n#: lesson.md:12\n"
        + 'msgid ""\n"A long paragraph that **matters** "\n"and goes on."\n'
        + 'msgstr ""\n"Ein langer Absatz, der zählt "\n"und weitergeht."\n'
    )
    findings = findings_of(text)
    expected = text.split("\n").index('msgid ""', 3) + 1  # the second ``msgid ""``: the entry
    assert [(f.rule, f.line) for f in findings] == [("markup", expected)]
    assert findings[0].msgid == "A long paragraph that **matters** and goes on."


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        pytest.param(
            "This is ***very*** important.",
            "Das ist ***sehr*** wichtig.",
            id="strong-and-emphasis-together",
        ),
        pytest.param(
            "About 50% of the people use it.",
            "Etwa 50 % der Leute nutzen es.",
            id="percent-sign-in-prose",
        ),
        pytest.param(
            'See [the docs][docs] and [Python](https://python.org "The site").',
            'Siehe [die Doku][docs] und [Python](https://python.org "Die Seite").',
            id="reference-link-and-link-title",
        ),
        pytest.param(
            "Escape it as `{{ raw }}` or `%s`, then write {count}.",
            "Maskiere es als `{{ raw }}` oder `%s` und schreibe dann {count}.",
            id="placeholders-inside-code-spans",
        ),
        pytest.param(
            "Open the [FAQ](#faq) at {{ site.baseurl }}/faq.",
            "Öffne die [Häufigen Fragen](#faq) unter {{ site.baseurl }}/faq.",
            id="anchor-link-and-liquid",
        ),
    ],
)
def test_more_correct_translations_are_clean(msgid: str, msgstr: str) -> None:
    assert findings_of(po_text(FILLER, entry(msgid, msgstr))) == []


# --- plural forms ----------------------------------------------------------------------------


def test_plural_forms_too_few_for_the_header() -> None:
    plural = plural_entry("One file", "{count} files", ["Eine Datei"])
    text = po_text(FILLER, plural)
    findings = findings_of(text)
    assert [(f.rule, f.line) for f in findings] == [("plural-forms", line_of(text, "One file"))]
    assert findings[0].message == "1 plural forms, the header says 2"


def test_plural_forms_too_many_for_the_header() -> None:
    forms = ["Eine Datei", "{count} Dateien", "{count} Dateien"]
    text = po_text(FILLER, plural_entry("One file", "{count} files", forms))
    findings = findings_of(text)
    assert [(f.rule, f.message) for f in findings] == [
        ("plural-forms", "3 plural forms, the header says 2")
    ]
    assert findings[0].line == line_of(text, "One file")


def test_plural_forms_matching_the_header_are_clean() -> None:
    german = plural_entry("One file", "{count} files", ["Eine Datei", "{count} Dateien"])
    assert findings_of(po_text(FILLER, german)) == []
    polish = plural_entry(
        "One file", "{count} files", ["Jeden plik", "{count} pliki", "{n} plików"]
    )
    text = po_text(FILLER, polish, plural=POLISH)
    # Three forms are right for Polish; the third form is checked against msgid_plural.
    assert [(f.rule, f.message) for f in findings_of(text)] == [
        ("placeholder", "lost {count}; added {n}")
    ]
    two = plural_entry("One file", "{count} files", ["Jeden plik", "{count} pliki"])
    found = findings_of(po_text(FILLER, two, plural=POLISH))
    assert [(f.rule, f.message) for f in found] == [
        ("plural-forms", "2 plural forms, the header says 3")
    ]


def test_plural_forms_are_each_checked_against_their_source() -> None:
    forms = ["Eine `Datei`", "{count} Dateien"]
    text = po_text(FILLER, plural_entry("One `file`", "{count} `files`", forms))
    findings = findings_of(text)
    assert {f.rule for f in findings} == {"inline-code"}
    assert {f.line for f in findings} == {line_of(text, "One `file`")}


# --- fuzzy and untranslated ------------------------------------------------------------------


def test_fuzzy_and_untranslated_are_summed_up_without_a_line() -> None:
    text = po_text(
        FILLER,
        entry("First.", "Erstens.", flags="fuzzy"),
        entry("Second.", "Zweitens.", flags="fuzzy"),
        entry("Third.", ""),
        entry("Fourth.", "", flags="fuzzy"),
        plural_entry("One file", "{count} files", ["", ""]),
        entry("Gone.", "Weg.", obsolete=True),
    )
    findings = findings_of(text)
    # "Fourth." is flagged fuzzy but has no translation: untranslated, as `stat` counts it.
    assert [(f.rule, f.line, f.message) for f in findings] == [
        ("fuzzy", None, "2 fuzzy messages to review"),
        ("untranslated", None, "3 untranslated messages"),
    ]
    assert [str(f) for f in findings] == [
        f"{PATH}: fuzzy: 2 fuzzy messages to review",
        f"{PATH}: untranslated: 3 untranslated messages",
    ]


def test_fuzzy_translations_are_checked_obsolete_ones_are_not() -> None:
    text = po_text(
        FILLER,
        entry("Press **Enter**.", "Drücke Enter.", flags="fuzzy"),
        entry("Type `ls`.", "Tippe dir.", obsolete=True),
    )
    findings = findings_of(text)
    assert [(f.rule, f.line) for f in findings] == [
        ("markup", line_of(text, "Press **Enter**.")),
        ("fuzzy", None),
    ]


def test_a_complete_correct_catalog_has_no_findings() -> None:
    text = po_text(
        FILLER,
        entry("Press **Enter** to continue.", "Drücke **Enter**, um fortzufahren."),
        plural_entry("One file", "{count} files", ["Eine Datei", "{count} Dateien"]),
    )
    assert findings_of(text) == []


# --- the command -----------------------------------------------------------------------------


LESSON = (
    "# Welcome\n\nPress **Enter** to continue.\n\nRead [the guide](https://example.org/guide).\n"
)


def working_copy(tmp_path: Path, catalogs: dict[str, str]) -> Path:
    root = tmp_path / "material"
    root.mkdir()
    (root / "lesson.md").write_text(LESSON, encoding="utf-8")
    for language, text in catalogs.items():
        path = root / "locale" / language / "LC_MESSAGES" / "lesson.po"
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
    return root


BROKEN_DE = po_text(
    entry("Welcome", "Willkommen"),
    entry("Press **Enter** to continue.", "Drücke Enter, um fortzufahren."),
    entry("Read [the guide](https://example.org/guide).", "Lies die Anleitung.", flags="fuzzy"),
)
CLEAN_FR = po_text(
    entry("Welcome", "Bienvenue"),
    entry("Press **Enter** to continue.", "Appuie sur **Entrée** pour continuer."),
    entry(
        "Read [the guide](https://example.org/guide).",
        "Lis [le guide](https://example.org/guide).",
    ),
).replace("Language: de", "Language: fr")


def test_command_prints_file_line_findings_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = working_copy(tmp_path, {"de": BROKEN_DE, "fr": CLEAN_FR})
    assert main(["check", "translations", "--root", str(root), "--require-complete"]) == 1
    out = capsys.readouterr().out.splitlines()
    strong = line_of(BROKEN_DE, "Press **Enter** to continue.")
    link = line_of(BROKEN_DE, "Read [the guide](https://example.org/guide).")
    assert out == [
        (
            f"{PATH}:{strong}: markup: emphasis (* and _) unbalanced or different from the source: "
            "4 markers there, 0 here"
        ),
        f"{PATH}:{link}: markup: links: 1 in the source, 0 here",
        (
            f"{PATH}:{link}: link-target: link or image targets differ from the source: "
            "lost https://example.org/guide"
        ),
        f"{PATH}: fuzzy: 1 fuzzy message to review",
    ]


def test_command_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = working_copy(tmp_path, {"de": BROKEN_DE, "fr": CLEAN_FR})
    assert main(["check", "translations", "--root", str(root), "--json", "-l", "de"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["schema_version"] == 1
    assert set(data) == {"schema_version", "findings", "progress"}
    findings = data["findings"] + data["progress"]  # fuzzy: progress unless --require-complete
    assert [f["rule"] for f in data["progress"]] == ["fuzzy"]
    assert all(set(f) == {"path", "line", "rule", "message", "msgid"} for f in findings)
    assert [(f["path"], f["line"], f["rule"]) for f in findings] == [
        (PATH, line_of(BROKEN_DE, "Press **Enter** to continue."), "markup"),
        (PATH, line_of(BROKEN_DE, "Read [the guide](https://example.org/guide)."), "markup"),
        (PATH, line_of(BROKEN_DE, "Read [the guide](https://example.org/guide)."), "link-target"),
        (PATH, None, "fuzzy"),
    ]
    assert findings[0]["msgid"] == "Press **Enter** to continue."


def test_command_exits_0_on_a_clean_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = working_copy(tmp_path, {"de": BROKEN_DE, "fr": CLEAN_FR})
    assert main(["check", "translations", "--root", str(root), "--json", "-l", "fr"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "schema_version": 1,
        "findings": [],
        "progress": [],
    }
    assert main(["check", "translations", "--root", str(root), "-l", "fr"]) == 0
    assert capsys.readouterr().out == ""


# --- messages from reStructuredText (a Sphinx project's catalogs) ---------------------------------


def rst_entry(msgid: str, msgstr: str) -> str:
    return f"#: ../../source/loops.rst:12\nmsgid {q(msgid)}\nmsgstr {q(msgstr)}\n"


@pytest.mark.parametrize(
    ("msgid", "msgstr", "expected"),
    [
        pytest.param(
            "See `the docs <https://docs.python.org/>`_ for ``range``.",
            "Siehe `die Doku <https://docs.python.org/>`_ zu ``range``.",
            [],
            id="link-and-literal-kept",
        ),
        pytest.param(
            "See `the docs <https://docs.python.org/>`_.",
            "Siehe `die Doku <https://docs.python.org/de/>`_.",
            [
                (
                    "link-target: link or image targets differ from the source: "
                    "lost https://docs.python.org/; added https://docs.python.org/de/"
                )
            ],
            id="link-target-changed",
        ),
        pytest.param(
            "Call ``print()`` now.",
            "Rufe jetzt ``drucke()`` auf.",
            [
                (
                    "inline-code: inline code differs from the source: lost ``print()``; "
                    "added ``drucke()``"
                )
            ],
            id="literal-changed",
        ),
        pytest.param(
            "Read :doc:`loops` and *think*.",
            "Lies und denke.",
            [
                "markup: roles: 1 in the source, 0 here",
                (
                    "markup: emphasis (*) unbalanced or different from the source: "
                    "2 markers there, 0 here"
                ),
            ],
            id="role-and-emphasis-lost",
        ),
    ],
)
def test_messages_from_rst_are_checked_as_rst(msgid: str, msgstr: str, expected: list[str]) -> None:
    text = po_text(FILLER, rst_entry(msgid, msgstr))
    findings = check_catalog(parse_po(text.encode(), PATH), PATH)
    assert [f"{f.rule}: {f.message}" for f in findings if f.line] == expected


def test_findings_are_written_in_the_locale_asked_for() -> None:
    text = po_text(
        FILLER,
        entry("Read [the guide](https://example.org/guide).", "Lies die Anleitung."),
        entry("Next step", "", flags="fuzzy"),
    )
    catalog = parse_po(text.encode(), PATH)
    german = [f"{f.rule}: {f.message}" for f in check_catalog(catalog, PATH, locale="de")]
    assert german == [
        "markup: Links: 1 im Original, 0 hier",
        (
            "link-target: Link- oder Bildziele weichen vom Original ab: "
            "verloren: https://example.org/guide"
        ),
        "untranslated: 1 unübersetzte Meldung",
    ]
    english = [f.rule for f in check_catalog(catalog, PATH)]
    assert english == [finding.split(":")[0] for finding in german]


def test_compile_names_the_catalog_and_line_of_a_nul_character(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = working_copy(tmp_path, {"de": po_text(FILLER, entry("Hello world.", "Hallo\x00Welt."))})
    assert main(["compile", "--root", str(root), "-l", "de"]) == 2
    err = capsys.readouterr().err
    catalog = root / PATH
    line = line_of(po_text(FILLER, entry("Hello world.", "Hallo\x00Welt.")), "Hello world.")
    assert f"{catalog}:{line}: a translation of 'Hello world.' contains a NUL character" in err
    assert not list(root.rglob("*.mo"))
