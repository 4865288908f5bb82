"""The tables of ``list`` and ``search`` say what the API's models say.

The command line prints them from the index's rows without making the models
(``docs/performance.md``): every filter and language spelling must give the lessons, titles,
languages and hits that ``Index.lessons``, ``Index.best_version`` and ``Index.search`` give.
"""

from __future__ import annotations

import json

import pytest

import otsmaterials as om
from otsmaterials._support.exact import percent_text
from otsmaterials.cli._output import echo_table

from clirun import Run
from demo_fixture import Demo


def rendered(capsys: pytest.CaptureFixture[str], header: list[str], rows: list[list[str]]) -> str:
    """What ``echo_table`` prints for these rows (the layout every table of the CLI has)."""
    capsys.readouterr()
    echo_table(header, rows)
    return capsys.readouterr().out


def list_rows(
    index: om.Index, tag: str | None, topic: str | None, material: str | None
) -> list[list[str]]:
    """``list``'s rows made from the models, titles from ``best_version``."""
    rows = []
    for lesson in index.lessons(language=tag, topic=topic, material=material):
        title = index.best_version(lesson.id, tag).title if tag else lesson.original().title
        cells = [
            f"{t}{'*' if t == lesson.original_language else ''} {percent_text(v.completeness)}"
            for t, v in sorted(lesson.versions.items())
        ]
        rows.append([lesson.id, title, ", ".join(cells)])
    return rows


@pytest.mark.parametrize(
    ("language", "tag", "topic", "material"),
    [
        (None, None, None, None),
        ("de", "de", None, None),
        ("de_DE", "de", None, None),  # a region the index lacks: its language
        ("deu", "de", None, None),
        ("es-cl", "es-CL", None, None),
        ("pt_br", "pt-BR", None, None),
        (None, None, "python", None),
        (None, None, "html", None),
        ("de", "de", "javascript", None),
        (None, None, None, "web-markdown"),
        ("de", "de", None, "python-sphinx"),
        ("nl", "nl", "html", None),
    ],
)
def test_list_prints_the_lessons_of_the_models(
    demo: Demo,
    demo_index: om.Index,
    run: Run,
    capsys: pytest.CaptureFixture[str],
    language: str | None,
    tag: str | None,
    topic: str | None,
    material: str | None,
) -> None:
    argv = ["list", "-c", str(demo.catalogue)]
    argv += ["-l", language] if language else []
    argv += ["--topic", topic] if topic else []
    argv += ["--material", material] if material else []
    code, out, _ = run(*argv)
    assert code == 0
    rows = list_rows(demo_index, tag, topic, material)
    assert rows, "each case lists some lessons"
    assert out == rendered(capsys, ["LESSON", "TITLE", "LANGUAGES"], rows)


@pytest.mark.parametrize(
    ("text", "language", "tag"),
    [
        ("python", None, None),
        ("schleife", "de", "de"),
        ("Schleife", "de_DE", "de"),
        ("uebung", "de", "de"),  # a customary spelling of Übung
        ("introduccion", "es-cl", "es-CL"),
        ("hello", None, None),
        ("variables", "en", "en"),
        ("nothing-like-this", None, None),
    ],
)
def test_search_prints_the_hits_of_the_models(
    demo: Demo,
    demo_index: om.Index,
    run: Run,
    capsys: pytest.CaptureFixture[str],
    text: str,
    language: str | None,
    tag: str | None,
) -> None:
    argv = ["search", text, "-c", str(demo.catalogue), "--limit", "5"]
    argv += ["-l", language] if language else []
    code, out, _ = run(*argv)
    assert code == 0
    hits = demo_index.search(text, language=tag, limit=5)
    assert hits or text == "nothing-like-this"
    rows = [[h.lesson, h.language, h.title, h.snippet.replace("\n", " ")] for h in hits]
    assert out == rendered(capsys, ["LESSON", "LANG", "TITLE", "MATCH"], rows)


def test_the_json_of_list_and_search_is_the_models(
    demo: Demo, demo_index: om.Index, run: Run
) -> None:
    code, out, _ = run("list", "-c", demo.catalogue, "-l", "de", "--json")
    assert code == 0
    assert [x["id"] for x in json.loads(out)["lessons"]] == [
        lesson.id for lesson in demo_index.lessons(language="de")
    ]
    code, out, _ = run("search", "python", "-c", demo.catalogue, "--json")
    assert code == 0
    assert json.loads(out)["hits"] == [
        h.model_dump(mode="json") for h in demo_index.search("python")
    ]
