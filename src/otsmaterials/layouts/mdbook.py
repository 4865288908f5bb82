"""mdBook books: ``book.toml`` and the chapters of ``<src>/SUMMARY.md``.

```
book.toml          [book] src = "src", language = "en", title = "…"
src/SUMMARY.md     [Welcome](index.md)  - [Hello, World](hello-world.md)  # Day 1  ---  - [Later]()
src/hello-world.md
po/de.po           mdbook-i18n-helpers: one catalog per language for the whole book, its
po/pt-BR.po        `#: src/hello-world.md` references saying which page each message is from
```

The table of contents chooses the lessons (draft chapters, which have no file yet, are left out),
their order, their part (``# Day 1: Morning``) and, for a page without a heading of its own, the
title. ``book.toml``'s ``language`` is the book's language. The translations are the catalogs of
``po/`` (or ``[preprocessor.gettext] po-dir``), one per language: each page's completeness comes
from the messages whose references name it.
"""

from __future__ import annotations

import posixpath
import tomllib
from typing import Any

from otsmaterials.errors import LanguageCodeError, ParseError
from otsmaterials.formats.decode import decode_text
from otsmaterials.languages.tags import normalize_language
from otsmaterials.layouts.base import Files, Site, read_text
from otsmaterials.layouts.summary import navigate, read_summary

__all__ = ["detect_mdbook"]

_MAX_CONFIG = 256 * 1024
_PAGES = (".md", ".markdown")


def detect_mdbook(tree: Files) -> list[Site]:
    """The book, or none: the shallowest ``book.toml`` with a ``SUMMARY.md`` beside its pages."""
    configs = sorted(
        (p for p in tree.paths if posixpath.basename(p) == "book.toml"),
        key=lambda p: (p.count("/"), p),
    )
    paths = set(tree.paths)
    for config_path in configs:
        folder = posixpath.dirname(config_path)
        site = Site(kind="mdbook", root="", files=[])
        config = _config(tree, config_path, site.notes)
        found = config.get("book")
        book: dict[str, Any] = found if isinstance(found, dict) else {}
        source = book.get("src") if isinstance(book.get("src"), str) else "src"
        root = posixpath.normpath(posixpath.join(folder, str(source).strip("/") or "."))
        site.root = "" if root == "." else root
        summary = f"{site.root}/SUMMARY.md" if site.root else "SUMMARY.md"
        if summary not in paths or root.startswith(".."):
            continue
        chapters = [
            chapter
            for chapter in read_summary(read_text(tree, summary) or "", site.root)
            if chapter.path in paths and chapter.path.lower().endswith(_PAGES)
        ]
        site.files = [chapter.path for chapter in chapters]
        navigate(site, chapters)
        site.title = book.get("title") if isinstance(book.get("title"), str) else None
        language = book.get("language")
        if isinstance(language, str):
            try:
                site.language = normalize_language(language)
            except LanguageCodeError:
                site.notes.append(f"{config_path}: language {language!r} is not a language code")
        site.catalogs = _catalogs(paths, posixpath.join(folder, _po_dir(config)))
        return [site]
    return []


def _po_dir(config: dict[str, Any]) -> str:
    """``[preprocessor.gettext] po-dir``, else mdbook-i18n-helpers' default ``po``."""
    preprocessors = config.get("preprocessor")
    gettext = preprocessors.get("gettext") if isinstance(preprocessors, dict) else None
    folder = gettext.get("po-dir") if isinstance(gettext, dict) else None
    if isinstance(folder, str) and folder.strip("/") and ".." not in folder.split("/"):
        return folder.strip("/")
    return "po"


def _catalogs(paths: set[str], po_dir: str) -> tuple[tuple[str, str], ...]:
    """``(po/de.po, "de")`` for each catalog named by a language code."""
    po_dir = posixpath.normpath(po_dir)
    found = []
    for path in sorted(paths):
        folder, name = posixpath.split(path)
        if posixpath.normpath(folder or ".") != po_dir or not name.endswith(".po"):
            continue
        try:
            found.append((path, normalize_language(name.removesuffix(".po"))))
        except LanguageCodeError:
            continue
    return tuple(found)


def _config(tree: Files, path: str, notes: list[str]) -> dict[str, Any]:
    data = tree.read([path], max_size=_MAX_CONFIG).get(path)
    if data is None:
        notes.append(f"{path}: too large to read; its settings ignored")
        return {}
    try:
        return tomllib.loads(decode_text(data, path).text)
    except (tomllib.TOMLDecodeError, ParseError, RecursionError) as error:
        notes.append(f"{path}: not valid TOML ({error}); its settings ignored")
        return {}
