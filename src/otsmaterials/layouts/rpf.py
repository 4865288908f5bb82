"""Project pages in the Raspberry Pi Foundation's format: one folder per language.

```
en/meta.yml        title: Boat race   steps: [- title: What you will make, - title: …]
en/step_1.md       the first step (its only heading may be a `##` one)
de-DE/meta.yml     the German project's own steps (a translation may follow an older structure)
de-DE/step_10.md   a step the German ``meta.yml`` no longer lists: not a lesson
en/images/, en/solutions/, en/resources/   not lessons
```

Each folder with a ``meta.yml`` listing ``steps:`` is a site in the folder's language: its lessons
are ``step_1.md`` … ``step_N.md`` for the N steps listed, titled by the list.
"""

from __future__ import annotations

import posixpath

from otsmaterials.errors import LanguageCodeError
from otsmaterials.languages.tags import normalize_language
from otsmaterials.layouts.base import Files, Site, read_yaml

__all__ = ["detect_rpf"]

_MAX_STEPS = 200


def detect_rpf(tree: Files) -> list[Site]:
    """One site per language folder holding a ``meta.yml`` with ``steps:``, or none."""
    paths = set(tree.paths)
    folders = sorted(
        posixpath.dirname(p)
        for p in paths
        if posixpath.basename(p) == "meta.yml"
        and p.count("/") == 1
        and f"{posixpath.dirname(p)}/step_1.md" in paths
    )
    sites = [site for folder in folders if (site := _site(tree, paths, folder)) is not None]
    return sites if len(sites) == len(folders) else []


def _site(tree: Files, paths: set[str], folder: str) -> Site | None:
    meta_path = f"{folder}/meta.yml"
    site = Site(kind="rpf", root=folder, files=[])
    meta = read_yaml(tree, meta_path, site.notes)
    steps = meta.get("steps")
    if not isinstance(steps, list):
        return None
    for number, step in enumerate(steps[:_MAX_STEPS], start=1):
        path = f"{folder}/step_{number}.md"
        if path not in paths:
            site.notes.append(f"{meta_path}: step {number} has no file {path}")
            continue
        site.files.append(path)
        key = site.key(path)
        site.order[key] = number - 1
        title = step.get("title") if isinstance(step, dict) else None
        if isinstance(title, str) and title.strip():
            site.titles[key] = title.strip()
    site.title = meta.get("title") if isinstance(meta.get("title"), str) else None
    try:
        site.language = normalize_language(folder)
    except LanguageCodeError:
        site.language_code = folder
    return site
