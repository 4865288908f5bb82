"""Reading the index: materials, topics, languages, lessons, negotiation, search, snapshots."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import otsmaterials as om
from otsmaterials.index import fulltext

from demo_fixture import (
    DEMO_LESSONS,
    GERMAN,
    Corpus,
    Demo,
    english,
    lesson_ids,
    lesson_md,
    numbered_lessons,
)


@pytest.fixture(scope="module")
def index(demo: Demo) -> Iterator[om.Index]:
    with om.Index.open(demo.index) as opened:
        yield opened


@pytest.fixture(scope="module")
def stale(stale_corpus: Corpus) -> Iterator[om.Index]:
    with om.Index.open(stale_corpus.index_path) as opened:
        yield opened


# --- materials, topics, languages ---------------------------------------------------------------


def test_materials_in_catalogue_order(index: om.Index) -> None:
    materials = index.materials()
    assert [m.id for m in materials] == ["python-sphinx", "web-markdown", "js-branches"]
    assert [m.lessons for m in materials] == [4, 4, 3]
    assert index.generation == 1
    assert index.catalogue_name == "otsmaterials demo"


def test_one_material(index: om.Index) -> None:
    js = index.material("js-branches")
    assert js.title == "JavaScript Basics"
    assert js.branch == "main"
    assert len(js.commit) == 40
    assert int(js.commit, 16) >= 0
    assert js.layout == "markdown+branch"
    assert js.topics == ("javascript",)
    assert js.original_language == "en"
    assert js.languages == {"de": pytest.approx(2 / 3, abs=1e-4), "en": 1.0}
    python = index.material("python-sphinx")
    assert python.layout == "sphinx+gettext"
    assert python.languages["fr"] == 0.0


def test_unknown_material_is_not_found(index: om.Index) -> None:
    with pytest.raises(om.NotFoundError, match="no-such-material") as caught:
        index.material("no-such-material")
    assert isinstance(caught.value, om.InputError)
    assert isinstance(caught.value, LookupError)


def test_topics_with_display_names_and_counts(index: om.Index) -> None:
    topics = [(t.id, t.name, t.lessons) for t in index.topics()]
    assert topics == [
        ("python", "Python", 4),
        ("web-development", "Web Development", 4),
        ("javascript", "JavaScript", 3),
        ("css", "CSS", 1),
        ("forms", "Forms", 1),
        ("html", "HTML", 3),
        ("tools", "Tools", 1),
    ]
    for topic in index.topics():
        assert len(index.lessons(topic=topic.id)) == topic.lessons


def test_languages_named_in_german(index: om.Index) -> None:
    infos = {i.tag: i for i in index.languages(display_locale="de")}
    assert list(infos) == ["de", "en", "es-CL", "nl", "pt-BR"]  # French catalogs are empty
    assert infos["de"].name == "Deutsch"
    assert infos["es-CL"].name == "Spanisch (Chile)"
    assert infos["en"].name == "Englisch"
    assert infos["es-CL"].native_name == "español (Chile)"
    assert infos["pt-BR"].native_name == "português (Brasil)"
    assert {tag: i.lessons for tag, i in infos.items()} == {
        "de": 9,
        "en": 11,
        "es-CL": 3,
        "nl": 1,
        "pt-BR": 2,
    }


def test_languages_named_in_english_by_default(index: om.Index) -> None:
    names = {i.tag: i.name for i in index.languages()}
    assert names["de"] == "German"
    assert names["es-CL"] == "Spanish (Chile)"


# --- lessons ------------------------------------------------------------------------------------


def test_all_lessons_in_catalogue_and_lesson_order(index: om.Index) -> None:
    assert lesson_ids(index) == DEMO_LESSONS
    assert [lesson.order for lesson in index.lessons(material="python-sphinx")] == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"topic": "python"}, DEMO_LESSONS[:4]),
        ({"topic": "html"}, DEMO_LESSONS[4:6] + DEMO_LESSONS[7:8]),
        ({"language": "es-CL"}, DEMO_LESSONS[:3]),
        ({"language": "es_CL"}, DEMO_LESSONS[:3]),
        ({"language": "fr"}, []),
        ({"language": "pt-BR"}, DEMO_LESSONS[4:6]),
        ({"material": "js-branches"}, DEMO_LESSONS[8:]),
        ({"language": "de", "material": "js-branches"}, DEMO_LESSONS[8:10]),
        ({"topic": "html", "language": "de"}, DEMO_LESSONS[4:6]),
        ({"topic": "no-such-topic"}, []),
    ],
)
def test_lesson_filters(index: om.Index, filters: dict[str, str], expected: list[str]) -> None:
    assert [lesson.id for lesson in index.lessons(**filters)] == expected


def test_one_lesson_with_all_its_versions(index: om.Index) -> None:
    loops = index.lesson("python-sphinx/loops")
    assert loops.material == "python-sphinx"
    assert loops.order == 3
    assert loops.original_language == "en"
    assert loops.topics == ("python",)
    assert sorted(loops.versions) == ["de", "en", "es-CL", "fr"]
    assert loops.languages() == ["de", "en", "es-CL"]
    original = loops.original()
    assert (original.title, original.kind, original.path) == (
        "Loops",
        "original",
        "source/loops.rst",
    )
    spanish = loops.versions["es-CL"]
    assert (spanish.title, spanish.kind) == ("Ciclos", "gettext")
    assert spanish.path == "source/locale/es_CL/LC_MESSAGES/loops.po"
    assert loops.versions["de"].title == "Schleifen"


def test_branch_translation_of_the_demo(index: om.Index) -> None:
    hello = index.lesson("js-branches/01-hello")
    german = hello.versions["de"]
    assert (german.kind, german.branch, german.title) == ("branch", "german", "Hallo, JavaScript")
    assert german.updated == "2024-04-01"
    assert german.outdated is False
    assert sorted(index.lesson("js-branches/03-functions").versions) == ["en"]


def test_unknown_lesson_is_not_found(index: om.Index) -> None:
    with pytest.raises(om.NotFoundError, match="python-sphinx/nope") as caught:
        index.lesson("python-sphinx/nope")
    assert isinstance(caught.value, om.InputError)


# --- negotiation --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lesson", "accept", "language"),
    [
        ("python-sphinx/loops", "de-AT", "de"),
        ("python-sphinx/loops", "es-MX", "es-CL"),
        ("python-sphinx/loops", "fr", "en"),  # the French catalog is empty
        ("python-sphinx/functions", "es-MX", "en"),  # no Spanish catalog for this lesson
        ("web-markdown/core/setup", "pt", "pt-BR"),
        ("web-markdown/core/setup", "zh-TW", "en"),
        ("python-sphinx/loops", "zh-TW", "en"),
        ("python-sphinx/loops", ["de-AT", "fr;q=0.8"], "de"),
        ("python-sphinx/loops", "fr;q=0.9, es-MX;q=0.8, de;q=0.1", "es-CL"),
        ("web-markdown/extras/forms", "nl-BE", "nl"),
    ],
)
def test_best_version(index: om.Index, lesson: str, accept: str | list[str], language: str) -> None:
    version = index.best_version(lesson, accept)
    assert version.language == language
    assert version == index.lesson(lesson).versions[language]


def test_best_version_respects_min_completeness(index: om.Index) -> None:
    assert index.best_version("python-sphinx/functions", "de").language == "de"
    chosen = index.best_version("python-sphinx/functions", "de", min_completeness=0.5)
    assert chosen.language == "en"


def test_best_version_of_unknown_lesson(index: om.Index) -> None:
    with pytest.raises(om.NotFoundError):
        index.best_version("python-sphinx/nope", "de")


# --- search -------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["schleife", "Schleife", "SCHLEIFE", "schleifen"])
def test_search_ignores_case(index: om.Index, query: str) -> None:
    hits = index.search(query)
    assert [(h.lesson, h.language, h.title) for h in hits] == [
        ("python-sphinx/loops", "de", "Schleifen")
    ]
    assert "[Schleife" in hits[0].snippet


@pytest.mark.parametrize("query", ["introduccion", "INTRODUCCIÓN", "Introducción"])
def test_search_ignores_diacritics(index: om.Index, query: str) -> None:
    hits = index.search(query)
    assert ("python-sphinx/introduction", "es-CL") in [(h.lesson, h.language) for h in hits]
    assert all(h.language == "es-CL" for h in hits)


def test_search_by_language(index: om.Index) -> None:
    assert [h.lesson for h in index.search("schleife", language="de")] == ["python-sphinx/loops"]
    assert index.search("schleife", language="en") == []
    english_hits = index.search("loop", language="en")
    assert english_hits
    assert {h.language for h in english_hits} == {"en"}
    assert "python-sphinx/loops" in [h.lesson for h in english_hits]


def test_search_ranks_and_limits(index: om.Index) -> None:
    hits = index.search("python", limit=3)
    assert len(hits) == 3
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)
    assert all(h.lesson in DEMO_LESSONS for h in hits)


def test_search_by_language_is_exact_about_regions(index: om.Index) -> None:
    assert {h.language for h in index.search("introduccion", language="es-CL")} == {"es-CL"}
    assert index.search("introduccion", language="es") == []
    assert index.search("introduccion", language="es-cl") == index.search(
        "introduccion", language="es-CL"
    )


def test_search_ranks_only_the_most_recent_matches_of_a_common_word(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = Corpus(tmp_path / "common")
    corpus.add("older", numbered_lessons("older", 6))
    corpus.add("newer", numbered_lessons("newer", 6))
    corpus.write_catalogue()
    assert corpus.build().ok
    monkeypatch.setattr(fulltext, "RANKED", 4)
    with om.Index.open(corpus.index_path) as index:
        everything = index.search("lesson", limit=20)
        assert len(everything) == 12  # a limit above RANKED ranks that many
        assert [h.rank for h in everything] == sorted(h.rank for h in everything)
        few = index.search("lesson", limit=2)
        assert len(few) == 2
        assert all(h.lesson.startswith("newer/") for h in few)
        assert [h.rank for h in few] == sorted(h.rank for h in few)
        assert "[lesson]" in few[0].snippet
        # A selective query ranks every match, wherever it is.
        assert [h.lesson for h in index.search("olderword3")] == ["older/03-part3"]


def test_a_word_finds_every_word_it_begins_however_many(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A query word is looked up as the indexed words it begins when they are few, as a prefix
    when they are many: the same lessons either way."""
    endings = ["", "s", "ed", "ing", "er", "ers", "ful", "less", "ness", "al"]
    files = {
        f"{n:02d}-part{n}.md": lesson_md(
            f"Part {n}", n, english(f"frobnic{endings[n]} snake_case_{n} gleamwort", 3)
        )
        for n in range(len(endings))
    }
    files["10-other.md"] = lesson_md("Other", 10, english("frob", 3))
    corpus = Corpus(tmp_path / "prefixes")
    corpus.add("words", files)
    corpus.write_catalogue()
    assert corpus.build().ok
    expected = {f"words/{n:02d}-part{n}" for n in range(len(endings))}
    with om.Index.open(corpus.index_path) as index:
        for limit in (len(endings), 3, 1):  # expanded: at most 3 words, then 1, then a prefix
            monkeypatch.setattr(fulltext, "EXPANDED", limit)
            assert {h.lesson for h in index.search("frobnic", limit=50)} == expected
            assert {h.lesson for h in index.search("FROBNICS", limit=50)} == {"words/01-part1"}
            assert {h.lesson for h in index.search("frobnicate", limit=50)} == set()
            assert {h.lesson for h in index.search("frob gleamwort", limit=50)} == expected
            assert {h.lesson for h in index.search("frob", limit=50)} == expected | {
                "words/10-other"
            }
            assert [h.lesson for h in index.search("snake_case_3", limit=50)] == ["words/03-part3"]
            assert index.search("gleamworts zzzz") == []
            hits = index.search("frobnicing", language="en")
            assert [(h.lesson, h.language) for h in hits] == [("words/03-part3", "en")]
            assert "[frobnicing]" in hits[0].snippet
            assert index.search("frobnicing", language="de") == []


