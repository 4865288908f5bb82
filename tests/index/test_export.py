"""Exports for site generators: the JSON document and its schema, and the learn portal's YAML."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import otsmaterials as om

from demo_fixture import (
    Corpus,
    Demo,
    lesson_md,
    numbered_lessons,
)
from gitrepos import git_environment

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
VERSION_KINDS = {"original", "gettext", "file", "branch"}


@pytest.fixture(scope="module")
def index(demo: Demo) -> Iterator[om.Index]:
    with om.Index.open(demo.index) as opened:
        yield opened


@pytest.fixture(scope="module")
def document(index: om.Index) -> dict[str, Any]:
    return json.loads(index.export_json())


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[om.Index]:
    """Materials with site and code URLs, one without a topic, committed with e-mail addresses."""
    root = tmp_path_factory.mktemp("export-published")
    with git_environment(root / "home"):
        corpus = Corpus(root / "corpus")
        corpus.add(
            "site",
            numbered_lessons("site", 2),
            topics=["web"],
            description="Pages with a site.",
            site_url="https://learn.example.net/site/",
            code_url="https://code.example.net/site-code",
        )
        repo = corpus.add("loose", {"lesson.md": lesson_md("Loose", 1, "A lesson. " * 20)})
        repo.write({"lesson.de.md": lesson_md("Lose", 1, "Die Lektion ist nicht schwer. " * 8)})
        repo.commit("Deutsch", author=("Jörg Übersetzer", "joerg@example.com"))
        corpus.write_catalogue()
        assert corpus.build().ok
    with om.Index.open(corpus.index_path) as opened:
        yield opened


# --- the schema, read by a real consumer (jsonschema) --------------------------------------------


def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(om.export_schema())
    return loaded


def schema_errors(instance: object) -> list[str]:
    """Where ``instance`` breaks the export schema (empty when it is valid), by jsonschema."""
    validator = jsonschema.Draft202012Validator(
        schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return [
        f"{error.json_path}: {error.message}"
        for error in sorted(validator.iter_errors(instance), key=str)
    ]


# --- the JSON document --------------------------------------------------------------------------


def test_json_export_has_the_documented_keys(index: om.Index, document: dict[str, Any]) -> None:
    assert document["schema_version"] == om.SCHEMA_VERSION == 2
    assert document["catalogue"] == "otsmaterials demo"
    assert document["topics"][:3] == [
        {"id": "python", "name": "Python"},
        {"id": "web-development", "name": "Web Development"},
        {"id": "javascript", "name": "JavaScript"},
    ]
    assert [t["id"] for t in document["topics"]] == [t.id for t in index.topics()]
    assert [m["id"] for m in document["materials"]] == [
        "python-sphinx",
        "web-markdown",
        "js-branches",
    ]
    for material in document["materials"]:
        assert {"id", "title", "source", "commit", "topics", "languages", "lessons"} <= set(
            material
        )
        indexed = index.material(material["id"])
        assert material["commit"] == indexed.commit
        assert material["title"] == indexed.title
        assert material["source"] == f"repos/{material['id']}.git"
        assert material["topics"] == list(indexed.topics)
        assert [lesson["id"] for lesson in material["lessons"]] == [
            lesson.id for lesson in index.lessons(material=material["id"])
        ]
        languages = sorted({tag for lesson in material["lessons"] for tag in _usable(lesson)})
        assert material["languages"] == languages
        for lesson in material["lessons"]:
            assert {"id", "order", "topics", "original_language", "versions"} <= set(lesson)
            assert lesson["original_language"] in lesson["versions"]
            for version in lesson["versions"].values():
                assert {"title", "path", "kind", "completeness"} <= set(version)
                assert version["kind"] in VERSION_KINDS
                assert 0.0 <= version["completeness"] <= 1.0


def _usable(lesson: dict[str, Any]) -> list[str]:
    return [tag for tag, version in lesson["versions"].items() if version["completeness"] > 0]


def test_json_export_lesson_versions(document: dict[str, Any]) -> None:
    python = document["materials"][0]
    assert python["languages"] == ["de", "en", "es-CL"]  # the French catalogs are empty
    loops = next(x for x in python["lessons"] if x["id"] == "python-sphinx/loops")
    assert loops["order"] == 3
    assert loops["topics"] == ["python"]
    assert loops["original_language"] == "en"
    assert sorted(loops["versions"]) == ["de", "en", "es-CL", "fr"]
    assert {k: loops["versions"]["en"][k] for k in ("title", "path", "kind", "completeness")} == {
        "title": "Loops",
        "path": "source/loops.rst",
        "kind": "original",
        "completeness": 1.0,
    }
    german = loops["versions"]["de"]
    assert (german["title"], german["kind"], german["outdated"]) == ("Schleifen", "gettext", False)
    assert german["path"] == "source/locale/de/LC_MESSAGES/loops.po"
    assert loops["versions"]["es-CL"]["completeness"] == pytest.approx(0.58, abs=0.01)
    js = document["materials"][2]
    hello = js["lessons"][0]["versions"]["de"]
    assert (hello["kind"], hello["branch"]) == ("branch", "german")


def test_json_export_is_deterministic(demo: Demo, index: om.Index, tmp_path: Path) -> None:
    first = index.export_json()
    assert index.export_json() == first
    with om.Index.open(demo.index) as again:
        assert again.export_json() == first
    assert first.endswith("}\n")
    assert not first.endswith("\n\n")
    canonical = json.dumps(json.loads(first), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert first == canonical

    # A second index, built from the same repositories into another cache.
    other = tmp_path / "other.sqlite"
    report = om.build(om.load_catalogue(demo.catalogue), cache=tmp_path / "cache", index=other)
    assert report.ok
    with om.Index.open(other) as second:
        assert second.export_json().encode("utf-8") == first.encode("utf-8")
        assert second.export_jekyll() == index.export_jekyll()


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"topic": "javascript"}, {"js-branches": 3}),
        ({"topic": "html"}, {"web-markdown": 3}),
        ({"language": "es-CL"}, {"python-sphinx": 3}),
        ({"language": "pt-BR"}, {"web-markdown": 2}),
        ({"language": "nl"}, {"web-markdown": 1}),
        ({"material": "web-markdown"}, {"web-markdown": 4}),
        ({"topic": "html", "language": "pt-BR"}, {"web-markdown": 2}),
        ({"language": "de", "material": "js-branches"}, {"js-branches": 2}),
        ({"topic": "no-such-topic"}, {}),
    ],
)
def test_json_export_filters(
    index: om.Index, filters: dict[str, str], expected: dict[str, int]
) -> None:
    document = json.loads(index.export_json(**filters))
    assert {m["id"]: len(m["lessons"]) for m in document["materials"]} == expected
    assert len(document["topics"]) == len(index.topics())
    for material in document["materials"]:
        for lesson in material["lessons"]:
            if "topic" in filters:
                assert filters["topic"] in lesson["topics"]
            if "language" in filters:
                assert filters["language"] in _usable(lesson)
                assert filters["language"] in material["languages"]
    assert schema_errors(document) == []


def test_no_email_address_is_exported(index: om.Index, published: om.Index) -> None:
    for text in (
        index.export_json(),
        index.export_jekyll(),
        published.export_json(),
        published.export_jekyll(),
    ):
        assert "@example." not in text
        assert not EMAIL.findall(text)
    translated = published.lesson("loose/lesson").versions["de"]
    assert translated.kind == "file"
    assert all("@" not in name for name in translated.authors + translated.translators)


# --- the schema ---------------------------------------------------------------------------------


def test_schema_is_a_json_schema_for_the_export() -> None:
    text = om.export_schema()
    assert text == om.export_schema()
    assert text.endswith("}\n")
    loaded = schema()
    assert loaded["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert loaded["$id"].endswith("export-2.schema.json")
    assert loaded["type"] == "object"
    assert {"schema_version", "catalogue", "topics", "materials"} <= set(loaded["properties"])


def test_exports_validate_against_the_schema(document: dict[str, Any], published: om.Index) -> None:
    assert schema_errors(document) == []
    assert schema_errors(json.loads(published.export_json())) == []


def test_the_schema_requires_the_documented_keys() -> None:
    defs = schema()["$defs"]
    assert {"schema_version", "catalogue", "topics", "materials"} <= set(schema()["required"])
    assert {"id", "title", "source", "commit", "topics", "languages", "lessons"} <= set(
        defs["ExportMaterial"]["required"]
    )
    assert {"id", "order", "topics", "original_language", "versions"} <= set(
        defs["Lesson"]["required"]
    )
    assert {"title", "path", "kind", "completeness"} <= set(defs["LessonVersion"]["required"])


# --- the learn portal's YAML --------------------------------------------------------------------


def test_jekyll_export_lists_workshops_by_section(index: om.Index) -> None:
    data = yaml.safe_load(index.export_jekyll())
    assert list(data) == ["sections"]
    sections = data["sections"]
    assert [s["name"] for s in sections] == ["Python", "Web Development", "JavaScript"]
    for section in sections:
        for workshop in section["workshops"]:
            assert list(workshop)[:3] == ["title", "source", "desc"]  # no site, no code
    python = sections[0]["workshops"]
    assert len(python) == 1
    assert {key: python[0][key] for key in ("title", "source", "desc", "languages")} == {
        "title": "First Steps in Python",
        "source": "repos/python-sphinx.git",
        "desc": index.material("python-sphinx").description,
        "languages": ["de", "en", "es-CL"],
    }
    assert "url" not in python[0]
    assert "code" not in python[0]
    assert sections[1]["workshops"][0]["languages"] == ["de", "en", "nl", "pt-BR"]


def test_jekyll_export_filters(index: om.Index) -> None:
    data = yaml.safe_load(index.export_jekyll(topic="javascript"))
    assert [s["name"] for s in data["sections"]] == ["JavaScript"]
    assert [w["title"] for w in data["sections"][0]["workshops"]] == ["JavaScript Basics"]
    data = yaml.safe_load(index.export_jekyll(language="es-CL"))
    assert [s["name"] for s in data["sections"]] == ["Python"]
    assert data["sections"][0]["workshops"][0]["languages"] == ["de", "en", "es-CL"]
    assert yaml.safe_load(index.export_jekyll(topic="no-such-topic")) == {"sections": []}


def test_jekyll_export_with_urls_and_without_a_topic(published: om.Index) -> None:
    data = yaml.safe_load(published.export_jekyll())
    assert [s["name"] for s in data["sections"]] == ["WEB", "Other"]
    site = data["sections"][0]["workshops"][0]
    assert {key: site[key] for key in ("title", "url", "code", "desc", "languages")} == {
        "title": "Material site",
        "url": "https://learn.example.net/site/",
        "code": "https://code.example.net/site-code",
        "desc": "Pages with a site.",
        "languages": ["en"],
    }
    assert site["source"].endswith("/src/site")
    loose = data["sections"][1]["workshops"][0]
    assert loose["title"] == "Material loose"
    assert "url" not in loose
    assert "code" not in loose
    assert loose["languages"] == ["de", "en"]
