"""Languages written into paths: per-language folders and file name suffixes.

* folders: ``de/core/setup.md``, ``pt-BR/…``, ``pt_BR/…`` — a first folder named by a language
  code, recognised when another language folder exists or the same page exists outside it;
* suffixes: ``lesson.de.md`` (always), ``lesson_de.md`` and ``index_de.html`` (only when the
  unsuffixed page exists, so that ``intro_to.md`` is not taken for Tongan).
"""

from __future__ import annotations

from otsmaterials.layouts.base import Candidate, Site, strip_extension
from otsmaterials.layouts.colearning import colearning_key
from otsmaterials.layouts.jekyll import post_key
from otsmaterials.layouts.pathlang import split_folder, split_suffix

__all__ = ["candidates"]


def _key(site: Site, path: str) -> str:
    if site.kind == "colearning":
        return colearning_key(site.relative(path))
    return post_key(path) or strip_extension(site.relative(path))


def candidates(site: Site) -> list[Candidate]:
    """The site's lesson files with their keys and path-given languages."""
    keys = {path: _key(site, path) for path in site.files}
    plain = set(keys.values())
    folders = {split[1] for key in plain if (split := split_folder(key))}
    found = []
    for path, key in keys.items():
        folder = split_folder(key)
        if folder and (len(folders) > 1 or folder[0] in plain):
            found.append(Candidate(folder[0], folder[1], path, "folder"))
            continue
        suffix = split_suffix(key)
        if suffix and (suffix[2] == "." or suffix[0] in plain):
            found.append(Candidate(suffix[0], suffix[1], path, "suffix"))
            continue
        found.append(Candidate(key, None, path))
    return found
