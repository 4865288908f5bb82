"""The ``.po`` model: a catalog (:class:`PoFile`) and its messages (:class:`PoEntry`).

Apart from its reader (:mod:`.reader`) and its writer (:mod:`.writer`): the merge, the
statistics, the checks and the index all work on this model, whatever file it came from.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import overload

__all__ = ["PoEntry", "PoFile", "peek", "timestamp"]


class _LazyList:
    """A list attribute made on first use: a catalog of 100,000 messages holds no empty lists.

    Its class default (``None``) lets the dataclass accept ``None`` or a list in ``__init__``.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self.private = f"_{name}"
        setattr(owner, self.private, None)

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> None: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> list[str]: ...
    def __get__(self, instance: object | None, owner: type | None = None) -> list[str] | None:
        if instance is None:
            return None
        value: list[str] | None = getattr(instance, self.private)
        if value is None:
            value = []
            setattr(instance, self.private, value)
        return value

    def __set__(self, instance: object, value: list[str] | None) -> None:
        setattr(instance, self.private, value)


def peek(instance: object, name: str) -> list[str] | None:
    """A :class:`_LazyList` attribute's list if it was made, without making it."""
    value: list[str] | None = getattr(instance, f"_{name}")
    return value


@dataclass
class PoEntry:
    """One message of a catalog, with its comments (mutable while a catalog is being merged)."""

    msgid: str
    """The source text."""
    msgstr: str = ""
    """The translation (``msgstr[0]`` for a plural message)."""
    msgctxt: str | None = None
    """The message context, if any."""
    msgid_plural: str | None = None
    """The plural source text, if any."""
    msgstr_plural: _LazyList = _LazyList()
    """Translations per plural form (plural messages only): a ``list[str]``."""
    comments: _LazyList = _LazyList()
    """Translator comments (``# …``), without the ``# `` prefix: a ``list[str]``."""
    extracted: _LazyList = _LazyList()
    """Comments for translators from the source (``#. …``): a ``list[str]``."""
    locations: _LazyList = _LazyList()
    """Source references (``#: path:line``), one per item: a ``list[str]``."""
    flags: _LazyList = _LazyList()
    """Flags (``#, fuzzy, python-format``): a ``list[str]``."""
    previous_msgid: str | None = None
    """The msgid this translation was made for (``#| msgid``), kept on fuzzy entries."""
    previous_msgctxt: str | None = None
    """The previous context (``#| msgctxt``)."""
    obsolete: bool = False
    """Whether the entry is obsolete (``#~``): kept for reuse, not shown."""
    line: int = field(default=0, compare=False)
    """The line of the ``msgid`` in the file it was read from (not compared)."""

    @property
    def fuzzy(self) -> bool:
        """Whether the translation needs review."""
        flags = peek(self, "flags")
        return flags is not None and "fuzzy" in flags

    @property
    def translated(self) -> bool:
        """Translated and not fuzzy."""
        if self.fuzzy or self.obsolete:
            return False
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural)
        return bool(self.msgstr)

    def key(self) -> tuple[str | None, str]:
        """What identifies a message in a catalog: ``(msgctxt, msgid)``."""
        return (self.msgctxt, self.msgid)


@dataclass
class PoFile:
    """A parsed catalog: the header, its comment block and the entries, in file order."""

    header: list[tuple[str, str]]
    """Header fields in file order (``Language``, ``Plural-Forms`` …)."""
    header_comments: list[str]
    """The comment lines above the header, ``# Translators:`` block included (without ``#``)."""
    header_flags: list[str]
    """Flags on the header entry (``fuzzy`` on a fresh template)."""
    entries: list[PoEntry]
    """Messages, obsolete ones included (``entry.obsolete``)."""

    def header_value(self, name: str) -> str | None:
        """A header field's value (case-insensitive name)."""
        for key, value in self.header:
            if key.lower() == name.lower():
                return value
        return None

    def active(self) -> list[PoEntry]:
        """The entries that are not obsolete."""
        return [entry for entry in self.entries if not entry.obsolete]

    def copy(self) -> PoFile:
        """A deep enough copy to merge into."""
        return PoFile(
            list(self.header),
            list(self.header_comments),
            list(self.header_flags),
            [
                replace(
                    entry,
                    comments=list(entry.comments),
                    flags=list(entry.flags),
                    locations=list(entry.locations),
                    extracted=list(entry.extracted),
                    msgstr_plural=list(entry.msgstr_plural),
                )
                for entry in self.entries
            ],
        )


def timestamp() -> str:
    """``YYYY-MM-DD HH:MM+0000`` now, or at ``SOURCE_DATE_EPOCH`` (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), tz=UTC) if epoch and epoch.isdigit() else None
    return (moment or datetime.now(tz=UTC)).strftime("%Y-%m-%d %H:%M+0000")
