"""Licences named in running text, Creative Commons and software licences alike.

Creative Commons in its deeds' languages (:mod:`otsmaterials.licensing.ccnames`), and the
licences a material's code may carry ("MIT License", "Apache License, Version 2.0", "GNU General
Public License version 3 … or (at your option) any later version", "3-clause BSD" …).

A name that leaves something open is *vague*: "CC BY-SA 3.0" names no jurisdiction (a port of
the same licence may be meant), a GNU licence without "only" or "or later" is taken as "only"
unless a notice nearby says "or (at your option) any later version".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from otsmaterials.licensing.ccnames import find_cc_names
from otsmaterials.licensing.spdx import KnownLicence, cc_from_parts, lookup

__all__ = ["Named", "named_licences"]

_LATER = re.compile(
    r"(?:at\s+your\s+option\)?,?\s+)?any\s+later\s+version|\bor[\s-]+later\b|\bv?\d(?:\.\d)?\+",
    re.IGNORECASE,
)
_ONLY = re.compile(r"\bversion\s+\d(?:\.\d)?\s+only\b|-only\b", re.IGNORECASE)
_GNU = re.compile(
    r"GNU\s+(?:(?P<lesser>Lesser|Library)\s+|(?P<affero>Affero)\s+)?General\s+Public\s+"
    r"Licen[cs]e\s*,?\s*(?:\((?:A|L)?GPL\)\s*,?\s*)?"
    r"(?:as\s+published\s+by\s+the\s+Free\s+Software\s+Foundation\s*[,;]?\s*)?"
    r"(?:(?:either\s+)?version\s*|v\.?\s*)"
    r"(?P<version>[123](?:\.[01])?)"
    r"|\b(?P<short>A?L?GPL)[\s-]?v?(?P<short_version>[123](?:\.[01])?)(?![\d.]*\d)"
    r"|GNU\s+Free\s+Documentation\s+Licen[cs]e\s*,?\s*(?:version\s*|v\.?\s*)(?P<fdl>1\.[123])"
    r"|\bGFDL[\s-]?v?(?P<fdl_short>1\.[123])",
    re.IGNORECASE,
)
_OTHERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\bMIT[\s-]+(?:Licen[cs]e|Lizenz|licencia|licença|licenza)"
            r"|\blicen[cs]ed\s+under\s+(?:the\s+)?(?:terms\s+of\s+the\s+)?MIT\b|\bMIT[\s-]licensed\b"
            r"|\(MIT\)",
            re.IGNORECASE,
        ),
        "MIT",
    ),
    (
        re.compile(
            r"\bApache\s+(?:Software\s+)?(?:Licen[cs]e\s*,?\s*)?(?:Version\s*|v\.?\s*|-)?2(?:\.0)?\b",
            re.IGNORECASE,
        ),
        "Apache-2.0",
    ),
    (
        re.compile(
            r"Mozilla\s+Public\s+Licen[cs]e\s*,?\s*(?:Version\s*|v\.?\s*)?2\.0|\bMPL[\s-]?v?2(?:\.0)?\b",
            re.IGNORECASE,
        ),
        "MPL-2.0",
    ),
    (
        re.compile(
            r"\bBSD[\s-]+3[\s-]+Clause\b|\b3[\s-]+clause\s+BSD\b|\b(?:New|Revised|Modified)\s+BSD\b",
            re.IGNORECASE,
        ),
        "BSD-3-Clause",
    ),
    (
        re.compile(
            r"\bBSD[\s-]+2[\s-]+Clause\b|\b2[\s-]+clause\s+BSD\b|\b(?:Simplified|FreeBSD)\s+BSD\b",
            re.IGNORECASE,
        ),
        "BSD-2-Clause",
    ),
    (re.compile(r"\bISC\s+Licen[cs]e\b", re.IGNORECASE), "ISC"),
    (re.compile(r"\bthe\s+Unlicense\b|\bUnlicense\b(?!d)"), "Unlicense"),
    (
        re.compile(r"\bCC0(?:[\s-]*(?:1\.0|v1))?\b|Creative\s+Commons\s+Zero", re.IGNORECASE),
        "CC0-1.0",
    ),
)


@dataclass(frozen=True)
class Named:
    """A licence named in a text."""

    licence: KnownLicence
    """What it names (for a vague name: the likeliest reading)."""
    start: int
    """Where the name starts in the text."""
    vague: bool
    """Whether a more precise statement elsewhere may say which licence is meant."""
    title: bool = False
    """Whether the text is only the name: the title line of a Creative Commons legal code."""


def named_licences(text: str, *, whole_line: bool = False) -> list[Named]:
    """Every licence named in ``text`` (normalised), in order.

    ``whole_line``: ``text`` is one line; a bare Creative Commons title ("Attribution-ShareAlike
    4.0 International") is then a name too.
    """
    found: list[Named] = []
    for name in find_cc_names(text, whole=whole_line):
        licence = cc_from_parts(name.kind, name.version, name.port)
        if licence is not None:
            vague = not name.explicit and name.version != "4.0"
            found.append(Named(licence, name.start, vague, whole_line and name.bare))
    found.extend(_gnu(text))
    for pattern, spdx in _OTHERS:
        for match in pattern.finditer(text):
            licence = lookup(spdx)
            if licence is not None:
                found.append(Named(licence, match.start(), vague=False))
                break
    return sorted(found, key=lambda named: named.start)


def _gnu(text: str) -> list[Named]:
    found = []
    later, only = _LATER.search(text), _ONLY.search(text)
    for match in _GNU.finditer(text):
        if match["fdl"] or match["fdl_short"]:
            family, version = "GFDL", match["fdl"] or match["fdl_short"]
        elif match["short"]:
            family, version = match["short"].upper(), match["short_version"]
        else:
            family = "LGPL" if match["lesser"] else "AGPL" if match["affero"] else "GPL"
            version = match["version"]
        version = version if "." in version else f"{version}.0"
        if family == "LGPL" and version == "2.0":
            version = "2.1" if "2.1" in match.group(0) else version
        own_later = "+" in text[match.end() : match.end() + 2] or bool(
            re.match(r"-or-later", text[match.end() :])
        )
        suffix = "or-later" if own_later or (later and not only) else "only"
        licence = lookup(f"{family}-{version}-{suffix}")
        if licence is not None:
            vague = not (own_later or later or only)
            found.append(Named(licence, match.start(), vague))
    return found
