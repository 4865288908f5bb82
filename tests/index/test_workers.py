"""Worker processes give the same index as one process; bad workers; a locked index."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

import otsmaterials as om
from otsmaterials.cli import main

from demo_fixture import Corpus, english, lesson_md, numbered_lessons, table_contents


@pytest.fixture
def big(tmp_path: Path) -> Corpus:
    """One material with more lesson files than the in-process threshold (64)."""
    corpus = Corpus(tmp_path / "corpus")
    files = numbered_lessons("wide", 90)
    files["broken.md"] = "---\ntitle: [unclosed\n---\n# Broken\n"
    corpus.add("wide", files, topics=["python"])
    corpus.write_catalogue()
    corpus.sync()
    return corpus


def test_two_workers_build_the_same_index_as_one(big: Corpus, tmp_path: Path) -> None:
    one = om.build_index(big.catalogue(), index=tmp_path / "one.sqlite", workers=1)
    two = om.build_index(big.catalogue(), index=tmp_path / "two.sqlite", workers=2)
    assert one.ok
    assert two.ok
    assert [m.lessons for m in two.materials] == [90]  # the broken file is a problem, not a lesson
    assert [p.path for p in two.problems] == [p.path for p in one.problems] == ["broken.md"]
    with (
        om.Index.open(tmp_path / "one.sqlite") as first,
        om.Index.open(tmp_path / "two.sqlite") as second,
    ):
        assert second.export_json() == first.export_json()
        assert len(second.lessons()) == 90
    assert (
        table_contents(tmp_path / "two.sqlite")["parsed"]
        == table_contents(tmp_path / "one.sqlite")["parsed"]
    )


@pytest.fixture
def several(tmp_path: Path) -> Corpus:
    """Three materials of more lesson files than the in-process threshold each: the build sends
    each material's files to the workers while it assembles the one before."""
    corpus = Corpus(tmp_path / "several")
    for number in range(3):
        files = numbered_lessons(f"m{number}", 70 + number)
        files[f"broken-{number}.md"] = "---\ntitle: [unclosed\n---\n# Broken\n"
        corpus.add(f"m{number}", files, topics=["python"])
    corpus.write_catalogue()
    corpus.sync()
    return corpus


def _built_contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table of an index, without the build's time."""
    contents = table_contents(path)
    contents["meta"] = [row for row in contents["meta"] if row[0] != "built_at"]
    return contents


def test_materials_parsed_ahead_build_the_same_index_as_one_process(
    several: Corpus, tmp_path: Path
) -> None:
    one = om.build_index(several.catalogue(), index=tmp_path / "one.sqlite", workers=1)
    two = om.build_index(several.catalogue(), index=tmp_path / "two.sqlite", workers=2)
    assert one.ok
    assert two.ok
    assert [m.lessons for m in two.materials] == [70, 71, 72]
    assert [p.path for p in two.problems] == [p.path for p in one.problems]
    assert [p.path for p in two.problems] == ["broken-0.md", "broken-1.md", "broken-2.md"]
    assert _built_contents(tmp_path / "two.sqlite") == _built_contents(tmp_path / "one.sqlite")
    with om.Index.open(tmp_path / "two.sqlite") as index:
        assert [hit.lesson for hit in index.search("m2word71")] == ["m2/71-part71"]


def test_materials_read_again_from_the_parse_cache_start_no_workers(
    several: Corpus, tmp_path: Path
) -> None:
    """Every material is indexed again (its state forgotten), every file's parse is stored: the
    files looked up before they would be sent are found, nothing goes to a worker process."""
    index = tmp_path / "again.sqlite"
    assert om.build_index(several.catalogue(), index=index, workers=1).ok
    before = _built_contents(index)
    with closing(sqlite3.connect(index)) as connection, connection:
        connection.execute("UPDATE materials SET state = ''")
    children: list[int] = []

    def count_workers(progress: om.IndexProgress) -> None:
        children.extend(child.pid or 0 for child in multiprocessing.active_children())

    again = om.build_index(several.catalogue(), index=index, workers=2, progress=count_workers)
    assert [m.status for m in again.materials] == ["indexed"] * 3
    assert children == []
    after = _built_contents(index)
    assert after["meta"] != before["meta"]  # a new generation
    assert {k: v for k, v in after.items() if k != "meta" and not k.startswith("search")} == {
        k: v for k, v in before.items() if k != "meta" and not k.startswith("search")
    }


def _german(word: str) -> str:
    return " ".join([f"Dieser Teil der Lektion handelt von {word} und davon, wie es geht."] * 12)


