"""Choose the best available translation for a reader: language negotiation on CLDR data.

``negotiate(accept, available)`` takes what a reader accepts (an HTTP ``Accept-Language`` header
such as ``"de-AT,de;q=0.9,en;q=0.5"`` or a list such as ``["de-AT", "fr;q=0.8"]``) and the BCP 47
tags a lesson is available in, and returns one of ``available`` exactly as written there, or
``None`` when nothing acceptable matches (the caller then falls back to the original language).

Babel's ``negotiate_locale`` only compares tags and their bare language, so ``pt`` finds nothing
among ``pt-BR``, ``no`` does not find ``nb`` and ``zh-TW`` gets ``zh`` (the wrong script). Here
every tag is first expanded with CLDR data: the language is canonicalised (``iw`` → ``he``,
``in`` → ``id``, ``ji`` → ``yi``, ``tl`` → ``fil``, ``mo`` → ``ro`` from Babel's language aliases,
and ``no`` → ``nb`` from a small table), and the script comes from the tag, ``Locale.parse`` or
CLDR likely subtags (``zh-TW`` is ``zh-Hant-TW``, ``sr`` is ``sr-Cyrl``, ``sr-ME`` is
``sr-Latn-ME``).

The requested ranges are tried in order of preference (q descending, stable for equal q); the
first range that matches anything decides. For one range, a candidate has the same language AND
the same script (never ``zh-Hans`` for ``zh-TW``); failing that, CLDR's languageMatching data
(``common/supplemental/languageInfo.xml``, which Babel does not ship: the tables below) gives
the same language in a script its readers also read (Serbian: ``sr-Latn`` ⇔ ``sr-Cyrl``), then a
related language, nearest first (``nn`` → ``nb``, ``da`` → ``no``, ``gsw`` → ``de``,
``hr`` ⇔ ``bs``). CLDR's one-way fallbacks to a language of wider communication (``cy`` → ``en``)
are left out. Among the candidates the best is, in this order:

1. the same tag (case-insensitive: ``pt-br`` = ``pt-BR``), then an equivalent one (``zh-TW`` =
   ``zh-Hant-TW``, ``iw`` = ``he``, ``no`` = ``nb``, ``zh`` = ``zh-Hans``);
2. a tag with the requested region;
3. a tag with the requested variants (none, usually: ``de`` prefers ``de-DE`` to ``de-1996``, as
   a variant is often a dialect or an older spelling);
4. the tag whose CLDR parent chain meets the request's soonest: ``es-AR`` → ``es-419`` → ``es``
   gives ``es-419``, then a child of ``es-419`` (``es-CL``), then ``es``; ``en-AU`` → ``en-001``
   → ``en``; ``pt-AO`` → ``pt-PT`` → ``pt``; ``zh-Hant-MO`` → ``zh-Hant-HK`` → ``zh-Hant``;
5. CLDR's region groups (languageMatching's ``$americas`` for Spanish and Portuguese, ``$enUS``,
   ``$maghreb``, ``$cnsar``): a region of the request's group before another (``ar-MA`` gets
   ``ar-TN``, ``en-CA`` gets ``en-US``);
6. the shorter way from the tag up to that meeting point;
7. CLDR's paradigm locales (``en``, ``en-GB``, ``es``, ``es-419``, ``pt-BR``, ``pt-PT``);
8. the tag whose region is the likely region of the language and script (``pt`` among
   ``pt-PT``, ``pt-BR`` gets ``pt-BR``, as CLDR maximises ``pt`` to ``pt-Latn-BR``);
9. alphabetical order of the BCP 47 form, for determinism (never the order of ``available``).

A range with ``q=0`` means "not acceptable": it removes every available tag it covers (same
language; same script, region and variants where the range names them), except a tag that a range
with ``q > 0`` names exactly. ``*`` accepts anything, but only when no range matched and ``*`` has
``q > 0``; the first acceptable tag in alphabetical order is chosen.

Parsing is lenient: malformed parts of a header (``de;q=abc``, empty parts, ``;;``, parameters
other than one ``q``) are ignored, as are ranges whose language is not a valid, known one. A range
that CLDR does not know as a whole (``fr-US``, ``en-US-x-private``) is shortened subtag by subtag,
as in RFC 4647 lookup, until it is known (``fr``, ``en-US``); a ``q=0`` range is never shortened,
as that would widen the exclusion. Only the first 64 non-empty ranges are read, and tags longer
than 64 characters are invalid. Invalid tags in ``available`` are ignored and never returned; tags
that differ only in case or spelling (``pt_BR``, ``pt-br``) count once, the first one wins.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from otsmaterials.errors import LanguageCodeError
from otsmaterials.languages.tags import normalize_language

__all__ = ["negotiate", "parse_accept"]

_WILDCARD = "*"
_MAX_RANGES = 64
_MAX_TAG_LENGTH = 64
_QVALUE = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+", re.ASCII)
# Equivalences that CLDR's language aliases do not give (``no`` is the macro-language of ``nb``),
# and the deprecated codes in case an older Babel lacks them; Babel's aliases win where present.
_MACRO_LANGUAGES = {"no": "nb"}
_FALLBACK_ALIASES = {"iw": "he", "in": "id", "ji": "yi", "tl": "fil", "mo": "ro"}

_Base: TypeAlias = tuple[str, str | None, str | None]  # (language, script, region)

# CLDR languageMatching (common/supplemental/languageInfo.xml, ``written_new``, as in CLDR 42),
# the parts Babel does not ship. Languages a reader of another one reads, with CLDR's distance
# (lower is closer), keyed by canonical codes (``no`` is ``nb``, ``sh`` is ``sr-Latn`` here);
# CLDR's one-way fallbacks to a language of wider communication (cy → en, uk → ru, af → nl …)
# are left out on purpose (docs/site-generators.md, "The best version for a reader").
_RELATED: dict[str, dict[str, int]] = {
    "hr": {"bs": 4},
    "bs": {"hr": 4, "sr": 4},
    "sr": {"bs": 4, "hr": 4},
    "gsw": {"de": 4},  # one way: every Swiss German reader reads German
    "lb": {"de": 4},  # one way
    "da": {"nb": 8},
    "nb": {"da": 8, "nn": 10},
    "nn": {"nb": 10},
}
# Scripts a reader of the language reads both of (languageMatching: sr_Latn ⇔ sr_Cyrl, 5).
_SCRIPTS_READ = frozenset({("sr", "Latn", "Cyrl"), ("sr", "Cyrl", "Latn")})
# Region groups (languageMatching's matchVariables): two regions in the same group are closer
# than two in different groups; languages without groups treat all regions alike.
_AMERICAS = frozenset(
    "BM CA GL PM US AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC "
    "VG VI BZ CR GT HN MX NI PA SV AR BO BR CL CO EC FK GF GY PE PY SR UY VE 019 419".split()
)
_REGION_GROUPS: dict[tuple[str, str | None], frozenset[str]] = {
    ("ar", None): frozenset({"MA", "DZ", "TN", "LY", "MR", "EH"}),  # $maghreb
    ("en", None): frozenset({"AS", "CA", "GU", "MH", "MP", "PH", "PR", "UM", "US", "VI"}),  # $enUS
    ("es", None): _AMERICAS,
    ("pt", None): _AMERICAS,
    ("zh", "Hant"): frozenset({"HK", "MO"}),  # $cnsar
}
# languageMatching's paradigmLocales: preferred when all else is equal.
_PARADIGMS = frozenset(
    {("en", None), ("en", "GB"), ("es", None), ("es", "419"), ("pt", "BR"), ("pt", "PT")}
)


@dataclass(frozen=True, slots=True)
class _Tag:
    """A valid tag, expanded for matching."""

    tag: str  # BCP 47 form, as normalize_language gives it
    language: str  # canonical language (aliases resolved)
    explicit_script: str | None  # script named by the tag (or its alias)
    script: str | None  # explicit or likely script
    region: str | None
    variants: tuple[str, ...]

    @property
    def base(self) -> _Base:
        return (self.language, self.script, self.region)

    @property
    def key(self) -> tuple[str, str | None, str | None, tuple[str, ...]]:
        return (self.language, self.script, self.region, self.variants)


def parse_accept(accept: str | Sequence[str]) -> list[tuple[str, float]]:
    """The acceptable ranges as ``(BCP 47 tag or "*", q)``, by q descending (stable for equal q).

    ``accept`` is an ``Accept-Language`` header or a list of ranges, each with an optional
    ``;q=``. Malformed parts and invalid tags are dropped; ``q=0`` ranges are kept (they exclude).
    """
    parts = accept.split(",") if isinstance(accept, str) else accept
    nonblank = (part for part in parts if isinstance(part, str) and part.strip())
    ranges = [_parse_range(part) for part in itertools.islice(nonblank, _MAX_RANGES)]
    return sorted(filter(None, ranges), key=lambda item: -item[1])


def negotiate(accept: str | Sequence[str], available: Iterable[str]) -> str | None:
    """The best of ``available`` (as written there) for a reader who accepts ``accept``.

    Returns ``None`` when nothing acceptable matches; see the module documentation for the rules.
    """
    ranges = parse_accept(accept)
    candidates = _acceptable(ranges, _candidates(available))
    for tag, q in ranges:
        if q > 0 and tag != _WILDCARD:
            request = _parse_tag(tag)
            best = None if request is None else _best(request, candidates)
            if best is not None:
                return best
    if candidates and any(tag == _WILDCARD and q > 0 for tag, q in ranges):
        return min(candidates, key=lambda item: (item[0].tag, item[1]))[1]
    return None


# Parsing


def _parse_range(part: str) -> tuple[str, float] | None:
    """One ``tag;q=0.5`` range, or None when it is malformed."""
    tag, *parameters = (piece.strip() for piece in part.split(";"))
    q = 1.0
    if len(parameters) > 1:
        return None
    if parameters:
        name, equals, value = parameters[0].partition("=")
        q_value = _parse_q(value.strip())
        if name.strip().lower() != "q" or not equals or q_value is None:
            return None
        q = q_value
    if tag == _WILDCARD:
        return (_WILDCARD, q)
    normalized = _normalize(tag) if q == 0 else _lookup(tag)
    return None if normalized is None else (normalized, q)


def _parse_q(value: str) -> float | None:
    if len(value) > 16 or _QVALUE.fullmatch(value) is None:
        return None
    q = float(value)
    return q if 0.0 <= q <= 1.0 else None


def _normalize(tag: str) -> str | None:
    if len(tag) > _MAX_TAG_LENGTH:
        return None
    try:
        return normalize_language(tag)
    except LanguageCodeError:
        return None


def _lookup(tag: str) -> str | None:
    """The longest prefix of ``tag`` that is a known tag (``fr-US`` → ``fr``), as in RFC 4647."""
    if len(tag) > _MAX_TAG_LENGTH:
        return None
    subtags = tag.replace("_", "-").split("-")
    for end in range(len(subtags), 0, -1):
        normalized = _normalize("-".join(subtags[:end]))
        if normalized is not None:
            return normalized
    return None


def _candidates(available: Iterable[str]) -> list[tuple[_Tag, str]]:
    """The valid available tags, expanded, with the string to return; first spelling wins."""
    seen: set[str] = set()
    candidates: list[tuple[_Tag, str]] = []
    for written in available:
        parsed = _parse_tag(written) if isinstance(written, str) else None
        if parsed is not None and parsed.tag not in seen:
            seen.add(parsed.tag)
            candidates.append((parsed, written))
    return candidates


def _parse_tag(code: str) -> _Tag | None:
    """``code`` expanded for matching, or None when it is not a valid language tag."""
    return None if len(code) > _MAX_TAG_LENGTH else _expand(code)


@functools.lru_cache(maxsize=4096)
def _expand(code: str) -> _Tag | None:
    tag = _normalize(code)
    if tag is None:
        return None
    subtags = tag.split("-")
    language, rest = subtags[0], subtags[1:]
    script = rest.pop(0) if rest and len(rest[0]) == 4 and rest[0].isalpha() else None
    region = rest.pop(0) if rest and len(rest[0]) in {2, 3} else None
    language, alias_script, alias_region = _canonical_language(language)
    script = script or alias_script
    region = region or alias_region
    return _Tag(
        tag=tag,
        language=language,
        explicit_script=script,
        script=script or _parsed_script(tag) or _likely(language, None, region)[1],
        region=region,
        variants=tuple(rest),
    )


# CLDR data


@functools.lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    aliases: Mapping[str, str] = get_global("language_aliases")
    return {**_FALLBACK_ALIASES, **aliases}


@functools.lru_cache(maxsize=1024)
def _canonical_language(language: str) -> _Base:
    """(language, script, region) that a deprecated or macro-language code stands for."""
    parts = _aliases().get(language, language).split("_")
    canonical = _MACRO_LANGUAGES.get(parts[0], parts[0])
    script = next((part for part in parts[1:] if len(part) == 4), None)
    region = next((part for part in parts[1:] if len(part) in {2, 3}), None)
    return (canonical, script, region)


def _parsed_script(tag: str) -> str | None:
    """The script Babel infers for ``tag`` (it knows ``zh-TW`` is ``zh-Hant-TW``)."""
    try:
        script: str | None = Locale.parse(tag, sep="-").script
    except (ValueError, UnknownLocaleError):
        return None
    return script


@functools.lru_cache(maxsize=1024)
def _likely(language: str, script: str | None, region: str | None) -> _Base:
    """CLDR's "add likely subtags": the fields that are None are filled in where CLDR knows."""
    likely: Mapping[str, str] = get_global("likely_subtags")
    keys = [
        f"{language}_{script}_{region}" if script and region else None,
        f"{language}_{region}" if region else None,
        f"{language}_{script}" if script else None,
        language,
    ]
    for key in filter(None, keys):
        if key in likely:
            _, likely_script, likely_region = _split_identifier(likely[key])
            return (language, script or likely_script, region or likely_region)
    return (language, script, region)


