"""The index file: schema version, refusals, incremental rebuilds, failed and killed builds."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest

import otsmaterials as om
import otsmaterials.index.material as material_module
import otsmaterials.index.parsing as parsing_module
import otsmaterials.index.store as store_module
from otsmaterials.index.store import SCHEMA_VERSION

from demo_fixture import (
    Corpus,
    Demo,
    english,
    file_digests,
    lesson_ids,
    lesson_md,
    numbered_lessons,
    pragma,
    table_contents,
)


def copy_index(source: Path, target: Path) -> Path:
    """A consistent copy of an index (SQLite's backup API, WAL content included)."""
    with (
        closing(sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)) as src,
        closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)
    return target


def assert_counts_match_the_search_table(path: Path) -> None:
    """The counts search ranks by are FTS5's: versions per language, versions holding each word."""
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
        languages = connection.execute("SELECT slot, versions FROM search_languages").fetchall()
        assert languages
        stored = {
            (term, slot): versions
            for term, slot, versions in connection.execute(
                "SELECT t.term, c.slot, c.versions FROM search_counts c "
                "JOIN search_terms t ON t.id = c.term"
            )
        }
        assert all(versions > 0 for versions in stored.values())
        terms = [term for (term,) in connection.execute("SELECT term FROM search_terms")]
        for slot, versions in languages:
            first, last = slot << 32, (slot + 1 << 32) - 1
            rows = "rowid BETWEEN ? AND ?"
            (count,) = connection.execute(
                f"SELECT count(*) FROM search WHERE {rows}", (first, last)
            ).fetchone()
            assert count == versions
            for term in terms:
                (holding,) = connection.execute(
                    f"SELECT count(*) FROM search WHERE search MATCH ? AND {rows}",
                    (f'"{term}"', first, last),
                ).fetchone()
                assert stored.get((term, slot), 0) == holding, (term, slot)


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    """Three materials of three lessons each, indexed once (generation 1)."""
    corpus = Corpus(tmp_path / "corpus")
    for ident, topic in (("alpha", "topic-a"), ("beta", "topic-b"), ("gamma", "topic-c")):
        corpus.add(ident, numbered_lessons(ident, 3), topics=[topic])
    corpus.write_catalogue()
    report = corpus.build()
    assert report.ok
    assert [m.status for m in report.index.materials] == ["indexed"] * 3
    assert_counts_match_the_search_table(corpus.index_path)
    return corpus


def change_lessons(corpus: Corpus, ident: str, word: str, *, date: str) -> str:
    """Rewrite every lesson of a material and add one; return the new lesson's id."""
    repo = corpus.repos[ident]
    files = {
        f"{n:02d}-part{n}.md": lesson_md(f"Part {n} of {ident}", n, english(f"{word}{n}"))
        for n in range(1, 4)
    }
    files["04-part4.md"] = lesson_md(f"Part 4 of {ident}", 4, english(f"{word}4"))
    repo.write(files).commit(f"rewrite {ident}", date=date)
    return f"{ident}/04-part4"


# --- the file itself ----------------------------------------------------------------------------


def test_index_file_records_the_schema_version_and_uses_wal(demo: Demo) -> None:
    assert SCHEMA_VERSION == 5
    assert pragma(demo.index, "user_version") == SCHEMA_VERSION
    assert pragma(demo.index, "journal_mode") == "wal"
    assert pragma(demo.index, "quick_check") == "ok"


