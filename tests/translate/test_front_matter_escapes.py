r"""Front matter values are read as YAML reads them: escapes are YAML's, never a JSON decoder's.

``title: "Caf\xe9"`` is valid YAML (``Café``) that JSON refuses: ``extract`` and ``init`` died
with a ``JSONDecodeError``. Every kind of one-line quoted scalar is tried through the commands.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from otsmaterials.gettext.reader import parse_po

TITLES = {
    r'"Caf\xe9"': "Café",
    r'"Caf\u00e9 \U0001F600"': "Café 😀",
    r'"tab\there"': "tab\there",
    r'"no\_break"': "no\u00a0break",
    r'"a\/b"': "a/b",
    r'"say \"hi\""': 'say "hi"',
    r'"x" # a comment "y"': "x",
    "'it''s'": "it's",
    "'C:\\temp'": "C:\\temp",
}


def site(root: Path, title: str) -> Path:
    root.mkdir()
    (root / "_config.yml").write_text("title: Escapes\n", encoding="utf-8")
    (root / "lesson.md").write_text(f"---\ntitle: {title}\n---\n# Body\n\nText.\n", "utf-8")
    return root


def messages(path: Path) -> list[str]:
    return [entry.msgid for entry in parse_po(path.read_bytes(), str(path)).entries]


@pytest.mark.parametrize("title", TITLES)
def test_extract_and_init_read_a_quoted_title_as_yaml_does(title: str, tmp_path: Path, run) -> None:
    root = site(tmp_path / "site", title)
    assert run("extract", "--root", root)[0] == 0
    assert messages(root / "locale/templates/lesson.pot") == [TITLES[title], "Body", "Text."]
    assert run("init", "-l", "de", "--root", root)[0] == 0
    assert messages(root / "locale/de/LC_MESSAGES/lesson.po")[0] == TITLES[title]


@pytest.mark.parametrize("title", [r'"\q"', r'"\x4"', r'"unfinished\"'])
def test_a_title_yaml_refuses_is_left_out_without_a_traceback(
    title: str, tmp_path: Path, run
) -> None:
    root = site(tmp_path / "site", title)
    code, _out, err = run("extract", "--root", root)
    assert (code, err.count("Error")) == (0, 0)
    assert messages(root / "locale/templates/lesson.pot") == ["Body", "Text."]


def test_a_rendered_title_is_written_back_as_valid_yaml(tmp_path: Path, run) -> None:
    root = site(tmp_path / "site", r'"Caf\xe9 \"Zum\"" # keep me')
    assert run("init", "-l", "de", "--root", root)[0] == 0
    catalog = root / "locale/de/LC_MESSAGES/lesson.po"
    text = catalog.read_text(encoding="utf-8").replace(
        'msgid "Café \\"Zum\\""\nmsgstr ""',
        'msgid "Café \\"Zum\\""\nmsgstr "Kaffee \\"Zum\\" \\\\o/"',
    )
    catalog.write_text(text, encoding="utf-8")
    assert run("render", "-l", "de", "--root", root, "-o", tmp_path / "out")[0] == 0
    rendered = (tmp_path / "out/lesson.md").read_text(encoding="utf-8")
    assert rendered.splitlines()[1] == 'title: "Kaffee \\"Zum\\" \\\\o/" # keep me'