def _split_identifier(identifier: str) -> _Base:
    parts = identifier.split("_")
    script = next((part for part in parts[1:] if len(part) == 4), None)
    region = next((part for part in parts[1:] if len(part) in {2, 3}), None)
    return (parts[0], script, region)


def _parent(base: _Base) -> _Base | None:
    """The CLDR parent of a regional tag (``es-MX`` → ``es-419``), None for a bare language."""
    language, script, region = base
    if region is None:
        return None
    exceptions: Mapping[str, str] = get_global("parent_exceptions")
    identifiers = [f"{language}_{script}_{region}"] if script else []
    if script == _likely(language, None, None)[1]:
        identifiers.append(f"{language}_{region}")
    for identifier in identifiers:
        if identifier in exceptions:
            parent = exceptions[identifier]
            if parent == "root":
                return None
            parent_language, parent_script, parent_region = _split_identifier(parent)
            return (parent_language, parent_script or script, parent_region)
    return (language, script, None)


@functools.lru_cache(maxsize=1024)
def _chain(base: _Base) -> tuple[_Base, ...]:
    """``base`` and its CLDR parents within the language, always ending with the bare language."""
    chain = [base]
    parent = _parent(base)
    while parent is not None and parent[0] == base[0] and parent not in chain and len(chain) < 8:
        chain.append(parent)
        parent = _parent(parent)
    bare = (base[0], base[1], None)
    if chain[-1] != bare:
        chain.append(bare)
    return tuple(chain)


