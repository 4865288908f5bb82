"""``import-translation``: an existing translated file becomes a catalog (po4a's gettextize).

The demo's web-markdown ``core/setup.md`` and its German ``de/core/setup.md`` align block by
block; so do a ``.de.md`` file and a file taken from a ``german`` branch. Where the files
disagree the alignment is doubtful: those messages are fuzzy, everything around them exact.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from otsmaterials.cli import main
from otsmaterials.gettext.catalog import PoEntry
from otsmaterials.gettext.reader import parse_po
from otsmaterials.translate.align import align_translation

from gitrepos import RepoBuilder, git

DEMO = Path(__file__).resolve().parents[2] / "src/otsmaterials/demo/materials"
CATALOG = "locale/de/LC_MESSAGES/core/setup.po"

# The messages of core/setup.md and their German counterparts in de/core/setup.md, in order.
PAIRS = [
    ("Setup", "Vorbereitung"),
    (
        (
            "Before we start, you need two programs and a folder. Both programs are free, and you "
            "may already have them."
        ),
        (
            "Bevor wir anfangen, brauchst du zwei Programme und einen Ordner. Beide Programme sind "
            "kostenlos, und vielleicht hast du sie schon."
        ),
    ),
    ("A text editor", "Ein Texteditor"),
    (
        (
            "A text editor is where you write your code. Any plain text editor works; we "
            "recommend [Visual Studio Code](https://code.visualstudio.com/) or "
            "[Geany](https://www.geany.org/). Word processors such as Word or LibreOffice "
            "Writer are **not** suitable: they add their own formatting to the file."
        ),
        (
            "Im Texteditor schreibst du deinen Code. Jeder Editor für reinen Text ist "
            "geeignet; wir empfehlen [Visual Studio Code](https://code.visualstudio.com/) oder "
            "[Geany](https://www.geany.org/). Textverarbeitungen wie Word oder LibreOffice Writer "
            "sind **nicht** geeignet: Sie fügen der Datei ihre eigene Formatierung hinzu."
        ),
    ),
    ("A web browser", "Ein Webbrowser"),
    (
        (
            "You will look at your pages in a web browser such as Firefox or Chrome. Browsers also "
            "have *developer tools*: press `F12` to open them and see how the browser understands "
            "your page."
        ),
        (
            "Deine Seiten siehst du dir in einem Webbrowser wie Firefox oder Chrome an. "
            "Browser haben außerdem *Entwicklerwerkzeuge*: Drücke `F12`, um sie zu öffnen, "
            "und sieh dir an, wie der Browser deine Seite versteht."
        ),
    ),
    ("A folder for the workshop", "Ein Ordner für den Workshop"),
    (
        (
            "Create a new folder called `my-website` somewhere you can find it again, for "
            "example on your desktop. Then open your editor, create a file and save it in that "
            "folder as `index.html`, with this content:"
        ),
        (
            "Lege einen neuen Ordner namens `my-website` an einem Ort an, an dem du ihn "
            "wiederfindest, zum Beispiel auf dem Desktop. Öffne dann deinen Editor, erstelle eine "
            "Datei und speichere sie in diesem Ordner als `index.html` mit diesem Inhalt:"
        ),
    ),
    (
        (
            "Open the file in your browser (double-click it, or drag it into a browser window). If "
            'you see "It works!", you are ready for the next lesson.'
        ),
        (
            "Öffne die Datei in deinem Browser (mit einem Doppelklick oder indem du sie in ein "
            "Browserfenster ziehst). Wenn du „Es funktioniert!“ siehst, bist du bereit für die "
            "nächste Lektion."
        ),
    ),
]
EXPECTED = [(msgid, msgstr, False) for msgid, msgstr in PAIRS]
INTRO = PAIRS[1][0]
LAST = PAIRS[-1][0]
NOTE_DE = "Hinweis: Alle Beispiele funktionieren auch mit anderen Programmen."


@pytest.fixture
def web(tmp_path: Path) -> Path:
    """A working copy of the demo's web-markdown material."""
    return Path(shutil.copytree(DEMO / "web-markdown/main", tmp_path / "web-markdown"))


def german(web: Path) -> str:
    return (web / "de/core/setup.md").read_text(encoding="utf-8")


def entries(path: Path) -> list[PoEntry]:
    return parse_po(path.read_bytes(), str(path)).active()


def triples(path: Path) -> list[tuple[str, str, bool]]:
    return [(e.msgid, e.msgstr, e.fuzzy) for e in entries(path)]


def import_translation(root: Path, translated: Path, *extra: str) -> int:
    return main(
        [
            "import-translation",
            str(root / "core/setup.md"),
            str(translated),
            "-l",
            "de",
            "--root",
            str(root),
            *extra,
        ]
    )


