"""Compile a catalog to ``.mo``: translated entries only (fuzzy ones on request), header kept."""

from __future__ import annotations

from otsmaterials.translate.mo import MoMessage, write_mo
from otsmaterials.translate.po import PoFile

__all__ = ["compile_po"]


def compile_po(catalog: PoFile, *, use_fuzzy: bool = False) -> bytes:
    """The ``.mo`` bytes of ``catalog``; untranslated (and, by default, fuzzy) entries left out."""
    header = "".join(f"{key}: {value}\n" for key, value in catalog.header)
    messages = [MoMessage("", (header,))]
    for entry in catalog.active():
        fuzzy_ok = use_fuzzy and entry.fuzzy and _complete(entry.msgstr, entry.msgstr_plural)
        usable = entry.translated or fuzzy_ok
        if not usable:
            continue
        forms = tuple(entry.msgstr_plural) if entry.msgid_plural is not None else (entry.msgstr,)
        messages.append(MoMessage(entry.msgid, forms, entry.msgctxt, entry.msgid_plural))
    return write_mo(messages)


def _complete(msgstr: str, plurals: list[str]) -> bool:
    return all(plurals) if plurals else bool(msgstr)
