"""A material's life cycle: the catalogue's words mapped onto current, outdated and retired."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import otsmaterials as om

from gitrepos import RepoBuilder
from indexing import Workspace

_ENTRY = 'id = "m"\ntitle = "M"\nsource = "https://example.org/m.git"\n'


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("current", "current"),
        ("Active", "current"),
        ("deprecated", "outdated"),
        ("outdated", "outdated"),
        ("ARCHIVED", "retired"),
        ("retired", "retired"),
    ],
)
def test_the_catalogue_words_map_onto_three_states(written: str, status: str) -> None:
    catalogue = om.parse_catalogue(f'[[materials]]\n{_ENTRY}status = "{written}"\n')
    assert catalogue.materials[0].status == status


def test_an_unknown_status_names_the_file_and_the_words_allowed() -> None:
    with pytest.raises(om.CatalogueError) as caught:
        om.parse_catalogue(f'[[materials]]\n{_ENTRY}status = "sleeping"\n', path="c.toml")
    message = str(caught.value)
    assert "c.toml" in message and "sleeping" in message and "retired" in message


def test_no_status_is_unknown_not_current() -> None:
    assert om.parse_catalogue(f"[[materials]]\n{_ENTRY}").materials[0].status is None


def test_the_status_reaches_the_index_and_the_export(tmp_path: Path) -> None:
    repo = RepoBuilder(tmp_path / "repos" / "old")
    repo.write({"lesson.md": "# A lesson\n\nSome text to read.\n"}).commit()
    index = Workspace(tmp_path).build(
        "life",
        [{"id": "old", "title": "Old", "source": str(repo.path), "status": "archived"}],
    )
    assert index.material("old").status == "retired"
    exported = json.loads(index.export_json())
    assert exported["materials"][0]["status"] == "retired"
