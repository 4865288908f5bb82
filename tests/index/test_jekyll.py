"""The Jekyll data: the learn portal's list in full, read by the real ``jekyll`` where installed.

The portal's page (``tests/data/learn_portal``: ``index.html``, ``_layouts/ots.html`` and
``_config.yml`` copied unchanged from github.com/OpenTechSchool/learn.opentechschool.org at commit
57bbffa, CC BY-SA 3.0 as its footer states) reads ``site.sections`` from its configuration.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

import otsmaterials as om

from demo_fixture import Corpus, Demo, build_stale_corpus, lesson_md
from gitrepos import git_environment

PORTAL = Path(__file__).parents[1] / "data" / "learn_portal"
DOCS = Path(__file__).parents[2] / "docs" / "site-generators.md"
JEKYLL = shutil.which("jekyll")
needs_jekyll = pytest.mark.skipif(
    JEKYLL is None,
    reason="jekyll is not installed (.ci/run installs Debian's `jekyll` package where it can)",
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """A material with translations (two outdated), site, code, titles and status; a bare one."""
    root = tmp_path_factory.mktemp("jekyll")
    with git_environment(root / "home"):
        built = build_stale_corpus(root / "corpus")
        built.entries["stale"].update(
            description="Lessons whose translations lag behind.",
            site_url="https://learn.example.net/stale/",
            code_url="https://code.example.net/stale-code",
            titles={"es": "Lecciones atrasadas", "de": "Veraltete Lektionen"},
            status="archived",
        )
        built.add("bare", {"only.md": lesson_md("Only lesson", 1, "Words in a lesson. " * 20)})
        built.write_catalogue()
        assert built.build().ok
    return built


@pytest.fixture(scope="module")
def index(corpus: Corpus) -> Iterator[om.Index]:
    with om.Index.open(corpus.index_path) as opened:
        yield opened


def workshops(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {w["id"]: w for section in data["sections"] for w in section["workshops"]}


def _leaves(value: object) -> Iterator[object]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


def _items(value: object) -> Iterator[tuple[str, object]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, item
            yield from _items(item)
    elif isinstance(value, list):
        for item in value:
            yield from _items(item)


def test_each_workshop_has_the_portal_keys_and_what_the_index_knows(index: om.Index) -> None:
    data = yaml.safe_load(index.export_jekyll())
    assert [s["name"] for s in data["sections"]] == ["Testing", "Other"]
    stale = workshops(data)["stale"]
    assert list(stale)[:5] == ["title", "url", "source", "code", "desc"]
    assert stale["url"] == "https://learn.example.net/stale/"
    assert stale["code"] == "https://code.example.net/stale-code"
    assert stale["titles"] == {
        "de": "Veraltete Lektionen",
        "en": "Material stale",
        "es": "Lecciones atrasadas",
    }
    assert stale["status"] == "retired"
    assert stale["languages"] == ["de", "en", "es"]
    translations = {row["language"]: row for row in stale["translations"]}
    assert translations["en"] == {
        "language": "en",
        "completeness": 1.0,
        "percent": 100,
        "lessons": 3,
        "outdated": False,
        "outdated_lessons": 0,
    }
    assert (translations["es"]["lessons"], translations["es"]["outdated_lessons"]) == (2, 1)
    assert translations["es"]["outdated"] is True
    assert (translations["de"]["lessons"], translations["de"]["outdated"]) == (1, True)
    for row in translations.values():
        assert row["percent"] == int(100 * row["completeness"])
    material = index.material("stale")
    assert material.license is not None
    if material.license.spdx == "NOASSERTION":
        assert "license" not in stale
    lessons = stale["lessons"]
    assert [(x["order"], x["id"]) for x in lessons] == [
        (1, "stale/01-intro"),
        (2, "stale/02-next"),
        (3, "stale/03-last"),
    ]
    assert lessons[0]["titles"] == {"en": "Introduction", "es": "Introducción"}
    assert lessons[0]["url"] == "https://learn.example.net/stale/01-intro.html"
    assert lessons[0]["urls"]["es"] == "https://learn.example.net/stale/01-intro.es.html"
    assert lessons[1]["titles"] == {"de": "Nächste Schritte", "en": "Next steps"}


def test_absent_values_are_absent_never_false(index: om.Index) -> None:
    data = yaml.safe_load(index.export_jekyll())
    bare = workshops(data)["bare"]
    assert set(bare) == {"title", "source", "id", "titles", "languages", "translations", "lessons"}
    assert "url" not in bare["lessons"][0]
    for value in _leaves(data):
        assert value is not None
        assert value != ""
    booleans = {key for key, value in _items(data) if isinstance(value, bool)}
    assert booleans == {"outdated"}  # a yes/no question, not a missing value
    assert "false" not in index.export_jekyll().replace("outdated: false", "")


def test_the_licence_is_its_id_name_and_deed(demo: Demo) -> None:
    with om.Index.open(demo.index) as index:
        data = yaml.safe_load(index.export_jekyll())
    python = workshops(data)["python-sphinx"]
    assert python["license"] == {
        "spdx": "CC-BY-SA-4.0",
        "name": "Creative Commons Attribution-ShareAlike 4.0 International",
        "url": "https://creativecommons.org/licenses/by-sa/4.0/",
    }
    assert [x["order"] for x in python["lessons"]] == [1, 2, 3, 4]
    assert python["lessons"][3]["titles"] == {"de": "Funktionen", "en": "Functions"}


def test_the_configuration_fragment_is_the_same_list_with_how_to_use_it(index: om.Index) -> None:
    fragment = index.export_jekyll(config=True)
    assert fragment.startswith("# ")
    assert "jekyll build --config _config.yml,sections.yml" in fragment.splitlines()[1]
    assert yaml.safe_load(fragment) == yaml.safe_load(index.export_jekyll())


def _jekyll_build(site: Path, *configs: str) -> str:
    assert JEKYLL is not None
    command = [JEKYLL, "build", "--safe", "--quiet", "-s", str(site), "-d", str(site / "_site")]
    if configs:
        command += ["--config", ",".join(str(site / name) for name in configs)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr + done.stdout
    return (site / "_site" / "index.html").read_text(encoding="utf-8")


@needs_jekyll
def test_the_portal_page_as_it_is_renders_the_fragment(
    index: om.Index, corpus: Corpus, tmp_path: Path
) -> None:
    site = tmp_path / "portal"
    shutil.copytree(PORTAL, site)
    (site / "sections.yml").write_text(index.export_jekyll(config=True), encoding="utf-8")
    page = _jekyll_build(site, "_config.yml", "sections.yml")
    listed = re.findall(r'<h4><a href="([^"]*)">([^<]*)</a></h4>', page)
    assert listed == [("https://learn.example.net/stale/", "Material stale"), ("", "Material bare")]
    assert re.findall(r'<section id="([^"]*)"', page) == ["Testing", "Other"]
    sources = re.findall(r'<div class="source-link[^>]*>\s*<a href="([^"]*)">Source</a>', page)
    assert sources == [corpus.entries["stale"]["source"], corpus.entries["bare"]["source"]]
    codes = re.findall(r'<div class="code-link[^>]*>\s*<a href="([^"]*)">Code</a>', page)
    assert codes == ["https://code.example.net/stale-code"]
    assert "Lessons whose translations lag behind." in page
    assert "Python for Beginners" not in page  # the fragment replaced the portal's own list
    assert 'href="false"' not in page


def _docs_block(marker: str, language: str) -> str:
    """The fenced block of ``language`` that follows ``marker`` in site-generators.md."""
    text = DOCS.read_text(encoding="utf-8")
    after = text[text.index(marker) :]
    found = re.search(rf"```{language}\n(.*?)```", after, re.DOTALL)
    assert found is not None, f"no {language} block after {marker!r}"
    return found.group(1)


@needs_jekyll
def test_the_documented_liquid_example_renders_as_documented(demo: Demo, tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "_data").mkdir(parents=True)
    with om.Index.open(demo.index) as index:
        (site / "_data" / "workshops.yml").write_text(index.export_jekyll(), encoding="utf-8")
    template = _docs_block("<!-- liquid example: workshops -->", "liquid")
    (site / "index.html").write_text("---\n---\n" + template, encoding="utf-8")
    rendered = _jekyll_build(site)
    expected = _docs_block("<!-- rendered: workshops -->", "html")
    lines = [line.rstrip() for line in rendered.splitlines() if line.strip()]
    assert lines == [line.rstrip() for line in expected.splitlines() if line.strip()]
    assert html.escape("Schleifen") in rendered