def test_a_rebuild_keeps_each_language_apart_and_finds_new_words(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "languages")
    corpus.add("first", {"a.md": lesson_md("A", 1, english("quillbrook", 2))})
    corpus.add(
        "second",
        {"b.md": lesson_md("B", 1, english("quillbrook", 2))},
    )
    corpus.write_catalogue()
    assert corpus.build().ok
    with om.Index.open(corpus.index_path) as index:
        assert {h.lesson for h in index.search("quillbrook", language="en")} == {
            "first/a",
            "second/b",
        }
        assert index.search("quillbrook", language="pt") == []
    corpus.repos["first"].write({"a.md": lesson_md("A", 1, english("quillbrooks marshfen", 2))})
    corpus.repos["first"].commit("new words")
    assert corpus.build().ok
    with om.Index.open(corpus.index_path) as index:
        assert [h.lesson for h in index.search("marshfen", language="en")] == ["first/a"]
        assert [h.lesson for h in index.search("quillbrooks")] == ["first/a"]
        assert {h.lesson for h in index.search("quillbrook")} == {"first/a", "second/b"}


@pytest.mark.parametrize("query", ["", "   ", "?!", '"'])
def test_empty_search_finds_nothing(index: om.Index, query: str) -> None:
    assert index.search(query) == []


