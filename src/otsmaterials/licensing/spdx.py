"""Licences the detector knows: SPDX ids, names, deed URLs, and how to recognise them.

Creative Commons licences are built from their parts (``by-sa`` + ``3.0`` + an optional national
port such as ``de``), so every version and port is known: ``creativecommons.org/licenses/by-sa/
3.0/de/`` is ``CC-BY-SA-3.0-DE``. Ports that the SPDX list does not have get a ``LicenseRef-``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "NOASSERTION",
    "KnownLicence",
    "cc_from_parts",
    "from_name",
    "known",
    "lookup",
    "normalize_spdx",
    "refines",
]

NOASSERTION = "NOASSERTION"
"""The SPDX value for "no licence could be determined"."""

_CC_KINDS = {
    "by": "Attribution",
    "by-sa": "Attribution-ShareAlike",
    "by-nd": "Attribution-NoDerivatives",
    "by-nc": "Attribution-NonCommercial",
    "by-nc-sa": "Attribution-NonCommercial-ShareAlike",
    "by-nc-nd": "Attribution-NonCommercial-NoDerivatives",
}
_CC_VERSIONS = ("1.0", "2.0", "2.5", "3.0", "4.0")
# National ports that are on the SPDX licence list (others become LicenseRef- ids).
_SPDX_PORTS = frozenset(
    """CC-BY-2.5-AU CC-BY-3.0-AT CC-BY-3.0-AU CC-BY-3.0-DE CC-BY-3.0-IGO CC-BY-3.0-NL
    CC-BY-3.0-US CC-BY-NC-3.0-DE CC-BY-NC-ND-3.0-DE CC-BY-NC-ND-3.0-IGO CC-BY-NC-SA-2.0-DE
    CC-BY-NC-SA-2.0-FR CC-BY-NC-SA-2.0-UK CC-BY-NC-SA-3.0-DE CC-BY-NC-SA-3.0-IGO CC-BY-ND-3.0-DE
    CC-BY-SA-2.0-UK CC-BY-SA-2.1-JP CC-BY-SA-3.0-AT CC-BY-SA-3.0-DE CC-BY-SA-3.0-IGO""".split()
)
_COUNTRY_NAMES = {
    "de": "Germany",
    "at": "Austria",
    "fr": "France",
    "es": "Spain",
    "nl": "Netherlands",
    "uk": "England and Wales",
    "us": "United States",
    "au": "Australia",
    "ch": "Switzerland",
    "it": "Italy",
    "jp": "Japan",
    "igo": "IGO",
}


@dataclass(frozen=True)
class KnownLicence:
    """A licence the detector can name."""

    spdx: str
    """SPDX id (or ``LicenseRef-…`` for a CC port not on the SPDX list)."""
    name: str
    """Its full name."""
    url: str | None
    """Its deed or text URL."""
    family: str | None = None
    """For Creative Commons: ``by``, ``by-sa`` …; else ``None``."""
    version: str | None = None
    """For Creative Commons: ``3.0``, ``4.0`` …"""
    port: str | None = None
    """For a CC national port: the jurisdiction (``de``)."""

    @property
    def share_alike(self) -> bool:
        """Whether adaptations must keep the licence (BY-SA, BY-NC-SA)."""
        return self.family is not None and self.family.endswith("sa")

    @property
    def open(self) -> bool:
        """Whether it allows commercial use and adaptation (no NC, no ND)."""
        return self.family is None or ("nc" not in self.family and "nd" not in self.family)


def cc_from_parts(kind: str, version: str, port: str | None = None) -> KnownLicence | None:
    """A Creative Commons licence from a deed URL's parts (``by-sa``, ``3.0``, ``de``)."""
    kind, port = kind.lower(), (port or "").lower() or None
    if kind not in _CC_KINDS or version not in (*_CC_VERSIONS, "2.1"):
        return None
    base = f"CC-{kind.upper()}-{version}"
    spdx = base
    name = f"Creative Commons {_CC_KINDS[kind]} {version}"
    url = f"https://creativecommons.org/licenses/{kind}/{version}/"
    if port:
        spdx = f"{base}-{port.upper()}"
        if spdx not in _SPDX_PORTS:
            spdx = f"LicenseRef-{spdx}"
        name = f"{name} {_COUNTRY_NAMES.get(port, port.upper())}"
        url = f"{url}{port}/"
    elif version == "4.0":
        name = f"{name} International"
    elif version in {"3.0", "2.5", "2.0", "1.0"}:
        name = f"{name} Unported" if version == "3.0" else f"{name} Generic"
    return KnownLicence(spdx, name, url, kind, version, port)


