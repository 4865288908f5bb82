"""What a licence statement covers: the lessons (content), the code, or the whole material.

* A statement's own words decide first: the clause that names the licence, else its sentence or
  list item, else the heading of its section ("Instructional Material" / "Software", "`.md`
  files, documentation" / "source code and code examples"); the first such word wins (the
  subject).
* An ``SPDX-License-Identifier`` in a lesson file (``.md``, ``.rst``, ``.html`` …) covers that
  content; in a ``.py`` or ``.js`` file, code. REUSE annotations and ``dep5`` stanzas cover the
  files their patterns name.
* A statement that says nothing about its scope covers everything — unless the material names a
  Creative Commons or GNU documentation licence and a software licence side by side; then the
  first is the content's and the second the code's.
"""

from __future__ import annotations

import posixpath
import re
from typing import Literal

from otsmaterials.layouts.base import LESSON_EXTENSIONS

__all__ = ["Scope", "content_kind", "scope_of_files", "scope_of_statement"]

Scope = Literal["all", "content", "code"]

_CONTENT = re.compile(
    r"non[\s-]*(?:source[\s-]*)?code|\.md\b|\bmarkdown\b|documentation|\bdocs?\b|\bcontents?\b"
    r"|lessons?|\bmaterials?\b|instructional|tutorials?|\bcourse\b|\bbook\b|\btexts?\b|\bprose\b"
    r"|\bimages?\b|\bslides?\b|\bprose\b|Inhalte?|Dokumentation|Lektion|Lehrmaterial|contenu"
    r"|contenido|conteúdo|lecciones|leçons",
    re.IGNORECASE,
)
_CODE = re.compile(
    r"\bsource[\s-]*code\b|\bcode\b|\bsoftware\b|\bprograms?\b|\bscripts?\b|Quellcode|código"
    r"|logiciel|\bexercises?\s+code",
    re.IGNORECASE,
)
_CODE_EXTENSIONS = (
    ".py",
    ".js",
    ".ts",
    ".rs",
    ".java",
    ".c",
    ".h",
    ".cpp",
    ".go",
    ".rb",
    ".sh",
    ".css",
    ".scss",
    ".r",
    ".php",
    ".kt",
    ".swift",
    ".ipynb",
)


def scope_of_statement(before: str, heading: str = "") -> Scope:
    """The scope a statement gives itself.

    ``before``: its sentence up to the licence's name; ``heading``: its section's heading.
    """
    clause = re.split(r"[,;]\s", before)[-1]  # "the lessons under X, the code under Y"
    for text in (clause, before, heading):
        content, code = _CONTENT.search(text), _CODE.search(text)
        if content and (not code or content.start() <= code.start()):
            return "content"
        if code:
            return "code"
    return "all"


def scope_of_files(patterns: list[str]) -> Scope:
    """The scope of a REUSE annotation or ``dep5`` stanza from its path patterns."""
    scopes = set()
    for pattern in patterns:
        extension = posixpath.splitext(pattern.lower())[1]
        if extension in LESSON_EXTENSIONS or extension in {".txt", ".png", ".jpg", ".svg"}:
            scopes.add("content")
        elif extension in _CODE_EXTENSIONS:
            scopes.add("code")
        else:
            scopes.add("all")
    return scopes.pop() if len(scopes) == 1 else "all"  # type: ignore[return-value]


def scope_of_file(path: str) -> Scope:
    """The scope of an ``SPDX-License-Identifier`` header in the file ``path``."""
    return scope_of_files([path])


def content_kind(spdx: str) -> bool | None:
    """Whether a licence is made for content (``True``) or for software (``False``).

    Content: the Creative Commons BY family, the GNU FDL; ``None`` for those used for both (CC0)
    and for unknown ids.
    """
    if spdx in {"CC0-1.0", "NOASSERTION"}:
        return None
    if re.match(r"(?:LicenseRef-)?CC-BY|GFDL-", spdx):
        return True
    if re.match(r"(?:MIT|ISC|0BSD|BSD-|Apache-|MPL-|GPL-|LGPL-|AGPL-|Unlicense)", spdx):
        return False
    return None