@pytest.fixture(params=["de", "en"])
def two_folders(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Corpus, str]:
    """``de/`` and ``en/`` folders of 70 lessons each; the first committed is the original,
    stated nowhere (the catalogue's default, English, is all the workers can go by).

    The workers ask the language of the pages placed in a language other than the catalogue's
    default; the build's process asks the others' where a decision needs them. ``en/05`` is in
    German: with a German original it is no translation (its language decides that).
    """
    first, second = (request.param, "en" if request.param == "de" else "de")
    texts = {"de": _german, "en": english}

    def folder(language: str) -> dict[str, str]:
        return {
            f"{language}/{n:02d}-part{n}.md": lesson_md(
                f"Part {n} ({language})", n, texts[language](f"thing{n}")
            )
            for n in range(1, 71)
        }

    corpus = Corpus(tmp_path / f"{first}-first")
    repo = corpus.add("folders", folder(first), topics=["python"])
    later = folder(second)
    if first == "de":
        later["en/05-part5.md"] = lesson_md("Part 5 (en)", 5, _german("thing5"))
    repo.write(later).commit("the translation", date="2024-02-01T12:00:00+00:00")
    corpus.write_catalogue()
    corpus.sync()
    return corpus, first


def test_languages_the_workers_did_not_ask_are_asked_by_the_build(
    two_folders: tuple[Corpus, str], tmp_path: Path
) -> None:
    corpus, original = two_folders
    one = om.build_index(corpus.catalogue(), index=tmp_path / "one.sqlite", workers=1)
    two = om.build_index(corpus.catalogue(), index=tmp_path / "two.sqlite", workers=2)
    assert one.ok
    assert two.ok
    assert [(p.path, p.message) for p in two.problems] == [
        (p.path, p.message) for p in one.problems
    ]
    with (
        om.Index.open(tmp_path / "one.sqlite") as first,
        om.Index.open(tmp_path / "two.sqlite") as second,
    ):
        assert second.export_json() == first.export_json()
        lessons = second.lessons()
    assert len(lessons) == 70
    assert {lesson.original_language for lesson in lessons} == {original}
    if original == "de":  # the workers' guess was wrong: the build asked the English pages
        assert [p.path for p in two.problems] == ["en/05-part5.md"]
        assert "not a translation into English" in two.problems[0].message
        assert sum("en" in lesson.versions for lesson in lessons) == 69
    else:
        assert not two.problems
        assert all("de" in lesson.versions for lesson in lessons)
    built = {tmp_path / "one.sqlite": {}, tmp_path / "two.sqlite": {}}
    for path, contents in built.items():
        contents.update(_built_contents(path))
        del contents["parsed"]  # which pages' language is stored depends on who asked
    assert built[tmp_path / "two.sqlite"] == built[tmp_path / "one.sqlite"]


def test_files_over_the_size_limit_are_reported_alike_when_parsed_ahead(tmp_path: Path) -> None:
    """Files over the lesson limit, under and over the limit of the licence headers' reading
    (which reads them first when a material is indexed in one process)."""
    corpus = Corpus(tmp_path / "large")
    for number in range(2):
        files = numbered_lessons(f"big{number}", 70)
        paragraph = "Words of a very long lesson. " * 20 + "\n\n"
        files["large.md"] = "# Large\n\n" + paragraph * 500  # 300 kB: over 256 KiB
        files["huge.md"] = "# Huge\n\n" + paragraph * 1000  # 600 kB: over 512 KiB too
        corpus.add(f"big{number}", files, topics=["python"])
    corpus.write_catalogue()
    corpus.sync()
    one = om.build_index(corpus.catalogue(), index=tmp_path / "one.sqlite", workers=1)
    two = om.build_index(corpus.catalogue(), index=tmp_path / "two.sqlite", workers=2)
    assert sorted(p.path or "" for p in one.problems) == [
        "huge.md",
        "huge.md",
        "large.md",
        "large.md",
    ]
    assert [(p.material, p.path, p.message) for p in two.problems] == [
        (p.material, p.path, p.message) for p in one.problems
    ]
    assert _built_contents(tmp_path / "two.sqlite") == _built_contents(tmp_path / "one.sqlite")


def test_workers_killed_while_files_wait_for_them_leave_the_rest_parsed_here(
    several: Corpus, tmp_path: Path
) -> None:
    """The workers die when the first material is done: the second's files were sent to them
    (parsed, or being parsed, or being written back), the third's go to fresh processes."""
    killed: list[int] = []

    def kill_workers(progress: om.IndexProgress) -> None:
        if progress.completed == 1:  # maybe while a worker writes its results: no matter
            for child in multiprocessing.active_children():
                if child.pid is not None:
                    os.kill(child.pid, signal.SIGKILL)
                    killed.append(child.pid)

    one = om.build_index(several.catalogue(), index=tmp_path / "one.sqlite", workers=1)
    two = om.build_index(
        several.catalogue(), index=tmp_path / "two.sqlite", workers=2, progress=kill_workers
    )
    assert killed
    assert two.ok
    assert [m.lessons for m in two.materials] == [m.lessons for m in one.materials]
    assert [p.path for p in two.problems] == [p.path for p in one.problems]
    assert _built_contents(tmp_path / "two.sqlite") == _built_contents(tmp_path / "one.sqlite")


