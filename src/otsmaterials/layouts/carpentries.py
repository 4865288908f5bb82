"""Carpentries lessons in the older Jekyll style: the episodes are ``_episodes/``.

```
_config.yml                   title: …   lang: es          (the configuration may be absent)
_episodes/01-run-quit.md      a lesson, ordered by its file name
_episodes_rmd/02-plot.Rmd     the R Markdown source of an episode (its ``.md`` twin is built)
_extras/guide.md, setup.md, reference.md, aio.md, index.md: supporting pages, not lessons
```
"""

from __future__ import annotations

import posixpath

from otsmaterials.layouts.base import (
    Files,
    Site,
    life_cycle,
    natural_key,
    read_yaml,
    strip_extension,
)
from otsmaterials.layouts.workbench import EPISODE_EXTENSIONS, site_language

__all__ = ["detect_carpentries"]

_FOLDERS = ("_episodes", "_episodes_rmd")


def detect_carpentries(tree: Files) -> list[Site]:
    """The lesson, or none when there is no ``_episodes/`` folder with episodes."""
    by_key: dict[str, str] = {}
    for path in sorted(tree.paths, key=natural_key):
        folder = posixpath.dirname(path)
        if folder in _FOLDERS and path.lower().endswith(EPISODE_EXTENSIONS):
            key = posixpath.basename(strip_extension(path))
            if folder == "_episodes_rmd" or key not in by_key:
                by_key[key] = path  # an R Markdown source wins over the Markdown built from it
    if not by_key:
        return []
    files = sorted(by_key.values(), key=lambda p: natural_key(posixpath.basename(p)))
    notes: list[str] = []
    keys = {path: posixpath.basename(strip_extension(path)) for path in files}
    site = Site(kind="carpentries", root="", files=files, keys=keys, notes=notes)
    site.order = {keys[path]: position for position, path in enumerate(files)}
    config = read_yaml(tree, "_config.yml", notes)
    site.title = config.get("title") if isinstance(config.get("title"), str) else None
    site.language = site_language(config.get("lang"), "_config.yml", notes)
    site.life_cycle = life_cycle(config)
    return [site]
