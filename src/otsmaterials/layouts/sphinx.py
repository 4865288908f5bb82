"""Sphinx projects: the content root at ``conf.py``, lessons in ``toctree`` order.

``conf.py`` is read as text, never executed (real ones are Python 2): only ``language``,
``locale_dirs``, ``master_doc``/``root_doc``, ``project`` and ``source_suffix`` are picked out.
"""

from __future__ import annotations

import ast
import contextlib
import posixpath
import re
from dataclasses import dataclass

from otsmaterials.errors import ParseError
from otsmaterials.formats.decode import decode_text
from otsmaterials.formats.rst import toctree_entries
from otsmaterials.languages import is_language_tag, normalize_language
from otsmaterials.layouts.base import Files, Site, is_non_lesson, natural_key, strip_extension

__all__ = ["SphinxConf", "detect_sphinx", "read_conf"]

_MAX_CONFIG = 256 * 1024
_OUTSIDE = 1000
"""Order values from here on mean "in no toctree"."""


@dataclass(frozen=True)
class SphinxConf:
    """The few ``conf.py`` values the index needs."""

    language: str | None = None
    """``language`` (BCP 47), if set and valid."""
    locale_dirs: tuple[str, ...] = ("locales",)
    """``locale_dirs``, relative to the source directory (Sphinx's default is ``locales``)."""
    master_doc: str = "index"
    """``root_doc``/``master_doc``."""
    project: str | None = None
    """``project``."""
    suffixes: tuple[str, ...] = (".rst",)
    """``source_suffix``."""


def _literal(text: str, name: str) -> object:
    match = re.search(rf"^{name}\s*=\s*(.+?)\s*(?:#.*)?$", text, re.MULTILINE)
    if match is None:
        return None
    value = match.group(1)
    if value.startswith("[") and not value.rstrip().endswith("]"):
        end = text.find("]", match.start(1))
        value = text[match.start(1) : end + 1] if end != -1 else value
    try:
        return ast.literal_eval(re.sub(r"\bu(['\"])", r"\1", value))
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None


def read_conf(text: str) -> SphinxConf:
    """Pick the values the index needs out of a ``conf.py`` (never executed)."""
    language = _literal(text, "language")
    locale_dirs = _literal(text, "locale_dirs")
    master = _literal(text, "root_doc") or _literal(text, "master_doc")
    project = _literal(text, "project")
    suffix = _literal(text, "source_suffix")
    suffixes: tuple[str, ...] = (".rst",)
    if isinstance(suffix, str):
        suffixes = (suffix,)
    elif isinstance(suffix, list | tuple | dict):
        suffixes = tuple(str(item) for item in suffix)
    return SphinxConf(
        language=normalize_language(language)
        if isinstance(language, str) and is_language_tag(language)
        else None,
        locale_dirs=tuple(str(d).strip("/") for d in locale_dirs)
        if isinstance(locale_dirs, list | tuple)
        else ("locales",),
        master_doc=master if isinstance(master, str) else "index",
        project=project if isinstance(project, str) else None,
        suffixes=suffixes,
    )


def detect_sphinx(tree: Files) -> list[Site]:
    """One site per ``conf.py`` (several for one tree per language), or none."""
    confs = [p for p in tree.paths if posixpath.basename(p) == "conf.py" and not is_non_lesson(p)]
    if not confs:
        return []
    texts = tree.read(confs, max_size=_MAX_CONFIG)
    sites = []
    for conf_path in sorted(confs, key=lambda p: (p.count("/"), p)):
        if conf_path not in texts:
            continue
        try:
            conf = read_conf(decode_text(texts[conf_path], conf_path).text)
        except ParseError:
            conf = SphinxConf()
        sites.append(_site(tree, posixpath.dirname(conf_path), conf))
    return [site for site in sites if site.files]


def _site(tree: Files, root: str, conf: SphinxConf) -> Site:
    prefix = f"{root}/" if root else ""
    locale_dirs = tuple(posixpath.normpath(f"{prefix}{d}") for d in conf.locale_dirs)
    files = [
        path
        for path in tree.paths
        if path.startswith(prefix)
        and path.endswith(conf.suffixes)
        and not is_non_lesson(path.removeprefix(prefix))
        and not any(path.startswith(f"{d}/") for d in locale_dirs)
    ]
    site = Site(
        kind="sphinx",
        root=root,
        files=files,
        language=conf.language,
        locale_dirs=locale_dirs,
        title=conf.project,
    )
    site.order = _toctree_order(tree, site, conf)
    master = f"{prefix}{conf.master_doc}"
    if len(files) > 1:
        site.files = [p for p in files if strip_extension(p) != master]
    if any(position < _OUTSIDE for position in site.order.values()):
        # A document in no toctree is an orphan page (a licence, a search page), not a lesson.
        site.files = [
            p for p in site.files if site.order.get(strip_extension(site.relative(p)), 0) < _OUTSIDE
        ]
    return site


def _toctree_order(tree: Files, site: Site, conf: SphinxConf) -> dict[str, int]:
    """Lesson key → position, depth first through the toctrees from the master document."""
    by_doc = {strip_extension(site.relative(path)): path for path in site.files}
    contents = tree.read(by_doc.values(), max_size=_MAX_CONFIG)
    texts = {}
    for doc, path in by_doc.items():
        if path in contents:
            with contextlib.suppress(ParseError):
                texts[doc] = decode_text(contents[path], path).text
    order: dict[str, int] = {}
    stack = [conf.master_doc]
    seen: set[str] = set()
    while stack:
        doc = stack.pop()
        if doc in seen or doc not in texts:
            continue
        seen.add(doc)
        if doc != conf.master_doc:
            order[doc] = len(order)
        children = [_resolve(doc, entry, by_doc) for entry in toctree_entries(texts[doc])]
        stack.extend(reversed([child for child in children if child]))
    for doc in sorted(set(by_doc) - seen - {conf.master_doc}, key=natural_key):
        order[doc] = len(order) + _OUTSIDE
    return order


def _resolve(current: str, entry: str, docs: dict[str, str]) -> str | None:
    target = entry.strip()
    if target.startswith(("http://", "https://")):
        return None
    if target.startswith("/"):
        doc = target.lstrip("/")
    else:
        doc = posixpath.normpath(posixpath.join(posixpath.dirname(current), target))
    doc = strip_extension(doc)
    return doc if doc in docs else None
