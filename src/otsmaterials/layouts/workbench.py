"""The Carpentries Workbench (sandpaper): ``config.yaml`` lists the episodes.

```
config.yaml         lang: 'es'   episodes: [01-intro.Rmd, 02-project.md]   learners: […]
episodes/01-intro.Rmd          a lesson (R Markdown is Markdown with code chunks)
episodes/data/feline-data.csv  exercise data: never a lesson, even a .md file
learners/setup.md              a supporting page (learners:, instructors:, profiles:): not a lesson
```

The episodes are the lessons, in the order of ``episodes:`` (without the list, every Markdown
file of ``episodes/`` in name order). ``lang:`` is the lesson's language.
"""

from __future__ import annotations

import posixpath

from otsmaterials.errors import LanguageCodeError
from otsmaterials.languages.tags import normalize_language
from otsmaterials.layouts.base import Files, Site, life_cycle, natural_key, read_yaml

__all__ = ["EPISODE_EXTENSIONS", "detect_workbench", "site_language"]

EPISODE_EXTENSIONS = (".md", ".rmd")
"""Episode files (compared in lower case)."""


def detect_workbench(tree: Files) -> list[Site]:
    """The lesson, or none: a ``config.yaml`` with ``episodes:`` or an ``episodes/`` folder."""
    paths = set(tree.paths)
    if "config.yaml" not in paths:
        return []
    notes: list[str] = []
    config = read_yaml(tree, "config.yaml", notes)
    episodes = [
        p
        for p in sorted(paths, key=natural_key)
        if posixpath.dirname(p) == "episodes" and p.lower().endswith(EPISODE_EXTENSIONS)
    ]
    if "episodes" not in config and not episodes:
        return []
    listed = config.get("episodes")
    if isinstance(listed, list) and listed:
        named = [f"episodes/{name}" for name in listed if isinstance(name, str)]
        files = [path for path in named if path in paths]
        notes.extend(
            f"config.yaml: episode {path!r} is not in the repository"
            for path in named
            if path not in paths
        )
    else:
        files = episodes
    site = Site(kind="workbench", root="episodes", files=files, notes=notes)
    site.order = {site.key(path): position for position, path in enumerate(files)}
    site.title = config.get("title") if isinstance(config.get("title"), str) else None
    site.language = site_language(config.get("lang"), "config.yaml", notes)
    site.life_cycle = life_cycle(config)
    return [site]


def site_language(value: object, where: str, notes: list[str]) -> str | None:
    """A site's ``lang:`` setting as a BCP 47 tag; an invalid one is noted and ignored."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return normalize_language(value.strip())
    except LanguageCodeError:
        notes.append(f"{where}: lang {value!r} is not a language code; ignored")
        return None
