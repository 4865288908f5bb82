"""Jekyll and plain Markdown sites: pages with front matter, a navigation map, posts.

* ``_config.yml``'s ``map:`` (sections with ``subpages:``, each a ``path: /core/setup.html``) gives
  order and sections; the page's own front matter title stays the lesson title.
* ``_posts/YYYY-MM-DD-slug.md`` are chapters ordered by their (invented) dates.
* Section landing pages (``core/README.md``) and the home page (``index.md``) are not lessons when
  the site has other pages.
"""

from __future__ import annotations

import posixpath
import re

from otsmaterials.layouts.base import (
    Files,
    Site,
    SiteKind,
    is_non_lesson,
    life_cycle,
    read_yaml,
    strip_extension,
)
from otsmaterials.layouts.pathlang import named
from otsmaterials.layouts.workbench import site_language

__all__ = ["MARKDOWN_EXTENSIONS", "detect_jekyll", "post_key"]

MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown")
_POST = re.compile(r"^(?:.*/)?_posts/(\d{4}-\d{2}-\d{2})-(.+)$")


def post_key(path: str) -> str | None:
    """``_posts/2013-10-17-intro.md`` → ``intro`` (posts are keyed by slug, not date)."""
    match = _POST.match(strip_extension(path))
    return match.group(2) if match else None


def detect_jekyll(tree: Files) -> list[Site]:
    """A Markdown site: every Markdown page that is not a landing page, README or layout."""
    markdown = [
        path
        for path in tree.paths
        if path.lower().endswith(MARKDOWN_EXTENSIONS)
        and (not is_non_lesson(path) or post_key(path) is not None)
    ]
    if not markdown:
        return []
    notes: list[str] = []
    config = read_yaml(tree, "_config.yml", notes)
    kind: SiteKind = "jekyll" if config or "_config.yml" in tree.paths else "markdown"
    site = Site(kind=kind, root="", files=markdown, notes=notes)
    site.title = config.get("title") if isinstance(config.get("title"), str) else None
    site.language = site_language(config.get("lang"), "_config.yml", notes)
    site.life_cycle = life_cycle(config)
    landing = {path for path in markdown if _landing(path)}
    if len(markdown) > 1:
        alone = _alone(markdown, landing)
        site.files = [p for p in markdown if p not in landing or posixpath.dirname(p) in alone]
    site.keys = {path: key for path in site.files if (key := post_key(path)) is not None}
    _key_readmes_by_folder(site, landing)
    _apply_map(site, config.get("map"))
    _order_posts(site)
    return [site]


def _alone(markdown: list[str], landing: set[str]) -> set[str]:
    """The folders whose README (in one language or more) is the only page in them and below.

    An exercise's, in a repository whose folders hold code beside their README: such a README is
    its folder's lesson, no landing page. The top (and its home page, ``index``) never is.
    """
    busy: set[str] = set()
    for path in markdown:
        own = posixpath.dirname(path)
        folder = own
        while folder:
            if folder != own or path not in landing:
                busy.add(folder)
            folder = posixpath.dirname(folder)
    return {posixpath.dirname(path) for path in landing} - busy - {""}


def _key_readmes_by_folder(site: Site, landing: set[str]) -> None:
    """Key a folder's own README by its folder (``exercises/00_intro``), as a chapter's is.

    Only where no page has that key already.
    """
    taken = {strip_extension(path) for path in site.files}
    for path in site.files:
        folder = posixpath.dirname(path)
        if folder and folder not in taken and path in landing:
            site.keys[path] = folder


def _landing(path: str) -> bool:
    """A section's ``README`` or the home page ``index``, in any language (``README.de.md``)."""
    name = posixpath.basename(strip_extension(path))
    return named(name, "readme") or ("/" not in path and named(name, "index"))


def _apply_map(site: Site, entries: object) -> None:
    """Order and sections from a ``map:`` list of sections with ``subpages:``."""
    if not isinstance(entries, list):
        return
    keys = {strip_extension(path): path for path in site.files}
    for section in entries:
        if not isinstance(section, dict):
            continue
        name = section.get("title") if isinstance(section.get("title"), str) else None
        pages = section.get("subpages")
        for page in pages if isinstance(pages, list) else [section]:
            key = _map_key(page.get("path") if isinstance(page, dict) else None)
            if key is None:
                continue
            for candidate in (key, f"{key}/index", f"{key}/README"):
                if candidate in keys and candidate not in site.order:
                    site.order[candidate] = len(site.order)
                    if name:
                        site.sections[candidate] = name
                    label = page.get("title") if isinstance(page, dict) else None
                    if isinstance(label, str) and label.strip():
                        site.titles[candidate] = label.strip()


def _map_key(path: object) -> str | None:
    if not isinstance(path, str) or "://" in path:
        return None
    key = path.strip().strip("/")
    for suffix in (".html", ".htm", "/index.html"):
        key = key.removesuffix(suffix)
    return key or None


def _order_posts(site: Site) -> None:
    posts = sorted((path for path in site.files if post_key(path)), key=strip_extension)
    for path in posts:
        key = post_key(path)
        if key is not None and key not in site.order:
            site.order[key] = len(site.order)