# Matching


def _acceptable(
    ranges: list[tuple[str, float]], candidates: list[tuple[_Tag, str]]
) -> list[tuple[_Tag, str]]:
    """The candidates that no ``q=0`` range excludes (unless a ``q > 0`` range names them)."""
    parsed = [(_parse_tag(tag), q) for tag, q in ranges if tag != _WILDCARD]
    excluded = [tag for tag, q in parsed if tag is not None and q == 0]
    wanted = {tag.key for tag, q in parsed if tag is not None and q > 0}
    return [
        (tag, written)
        for tag, written in candidates
        if tag.key in wanted or not any(_covers(range_, tag) for range_ in excluded)
    ]


def _covers(range_: _Tag, tag: _Tag) -> bool:
    """Whether ``range_`` (as an exclusion) covers ``tag``: ``de`` covers ``de-AT``."""
    return (
        range_.language == tag.language
        and range_.explicit_script in {None, tag.script}
        and range_.region in {None, tag.region}
        and (not range_.variants or range_.variants == tag.variants)
    )


def _best(request: _Tag, candidates: list[tuple[_Tag, str]]) -> str | None:
    """The best candidate for ``request``, as written; ``None`` when none is close enough.

    First the candidates of the same language and script, then of the same language in a script
    its readers also read (Serbian), then of a related language (by CLDR's distance).
    """
    same = [(tag, written) for tag, written in candidates if tag.language == request.language]
    tiers = [
        [item for item in same if item[0].script == request.script],
        [
            item
            for item in same
            if (request.language, request.script, item[0].script) in _SCRIPTS_READ
        ],
    ]
    for tier in tiers:
        if tier:
            return min(tier, key=lambda item: _rank(request, item[0]))[1]
    related = _RELATED.get(request.language, {})
    readable = [
        (related[tag.language], tag, written)
        for tag, written in candidates
        if tag.language in related and tag.script == request.script
    ]
    if not readable:
        return None
    nearest = min(distance for distance, _, _ in readable)
    return min(
        ((tag, written) for distance, tag, written in readable if distance == nearest),
        key=lambda item: _related_rank(request, item[0]),
    )[1]


