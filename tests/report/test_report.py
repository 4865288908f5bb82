"""``otsmaterials report``: the coordinators' status page, read back as a user's browser would.

Every page parses without a single error in html5lib's strict HTML5 parser; the matrix holds
every lesson × language of every material with the state the index gives it; the summaries count
what the index holds; the texts follow ``--lang``; outdated cells unfold what changed; content
from repositories is escaped.
"""

from __future__ import annotations

import gc
import json
import re
from pathlib import Path

import pytest

import otsmaterials as om

from clirun import Run
from demo_fixture import Demo
from gitrepos import RepoBuilder, write_catalogue
from outdated_repos import ADDED, build_outdated
from report_pages import by_id, find_all, matrix, parse, text

# The demo's lessons in each language, as docs/report.md defines the states: fr has only empty
# catalogs, the German branch translates the first two JavaScript lessons.
DEMO_STATES = {
    "python-sphinx/introduction": "en=original de=complete es-CL=complete fr=missing",
    "python-sphinx/variables": "en=original de=complete es-CL=complete fr=missing",
    "python-sphinx/loops": "en=original de=complete es-CL=partial fr=missing",
    "python-sphinx/functions": "en=original de=partial es-CL=missing fr=missing",
    "web-markdown/core/setup": "en=original de=complete nl=missing pt-BR=complete",
    "web-markdown/core/html-basics": "en=original de=complete nl=missing pt-BR=complete",
    "web-markdown/core/css-basics": "en=original de=complete nl=missing pt-BR=missing",
    "web-markdown/extras/forms": "en=original de=missing nl=complete pt-BR=missing",
    "js-branches/01-hello": "en=original de=complete",
    "js-branches/02-values": "en=original de=complete",
    "js-branches/03-functions": "en=original de=missing",
}


def demo_states() -> dict[str, dict[str, str]]:
    return {
        lesson: dict(pair.split("=") for pair in states.split())
        for lesson, states in DEMO_STATES.items()
    }


@pytest.fixture(scope="module")
def demo_page(demo: Demo) -> str:
    return om.render_report(om.Index.open(demo.index))


def test_every_lesson_and_language_of_the_demo(demo: Demo, demo_page: str) -> None:
    root = parse(demo_page)
    index = om.Index.open(demo.index)
    assert [m.id for m in index.materials()] == ["python-sphinx", "web-markdown", "js-branches"]
    for material in index.materials():
        lessons = index.lessons(material=material.id)
        languages, rows = matrix(by_id(root, f"m-{material.id}"))
        wanted = {tag for lesson in lessons for tag in lesson.versions}
        assert languages[0] == material.original_language
        assert sorted(languages) == sorted(wanted)
        assert [row.lesson for row in rows] == [lesson.id for lesson in lessons]
        for lesson, row in zip(lessons, rows, strict=True):
            assert not row.hidden  # without script every row shows
            assert {tag: cell.get("data-state") for tag, cell in row.cells.items()} == (
                demo_states()[lesson.id]
            )
            for language in languages:
                cell = row.cells[language]
                state = demo_states()[lesson.id][language]
                version = lesson.versions.get(language)
                if state != "missing" and version is not None:
                    assert f"{round(100 * version.completeness)}%" in text(cell)
                if version is not None and version.translators and state != "original":
                    assert ", ".join(version.translators) in text(cell)
    # the demo's known states
    _, rows = matrix(by_id(root, "m-python-sphinx"))
    loops = next(row for row in rows if row.lesson == "python-sphinx/loops")
    assert text(loops.cells["es-CL"]).startswith("partial 58%")
    assert loops.cells["fr"].get("data-state") == "missing"


def test_summaries_count_what_the_index_holds(demo: Demo, demo_page: str) -> None:
    root = parse(demo_page)
    table = next(t for t in find_all(root, "table") if "languages" in (t.get("class") or ""))
    found = {}
    for tr in find_all(next(iter(find_all(table, "tbody"))), "tr"):
        numbers = [int(text(td)) for td in find_all(tr, "td")]
        found[tr.get("data-lang")] = numbers
    for tag, (available, complete, outdated) in found.items():
        states = [cells[tag] for cells in demo_states().values() if tag in cells]
        assert available == sum(s != "missing" for s in states), tag
        assert complete == sum(s in {"original", "complete"} for s in states), tag
        assert outdated == sum(s == "outdated" for s in states), tag
    assert found["en"] == [11, 11, 0]
    assert found["es-CL"] == [3, 2, 0]
    materials = next(t for t in find_all(root, "table") if "materials" in (t.get("class") or ""))
    rows = [
        [text(c) for c in tr] for tr in find_all(next(iter(find_all(materials, "tbody"))), "tr")
    ]
    assert rows == [
        ["First Steps in Python", "CC-BY-SA-4.0", "unknown", "4", "0"],
        ["Your First Web Page", "CC-BY-SA-4.0", "unknown", "4", "0"],
        ["JavaScript Basics", "CC-BY-SA-4.0", "unknown", "3", "0"],
    ]


