"""``adapts = "material-id"``: a material adapting another of the catalogue (docs/catalogue.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

import otsmaterials as om

from clirun import Run


def entry(ident: str, adapts: str | None = None) -> str:
    line = f'adapts = "{adapts}"\n' if adapts is not None else ""
    return (
        f'\n[[materials]]\nid = "{ident}"\ntitle = "{ident}"\n'
        f'source = "https://example.org/{ident}.git"\n{line}'
    )


def write(tmp_path: Path, *entries: str) -> Path:
    path = tmp_path / "catalogue.toml"
    path.write_text("".join(entries), encoding="utf-8")
    return path


def adapts_line(path: Path, material: int) -> int:
    """The line of the ``adapts`` key of the ``material``-th material (from 0)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    starts = [number for number, line in enumerate(lines, start=1) if line == "[[materials]]"]
    return next(
        number
        for number, line in enumerate(lines, start=1)
        if number > starts[material] and line.startswith("adapts")
    )


def test_adapts_names_another_material(tmp_path: Path) -> None:
    path = write(tmp_path, entry("origin"), entry("remix", "origin"), entry("remix-2", "remix"))
    catalogue = om.load_catalogue(path)
    assert [m.adapts for m in catalogue.materials] == [None, "origin", "remix"]


@pytest.mark.parametrize(
    ("entries", "key", "message"),
    [
        (
            [entry("origin"), entry("remix", "nowhere")],
            "materials[1] (remix).adapts",
            "no material 'nowhere' in the catalogue to adapt",
        ),
        (
            [entry("remix", "remix")],
            "materials[0] (remix).adapts",
            "a material cannot adapt itself",
        ),
        (
            [entry("a", "b"), entry("b", "a")],
            "materials[0] (a).adapts",
            "adaptations go round in a circle: a → b → a",
        ),
        (
            [entry("a", "b"), entry("b", "c"), entry("c", "a"), entry("d", "a")],
            "materials[2] (c).adapts",
            "adaptations go round in a circle: c → a → b → c",
        ),
        (
            [entry("origin"), entry("remix", "Not A Slug")],
            "materials[1] (remix).adapts",
            "invalid slug",
        ),
    ],
)
def test_bad_adapts_is_an_error_naming_file_line_and_key(
    tmp_path: Path, entries: list[str], key: str, message: str
) -> None:
    path = write(tmp_path, *entries)
    with pytest.raises(om.CatalogueError) as caught:
        om.load_catalogue(path)
    error = caught.value
    assert error.path == str(path)
    matches = [p for p in error.problems if p.key == key]
    assert matches, [str(p) for p in error.problems]
    assert message in matches[0].message
    assert matches[0].line == adapts_line(path, int(key[len("materials[") :].partition("]")[0]))


def test_a_material_in_a_circle_is_reported_but_one_adapting_into_it_is_not(tmp_path: Path):
    path = write(tmp_path, entry("a", "b"), entry("b", "a"), entry("d", "a"))
    with pytest.raises(om.CatalogueError) as caught:
        om.load_catalogue(path)
    assert sorted(p.key for p in caught.value.problems) == [
        "materials[0] (a).adapts",
        "materials[1] (b).adapts",
    ]


def test_cli_catalogue_check(tmp_path: Path, run: Run) -> None:
    path = write(tmp_path, entry("origin"), entry("remix", "nowhere"))
    code, out, err = run("catalogue", "check", "-c", path)
    assert code == 1  # findings
    assert f"{path}:" in out + err
    assert (
        "materials[1] (remix).adapts: no material 'nowhere' in the catalogue to adapt" in out + err
    )


def test_adapts_survives_writing_the_catalogue(tmp_path: Path) -> None:
    path = write(tmp_path, entry("origin"), entry("remix", "origin"))
    written = om.dump_catalogue(om.load_catalogue(path))
    assert 'adapts = "origin"' in written.splitlines()
    again = om.parse_catalogue(written)
    assert [m.adapts for m in again.materials] == [None, "origin"]


def test_a_chapter_adapts_a_material_of_the_catalogue_it_includes(tmp_path: Path) -> None:
    (tmp_path / "global.toml").write_text(entry("origin"), encoding="utf-8")
    path = write(tmp_path, 'include = ["global.toml"]\n', entry("remix", "origin"))
    catalogue = om.load_catalogue(path)
    assert {m.id: m.adapts for m in catalogue.materials} == {"origin": None, "remix": "origin"}
    (tmp_path / "global.toml").write_text(entry("other"), encoding="utf-8")
    with pytest.raises(om.CatalogueError, match="no material 'origin' in the catalogue"):
        om.load_catalogue(path)
