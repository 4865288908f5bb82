"""What a catalogue file says: settings, topics and the materials (``docs/catalogue.md``)."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, PrivateAttr, field_validator

from otsmaterials._git.sources import SourcePolicy, check_branch
from otsmaterials._support.model import FrozenDict, FrozenMap, FrozenModel
from otsmaterials.catalogue.lifecycle import LifeCycle
from otsmaterials.catalogue.slugs import SLUG
from otsmaterials.errors import LanguageCodeError, NotFoundError, UnsafeSourceError
from otsmaterials.languages.tags import normalize_language

__all__ = [
    "LIFE_CYCLE_WORDS",
    "OVERRIDABLE",
    "Catalogue",
    "Layout",
    "LifeCycle",
    "MaterialSpec",
    "Origin",
    "OverrideSpec",
    "Settings",
    "TopicSpec",
    "site_status",
]

_SPDX = re.compile(r"[A-Za-z0-9][A-Za-z0-9.+-]*(?: (?:AND|OR|WITH) [A-Za-z0-9][A-Za-z0-9.+-]*)*")
_SCHEMES = frozenset({"https", "http", "ssh", "git"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

Layout = Literal["auto", "gettext", "folders", "suffix", "branches", "single"]

STATUS_WORDS: dict[str, LifeCycle] = {
    "current": "current",
    "active": "current",
    "maintained": "current",
    "stable": "current",
    "outdated": "outdated",
    "deprecated": "outdated",
    "legacy": "outdated",
    "old": "outdated",
    "stale": "outdated",
    "retired": "retired",
    "archived": "retired",
    "obsolete": "retired",
    "unmaintained": "retired",
}
"""The words a catalogue may use for a status, each mapped onto one of the three."""

LIFE_CYCLE_WORDS: dict[str, LifeCycle] = {
    "pre-alpha": "current",
    "alpha": "current",
    "beta": "current",
    "stable": "current",
    "transition-step-1": "current",
    "transition-step-2": "current",
    "deprecated": "outdated",
}
"""A site's own ``life_cycle:`` (The Carpentries' lesson life cycle) mapped onto the three: a lesson
being written or tested (``pre-alpha``, ``alpha``, ``beta``), in use (``stable``) or moving to new
infrastructure (``transition-step-1``/``-2``) is current; a ``deprecated`` one is outdated (as the
catalogue's own ``deprecated``). The catalogue's words (:data:`STATUS_WORDS`) are read too; an
unknown word leaves the status unknown."""


def site_status(word: str | None) -> LifeCycle | None:
    """The life cycle a site's own ``life_cycle:`` word means, if any."""
    if word is None:
        return None
    key = word.strip().lower()
    return LIFE_CYCLE_WORDS.get(key) or STATUS_WORDS.get(key)


def _slug(value: str) -> str:
    if not SLUG.fullmatch(value):
        raise ValueError(
            f"invalid slug {value!r}: use lower-case letters, digits and '-', starting with a "
            "letter or digit"
        )
    return value


def _language(value: str) -> str:
    try:
        return normalize_language(value)
    except LanguageCodeError as error:
        raise ValueError(error.message) from None


def _status(value: object) -> object:
    if not isinstance(value, str):
        return value
    word = value.strip().lower()
    if word not in STATUS_WORDS:
        raise ValueError(f"unknown status {value!r}: use one of {', '.join(sorted(STATUS_WORDS))}")
    return STATUS_WORDS[word]


def _branch(value: str) -> str:
    try:
        return check_branch(value)
    except UnsafeSourceError as error:
        raise ValueError(error.message) from None


def _text(value: str) -> str:
    found = _CONTROL_IN_TEXT.search(value)
    if found:
        raise ValueError(f"contains the control character {found.group(0)!r}")
    return value


def _path(value: str) -> str:
    found = _CONTROL.search(value)
    if found:
        raise ValueError(
            f"invalid path {value!r}: contains the control character {found.group(0)!r}"
        )
    return value


def _web_url(value: str) -> str:
    found = _CONTROL.search(value)
    if found:
        raise ValueError(f"invalid web address: contains the control character {found.group(0)!r}")
    if not re.fullmatch(r"https?://[^\s/$.?#][^\s]*", value):
        raise ValueError(f"invalid web address {value!r}: expected http:// or https://")
    return value


def _subdir(value: str) -> str:
    _path(value)
    path = PurePosixPath(value)
    if path.is_absolute() or ".." in path.parts or "\\" in value or not value.strip("/"):
        raise ValueError(f"invalid subdir {value!r}: give a relative path inside the repository")
    return path.as_posix()


def _glob(value: str) -> str:
    if (
        not value.strip()
        or value.startswith("/")
        or ".." in value.split("/")
        or _CONTROL.search(value)
    ):
        raise ValueError(
            f"invalid path pattern {value!r}: give a glob relative to the material, such as "
            "'extras/*.md'"
        )
    return value


def _code(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_@-]{1,20}", value):
        raise ValueError(f"invalid language code as written {value!r}: letters, digits, - or _")
    return value


def _spdx(value: str) -> str:
    if not _SPDX.fullmatch(value):
        raise ValueError(f"invalid licence {value!r}: give an SPDX identifier such as CC-BY-SA-4.0")
    return value


Slug = Annotated[str, AfterValidator(_slug)]
LanguageCode = Annotated[str, AfterValidator(_language)]
BranchName = Annotated[str, AfterValidator(_branch)]
WebUrl = Annotated[str, AfterValidator(_web_url)]
SubDir = Annotated[str, AfterValidator(_subdir)]
SpdxId = Annotated[str, AfterValidator(_spdx)]
PathGlob = Annotated[str, AfterValidator(_glob)]
WrittenCode = Annotated[str, AfterValidator(_code)]
Text = Annotated[str, AfterValidator(_text)]
"""A name or a description: any text but control characters (tabs and line breaks allowed)."""
FilePath = Annotated[str, AfterValidator(_path)]
"""A path on this machine: no control characters (a NUL cannot be in a file name)."""


class Settings(FrozenModel):
    """The ``[settings]`` table: where things live and how sync behaves. Every key is optional."""

    cache_dir: FilePath | None = None
    """Where the mirrors live, relative to the catalogue file (default: the user cache)."""
    index: FilePath | None = None
    """The index file, relative to the catalogue file (default: ``otsmaterials.sqlite``)."""
    allow_local_sources: bool = False
    """Allow local paths and ``file://`` sources (tests, demos, local mirrors)."""
    allowed_schemes: tuple[str, ...] = ("https", "ssh")
    """URL schemes allowed for remote sources: ``https``, ``ssh``, ``http``, ``git``."""
    allow_private_hosts: bool = False
    """Allow sources on loopback, private or link-local addresses (a local git server)."""
    jobs: int = Field(default=8, ge=1, le=64)
    """Repositories synced at once."""
    per_host: int = Field(default=4, ge=1, le=64)
    """Repositories synced at once from one host."""
    timeout: float = Field(default=300.0, gt=0, le=86400)
    """Seconds one git operation (clone, fetch, ls-remote) may take before it is stopped."""
    retries: int = Field(default=3, ge=0, le=10)
    """How often a transient failure (network, throttling, timeout) is tried again."""
    retry_delay: float = Field(default=2.0, ge=0, le=600)
    """Seconds before the first retry; doubled each time, with jitter, capped at 60."""
    max_blob_size: int = Field(default=2 * 1024 * 1024, ge=1024)
    """Largest file (bytes) fetched into a mirror; bigger ones are left out."""
    lock_timeout: float = Field(default=60.0, ge=0)
    """Seconds a sync waits for another run to release the cache before it gives up."""
    stale_lock_age: float = Field(default=3600.0, ge=0)
    """Seconds after which a git ``*.lock`` file left in a mirror counts as stale and is removed."""
    required_licenses: tuple[SpdxId, ...] | None = None
    """Licences ``check licenses`` accepts (SPDX ids); any licence when absent."""

    @field_validator("allowed_schemes")
    @classmethod
    def _known_schemes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = sorted(set(value) - _SCHEMES)
        if unknown:
            raise ValueError(
                f"unknown scheme(s) {', '.join(unknown)}: choose from {', '.join(sorted(_SCHEMES))}"
            )
        return value

    def source_policy(self, *, allow_local: bool | None = None) -> SourcePolicy:
        """The source policy these settings describe (``allow_local`` overrides the file)."""
        return SourcePolicy(
            allowed_schemes=frozenset(self.allowed_schemes),
            allow_local=self.allow_local_sources if allow_local is None else allow_local,
            allow_private_hosts=self.allow_private_hosts,
        )


class TopicSpec(FrozenModel):
    """A ``[[topics]]`` entry: a topic's display name and place in the order."""

    id: Slug
    """The topic slug (``python``, ``web-development``)."""
    name: Text = Field(min_length=1)
    """The name shown to readers."""


class MaterialSpec(FrozenModel):
    """A ``[[materials]]`` entry: one repository of learning material."""

    id: Slug
    """The material's slug; lesson ids start with it."""
    title: Text = Field(min_length=1)
    """The material's title (in its original ``language``)."""
    titles: FrozenMap[LanguageCode, Annotated[Text, Field(min_length=1)]] = Field(
        default_factory=FrozenDict
    )
    """The title in other languages: language → title (``{ de = "Python für Einsteiger" }``)."""
    description: Text = ""
    """One or two sentences about the material."""
    source: str = Field(min_length=1)
    """The git URL (``https``/``ssh``) or, where allowed, a local path."""
    branch: BranchName | None = None
    """The branch holding the lessons; the remote's default branch when absent."""
    language: LanguageCode = "en"
    """The original language of the material (BCP 47)."""
    branches: FrozenMap[LanguageCode, BranchName] = Field(default_factory=FrozenDict)
    """Whole translations kept on other branches: language → branch."""
    subdir: SubDir | None = None
    """Where the lessons are inside the repository."""
    layout: Layout = "auto"
    """How translations are laid out; ``auto`` detects it."""
    topics: tuple[Slug, ...] = ()
    """Topic slugs of the material."""
    site_url: WebUrl | None = None
    """Where the material is published."""
    code_url: WebUrl | None = None
    """A companion repository with the exercises' code."""
    license: SpdxId | None = None
    """A licence override (SPDX id) for material that states none or states it unclearly."""
    lessons: tuple[PathGlob, ...] = ()
    """Files that are lessons although no rule sees them (globs relative to ``subdir``; ``*``
    also matches ``/``)."""
    exclude: tuple[PathGlob, ...] = ()
    """Files that are never lessons although a rule takes them (globs, as ``lessons``)."""
    language_codes: FrozenMap[WrittenCode, LanguageCode] = Field(default_factory=FrozenDict)
    """Codes written in folder, suffix or branch names that are no valid language tag, mapped
    to the tag they mean (``{ "me-ME" = "sr-Latn-ME", "es-LA" = "es-419" }``)."""
    status: Annotated[LifeCycle | None, BeforeValidator(_status)] = None
    """Where the material is in its life cycle (``current``, ``outdated``, ``retired``; other
    customary words such as ``archived`` or ``deprecated`` are mapped onto these)."""
    adapts: Slug | None = None
    """The id of the catalogue's material this one adapts (a remix, a port to another tool):
    its lessons are paired with that material's as translations are, and ``check licenses``
    judges each against the licence of the lesson it adapts."""


OVERRIDABLE = ("title", "titles", "topics", "status", "branches", "site_url")
"""The keys an ``[[overrides]]`` entry may change in an included material."""


class OverrideSpec(FrozenModel):
    """An ``[[overrides]]`` entry: changes to, or the hiding of, an included material."""

    id: Slug
    """The included material to change."""
    title: Annotated[Text, Field(min_length=1)] | None = None
    """A new title."""
    titles: FrozenMap[LanguageCode, Annotated[Text, Field(min_length=1)]] | None = None
    """New titles per language (replacing the included ones)."""
    topics: tuple[Slug, ...] | None = None
    """New topics (replacing the included ones)."""
    status: Annotated[LifeCycle | None, BeforeValidator(_status)] = None
    """A new status."""
    branches: FrozenMap[LanguageCode, BranchName] | None = None
    """New translation branches (replacing the included ones)."""
    site_url: WebUrl | None = None
    """Where this chapter publishes the material."""
    hidden: bool = False
    """Leave the material out of this catalogue."""

    def changes(self) -> dict[str, object]:
        """The keys this entry sets, and their values."""
        return {key: getattr(self, key) for key in OVERRIDABLE if key in self.model_fields_set}


class Origin(FrozenModel):
    """Where a material of a catalogue comes from: its file and line, and what changed it."""

    file: str
    """The catalogue file that lists it (a bundled catalogue by its name)."""
    line: int | None = None
    """The line of its ``[[materials]]`` table."""
    overridden: tuple[str, ...] = ()
    """The ``[[overrides]]`` that changed it: ``file:line (keys)``."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return "; ".join([where, *(f"overridden by {o}" for o in self.overridden)])


class Catalogue(FrozenModel):
    """A validated catalogue file (``load_catalogue`` reads one), its includes merged in."""

    name: Text = "otsmaterials"
    """The catalogue's name (shown in exports)."""
    include: tuple[Annotated[str, Field(min_length=1)], ...] = ()
    """Catalogues this one builds on: a bundled one by name (``opentechschool``) or a path
    relative to this file. Empty once they are merged in (:meth:`origin` says where each
    material came from)."""
    settings: Settings = Field(default_factory=Settings)
    """The ``[settings]`` table."""
    topics: tuple[TopicSpec, ...] = ()
    """Topic display names and order."""
    materials: tuple[MaterialSpec, ...] = ()
    """The material repositories."""
    overrides: tuple[OverrideSpec, ...] = ()
    """Changes to included materials (applied, then empty once merged)."""

    _path: Path | None = PrivateAttr(default=None)
    _origins: dict[str, Origin] = PrivateAttr(default_factory=dict)
    _hidden: dict[str, Origin] = PrivateAttr(default_factory=dict)

    def __eq__(self, other: object) -> bool:
        """Equal when the same file says the same things: where lines fall does not count."""
        if not isinstance(other, Catalogue):
            return NotImplemented
        return self.__dict__ == other.__dict__ and self._path == other._path

    def __hash__(self) -> int:
        return hash((self.name, self._path))

    def origin(self, material_id: str) -> Origin | None:
        """Where the material came from, for a catalogue read from a file."""
        return self._origins.get(material_id)

    @property
    def hidden(self) -> dict[str, Origin]:
        """Included materials an override hid: id → where the hiding override is."""
        return dict(self._hidden)

    def with_origins(self, origins: dict[str, Origin], hidden: dict[str, Origin]) -> Catalogue:
        """A copy that remembers where its materials came from."""
        copy = self.model_copy()
        copy._path = self._path
        copy._origins = dict(origins)
        copy._hidden = dict(hidden)
        return copy

    @property
    def path(self) -> Path | None:
        """The file this catalogue was read from, if any."""
        return self._path

    @property
    def base_dir(self) -> Path:
        """The directory relative paths in the catalogue are taken from."""
        return self._path.parent if self._path is not None else Path.cwd()

    def with_path(self, path: Path | None) -> Catalogue:
        """A copy that remembers ``path`` as its file."""
        copy = self.model_copy()
        copy._path = path
        copy._origins = dict(self._origins)
        copy._hidden = dict(self._hidden)
        return copy

    def material(self, material_id: str) -> MaterialSpec:
        """The material with this id.

        :class:`~otsmaterials.errors.NotFoundError` (a ``LookupError``) when there is none.
        """
        for material in self.materials:
            if material.id == material_id:
                return material
        raise NotFoundError(f"no material {material_id!r} in the catalogue")