_NAMED = {
    "CC0-1.0": (
        "Creative Commons Zero v1.0 Universal",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    "MIT": ("MIT License", "https://opensource.org/license/mit/"),
    "Apache-2.0": ("Apache License 2.0", "https://www.apache.org/licenses/LICENSE-2.0"),
    "BSD-2-Clause": (
        'BSD 2-Clause "Simplified" License',
        "https://opensource.org/license/bsd-2-clause/",
    ),
    "BSD-3-Clause": (
        'BSD 3-Clause "New" or "Revised" License',
        "https://opensource.org/license/bsd-3-clause/",
    ),
    "MPL-2.0": ("Mozilla Public License 2.0", "https://www.mozilla.org/en-US/MPL/2.0/"),
    "ISC": ("ISC License", "https://opensource.org/license/isc-license-txt/"),
    "Unlicense": ("The Unlicense", "https://unlicense.org/"),
    "0BSD": ("BSD Zero Clause License", "https://opensource.org/license/0bsd/"),
    "MIT-0": ("MIT No Attribution", "https://opensource.org/license/mit-0/"),
}
_GNU = {
    "GPL-2.0": ("GNU General Public License v2.0", "old-licenses/gpl-2.0.html"),
    "GPL-3.0": ("GNU General Public License v3.0", "gpl-3.0.html"),
    "LGPL-2.1": ("GNU Lesser General Public License v2.1", "old-licenses/lgpl-2.1.html"),
    "LGPL-3.0": ("GNU Lesser General Public License v3.0", "lgpl-3.0.html"),
    "AGPL-3.0": ("GNU Affero General Public License v3.0", "agpl-3.0.html"),
    "GFDL-1.3": ("GNU Free Documentation License v1.3", "fdl-1.3.html"),
}
_OTHERS = {
    **_NAMED,
    **{
        f"{base}-{suffix}": (f"{name} {words}", f"https://www.gnu.org/licenses/{page}")
        for base, (name, page) in _GNU.items()
        for suffix, words in (("only", "only"), ("or-later", "or later"))
    },
}
_GNU_FAMILIES = ("GPL", "LGPL", "AGPL", "GFDL")


def refines(vague: str, specific: str) -> bool:
    """Whether ``specific`` says more precisely what the vague statement ``vague`` names.

    "CC BY-SA 3.0" (no jurisdiction) is refined by the port ``CC-BY-SA-3.0-DE``; a GNU licence
    whose text does not say "only" or "or later" (``GPL-3.0-only`` by default) by
    ``GPL-3.0-or-later``.
    """
    if vague == specific:
        return False
    cc_vague, cc_specific = lookup(vague), lookup(specific)
    if cc_vague is not None and cc_specific is not None and cc_vague.family:
        return (
            cc_vague.port is None
            and cc_specific.port is not None
            and (cc_vague.family, cc_vague.version) == (cc_specific.family, cc_specific.version)
        )
    base = vague.removesuffix("-only")
    return base != vague and base.startswith(_GNU_FAMILIES) and specific == f"{base}-or-later"


def lookup(spdx: str) -> KnownLicence | None:
    """The licence with this SPDX id (CC ids and ports included), or ``None``."""
    match = re.fullmatch(
        r"(?:LicenseRef-)?CC-(BY(?:-NC)?(?:-SA|-ND)?)-(\d\.\d)(?:-([A-Za-z]{2,3}))?", spdx
    )
    if match:
        return cc_from_parts(match.group(1).lower(), match.group(2), match.group(3))
    for key, (name, url) in _OTHERS.items():
        if key.lower() == spdx.lower():
            return KnownLicence(key, name, url)
    return None


def known(spdx: str) -> KnownLicence:
    """Like :func:`lookup`, but an unknown id still gives a (nameless) licence."""
    return lookup(spdx) or KnownLicence(spdx, spdx, None)


_ALIASES = {
    "gpl-3.0": "GPL-3.0-or-later",
    "gplv3": "GPL-3.0-or-later",
    "gpl-3.0+": "GPL-3.0-or-later",
    "gpl-2.0": "GPL-2.0-or-later",
    "gplv2": "GPL-2.0-or-later",
    "gpl-2.0+": "GPL-2.0-or-later",
    "cc0": "CC0-1.0",
    "apache 2.0": "Apache-2.0",
    "apache-2": "Apache-2.0",
    "mit license": "MIT",
    "public domain": "CC0-1.0",
}
_CC_NAME = re.compile(
    r"\b(?:CC|Creative\s+Commons)[\s-]+(BY(?:[\s-]+NC)?(?:[\s-]+(?:SA|ND))?)[\s-]*(?:v\.?\s*)?"
    r"(\d\.\d)\b(?:[\s-]+(DE|AT|CH|FR|ES|NL|IT|JP|UK|US|AU|IGO)\b)?",
    re.IGNORECASE,
)
_CC_LONG = re.compile(
    r"Creative\s+Commons\s+(?:Legal\s+Code\s+)?Attribution(?:[\s-]+(NonCommercial))?"
    r"(?:[\s-]+(ShareAlike|NoDerivatives|NoDerivs))?\s+(\d\.\d)"
    r"(?:\s+(Germany|Deutschland|Austria|Österreich|France|Netherlands|Spain|IGO))?",
    re.IGNORECASE,
)
_PORT_NAMES = {
    "germany": "de",
    "deutschland": "de",
    "austria": "at",
    "österreich": "at",
    "france": "fr",
    "netherlands": "nl",
    "spain": "es",
    "igo": "igo",
}


def _cc_kind(nc: bool, share: str | None) -> str:
    suffix = {
        "sharealike": "-sa",
        "sa": "-sa",
        "noderivatives": "-nd",
        "noderivs": "-nd",
        "nd": "-nd",
    }.get((share or "").lower(), "")
    return "by" + ("-nc" if nc else "") + suffix


def from_name(text: str) -> KnownLicence | None:
    """A licence from free text or an SPDX id.

    Examples: ``CC BY-SA 3.0``, ``Creative Commons Attribution-ShareAlike 4.0 International``,
    ``GPL-3.0``.
    """
    cleaned = " ".join(text.split())
    found = lookup(cleaned)
    if found is not None:
        return found
    if cleaned.lower() in _ALIASES:
        return lookup(_ALIASES[cleaned.lower()])
    match = _CC_LONG.search(cleaned)
    if match:
        port = _PORT_NAMES.get((match.group(4) or "").lower())
        return cc_from_parts(_cc_kind(bool(match.group(1)), match.group(2)), match.group(3), port)
    match = _CC_NAME.search(cleaned)
    if match:
        parts = re.split(r"[\s-]+", match.group(1).lower())
        share = next((p for p in parts if p in {"sa", "nd"}), None)
        port = match.group(3).lower() if match.group(3) else None
        return cc_from_parts(_cc_kind("nc" in parts, share), match.group(2), port)
    return None


def normalize_spdx(text: str) -> str | None:
    """The SPDX id a free-text or SPDX licence names, or ``None``."""
    found = from_name(text)
    return found.spdx if found else None