@pytest.mark.parametrize("query", ['schleife"', "(schleife", "schleife*", "schleife:", "-schleife"])
def test_search_syntax_characters_are_not_operators(index: om.Index, query: str) -> None:
    assert [h.lesson for h in index.search(query)] == ["python-sphinx/loops"]


@pytest.mark.parametrize("query", ["NEAR(", "AND", "OR NOT", "title:loops", "^"])
def test_search_keywords_do_not_break_the_query(index: om.Index, query: str) -> None:
    hits = index.search(query)
    assert all(h.lesson in DEMO_LESSONS for h in hits)


# --- what a banner needs ------------------------------------------------------------------------


def test_partial_gettext_translations_report_completeness(index: om.Index) -> None:
    functions_de = index.lesson("python-sphinx/functions").versions["de"]
    assert functions_de.kind == "gettext"
    assert functions_de.completeness == pytest.approx(0.44, abs=0.01)
    assert functions_de.counts is not None
    assert functions_de.counts.translated < functions_de.counts.messages
    assert functions_de.counts.fuzzy > 0
    loops_es = index.lesson("python-sphinx/loops").versions["es-CL"]
    assert loops_es.completeness == pytest.approx(0.58, abs=0.01)
    assert index.lesson("python-sphinx/loops").versions["de"].completeness == 1.0
    assert index.lesson("python-sphinx/loops").versions["fr"].completeness == 0.0


