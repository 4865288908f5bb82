"""``otsmaterials demo``: build the bundled sample catalogue offline and show what it holds."""

from __future__ import annotations

from pathlib import Path

import click

from otsmaterials._support.exact import percent_text
from otsmaterials.catalogue import load_catalogue
from otsmaterials.cli._errors import EXIT_CLEAN, EXIT_FINDINGS
from otsmaterials.cli._i18n import _
from otsmaterials.cli._output import echo_table, note
from otsmaterials.demo import create_demo
from otsmaterials.index.query import Index
from otsmaterials.pipeline import build

__all__ = ["demo_command"]


def lesson_matrix(index: Index) -> tuple[list[str], list[list[str]]]:
    """Lessons × languages with completeness (``·`` where there is no version)."""
    lessons = index.lessons()
    languages = sorted({tag for lesson in lessons for tag in lesson.versions})
    rows = []
    for lesson in lessons:
        cells = []
        for tag in languages:
            version = lesson.versions.get(tag)
            cells.append(
                "·"
                if version is None
                else percent_text(version.completeness)
                + ("*" if tag == lesson.original_language else "")
            )
        rows.append([lesson.id, *cells])
    return ["LESSON", *languages], rows


@click.command("demo")
@click.argument(
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("otsmaterials-demo"),
    required=False,
)
def demo_command(*, directory: Path) -> int:
    """Build the bundled demo catalogue in DIRECTORY (offline) and print lessons × languages.

    DIRECTORY keeps `catalogue.toml`, so every other command can be tried on it:
    `otsmaterials list -c DIRECTORY/catalogue.toml`.
    """
    catalogue_path = create_demo(directory)
    catalogue = load_catalogue(catalogue_path)
    report = build(catalogue)
    headers, rows = lesson_matrix(Index.open(report.index.index))
    echo_table(headers, rows)
    note(
        _("* marks the original. {lessons} lessons in {languages} languages.").format(
            lessons=len(rows), languages=len(headers) - 1
        )
    )
    note(_("Try: otsmaterials list -c {path}").format(path=catalogue_path))
    return EXIT_CLEAN if report.ok else EXIT_FINDINGS
