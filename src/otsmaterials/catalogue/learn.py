"""Import the learn portal's hand-kept workshop list (its Jekyll ``_config.yml``).

The portal lists workshops as ``sections:`` → ``workshops:`` with ``title``, ``url``, ``source``,
``code`` and ``desc``. Each workshop becomes a material: its id is the source repository's name as a
slug, the section name becomes its topic (``Web Development`` → ``web-development``), ``url`` is the
``site_url`` and ``code`` the ``code_url``. A repository listed under two sections gets both topics.
A status the portal writes after a title (``Django 101 (outdated)``, ``[archived]``) becomes the
material's ``status`` (the catalogue's words, :data:`~otsmaterials.catalogue.model.STATUS_WORDS`)
and leaves the title.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import ValidationError

from otsmaterials._git.sources import parse_source
from otsmaterials._support.safeyaml import load_yaml
from otsmaterials.catalogue.load import parse_catalogue
from otsmaterials.catalogue.model import (
    STATUS_WORDS,
    Catalogue,
    LifeCycle,
    MaterialSpec,
    Settings,
    TopicSpec,
)
from otsmaterials.catalogue.slugs import slugify
from otsmaterials.catalogue.write import dump_catalogue
from otsmaterials.errors import CatalogueError, ParseError, Problem, UnsafeSourceError

__all__ = ["import_learn_config"]

_STATUS_MARK = re.compile(r"\s*[(\[]\s*([A-Za-z-]+)\s*[)\]]\s*$")
"""A status word in brackets at the end of a title."""


def _repository_name(source: str) -> tuple[str, str]:
    """``https://github.com/OTS/python-beginners/`` → (``ots``, ``python-beginners``)."""
    path = urlsplit(source).path if "://" in source else source.rsplit(":", 1)[-1]
    parts = [part for part in path.split("/") if part]
    name = parts[-1].removesuffix(".git") if parts else ""
    owner = parts[-2] if len(parts) > 1 else ""
    return slugify(owner), slugify(name)


def _text(value: Any) -> str:  # noqa: ANN401 - YAML scalar
    if value is None or value is False:
        return ""
    return " ".join(str(value).split())


def _title_status(title: str) -> tuple[str, LifeCycle | None]:
    """A workshop title without its status mark, and the status: ``Django 101 (outdated)``."""
    found = _STATUS_MARK.search(title)
    if found is None or found.group(1).lower() not in STATUS_WORDS:
        return title, None
    return title[: found.start()].rstrip(), STATUS_WORDS[found.group(1).lower()]


def _url(value: Any) -> str | None:  # noqa: ANN401 - YAML scalar
    text = _text(value)
    return text if text.startswith(("http://", "https://")) else None


class _Builder:
    """Collects materials and topics, merging repeated repositories."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.topics: dict[str, TopicSpec] = {}
        self.materials: dict[str, dict[str, Any]] = {}
        self.by_source: dict[str, str] = {}
        self.problems: list[Problem] = []

    def add_section(self, index: int, section: Any) -> None:  # noqa: ANN401 - YAML mapping
        key = f"sections[{index}]"
        if not isinstance(section, dict) or not isinstance(section.get("name"), str):
            self.problems.append(Problem(key, "expected a mapping with a 'name'"))
            return
        topic = slugify(section["name"])
        if not topic:
            self.problems.append(Problem(f"{key}.name", "the name gives an empty topic slug"))
            return
        self.topics.setdefault(topic, TopicSpec(id=topic, name=" ".join(section["name"].split())))
        workshops = section.get("workshops") or []
        if not isinstance(workshops, list):
            self.problems.append(Problem(f"{key}.workshops", "expected a list"))
            return
        for number, workshop in enumerate(workshops):
            self.add_workshop(f"{key}.workshops[{number}]", topic, workshop)

    def add_workshop(self, key: str, topic: str, workshop: Any) -> None:  # noqa: ANN401
        if not isinstance(workshop, dict):
            self.problems.append(Problem(key, "expected a mapping"))
            return
        source = _text(workshop.get("source"))
        if not source:
            self.problems.append(Problem(f"{key}.source", "required key missing"))
            return
        source = source.rstrip("/")
        existing = self.by_source.get(source.lower())
        if existing is not None:
            topics = self.materials[existing]["topics"]
            if topic not in topics:
                topics.append(topic)
            return
        problem = self._source_problem(source)
        if problem is not None:
            self.problems.append(Problem(f"{key}.source", problem))
            return
        ident = self._unique_id(*_repository_name(source))
        title, status = _title_status(_text(workshop.get("title")))
        entry: dict[str, Any] = {
            "id": ident,
            "title": title or ident,
            "description": _text(workshop.get("desc")),
            "source": source,
            "topics": [topic],
        }
        if status is not None:
            entry["status"] = status
        for target, field in (("site_url", "url"), ("code_url", "code")):
            url = _url(workshop.get(field))
            if url:
                entry[target] = url
        self.materials[ident] = entry
        self.by_source[source.lower()] = ident

    def _unique_id(self, owner: str, name: str) -> str:
        candidates = [name, slugify(f"{owner}-{name}")]
        candidates.extend(f"{candidates[1]}-{number}" for number in range(2, 1000))
        return next(ident for ident in candidates if ident and ident not in self.materials)

    @staticmethod
    def _source_problem(source: str) -> str | None:
        try:
            parse_source(source, Settings().source_policy())
        except UnsafeSourceError as error:
            return error.message
        return None

    def catalogue(self, name: str) -> Catalogue:
        materials = []
        for ident, entry in self.materials.items():
            try:
                materials.append(MaterialSpec.model_validate(entry))
            except ValidationError as error:
                for item in error.errors(include_url=False):
                    field = ".".join(str(part) for part in item["loc"])
                    message = str(item["msg"]).removeprefix("Value error, ")
                    self.problems.append(Problem(f"workshop {ident}.{field}", message))
        if self.problems:
            raise CatalogueError(self.path, self.problems)
        return Catalogue(
            name=name,
            settings=Settings(),
            topics=tuple(self.topics.values()),
            materials=tuple(materials),
        )


def import_learn_config(path: str | Path, *, name: str | None = None) -> tuple[Catalogue, str]:
    """Convert the learn portal's ``_config.yml`` at ``path`` into a catalogue.

    Returns the validated catalogue and its TOML text (which :func:`load_catalogue` reads back to
    the same catalogue).
    """
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise ParseError(f"cannot read: {error.strerror}", path=file) from None
    config = load_yaml(data, path=file)
    if not isinstance(config, dict) or not isinstance(config.get("sections"), list):
        raise ParseError("expected a 'sections:' list of workshop sections", path=file)
    builder = _Builder(file)
    for index, section in enumerate(config["sections"]):
        builder.add_section(index, section)
    title = name or _text(config.get("name")) or "otsmaterials"
    catalogue = builder.catalogue(title)
    header = f"Imported from {file.name} (the learn portal's workshop list) by otsmaterials."
    text = dump_catalogue(catalogue, header=header)
    return parse_catalogue(text), text