def test_outdated_file_translation(stale: om.Index) -> None:
    spanish = stale.lesson("stale/01-intro").versions["es"]
    assert (spanish.kind, spanish.path, spanish.title) == ("file", "01-intro.es.md", "Introducción")
    assert spanish.outdated is True
    assert spanish.staleness is not None
    assert spanish.staleness.commits == 1
    assert spanish.staleness.since == "2024-03-05"
    assert spanish.updated == "2024-02-01"


def test_outdated_branch_translation(stale: om.Index) -> None:
    german = stale.lesson("stale/02-next").versions["de"]
    assert (german.kind, german.branch, german.title) == ("branch", "german", "Nächste Schritte")
    assert german.outdated is True
    assert german.staleness is not None
    assert german.staleness.commits == 1
    assert german.staleness.since == "2024-04-07"


def test_current_file_translation_is_not_outdated(stale: om.Index) -> None:
    spanish = stale.lesson("stale/03-last").versions["es"]
    assert spanish.kind == "file"
    assert spanish.outdated is False
    assert spanish.staleness is not None
    assert (spanish.staleness.commits, spanish.staleness.since) == (0, None)
    assert stale.lesson("stale/03-last").original().outdated is False


# --- snapshots under rebuilds (threat-model.md, snapshots) ----------------------------------------


