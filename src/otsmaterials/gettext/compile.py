"""Compile a catalog to ``.mo``: translated entries only (fuzzy ones on request), header kept."""

from __future__ import annotations

from otsmaterials.errors import ParseError
from otsmaterials.gettext.catalog import PoFile
from otsmaterials.gettext.mo import MoMessage, check_encodable, write_mo

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
        forms = tuple(entry.msgstr_plural) if entry.msgid_plural is not None else (entry.msgstr,)
        message = MoMessage(entry.msgid, forms, entry.msgctxt, entry.msgid_plural)
        try:
            check_encodable(message)
        except ParseError as error:  # write_mo would refuse it too, without saying where
            raise ParseError(error.message, path=path, line=entry.line) from None
        messages.append(message)
    return write_mo(messages)


def _complete(msgstr: str, plurals: list[str]) -> bool:
    return all(plurals) if plurals else bool(msgstr)