def test_accessible_markup(demo_page: str) -> None:
    root = parse(demo_page)
    assert root.get("lang") == "en"
    for table in find_all(root, "table"):
        assert text(next(iter(find_all(table, "caption"))))
        for th in find_all(table, "th"):
            assert th.get("scope") in {"col", "row"}
    labels = {label.get("for") for label in find_all(root, "label")}
    selects = find_all(root, "select")
    assert [s.get("id") for s in selects] == ["f-topic", "f-language", "f-state"]
    assert {s.get("id") for s in selects} <= labels
    # every state is written out, never told by colour alone
    for td in find_all(root, "td"):
        if td.get("data-state"):
            badge = next(iter(find_all(td, "span")))
            assert badge.get("class") == "badge"
            assert text(badge)
    # the filters need the script: hidden until it runs
    assert by_id(root, "filters").get("hidden") is not None


def test_texts_follow_the_language(demo: Demo) -> None:
    root = parse(om.render_report(om.Index.open(demo.index), language="de"))
    assert root.get("lang") == "de"
    assert text(next(iter(find_all(root, "h1")))) == "Übersetzungsstand: otsmaterials demo"
    assert "Lektionen je Sprache" in [text(c) for c in find_all(root, "caption")]
    _, rows = matrix(by_id(root, "m-python-sphinx"))
    loops = next(row for row in rows if row.lesson == "python-sphinx/loops")
    assert text(loops.cells["es-CL"]).startswith("teilweise 58%")
    assert text(loops.cells["fr"]).startswith("fehlt")


@pytest.mark.parametrize("language", ["xx-invalid-", "tlh", ""])
def test_a_language_without_messages_gives_english(demo: Demo, language: str) -> None:
    root = parse(om.render_report(om.Index.open(demo.index), language=language))
    assert text(next(iter(find_all(root, "h1")))) == "Translation status: otsmaterials demo"
    assert "German de" in [text(th) for th in find_all(root, "th")]


def test_outdated_cells_unfold_what_changed(tmp_path: Path) -> None:
    _, index = build_outdated(tmp_path)
    root = parse(om.render_report(index))
    _, rows = matrix(by_id(root, "m-web"))
    setup = next(row for row in rows if row.lesson == "web/core/setup")
    cell = setup.cells["de"]
    assert cell.get("data-state") == "outdated"
    assert "2 commits, 70 days behind; original changed 2024-03-01" in text(cell)
    details = next(iter(find_all(cell, "details")))
    assert text(next(iter(find_all(details, "summary")))) == "5 blocks of the original changed"
    items = find_all(details, "li")
    assert [i.get("class") for i in items] == [
        "c-changed",
        "c-added",
        "c-changed",
        "c-removed",
        "c-removed",
    ]
    assert text(next(iter(find_all(items[1], "ins")))) == ADDED.strip()
    assert text(next(iter(find_all(items[2], "del")))) == "A text editor"
    assert text(next(iter(find_all(items[2], "ins")))) == "An editor"
    # a current translation has nothing to unfold
    basics = next(row for row in rows if row.lesson == "web/core/html-basics")
    assert basics.cells["de"].get("data-state") == "complete"
    assert not find_all(basics.cells["de"], "details")
    # the language summary counts the outdated ones
    table = next(t for t in find_all(root, "table") if "languages" in (t.get("class") or ""))
    german = next(tr for tr in find_all(table, "tr") if tr.get("data-lang") == "de")
    assert int(text(find_all(german, "td")[2])) == 2  # web/core/setup and js/01-hello


