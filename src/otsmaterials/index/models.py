"""What the index holds: materials, lessons and their versions per language (frozen models).

Field docstrings become the descriptions of the published JSON Schema (``otsmaterials schema``).
"""

from __future__ import annotations

import warnings
from fractions import Fraction
from typing import Literal

from pydantic import AliasChoices, Field

from otsmaterials._support.constrained import Count, IsoDate, LanguageTag, Share, WebAddress
from otsmaterials._support.exact import Threshold, as_fraction, at_least
from otsmaterials._support.model import FrozenDict, FrozenMap, FrozenModel
from otsmaterials.attribution.people import Person
from otsmaterials.catalogue.lifecycle import LifeCycle
from otsmaterials.gettext.stats import Completeness
from otsmaterials.licensing.models import License

__all__ = [
    "ChangeKind",
    "Completeness",
    "IndexProblem",
    "LanguageInfo",
    "Lesson",
    "LessonVersion",
    "Material",
    "PairingMethod",
    "ParagraphChange",
    "Staleness",
    "Topic",
    "VersionKind",
]

VersionKind = Literal["original", "gettext", "file", "branch"]
PairingMethod = Literal["path", "navigation", "content"]


ChangeKind = Literal["changed", "added", "removed"]


class ParagraphChange(FrozenModel):
    """A block of the original that changed since a translation last followed it.

    A paragraph, heading, list item …: changed, added or removed.
    """

    change: ChangeKind
    """``changed`` (the block is there in both versions, edited), ``added`` or ``removed``."""
    kind: str
    """What the block is: ``heading``, ``paragraph``, ``table-cell``, ``front-matter`` …"""
    line: Count
    """Where it starts (1-based): in the original as it is now, or for ``removed`` in the
    original the translation followed."""
    before: str | None = None
    """Its text in the original the translation followed (``None`` when ``added``)."""
    after: str | None = None
    """Its text in the original as it is now (``None`` when ``removed``)."""


class Staleness(FrozenModel):
    """How far a translation lags behind its original."""

    commits: Count = 0
    """Commits to the original since the translation last changed."""
    since: IsoDate | None = None
    """When the original first changed after the translation (ISO 8601 date), if it did."""
    base: str | None = None
    """The original's commit the translation follows: the last one that changed the original
    before the translation last changed (``None`` if the original is younger)."""
    days: Count = 0
    """Days from the translation's last change to the original's last change (0 if current)."""
    changes: tuple[ParagraphChange, ...] = ()
    """The original's blocks that changed since ``base``, in document order (file and branch
    translations whose original is Markdown, HTML or plain text paragraphs)."""


class LessonVersion(FrozenModel):
    """A lesson in one language."""

    language: LanguageTag
    """The language (BCP 47: ``de``, ``pt-BR``, ``es-CL``)."""
    title: str
    """The title in this language."""
    path: str
    """The file in the repository (for ``gettext``: the ``.po`` catalog)."""
    kind: VersionKind
    """``original``, or how the translation is kept: ``gettext``, ``file`` or ``branch``."""
    branch: str
    """The branch the file is on."""
    headings: tuple[str, ...] = ()
    """Section headings, in order."""
    words: Count = 0
    """Words of readable text."""
    completeness: Share = 1.0
    """The translated share of the original's words, 0.0–1.0 (fuzzy not counted); 1.0 only
    when every word is translated. Decide with ``reaches()``, which compares exactly."""
    counts: Completeness | None = None
    """Message and word counts behind ``completeness`` (gettext translations)."""
    outdated: bool = False
    """Whether the original changed since the translation last did."""
    staleness: Staleness | None = None
    """Details of ``outdated`` for file and branch translations."""
    commit: str | None = None
    """The last commit that changed this version's file."""
    updated: IsoDate | None = None
    """When that commit was made (ISO 8601 date)."""
    url: WebAddress | None = None
    """Where the version is published, when the material's site URL allows working it out."""
    translators: tuple[str, ...] = ()
    """People credited for this translation (names only)."""
    authors: tuple[str, ...] = ()
    """People who wrote this version's file (names only)."""
    license: str | None = None
    """This version's own licence (SPDX), where it differs from the material's."""
    pairing: PairingMethod | None = None
    """How this translation was paired with its original: ``path`` (the same path, a catalog or
    a branch page named after it), ``navigation`` (the same place in the two sites' navigation)
    or ``content`` (what survives translation: code, links, numbers, headings); ``None`` for
    the original."""
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    """How sure the pairing is, 0.0–1.0 (``None`` for the original)."""

    def exact_completeness(self) -> Fraction:
        """``completeness`` as an exact fraction of words (``3100/3101``) where counts are known."""
        if self.counts is not None:
            return self.counts.fraction
        return as_fraction(self.completeness)

    def reaches(self, min_completeness: Threshold) -> bool:
        """Whether at least ``min_completeness`` of the words are translated, compared exactly.

        ``min_completeness`` is a fraction, 0–1 (``0.5`` is half the words); 3,100 of 3,101
        words do not reach 1.
        """
        if self.counts is not None:
            return at_least(self.counts.translated_words, self.counts.words, min_completeness)
        return as_fraction(self.completeness) >= as_fraction(min_completeness)


