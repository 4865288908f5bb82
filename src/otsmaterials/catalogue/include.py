"""A catalogue on top of others: ``include``, then its own materials, then ``[[overrides]]``.

A chapter's catalogue names the catalogues it builds on (the bundled ``opentechschool`` by name,
or a path relative to itself); their materials and topics come first, in order, then its own.
An ``[[overrides]]`` entry changes the keys of :data:`~otsmaterials.catalogue.model.OVERRIDABLE`
of an included material, or hides it. The including file's ``name`` and ``[settings]`` apply;
the included files' are not used. Every problem names the file and line it comes from
(``docs/catalogue.md``, "A chapter's catalogue").
"""

from __future__ import annotations

import importlib.resources
import re
from dataclasses import dataclass, field
from pathlib import Path

from otsmaterials._git.sources import SourcePolicy, parse_source
from otsmaterials.catalogue.model import Catalogue, MaterialSpec, Origin, TopicSpec
from otsmaterials.errors import Problem, UnsafeSourceError

__all__ = ["Included", "bundled_catalogues", "include_target", "merge"]

_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


def bundled_catalogues() -> list[str]:
    """The names of the catalogues shipped with the package."""
    folder = importlib.resources.files("otsmaterials") / "catalogues"
    return sorted(
        item.name.removesuffix(".toml") for item in folder.iterdir() if item.name.endswith(".toml")
    )


def include_target(entry: str, base_dir: Path) -> tuple[Path, str, bool]:
    """The file an ``include`` entry names, how to name it in messages, and whether it is bundled.

    A bare name (``opentechschool``) is a bundled catalogue; anything else is a path, relative
    to the including file's folder. Raises ``LookupError`` for an unknown bundled name.
    """
    if _NAME.fullmatch(entry):
        if entry not in bundled_catalogues():
            known = ", ".join(bundled_catalogues())
            raise LookupError(f"no bundled catalogue {entry!r} (bundled: {known})")
        resource = importlib.resources.files("otsmaterials") / "catalogues" / f"{entry}.toml"
        return Path(str(resource)), entry, True
    path = Path(entry).expanduser()
    return (path if path.is_absolute() else base_dir / path), entry, False


@dataclass
class Included:
    """One included catalogue, already merged with its own includes."""

    catalogue: Catalogue
    label: str
    """How messages name it: the ``include`` entry as written."""
    line: int | None
    """The line of the ``include`` key in the including file."""


@dataclass
class _Merge:
    own_label: str
    lines: dict[str, int]
    policy: SourcePolicy
    materials: dict[str, MaterialSpec] = field(default_factory=dict)
    origins: dict[str, Origin] = field(default_factory=dict)
    hidden: dict[str, Origin] = field(default_factory=dict)
    topics: dict[str, TopicSpec] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, key: str, message: str) -> None:
        line = self.lines.get(key) or self.lines.get(re.sub(r"\.[a-z_]+$", "", key))
        self.problems.append(Problem(key, message, line))


def _checked_source(state: _Merge, material: MaterialSpec, part: Included) -> MaterialSpec | None:
    """The included material with its source checked against the including file's policy.

    A local source is made absolute: it is relative to the included file, not to this one.
    """
    path = part.catalogue.path
    try:
        source = parse_source(
            material.source, state.policy, base_dir=path.parent if path is not None else None
        )
    except UnsafeSourceError as error:
        origin = part.catalogue.origin(material.id) or Origin(file=part.label)
        key = f"materials ({material.id}).source"
        state.problems.append(Problem(key, error.message, origin.line, file=origin.file))
        return None
    if source.kind != "local":
        return material
    return material.model_copy(update={"source": source.url})


def merge(
    own: Catalogue,
    included: list[Included],
    *,
    own_label: str,
    lines: dict[str, int],
    policy: SourcePolicy,
) -> tuple[Catalogue, list[Problem]]:
    """``own`` on top of ``included``: the merged catalogue and the problems found."""
    state = _Merge(own_label, lines, policy)
    for part in included:
        _take(state, part)
    for topic in own.topics:
        state.topics[topic.id] = topic  # a chapter may rename a topic it includes
    for number, material in enumerate(own.materials):
        if material.id in state.materials:
            state.problem(
                f"materials[{number}].id",
                f"duplicate id {material.id!r}: {state.origins[material.id]} has it; change "
                "it with [[overrides]] or choose another id",
            )
            continue
        state.materials[material.id] = material
        state.origins[material.id] = Origin(file=own_label, line=lines.get(f"materials[{number}]"))
    _apply_overrides(state, own)
    merged = Catalogue.model_construct(
        name=own.name,
        include=(),
        settings=own.settings,
        topics=tuple(state.topics.values()),
        materials=tuple(state.materials.values()),
        overrides=(),
    )
    merged = merged.with_path(own.path).with_origins(state.origins, state.hidden)
    return merged, state.problems


def _take(state: _Merge, part: Included) -> None:
    for topic in part.catalogue.topics:
        state.topics.setdefault(topic.id, topic)
    for material in part.catalogue.materials:
        origin = part.catalogue.origin(material.id) or Origin(file=part.label)
        if state.origins.get(material.id) == origin:
            continue  # the same file reached twice (a region and its city both include it)
        if material.id in state.materials:
            state.problems.append(
                Problem(
                    "include",
                    f"{part.label} and {state.origins[material.id]} both have material "
                    f"{material.id!r}; hide one of them with [[overrides]] (hidden = true)",
                    part.line,
                )
            )
            continue
        checked = _checked_source(state, material, part)
        if checked is not None:
            state.materials[material.id] = checked
            state.origins[material.id] = origin
    state.hidden.update(part.catalogue.hidden)


def _apply_overrides(state: _Merge, own: Catalogue) -> None:
    own_ids = {material.id for material in own.materials}
    seen: dict[str, int] = {}
    for number, override in enumerate(own.overrides):
        key = f"overrides[{number}]"
        where = f"{state.own_label}:{state.lines.get(key, '?')}"
        if override.id in seen:
            state.problem(
                f"{key}.id",
                f"{override.id!r} is already overridden by overrides[{seen[override.id]}]",
            )
            continue
        seen[override.id] = number
        if override.id in own_ids:
            state.problem(
                f"{key}.id",
                f"{override.id!r} is this file's own material: change its [[materials]] entry",
            )
            continue
        if override.id not in state.materials:
            state.problem(f"{key}.id", f"no included material {override.id!r} to override")
            continue
        origin = state.origins[override.id]
        if override.hidden:
            del state.materials[override.id]
            del state.origins[override.id]
            state.hidden[override.id] = origin.model_copy(
                update={"overridden": (*origin.overridden, f"{where} (hidden)")}
            )
            continue
        changes = override.changes()
        if not changes:
            state.problem(
                key, "an override that changes nothing: give a key to change, or hidden = true"
            )
            continue
        state.materials[override.id] = state.materials[override.id].model_copy(update=changes)
        state.origins[override.id] = origin.model_copy(
            update={"overridden": (*origin.overridden, f"{where} ({', '.join(changes)})")}
        )
