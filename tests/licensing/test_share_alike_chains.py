"""ShareAlike per lesson and along adaptations (the catalogue's ``adapts``).

A translation is judged against the lesson it translates: that lesson's own licence (front matter
``license:``) where it has one, else its material's. A material that adapts another is judged
against that material's licence, and each of its lessons, paired with the lesson it adapts as
translations are paired, against that lesson's licence where either has one of its own.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import otsmaterials as om
from otsmaterials.index.compliance import LicenceFinding, check_licences
from otsmaterials.index.material import Limits

from clirun import Run
from gitrepos import RepoBuilder, material
from licence_repos import HELLO_DE, HELLO_EN, Built, Workspace, notice, po_catalog

HELLO_BODY = HELLO_EN.split("\n", 2)[2].strip()
HELLO_DE_BODY = HELLO_DE.split("\n", 2)[2].strip()


def front(title: str, body: str, **keys: str) -> str:
    lines = ["---", f"title: {title}", *(f"{key}: {value}" for key, value in keys.items()), "---"]
    return "\n".join(lines) + f"\n\n{body}\n"


def findings(built: Built) -> list[LicenceFinding]:
    return check_licences(built.index.materials(), built.index.lessons())


def share_alike(built: Built, material_id: str) -> set[tuple[str, str]]:
    return {
        (f.lesson or "", f.language or "")
        for f in findings(built)
        if f.material == material_id and f.rule == "share-alike"
    }


def the_finding(built: Built, material_id: str) -> LicenceFinding:
    (found,) = [f for f in findings(built) if f.material == material_id]
    return found


# --- a lesson's own licence is the reference for its translations ----------------------------


def _lesson_licensed(
    w: Workspace, name: str, material_licence: str, lesson_licence: str, files: dict[str, str]
) -> RepoBuilder:
    hello = front("Hello", HELLO_BODY, license=lesson_licence)
    return w.workshop(name, {"LICENSE": material_licence, "hello.md": hello, **files})


@pytest.fixture(scope="module")
def per_lesson(workspace: Workspace) -> Built:
    w = workspace
    by, by_sa = notice("by", "4.0"), notice("by-sa", "4.0")
    branch = _lesson_licensed(w, "sa-lesson-branch", by, "CC-BY-SA-4.0", {})
    branch.branch("german").write({"hello.md": HELLO_DE, "LICENSE": notice("by-sa", "3.0")})
    branch.commit("Deutsch")
    branch.checkout("main")
    catalog = po_catalog([("Hello", "Hallo"), (HELLO_BODY, HELLO_DE_BODY)], language="de")
    materials = [
        # the case: an SA lesson in a BY material, translated under the material's BY
        _lesson_licensed(
            w, "sa-lesson", by, "CC-BY-SA-4.0", {"hello.de.md": front("Hallo", HELLO_DE_BODY)}
        ),
        _lesson_licensed(
            w,
            "sa-lesson-kept",
            by,
            "CC-BY-SA-4.0",
            {"hello.de.md": front("Hallo", HELLO_DE_BODY, license="CC-BY-SA-4.0")},
        ),
        branch,
        _lesson_licensed(
            w, "sa-lesson-gettext", by, "CC-BY-SA-4.0", {"locale/de/LC_MESSAGES/hello.po": catalog}
        ),
        # a BY lesson in an SA material may be translated under BY
        _lesson_licensed(
            w,
            "by-lesson",
            by_sa,
            "CC-BY-4.0",
            {"hello.de.md": front("Hallo", HELLO_DE_BODY, license="CC-BY-4.0")},
        ),
    ]
    names = ["sa-lesson", "sa-lesson-kept", "sa-lesson-branch", "sa-lesson-gettext", "by-lesson"]
    return w.build(
        "per-lesson", [material(name, repo) for name, repo in zip(names, materials, strict=True)]
    )


@pytest.mark.parametrize(
    ("ident", "expected"),
    [
        ("sa-lesson", {("sa-lesson/hello", "de")}),
        ("sa-lesson-kept", set()),
        ("sa-lesson-branch", {("sa-lesson-branch/hello", "de")}),
        ("sa-lesson-gettext", {("sa-lesson-gettext/hello", "de")}),
        ("by-lesson", set()),
    ],
)
def test_translations_are_judged_against_the_lesson_they_translate(
    per_lesson: Built, ident: str, expected: set[tuple[str, str]]
) -> None:
    assert share_alike(per_lesson, ident) == expected


def test_the_kinds_of_translation_are_those_meant(per_lesson: Built) -> None:
    kinds = {
        ident: per_lesson.index.lesson(f"{ident}/hello").versions["de"].kind
        for ident in ("sa-lesson", "sa-lesson-branch", "sa-lesson-gettext")
    }
    assert kinds == {
        "sa-lesson": "file",
        "sa-lesson-branch": "branch",
        "sa-lesson-gettext": "gettext",
    }
    assert per_lesson.index.lesson("sa-lesson/hello").versions["en"].license == "CC-BY-SA-4.0"


def test_the_finding_names_both_files_and_licences(per_lesson: Built) -> None:
    found = the_finding(per_lesson, "sa-lesson")
    assert found.paths == ("hello.de.md", "hello.md")
    assert "hello.de.md (de) is licensed CC-BY-4.0" in found.message
    assert "hello.md, which it translates, is licensed CC-BY-SA-4.0" in found.message
    assert "CC-BY-SA-4.0" in found.fix
    gettext = the_finding(per_lesson, "sa-lesson-gettext")
    assert gettext.paths == ("locale/de/LC_MESSAGES/hello.po", "hello.md")


def test_cli_names_the_files(per_lesson: Built, run: Run) -> None:
    code, out, _ = run("--lang", "en", "check", "licenses", "-c", per_lesson.catalogue)
    assert code == 1
    assert (
        "share-alike: sa-lesson sa-lesson/hello de: hello.de.md (de) is licensed CC-BY-4.0, but "
        "hello.md, which it translates, is licensed CC-BY-SA-4.0, which requires the same "
        "licence or a later version"
    ) in out.splitlines()
    code, out, _ = run("--lang", "de", "check", "licenses", "-c", per_lesson.catalogue)
    assert "hello.de.md (de) steht unter CC-BY-4.0, aber hello.md, das es übersetzt" in out


# --- adaptations: the catalogue's ``adapts`` --------------------------------------------------

LOOPS_EN = (
    "# Loops\n\nA loop repeats the same work for every number in a range.\n\n"
    "```python\nfor number in range(10):\n    print(number * 7)\n```\n\n"
    "See [the loop docs](https://docs.python.org/3/tutorial/controlflow.html#for-statements).\n"
)
OWN_DE = (
    "# Eigenes\n\nDiese Lektion gibt es nur hier: wir bauen zusammen eine kleine Uhr aus "
    "Pappe und zählen die Stunden.\n"
)
SCHLEIFEN_DE = (
    "# Schleifen\n\nEine Schleife wiederholt dieselbe Arbeit für jede Zahl eines Bereichs.\n\n"
    "```python\nfor number in range(10):\n    print(number * 7)\n```\n\n"
    "Siehe [die Doku](https://docs.python.org/3/tutorial/controlflow.html#for-statements).\n"
)


@pytest.fixture(scope="module")
def adaptations(workspace: Workspace) -> Built:
    w = workspace
    by, by_sa = notice("by", "4.0"), notice("by-sa", "4.0")
    origin = w.workshop("origin", {"LICENSE": by_sa, "loops.md": LOOPS_EN})
    hello_by = front("Hello", HELLO_BODY, license="CC-BY-4.0")
    remixes = {
        # the same licence, one lesson at another path (paired on its code and links)
        "remix-ok": w.workshop(
            "remix-ok", {"LICENSE": by_sa, "schleifen.md": SCHLEIFEN_DE, "eigenes.md": OWN_DE}
        ),
        "remix-by": w.workshop("remix-by", {"LICENSE": by}),
        "remix-lesson": w.workshop("remix-lesson", {"LICENSE": by_sa, "hello.md": hello_by}),
        "remix-of-remix": w.workshop("remix-of-remix", {"LICENSE": notice("by-sa", "3.0")}),
        "origin-by": w.workshop(
            "origin-by",
            {"LICENSE": by, "hello.md": front("Hello", HELLO_BODY, license="CC-BY-SA-4.0")},
        ),
        "remix-of-by": w.workshop("remix-of-by", {"LICENSE": by}),
    }
    adapts = {
        "remix-ok": "origin",
        "remix-by": "origin",
        "remix-lesson": "origin",
        "remix-of-remix": "remix-ok",
        "remix-of-by": "origin-by",
    }
    materials = [
        material("origin", origin),
        *(
            material(ident, repo, **({"adapts": adapts[ident]} if ident in adapts else {}))
            for ident, repo in remixes.items()
        ),
    ]
    return w.build("adaptations", materials)


def test_lessons_are_paired_with_the_lessons_they_adapt(adaptations: Built) -> None:
    index = adaptations.index
    assert {lesson.id: lesson.adapts for lesson in index.lessons(material="remix-ok")} == {
        "remix-ok/eigenes": None,  # its own lesson
        "remix-ok/hello": "origin/hello",
        "remix-ok/schleifen": "origin/loops",
    }
    (note,) = [p for p in index.material("remix-ok").problems if p.path == "eigenes.md"]
    assert note.severity == "warning"
    assert note.message.startswith("adapts no lesson of origin (")
    assert index.material("remix-ok").adapts == "origin"
    assert index.material("origin").adapts is None
    assert {lesson.adapts for lesson in index.lessons(material="origin")} == {None}
    exported = json.loads(index.export_json(material="remix-ok"))
    (entry,) = exported["materials"]
    assert entry["adapts"] == "origin"
    assert sorted(lesson["adapts"] or "" for lesson in entry["lessons"]) == [
        "",
        "origin/hello",
        "origin/loops",
    ]


@pytest.mark.parametrize(
    ("ident", "expected"),
    [
        ("origin", set()),
        ("remix-ok", set()),
        ("remix-by", {("", "")}),  # the material's licence, once (not again per lesson)
        ("remix-lesson", {("remix-lesson/hello", "en")}),
        ("remix-of-remix", {("", "")}),  # the chain: judged against remix-ok, its own source
        ("origin-by", set()),
        ("remix-of-by", {("remix-of-by/hello", "en")}),  # the adapted lesson's own licence
    ],
)
def test_adaptations_are_judged_link_by_link(
    adaptations: Built, ident: str, expected: set[tuple[str, str]]
) -> None:
    assert share_alike(adaptations, ident) == expected


def test_adaptation_findings_name_files(adaptations: Built) -> None:
    material_finding = the_finding(adaptations, "remix-by")
    assert material_finding.paths == ("LICENSE",)
    assert "adapts origin, which is licensed CC-BY-SA-4.0" in material_finding.message
    assert "`adapts`" in material_finding.fix
    lesson_finding = the_finding(adaptations, "remix-lesson")
    assert lesson_finding.paths == ("hello.md",)
    assert lesson_finding.message == (
        "hello.md is licensed CC-BY-4.0, but hello.md (origin/hello), which it adapts, is "
        "licensed CC-BY-SA-4.0, which requires the same licence or a later version"
    )
    chain = the_finding(adaptations, "remix-of-remix")
    assert "CC-BY-SA-3.0" in chain.message
    assert "remix-ok" in chain.message


def test_cli_check_licenses_reports_the_chain(adaptations: Built, run: Run) -> None:
    code, out, _ = run("--lang", "en", "check", "licenses", "-c", adaptations.catalogue, "--json")
    assert code == 1
    report = json.loads(out)
    chain = {(f["material"], f["lesson"]) for f in report["findings"] if f["rule"] == "share-alike"}
    assert chain == {
        ("remix-by", None),
        ("remix-lesson", "remix-lesson/hello"),
        ("remix-of-remix", None),
        ("remix-of-by", "remix-of-by/hello"),
    }


def test_a_change_to_the_adapted_material_indexes_the_adaptation_again(
    workspace: Workspace, adaptations: Built, tmp_path: Path
) -> None:
    catalogue = om.load_catalogue(adaptations.catalogue)
    where = {"cache": tmp_path / "cache", "index": tmp_path / "index.sqlite"}  # not the fixture's
    om.build(catalogue, **where)
    origin = RepoBuilder(workspace.root / "repos" / "origin")
    origin.move("loops.md", "repeat.md")
    origin.commit("Rename the loops lesson")
    report = om.build(catalogue, **where)
    statuses = {s.id: s.status for s in report.index.materials}
    assert statuses["origin"] == "indexed"
    assert statuses["remix-ok"] == "indexed"
    assert statuses["remix-by"] == "indexed"
    assert statuses["origin-by"] == "unchanged"
    with om.Index.open(where["index"]) as index:
        assert index.lesson("remix-ok/schleifen").adapts == "origin/repeat"


def test_an_adapted_material_over_budget_leaves_the_adaptation_indexed_with_a_warning(
    workspace: Workspace,
) -> None:
    w = workspace
    big = w.workshop(
        "big-origin", {f"extra-{n}.md": f"# Extra {n}\n\nMore text.\n" for n in range(8)}
    )
    small = w.workshop("small-remix")
    built = w.build(
        "budget",
        [material("small-remix", small)],  # the build helper wants every material indexed
    )
    catalogue = om.Catalogue(
        settings=om.load_catalogue(built.catalogue).settings,
        materials=(
            om.MaterialSpec(id="big-origin", title="Big", source=str(big.path)),
            om.MaterialSpec(
                id="small-remix", title="Small", source=str(small.path), adapts="big-origin"
            ),
        ),
    ).with_path(built.catalogue)
    om.sync(catalogue)
    report = om.build_index(catalogue, limits=Limits(max_files=5))
    statuses = {s.id: s.status for s in report.materials}
    assert statuses == {"big-origin": "failed", "small-remix": "indexed"}
    with om.Index.open(built.index_path) as index:
        notes = [p.message for p in index.material("small-remix").problems]
    assert any("not paired with those of big-origin" in note for note in notes), notes


def test_a_catalogue_made_in_code_may_name_no_adapted_material(workspace: Workspace) -> None:
    w = workspace
    remix = w.workshop("orphan-remix")
    built = w.build("orphan-adapts", [material("orphan-remix", remix)])
    catalogue = om.Catalogue(
        settings=om.load_catalogue(built.catalogue).settings,
        materials=(
            om.MaterialSpec(id="orphan-remix", title="R", source=str(remix.path), adapts="gone"),
        ),
    ).with_path(built.catalogue)
    report = om.build_index(catalogue)
    assert [s.status for s in report.materials] == ["indexed"]
    with om.Index.open(built.index_path) as index:
        assert index.material("orphan-remix").adapts == "gone"
        assert {lesson.adapts for lesson in index.lessons(material="orphan-remix")} == {None}
        rules = {f.rule for f in check_licences(index.materials(), index.lessons())}
    assert "share-alike" not in rules


def test_cli_show_says_which_lesson_a_lesson_adapts(adaptations: Built, run: Run) -> None:
    code, out, _ = run("--lang", "en", "show", "remix-ok/schleifen", "-c", adaptations.catalogue)
    assert code == 0
    assert "adapts: origin/loops" in out.splitlines()
    code, out, _ = run("--lang", "de", "show", "remix-ok/schleifen", "-c", adaptations.catalogue)
    assert "bearbeitet: origin/loops" in out.splitlines()
    code, out, _ = run("show", "remix-ok/eigenes", "-c", adaptations.catalogue, "--json")
    assert json.loads(out)["lesson"]["adapts"] is None


def test_the_attribution_of_an_adapting_lesson_names_what_it_adapts(adaptations: Built) -> None:
    index = adaptations.index
    adapted = index.attribution("remix-ok/schleifen", language="en")
    assert adapted.adapted_from == "Loops"
    assert "Adapted from “Loops”." in adapted.text()
    own = index.attribution("remix-ok/eigenes", language="en")
    assert own.adapted_from is None
    assert index.attribution("origin/loops", language="en").adapted_from is None
