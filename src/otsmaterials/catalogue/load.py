"""Read and validate a catalogue file, reporting every problem at once with its line."""

from __future__ import annotations

import os
import re
import tomllib
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from otsmaterials._git.sources import parse_source
from otsmaterials.catalogue.include import Included, include_target, merge
from otsmaterials.catalogue.model import OVERRIDABLE, Catalogue, Origin, Settings
from otsmaterials.errors import CatalogueError, Problem, UnsafeSourceError

__all__ = ["load_catalogue", "load_catalogue_files", "parse_catalogue"]

MAX_CATALOGUE_BYTES = 16 * 1024 * 1024

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*("?)([A-Za-z0-9_-]+)\1\s*=""")


def load_catalogue(path: str | Path, *, allow_local_sources: bool | None = None) -> Catalogue:
    """Read and validate the catalogue file at ``path``, with the catalogues it includes.

    ``allow_local_sources`` overrides the file's setting (the CLI's ``--allow-local``). Every
    problem in the file, and in the files it includes, is reported at once in one
    :class:`~otsmaterials.errors.CatalogueError`, each with its file and line.
    """
    return load_catalogue_files(path, allow_local_sources=allow_local_sources)[0]


def load_catalogue_files(
    path: str | Path, *, allow_local_sources: bool | None = None
) -> tuple[Catalogue, tuple[Path, ...]]:
    """:func:`load_catalogue`, and every file it read (the catalogue first, then its includes).

    What the catalogue is depends on those files' bytes only, besides ``allow_local_sources``
    and this version of otsmaterials (a memo of it is valid while they are the same).
    """
    file = Path(path)
    read: list[Path] = []
    catalogue = _load(file, allow_local_sources, stack=(), label=str(file), read=read)
    return catalogue, tuple(read)


