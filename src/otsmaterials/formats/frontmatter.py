"""Jekyll front matter: the YAML block between a first line ``---`` and the next ``---``/``...``.

The YAML is read with :func:`otsmaterials._support.safeyaml.load_yaml` (no aliases, bounded
depth, no duplicate keys, YAML 1.2 booleans) and then checked key by key. Nothing is coerced: a
title that YAML read as a date, or ``version: 1.10`` read as the number 1.1, is an error, and all
the problems of one front matter are reported together in one
:class:`~otsmaterials.errors.ParseError`. Unknown keys are ignored.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

from otsmaterials._support.model import FrozenModel
from otsmaterials._support.safeyaml import load_yaml
from otsmaterials.errors import LanguageCodeError, ParseError
from otsmaterials.languages.tags import normalize_language

__all__ = ["FrontMatter", "split_front_matter"]

_OPEN = re.compile(r"---[ \t]*")
_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*")
_KEY_LINE = re.compile(r"""(["']?)([A-Za-z_][\w-]*)\1[ \t]*:""")
_SEGMENT = r"[A-Za-z0-9_][A-Za-z0-9_.-]*"
_LESSON_ID = re.compile(rf"{_SEGMENT}(?:/{_SEGMENT})*")


class FrontMatter(FrozenModel):
    """The front matter keys that lessons use, checked; unknown keys are left out."""

    title: str | None = None
    """``title:`` as written (may be empty)."""
    description: str | None = None
    """``description:``."""
    language: str | None = None
    """``lang:`` or ``language:`` as a BCP 47 tag (``no`` stays Norwegian)."""
    tags: tuple[str, ...] = ()
    """``tags:``, a string or a list; not split or normalised here."""
    topics: tuple[str, ...] = ()
    """``topics:``, a string or a list; not split or normalised here."""
    categories: tuple[str, ...] = ()
    """``categories:`` followed by ``category:``; a Jekyll string is not split on spaces here."""
    order: int | None = None
    """``num:`` or ``order:``: the place of the page in its sequence (``999`` means outside)."""
    chapter: str | int | None = None
    """``chapter:`` (Jekyll posts used as chapters)."""
    layout: str | None = None
    """``layout:``."""
    permalink: str | None = None
    """``permalink:``."""
    lesson_id: str | None = None
    """``id:``: a lesson id override, a relative path of slug segments (``core/setup``)."""
    authors: tuple[str, ...] = ()
    """``author:`` followed by ``authors:``."""
    license: str | None = None
    """``license:`` as written (not yet an SPDX identifier)."""
    version: str | None = None
    """``version:``; must be quoted in YAML (``1.10`` would read as 1.1)."""


def split_front_matter(text: str, path: str) -> tuple[FrontMatter | None, str, int]:
    """Split ``text`` into its front matter, its body and the 1-based line where the body starts.

    Without a front matter block the result is ``(None, text, 1)``. An empty block or one whose
    YAML is ``null`` gives an empty :class:`FrontMatter`.
    """
    lines = text.split("\n")
    if not _OPEN.fullmatch(lines[0]):
        return None, text, 1
    close = next((i for i in range(1, len(lines)) if _CLOSE.fullmatch(lines[i])), None)
    if close is None:
        return None, text, 1
    yaml_text = "\n".join(lines[1:close])
    data = load_yaml(yaml_text, path=path, first_line=2)
    front_matter = _validate(data, yaml_text, path, first_line=2)
    return front_matter, "\n".join(lines[close + 1 :]), close + 2


_Check = Callable[[object], object]


def _validate(data: object, yaml_text: str, path: str, first_line: int) -> FrontMatter:
    if data is None:
        return FrontMatter()
    if not isinstance(data, dict):
        raise ParseError(
            f"front matter: expected key: value pairs, got {_describe(data)}",
            path=path,
            line=first_line,
        )
    values: dict[str, object] = {}
    problems: list[tuple[str, str]] = []
    for key, (field, check) in _FIELDS.items():
        if key in data:
            try:
                _merge(values, field, key, check(data[key]))
            except ValueError as error:
                problems.append((key, str(error)))
    if problems:
        raise _schema_error(problems, _key_lines(yaml_text, first_line), path)
    return FrontMatter.model_validate(values)


def _merge(values: dict[str, object], field: str, key: str, value: object) -> None:
    old = values.get(field)
    if isinstance(old, tuple) and isinstance(value, tuple):
        values[field] = old + value
    elif old is not None and value is not None and old != value:
        other = next(k for k, (f, _check) in _FIELDS.items() if f == field and k != key)
        raise ValueError(f"{value!r} disagrees with {other}: {old!r}")
    elif value is not None or field not in values:
        values[field] = value


def _schema_error(problems: list[tuple[str, str]], lines: dict[str, int], path: str) -> ParseError:
    """One error naming every field (and its line), in the order of the lines."""
    problems = sorted(problems, key=lambda problem: lines.get(problem[0], 1 << 30))

    def where(key: str) -> str:
        return f"line {lines[key]}: " if key in lines else ""

    if len(problems) == 1:
        key, problem = problems[0]
        message = f"front matter: {key}: {problem}"
    else:
        listed = "; ".join(f"{where(key)}{key}: {problem}" for key, problem in problems)
        message = f"front matter: {len(problems)} problems: {listed}"
    return ParseError(message, path=path, line=lines.get(problems[0][0]))


def _key_lines(yaml_text: str, first_line: int) -> dict[str, int]:
    """The line of each top-level key, found in the text (the loaded data has no positions)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(yaml_text.split("\n"), start=first_line):
        match = _KEY_LINE.match(line)
        if match is not None:
            lines.setdefault(match[2], number)
    return lines


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()}"
    names = {list: "a list", dict: "a mapping", type(None): "null"}
    return names.get(type(value), f"a {type(value).__name__}")


def _scalar_hint(value: object) -> str:
    return " (quote it)" if isinstance(value, int | float | datetime.date) else ""


def _text(value: object) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"expected a string{_scalar_hint(value)}, got {_describe(value)}")


def _strings(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list):
        raise ValueError(f"expected a string or a list of strings, got {_describe(value)}")
    wrong = [item for item in value if not isinstance(item, str)]
    if wrong:
        raise ValueError(f"expected a list of strings, got a list holding {_describe(wrong[0])}")
    return tuple(value)


def _whole_number(value: object) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise ValueError(f"expected a whole number, got {_describe(value)}")


def _chapter(value: object) -> str | int | None:
    if isinstance(value, str):
        return value
    try:
        return _whole_number(value)
    except ValueError:
        raise ValueError(f"expected a name or a number, got {_describe(value)}") from None


def _language(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"expected a language code, got {_describe(value)}")
    try:
        return normalize_language(value)
    except LanguageCodeError as error:
        raise ValueError(error.message) from None


def _lesson_id(value: object) -> str | None:
    text = _text(value)
    if text is not None and (len(text) > 200 or not _LESSON_ID.fullmatch(text)):
        raise ValueError(
            f"invalid lesson id {text!r}: give a relative path of slug segments (core/setup)"
        )
    return text


_FIELDS: dict[str, tuple[str, _Check]] = {
    "title": ("title", _text),
    "description": ("description", _text),
    "lang": ("language", _language),
    "language": ("language", _language),
    "tags": ("tags", _strings),
    "topics": ("topics", _strings),
    "categories": ("categories", _strings),
    "category": ("categories", _strings),
    "num": ("order", _whole_number),
    "order": ("order", _whole_number),
    "chapter": ("chapter", _chapter),
    "layout": ("layout", _text),
    "permalink": ("permalink", _text),
    "id": ("lesson_id", _lesson_id),
    "author": ("authors", _strings),
    "authors": ("authors", _strings),
    "license": ("license", _text),
    "version": ("version", _text),
}
"""Each front matter key → the FrontMatter field it fills and its check."""
