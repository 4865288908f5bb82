"""The export's JSON Schema is strict: a consumer (jsonschema) accepts every export we write and
rejects each way a document can be wrong (wrong types, ranges, formats, tags, unknown keys)."""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import otsmaterials as om

from demo_fixture import Corpus, lesson_md
from gitrepos import git_environment

Document = dict[str, Any]
Mutation = Callable[[Document], None]


@pytest.fixture(scope="module")
def document(demo_index: om.Index) -> Document:
    loaded: Document = json.loads(demo_index.export_json())
    return loaded


@functools.cache
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        json.loads(om.export_schema()),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


def errors(instance: object) -> list[str]:
    return [f"{e.json_path}: {e.message}" for e in validator().iter_errors(instance)]


def _material(doc: Document) -> Document:
    material: Document = doc["materials"][0]
    return material


def _version(doc: Document, language: str = "en") -> Document:
    version: Document = _material(doc)["lessons"][0]["versions"][language]
    return version


def _set(path: Callable[[Document], Document], key: str, value: object) -> Mutation:
    def mutate(doc: Document) -> None:
        path(doc)[key] = value

    return mutate


def _license(doc: Document) -> Document:
    licence: Document = _material(doc)["license"]
    return licence


def _contributor(doc: Document) -> Document:
    person: Document = _material(doc)["contributors"][0]
    return person


MUTATIONS: dict[str, Mutation] = {
    "licence as an empty object": _set(_material, "license", {}),
    "licence id a number": _set(_license, "spdx", 42),
    "licence confidence not a level": _set(_license, "confidence", "totally"),
    "licence URL not a URL": _set(_license, "url", "not a url"),
    "licence name empty": _set(_license, "name", ""),
    "an empty contributor": _set(_material, "contributors", [{}]),
    "a contributor's role unknown": _set(_contributor, "roles", ["owner"]),
    "a contributor's commits negative": _set(_contributor, "commits", -3),
    "a contributor with an e-mail address": _set(_contributor, "email", "someone@example.org"),
    "completeness above 1": _set(_version, "completeness", 7.5),
    "completeness below 0": _set(_version, "completeness", -1),
    "material completeness above 1": _set(_material, "completeness", {"en": 7.5}),
    "material completeness below 0": _set(_material, "completeness", {"en": -1}),
    "updated not a date": _set(_version, "updated", "yesterday"),
    "version URL not a URL": _set(_version, "url", "not a url"),
    "site URL not a URL": _set(_material, "site_url", "not a url"),
    "code URL relative": _set(_material, "code_url", "/code"),
    "version language not a tag": _set(_version, "language", "!!"),
    "material language not a tag": _set(_material, "languages", ["en", "!!"]),
    "completeness keyed by no tag": _set(_material, "completeness", {"!!": 0.5}),
    "lesson keyed by no tag": lambda doc: _material(doc)["lessons"][0]["versions"].update(
        {"!!": _version(doc)}
    ),
    "version kind unknown": _set(_version, "kind", "machine-translated"),
    "status unknown": _set(_material, "status", "abandoned"),
    "order negative": lambda doc: _material(doc)["lessons"][0].update(order=-1),
    "staleness since not a date": _set(_version, "staleness", {"commits": 1, "since": "soon"}),
    "another schema version": lambda doc: doc.update(schema_version=1),
}


def test_the_demo_has_what_the_mutations_change(document: Document) -> None:
    material = _material(document)
    assert material["license"]["spdx"]
    assert material["contributors"]
    assert _version(document)["updated"]


def test_exports_of_the_demo_validate(demo_index: om.Index) -> None:
    for options in ({}, {"order": "contributions"}, {"topic": "python"}, {"language": "de"}):
        assert errors(json.loads(demo_index.export_json(**options))) == []  # type: ignore[arg-type]


def test_the_export_of_a_corpus_with_outdated_translations_validates(
    stale_corpus: Corpus,
) -> None:
    with om.Index.open(stale_corpus.index_path) as index:
        document = json.loads(index.export_json())
    versions = [
        version
        for material in document["materials"]
        for lesson in material["lessons"]
        for version in lesson["versions"].values()
    ]
    assert any(version["outdated"] for version in versions)
    assert any((version["staleness"] or {}).get("since") for version in versions)
    assert errors(document) == []


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_each_broken_document_is_rejected(document: Document, name: str) -> None:
    broken = copy.deepcopy(document)
    MUTATIONS[name](broken)
    assert errors(broken), f"the schema accepts a document with {name}"


