"""Plain HTML sites: pages with ``<title>``/``<h1>``, ordered by the links of ``index.html``.

Only a material without Markdown, reST or a Jekyll configuration is an HTML site: elsewhere HTML
files are layouts or built output.
"""

from __future__ import annotations

import contextlib
import posixpath

from otsmaterials.errors import ParseError
from otsmaterials.formats.decode import decode_text
from otsmaterials.formats.html import html_links
from otsmaterials.layouts.base import Files, Site, is_non_lesson, natural_key, strip_extension
from otsmaterials.layouts.pathlang import unmarked_names

__all__ = ["HTML_EXTENSIONS", "detect_html"]

HTML_EXTENSIONS = (".html", ".htm")


def detect_html(tree: Files) -> list[Site]:
    """An HTML site, or ``None`` when the material has no HTML pages of its own."""
    pages = [p for p in tree.paths if p.lower().endswith(HTML_EXTENSIONS) and not is_non_lesson(p)]
    if not pages:
        return []
    site = Site(kind="html", root="", files=sorted(pages, key=natural_key))
    index = next((p for p in ("index.html", "index.htm") if p in pages), None)
    if index is not None:
        site.order = _link_order(tree, index, pages)
        if site.order and len(pages) > 1:
            site.files = [p for p in site.files if not _is_index(p)]
    return [site]


def _is_index(path: str) -> bool:
    """``index.html`` and its translations (``index_de.html``): the overview, not a lesson."""
    return "index" in unmarked_names(strip_extension(path))


def _link_order(tree: Files, index: str, pages: list[str]) -> dict[str, int]:
    data = tree.read([index], max_size=512 * 1024).get(index)
    if data is None:
        return {}
    links: list[str] = []
    with contextlib.suppress(ParseError):
        links = html_links(decode_text(data, index).text)
    keys = {strip_extension(page) for page in pages}
    order: dict[str, int] = {}
    for link in links:
        target = link.split("#", 1)[0].split("?", 1)[0]
        if not target or "://" in target or target.startswith(("mailto:", "/")):
            continue
        key = strip_extension(posixpath.normpath(target))
        if key in keys and key not in order and key != "index":
            order[key] = len(order)
    return order