def _load(
    file: Path,
    allow_local: bool | None,
    *,
    stack: tuple[Path, ...],
    label: str,
    read: list[Path],
) -> Catalogue:
    read.append(file.resolve())
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise CatalogueError(file, [Problem("(file)", "no such file")]) from None
    except OSError as error:
        raise CatalogueError(file, [Problem("(file)", f"cannot read: {error.strerror}")]) from None
    if len(data) > MAX_CATALOGUE_BYTES:
        raise CatalogueError(file, [Problem("(file)", "larger than 16 MiB")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        message = f"not valid UTF-8 (byte offset {error.start})"
        raise CatalogueError(file, [Problem("(file)", message)]) from None
    resolved = file.resolve()
    catalogue = _parse(
        text, path=file, allow_local=allow_local, stack=(*stack, resolved), label=label, read=read
    )
    return catalogue.with_path(resolved)


def parse_catalogue(
    text: str, *, path: str | Path | None = None, allow_local_sources: bool | None = None
) -> Catalogue:
    """Validate catalogue TOML given as text.

    ``path`` (str or Path) names the file in errors and becomes the catalogue's
    :attr:`~Catalogue.path`, so relative paths in it (``index``, ``cache_dir``, local sources,
    ``include``) resolve from its folder.
    """
    path = Path(path) if path is not None else None
    stack = (path.resolve(),) if path is not None else ()
    label = str(path) if path is not None else "(text)"
    return _parse(
        text, path=path, allow_local=allow_local_sources, stack=stack, label=label, read=[]
    )


def _parse(
    text: str,
    *,
    path: Path | None,
    allow_local: bool | None,
    stack: tuple[Path, ...],
    label: str,
    read: list[Path],
) -> Catalogue:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = re.search(r"\(at line (\d+), column \d+\)", message)
        line = int(found.group(1)) if found else None
        raise CatalogueError(
            path, [Problem("(syntax)", f"invalid TOML: {message}", line)]
        ) from None
    lines = _key_lines(text)
    problems = _check_duplicates(raw, lines)
    catalogue: Catalogue | None = None
    try:
        catalogue = Catalogue.model_validate(raw)
    except ValidationError as error:
        problems.extend(_from_validation(error, raw, lines))
    problems.extend(_check_sources(raw, lines, path, allow_local))
    if catalogue is not None and (catalogue.include or catalogue.overrides):
        catalogue, more = _with_includes(
            catalogue.with_path(path),
            lines,
            allow_local=allow_local,
            stack=stack,
            label=label,
            read=read,
        )
        problems.extend(more)
    elif catalogue is not None:
        catalogue = catalogue.with_origins(_own_origins(catalogue, lines, label), {})
    known = {m.id: m.adapts for m in catalogue.materials} if catalogue is not None else {}
    problems.extend(_check_adaptations(raw, lines, known))
    if problems:
        problems.sort(key=lambda p: (p.file is not None, p.line is None, p.line or 0, p.key))
        raise CatalogueError(path, problems)
    assert catalogue is not None  # noqa: S101 - no problems means validation succeeded
    return catalogue.with_path(path) if path is not None else catalogue


def _with_includes(
    catalogue: Catalogue,
    lines: dict[str, int],
    *,
    allow_local: bool | None,
    stack: tuple[Path, ...],
    label: str,
    read: list[Path],
) -> tuple[Catalogue, list[Problem]]:
    """The catalogue with its includes merged in and its overrides applied."""
    base_dir = catalogue.base_dir
    line = lines.get("include")
    if allow_local is None:  # the including file's setting applies to what it includes
        allow_local = catalogue.settings.allow_local_sources
    problems: list[Problem] = []
    included: list[Included] = []
    for number, entry in enumerate(catalogue.include):
        key = f"include[{number}]"
        try:
            target, name, bundled = include_target(entry, base_dir)
        except LookupError as error:
            problems.append(Problem(key, str(error.args[0]), line))
            continue
        if not bundled:
            name = _named_from(target, stack)
        resolved = target.resolve()
        if resolved in stack:
            chain = " → ".join([*(p.name for p in stack), resolved.name])
            problems.append(Problem(key, f"{entry!r} is a cycle of includes ({chain})", line))
            continue
        try:
            part = _load(target, allow_local, stack=stack, label=name, read=read)
        except CatalogueError as error:
            problems.extend(_from_included(error, key, entry, line, name))
            continue
        included.append(Included(part, name, line))
    own = catalogue.with_origins(_own_origins(catalogue, lines, label), {})
    policy = catalogue.settings.source_policy(allow_local=allow_local)
    merged, found = merge(own, included, own_label=label, lines=lines, policy=policy)
    return merged, [*problems, *found]


def _named_from(target: Path, stack: tuple[Path, ...]) -> str:
    """How messages name an included file: its path from the folder of the file the user named.

    (``chapter.toml`` including ``../shared/region.toml``, which includes ``global.toml``:
    ``../shared/global.toml``.)
    """
    top = stack[0].parent if stack else Path.cwd()
    return os.path.relpath(target.resolve(), top.resolve())


def _own_origins(catalogue: Catalogue, lines: dict[str, int], label: str) -> dict[str, Origin]:
    return {
        material.id: Origin(file=label, line=lines.get(f"materials[{number}]"))
        for number, material in enumerate(catalogue.materials)
    }


def _from_included(
    error: CatalogueError, key: str, entry: str, line: int | None, name: str
) -> list[Problem]:
    """An included file's problems, each naming that file (or, if unreadable, the include)."""
    found = []
    for problem in error.problems:
        if problem.key == "(file)":
            found.append(Problem(key, f"{entry!r}: {problem.message}", line))
        else:
            found.append(replace(problem, file=problem.file or name))
    return found


def _key_lines(text: str) -> dict[str, int]:
    """Map ``materials[2].source``-style keys to their 1-based line in the TOML text."""
    lines: dict[str, int] = {}
    counts: Counter[str] = Counter()
    table = ""
    in_string: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string is not None:
            if line.count(in_string) % 2 == 1:
                in_string = None
            continue
        in_string = _opens_multiline_string(line)
        header = _HEADER.match(line)
        if header:
            name = header.group(2)
            if header.group(1) == "[[":
                table = f"{name}[{counts[name]}]"
                counts[name] += 1
            else:
                table = name
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            full = f"{table}.{key.group(2)}" if table else key.group(2)
            lines.setdefault(full, number)
    return lines


def _opens_multiline_string(line: str) -> str | None:
    """The delimiter of a multi-line string this line opens and leaves open, if any."""
    for delimiter in ('"""', "'''"):
        if line.count(delimiter) % 2 == 1:
            return delimiter
    return None


def _material_label(raw: dict[str, Any], index: int) -> str:
    materials = raw.get("materials")
    if isinstance(materials, list) and index < len(materials):
        entry = materials[index]
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            return f"materials[{index}] ({entry['id']})"
    return f"materials[{index}]"


def _line_for(lines: dict[str, int], parts: list[str]) -> int | None:
    """The line of the longest prefix of ``parts`` that has one (``topics[0]`` → ``topics``)."""
    while parts:
        unindexed = re.sub(r"\[\d+\]$", "", parts[-1])
        for candidate in (parts, [*parts[:-1], unindexed]):
            key = ".".join(candidate)
            if key in lines:
                return lines[key]
        parts = parts[:-1]
    return None


def _from_validation(
    error: ValidationError, raw: dict[str, Any], lines: dict[str, int]
) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        loc = list(item["loc"])
        parts: list[str] = []
        label_parts: list[str] = []
        for index, part in enumerate(loc):
            if isinstance(part, int) and parts:
                parts[-1] = f"{parts[-1]}[{part}]"
                if loc[index - 1] == "materials":
                    label_parts[-1] = _material_label(raw, part)
                else:
                    label_parts[-1] = parts[-1]
            else:
                parts.append(str(part))
                label_parts.append(str(part))
        message = _message(item)
        if loc[0] == "overrides" and item["type"] == "extra_forbidden":
            message = (
                f"unknown key: an override may change {', '.join(OVERRIDABLE)} or set hidden = true"
            )
        problems.append(Problem(".".join(label_parts), message, _line_for(lines, parts)))
    return problems


def _message(item: Any) -> str:  # noqa: ANN401 - pydantic's ErrorDetails
    kind = item["type"]
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required key missing"
    message = str(item["msg"])
    return message.removeprefix("Value error, ")


def _check_duplicates(raw: dict[str, Any], lines: dict[str, int]) -> list[Problem]:
    problems = []
    for table in ("materials", "topics"):
        entries = raw.get(table)
        if not isinstance(entries, list):
            continue
        first: dict[str, int] = {}
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                continue
            ident = entry["id"]
            if ident in first:
                key = f"{table}[{index}].id"
                message = f"duplicate id {ident!r} (first used by {table}[{first[ident]}])"
                problems.append(Problem(key, message, lines.get(key)))
            else:
                first[ident] = index
    return problems


def _check_sources(
    raw: dict[str, Any], lines: dict[str, int], path: Path | None, allow_local: bool | None
) -> list[Problem]:
    materials = raw.get("materials")
    if not isinstance(materials, list):
        return []
    try:
        settings = Settings.model_validate(raw.get("settings", {}))
    except ValidationError:
        settings = Settings()
    policy = settings.source_policy(allow_local=allow_local)
    base_dir = path.parent if path is not None else None
    problems = []
    for index, entry in enumerate(materials):
        source = entry.get("source") if isinstance(entry, dict) else None
        if not isinstance(source, str) or not source:
            continue
        try:
            parse_source(source, policy, base_dir=base_dir)
        except UnsafeSourceError as error:
            key = f"{_material_label(raw, index)}.source"
            problems.append(Problem(key, error.message, lines.get(f"materials[{index}].source")))
    return problems


def _check_adaptations(
    raw: dict[str, Any], lines: dict[str, int], known: dict[str, str | None]
) -> list[Problem]:
    """Each ``adapts`` names another material of the catalogue, and no chain comes back.

    ``known``: the materials of the merged catalogue (its includes' too) and what each adapts.
    """
    materials = raw.get("materials")
    if not isinstance(materials, list):
        return []
    entries = [entry if isinstance(entry, dict) else {} for entry in materials]
    ids = set(known) | {entry.get("id") for entry in entries if isinstance(entry.get("id"), str)}
    adapts = {ident: target for ident, target in known.items() if target is not None}
    adapts.update(
        {
            entry["id"]: entry["adapts"]
            for entry in entries
            if isinstance(entry.get("id"), str) and isinstance(entry.get("adapts"), str)
        }
    )
    problems = []
    for index, entry in enumerate(entries):
        target = entry.get("adapts")
        if not isinstance(target, str):
            continue
        message = None
        if target == entry.get("id"):
            message = "a material cannot adapt itself"
        elif target not in ids:
            message = f"no material {target!r} in the catalogue to adapt"
        else:
            chain = [entry.get("id"), target]
            while chain[-1] in adapts and chain[-1] not in chain[:-1]:
                chain.append(adapts[chain[-1]])
            if chain[-1] == chain[0]:
                message = f"adaptations go round in a circle: {' → '.join(map(str, chain))}"
        if message:
            key = f"{_material_label(raw, index)}.adapts"
            problems.append(Problem(key, message, lines.get(f"materials[{index}].adapts")))
    return problems
