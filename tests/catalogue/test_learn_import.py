"""Importing the learn portal's workshop list (``catalogue import-learn``)."""

from __future__ import annotations

import importlib.resources
import textwrap
from pathlib import Path

import pytest

import otsmaterials as om
from otsmaterials.cli import main

LEARN_CONFIG = Path(__file__).parents[1] / "data" / "learn_config.yml"

EXPECTED_IDS = [
    "python-beginners",
    "python-flask",
    "python-data-intro",
    "django-marcador",
    "js-beginners-4h-workshop-1",
    "js-beginners-day2",
    "html-css-beginners",
    "cssclasses",
    "sql-tutorial",
    "social-coding",
    "github-from-scratch",
]


def write_yaml(tmp_path: Path, text: str, name: str = "_config.yml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# --- the library function -----------------------------------------------------------------------


def test_real_learn_config_gives_eleven_materials_and_five_topics() -> None:
    catalogue, _text = om.import_learn_config(LEARN_CONFIG)
    assert catalogue.name == "OpenTechSchool"
    assert [m.id for m in catalogue.materials] == EXPECTED_IDS
    assert [(t.id, t.name) for t in catalogue.topics] == [
        ("python", "Python"),
        ("javascript", "Javascript"),
        ("web-development", "Web Development"),
        ("data-hacking", "Data Hacking"),
        ("tools", "Tools"),
    ]
    topics = {m.id: m.topics for m in catalogue.materials}
    assert topics["python-flask"] == ("python",)
    assert topics["cssclasses"] == ("web-development",)
    assert topics["sql-tutorial"] == ("data-hacking",)
    assert topics["github-from-scratch"] == ("tools",)


def test_workshop_fields_become_material_fields() -> None:
    catalogue, _text = om.import_learn_config(LEARN_CONFIG)
    css = catalogue.material("cssclasses")
    assert css.title == "CSSclasses"
    assert css.source == "https://github.com/OpenTechSchool/CSSclasses"
    assert css.site_url == "http://cssclasses.cssconf.eu/materials/"
    assert css.description == "Learn CSS in a playful way and experiment in the browser."

    beginners = catalogue.material("python-beginners")
    assert beginners.code_url is None  # code: false
    # The YAML's two-line desc is folded to one line with single spaces.
    assert beginners.description == (
        "A tutorial for complete newbies, to help them get their feet wet in programming."
    )
    assert catalogue.material("python-flask").code_url == (
        "https://github.com/OpenTechSchool/python-flask-code"
    )
    assert catalogue.material("social-coding").code_url == (
        "https://github.com/OpenTechSchool/underground/"
    )
    assert catalogue.material("django-marcador").source == (
        "https://bitbucket.org/keimlink/django-marcador"
    )
    for material in catalogue.materials:
        assert "\n" not in material.description
        assert material.language == "en"
        assert not material.source.endswith("/")


def test_written_text_loads_to_the_same_materials(tmp_path: Path) -> None:
    catalogue, text = om.import_learn_config(LEARN_CONFIG)
    assert text.startswith("# Imported from learn_config.yml")
    path = tmp_path / "catalogue.toml"
    path.write_text(text, encoding="utf-8")
    loaded = om.load_catalogue(path)
    assert loaded.materials == catalogue.materials
    assert loaded.topics == catalogue.topics
    assert loaded.name == catalogue.name


def test_name_option_overrides_the_portal_name() -> None:
    catalogue, text = om.import_learn_config(LEARN_CONFIG, name="My school")
    assert catalogue.name == "My school"
    assert 'name = "My school"' in text


def test_repository_in_two_sections_gets_both_topics(tmp_path: Path) -> None:
    path = write_yaml(
        tmp_path,
        """\
        sections:
          - name: Python
            workshops:
              - title: Git basics
                source: https://github.com/OpenTechSchool/git-basics/
          - name: Tools & Tricks
            workshops:
              - title: Git basics (again)
                source: https://github.com/opentechschool/git-basics
          - name: Python
            workshops:
              - title: Git basics, third time
                source: https://github.com/OpenTechSchool/git-basics
        """,
    )
    catalogue, _text = om.import_learn_config(path)
    assert [m.id for m in catalogue.materials] == ["git-basics"]
    material = catalogue.materials[0]
    assert material.topics == ("python", "tools-tricks")
    assert material.title == "Git basics"
    assert [t.id for t in catalogue.topics] == ["python", "tools-tricks"]
    assert catalogue.name == "otsmaterials"


def test_two_repositories_with_the_same_name_get_distinct_ids(tmp_path: Path) -> None:
    path = write_yaml(
        tmp_path,
        """\
        sections:
          - name: Python
            workshops:
              - title: Ours
                source: https://github.com/OpenTechSchool/intro
              - title: Theirs
                source: https://github.com/Other-School/intro.git
        """,
    )
    catalogue, _text = om.import_learn_config(path)
    assert [(m.id, m.title) for m in catalogue.materials] == [
        ("intro", "Ours"),
        ("other-school-intro", "Theirs"),
    ]


def test_three_repositories_with_the_same_name_are_all_kept(tmp_path: Path) -> None:
    path = write_yaml(
        tmp_path,
        """\
        sections:
          - name: Python
            workshops:
              - title: One
                source: https://github.com/a/intro
              - title: Two
                source: https://github.com/b/intro
              - title: Three
                source: https://gitlab.com/b/intro
        """,
    )
    catalogue, _text = om.import_learn_config(path)
    assert sorted(m.title for m in catalogue.materials) == ["One", "Three", "Two"]
    assert len({m.id for m in catalogue.materials}) == 3


def test_workshop_without_source_is_reported(tmp_path: Path) -> None:
    path = write_yaml(
        tmp_path,
        """\
        sections:
          - name: Python
            workshops:
              - title: Lost
        """,
    )
    with pytest.raises(om.CatalogueError) as caught:
        om.import_learn_config(path)
    assert caught.value.problems[0].key == "sections[0].workshops[0].source"
    assert str(path) in str(caught.value)


def test_refused_source_names_the_yaml_file_and_workshop(tmp_path: Path) -> None:
    path = write_yaml(
        tmp_path,
        """\
        sections:
          - name: Python
            workshops:
              - title: Plain HTTP
                source: http://github.com/OpenTechSchool/plain
        """,
    )
    with pytest.raises(om.CatalogueError) as caught:
        om.import_learn_config(path)
    assert "scheme 'http' not allowed" in str(caught.value)
    assert caught.value.path == str(path)
    assert caught.value.problems[0].key.startswith("sections[0].workshops[0]")


def test_yaml_without_sections_is_a_parse_error(tmp_path: Path) -> None:
    path = write_yaml(tmp_path, "name: Nothing here\nworkshops: []\n")
    with pytest.raises(om.ParseError) as caught:
        om.import_learn_config(path)
    assert caught.value.path == str(path)
    assert "sections:" in caught.value.message


# --- the command line ---------------------------------------------------------------------------


def test_cli_writes_to_stdout_without_output(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["catalogue", "import-learn", str(LEARN_CONFIG)])
    out = capsys.readouterr().out
    assert code == 0
    assert out == om.import_learn_config(LEARN_CONFIG)[1]
    assert [m.id for m in om.parse_catalogue(out).materials] == EXPECTED_IDS


def test_cli_output_file_and_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "catalogue.toml"
    assert main(["catalogue", "import-learn", str(LEARN_CONFIG), "-o", str(target)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "11 materials, 5 topics" in captured.err
    assert [m.id for m in om.load_catalogue(target).materials] == EXPECTED_IDS

    target.write_text("# mine\n", encoding="utf-8")
    code = main(["catalogue", "import-learn", str(LEARN_CONFIG), "-o", str(target)])
    err = capsys.readouterr().err
    assert code == 2
    assert "--force" in err
    assert str(target) in err
    assert target.read_text(encoding="utf-8") == "# mine\n"

    code = main(["catalogue", "import-learn", str(LEARN_CONFIG), "-o", str(target), "--force"])
    assert code == 0
    assert target.read_text(encoding="utf-8") == om.import_learn_config(LEARN_CONFIG)[1]
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind


def test_cli_yaml_without_sections(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_yaml(tmp_path, "name: Nothing here\n")
    code = main(["catalogue", "import-learn", str(path)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert str(path) in captured.err
    assert "sections:" in captured.err
    assert "Traceback" not in captured.err


def test_cli_missing_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.yml"
    code = main(["catalogue", "import-learn", str(missing)])
    assert code == 2
    assert "nope.yml" in capsys.readouterr().err


def test_cli_unsafe_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_yaml(tmp_path, "sections: &s\n  - name: Python\nagain: *s\n")
    code = main(["catalogue", "import-learn", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{path}:1: YAML aliases not allowed" in err


# --- the shipped catalogue ----------------------------------------------------------------------


def test_shipped_catalogue_is_a_fresh_import_of_the_fixture(tmp_path: Path) -> None:
    shipped = importlib.resources.files("otsmaterials") / "catalogues" / "opentechschool.toml"
    text = shipped.read_text(encoding="utf-8")
    _catalogue, fresh = om.import_learn_config(LEARN_CONFIG)
    assert text == fresh
    assert shipped.read_bytes() == fresh.encode("utf-8")

    copy = tmp_path / "opentechschool.toml"
    copy.write_bytes(shipped.read_bytes())
    catalogue = om.load_catalogue(copy)
    assert catalogue.name == "OpenTechSchool"
    assert [m.id for m in catalogue.materials] == EXPECTED_IDS
