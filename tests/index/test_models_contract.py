"""The public models hold what they say: nothing inside changes, the export is the models.

Every collection inside a public model refuses changes (a shared lesson emptied by one caller was
empty for every later one); ``model_dump(mode="json")`` of an object the API returns is exactly
its part of the JSON export; no e-mail address leaves unless asked.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

import otsmaterials as om

from demo_fixture import Demo


@pytest.fixture(scope="module")
def index(demo: Demo) -> Iterator[om.Index]:
    with om.Index.open(demo.index) as opened:
        yield opened


def _changes(mapping: Any) -> list[Any]:
    """Every way of changing a mapping in place."""
    key = next(iter(mapping), "x")
    return [
        lambda: mapping.__setitem__("new", None),
        lambda: mapping.__delitem__(key),
        mapping.clear,
        lambda: mapping.pop(key),
        mapping.popitem,
        lambda: mapping.setdefault("new", None),
        lambda: mapping.update({"new": None}),
    ]


def test_a_lesson_cannot_be_changed_through_the_api(index: om.Index) -> None:
    lesson = index.lesson("python-sphinx/loops")
    before = dict(lesson.versions)
    for change in _changes(lesson.versions):
        with pytest.raises(TypeError):
            change()
    with pytest.raises(TypeError):
        lesson.versions |= {}
    with pytest.raises(ValueError, match="frozen"):
        lesson.order = 99  # type: ignore[misc]
    # The next caller gets the lesson as it was, and best_version still works.
    assert dict(index.lesson("python-sphinx/loops").versions) == before
    assert index.best_version("python-sphinx/loops", "de").language == "de"


def test_every_collection_of_a_material_refuses_changes(index: om.Index) -> None:
    material = index.material("python-sphinx")
    for change in _changes(material.languages):
        with pytest.raises(TypeError):
            change()
    assert isinstance(material.topics, tuple)
    assert isinstance(material.contributors, tuple)
    assert isinstance(material.problems, tuple)
    assert material.license is not None
    assert isinstance(material.license.evidence, tuple)
    # A changeable copy is one call away.
    copy = material.languages.copy()
    copy["xx"] = 1.0
    assert "xx" not in material.languages


def test_catalogue_and_sync_report_mappings_refuse_changes(demo_copy: Demo) -> None:
    catalogue = om.load_catalogue(demo_copy.catalogue)
    spec = catalogue.material("js-branches")
    assert spec.branches == {"de": "german"}
    for mapping in (spec.branches, spec.language_codes):
        for change in _changes(mapping):
            with pytest.raises(TypeError):
                change()
    assert isinstance(catalogue.materials, tuple)
    report = om.sync(catalogue, offline=True)
    result = next(r for r in report.results if r.id == "js-branches")
    for change in _changes(result.branches):
        with pytest.raises(TypeError):
            change()


def test_the_export_holds_the_api_models(index: om.Index) -> None:
    document = json.loads(index.export_json(order="contributions"))
    by_id = {m["id"]: m for m in document["materials"]}
    for material in index.materials():
        exported = by_id[material.id]
        assert material.license is not None
        assert material.license.model_dump(mode="json") == exported["license"]
        people = {p["name"]: p for p in exported["contributors"]}
        for person in material.contributors:
            assert person.model_dump(mode="json") == people[person.name]
        for lesson in index.lessons(material=material.id):
            (entry,) = [e for e in exported["lessons"] if e["id"] == lesson.id]
            assert lesson.model_dump(mode="json") == entry
    topics = [t.model_dump(mode="json") for t in index.export_document().topics]
    assert topics == document["topics"]


def test_no_email_address_leaves_unless_asked(index: om.Index) -> None:
    material = index.material("python-sphinx")
    people = [person for person in material.contributors if person.email]
    assert people, "the demo's contributors have addresses in the index"
    for person in people:
        assert "email" not in person.model_dump()
        assert "email" not in json.loads(person.model_dump_json())
    assert "@" not in json.dumps(material.model_dump(mode="json"))
    assert "@" not in index.export_json()
    with_emails = index.export_json(include_emails=True)
    assert people[0].email in with_emails
