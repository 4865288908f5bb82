"""The bundled demo: three small multilingual materials, made into git repositories offline.

``create_demo(DIR)`` writes ``DIR/repos/<id>.git`` (one bare repository per material, with the
commits and branches of ``materials/manifest.toml``) and ``DIR/catalogue.toml`` naming them as
local sources, so that every command can be tried on it.
"""

from __future__ import annotations

import shutil
import tomllib
from datetime import datetime
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from otsmaterials._git.create import NewCommit, create_repository
from otsmaterials._git.process import GitRunner
from otsmaterials._support.atomic import write_text_atomic
from otsmaterials.catalogue.model import Catalogue, MaterialSpec, Settings, TopicSpec
from otsmaterials.catalogue.write import dump_catalogue
from otsmaterials.errors import InputError

__all__ = ["DEMO_MARKER", "create_demo"]

DEMO_MARKER = ".otsmaterials-demo"
"""A file marking a directory as made by ``otsmaterials demo`` (so it may be made again)."""
_TOPICS = {"python": "Python", "web-development": "Web Development", "javascript": "JavaScript"}


def _materials() -> Traversable:
    return files("otsmaterials").joinpath("demo", "materials")


def _tree(folder: Traversable, prefix: str = "") -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        name = f"{prefix}{item.name}"
        if item.is_dir():
            found.update(_tree(item, f"{name}/"))
        elif item.name != "__pycache__":
            found[name] = item.read_bytes()
    return found


def _commits(root: Traversable, entry: dict[str, Any]) -> list[NewCommit]:
    return [
        NewCommit(
            branch=commit["branch"],
            files=_tree(root.joinpath(entry["id"], commit["tree"])),
            author=commit["author"],
            date=datetime.fromisoformat(commit["date"]),
            message=commit["message"],
        )
        for commit in entry["commits"]
    ]


def _prepare(directory: Path) -> None:
    if directory.exists() and any(directory.iterdir()):
        if not (directory / DEMO_MARKER).is_file():
            raise InputError(
                "the directory is not empty and was not made by `otsmaterials demo`",
                path=directory,
            )
        shutil.rmtree(directory / "repos", ignore_errors=True)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / DEMO_MARKER).write_text("made by otsmaterials demo\n", encoding="utf-8")


def create_demo(directory: str | Path) -> Path:
    """Make the demo repositories and catalogue in ``directory``; return the catalogue's path."""
    target = Path(directory).resolve()
    _prepare(target)
    root = _materials()
    manifest = tomllib.loads(root.joinpath("manifest.toml").read_text(encoding="utf-8"))
    runner = GitRunner(home=target / "cache" / "home")
    specs = []
    for entry in manifest["materials"]:
        repository = target / "repos" / f"{entry['id']}.git"
        create_repository(runner, repository, _commits(root, entry))
        specs.append(
            MaterialSpec(
                id=entry["id"],
                title=entry["title"],
                description=entry.get("description", ""),
                source=f"repos/{entry['id']}.git",
                language=entry.get("language", "en"),
                branches=entry.get("branches", {}),
                topics=tuple(entry.get("topics", ())),
            )
        )
    catalogue = Catalogue(
        name="otsmaterials demo",
        settings=Settings(allow_local_sources=True, cache_dir="cache", index="otsmaterials.sqlite"),
        topics=tuple(TopicSpec(id=i, name=n) for i, n in _TOPICS.items()),
        materials=tuple(specs),
    )
    path = target / "catalogue.toml"
    header = "The otsmaterials demo catalogue (made by `otsmaterials demo`)."
    write_text_atomic(path, dump_catalogue(catalogue, header=header))
    return path
