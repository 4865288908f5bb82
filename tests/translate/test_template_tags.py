"""Liquid and Jinja tags standing alone are no messages: not extracted, not counted, kept as is.

``{% raw %}``/``{% endraw %}``, ``{% include … %}``, ``{% if %}``, ``{{ page.title }}`` alone in a
paragraph, a list item, an HTML element or a front matter value; inside text they stay part of
the message (and ``check translations`` watches them as placeholders).
"""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from otsmaterials import translate
from otsmaterials.translate.segments import template_only

from clirun import Run
from translator_site import english_here, tree

LESSON = """---
title: "{{ site.title }}"
description: Loops in Python
---

# Loops

{% raw %}

Some {{ text }} here.

{% endraw %}

{{ page.title }}

{%- include note.html -%}

- {% raw %}
- item one

  {% if x %}  {{ y }}
"""
HTML = (
    "---\ntitle: Page\n---\n"
    "<html><body><p>{% raw %}</p><p>Hi {{ name }}</p><p>{{ page.title }}</p></body></html>\n"
)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    english_here(tmp_path, monkeypatch)
    root = tmp_path / "site"
    root.mkdir()
    (root / "_config.yml").write_text("title: T\n", encoding="utf-8")
    (root / "loops.md").write_text(LESSON, encoding="utf-8")
    return root


def test_tags_standing_alone_are_no_messages(site: Path, run: Run) -> None:
    assert run("extract", "--root", site)[0] == 0
    loops = polib.pofile(str(site / "locale/templates/loops.pot"))
    assert [e.msgid for e in loops] == [
        "Loops in Python",
        "Loops",
        "Some {{ text }} here.",
        "item one",
    ]
    html = translate.document_segments(HTML, "page.html")
    assert [segment.msgid for segment in html] == ["Page", "Hi {{ name }}"]


def test_tags_are_not_counted_and_render_keeps_them(site: Path, run: Run) -> None:
    assert run("init", "-l", "de", "--root", site)[0] == 0
    catalog = polib.pofile(str(site / "locale/de/LC_MESSAGES/loops.po"))
    for entry in catalog:
        entry.msgstr = {"Some {{ text }} here.": "Etwas {{ text }} hier."}.get(
            entry.msgid, entry.msgid.replace("Loops", "Schleifen")
        )
    catalog.save()
    code, out, _err = run("stat", "--json", "--root", site, "loops")
    assert code == 0
    (row,) = json.loads(out)["lessons"]
    assert row["counts"]["messages"] == 4
    assert row["counts"]["untranslated"] == 0
    before = tree(site)
    assert run("render", "-l", "de", "--root", site, "loops")[0] == 0
    rendered = (site / "_build/de/loops.md").read_text(encoding="utf-8")
    for tag in ("{% raw %}", "{% endraw %}", "{{ page.title }}", "{%- include note.html -%}"):
        assert rendered.count(tag) == LESSON.count(tag)
    assert "Etwas {{ text }} hier." in rendered
    assert 'title: "{{ site.title }}"' in rendered
    assert {k: v for k, v in tree(site).items() if not k.startswith("_build/")} == before


@pytest.mark.parametrize(
    ("text", "alone"),
    [
        ("{% raw %}", True),
        ("  {%- endraw -%}  ", True),
        ("{{ page.title }} {% if x %}", True),
        ("{% raw\n%}", True),
        ("Hello {{ name }}", False),
        ("{ not a tag }", False),
        ("{% raw %} text", False),
        ("", False),
    ],
)
def test_template_only(text: str, *, alone: bool) -> None:
    assert template_only(text) is alone