KILLER = """
import multiprocessing, os, signal, sys, threading, time
import otsmaterials as om

def kill(times):
    for _ in range(times):
        time.sleep(0.1)
        for child in multiprocessing.active_children():
            os.kill(child.pid, signal.SIGKILL)

if __name__ == "__main__":
    threading.Thread(target=kill, args=(int(sys.argv[3]),), daemon=True).start()
    report = om.build_index(om.load_catalogue(sys.argv[1]), index=sys.argv[2], workers=2)
    print(report.model_dump_json())
"""


@pytest.mark.parametrize("kills", [1, 4])
def test_workers_killed_at_any_moment_end_in_a_whole_index(
    several: Corpus, tmp_path: Path, kills: int
) -> None:
    """Whenever the workers die (reading a chunk, parsing, writing results back), the build
    ends: each file is indexed, or, if its process died twice while parsing it, a problem."""
    one = om.build_index(several.catalogue(), index=tmp_path / "one.sqlite", workers=1)
    index = tmp_path / "two.sqlite"
    two, _ = _report_of("-c", KILLER, str(several.catalogue_path), str(index), str(kills))
    assert two.ok
    died = [p for p in two.problems if "end of the parsing process" in p.message]
    assert all(p.message.startswith("unexpected ") for p in died)
    assert sum(m.lessons for m in two.materials) + len(died) == sum(
        m.lessons for m in one.materials
    )
    assert {p.path for p in two.problems} - {p.path for p in died} == {p.path for p in one.problems}
    if not died:
        assert _built_contents(tmp_path / "two.sqlite") == _built_contents(tmp_path / "one.sqlite")


def test_a_script_without_a_main_guard_still_builds(several: Corpus, tmp_path: Path) -> None:
    """Its workers run the script again as they start, and end: the build parses in-process."""
    script = tmp_path / "unguarded.py"
    script.write_text(
        "import sys\n"
        "import otsmaterials as om\n"
        "catalogue, index = sys.argv[1], sys.argv[2]\n"
        "report = om.build_index(\n"
        "    om.load_catalogue(catalogue), index=index, workers=2, lock_timeout=1\n"
        ")\n"
        "print(report.model_dump_json())\n",
        encoding="utf-8",
    )
    index = tmp_path / "index.sqlite"
    report, stderr = _report_of(str(script), str(several.catalogue_path), str(index))
    assert report.ok
    assert [m.lessons for m in report.materials] == [70, 71, 72]
    # each worker ran the script again: its build waited for this one's lock, and failed
    assert "another build has been writing this index" in stderr


def _report_of(*arguments: str) -> tuple[om.IndexReport, str]:
    """The build report a Python process of its own prints (and what it says on stderr)."""
    done = subprocess.run(
        [sys.executable, *arguments], capture_output=True, text=True, timeout=120, check=True
    )
    return om.IndexReport.model_validate_json(done.stdout), done.stderr


def test_workers_below_one_are_refused(big: Corpus) -> None:
    with pytest.raises(ValueError, match="workers must be at least 1"):
        om.build_index(big.catalogue(), workers=0)


def test_the_cli_parses_with_the_workers_asked_for(
    big: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["index", "-c", str(big.catalogue_path), "--workers", "2", "--json", "-q"])
    out = capsys.readouterr().out
    assert code == 0
    assert '"lessons": 90' in out
    assert main(["index", "-c", str(big.catalogue_path), "--workers", "0"]) == 2


def test_build_refuses_bad_workers_before_syncing(big: Corpus, tmp_path: Path) -> None:
    cache = tmp_path / "fresh-cache"
    with pytest.raises(ValueError, match="workers must be at least 1"):
        om.build(big.catalogue(), cache=cache, workers=0)
    assert not cache.exists()


def test_a_build_waiting_too_long_for_another_is_a_locked_error(
    big: Corpus, capsys: pytest.CaptureFixture[str]
) -> None:
    assert om.build_index(big.catalogue()).ok
    index_path = big.index_path
    holder = sqlite3.connect(index_path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        with pytest.raises(om.LockedError, match="another build") as caught:
            om.build_index(big.catalogue(), lock_timeout=0.2)
        assert str(index_path) in str(caught.value)
        code = main(["index", "-c", str(big.catalogue_path), "-q", "--wait", "0.2"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err
    assert code == 1
    assert "otsmaterials: error:" in err
    assert "Traceback" not in err


def test_the_fork_server_starts_with_the_parsers_made() -> None:
    """What the fork server imports (its processes are forked from it) reads a page once: the
    language model is loaded, the Markdown parser made, before the first lesson is sent."""
    script = (
        "import sys\n"
        "import otsmaterials.index.warmup\n"
        "from otsmaterials.formats import markdown\n"
        "from otsmaterials.languages import identify\n"
        "print(identify._model.cache_info().currsize, hasattr(markdown._PER_THREAD, 'parser'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["1", "True"]
    assert done.stderr == ""
