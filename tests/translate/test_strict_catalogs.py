"""A message defined twice is refused as ``msgfmt`` refuses it, by every command that reads it.

A duplicate msgid (same msgctxt) is the typical leftover of a git merge of two catalogs: whichever
definition a tool keeps, the other translation is lost. The reader refuses it with both lines, so
``stat``, ``check translations``, ``compile``, ``update`` and ``render`` all stop with the one-line
error (exit 2) and write nothing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from otsmaterials.errors import ParseError
from otsmaterials.gettext.reader import parse_po

from clirun import Run
from translator_site import LOOPS_PO, english_here, make_site, tree

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'

DUPLICATES = {
    "plain": 'msgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n',
    "context": (
        'msgctxt "c"\nmsgid "a"\nmsgstr "x"\n\n#, fuzzy\nmsgctxt "c"\nmsgid ""\n"a"\nmsgstr "y"\n'
    ),
    "plural": (
        'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\nmsgstr[1] "xs"\n\n'
        'msgid "a"\nmsgid_plural "bs"\nmsgstr[0] "y"\nmsgstr[1] "ys"\n'
    ),
    "obsolete": 'msgid "a"\nmsgstr "x"\n\n#~ msgid "a"\n#~ msgstr "y"\n',
}


def msgid_lines(text: str) -> list[int]:
    """The lines of the msgids after the header's."""
    found = [
        n for n, line in enumerate(text.split("\n"), 1) if line.startswith(("msgid ", "#~ msgid "))
    ]
    return found[1:]


@pytest.mark.parametrize("case", DUPLICATES, ids=str)
def test_a_duplicate_names_both_lines(case: str, tmp_path: Path) -> None:
    first, second = msgid_lines(HEADER + DUPLICATES[case])
    with pytest.raises(ParseError) as raised:
        parse_po((HEADER + DUPLICATES[case]).encode(), "x.po")
    assert str(raised.value) == (
        f"x.po:{second}: duplicate message definition (the first is at line {first}); keep one"
    )
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext (msgfmt) is not installed: the comparison with it is skipped")
    (tmp_path / "x.po").write_text(HEADER + DUPLICATES[case], encoding="utf-8")
    done = subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", "x.po"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "duplicate message definition" in done.stderr


def test_the_same_msgid_in_other_contexts_is_no_duplicate() -> None:
    body = 'msgid "a"\nmsgstr "x"\n\nmsgctxt "c"\nmsgid "a"\nmsgstr "y"\n\n#~ msgctxt "d"\n'
    body += '#~ msgid "a"\n#~ msgstr "z"\n'
    catalog = parse_po((HEADER + body).encode(), "x.po")
    assert [(e.msgctxt, e.msgid, e.msgstr) for e in catalog.entries] == [
        (None, "a", "x"),
        ("c", "a", "y"),
        ("d", "a", "z"),
    ]


@pytest.mark.parametrize(
    "argv",
    [
        ["stat"],
        ["check", "translations"],
        ["compile"],
        ["update"],
        ["update", "--check"],
        ["render", "-l", "de"],
    ],
    ids=" ".join,
)
def test_every_command_refuses_a_duplicate_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run, argv: list[str]
) -> None:
    english_here(tmp_path, monkeypatch)
    site = make_site(tmp_path / "site")
    assert run("init", "-l", "de", "--root", site)[0] == 0
    catalog = site / LOOPS_PO
    text = catalog.read_text(encoding="utf-8")
    again = 'msgid "Loops"\nmsgstr ""\n'
    assert text.count(again) == 1
    catalog.write_text(
        text.replace(again, 'msgid "Loops"\nmsgstr "Schleifen"\n')
        + '\nmsgid "Loops"\nmsgstr "Wiederholungen"\n',
        encoding="utf-8",
    )
    lines = catalog.read_text(encoding="utf-8").split("\n")
    first, second = (n for n, line in enumerate(lines, 1) if line == 'msgid "Loops"')
    before = tree(site)

    code, out, err = run(*argv, "--root", site)

    assert (code, out) == (2, "")
    assert err == (
        f"otsmaterials: error: {catalog}:{second}: duplicate message definition "
        f"(the first is at line {first}); keep one\n"
    )
    assert tree(site) == before