def test_content_from_repositories_is_escaped(tmp_path: Path, run: Run) -> None:
    hostile = '<img src=x onerror="alert(1)"> & </table>'
    repo = RepoBuilder(tmp_path / "hostile")
    repo.write(
        {
            "lesson.md": f"# {hostile}\n\nText.\n",
            "de/lesson.md": "# Titel\n\nText.\n",
            "broken.md": "---\ntitle: [unclosed <b>\n---\n\nText.\n",
        }
    )
    repo.commit("Hostile", date="2024-01-01T00:00:00+00:00")
    catalogue = write_catalogue(
        tmp_path / "catalogue.toml",
        [{"id": "hostile", "title": f"Title {hostile}", "source": str(repo.path)}],
        settings={"allow_local_sources": True},
    )
    assert run("build", "-c", catalogue)[0] == 0
    code, page, _ = run("report", "-c", catalogue)
    assert code == 0
    root = parse(page)
    assert not find_all(root, "img")
    section = by_id(root, "m-hostile")
    assert text(by_id(section, "h-hostile")) == f"Title {hostile}"
    _, rows = matrix(section)
    assert len(rows) == 1
    notes = [text(li) for li in find_all(section, "li")]
    assert len(notes) == 1
    assert notes[0].startswith("hostile: broken.md:")
    assert "<b>" not in page.split("broken.md", 1)[1].split("</li>", 1)[0]  # escaped
    titles = [text(span) for span in find_all(section, "span") if span.get("class") == "title"]
    code, shown, _ = run("show", "hostile/lesson", "-c", catalogue, "--json")
    assert titles == [json.loads(shown)["lesson"]["versions"]["en"]["title"]]


def test_cli_writes_a_page_or_a_folder(demo: Demo, run: Run, tmp_path: Path) -> None:
    code, out, err = run("report", "-c", demo.catalogue)
    assert (code, err) == (0, "")
    assert out == om.render_report(om.Index.open(demo.index))
    page = tmp_path / "status.html"
    code, out, err = run("report", "-c", demo.catalogue, "-o", page)
    assert (code, out) == (0, "")
    assert err == f"wrote {page}\n"
    assert page.read_text(encoding="utf-8") == om.render_report(om.Index.open(demo.index))
    folder = tmp_path / "site"
    code, out, err = run("--lang", "fr", "report", "-c", demo.catalogue, "-o", folder)
    assert code == 0
    names = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert names == [
        "index.html",
        "materials/js-branches.html",
        "materials/python-sphinx.html",
        "materials/web-markdown.html",
        "report.css",
        "report.js",
    ]
    home = parse((folder / "index.html").read_text(encoding="utf-8"))
    assert root_lang(home) == "fr"
    links = [a.get("href") for a in find_all(home, "a")]
    assert "materials/python-sphinx.html" in links
    for name in names:
        if name.endswith(".html"):
            parse((folder / name).read_text(encoding="utf-8"))
    _, rows = matrix(parse((folder / "materials/python-sphinx.html").read_text(encoding="utf-8")))
    assert len(rows) == 4


def root_lang(root: object) -> str | None:
    get = getattr(root, "get", None)
    return get("lang") if get else None


def test_the_garbage_collector_is_left_as_it_was(demo: Demo, run: Run, tmp_path: Path) -> None:
    """The report pauses Python's cyclic collector while it works and restores it, on success
    and on error alike; a caller who paused it keeps it paused."""
    index = om.Index.open(demo.index)
    assert gc.isenabled()
    om.render_report(index)
    om.write_report(index, tmp_path / "site")
    assert gc.isenabled()
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(OSError):
        om.write_report(index, tmp_path / "file" / "site")  # a file where a folder should be
    assert gc.isenabled()
    assert run("report", "--index", "/nonexistent/index.sqlite")[0] == 2
    assert gc.isenabled()
    gc.disable()
    try:
        om.render_report(index)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_cli_without_an_index(tmp_path: Path, run: Run) -> None:
    code, _out, err = run("report", "--index", tmp_path / "none.sqlite")
    assert code == 2
    assert "not built yet" in err


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_state_colours_keep_aa_contrast() -> None:
    """Every colour pair of the style sheet (text on its background) reaches WCAG AA, 4.5:1."""
    css = Path(om.__file__).parent.joinpath("report", "assets", "report.css").read_text("utf-8")
    pairs = re.findall(r"color: (#[0-9a-f]{6}); background: (#[0-9a-f]{6})", css)
    assert len(pairs) >= 5  # one per state
    for text_colour, background in pairs:
        light, dark = sorted((_luminance(text_colour), _luminance(background)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, (text_colour, background)
    for text_colour in re.findall(r"(?<![-\w])color: (#[0-9a-f]{6})", css):
        assert (1.05) / (_luminance(text_colour) + 0.05) >= 4.5, text_colour  # on white