def _related_rank(request: _Tag, tag: _Tag) -> tuple[bool, bool, str]:
    """Sort key among a related language's candidates: the reader's region, else the likely one.

    The reader's region is the requested one or the request's likely one (``gsw`` is ``gsw-CH``).
    """
    region = request.region or _likely(request.language, request.script, None)[2]
    default_region = _likely(tag.language, tag.script, None)[2]
    return (tag.region != region, tag.region != default_region, tag.tag)


def _rank(
    request: _Tag, tag: _Tag
) -> tuple[bool, bool, bool, bool, int, int, int, bool, bool, str]:
    """Sort key of a same-language candidate for ``request``: lower is better."""
    requested_chain = _chain(request.base)
    meeting, distance = _meeting_point(requested_chain, _chain(tag.base))
    default_region = _likely(tag.language, tag.script, None)[2]
    return (
        tag.tag != request.tag,
        tag.key != request.key,
        request.region is None or tag.region != request.region,
        tag.variants != request.variants,
        meeting,
        _region_distance(request, tag),
        distance,
        (tag.language, tag.region) not in _PARADIGMS,
        tag.region != default_region,
        tag.tag,
    )


def _region_distance(request: _Tag, tag: _Tag) -> int:
    """CLDR's region distance: 0 the same region, 4 the same group (or no groups), else 5."""
    mine = request.region or _likely(request.language, request.script, None)[2]
    theirs = tag.region or _likely(tag.language, tag.script, None)[2]
    if mine == theirs:
        return 0
    group = _REGION_GROUPS.get((request.language, None)) or _REGION_GROUPS.get(
        (request.language, request.script)
    )
    if group is None:
        return 4
    return 4 if (mine in group) == (theirs in group) else 5


def _meeting_point(requested: tuple[_Base, ...], own: tuple[_Base, ...]) -> tuple[int, int]:
    """(index in ``requested``, index in ``own``) of the first tag of ``own`` in ``requested``."""
    for distance, base in enumerate(own):
        if base in requested:
            return (requested.index(base), distance)
    return (len(requested), len(own))