class Lesson(FrozenModel):
    """One lesson, whatever the language: all its versions under one id."""

    id: str
    """``<material>/<path without language marker or extension>`` (``python-beginners/loops``)."""
    material: str
    """The material id."""
    path: str
    """The lesson's identity inside the material: its path relative to the content root."""
    order: Count
    """Position in the material's sequence (toctree, navigation map, ``num``, file name)."""
    section: str | None = None
    """The section it belongs to, where the material has sections (``Core``, ``Extras``)."""
    topics: tuple[str, ...] = ()
    """Topic slugs: the material's and the lesson's own (front matter ``tags``/``topics``)."""
    original_language: LanguageTag
    """The language the lesson was written in."""
    versions: FrozenMap[LanguageTag, LessonVersion] = Field(default_factory=FrozenDict)
    """Language → version, the original included."""
    adapts: str | None = None
    """The id of the lesson this one adapts, in the material the catalogue's ``adapts`` names
    (paired as translations are: the same path, else the evidence that survives adaptation)."""

    def original(self) -> LessonVersion:
        """The version in the original language."""
        return self.versions[self.original_language]

    def languages(self, *, min_completeness: Threshold = 0.0) -> list[str]:
        """Languages with a version translated at least ``min_completeness``, never an empty one.

        ``min_completeness`` is a fraction, 0–1, compared exactly (see ``LessonVersion.reaches``).
        """
        return sorted(
            language
            for language, version in self.versions.items()
            if version.exact_completeness() > 0 and version.reaches(min_completeness)
        )


class IndexProblem(FrozenModel):
    """A file the index could not read, or read with a caveat."""

    material: str
    """The material id."""
    path: str | None = None
    """The file, if the problem is about one."""
    line: int | None = None
    """The line, where known."""
    message: str
    """What is wrong."""
    severity: Literal["error", "warning"] = "error"
    """``error``: the file was left out; ``warning``: it was read with a caveat."""

    def __str__(self) -> str:
        where = self.path or ""
        if self.line is not None:
            where = f"{where}:{self.line}"
        prefix = f"{self.material}: {where}: " if where else f"{self.material}: "
        return f"{prefix}{self.severity}: {self.message}"


class Material(FrozenModel):
    """A material as indexed."""

    id: str
    """The material id (from the catalogue)."""
    title: str
    """The title (from the catalogue)."""
    titles: FrozenMap[LanguageTag, str] = Field(default_factory=FrozenDict)
    """Language → the title in that language (the catalogue's ``title`` and ``titles``)."""
    description: str = ""
    """The description (from the catalogue)."""
    source: str
    """The repository URL, any password hidden."""
    site_url: WebAddress | None = None
    """Where the material is published."""
    code_url: WebAddress | None = None
    """A companion repository with the exercises' code."""
    branch: str
    """The branch indexed."""
    commit: str
    """The commit indexed."""
    layout: str
    """How the lessons and translations were found (``sphinx+gettext``, ``jekyll+folders`` …)."""
    original_language: LanguageTag
    """The material's original language."""
    topics: tuple[str, ...] = ()
    """Topic slugs of the material."""
    languages: FrozenMap[LanguageTag, Share] = Field(default_factory=FrozenDict)
    """Language → the mean completeness of its lessons in that language."""
    lessons: Count = 0
    """How many lessons the material has."""
    problems: tuple[IndexProblem, ...] = ()
    """Files that could not be read, or only with a caveat."""
    license: License | None = Field(
        default=None, validation_alias=AliasChoices("license", "licence")
    )
    """The licence of the material's lessons (its content), with the evidence."""
    code_license: License | None = Field(
        default=None, validation_alias=AliasChoices("code_license", "code_licence")
    )
    """The licence of its code, where the material states one apart from the content's."""
    contributors: tuple[Person, ...] = ()
    """Authors and translators, most active first (e-mail addresses are not exported)."""
    status: LifeCycle | None = None
    """Where the material is in its life cycle (``current``, ``outdated``, ``retired``), where
    known."""
    adapts: str | None = None
    """The id of the material this one adapts (the catalogue's ``adapts``), if any."""

    @property
    def licence(self) -> License | None:
        """Deprecated spelling of :attr:`license` (kept for one release)."""
        warnings.warn(
            "Material.licence is deprecated: use Material.license", DeprecationWarning, stacklevel=2
        )
        return self.license

    @property
    def code_licence(self) -> License | None:
        """Deprecated spelling of :attr:`code_license` (kept for one release)."""
        warnings.warn(
            "Material.code_licence is deprecated: use Material.code_license",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.code_license


class Topic(FrozenModel):
    """A topic and its display name."""

    id: str
    """The slug."""
    name: str
    """The display name."""
    lessons: int = 0
    """Lessons under this topic."""


class LanguageInfo(FrozenModel):
    """A language the index holds lessons in."""

    tag: str
    """BCP 47 tag."""
    name: str
    """Its name in the display locale."""
    native_name: str
    """Its name in itself."""
    lessons: int
    """Lessons with a usable version in this language."""
