"""What the library writes, GNU ``msgcat`` (same width) and ``msgmerge --previous --update``
(current template) leave byte for byte as it is: no diff for a team that also uses GNU tools.

Generated catalogs (hypothesis, bounded) mix words with the punctuation GNU may break after
(hyphens, slashes, dots, quotes, dashes, brackets), escapes, line breaks, wide and combining
characters, references, flags, plurals, previous strings and obsolete entries, at widths from 20
to 120 and without wrapping. The workflow test runs the translator commands on a lesson with long
paragraphs and checks both GNU tools on what they wrote. Skipped, with a message, where GNU
gettext is not installed.
"""

from __future__ import annotations

import ast
import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from otsmaterials.gettext import _breaks as breaks
from otsmaterials.gettext.catalog import PoEntry, PoFile
from otsmaterials.gettext.writer import format_po

from clirun import Run
from translator_site import english_here

MSGCAT = shutil.which("msgcat")
MSGMERGE = shutil.which("msgmerge")
pytestmark = pytest.mark.skipif(
    MSGCAT is None or MSGMERGE is None,
    reason="GNU gettext (msgcat, msgmerge) is not installed: the byte comparison is skipped",
)

PIECES = [
    "word",
    "well-known",
    "https://example.org/guide/first-steps.html",
    "e.g.",
    "3.5%",
    "10-20",
    "(aside)",
    "[link](target)",
    "**bold**",
    "`code`",
    "«quote»",
    "“quoted”",
    "l’apostrophe",
    "—",
    "–",
    "…",
    "yes/no",
    "a,b",
    "Really?",
    "Yes!",
    "{name}",
    "%s",
    "$5",
    "#tag",
    "x=1;",
    "über",
    "naïve",
    "中文字",
    "日本語。",
    "e\u0301",
    "tab\there",
    'say "hi"',
    "back\\slash",
    "non\u00a0breaking",
    "end.\n",
    "\n",
    "  ",
    "a" * 30,
    "@user",
    "C++",
    "~home",
    "^caret",
    "|",
    "Привет,",
    "Ελληνικά;",
    "עברית",
    "العربية؟",
    "हिन्दी।",
    "한국어",
    "50€",
    "§3",
    "©2024",
]
TEXT = st.lists(st.sampled_from(PIECES), min_size=0, max_size=24).map(" ".join)
TRANSLATION = st.lists(st.sampled_from(PIECES), min_size=1, max_size=24).map(" ".join)
LOCATION = st.builds(
    "{}:{}".format,
    st.sampled_from(["lesson.md", "core/a-rather-long-folder-name/setup.md", "ünï.md"]),
    st.integers(1, 99_999),
)


@st.composite
def entries(draw: st.DrawFn, number: int) -> PoEntry:
    msgid = f"{number} {draw(TEXT)}"
    plural = draw(st.booleans())
    translated = draw(st.booleans())
    entry = PoEntry(
        msgid=msgid,
        msgid_plural=f"{msgid} (many)" if plural else None,
        locations=draw(st.lists(LOCATION, max_size=6)),
        comments=draw(
            st.lists(st.sampled_from(["Translator note", "", "Ana: checked"]), max_size=2)
        ),
        extracted=draw(st.lists(st.sampled_from(["A heading", "alt text"]), max_size=1)),
        flags=["fuzzy"] if draw(st.booleans()) else [],
    )
    if plural:
        entry.msgstr_plural = [draw(TRANSLATION), draw(TRANSLATION)] if translated else ["", ""]
    else:
        entry.msgstr = draw(TRANSLATION) if translated else ""
    if entry.fuzzy and translated and draw(st.booleans()):
        entry.previous_msgid = f"{number} {draw(TEXT)}"
    if translated and draw(st.integers(0, 4)) == 0:
        entry.obsolete = True
        entry.locations = []
    return entry


