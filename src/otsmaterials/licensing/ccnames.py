"""Names of the Creative Commons licences in the languages of their deeds, and of their ports.

"Namensnennung-Weitergabe unter gleichen Bedingungen 3.0 Deutschland", "Attribution - Partage dans
les Mêmes Conditions 4.0 International", "表示 - 継承 2.1 日本": one pattern reads the licence
elements, the version and the jurisdiction in English, German, French, Spanish, Portuguese,
Italian, Dutch, Polish and Japanese (the wording of the deeds and legal codes, older and newer).
Texts are matched after :mod:`otsmaterials.licensing.normalize` has joined their lines.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["CcName", "find_cc_names", "port_code"]

_SPACE = r"[\s\u00a0\u3000]*"
_ELEMENTS = {
    "by": [
        "Attribution",
        "Namensnennung",
        "Paternité",
        "Paternite",
        "Reconocimiento",
        "Atribución",
        "Atribucion",
        "Atribuição",
        "Atribuicao",
        "Attribuzione",
        "Naamsvermelding",
        "Uznanie autorstwa",
        "表示",
    ],
    "nc": [
        "NonCommercial",
        "Non-Commercial",
        "Non Commercial",
        "Nicht-kommerziell",
        "Nicht kommerziell",
        "Nichtkommerziell",
        "Pas d'Utilisation Commerciale",
        "Pas d’Utilisation Commerciale",
        "NoComercial",
        "No Comercial",
        "Não Comercial",
        "NãoComercial",
        "Uso Não-Comercial",
        "Non commerciale",
        "NietCommercieel",
        "Niet-Commercieel",
        "Niet Commercieel",
        "Użycie niekomercyjne",
        "非営利",
    ],
    "sa": [
        "ShareAlike",
        "Share-Alike",
        "Share Alike",
        "Weitergabe unter gleichen Bedingungen",
        "Partage dans les Mêmes Conditions",
        "Partage à l'identique",
        "Partage à l’identique",
        "Partage des Conditions Initiales à l'Identique",
        "CompartirIgual",
        "Compartir Igual",
        "Licenciamiento Recíproco",
        "CompartilhaIgual",
        "Compartilha Igual",
        "Partilha nos Mesmos Termos",
        "PartilhaIgual",
        "Condividi allo stesso modo",
        "GelijkDelen",
        "Gelijk Delen",
        "Na tych samych warunkach",
        "継承",
    ],
    "nd": [
        "NoDerivatives",
        "NoDerivs",
        "No Derivative Works",
        "No Derivatives",
        "Keine Bearbeitungen",
        "Keine Bearbeitung",
        "Pas de Modification",
        "SinObraDerivada",
        "Sin Obra Derivada",
        "SinDerivadas",
        "Sin Derivadas",
        "SemDerivações",
        "Sem Derivações",
        "Vedada a criação de obras derivadas",
        "Non opere derivate",
        "GeenAfgeleideWerken",
        "Geen Afgeleide Werken",
        "Bez utworów zależnych",
        "改変禁止",
    ],
}
_GENERIC = [
    "International",
    "Internacional",
    "Internazionale",
    "Internationaal",
    "Międzynarodowe",
    "国際",
    "Unported",
    "Generic",
    "Générique",
    "Genérica",
    "Genérico",
    "Generica",
    "Generiek",
    "non transposé",
    "No adaptada",
    "Não Adaptada",
    "非移植",
]
_PORTS = {
    "de": "Germany Deutschland Allemagne Alemania Alemanha Germania Duitsland Niemcy ドイツ",
    "at": "Austria Österreich Autriche Áustria Oostenrijk オーストリア",
    "ch": "Switzerland Schweiz Suisse Svizzera Suiza Suíça Zwitserland Szwajcaria スイス",
    "fr": "France Frankreich Francia França Frankrijk Francja フランス",
    "es": "Spain Spanien Espagne España Espanha Spagna Spanje Hiszpania スペイン",
    "nl": "Netherlands Niederlande Pays-Bas Nederland Holanda Holandia オランダ",
    "it": "Italy Italien Italie Italia Itália Italië Włochy イタリア",
    "jp": "Japan Japon Japón Japão Giappone Japonia 日本",
    "pl": "Poland Polen Pologne Polonia Polónia Polska ポーランド",
    "pt": "Portugal Portogallo Portugalia ポルトガル",
    "br": "Brazil Brasilien Brésil Brasil Brasile Brazilië Brazylia ブラジル",
    "au": "Australia Australien Australie オーストラリア",
    "us": "USA",
    "igo": "IGO",
}
_PORT_PHRASES = {
    "uk": [
        "England and Wales",
        "England & Wales",
        "UK",
        "United Kingdom",
        "Royaume-Uni",
        "Reino Unido",
        "England und Wales",
        "Angleterre et Pays de Galles",
    ],
    "us": ["United States", "Vereinigte Staaten", "États-Unis", "Estados Unidos", "Stati Uniti"],
    "es": ["Países Bajos"],
    "nl": ["Paesi Bassi", "Países Bajos"],
    "scotland": ["Scotland", "Schottland", "Écosse", "Escocia"],
}
_PREFIX = (
    r"(?P<prefix>Creative\s*Commons|CC|クリエイティブ・コモンズ)(?:[\s:,-]+(?:Legal\s+Code\s+)?)?"
)
_LICENCE_WORDS = (
    r"(?:Public\s+)?(?:License|Licence|Lizenz(?:vertrag)?|Licencia|Licença|Licenza|Licentie"
    r"|Licencja|ライセンス)"
)


def _phrase(text: str) -> str:
    """A phrase as a pattern: any spacing, a hyphen or a space between its words."""
    words = re.split(r"[\s-]+", text)
    return r"[\s\u00a0-]*".join(re.sub("['’]", "['’]", re.escape(word)) for word in words)


def _alternatives(phrases: list[str]) -> str:
    return "|".join(_phrase(p) for p in sorted(set(phrases), key=len, reverse=True))


_PORT_LOOKUP: dict[str, str] = {}
for _code, _names in _PORTS.items():
    for _name in _names.split():
        _PORT_LOOKUP[_name.casefold()] = _code
for _code, _phrases in _PORT_PHRASES.items():
    for _name in _phrases:
        _PORT_LOOKUP[" ".join(_name.casefold().split())] = _code

_SEPARATOR = r"[\s\u00a0]*(?:[-–—‐・/,+]|&|and|und|et|y|e)?[\s\u00a0]*"
_OTHER_ELEMENT = "|".join(
    f"(?P<{kind}{{n}}>{_alternatives(words)})" for kind, words in _ELEMENTS.items() if kind != "by"
)
_NAME = re.compile(
    rf"(?:{_PREFIX}{_SPACE}[\s:-]*)?"
    rf"(?P<by>{_alternatives(_ELEMENTS['by'])})"
    + "".join(rf"(?:{_SEPARATOR}(?:{_OTHER_ELEMENT.format(n=n)}))?" for n in (1, 2))
    + rf"[\s,:-]*(?:v\.?|Version|Versión|Versão|Versione|Versie|Wersja)?{_SPACE}"
    r"(?P<version>[1-4]\.[015])"
    rf"(?:[\s,-]*(?:(?P<generic>{_alternatives(_GENERIC)})"
    rf"|(?P<port>{_alternatives(list(_PORT_LOOKUP))})))?"
    rf"(?P<suffix>[\s,)\]-]*{_LICENCE_WORDS})?",
    re.IGNORECASE,
)


_CODES = "DE|AT|CH|FR|ES|NL|IT|JP|PL|PT|BR|UK|US|AU|IGO"
_SHORT = re.compile(
    r"(?<![\w-])CC[\s-]+BY(?P<nc>[\s-]+NC)?(?:[\s-]+(?P<share>SA|ND))?[\s-]*(?:v\.?\s*)?"
    rf"(?P<version>[1-4]\.[015])(?!\w|\.\d)(?:[\s-]+(?:(?P<code>{_CODES})\b"
    rf"|(?P<generic>{_alternatives(_GENERIC)})|(?P<port>{_alternatives(list(_PORT_LOOKUP))})))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CcName:
    """A Creative Commons licence named in a text."""

    kind: str
    """``by``, ``by-sa``, ``by-nc-nd`` …"""
    version: str
    """``3.0`` …"""
    port: str | None
    """The jurisdiction of a national port (``de``), if one is named."""
    explicit: bool
    """Whether the name says which jurisdiction (a port, or International/Unported/Generic)."""
    start: int
    """Where the name starts in the text searched."""
    end: int
    """Where it ends."""
    bare: bool = False
    """Whether it stands alone: neither "Creative Commons" before it nor "License" after it."""


def port_code(name: str) -> str | None:
    """``Deutschland`` → ``de``; ``England and Wales`` → ``uk``."""
    folded = " ".join(unicodedata.normalize("NFC", name).casefold().split())
    return _PORT_LOOKUP.get(folded) or _PORT_LOOKUP.get(folded.replace("-", " "))


def find_cc_names(text: str, *, whole: bool = False) -> list[CcName]:
    """Every Creative Commons licence named in ``text`` (normalised, see the module).

    A name needs "Creative Commons"/"CC" before it or "License"/"Lizenz"/… after it, unless
    ``whole``: the text is one line that is only the name (the title of a legal code).
    """
    found = []
    for match in _NAME.finditer(text):
        bare = not (match["prefix"] or match["suffix"])
        if bare and (not whole or match.group(0).strip() != text.strip()):
            continue
        elements = {
            kind
            for kind in ("nc", "sa", "nd")
            for n in (1, 2)
            if match.groupdict().get(f"{kind}{n}")
        }
        if {"sa", "nd"} <= elements:
            continue
        kind = "-".join(["by", *(k for k in ("nc", "sa", "nd") if k in elements)])
        port = port_code(match["port"]) if match["port"] else None
        explicit = bool(port or match["generic"])
        found.append(
            CcName(kind, match["version"], port, explicit, match.start(), match.end(), bare)
        )
    for match in _SHORT.finditer(text):
        if any(name.start <= match.start() < name.end for name in found):
            continue
        kind = "by" + ("-nc" if match["nc"] else "")
        kind += f"-{match['share'].lower()}" if match["share"] else ""
        port = (match["code"] or "").lower() or (
            port_code(match["port"]) if match["port"] else None
        )
        explicit = bool(port or match["generic"])
        found.append(CcName(kind, match["version"], port, explicit, match.start(), match.end()))
    return sorted(found, key=lambda name: name.start)
