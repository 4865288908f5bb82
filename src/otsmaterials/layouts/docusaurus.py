"""Docusaurus sites: the docs of ``docs/`` and their translations under ``i18n/``.

```
docusaurus.config.js     i18n: { defaultLocale: 'en', locales: ['en', 'fr'] }
docs/intro.md            docs/tutorial/basics.md                          the original pages
i18n/fr/docusaurus-plugin-content-docs/current/intro.md                   the French intro
```

The docs are one site in the default locale; each locale's ``current`` folder is a site in that
locale, its pages pairing with the docs by path. Where the default locale has such a folder too
(a site built for one locale at a time), the docs' text tells their language. The configuration
may sit at the top or in a ``website/`` folder. Pages are Markdown (``.md``); MDX pages
(``.mdx``, Markdown with JSX) are not read. The blog is no lesson.
"""

from __future__ import annotations

import posixpath
import re

from otsmaterials.errors import LanguageCodeError
from otsmaterials.languages.tags import normalize_language
from otsmaterials.layouts.base import Files, Site, is_non_lesson, natural_key, read_text

__all__ = ["detect_docusaurus"]

_CONFIGS = tuple(
    f"{folder}docusaurus.config.{ext}"
    for folder in ("", "website/")
    for ext in ("js", "ts", "mjs", "cjs")
)
"""Where the configuration may be, in the order looked at."""
_DEFAULT_LOCALE = re.compile(r"""defaultLocale\s*:\s*['"]([A-Za-z0-9_-]{2,20})['"]""")
_TRANSLATED = "docusaurus-plugin-content-docs/current"
_PAGES = (".md", ".markdown")


def detect_docusaurus(tree: Files) -> list[Site]:
    """The docs and each locale's translation of them, or none."""
    paths = set(tree.paths)
    config = next((path for path in _CONFIGS if path in paths), None)
    if config is None:
        return []
    base = posixpath.dirname(config)
    found = _DEFAULT_LOCALE.search(read_text(tree, config) or "")
    i18n = f"{_join(base, 'i18n')}/"
    locales = sorted({p[len(i18n) :].split("/", 1)[0] for p in paths if p.startswith(i18n)})
    translations = [
        site
        for locale in locales
        if (site := _site(paths, f"{i18n}{locale}/{_TRANSLATED}", locale)) is not None
    ]
    default = found[1] if found else None
    if any(site.root.startswith(f"{i18n}{default}/") for site in translations):
        default = None  # the default locale translated too: the docs' text tells their language
    docs = _site(paths, _join(base, "docs"), default)
    return [docs, *translations] if docs is not None else []


def _site(paths: set[str], root: str, locale: str | None) -> Site | None:
    prefix = f"{root}/"
    files = sorted(
        (
            p
            for p in paths
            if p.startswith(prefix)
            and p.lower().endswith(_PAGES)
            and not is_non_lesson(p[len(prefix) :], root_files_too=False)
        ),
        key=natural_key,
    )
    if not files:
        return None
    site = Site(kind="docusaurus", root=root, files=files)
    if locale is not None:
        try:
            site.language = normalize_language(locale)
        except LanguageCodeError:
            site.language_code = locale
    return site


def _join(folder: str, name: str) -> str:
    return posixpath.join(folder, name) if folder else name
