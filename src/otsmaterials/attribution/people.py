"""Who wrote and who translated: people from git history, front matter and ``.po`` headers.

One person is one entry. ``.mailmap`` is applied first (by git, for commit authors); then
contributions are joined when they share an address, when a GitHub no-reply address
(``12345+login@users.noreply.github.com``) or a login-like name carries the same login, or when
their names are the same (case and accents aside). Names are trimmed of stray punctuation
(``=Name``), a bare address given as a name becomes the address, and the name shown is the full
name the person used most (a login only when no full name is known). Bots and services are left
out (:mod:`otsmaterials.attribution.bots`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from otsmaterials._support.constrained import Count, LanguageTag, NonEmpty
from otsmaterials._support.model import FrozenModel
from otsmaterials.attribution.bots import is_bot

if TYPE_CHECKING:  # a reader of the index does not load the history walk
    from otsmaterials._git.history import Commit

__all__ = [
    "CREDIT_ORDERS",
    "CommitPeople",
    "Contribution",
    "CreditOrder",
    "Person",
    "Role",
    "from_commits",
    "is_bot",
    "merge_people",
    "merged_names",
    "order_names",
    "order_people",
    "parse_person",
    "po_translators",
]

CreditOrder = Literal["name", "contributions"]
"""How credits are listed: alphabetically by name (the default), or most contributions first."""
CREDIT_ORDERS: tuple[CreditOrder, ...] = ("name", "contributions")
Role = Literal["author", "translator"]
"""What a person is credited for."""

_PLACEHOLDERS = re.compile(r"FULL NAME|FIRST AUTHOR|EMAIL@ADDRESS|YOUR NAME", re.IGNORECASE)
_PERSON = re.compile(r"^\s*(?P<name>[^<>,]*?)\s*(?:<(?P<email>[^>]*)>)?\s*(?:,\s*(?P<years>.*))?$")
_ADDRESS = re.compile(r"^[^\s<>@,;]+@[^\s<>@,;]+\.[^\s<>@,;]+$")
_NOREPLY = re.compile(r"^(?:\d+\+)?(?P<login>[^@+]+)@users\.noreply\.github\.com$", re.IGNORECASE)
_LOGIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_STRAY = " \t\"'`=,;:*_#<>|~^"


class Person(FrozenModel):
    """Someone credited for a material, a lesson or a translation."""

    name: NonEmpty
    """The name to show."""
    email: str | None = Field(default=None, exclude=True)
    """An e-mail address: never in ``model_dump`` or the JSON export unless the export is asked
    for it (``export_json(include_emails=True)``)."""
    roles: tuple[Role, ...] = ()
    """``author``, ``translator``."""
    commits: Count = 0
    """Commits counted for this credit."""
    years: tuple[int, ...] = ()
    """Years of their contributions."""
    languages: tuple[LanguageTag, ...] = ()
    """Languages they translated into."""


@dataclass
class Contribution:
    """One piece of credit before identities are merged."""

    name: str
    email: str | None
    role: Role
    commits: int = 0
    years: set[int] = field(default_factory=set)
    language: str | None = None
    times: int = 1
    """How many alike contributions this one stands for (a material's versions that share
    their credits are credited once, this many times)."""


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def clean_name(name: str) -> str:
    """A name without stray punctuation around it (``=Ada Lovelace,`` → ``Ada Lovelace``)."""
    return " ".join(name.split()).strip(_STRAY).strip()


def _name_and_email(name: str, email: str | None) -> tuple[str, str | None]:
    """Cleaned name and address; a bare address given as a name becomes the address."""
    name = clean_name(name)
    email = (email or "").strip().strip("<>").strip() or None
    if _ADDRESS.match(name):
        email = email or name
        name = name.split("@", 1)[0]
    return name, email


CommitPeople = tuple[tuple[str, str | None, int], ...]
"""A commit's people as :func:`from_commits` credits them: name, address and year of each."""


def from_commits(
    commits: Iterable[Commit],
    *,
    role: Role = "author",
    known: dict[str, CommitPeople] | None = None,
) -> list[Contribution]:
    """One contribution per commit author and per ``Co-authored-by`` trailer (bots left out).

    ``known`` keeps each commit's people by commit id across calls (a material's versions share
    their commits: each is read once).
    """
    memo = {} if known is None else known
    found: list[Contribution] = []
    cleaned: dict[tuple[str, str | None], tuple[str, str | None] | None] = {}
    for commit in commits:
        people = memo.get(commit.oid)
        if people is None:
            people = memo[commit.oid] = _commit_people(commit, cleaned)
        found.extend(Contribution(name, email, role, 1, {year}) for name, email, year in people)
    return found


def _commit_people(
    commit: Commit, cleaned: dict[tuple[str, str | None], tuple[str, str | None] | None]
) -> CommitPeople:
    """A commit's people, cleaned (``cleaned`` remembers each name and address's cleaning)."""
    year = datetime.fromtimestamp(commit.timestamp, tz=UTC).year
    raw = [(commit.author, commit.email or None)]
    for trailer in commit.coauthors:
        match = _PERSON.match(trailer)
        if match is not None and match["name"]:
            raw.append((match["name"], match["email"]))
    people = []
    for identity in dict.fromkeys(raw):
        if identity not in cleaned:  # a file's commits are by few people: each cleaned once
            name, email = _name_and_email(*identity)
            cleaned[identity] = (name, email) if name and not is_bot(name, email) else None
        person = cleaned[identity]
        if person is not None:
            people.append((person[0], person[1], year))
    return tuple(people)


