"""GitBook and Honkit books: the lessons are the chapters of ``SUMMARY.md``.

```
LANGS.md                    * [English](en/)  * [Deutsch](de/)     (a multi-language book)
en/SUMMARY.md               * [Introduction to Python](python_introduction/README.md)
en/python_introduction/README.md        de/python_introduction/README.md
en/python_introduction/prompt.md        a fragment pulled in with {% include %}: not a lesson
book.json                   {"root": "./docs"} moves the book into a folder
```

A multi-language book is one site per ``LANGS.md`` entry, each in its language (the folder's
code); the chapters keep their paths across languages, so translations pair by path. A chapter's
``README.md`` has the chapter folder as its lesson key (``python_introduction``).
"""

from __future__ import annotations

import json
import posixpath

from otsmaterials.errors import LanguageCodeError
from otsmaterials.languages.tags import normalize_language
from otsmaterials.layouts.base import Files, Site, is_non_lesson, read_text, strip_extension
from otsmaterials.layouts.summary import navigate, read_summary

__all__ = ["chapter_key", "detect_gitbook"]

_MAX_TOC = 512 * 1024
_PAGES = (".md", ".markdown")


def chapter_key(path: str) -> str:
    """``python_introduction/README.md`` → ``python_introduction``; ``intro.md`` → ``intro``."""
    key = strip_extension(path)
    folder, name = posixpath.split(key)
    return folder if folder and name.lower() in {"readme", "index"} else key


def detect_gitbook(tree: Files) -> list[Site]:
    """The book's sites (one per language for a multi-language book), or none."""
    paths = set(tree.paths)
    root = _book_root(tree, paths)
    langs = posixpath.join(root, "LANGS.md") if root else "LANGS.md"
    summary = posixpath.join(root, "SUMMARY.md") if root else "SUMMARY.md"
    if langs in paths:
        return _multilingual(tree, paths, root, langs)
    if summary in paths:
        site = _book(tree, paths, root, None)
        return [site] if site is not None else []
    return []


def _book_root(tree: Files, paths: set[str]) -> str:
    """``book.json``'s ``root``, if it names a folder of the material; else the top."""
    if "book.json" not in paths:
        return ""
    data = tree.read(["book.json"], max_size=_MAX_TOC).get("book.json")
    try:
        config = json.loads(data or b"{}")
    except (ValueError, RecursionError):
        return ""
    root = config.get("root") if isinstance(config, dict) else None
    if not isinstance(root, str):
        return ""
    folder = posixpath.normpath(root.strip().strip("/")).removeprefix("./")
    return "" if folder in {".", ""} or folder.startswith("..") else folder


def _multilingual(tree: Files, paths: set[str], root: str, langs: str) -> list[Site]:
    text = read_text(tree, langs) or ""
    sites = []
    for chapter in read_summary(text, posixpath.dirname(langs)):
        folder = chapter.path.rstrip("/")
        if f"{folder}/SUMMARY.md" not in paths:
            continue
        code = posixpath.basename(folder)
        site = _book(tree, paths, folder, code)
        if site is not None:
            sites.append(site)
    return sites


def _book(tree: Files, paths: set[str], root: str, code: str | None) -> Site | None:
    summary = f"{root}/SUMMARY.md" if root else "SUMMARY.md"
    chapters = [
        chapter
        for chapter in read_summary(read_text(tree, summary) or "", root)
        if chapter.path in paths and chapter.path.lower().endswith(_PAGES)
    ]
    chapters = [
        c for c in chapters if not is_non_lesson(_relative(root, c.path), root_files_too=False)
    ]
    if not chapters:
        return None
    files = [c.path for c in chapters]
    keys = {path: chapter_key(_relative(root, path)) for path in files}
    site = Site(kind="gitbook", root=root, files=files, keys=keys)
    if code is not None:
        try:
            site.language = normalize_language(code)
        except LanguageCodeError:
            site.language_code = code
    navigate(site, chapters)
    return site


def _relative(root: str, path: str) -> str:
    return path.removeprefix(f"{root}/") if root else path
