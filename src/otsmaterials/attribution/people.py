"""Who wrote and who translated: people from git history, front matter and ``.po`` headers.

Identities are merged: one e-mail under two names, or one name under two e-mails, is one person
(``.mailmap`` is applied by git before this). Bots (dependabot, GitHub Actions, ``[bot]``
accounts) are left out. The name shown is the one the person used most often.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from otsmaterials._git.history import Commit
from otsmaterials._model import FrozenModel

__all__ = ["Contribution", "Person", "is_bot", "merge_people", "po_translators"]

_BOT = re.compile(
    r"\[bot\]|^(dependabot|renovate|github-actions|greenkeeper|snyk-bot|allcontributors|"
    r"pre-commit-ci|imgbot|travis ci|github action|codecov|mergify|semantic-release-bot|"
    r"transifex|weblate)\b|^web-flow$",
    re.IGNORECASE,
)
_PLACEHOLDERS = re.compile(
    r"FULL NAME|FIRST AUTHOR|EMAIL@ADDRESS|YOUR NAME|^anonymous$", re.IGNORECASE
)
_PERSON = re.compile(r"^\s*(?P<name>[^<>,]*?)\s*(?:<(?P<email>[^>]*)>)?\s*(?:,\s*(?P<years>.*))?$")


class Person(FrozenModel):
    """Someone credited for a material, a lesson or a translation."""

    name: str
    """The name to show."""
    email: str | None = None
    """An e-mail address (never exported unless asked for)."""
    roles: tuple[str, ...] = ()
    """``author``, ``translator``."""
    commits: int = 0
    """Commits counted for this credit."""
    years: tuple[int, ...] = ()
    """Years of their contributions."""
    languages: tuple[str, ...] = ()
    """Languages they translated into."""


@dataclass
class Contribution:
    """One piece of credit before identities are merged."""

    name: str
    email: str | None
    role: str
    commits: int = 0
    years: set[int] = field(default_factory=set)
    language: str | None = None


def is_bot(name: str, email: str | None = None) -> bool:
    """Whether an identity is a bot."""
    return bool(_BOT.search(name.strip())) or bool(email and _BOT.search(email.split("@")[0]))


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def from_commits(commits: Iterable[Commit], *, role: str = "author") -> list[Contribution]:
    """One contribution per commit author (bots left out)."""
    from datetime import UTC, datetime  # noqa: PLC0415 - only here

    found = []
    for commit in commits:
        if is_bot(commit.author, commit.email):
            continue
        year = datetime.fromtimestamp(commit.timestamp, tz=UTC).year
        name, email = _name_and_email(commit.author, commit.email or None)
        if "@" in commit.author and commit.email:
            name = commit.author.split("@", 1)[0]
        found.append(Contribution(name, email, role, 1, {year}))
    return found


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
            contribution = _parse_person(text, language)
            if contribution is not None:
                found.append(contribution)
    if last_translator:
        contribution = _parse_person(last_translator, language)
        if contribution is not None:
            found.append(contribution)
    return found


def _parse_person(text: str, language: str) -> Contribution | None:
    match = _PERSON.match(text)
    if match is None or not match["name"] or _PLACEHOLDERS.search(text):
        return None
    years = {int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", match["years"] or "")}
    name, email = _name_and_email(match["name"].strip(), (match["email"] or "").strip() or None)
    if is_bot(name, email):
        return None
    return Contribution(name, email, "translator", 0, years, language)


def _name_and_email(name: str, email: str | None) -> tuple[str, str | None]:
    """A bare address given as a name becomes the e-mail (and its local part the name)."""
    if "@" in name and " " not in name and email is None:
        return name.split("@", 1)[0], name
    return name, email


def merge_people(contributions: Iterable[Contribution]) -> list[Person]:
    """People from contributions (same e-mail or same name: one person), most active first."""
    items = [c for c in contributions if c.name.strip()]
    parent = list(range(len(items)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    first: dict[str, int] = {}
    for index, item in enumerate(items):
        keys = [f"n:{_fold(item.name)}"] + ([f"e:{item.email.lower()}"] if item.email else [])
        for key in keys:
            if key in first:
                parent[root(index)] = root(first[key])
            else:
                first[key] = index
    groups: dict[int, list[Contribution]] = {}
    for index, item in enumerate(items):
        groups.setdefault(root(index), []).append(item)
    people = [_person(group) for group in groups.values()]
    return sorted(people, key=lambda p: (-p.commits, _fold(p.name)))


def _person(group: list[Contribution]) -> Person:
    names = Counter(c.name.strip() for c in group for _ in range(max(c.commits, 1)))
    emails = Counter(c.email for c in group if c.email)
    return Person(
        name=names.most_common(1)[0][0],
        email=emails.most_common(1)[0][0] if emails else None,
        roles=tuple(sorted({c.role for c in group})),
        commits=sum(c.commits for c in group),
        years=tuple(sorted({year for c in group for year in c.years})),
        languages=tuple(sorted({c.language for c in group if c.language})),
    )
