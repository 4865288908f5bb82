"""``stat`` and ``check translations``: how far the translations are, and what they broke.

Both take lesson paths and ``-l`` languages. Exit codes: ``stat`` 0, or 1 with ``--incomplete``
when a catalog is not complete (or missing); ``check translations`` 0 when no finding, 1 with
findings; both 2 for an input error (a catalog that cannot be read, a language without catalogs).
Untranslated and fuzzy messages and missing catalogs measure progress: ``check translations``
counts them as findings only with ``--require-complete`` (or names them with ``--rule``).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import click

from otsmaterials._support.exact import percent_text
from otsmaterials.cli._errors import EXIT_CLEAN, EXIT_FINDINGS
from otsmaterials.cli._i18n import _, current_language, ngettext
from otsmaterials.cli._options import json_option, languages_option, percentage
from otsmaterials.cli._output import echo_json, echo_table, note
from otsmaterials.cli._translator import SCHEMA_VERSION, catalog_languages, workspace_options
from otsmaterials.errors import InputError
from otsmaterials.layouts.base import strip_extension
from otsmaterials.translate import report
from otsmaterials.translate.checks import (
    CHECK_RULES,
    PROGRESS_RULES,
    CheckRule,
    TranslationFinding,
)
from otsmaterials.translate.commands import ExtractOptions
from otsmaterials.translate.report import LessonStat
from otsmaterials.translate.workspace import LessonFile, Workspace

__all__ = ["check_translations_command", "stat_command"]


def _lessons(workspace: Workspace, paths: Sequence[str]) -> list[LessonFile] | None:
    """The lessons named (``None``: all, Sphinx catalogs included).

    In a Sphinx project a page is named by its file or document name (``source/loops.rst``,
    ``loops``) and stands for its catalog in each language.
    """
    if not paths:
        return None
    if not workspace.sphinx:
        return workspace.select(list(paths))
    keys = {key for language in workspace.languages() for key, _ in workspace.catalogs(language)}
    chosen: list[LessonFile] = []
    for given in paths:
        name = strip_extension(Path(given).as_posix()).removeprefix("./")
        found = [key for key in sorted(keys) if name == key or name.endswith(f"/{key}")]
        if not found:
            raise InputError(f"no catalog of this Sphinx project for {given}", path=workspace.root)
        chosen.extend(LessonFile(key, workspace.root / given, given) for key in found[-1:])
    return chosen


def _complete(stat: LessonStat) -> bool:
    return stat.state == "present" and stat.counts.translated == stat.counts.messages


@click.command("stat")
@click.argument("paths", nargs=-1)
@languages_option
@workspace_options
@click.option(
    "--incomplete",
    is_flag=True,
    help="Only catalogs not complete (missing ones included); exit 1 if there are any.",
)
@json_option
def stat_command(
    *,
    paths: tuple[str, ...],
    languages: tuple[str, ...],
    root: Path | None,
    locale_dir: Path | None,
    incomplete: bool,
    as_json: bool,
) -> int:
    """Messages and words translated, fuzzy and untranslated, per lesson and language."""
    workspace = Workspace.open(root, locale_dir=locale_dir)
    chosen = catalog_languages(workspace, languages)
    stats = report.lesson_stats(
        workspace, chosen, ExtractOptions(), lessons=_lessons(workspace, paths)
    )
    if incomplete:
        stats = [s for s in stats if not _complete(s)]
    if as_json:
        documents = [{**s.model_dump(mode="json"), "percent": s.counts.percent} for s in stats]
        echo_json({"schema_version": SCHEMA_VERSION, "lessons": documents})
    else:
        rows = [
            [
                s.lesson,
                s.language,
                f"{s.counts.translated}/{s.counts.messages}",
                str(s.counts.fuzzy),
                str(s.counts.untranslated),
                f"{s.counts.translated_words}/{s.counts.words}",
                percent_text(s.counts.fraction) if s.state != "missing" else _("no catalog"),
            ]
            for s in stats
        ]
        echo_table(["LESSON", "LANG", "MESSAGES", "FUZZY", "UNTRANSLATED", "WORDS", "DONE"], rows)
    _state_notes(stats)
    return EXIT_FINDINGS if incomplete and stats else EXIT_CLEAN


def _state_notes(stats: Sequence[LessonStat]) -> None:
    for stat in stats:
        if stat.state == "missing":
            note(
                _("{lesson} has no {language} catalog: `otsmaterials update` starts it").format(
                    lesson=stat.lesson, language=stat.language
                )
            )
        elif stat.state == "empty":
            note(
                _("warning: {path} has no messages: `otsmaterials update` fills it").format(
                    path=stat.path
                )
            )


_RULES: dict[str, Any] = {"multiple": True, "type": click.Choice(CHECK_RULES)}
"""What ``--rule`` and ``--skip-rule`` take: rule names, repeatable (pofilter's ``-t``, ``-x``)."""


def _rules(
    rules: Sequence[str], skipped: Sequence[str], *, require_complete: bool, min_complete: bool
) -> set[CheckRule]:
    """The rules whose findings count: named ones, else all but progress (unless required)."""
    if rules:
        chosen = {rule for rule in CHECK_RULES if rule in rules}
    else:
        chosen = set(CHECK_RULES) - {"incomplete"}
        if not require_complete:
            chosen -= set(PROGRESS_RULES)
    if min_complete:
        chosen.add("incomplete")
    return chosen - set(skipped)


@click.command("translations")
@click.argument("paths", nargs=-1)
@languages_option
@workspace_options
@click.option("-t", "--rule", "rules", help="Only this rule (repeatable).", **_RULES)
@click.option("-x", "--skip-rule", "skipped", help="Not this rule (repeatable).", **_RULES)
@click.option(
    "--require-complete",
    is_flag=True,
    help="Untranslated and fuzzy messages and missing catalogs are findings too.",
)
@click.option(
    "--min-complete",
    callback=percentage,
    help=(
        "A catalog with less than this percentage of its words translated (0-100, e.g. 99.5) "
        "is a finding; compared exactly, so 3,100 of 3,101 words do not reach 100."
    ),
)
@json_option
def check_translations_command(
    *,
    paths: tuple[str, ...],
    languages: tuple[str, ...],
    root: Path | None,
    locale_dir: Path | None,
    rules: tuple[str, ...],
    skipped: tuple[str, ...],
    require_complete: bool,
    min_complete: Fraction | None,
    as_json: bool,
) -> int:
    """Check translations against their sources (markup, links, code, placeholders …).

    Exit 0 without findings, 1 with findings, 2 for an input error.
    """
    workspace = Workspace.open(root, locale_dir=locale_dir)
    chosen = catalog_languages(workspace, languages)
    locale = None if as_json else current_language()  # JSON stays English, for scripts
    every = report.check_translations(
        workspace,
        chosen,
        locale=locale,
        lessons=_lessons(workspace, paths),
        min_completeness=min_complete,
    )
    counted = _rules(
        rules, skipped, require_complete=require_complete, min_complete=min_complete is not None
    )
    findings = [f for f in every if f.rule in counted]
    progress = [f for f in every if f.rule not in counted and f.rule in PROGRESS_RULES]
    if as_json:
        echo_json(
            {
                "schema_version": SCHEMA_VERSION,
                "findings": [f.model_dump(mode="json") for f in findings],
                "progress": [f.model_dump(mode="json") for f in progress],
            }
        )
    else:
        for finding in findings:
            click.echo(str(finding))
        _summary(len(findings), progress)
    return EXIT_FINDINGS if findings else EXIT_CLEAN


def _summary(count: int, progress: Sequence[TranslationFinding]) -> None:
    summary = ngettext("{count} finding", "{count} findings", count) if count else None
    note(summary.format(count=count) if summary else _("no findings"))
    catalogs = len({item.path for item in progress})
    if catalogs:
        note(
            ngettext(
                "{count} catalog not complete yet (progress, not findings: `otsmaterials stat` "
                "shows it; --require-complete counts it)",
                "{count} catalogs not complete yet (progress, not findings: `otsmaterials stat` "
                "shows them; --require-complete counts them)",
                catalogs,
            ).format(count=catalogs)
        )