def live_corpus(root: Path) -> Corpus:
    corpus = Corpus(root)
    for ident in ("alpha", "beta"):
        files = numbered_lessons(ident, 4)
        files["01-part1.de.md"] = lesson_md("Teil eins", 1, GERMAN)
        corpus.add(ident, files, topics=[ident])
    corpus.write_catalogue()
    assert corpus.build().ok
    return corpus


BASE_IDS = [f"{ident}/{n:02d}-part{n}" for ident in ("alpha", "beta") for n in range(1, 5)]


def ids_of_generation(generation: int) -> list[str]:
    """Each rebuild adds one lesson ``alpha/1r-extra<r>``."""
    extras = [f"alpha/{10 + r}-extra{r}" for r in range(1, generation)]
    return BASE_IDS[:4] + extras + BASE_IDS[4:]


def change_corpus(corpus: Corpus, round_: int) -> None:
    repo = corpus.repos["alpha"]
    repo.write(
        {
            f"{10 + round_}-extra{round_}.md": lesson_md(
                f"Extra {round_}", 10 + round_, english(f"extraword{round_}")
            ),
            "02-part2.md": lesson_md("Part 2 of alpha", 2, english("alphaword2", 12 + round_)),
        }
    ).commit(f"round {round_}", date=f"2024-05-{round_:02d}T12:00:00+00:00")
    corpus.sync()


class Checker:
    """Reads of one Index, each checked against what that Index answered when it was opened."""

    def __init__(self, index: om.Index) -> None:
        self.index = index
        self.generation = index.generation
        self.ids = lesson_ids(index)
        self.lessons = {i: index.lesson(i) for i in self.ids}
        self.best = {i: index.best_version(i, "de-AT").language for i in self.ids}
        self.extras = {i for i in self.ids if "/1" in i}
        assert self.ids == ids_of_generation(self.generation)

    def read(self, n: int) -> None:
        index = self.index
        assert index.generation == self.generation
        lesson_id = self.ids[n % len(self.ids)]
        match n % 4:
            case 0:
                assert lesson_ids(index) == self.ids
            case 1:
                assert index.lesson(lesson_id) == self.lessons[lesson_id]
            case 2:
                version = index.best_version(lesson_id, "de-AT")
                assert version.language == self.best[lesson_id]
                assert version == self.lessons[lesson_id].versions[version.language]
            case _:
                hits = index.search("extraword")
                assert {h.lesson for h in hits} == self.extras
                for hit in index.search("alphaword2"):
                    assert hit.lesson in self.lessons
                    assert hit.title == self.lessons[hit.lesson].versions[hit.language].title


