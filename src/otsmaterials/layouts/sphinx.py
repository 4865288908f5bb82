"""Sphinx projects: the content root at ``conf.py``, lessons in ``toctree`` order.

```
source/conf.py      language = 'en', locale_dirs = ['locale/'] (read as text, never run)
source/index.rst    the master document: its toctree lists the lessons (not a lesson itself)
source/loops.rst    a lesson; a document no toctree reaches (a licence page) is not one
source/extras/index.rst   a section page holding only a title and a toctree: navigation
source/locale/de/LC_MESSAGES/loops.po   a catalog per document (see gettext.py)
docs/de/conf.py, docs/en/conf.py   one tree per language, file names translated: one site each,
                                   paired by content
```

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
from otsmaterials.formats._rstblocks import scan_rst
from otsmaterials.formats.decode import decode_text
from otsmaterials.formats.document import count_words
from otsmaterials.formats.rst import rst_plain_text
from otsmaterials.languages.tags import is_language_tag, normalize_language
from otsmaterials.layouts.base import Files, Site, is_non_lesson, natural_key, strip_extension

__all__ = ["SphinxConf", "detect_sphinx", "read_conf"]

_MAX_CONFIG = 256 * 1024
_OUTSIDE = 1000
"""Order values from here on mean "in no toctree"."""
_NAVIGATION_WORDS = 50
"""A document with a toctree and fewer words than this besides its title is a section page."""


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
    sites = [site for site in sites if site.files]
    languages = [site.language for site in sites]
    if len(sites) > 1 and None not in languages and len(set(languages)) == len(sites):
        for site in sites:
            site.pairing = "content"  # one tree per language: file names are translated
    return sites


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
    by_doc = {site.key(path): path for path in site.files}
    documents = _documents(tree, by_doc)
    site.order = _toctree_order(documents, by_doc, conf)
    master = f"{prefix}{conf.master_doc}"
    if len(files) > 1:
        site.files = [p for p in files if strip_extension(p) != master]
    if any(position < _OUTSIDE for position in site.order.values()):
        # A document in no toctree is an orphan page (a licence, a search page), not a lesson.
        site.files = [p for p in site.files if site.order.get(site.key(p), 0) < _OUTSIDE]
        _section_pages(site, documents, by_doc)
    return site


@dataclass(frozen=True)
class _Document:
    """What the toctree walk needs of one document."""

    title: str | None
    toctree: tuple[str, ...]
    words: int


def _documents(tree: Files, by_doc: dict[str, str]) -> dict[str, _Document]:
    contents = tree.read(by_doc.values(), max_size=_MAX_CONFIG)
    documents = {}
    for doc, path in by_doc.items():
        if path not in contents:
            continue
        with contextlib.suppress(ParseError):
            scan = scan_rst(decode_text(contents[path], path).text)
            titles = [block for block in scan.blocks if block.kind == "title"]
            body = [block.source for block in scan.blocks if block not in titles[:1]]
            documents[doc] = _Document(
                title=rst_plain_text(titles[0].source) if titles else None,
                toctree=tuple(scan.toctree),
                words=count_words(" ".join(body)),
            )
    return documents


def _toctree_order(
    documents: dict[str, _Document], by_doc: dict[str, str], conf: SphinxConf
) -> dict[str, int]:
    """Lesson key → position, depth first through the toctrees from the master document."""
    order: dict[str, int] = {}
    stack = [conf.master_doc]
    seen: set[str] = set()
    while stack:
        doc = stack.pop()
        if doc in seen or doc not in documents:
            continue
        seen.add(doc)
        if doc != conf.master_doc:
            order[doc] = len(order)
        children = [_resolve(doc, entry, by_doc) for entry in documents[doc].toctree]
        stack.extend(reversed([child for child in children if child]))
    for doc in sorted(set(by_doc) - seen - {conf.master_doc}, key=natural_key):
        order[doc] = len(order) + _OUTSIDE
    return order


def _section_pages(site: Site, documents: dict[str, _Document], by_doc: dict[str, str]) -> None:
    """Section pages (a title and a toctree) are navigation: their title names their section."""
    for doc, document in documents.items():
        if not document.toctree or document.words >= _NAVIGATION_WORDS or doc not in site.order:
            continue
        if len(site.files) <= 1:
            return
        site.files = [p for p in site.files if site.key(p) != doc]
        for entry in document.toctree:
            child = _resolve(doc, entry, by_doc)
            if child and document.title:
                site.sections.setdefault(child, document.title)


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
