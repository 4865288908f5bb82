"""schema.org metadata, read by a JSON-LD processor (pyld): the expanded graph says what we mean.

pyld has no network here: its document loader serves ``https://schema.org`` from
``tests/data/schemaorg-context.jsonld``, a stand-in for schema.org's context written for these
tests: schema.org's vocabulary (``http://schema.org/``, as the real context has it) and the IRI
coercion of the URL-valued terms the export uses (``license``, ``url``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld

import otsmaterials as om

from clirun import Run
from demo_fixture import Demo

SCHEMA = "http://schema.org/"
CONTEXT_FILE = Path(__file__).parents[1] / "data" / "schemaorg-context.jsonld"
Node = dict[str, Any]


def _loader(url: str, options: object = None) -> dict[str, Any]:
    if url.rstrip("/") not in {"https://schema.org", "http://schema.org"}:
        raise AssertionError(f"the JSON-LD processor asked for {url}: no network in tests")
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": json.loads(CONTEXT_FILE.read_text(encoding="utf-8")),
    }


def expand(document: object) -> list[Node]:
    expanded: list[Node] = jsonld.expand(document, {"documentLoader": _loader})
    return expanded


@pytest.fixture(scope="module")
def index(demo_index: om.Index) -> om.Index:
    return demo_index


@pytest.fixture(scope="module")
def graph(index: om.Index) -> dict[str, Node]:
    nodes = expand(json.loads(index.export_jsonld()))
    return {node["@id"]: node for node in nodes}


def ids(node: Node, term: str) -> list[str]:
    return [value["@id"] for value in node.get(SCHEMA + term, [])]


def values(node: Node, term: str) -> list[Any]:
    return [value["@value"] for value in node.get(SCHEMA + term, [])]


def names(graph: dict[str, Node], node: Node, term: str) -> list[str]:
    """The names of the people (embedded nodes) under ``term``."""
    return [value[SCHEMA + "name"][0]["@value"] for value in node.get(SCHEMA + term, [])]


def of_type(graph: dict[str, Node], kind: str) -> list[Node]:
    return [node for node in graph.values() if SCHEMA + kind in node.get("@type", [])]


def test_a_course_per_material_and_a_resource_per_usable_version(
    index: om.Index, graph: dict[str, Node]
) -> None:
    courses = of_type(graph, "Course")
    assert sorted(values(c, "name")[0] for c in courses) == sorted(
        m.title for m in index.materials()
    )
    resources = of_type(graph, "LearningResource")
    usable = [(lesson.id, tag) for lesson in index.lessons() for tag in lesson.languages()]
    assert len(resources) == len(usable) == len(graph) - len(courses)
    assert not any(
        node["@id"].endswith(":fr") for node in resources
    )  # the empty catalogs are no version


def test_each_resource_carries_language_licence_people_and_links(
    index: om.Index, graph: dict[str, Node]
) -> None:
    loops = index.lesson("python-sphinx/loops")
    spanish = graph["urn:otsmaterials:python-sphinx/loops:es-CL"]
    english = graph["urn:otsmaterials:python-sphinx/loops:en"]
    assert values(spanish, "name") == ["Ciclos"]
    assert values(spanish, "inLanguage") == ["es-CL"]
    assert ids(spanish, "license") == ["https://creativecommons.org/licenses/by-sa/4.0/"]
    assert names(graph, spanish, "author") == list(loops.original().authors)
    assert names(graph, spanish, "translator") == list(loops.versions["es-CL"].translators)
    assert names(graph, spanish, "translator")  # the demo credits its Spanish translators
    assert ids(spanish, "translationOfWork") == [english["@id"]]
    assert sorted(ids(english, "workTranslation")) == [
        "urn:otsmaterials:python-sphinx/loops:de",
        "urn:otsmaterials:python-sphinx/loops:es-CL",
    ]
    assert ids(english, "translationOfWork") == []
    assert names(graph, english, "translator") == []
    for node in (spanish, english):
        course = graph[ids(node, "isPartOf")[0]]
        assert values(course, "name") == ["First Steps in Python"]
        assert [t[SCHEMA + "name"][0]["@value"] for t in node[SCHEMA + "about"]] == ["Python"]
        assert values(node, "position") == [3]
    assert values(spanish, "dateModified") == [loops.versions["es-CL"].updated]
    every_link = [
        target
        for node in graph.values()
        for term in ("translationOfWork", "workTranslation", "isPartOf", "hasPart")
        for target in ids(node, term)
    ]
    assert every_link
    assert all(target in graph for target in every_link)


def test_the_course_lists_its_lessons_languages_and_people(
    index: om.Index, graph: dict[str, Node]
) -> None:
    course = graph["urn:otsmaterials:web-markdown"]
    material = index.material("web-markdown")
    assert sorted(values(course, "inLanguage")) == ["de", "en", "nl", "pt-BR"]
    assert ids(course, "license") == ["https://creativecommons.org/licenses/by-sa/4.0/"]
    assert ids(course, "hasPart") == [
        f"urn:otsmaterials:{lesson.id}:en" for lesson in index.lessons(material="web-markdown")
    ]
    authors = [p.name for p in material.contributors if "author" in p.roles]
    assert sorted(names(graph, course, "author")) == sorted(authors)
    assert values(course, "dateModified")


def test_the_block_for_one_lesson_page(index: om.Index) -> None:
    block = index.lesson_jsonld("python-sphinx/loops", language="es-AR")
    assert block["@context"] == "https://schema.org"
    (node,) = expand(block)
    assert node["@id"] == "urn:otsmaterials:python-sphinx/loops:es-CL"  # the best match
    assert values(node, "inLanguage") == ["es-CL"]
    (course,) = node[SCHEMA + "isPartOf"]
    assert course["@type"] == [SCHEMA + "Course"]
    assert values(course, "name") == ["First Steps in Python"]
    (provider,) = course[SCHEMA + "provider"]
    assert provider["@type"] == [SCHEMA + "Organization"]
    assert values(provider, "name") == [index.catalogue_name]
    original = expand(index.lesson_jsonld("python-sphinx/loops"))[0]
    assert values(original, "inLanguage") == ["en"]
    assert len(ids(original, "workTranslation")) == 2
    json.dumps(block)  # plain JSON, ready for <script type="application/ld+json">


def test_the_cli_writes_the_same_graph(run: Run, demo: Demo, index: om.Index) -> None:
    code, out, _ = run("export", "--format", "jsonld", "--topic", "python", "-c", demo.catalogue)
    assert code == 0
    assert out == index.export_jsonld(topic="python")
    graph = {node["@id"] for node in expand(json.loads(out))}
    python = index.lessons(topic="python")
    assert {lesson.material for lesson in python} == {"python-sphinx"}
    expected = {f"urn:otsmaterials:{x.id}:{tag}" for x in python for tag in x.languages()}
    assert graph == {"urn:otsmaterials:python-sphinx"} | expected
