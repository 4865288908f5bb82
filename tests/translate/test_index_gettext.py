"""The index and the translator workflow agree: gettext completeness is ``stat``'s word ratio.

One Markdown material, built twice: first with German catalogs made by ``otsmaterials init`` and
filled in, and a ``de/`` file translation; then after a commit that adds a paragraph to two
lessons without touching their translations.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pytest

import otsmaterials as om
from otsmaterials.cli import main
from otsmaterials.gettext.reader import parse_po
from otsmaterials.gettext.stats import Completeness
from otsmaterials.gettext.writer import format_po
from otsmaterials.index.material import Limits

from gitrepos import RepoBuilder, git, git_environment, write_catalogue

INTRO = (
    "---\ntitle: Getting started\n---\n\n"
    "This lesson shows you the very first steps.\n\n"
    "## Your tools\n\n"
    "You need an editor and a browser for this lesson.\n\n"
    "Save the file as `index.html` in a new folder.\n"
)
INTRO_DE = {
    "Getting started": ("Erste Schritte", False),
    "This lesson shows you the very first steps.": (
        "Diese Lektion zeigt dir die allerersten Schritte.",
        False,
    ),
    "Your tools": ("Deine Werkzeuge", False),
    "Save the file as `index.html` in a new folder.": (
        "Speichere die Datei als `index.html` in einem neuen Ordner.",
        True,
    ),
}
TOOLS = "---\ntitle: Tools\n---\n\nAn editor and a browser are all you need today.\n"
TOOLS_DE = {
    "Tools": ("Werkzeuge", True),
    "An editor and a browser are all you need today.": (
        "Ein Editor und ein Browser sind alles, was du heute brauchst.",
        False,
    ),
}
SETUP = "---\ntitle: Setup\n---\n\nInstall the editor before the workshop starts.\n"
SETUP_DE = (
    "---\ntitle: Vorbereitung\nlang: de\n---\n\n"
    "Installiere den Editor, bevor der Workshop beginnt, und teste ihn einmal.\n"
)
ADDED = "\nA new paragraph with six words.\n"


def fill(path: Path, translations: dict[str, tuple[str, bool]]) -> None:
    """Translate a catalog made by ``init``: msgid → (msgstr, fuzzy)."""
    catalog = parse_po(path.read_bytes(), str(path))
    for number, entry in enumerate(catalog.entries):
        if entry.msgid in translations:
            text, fuzzy = translations[entry.msgid]
            flags = [*entry.flags, "fuzzy"] if fuzzy else entry.flags
            catalog.entries[number] = dataclasses.replace(entry, msgstr=text, flags=flags)
    path.write_text(format_po(catalog), encoding="utf-8")


def quiet(arguments: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(arguments)
    return code, out.getvalue()


def stat(root: Path) -> dict[str, Completeness]:
    code, out = quiet(["stat", "--json", "--root", str(root)])
    assert code == 0
    return {e["lesson"]: Completeness(**e["counts"]) for e in json.loads(out)["lessons"]}


def german_catalogs(repo: RepoBuilder) -> None:
    """German catalogs of ``intro.md`` and ``tools.md`` made by ``init``, filled in, committed."""
    code, out = quiet(["init", "-l", "de", "--root", str(repo.path), "intro.md", "tools.md"])
    assert code == 0, out
    catalogs = repo.path / "locale/de/LC_MESSAGES"
    fill(catalogs / "intro.po", INTRO_DE)
    fill(catalogs / "tools.po", TOOLS_DE)
    git("add", "locale", cwd=repo.path)
    repo.commit("Lessons with German translations", date="2024-01-01T12:00:00+00:00")


def build(folder: Path, repo: RepoBuilder) -> dict[str, om.Lesson]:
    folder.mkdir()
    catalogue = write_catalogue(
        folder / "catalogue.toml",
        [{"id": "web", "title": "Web", "source": str(repo.path)}],
        settings={"allow_local_sources": True},
    )
    report = om.build(
        om.load_catalogue(catalogue), cache=folder / "cache", index=folder / "index.sqlite"
    )
    assert report.ok, report
    with om.Index.open(folder / "index.sqlite") as index:
        return {lesson.path: lesson for lesson in index.lessons(material="web")}


@dataclass(frozen=True)
class States:
    before: dict[str, om.Lesson]
    after: dict[str, om.Lesson]
    stat_before: dict[str, Completeness]
    stat_after: dict[str, Completeness]


@pytest.fixture(scope="module")
def states(tmp_path_factory: pytest.TempPathFactory) -> States:
    root = tmp_path_factory.mktemp("index-gettext")
    (root / "home").mkdir()
    with git_environment(root / "home"):
        repo = RepoBuilder(root / "repo")
        repo.write({"intro.md": INTRO, "tools.md": TOOLS, "setup.md": SETUP})
        repo.write({"de/setup.md": SETUP_DE})
        german_catalogs(repo)
        stat_before = stat(repo.path)
        before = build(root / "before", repo)
        repo.write({"intro.md": INTRO + ADDED, "setup.md": SETUP + ADDED})
        repo.commit("Add a paragraph", date="2024-02-01T12:00:00+00:00")
        stat_after = stat(repo.path)
        after = build(root / "after", repo)
    return States(before, after, stat_before, stat_after)


def test_gettext_version(states: States) -> None:
    version = states.before["intro"].versions["de"]
    assert version.kind == "gettext"
    assert version.path == "locale/de/LC_MESSAGES/intro.po"
    assert version.language == "de"
    assert states.before["intro"].versions["en"].kind == "original"


def test_completeness_is_stat_word_ratio(states: States) -> None:
    counts = states.stat_before["intro"]
    # 2 + 8 + 2 words translated of 2 + 8 + 2 + 10 + 9; the 9 fuzzy words do not count
    assert (counts.translated_words, counts.words, counts.fuzzy_words) == (12, 31, 9)
    version = states.before["intro"].versions["de"]
    assert version.counts == counts
    assert version.completeness == 12 / 31
    assert version.outdated is False
    tools = states.before["tools"].versions["de"]
    assert tools.counts == states.stat_before["tools"]
    assert tools.completeness == 10 / 11


def test_completeness_drops_when_the_lesson_grows(states: States) -> None:
    counts = states.stat_after["intro"]
    assert (counts.messages, counts.missing, counts.words, counts.translated_words) == (
        6,
        1,
        37,
        12,
    )
    before = states.before["intro"].versions["de"]
    after = states.after["intro"].versions["de"]
    assert after.counts == counts
    assert after.completeness == 12 / 37
    assert after.completeness < before.completeness
    assert after.outdated is True
    # The untouched lesson keeps its numbers.
    assert states.after["tools"].versions["de"].completeness == 10 / 11


def test_title_and_headings_come_from_the_catalog(states: States) -> None:
    version = states.before["intro"].versions["de"]
    assert version.title == "Erste Schritte"
    assert version.headings == ("Deine Werkzeuge",)
    # a fuzzy title translation is not used: the original's title stands
    assert states.before["tools"].versions["de"].title == "Tools"


def test_file_translation_staleness(states: States) -> None:
    before = states.before["setup"].versions["de"]
    assert before.kind == "file"
    assert before.path == "de/setup.md"
    assert before.title == "Vorbereitung"
    assert before.outdated is False
    assert before.staleness is not None
    assert before.staleness.commits == 0
    after = states.after["setup"].versions["de"]
    assert after.outdated is True
    assert after.staleness is not None
    assert after.staleness.commits == 1
    assert after.staleness.since == "2024-02-01"
    assert after.completeness == 1.0
    assert after.counts is None


@dataclass(frozen=True)
class Shared:
    lessons: dict[str, om.Lesson]
    stat: dict[str, Completeness]
    copies: int


def copy_and_catalogs(root: Path) -> tuple[RepoBuilder, list[dict[str, str]]]:
    """A material ``copy`` with the lessons and no catalogs, then ``web`` with German catalogs
    made before a paragraph was added to ``intro.md`` (the catalog lacks that message)."""
    copy = RepoBuilder(root / "copy")
    copy.write({"intro.md": INTRO + ADDED, "tools.md": TOOLS}).commit("the same lessons")
    repo = RepoBuilder(root / "repo")
    repo.write({"intro.md": INTRO, "tools.md": TOOLS})
    german_catalogs(repo)
    repo.write({"intro.md": INTRO + ADDED}).commit("Add a paragraph")
    entries = [
        {"id": "copy", "title": "Copy", "source": str(copy.path)},
        {"id": "web", "title": "Web", "source": str(repo.path)},
    ]
    return repo, entries


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Shared:
    """The catalogs' material indexed after one with the same lesson files and no catalogs.

    The first stores the files' parse results without their messages (nothing of it measures
    a catalog); the second finds them there and makes the messages when its catalogs need them.
    A paragraph added to ``intro.md`` after its catalog was made is a message the catalog lacks.
    """
    root = tmp_path_factory.mktemp("shared-blobs")
    (root / "home").mkdir()
    with git_environment(root / "home"):
        repo, entries = copy_and_catalogs(root)
        catalogue = write_catalogue(
            root / "catalogue.toml", entries, settings={"allow_local_sources": True}
        )
        report = om.build(
            om.load_catalogue(catalogue), cache=root / "cache", index=root / "index.sqlite"
        )
        assert report.ok, report
        with om.Index.open(root / "index.sqlite") as index:
            lessons = {lesson.path: lesson for lesson in index.lessons(material="web")}
            copies = len(index.lessons(material="copy"))
        return Shared(lessons, stat(repo.path), copies)


def test_catalogs_are_measured_against_messages_made_when_needed(shared: Shared) -> None:
    assert shared.copies == 2
    intro = shared.stat["intro"]
    assert (intro.messages, intro.missing, intro.translated_words) == (6, 1, 12)
    for lesson in ("intro", "tools"):
        version = shared.lessons[lesson].versions["de"]
        assert version.kind == "gettext"
        assert version.counts == shared.stat[lesson]


def test_messages_made_later_read_a_file_parsed_under_a_larger_limit(tmp_path: Path) -> None:
    """The parse cache outlives a build's limits: a lesson parsed whole by one build is in the
    cache for the next, whose smaller limit it exceeds; its messages are made all the same."""
    (tmp_path / "home").mkdir()
    with git_environment(tmp_path / "home"):
        repo, entries = copy_and_catalogs(tmp_path)
        paths = {"cache": tmp_path / "cache", "index": tmp_path / "index.sqlite"}
        local = {"allow_local_sources": True}
        first = write_catalogue(tmp_path / "first.toml", entries[:1], settings=local)
        assert om.build(om.load_catalogue(first), **paths).ok
        both = om.load_catalogue(write_catalogue(tmp_path / "both.toml", entries, settings=local))
        limit = len((INTRO + ADDED).encode()) // 2
        assert om.sync(both, cache=paths["cache"]).ok
        report = om.build_index(both, **paths, limits=Limits(max_lesson_bytes=limit))
        assert report.ok, report
        with om.Index.open(paths["index"]) as index:
            version = index.lesson("web/intro").versions["de"]
        assert version.counts == stat(repo.path)["intro"]
        assert version.counts is not None
        assert version.counts.missing == 1