@st.composite
def catalogs(draw: st.DrawFn) -> PoFile:
    count = draw(st.integers(0, 8))
    header = [
        ("Project-Id-Version", "Python Basics"),
        ("Language", "de"),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", "nplurals=2; plural=(n != 1);"),
        ("X-Generator", draw(TEXT.map(lambda text: text.replace("\n", " ")))),
    ]
    return PoFile(
        header,
        ["Translators:", "Ana <ana@example.org>, 2024."],
        [],
        [draw(entries(number)) for number in range(count)],
    )


def gnu(*argv: str | Path) -> str:
    done = subprocess.run([str(a) for a in argv], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(catalog=catalogs(), width=st.sampled_from([20, 33, 50, 79, 80, 120, None]))
def test_msgcat_leaves_what_the_library_writes(
    tmp_path: Path, catalog: PoFile, width: int | None
) -> None:
    assume(catalog.active())  # msgcat writes nothing for a catalog without messages
    text = format_po(catalog, width=width)
    path = tmp_path / "x.po"
    path.write_text(text, encoding="utf-8")
    option = ["--no-wrap"] if width is None else ["-w", str(width)]
    assert gnu(MSGCAT or "msgcat", *option, path) == text


PARAGRAPH = (
    "Open a terminal (on Windows: PowerShell) and type `python3 -m venv .venv`; well-known "
    "editors such as VS Code, Thonny or IDLE work too — see https://docs.python.org/3/tutorial/"
    "venv.html for the long version… “Ready?” «Allons-y!» It’s 10-20 minutes of work, e.g. "
    "3.5% of the day/week."
)


def test_the_workflow_leaves_nothing_for_msgcat_or_msgmerge(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    english_here(tmp_path, monkeypatch)
    site = tmp_path / "site"
    site.mkdir()
    (site / "_config.yml").write_text("title: T\n", encoding="utf-8")
    lesson = site / "setup.md"
    lesson.write_text(f"# Set-up/install\n\n{PARAGRAPH}\n\n- {PARAGRAPH[:120]}\n", "utf-8")
    for argv in (["extract"], ["init", "-l", "fr", "-l", "ja"]):
        assert run(*argv, "--root", site)[0] == 0
    catalog = site / "locale/fr/LC_MESSAGES/setup.po"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(
        text.replace('msgstr ""\n\n#: setup.md:3', 'msgstr "Préparer"\n\n#: setup.md:3', 1)
    )
    lesson.write_text(lesson.read_text("utf-8").replace("Set-up", "Setting-up"), "utf-8")
    for argv in (["extract"], ["update"]):
        assert run(*argv, "--root", site)[0] == 0
    template = site / "locale/templates/setup.pot"
    for path in (template, catalog, site / "locale/ja/LC_MESSAGES/setup.po"):
        written = path.read_bytes()
        (tmp_path / path.name).write_bytes(written)
        assert gnu(MSGCAT or "msgcat", path).encode("utf-8") == written, path.name
        if path.suffix == ".po":
            # --previous: without it msgmerge drops the #| msgid lines that show a translator
            # what changed (our update keeps them)
            gnu(
                MSGMERGE or "msgmerge",
                "--quiet",
                "--previous",
                "--update",
                "--backup=off",
                path,
                template,
            )
            assert path.read_bytes() == written, path.name


def test_the_break_table_is_what_msgcat_says_today(tmp_path: Path) -> None:
    """``gettext/_breaks.py`` is measured, not written by hand: measuring again gives it back."""
    tool = Path(__file__).parents[2] / "tools" / "gnu_linebreaks.py"
    spec = importlib.util.spec_from_file_location("gnu_linebreaks", tool)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = (Path(breaks.__file__)).read_text(encoding="utf-8")
    version = gnu(MSGCAT or "msgcat", "--version").splitlines()[0]
    if version not in shipped:
        pytest.skip(f"the table was measured with another GNU gettext than {version}")
    module.write(tmp_path / "_breaks.py")
    measured = (tmp_path / "_breaks.py").read_text(encoding="utf-8")
    assert ast.dump(ast.parse(measured)) == ast.dump(ast.parse(shipped))  # formatting aside
