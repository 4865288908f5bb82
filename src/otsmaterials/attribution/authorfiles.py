"""Authors a material names itself: Jekyll ``_data/authors.yml``, AUTHORS files, authors pages."""

from __future__ import annotations

import contextlib
import posixpath
import re

from otsmaterials._support.safeyaml import load_yaml
from otsmaterials.attribution.people import Contribution, is_bot
from otsmaterials.errors import ParseError
from otsmaterials.formats.decode import decode_text
from otsmaterials.layouts.base import Tree, is_non_lesson

__all__ = ["declared_authors"]

_AUTHOR_FILE = re.compile(r"^(authors|contributors|autoren|credits)(\.[a-z]+)?$", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?P<entry>.+?)\s*$")
_PLAIN = re.compile(r"^(?P<name>[^<>()\[\]:#=]{2,80}?)\s*(?:<(?P<email>[^>]+)>)?\s*$")


def declared_authors(tree: Tree) -> list[Contribution]:
    """People the material itself lists as its authors."""
    found: list[Contribution] = []
    paths = [
        p
        for p in tree.paths
        if not is_non_lesson(p, root_files_too=False) or p.startswith("_data/")
    ]
    wanted = [
        p
        for p in paths
        if p in {"_data/authors.yml", "_data/authors.yaml"}
        or _AUTHOR_FILE.match(posixpath.basename(p))
    ]
    contents = tree.read(wanted, max_size=256 * 1024)
    for path in sorted(contents):
        with contextlib.suppress(ParseError):
            if path.startswith("_data/"):
                found.extend(_from_yaml(contents[path], path))
            else:
                found.extend(_from_list(decode_text(contents[path], path).text))
    return found


def _from_yaml(data: bytes, path: str) -> list[Contribution]:
    loaded = load_yaml(data, path=path)
    entries = loaded.values() if isinstance(loaded, dict) else loaded
    found = []
    for entry in list(entries) if isinstance(loaded, dict | list) else []:
        if not isinstance(entry, dict):
            continue
        name = entry.get("name") or " ".join(
            str(entry[k]) for k in ("firstname", "lastname") if entry.get(k)
        )
        email = entry.get("email")
        if isinstance(name, str) and name.strip() and not is_bot(name):
            found.append(
                Contribution(name.strip(), email if isinstance(email, str) else None, "author")
            )
    return found


def _from_list(text: str) -> list[Contribution]:
    found = []
    items = [m["entry"] for line in text.splitlines() if (m := _LIST_ITEM.match(line))]
    # Without list items, only "Name <email>" lines count (a title line is not a person).
    lines = items or [line.strip() for line in text.splitlines() if "<" in line and "@" in line]
    for line in lines:
        match = _PLAIN.match(line.strip("`*_ "))
        if match and not is_bot(match["name"]) and len(match["name"].split()) <= 6:
            found.append(Contribution(match["name"].strip(), match["email"], "author"))
    return found
