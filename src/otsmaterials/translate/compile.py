"""Compile a catalog to ``.mo``: translated entries only (fuzzy ones on request), header kept."""

from __future__ import annotations

from otsmaterials.errors import ParseError
from otsmaterials.translate.mo import MoMessage, write_mo
from otsmaterials.translate.po import PoEntry, PoFile

__all__ = ["compile_po"]


def compile_po(catalog: PoFile, *, use_fuzzy: bool = False, path: str | None = None) -> bytes:
    """The ``.mo`` bytes of ``catalog``; untranslated (and, by default, fuzzy) entries left out.

    A NUL character (or a ``U+0004`` in a msgid), which a ``.mo`` file cannot carry, is a
    :class:`ParseError` naming ``path`` and the message's line.
    """
    header = "".join(f"{key}: {value}\n" for key, value in catalog.header)
    messages = [MoMessage("", (header,))]
    for entry in catalog.active():
        fuzzy_ok = use_fuzzy and entry.fuzzy and _complete(entry.msgstr, entry.msgstr_plural)
        usable = entry.translated or fuzzy_ok
        if not usable:
            continue
        _check_writable(entry, path)
        forms = tuple(entry.msgstr_plural) if entry.msgid_plural is not None else (entry.msgstr,)
        messages.append(MoMessage(entry.msgid, forms, entry.msgctxt, entry.msgid_plural))
    return write_mo(messages)


def _check_writable(entry: PoEntry, path: str | None) -> None:
    """Refuse what a ``.mo`` file cannot carry, naming the catalog and line."""
    keys = [entry.msgid, entry.msgid_plural or "", entry.msgctxt or ""]
    if any("\x00" in text or "\x04" in text for text in keys):
        message = f"msgid {entry.msgid[:40]!r} contains a NUL or \\x04 character"
    elif any("\x00" in text for text in [entry.msgstr, *entry.msgstr_plural]):
        message = f"a translation of {entry.msgid[:40]!r} contains a NUL character"
    else:
        return
    raise ParseError(message + ", which .mo files cannot carry", path=path, line=entry.line)


def _complete(msgstr: str, plurals: list[str]) -> bool:
    return all(plurals) if plurals else bool(msgstr)