def po_translators(
    comments: Iterable[str], last_translator: str | None, language: str
) -> list[Contribution]:
    """Translators named in a catalog's ``# Translators:`` block and ``Last-Translator``."""
    found = []
    block = False
    for comment in comments:
        text = comment.strip()
        if text.lower().startswith("translators:"):
            block = True
            continue
        if block:
            contribution = parse_person(text, "translator", language)
            if contribution is not None:
                found.append(contribution)
    if last_translator:
        contribution = parse_person(last_translator, "translator", language)
        if contribution is not None:
            found.append(contribution)
    return found


def parse_person(text: str, role: Role, language: str | None = None) -> Contribution | None:
    """``Name <address>, 2013, 2014`` as a contribution (``None`` for placeholders and bots)."""
    match = _PERSON.match(text)
    if match is None or not match["name"] or _PLACEHOLDERS.search(text):
        return None
    years = {int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", match["years"] or "")}
    name, email = _name_and_email(match["name"], match["email"])
    if not name or is_bot(name, email):
        return None
    return Contribution(name, email, role, 0, years, language)


def _keys(item: _Same) -> list[str]:
    """What ties a contribution to others of the same person."""
    keys = [f"n:{_fold(item.name)}"]
    if item.email:
        address = item.email.lower()
        noreply = _NOREPLY.match(address)
        keys.append(f"l:{noreply['login'].lower()}" if noreply else f"e:{address}")
    if _LOGIN.match(item.name) and " " not in item.name:
        keys.append(f"l:{item.name.lower()}")
    return keys


@dataclass
class _Same:
    """Contributions with the same name, address, role and language, joined.

    Often one a commit: a lesson's history credits its authors once per commit.
    """

    name: str
    email: str | None
    role: Role
    language: str | None
    count: int = 0
    """How many."""
    weight: int = 0
    """Their weight for the name shown: each its commits, at least one."""
    commits: int = 0
    years: set[int] = field(default_factory=set)


def _same(contributions: Iterable[Contribution]) -> list[_Same]:
    """The contributions with a name, alike ones together, in the order of the first of each."""
    alike: dict[tuple[str, str | None, Role, str | None], _Same] = {}
    for item in contributions:
        key = (item.name, item.email, item.role, item.language)
        same = alike.get(key)
        if same is None:
            if not item.name.strip():
                continue
            same = alike[key] = _Same(*key)
        same.count += item.times
        same.weight += max(item.commits, 1) * item.times
        same.commits += item.commits * item.times
        same.years.update(item.years)
    return list(alike.values())


def merge_people(contributions: Iterable[Contribution]) -> list[Person]:
    """One person per identity (see the module), most contributions first."""
    people = [_person(group) for group in _identities(contributions)]
    return order_people(people, "contributions")


NamesMemo = dict[tuple[tuple[str, str | None, str, str | None, int], ...], tuple[str, ...]]
""":func:`merged_names`'s answers by what decides them (a material's versions share authors)."""


def merged_names(
    contributions: Iterable[Contribution], *, memo: NamesMemo | None = None
) -> tuple[str, ...]:
    """The names of :func:`merge_people`'s people, in its order (made without the people).

    ``memo`` keeps the answers across calls, by each contribution's name, address, role,
    language and commits (what decides the names and their order), in order.
    """
    if memo is None:
        return _merged_names(contributions)
    items = list(contributions)
    key = tuple((c.name, c.email, c.role, c.language, c.commits) for c in items)
    names = memo.get(key)
    if names is None:
        names = memo[key] = _merged_names(items)
    return names


def _merged_names(contributions: Iterable[Contribution]) -> tuple[str, ...]:
    named = [
        (-sum(same.commits for same in group), _display_name(group))
        for group in _identities(contributions)
    ]
    named.sort(key=lambda item: (item[0], _fold(item[1]), item[1]))
    return tuple(name for _, name in named)


def _identities(contributions: Iterable[Contribution]) -> list[list[_Same]]:
    """The contributions of each identity, in the order of each one's first."""
    items = _same(contributions)  # the same identity's keys: joined before they are compared
    parent = list(range(len(items)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    first: dict[str, int] = {}
    for index, item in enumerate(items):
        for key in _keys(item):
            if key in first:
                parent[root(index)] = root(first[key])
            else:
                first[key] = index
    groups: dict[int, list[_Same]] = {}
    for index, item in enumerate(items):
        groups.setdefault(root(index), []).append(item)
    return list(groups.values())


def _display_name(group: list[_Same]) -> str:
    """The full name used most; a login (one word, no capital letter …) only without one."""
    names: Counter[str] = Counter()
    for same in group:
        names[same.name.strip()] += same.weight
    full = Counter({name: n for name, n in names.items() if " " in name})
    return (full or names).most_common(1)[0][0]


def _person(group: list[_Same]) -> Person:
    emails: Counter[str] = Counter()
    for same in group:
        if same.email:
            emails[same.email] += same.count
    return Person(
        name=_display_name(group),
        email=emails.most_common(1)[0][0] if emails else None,
        roles=tuple(sorted({c.role for c in group})),
        commits=sum(c.commits for c in group),
        years=tuple(sorted({year for c in group for year in c.years})),
        languages=tuple(sorted({c.language for c in group if c.language})),
    )


def order_people(people: Iterable[Person], order: CreditOrder = "name") -> list[Person]:
    """People sorted by name (case and accents aside), or most contributions first."""
    if order == "contributions":
        return sorted(people, key=lambda p: (-p.commits, _fold(p.name), p.name))
    return sorted(people, key=lambda p: (_fold(p.name), p.name))


def order_names(names: Sequence[str], order: CreditOrder = "name") -> tuple[str, ...]:
    """Names as stored (most contributions first) re-ordered for display."""
    if order == "contributions":
        return tuple(names)
    return tuple(sorted(names, key=lambda name: (_fold(name), name)))