def _objects(value: object, where: str = "$") -> Iterator[tuple[str, Document]]:
    if isinstance(value, dict):
        yield where, value
        for key, item in value.items():
            yield from _objects(item, f"{where}.{key}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _objects(item, f"{where}[{n}]")


def test_an_unknown_key_is_rejected_in_every_object(document: Document) -> None:
    broken = copy.deepcopy(document)
    places = list(_objects(broken))
    assert len(places) > 50
    accepted = []
    for place, target in places:  # one unknown key at a time, taken out again
        target["x_unknown"] = True
        if validator().is_valid(broken):
            accepted.append(place)
        del target["x_unknown"]
    assert accepted == []
    assert validator().is_valid(broken)


def test_every_object_of_the_schema_is_closed() -> None:
    schema = json.loads(om.export_schema())
    for name, definition in {"(document)": schema, **schema["$defs"]}.items():
        assert definition["additionalProperties"] is False, name
        assert definition["properties"], name
        assert set(definition["required"]) == set(definition["properties"]), name


def test_the_schema_fixes_ranges_formats_and_tags() -> None:
    defs = json.loads(om.export_schema())["$defs"]
    version = defs["LessonVersion"]["properties"]
    assert (version["completeness"]["minimum"], version["completeness"]["maximum"]) == (0, 1)
    assert version["language"]["pattern"].startswith("^[a-z]{2,3}")
    updated = version["updated"]["anyOf"][0]
    assert (updated["format"], updated["type"]) == ("date", "string")
    assert version["url"]["anyOf"][0]["format"] == "uri"
    licence = defs["License"]["properties"]
    assert licence["confidence"]["enum"] == ["high", "medium", "low", "none"]
    assert "email" not in defs["Person"]["properties"]
    assert defs["Person"]["properties"]["roles"]["items"]["enum"] == ["author", "translator"]


FINGERPRINTS = {2: "b4dbd24e73d37d523a9670bdb80dabc82c58e27813ce155daf6b1d645abeaeb9"}
"""The shape of each published schema version (descriptions and titles left out)."""


def _shape(schema: object, *, names: bool = False) -> object:
    """The schema without its annotations; ``names``: a mapping of property names to schemas."""
    if isinstance(schema, dict):
        return {
            key: _shape(value, names=key in {"properties", "$defs", "patternProperties"})
            for key, value in schema.items()
            if names or key not in {"description", "title"}
        }
    if isinstance(schema, list):
        return [_shape(item) for item in schema]
    return schema


def test_a_change_of_the_schema_changes_its_version() -> None:
    shape = json.dumps(_shape(json.loads(om.export_schema())), sort_keys=True)
    fingerprint = hashlib.sha256(shape.encode("utf-8")).hexdigest()
    assert fingerprint == FINGERPRINTS.get(om.SCHEMA_VERSION), (
        "what the export schema accepts changed: raise SCHEMA_VERSION (unless this version is "
        "not yet released), record the new fingerprint here and say what changed in "
        f"docs/site-generators.md, 'Versions' (fingerprint {fingerprint})"
    )


def test_lesson_addresses_are_valid_whatever_the_file_names(tmp_path: Path) -> None:
    """A published address is made from a path: spaces, accents, ``#``, ``?`` and ``%`` in file
    names are percent-encoded, so every address is one the schema (and a browser) accepts."""
    names = {"a lesson": "a%20lesson", "über": "%C3%BCber", "c#": "c%23", "why?": "why%3F"}
    names["50%"] = "50%25"
    with git_environment(tmp_path / "home"):
        corpus = Corpus(tmp_path / "corpus")
        corpus.add(
            "odd",
            {
                f"{name}.md": lesson_md(f"Lesson {n}", n, "Words of a lesson. " * 20)
                for n, name in enumerate(names, start=1)
            },
            site_url="https://learn.example.net/odd/",
        )
        corpus.write_catalogue()
        assert corpus.build().ok
    with om.Index.open(corpus.index_path) as index:
        urls = sorted(str(lesson.original().url) for lesson in index.lessons())
        document = json.loads(index.export_json())
    assert urls == sorted(
        f"https://learn.example.net/odd/{quoted}.html" for quoted in names.values()
    )
    assert errors(document) == []


def test_an_export_with_email_addresses_is_outside_the_schema(demo_index: om.Index) -> None:
    """``--include-emails`` is for the keepers of a catalogue, not for publication: documented
    as not validating, and it does not."""
    found = errors(json.loads(demo_index.export_json(include_emails=True)))
    assert found
    assert all("'email' was unexpected" in problem for problem in found), found


def test_every_property_of_the_schema_is_described_by_its_field_docstring() -> None:
    """Field docstrings are the schema's descriptions, read when the schema is made (the models
    themselves no longer read them as they are defined)."""
    schema = json.loads(om.export_schema())
    for name, definition in {"(document)": schema, **schema["$defs"]}.items():
        for key, value in definition["properties"].items():
            assert value.get("description"), f"{name}.{key}"
    defs = schema["$defs"]
    assert defs["Person"]["properties"]["name"]["description"] == "The name to show."
    assert defs["Staleness"]["properties"]["commits"]["description"] == (
        "Commits to the original since the translation last changed."
    )
    # a docstring of several lines is cleaned as a docstring is (no indentation kept)
    staleness = defs["Staleness"]["properties"]["base"]["description"]
    assert staleness.startswith("The original's commit the translation follows")
    assert "\n" in staleness
    assert "\n " not in staleness


@pytest.mark.parametrize(
    "touch",
    [
        "om.Lesson, om.Person, om.Staleness",  # a site generator's type annotations
        "[getattr(om, name) for name in om.__all__]",
        "import otsmaterials.translate as t; [getattr(t, name) for name in t.__all__]",
    ],
)
def test_the_schema_is_described_after_public_names_were_used(touch: str) -> None:
    """The public names say they belong to the public module; their docstrings are still found
    where they are defined. A process of its own: nothing else loaded the names before."""
    code = (
        "import json, otsmaterials as om\n"
        f"{touch}\n"
        "schema = json.loads(om.export_schema())\n"
        "for name, d in {'(document)': schema, **schema['$defs']}.items():\n"
        "    for key, value in d['properties'].items():\n"
        "        print(name, key, bool(value.get('description')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True
    )
    rows = done.stdout.splitlines()
    assert len(rows) > 50
    assert [row for row in rows if not row.endswith(" True")] == []


def test_the_schema_command_prints_the_described_schema() -> None:
    """As a user runs it: a process of its own, whose models never read their docstrings."""
    done = subprocess.run(
        [sys.executable, "-m", "otsmaterials", "schema"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert done.stdout == om.export_schema()
    assert json.loads(done.stdout)["$defs"]["Person"]["properties"]["name"]["description"] == (
        "The name to show."
    )
