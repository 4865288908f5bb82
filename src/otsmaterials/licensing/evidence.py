"""Find licence statements in one text: deed links, badges, names, legal-code titles, notices."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from otsmaterials.licensing.spdx import KnownLicence, cc_from_parts, from_name, lookup

__all__ = ["Finding", "find_in_text", "licence_sections"]

_DEED = re.compile(
    r"creativecommons\.org/licen[cs]es/([a-z-]+)/(\d\.\d)(?:/([a-z]{2,3})(?=[/\"'\s)>#]|$))?",
    re.IGNORECASE,
)
_BADGE = re.compile(r"creativecommons\.org/l/([a-z-]+)/(\d\.\d)(?:/([a-z]{2,3}))?/", re.IGNORECASE)
_ZERO = re.compile(r"creativecommons\.org/publicdomain/zero/1\.0", re.IGNORECASE)
_SPDX_HEADER = re.compile(
    r"SPDX-License-Identifier:\s*([A-Za-z0-9.+-]+(?:\s+(?:OR|AND|WITH)\s+[A-Za-z0-9.+-]+)*)"
)
_FULL_TEXTS = (
    (re.compile(r"Permission is hereby granted, free of charge, to any person obtaining"), "MIT"),
    (re.compile(r"GNU GENERAL PUBLIC LICENSE\s+Version 3", re.IGNORECASE), "GPL-3.0-or-later"),
    (re.compile(r"GNU GENERAL PUBLIC LICENSE\s+Version 2", re.IGNORECASE), "GPL-2.0-or-later"),
    (re.compile(r"Apache License,?\s+Version 2\.0", re.IGNORECASE), "Apache-2.0"),
    (re.compile(r"Mozilla Public License,?\s+(?:Version|v\.)\s*2\.0", re.IGNORECASE), "MPL-2.0"),
    (
        re.compile(r"This is free and unencumbered software released into the public domain"),
        "Unlicense",
    ),
    (re.compile(r"CC0 1\.0 Universal", re.IGNORECASE), "CC0-1.0"),
)
_CC_TITLE = re.compile(
    r"^\s*(Attribution(?:-NonCommercial)?(?:-ShareAlike|-NoDerivatives|-NoDerivs)?)\s+(\d\.\d)"
    r"\s+(?:International|Unported|Generic)\s*$"
)
"""The title line of a Creative Commons legal code ("Attribution-ShareAlike 4.0 International")."""
_HEADING_WORDS = re.compile(
    r"licen[cs]e|lizenz|licencia|licença|licence|copyright|urheberrecht", re.IGNORECASE
)


@dataclass(frozen=True)
class Finding:
    """One licence statement found in a text."""

    licence: KnownLicence
    """What it names."""
    line: int
    """The 1-based line."""
    excerpt: str
    """The line, shortened."""
    kind: str
    """``deed-link``, ``badge``, ``name``, ``legal-text`` or ``spdx-header``."""


def _excerpt(line: str) -> str:
    text = " ".join(line.split())
    return text if len(text) <= 160 else f"{text[:157]}…"


def _links(line: str) -> Iterator[tuple[KnownLicence, str]]:
    for pattern, kind in ((_DEED, "deed-link"), (_BADGE, "badge")):
        for match in pattern.finditer(line):
            found = cc_from_parts(match.group(1), match.group(2), match.group(3))
            if found is not None:
                yield found, kind
    zero = lookup("CC0-1.0") if _ZERO.search(line) else None
    if zero is not None:
        yield zero, "deed-link"


def _texts(line: str) -> Iterator[tuple[KnownLicence, str]]:
    header = _SPDX_HEADER.search(line)
    named = (lookup(header.group(1)) or from_name(header.group(1))) if header else None
    if named is not None:
        yield named, "spdx-header"
    for pattern, spdx in _FULL_TEXTS:
        known = lookup(spdx) if pattern.search(line) else None
        if known is not None:
            yield known, "legal-text"


def _line_findings(line: str) -> Iterator[tuple[KnownLicence, str]]:
    yield from _links(line)
    yield from _texts(line)
    bare = _CC_TITLE.match(line)
    title = cc_from_parts(_kind_of(bare.group(1)), bare.group(2)) if bare else None
    if title is not None:
        yield title, "legal-text"
        return
    named = from_name(line) if re.search(r"\d\.\d", line) else None
    if named is not None:
        yield named, "name"


def _kind_of(title: str) -> str:
    """``Attribution-NonCommercial-ShareAlike`` → ``by-nc-sa``."""
    parts = ["by"]
    lowered = title.lower()
    if "noncommercial" in lowered:
        parts.append("nc")
    if "sharealike" in lowered:
        parts.append("sa")
    elif "noderiv" in lowered:
        parts.append("nd")
    return "-".join(parts)


def find_in_text(text: str, *, first_line: int = 1) -> list[Finding]:
    """Every licence statement in ``text``, at most one per licence and kind, in line order.

    A statement split over two lines ("GNU GENERAL PUBLIC LICENSE" / "Version 3") is found at
    the line where it starts.
    """
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    lines = text.splitlines()
    alone = [list(dict.fromkeys(_line_findings(line))) for line in lines]
    for index, line in enumerate(lines):
        found = list(alone[index])
        if index + 1 < len(lines) and line.strip():
            joined = _line_findings(f"{line.strip()} {lines[index + 1].strip()}")
            found += [
                f for f in dict.fromkeys(joined) if f not in found and f not in alone[index + 1]
            ]
        for licence, kind in found:
            named_already = kind == "name" and (licence.spdx, "legal-text") in seen
            if (licence.spdx, kind) not in seen and not named_already:
                seen.add((licence.spdx, kind))
                findings.append(Finding(licence, index + first_line, _excerpt(line), kind))
    return findings


def licence_sections(text: str) -> list[tuple[int, str]]:
    """The licence sections of a README as ``(first line, text)``.

    A section runs from a heading that names a licence or copyright to the next heading
    (Markdown ``#`` or reST underlines).
    """
    lines = text.splitlines()
    headings = [i for i, line in enumerate(lines) if _is_heading(lines, i)]
    sections = []
    for position, start in enumerate(headings):
        if not _HEADING_WORDS.search(lines[start].lstrip("#").strip()):
            continue
        end = headings[position + 1] if position + 1 < len(headings) else len(lines)
        sections.append((start + 1, "\n".join(lines[start:end])))
    return sections


def _is_heading(lines: list[str], index: int) -> bool:
    line = lines[index]
    if re.match(r"^#{1,6}\s", line):
        return True
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return bool(line.strip()) and bool(re.fullmatch(r"([=\-~^*#\"'`+])\1{2,}\s*", following))