def test_demo_folder_translation(web: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert import_translation(web, web / "de/core/setup.md") == 0
    out = capsys.readouterr().out
    assert f"wrote {CATALOG}: 9 aligned, 0 fuzzy (check them), 0 untranslated" in out
    catalog = parse_po((web / CATALOG).read_bytes(), CATALOG)
    assert catalog.header_value("Language") == "de"
    assert triples(web / CATALOG) == EXPECTED
    locations = [e.locations for e in catalog.active()]
    assert locations[0] == ["core/setup.md:3"]
    assert locations[2] == ["core/setup.md:10"]
    # The written catalog is what stat counts as complete and check finds clean.
    assert main(["check", "translations", "--root", str(web)]) == 0
    assert main(["stat", "--root", str(web), "core/setup.md"]) == 0
    row = capsys.readouterr().out.splitlines()[-1].split()
    assert row == ["core/setup", "de", "9/9", "0", "0", "167/167", "100%"]


def test_suffix_file(web: Path, tmp_path: Path) -> None:
    suffix = web / "core/setup.de.md"
    shutil.copyfile(web / "de/core/setup.md", suffix)
    shutil.rmtree(web / "de")
    assert import_translation(web, suffix) == 0
    assert triples(web / CATALOG) == EXPECTED


def test_file_from_a_german_branch(tmp_path: Path) -> None:
    repo = RepoBuilder(tmp_path / "repo")
    source = DEMO / "web-markdown/main"
    repo.write(
        {
            name: (source / name).read_text(encoding="utf-8")
            for name in ("_config.yml", "index.md", "core/setup.md")
        }
    )
    repo.commit("English", date="2024-01-01T12:00:00+00:00")
    repo.branch("german")
    repo.write({"core/setup.md": (source / "de/core/setup.md").read_text(encoding="utf-8")})
    repo.commit("Deutsch", date="2024-02-01T12:00:00+00:00")
    repo.checkout("main")
    taken = tmp_path / "setup.german.md"
    taken.write_text(git("show", "german:core/setup.md", cwd=repo.path), encoding="utf-8")
    assert import_translation(repo.path, taken) == 0
    assert triples(repo.path / CATALOG) == EXPECTED


def test_js_branch_changed_code_is_doubtful(tmp_path: Path) -> None:
    """The demo's js-branches lesson: the German paragraph translates inline code too."""
    repo = RepoBuilder(tmp_path / "js")
    source = DEMO / "js-branches"
    repo.write({"01-hello.md": (source / "main-1/01-hello.md").read_text(encoding="utf-8")})
    repo.commit("English", date="2024-03-01T10:00:00+00:00")
    repo.branch("german")
    repo.write({"01-hello.md": (source / "german/01-hello.md").read_text(encoding="utf-8")})
    repo.commit("Deutsch", date="2024-04-01T10:00:00+00:00")
    repo.checkout("main")
    taken = tmp_path / "01-hello.german.md"
    taken.write_text(git("show", "german:01-hello.md", cwd=repo.path), encoding="utf-8")
    arguments = ["import-translation", str(repo.path / "01-hello.md"), str(taken), "-l", "de"]
    assert main([*arguments, "--root", str(repo.path)]) == 0
    found = triples(repo.path / "locale/de/LC_MESSAGES/01-hello.po")
    assert len(found) == 10
    doubtful = [(msgid, msgstr) for msgid, msgstr, fuzzy in found if fuzzy]
    assert doubtful == [
        (
            (
                "Press *Enter*, and the console prints `Hello, world!`. The `console.log` "
                "function shows whatever you give it between the parentheses. The semicolon at "
                "the end marks the end of the statement."
            ),
            (
                "Drücke *Enter*, und die Konsole gibt `Hallo, Welt!` aus. Die Funktion "
                "`console.log` zeigt alles an, was du ihr zwischen den Klammern übergibst. "
                "Das Semikolon am Ende markiert das Ende der Anweisung."
            ),
        )
    ]
    exact = {msgid: msgstr for msgid, msgstr, fuzzy in found if not fuzzy}
    assert exact["Hello, JavaScript"] == "Hallo, JavaScript"
    assert exact["Doing maths"] == "Rechnen"
    assert exact["Exercise"] == "Übung"
    assert all(msgstr for msgstr in exact.values())


def test_extra_paragraph(web: Path) -> None:
    text = german(web)
    end_of_intro = "vielleicht hast du sie schon.\n"
    intro_end = text.index(end_of_intro) + len(end_of_intro)
    changed = text[:intro_end] + f"\n{NOTE_DE}\n" + text[intro_end:]
    translated = web / "de/core/setup.md"
    translated.write_text(changed, encoding="utf-8")
    assert import_translation(web, translated) == 0
    found = triples(web / CATALOG)
    assert [msgid for msgid, _, _ in found] == [msgid for msgid, _ in PAIRS]
    for (msgid, msgstr, fuzzy), expected in zip(found, EXPECTED, strict=True):
        if msgid == INTRO:
            # the misaligned region: fuzzy, unless the aligner found the right paragraph
            assert fuzzy or msgstr == expected[1], (msgstr, fuzzy)
        else:
            assert (msgid, msgstr, fuzzy) == expected


def test_missing_paragraph(web: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = german(web)
    start = text.index("Öffne die Datei in deinem Browser")
    translated = web / "de/core/setup.md"
    translated.write_text(text[:start].rstrip("\n") + "\n", encoding="utf-8")
    assert import_translation(web, translated) == 0
    assert "8 aligned, 0 fuzzy (check them), 1 untranslated" in capsys.readouterr().out
    found = triples(web / CATALOG)
    assert found[:-1] == EXPECTED[:-1]
    assert found[-1] == (LAST, "", False)


def test_missing_first_paragraph(web: Path) -> None:
    text = german(web)
    start = text.index("Bevor wir anfangen")
    end = text.index("## Ein Texteditor")
    translated = web / "de/core/setup.md"
    translated.write_text(text[:start] + text[end:], encoding="utf-8")
    assert import_translation(web, translated) == 0
    found = triples(web / CATALOG)
    assert found[1] == (INTRO, "", False)
    assert found[:1] + found[3:] == EXPECTED[:1] + EXPECTED[3:]
    # the heading after the gap is not a paragraph: it is paired with confidence
    assert found[2] == EXPECTED[2]


ORIGINAL = (
    "# Title\n\nParagraph A about the editor.\n\nParagraph B about the browser.\n\n"
    "## Section\n\nParagraph C about the folder.\n"
)


def test_missing_paragraph_among_alike_paragraphs() -> None:
    translated = (
        "# Titel\n\nAbsatz A über den Editor.\n\n## Abschnitt\n\nAbsatz C über den Ordner.\n"
    )
    result = align_translation(ORIGINAL, translated, path="x.md", language="de", project="x")
    found = {e.msgid: (e.msgstr, e.fuzzy) for e in result.catalog.active()}
    assert found["Title"] == ("Titel", False)
    assert found["Section"] == ("Abschnitt", False)
    assert found["Paragraph C about the folder."] == ("Absatz C über den Ordner.", False)
    # The misaligned region (A and B against A' alone): fuzzy, or right, never confidently wrong.
    a_text, a_fuzzy = found["Paragraph A about the editor."]
    assert a_fuzzy or a_text in {"", "Absatz A über den Editor."}, a_text
    b_text, b_fuzzy = found["Paragraph B about the browser."]
    assert b_fuzzy or not b_text, b_text


def test_untranslated_page_gives_no_translations(
    web: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = web / "de/core/setup.md"
    shutil.copyfile(web / "core/setup.md", copy)
    assert import_translation(web, copy) == 0
    assert "0 aligned, 0 fuzzy (check them), 9 untranslated" in capsys.readouterr().out
    found = triples(web / CATALOG)
    assert found == [(msgid, "", False) for msgid, _ in PAIRS]


def test_existing_catalog_needs_force(web: Path, capsys: pytest.CaptureFixture[str]) -> None:
    untranslated = web / "same.md"
    shutil.copyfile(web / "core/setup.md", untranslated)
    assert import_translation(web, untranslated) == 0
    before = (web / CATALOG).read_bytes()
    capsys.readouterr()
    assert import_translation(web, web / "de/core/setup.md") == 2
    assert "--force" in capsys.readouterr().err
    assert (web / CATALOG).read_bytes() == before
    assert import_translation(web, web / "de/core/setup.md", "--force") == 0
    assert triples(web / CATALOG) == EXPECTED


def test_output_option(web: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "setup.de.po"
    assert import_translation(web, web / "de/core/setup.md", "-o", str(target)) == 0
    assert triples(target) == EXPECTED
    assert not (web / CATALOG).exists()


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (GNU gettext) not installed")
def test_msgfmt_accepts_the_catalogs(web: Path, tmp_path: Path) -> None:
    assert import_translation(web, web / "de/core/setup.md") == 0
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "setup.mo"), str(web / CATALOG)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "9 translated messages" in result.stderr
    gone = web / "de/core/setup.md"
    text = german(web)
    gone.write_text(text.replace("`F12`", "`F11`"), encoding="utf-8")  # one doubtful block
    assert import_translation(web, gone, "--force") == 0
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "setup.mo"), str(web / CATALOG)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "8 translated messages, 1 fuzzy translation" in result.stderr
