"""Where a material's life cycle comes from besides the catalogue's ``status``: the learn portal's
titles on ``import-learn``, a site's own ``life_cycle:`` (The Carpentries); the catalogue wins.
And where it is used: ``list --status``, ``search --status``, the report."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

import otsmaterials as om

from clirun import Run
from gitrepos import RepoBuilder, git_environment, write_catalogue
from report_pages import by_id, find_all, parse, text

LOCAL = {"allow_local_sources": True}


def learn_config(tmp_path: Path, titles: list[str]) -> Path:
    workshops = "".join(
        f"      - title: {json.dumps(title)}\n"
        f"        source: https://github.com/OpenTechSchool/w{number}/\n"
        for number, title in enumerate(titles)
    )
    path = tmp_path / "_config.yml"
    path.write_text(f"sections:\n  - name: Python\n    workshops:\n{workshops}", encoding="utf-8")
    return path


def test_import_learn_reads_the_status_after_a_title(tmp_path: Path, run: Run) -> None:
    titles = [
        "Django 101 (outdated)",
        "Python for Beginners",
        "Old Scratch [archived]",
        "Web apps (Deprecated)",
        "Python (Part 2)",
        "JavaScript (beta)",
    ]
    catalogue, text = om.import_learn_config(learn_config(tmp_path, titles))
    assert [(m.title, m.status) for m in catalogue.materials] == [
        ("Django 101", "outdated"),
        ("Python for Beginners", None),
        ("Old Scratch", "retired"),
        ("Web apps", "outdated"),
        ("Python (Part 2)", None),
        ("JavaScript (beta)", None),  # not a word the catalogue knows: part of the title
    ]
    assert 'status = "outdated"' in text
    assert om.parse_catalogue(text) == catalogue  # the written catalogue reads back the same
    target = tmp_path / "catalogue.toml"
    code, _out, _err = run("catalogue", "import-learn", tmp_path / "_config.yml", "-o", target)
    assert code == 0
    assert [m.status for m in om.load_catalogue(target).materials][:4] == [
        "outdated",
        None,
        "retired",
        "outdated",
    ]


EPISODE = "---\ntitle: Running\n---\n\nSome text about running programs.\n"


def carpentries(root: Path, name: str, life_cycle: str | None) -> RepoBuilder:
    """An older-style Carpentries lesson (``_config.yml``, ``_episodes/``)."""
    repo = RepoBuilder(root / name)
    config = "title: A lesson\n" + (f"life_cycle: {json.dumps(life_cycle)}\n" if life_cycle else "")
    repo.write({"_config.yml": config, "_episodes/01-run.md": EPISODE})
    repo.commit("Lesson", date="2024-01-01T00:00:00+00:00")
    return repo


def workbench(root: Path, name: str, life_cycle: str) -> RepoBuilder:
    """A Workbench lesson (``config.yaml``, ``episodes/``)."""
    repo = RepoBuilder(root / name)
    config = textwrap.dedent(
        f"""\
        title: A lesson
        life_cycle: '{life_cycle}'
        episodes:
        - 01-run.md
        """
    )
    repo.write({"config.yaml": config, "episodes/01-run.md": EPISODE})
    repo.commit("Lesson", date="2024-01-01T00:00:00+00:00")
    return repo


def jekyll(root: Path, name: str, life_cycle: str) -> RepoBuilder:
    repo = RepoBuilder(root / name)
    repo.write(
        {
            "_config.yml": f"title: Site\nlife_cycle: {life_cycle}\n",
            "index.md": "# Welcome\n\nHello.\n",
            "lesson.md": "# Lesson\n\nSome text about running programs.\n",
        }
    )
    repo.commit("Site", date="2024-01-01T00:00:00+00:00")
    return repo


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("life")
    with git_environment(root / "home"):
        repos = {
            "pre": carpentries(root, "pre", "pre-alpha"),
            "beta": carpentries(root, "beta", "beta"),
            "stable": workbench(root, "stable", "stable"),
            "deprecated": workbench(root, "deprecated", "deprecated"),
            "site": jekyll(root, "site", "Deprecated"),
            "strange": carpentries(root, "strange", "sleeping"),
            "none": carpentries(root, "none", None),
            "archived": carpentries(root, "archived", "stable"),
        }
        materials = [
            {"id": name, "title": name.title(), "source": str(repo.path)}
            for name, repo in repos.items()
        ]
        materials[-1]["status"] = "archived"  # the catalogue wins over the site's "stable"
        catalogue = write_catalogue(root / "catalogue.toml", materials, settings=LOCAL)
        report = om.build(om.load_catalogue(catalogue))
        assert report.ok, report
    return catalogue


def test_a_sites_life_cycle_maps_onto_three_states(built: Path) -> None:
    index = om.Index.open(built.parent / "otsmaterials.sqlite")
    assert {m.id: m.status for m in index.materials()} == {
        "pre": "current",
        "beta": "current",
        "stable": "current",
        "deprecated": "outdated",
        "site": "outdated",
        "strange": None,
        "none": None,
        "archived": "retired",
    }
    exported = json.loads(index.export_json())
    assert {m["id"]: m["status"] for m in exported["materials"]}["deprecated"] == "outdated"


def test_list_and_search_by_status(built: Path, run: Run) -> None:
    code, out, _ = run("list", "-c", built, "--status", "outdated", "--json")
    assert code == 0
    assert [lesson["material"] for lesson in json.loads(out)["lessons"]] == [
        "deprecated",
        "site",
    ]
    index = om.Index.open(built.parent / "otsmaterials.sqlite")
    assert [lesson.material for lesson in index.lessons(status="retired")] == ["archived"]
    assert len(index.lessons(status="current")) == 3
    code, out, _ = run("search", "running", "-c", built, "--status", "current", "--json")
    assert code == 0
    assert sorted(hit["lesson"].split("/")[0] for hit in json.loads(out)["hits"]) == [
        "beta",
        "pre",
        "stable",
    ]
    assert [hit.lesson for hit in index.search("running", status="retired")] == ["archived/01-run"]
    assert len(index.search("running")) == 8  # no status: every material
    # The tables say the same (they are printed without the models).
    code, out, _ = run("list", "-c", built, "--status", "outdated")
    assert code == 0
    assert [line.split("/")[0] for line in out.splitlines()[1:]] == ["deprecated", "site"]
    code, out, _ = run("search", "running", "-c", built, "--status", "current")
    assert code == 0
    assert sorted(line.split("/")[0] for line in out.splitlines()[1:]) == ["beta", "pre", "stable"]
    code, out, _ = run("search", "running", "-c", built, "--status", "retired")
    assert [line.split()[0] for line in out.splitlines()[1:]] == ["archived/01-run"]
    code, _out, err = run("list", "-c", built, "--status", "sleeping")
    assert code == 2
    assert "sleeping" in err


def test_the_report_shows_the_status(built: Path) -> None:
    index = om.Index.open(built.parent / "otsmaterials.sqlite")
    root = parse(om.render_report(index))
    table = next(t for t in find_all(root, "table") if "materials" in (t.get("class") or ""))
    statuses = {
        text(tr[0]): text(tr[2])
        for tr in find_all(table, "tr")
        if tr.get("data-topics") is not None
    }
    assert statuses["Archived"] == "retired"
    assert statuses["Deprecated"] == "outdated"
    assert statuses["Pre"] == "current"
    assert statuses["None"] == "unknown"
    facts = next(iter(find_all(by_id(root, "m-site"), "dl")))
    terms = [text(dt) for dt in find_all(facts, "dt")]
    values = [text(dd) for dd in find_all(facts, "dd")]
    assert dict(zip(terms, values, strict=True))["Status"] == "outdated"
