"""Write a catalogue back to TOML, in the layout of ``docs/catalogue.md``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from otsmaterials.catalogue.model import Catalogue, MaterialSpec, Settings, TopicSpec

__all__ = ["dump_catalogue"]

_MATERIAL_KEYS = (
    "id",
    "title",
    "titles",
    "description",
    "source",
    "branch",
    "language",
    "branches",
    "subdir",
    "layout",
    "topics",
    "site_url",
    "code_url",
    "license",
    "status",
    "lessons",
    "exclude",
    "language_codes",
    "adapts",
)


def _value(value: Any) -> str:  # noqa: ANN401 - TOML values
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        # JSON string escapes are valid TOML basic-string escapes for every character.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _key(key: str) -> str:
    return key if key.replace("-", "").replace("_", "").isalnum() and key.isascii() else _value(key)


def _settings(settings: Settings) -> list[str]:
    values = settings.model_dump(exclude_defaults=True)
    if not values:
        return []
    return ["[settings]", *(f"{k} = {_value(v)}" for k, v in values.items()), ""]


def _topic(topic: TopicSpec) -> list[str]:
    return ["[[topics]]", f"id = {_value(topic.id)}", f"name = {_value(topic.name)}", ""]


def _material(material: MaterialSpec, comment: str | None = None) -> list[str]:
    values = material.model_dump(exclude_defaults=True)
    values.setdefault("id", material.id)
    lines = [f"# {comment}"] if comment else []
    lines.append("[[materials]]")
    lines.extend(f"{key} = {_value(values[key])}" for key in _MATERIAL_KEYS if key in values)
    return [*lines, ""]


def dump_catalogue(
    catalogue: Catalogue,
    *,
    header: str | None = None,
    comments: Mapping[str, str] | None = None,
) -> str:
    """Return the catalogue as TOML text (default values left out); ``header`` becomes comments.

    ``comments``: material id → a comment line above its ``[[materials]]`` table.
    """
    lines: list[str] = []
    if header:
        lines.extend(f"# {line}".rstrip() for line in header.splitlines())
        lines.append("")
    lines.extend([f"name = {_value(catalogue.name)}", ""])
    lines.extend(_settings(catalogue.settings))
    for topic in catalogue.topics:
        lines.extend(_topic(topic))
    for material in catalogue.materials:
        lines.extend(_material(material, (comments or {}).get(material.id)))
    return "\n".join(lines).rstrip("\n") + "\n"
