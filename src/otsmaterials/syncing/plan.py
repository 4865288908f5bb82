"""What a sync needs of a catalogue, as plain data.

A sync reads a few settings and each material's id, source and branches. :func:`plan_of` takes
them from a validated :class:`~otsmaterials.catalogue.model.Catalogue`; ``otsmaterials sync`` can
also read them back from a memo (:mod:`otsmaterials.syncing.memo`), and then starts without
pydantic and the catalogue's models (``docs/performance.md``, start cost).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_origin, get_type_hints

from otsmaterials._git.sources import SourcePolicy, check_branch
from otsmaterials.catalogue.slugs import SLUG
from otsmaterials.errors import UnsafeSourceError

if TYPE_CHECKING:
    from otsmaterials.catalogue.model import Catalogue, Settings

__all__ = ["PlannedMaterial", "SyncPlan", "SyncSettings", "plan_from_json", "plan_of"]


@dataclass(frozen=True, slots=True)
class PlannedMaterial:
    """A material as a sync sees it."""

    id: str
    source: str
    """The source as the catalogue writes it."""
    branch: str | None = None
    """The branch the catalogue names (else the source's default branch)."""
    branches: Mapping[str, str] = field(default_factory=dict)
    """Translation branches: language → branch name."""


@dataclass(frozen=True, slots=True)
class SyncSettings:
    """The ``[settings]`` a sync uses (the catalogue reference, ``docs/catalogue.md``).

    No defaults: the catalogue's settings give every value (:meth:`of`).
    """

    cache_dir: str | None
    allow_local_sources: bool
    allowed_schemes: tuple[str, ...]
    allow_private_hosts: bool
    jobs: int
    per_host: int
    timeout: float
    retries: int
    retry_delay: float
    max_blob_size: int
    lock_timeout: float
    stale_lock_age: float

    @classmethod
    def of(cls, settings: Settings) -> SyncSettings:
        """The sync's part of validated settings."""
        return cls(**{name: getattr(settings, name) for name in _SETTING_NAMES})

    def source_policy(self, *, allow_local: bool | None = None) -> SourcePolicy:
        """The source policy (``allow_local`` overrides ``allow_local_sources``)."""
        return SourcePolicy(
            allowed_schemes=frozenset(self.allowed_schemes),
            allow_local=self.allow_local_sources if allow_local is None else allow_local,
            allow_private_hosts=self.allow_private_hosts,
        )


_SETTING_NAMES = tuple(SyncSettings.__dataclass_fields__)


@dataclass(frozen=True, slots=True)
class SyncPlan:
    """Everything a sync reads of its catalogue."""

    base_dir: Path
    """The catalogue's folder: relative local sources and ``cache_dir`` start there."""
    settings: SyncSettings
    materials: tuple[PlannedMaterial, ...]

    def json(self) -> dict[str, Any]:
        """The plan as JSON data (:func:`plan_from_json` reads it back)."""
        return {
            "base_dir": str(self.base_dir),
            "settings": asdict(self.settings),
            "materials": [[m.id, m.source, m.branch, dict(m.branches)] for m in self.materials],
        }


def plan_of(catalogue: Catalogue) -> SyncPlan:
    """What a sync needs of ``catalogue``."""
    return SyncPlan(
        base_dir=catalogue.base_dir,
        settings=SyncSettings.of(catalogue.settings),
        materials=tuple(
            PlannedMaterial(m.id, m.source, m.branch, dict(m.branches)) for m in catalogue.materials
        ),
    )


def plan_from_json(data: Any) -> SyncPlan:  # noqa: ANN401 - JSON, checked here
    """A plan from :meth:`SyncPlan.json`; ``ValueError`` when the data is not one."""
    try:
        settings = _settings_from(data["settings"])
        materials = tuple(
            PlannedMaterial(ident, source, branch, dict(branches))
            for ident, source, branch, branches in data["materials"]
        )
        base_dir = Path(data["base_dir"])
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"not a sync plan: {error}") from None
    for material in materials:
        _check_material(material)
    return SyncPlan(base_dir, settings, materials)


def _check_material(material: PlannedMaterial) -> None:
    """What the catalogue's validation made sure of, checked again.

    An id that names a folder, branch names git takes (the sources are checked before every sync
    anyway).
    """
    names = [*material.branches.values(), *([material.branch] if material.branch else [])]
    texts = [material.id, material.source, *material.branches.keys(), *names]
    if not all(isinstance(text, str) for text in texts) or not SLUG.fullmatch(material.id):
        raise ValueError(f"not a sync plan: material {material.id!r}")
    for name in names:
        try:
            check_branch(name)
        except UnsafeSourceError as error:
            raise ValueError(f"not a sync plan: {error.message}") from None


def _settings_from(data: dict[str, Any]) -> SyncSettings:
    """Settings from JSON, each of its field's type (a float may be written as an int)."""
    kinds = get_type_hints(SyncSettings)
    values: dict[str, Any] = {}
    for name in _SETTING_NAMES:
        value, kind = data[name], kinds[name]
        if get_origin(kind) is tuple:
            value = tuple(value)
            fits = all(isinstance(item, str) for item in value)
        else:
            value = float(value) if kind is float and type(value) is int else value
            fits = isinstance(value, kind)
        if not fits:
            raise ValueError(f"setting {name!r}")
        values[name] = value
    return SyncSettings(**values)