def test_index_from_a_newer_schema_is_refused_by_readers_and_writers(
    demo: Demo, tmp_path: Path
) -> None:
    newer = copy_index(demo.index, tmp_path / "newer.sqlite")
    with closing(sqlite3.connect(newer)) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(om.StorageError) as caught:
        om.Index.open(newer)
    assert caught.value.path == str(newer)
    assert str(newer) in str(caught.value)
    assert "newer" in str(caught.value)

    catalogue = om.load_catalogue(demo.catalogue)
    with pytest.raises(om.StorageError, match="newer"):
        om.build_index(catalogue, index=newer)
    assert pragma(newer, "user_version") == SCHEMA_VERSION + 1


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(demo: Demo, tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    data = b"this is not an SQLite database, it is a shopping list\n" * 200
    junk.write_bytes(data)
    with pytest.raises(om.StorageError) as caught:
        om.Index.open(junk)
    assert caught.value.path == str(junk)
    assert "not an otsmaterials index (no SQLite database)" in str(caught.value)

    with pytest.raises(om.StorageError):
        om.build_index(om.load_catalogue(demo.catalogue), index=junk)
    assert junk.read_bytes() == data


def test_opening_a_missing_index_says_how_to_build_it(tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here.sqlite"
    with pytest.raises(om.IndexNotBuiltError) as caught:
        om.Index.open(missing)
    assert isinstance(caught.value, om.StorageError)
    assert caught.value.path == str(missing)
    assert "not built yet: run `otsmaterials build`" in str(caught.value)
    assert not missing.exists()


@pytest.mark.parametrize("step", [0, 1, 2, 3])
def test_a_first_build_stopped_while_it_makes_the_schema_leaves_an_index_not_built(
    demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: int
) -> None:
    """The schema is made in steps (the migrations from version 0): stopped at any of them (a
    failure here; Ctrl-C takes the same way out), readers say the index is not built yet, not
    that an older version built it, and the next build makes it."""
    index = tmp_path / "first.sqlite"
    with monkeypatch.context() as patch:
        patch.setitem(store_module._MIGRATIONS, step, "CREATE TABLE broken (")
        with pytest.raises(om.StorageError):
            om.build_index(om.load_catalogue(demo.catalogue), index=index)
    with pytest.raises(om.IndexNotBuiltError, match="not built yet"):
        om.Index.open(index)
    assert om.build_index(om.load_catalogue(demo.catalogue), index=index).ok
    with om.Index.open(index) as opened:
        assert opened.generation == 1


# --- incremental rebuilds -----------------------------------------------------------------------


def test_a_rebuild_with_nothing_new_writes_nothing(corpus: Corpus) -> None:
    tables = table_contents(corpus.index_path)
    before = file_digests(corpus.index_path)

    report = corpus.build()

    assert report.index.changed is False
    assert [(m.id, m.status) for m in report.index.materials] == [
        ("alpha", "unchanged"),
        ("beta", "unchanged"),
        ("gamma", "unchanged"),
    ]
    assert file_digests(corpus.index_path) == before
    assert table_contents(corpus.index_path) == tables
    with om.Index.open(corpus.index_path) as index:
        assert index.generation == 1


def test_a_commit_rereads_only_its_material_and_only_the_touched_file(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    beta = corpus.repos["beta"]
    beta.write(
        {"02-part2.md": lesson_md("Part 2 of beta, revised", 2, english("revisedword"))}
    ).commit("revise part 2", date="2024-02-01T12:00:00+00:00")
    corpus.sync()

    parsed: list[str] = []

    def counting(real):
        def parse(data: bytes, path: str, **options: object) -> object:
            parsed.append(path)
            return real(data, path, **options)

        return parse

    for name in ("parse_document", "read_markdown"):  # Markdown is read by the second
        monkeypatch.setattr(parsing_module, name, counting(getattr(parsing_module, name)))
    report = om.build_index(corpus.catalogue())

    assert report.changed is True
    assert [(m.id, m.status) for m in report.materials] == [
        ("alpha", "unchanged"),
        ("beta", "indexed"),
        ("gamma", "unchanged"),
    ]
    assert report.materials[1].commit == beta.head()
    assert parsed == ["02-part2.md"]
    with om.Index.open(corpus.index_path) as index:
        assert index.generation == 2
        assert index.lesson("beta/02-part2").original().title == "Part 2 of beta, revised"
        assert index.lesson("alpha/02-part2").original().title == "Part 2 of alpha"
        assert [hit.lesson for hit in index.search("revisedword")] == ["beta/02-part2"]
        assert index.search("betaword2") == []
    assert_counts_match_the_search_table(corpus.index_path)


def test_removing_a_material_from_the_catalogue_removes_its_lessons(corpus: Corpus) -> None:
    with om.Index.open(corpus.index_path) as index:
        assert [hit.lesson for hit in index.search("gammaword1")] == ["gamma/01-part1"]
        assert "topic-c" in [t.id for t in index.topics()]

    corpus.write_catalogue(only=["alpha", "beta"])
    report = om.build_index(corpus.catalogue())

    assert report.changed is True
    assert [m.id for m in report.materials] == ["alpha", "beta"]
    with om.Index.open(corpus.index_path) as index:
        assert index.generation == 2
        assert [m.id for m in index.materials()] == ["alpha", "beta"]
        assert not [i for i in lesson_ids(index) if i.startswith("gamma/")]
        assert len(lesson_ids(index)) == 6
        assert index.lessons(material="gamma") == []
        with pytest.raises(om.NotFoundError):
            index.material("gamma")
        with pytest.raises(om.NotFoundError):
            index.lesson("gamma/01-part1")
        assert index.search("gammaword1") == []
        assert [t.id for t in index.topics()] == ["topic-a", "topic-b"]
    assert_counts_match_the_search_table(corpus.index_path)


def search_segments(path: Path) -> int:
    """How many segments FTS5 keeps the search table's words in (a segment's pages have its id
    in the bits above 37 of their rowid in ``search_data``)."""
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
        (segments,) = connection.execute(
            "SELECT count(DISTINCT id >> 37) FROM search_data WHERE id >> 37 > 0"
        ).fetchone()
    return int(segments)


def merging_settings(path: Path) -> dict[str, int]:
    """FTS5's persistent settings of how the search table merges as rows are written."""
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
        return dict(
            connection.execute(
                "SELECT k, v FROM search_config WHERE k IN ('automerge', 'crisismerge')"
            )
        )


FTS5_MERGING = {"automerge": 4, "crisismerge": 16}
"""FTS5's own defaults: what whoever writes the search table after a build finds."""


def built_corpus(root: Path, idents: list[str], lessons: int) -> Corpus:
    """Materials ``idents`` of ``lessons`` numbered lessons each, synced and indexed once."""
    corpus = Corpus(root)
    for ident in idents:
        corpus.add(ident, numbered_lessons(ident, lessons))
    corpus.write_catalogue()
    assert corpus.build().ok
    return corpus


def test_a_full_build_leaves_one_segment_and_fts5_merging_as_it_goes(tmp_path: Path) -> None:
    corpus = built_corpus(tmp_path / "corpus", ["alpha", "beta", "gamma", "delta", "epsilon"], 2)

    assert search_segments(corpus.index_path) == 1
    assert merging_settings(corpus.index_path) == FTS5_MERGING
    assert_counts_match_the_search_table(corpus.index_path)
    with om.Index.open(corpus.index_path) as index:
        assert [hit.lesson for hit in index.search("deltaword2")] == ["delta/02-part2"]


def test_builds_that_change_a_few_materials_merge_the_segments_they_write(
    tmp_path: Path,
) -> None:
    idents = [f"m{n:02d}" for n in range(12)]
    corpus = built_corpus(tmp_path / "corpus", idents, 1)
    assert search_segments(corpus.index_path) == 1

    for build in range(1, 7):  # one lesson of twelve each time: no merging into one segment
        ident = idents[build]
        corpus.repos[ident].write(
            {"01-part1.md": lesson_md(f"Part 1 of {ident}", 1, english(f"changed{build}"))}
        ).commit("change", date=f"2024-02-0{build}T12:00:00+00:00")
        report = corpus.build()
        assert [m.id for m in report.index.materials if m.status == "indexed"] == [ident]

        with om.Index.open(corpus.index_path) as index:
            assert [hit.lesson for hit in index.search(f"changed{build}")] == [f"{ident}/01-part1"]
            assert index.search(f"{ident}word1") == []
        assert merging_settings(corpus.index_path) == FTS5_MERGING
    # six builds wrote six segments: those of a level that held four were merged
    assert search_segments(corpus.index_path) <= 4
    assert_counts_match_the_search_table(corpus.index_path)


# --- failures -----------------------------------------------------------------------------------


def test_a_build_that_fails_midway_leaves_the_previous_index(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    for ident, date in (("alpha", "2024-02-01"), ("beta", "2024-02-02"), ("gamma", "2024-02-03")):
        change_lessons(corpus, ident, f"new{ident}", date=f"{date}T12:00:00+00:00")
    corpus.sync()
    tables = table_contents(corpus.index_path)
    with om.Index.open(corpus.index_path) as index:
        ids = lesson_ids(index)

    calls: list[str] = []
    real = material_module.index_material

    def failing(spec: om.MaterialSpec, *args: object, **kwargs: object) -> object:
        calls.append(spec.id)
        if len(calls) == 2:
            raise sqlite3.OperationalError("disk I/O error")  # the index file's own failure
        return real(spec, *args, **kwargs)

    monkeypatch.setattr(material_module, "index_material", failing)
    with pytest.raises(om.StorageError, match="disk I/O error"):
        om.build_index(corpus.catalogue())
    assert calls == ["alpha", "beta"]

    assert table_contents(corpus.index_path) == tables
    with om.Index.open(corpus.index_path) as index:
        assert index.generation == 1
        assert lesson_ids(index) == ids
        assert "alpha/04-part4" not in ids
        assert index.search("newalpha1") == []
        assert [h.lesson for h in index.search("alphaword1")] == ["alpha/01-part1"]

    monkeypatch.setattr(material_module, "index_material", real)
    report = om.build_index(corpus.catalogue())
    assert [m.status for m in report.materials] == ["indexed"] * 3
    with om.Index.open(corpus.index_path) as index:
        assert index.generation == 2
        assert "alpha/04-part4" in lesson_ids(index)


_KILLED_BUILD = textwrap.dedent(
    """
    import sys
    import time

    import otsmaterials as om

    def progress(event):
        print("progress", event.material, event.status.status, flush=True)
        if event.completed == 4:
            time.sleep(60)  # hold the build here, inside its write transaction, until killed

    om.build_index(om.load_catalogue(sys.argv[1]), progress=progress)
    print("done", flush=True)
    """
)


@pytest.mark.slow
def test_a_build_killed_while_writing_leaves_the_previous_generation(tmp_path: Path) -> None:
    idents = [f"m{n}" for n in range(5)]
    corpus = built_corpus(tmp_path / "big", idents, 3)
    with om.Index.open(corpus.index_path) as index:
        ids = lesson_ids(index)
        assert index.generation == 1
    assert len(ids) == 15

    # Every material gets 12 lessons of ~60 kB: more than SQLite's page cache holds, so the
    # uncommitted transaction spills into the WAL before the build is killed.
    for n, ident in enumerate(idents):
        files = {
            f"{k:02d}-part{k}.md": lesson_md(f"Part {k}", k, english(f"fresh{ident}x{k}", 1000))
            for k in range(1, 13)
        }
        corpus.repos[ident].write(files).commit("grow", date=f"2024-03-{n + 1:02d}T12:00:00Z")
    corpus.sync()
    script = tmp_path / "killed_build.py"
    script.write_text(_KILLED_BUILD, encoding="utf-8")
    wal = Path(f"{corpus.index_path}-wal")

    child = subprocess.Popen(
        [sys.executable, str(script), str(corpus.catalogue_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        lines = [child.stdout.readline() for _ in range(4)]
        wal_size = wal.stat().st_size if wal.exists() else 0
        os.kill(child.pid, signal.SIGKILL)
        rest, errors = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert [line.split()[:3] for line in lines] == [
        ["progress", ident, "indexed"] for ident in idents[:4]
    ], errors
    assert child.returncode == -signal.SIGKILL
    assert "done" not in rest
    assert wal_size > 0, "the killed transaction had written nothing to the WAL yet"

    assert pragma(corpus.index_path, "quick_check") == "ok"
    with om.Index.open(corpus.index_path) as index:
        assert index.generation == 1
        assert lesson_ids(index) == ids
        assert index.search("freshm0x12") == []
        assert [h.lesson for h in index.search("m0word3")] == ["m0/03-part3"]

    report = om.build_index(corpus.catalogue())
    assert report.ok
    with om.Index.open(corpus.index_path) as index:
        assert index.generation == 2
        assert len(lesson_ids(index)) == 5 * 12
        assert [h.lesson for h in index.search("freshm0x12")] == ["m0/12-part12"]


@pytest.mark.parametrize("failing", [1, 3, 4])
def test_a_migration_that_fails_leaves_the_file_as_it_was(
    demo_copy: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: int
) -> None:
    """Every step of a migration commits together: a failure (or an interrupt) in one of them
    leaves a new file unbuilt, not "built by an older version", and an old index as it was."""
    monkeypatch.setitem(store_module._MIGRATIONS, failing, "SELECT no_such_function()")
    catalogue = om.load_catalogue(demo_copy.catalogue)
    fresh = tmp_path / "fresh.sqlite"
    with pytest.raises(om.StorageError):
        om.build_index(catalogue, index=fresh)
    with pytest.raises(om.IndexNotBuiltError):
        om.Index.open(fresh)

    old = copy_index(demo_copy.index, tmp_path / "old.sqlite")
    with closing(sqlite3.connect(old)) as connection, connection:
        connection.execute("PRAGMA user_version = 1")
    tables = table_contents(old)
    with pytest.raises(om.StorageError):
        om.build_index(catalogue, index=old)
    assert table_contents(old) == tables
    assert pragma(old, "user_version") == 1


def test_a_version_1_index_is_migrated_and_every_material_read_again(demo_copy: Demo) -> None:
    """Schema 1 kept the parse cache as text in a WITHOUT ROWID table; 2 compresses it."""
    catalogue = om.load_catalogue(demo_copy.catalogue)
    index_path = demo_copy.index
    with closing(sqlite3.connect(index_path)) as old, old:
        old.execute("DROP TABLE parsed")
        old.execute("DROP INDEX material_blobs_by_blob")
        old.execute(
            "CREATE TABLE parsed (kind TEXT NOT NULL, oid TEXT NOT NULL, value TEXT NOT NULL, "
            "PRIMARY KEY (kind, oid)) WITHOUT ROWID"
        )
        old.execute("INSERT INTO parsed VALUES ('doc-1', 'abc', '{\"error\": \"x\"}')")
        old.execute("PRAGMA user_version = 1")

    report = om.build_index(catalogue)
    assert pragma(index_path, "user_version") == SCHEMA_VERSION
    assert {m.status for m in report.materials} == {"indexed"}
    with om.Index.open(index_path) as index:
        assert len(index.lessons()) == 11
        assert index.generation == 2


OLD_SEARCH_TABLES = {
    2: (
        (
            "CREATE VIRTUAL TABLE search USING fts5 (lesson UNINDEXED, language UNINDEXED, "
            "title, body, tokenize = 'unicode61 remove_diacritics 2')"
        ),
        ("python-sphinx/loops", "de", "Quxold", "quxold"),
    ),
    3: (
        (
            "CREATE VIRTUAL TABLE search USING fts5 (lesson UNINDEXED, language UNINDEXED, "
            "title, body, spellings, tag, prefix = '1 2 3', "
            "tokenize = 'unicode61 remove_diacritics 2')"
        ),
        ("python-sphinx/loops", "de", "Quxold", "quxold", "", "de"),
    ),
}
"""Schema 2 searched title and body only; 3 added the customary spellings (``uebung``), the
language as a word (``tag``) and prefix indexes; 4 gives each language its rowids and lists the
indexed words."""


@pytest.mark.parametrize("version", sorted(OLD_SEARCH_TABLES))
def test_an_older_search_table_is_migrated(demo_copy: Demo, version: int) -> None:
    catalogue = om.load_catalogue(demo_copy.catalogue)
    index_path = demo_copy.index
    create, row = OLD_SEARCH_TABLES[version]
    with closing(sqlite3.connect(index_path)) as old, old:
        for table in ("search", "search_words", "search_terms", "search_languages"):
            old.execute(f"DROP TABLE {table}")
        old.execute(create)
        old.execute(f"INSERT INTO search VALUES ({', '.join('?' * len(row))})", row)
        old.execute(f"PRAGMA user_version = {version}")
    with pytest.raises(om.StorageError, match="older version"):
        om.Index.open(index_path)

    report = om.build_index(catalogue)
    assert pragma(index_path, "user_version") == SCHEMA_VERSION
    assert {m.status for m in report.materials} == {"indexed"}
    with om.Index.open(index_path) as index:
        assert index.search("quxold") == []
        for word in ("schleife", "schleif"):
            assert [h.lesson for h in index.search(word, language="de")] == ["python-sphinx/loops"]
        assert [h.language for h in index.search("introduccion", language="es-CL")] == ["es-CL"]
        assert index.search("introduccion", language="es") == []
        assert {h.language for h in index.search("introduccion")} == {"es-CL"}
        umlauts = {h.lesson for h in index.search("übung", language="de")}
        assert umlauts
        assert {h.lesson for h in index.search("uebung", language="de")} == umlauts
