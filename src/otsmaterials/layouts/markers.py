"""Languages written into paths: per-language folders and file name suffixes.

* folders: ``de/core/setup.md``, ``pt-BR/…``, ``pt_BR/…`` — a first folder named by a language
  code, recognised when another language folder exists or the same page exists outside it;
* suffixes: ``lesson.de.md`` (always), ``lesson_de.md`` and ``index_de.html`` (only when the
  unsuffixed page exists, so that ``intro_to.md`` is not taken for Tongan).

A folder written as a language and region that is no valid tag (``me-ME``, ``es-LA``) beside
real language folders is a language folder too, and so is such a suffix (``setup.me-ME.md``)
beside the page without it; the code is kept for the report (or the catalogue's mapping).
"""

from __future__ import annotations

from otsmaterials.layouts.base import Candidate, Site
from otsmaterials.layouts.pathlang import looks_like_code, split_folder, split_suffix

__all__ = ["candidates"]


def candidates(site: Site) -> list[Candidate]:
    """The site's lesson files with their keys and path-given languages."""
    keys = {path: site.key(path) for path in site.files}
    plain = set(keys.values())
    split_keys = [split for key in plain if (split := split_folder(key))]
    folders = {language for _rest, language in split_keys}
    known = plain | {rest for rest, _language in split_keys}
    found = []
    for path, key in keys.items():
        folder = split_folder(key)
        if folder and (len(folders) > 1 or folder[0] in plain):
            found.append(Candidate(folder[0], folder[1], path, "folder"))
            continue
        suffix = split_suffix(key) if path not in site.keys else None  # a name, not a folder
        if suffix and (suffix[2] == "." or suffix[0] in plain):
            found.append(Candidate(suffix[0], suffix[1], path, "suffix"))
            continue
        first, _, rest = key.partition("/")
        if folders and rest and looks_like_code(first) and rest in known:
            found.append(Candidate(rest, None, path, "folder", code=first))
            continue
        stem, dot, code = key.rpartition(".")
        if dot and path not in site.keys and looks_like_code(code) and stem in plain:
            found.append(Candidate(stem, None, path, "suffix", code=code))
            continue
        found.append(Candidate(key, None, path))
    return found