@pytest.mark.slow
def test_readers_keep_their_generation_while_rebuilds_run(tmp_path: Path) -> None:
    corpus = live_corpus(tmp_path / "live")
    path = corpus.index_path
    shared = om.Index.open(path)
    assert shared.generation == 1
    shared_checker = Checker(shared)
    writer_done = threading.Event()
    start = threading.Barrier(33)
    reads_per_thread = 500
    built: list[int] = []

    def pause() -> None:
        if not writer_done.is_set():
            time.sleep(0.002)  # spread the reads over the rebuilds

    def writer() -> None:
        start.wait()
        try:
            for round_ in range(1, 6):
                change_corpus(corpus, round_)
                report = om.build_index(corpus.catalogue())
                assert report.changed
                assert [m.status for m in report.materials] == ["indexed", "unchanged"]
                with om.Index.open(path) as latest:
                    built.append(latest.generation)
        finally:
            writer_done.set()

    def shared_reader() -> int:
        start.wait()
        for n in range(reads_per_thread):
            shared_checker.read(n)
            pause()
        return shared_checker.generation

    def own_reader() -> int:
        start.wait()
        with om.Index.open(path) as index:
            checker = Checker(index)
            for n in range(reads_per_thread):
                checker.read(n)
                pause()
            assert index.generation == checker.generation
            return checker.generation

    def reloading_reader() -> list[int]:
        start.wait()
        index = om.Index.open(path)
        checker = Checker(index)
        seen = [checker.generation]
        try:
            for n in range(reads_per_thread):
                if n % 25 == 24:
                    fresh = index.reload()
                    index.close()
                    index, checker = fresh, Checker(fresh)
                    assert checker.generation >= seen[-1]
                    seen.append(checker.generation)
                checker.read(n)
                pause()
        finally:
            index.close()
        return seen

    try:
        with ThreadPoolExecutor(max_workers=33) as pool:
            writing = pool.submit(writer)
            sharing = [pool.submit(shared_reader) for _ in range(12)]
            owning = [pool.submit(own_reader) for _ in range(12)]
            reloading = [pool.submit(reloading_reader) for _ in range(8)]
            writing.result()
            assert [f.result() for f in sharing] == [1] * 12
            own_generations = [f.result() for f in owning]
            sequences = [f.result() for f in reloading]
    finally:
        shared.close()

    assert built == [2, 3, 4, 5, 6]
    assert all(1 <= g <= 6 for g in own_generations)
    for sequence in sequences:
        assert sequence == sorted(sequence)
    seen = {g for sequence in sequences for g in sequence}
    assert len(seen) > 1, "the readers never overlapped a rebuild"
    with om.Index.open(path) as final:
        assert final.generation == 6
        assert lesson_ids(final) == ids_of_generation(6)


def test_a_snapshot_read_after_a_build_and_after_close_is_its_own_generation(
    tmp_path: Path,
) -> None:
    corpus = Corpus(tmp_path / "lazy")
    repo = corpus.add("alpha", numbered_lessons("alpha", 3))
    corpus.write_catalogue()
    assert corpus.build().ok
    old = om.Index.open(corpus.index_path)
    first = old.lesson("alpha/01-part1")
    repo.write({"04-part4.md": lesson_md("Part 4 of alpha", 4, english("alphaword4"))})
    repo.write({"02-part2.md": lesson_md("Renamed", 2, english("alphaword2"))})
    repo.commit("more", date="2024-02-01T12:00:00+00:00")
    assert corpus.build().index.changed
    old.close()
    with pytest.raises(om.StorageError, match="closed"):
        old.search("alphaword2")
    assert old.lesson("alpha/01-part1") is first
    assert old.lesson("alpha/02-part2").original().title == "Part 2 of alpha"
    assert [lesson.id for lesson in old.lessons()] == [f"alpha/0{n}-part{n}" for n in (1, 2, 3)]
    assert [(i.tag, i.lessons) for i in old.languages()] == [("en", 3)]
    assert old.material("alpha").lessons == 3
    with pytest.raises(om.NotFoundError):
        old.lesson("alpha/04-part4")
    with om.Index.open(corpus.index_path) as new:
        assert new.lesson("alpha/02-part2").original().title == "Renamed"
        assert len(new.lessons()) == 4


def test_search_on_an_old_snapshot_answers_from_its_generation(tmp_path: Path) -> None:
    corpus = Corpus(tmp_path / "old")
    repo = corpus.add("alpha", numbered_lessons("alpha", 2))
    corpus.write_catalogue()
    assert corpus.build().ok
    with om.Index.open(corpus.index_path) as old:
        assert [h.title for h in old.search("alphaword1")] == ["Part 1 of alpha"]
        repo.write({"01-part1.md": lesson_md("Zebra crossing", 1, english("zebraword"))})
        repo.commit("rename", date="2024-02-01T12:00:00+00:00")
        assert corpus.build().index.changed
        assert old.generation == 1
        assert old.lesson("alpha/01-part1").original().title == "Part 1 of alpha"
        assert [(h.lesson, h.title) for h in old.search("alphaword1")] == [
            ("alpha/01-part1", "Part 1 of alpha")
        ]
        assert old.search("zebraword") == []
