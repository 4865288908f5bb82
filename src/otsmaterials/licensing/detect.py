"""A material's licences from every place one is stated, with the evidence and the conflicts.

Sources, strongest first: the catalogue's override; REUSE (``REUSE.toml``, ``.reuse/dep5``,
``LICENSES/``); LICENSE / LICENCE / COPYING files (full legal text or a short notice); licence
and copyright pages; licence sections of the README; site layout footers (``_layouts/*.html``);
package metadata (``package.json`` "license", free text such as "CC BY-SA 3.0" included); deed
links and badges anywhere else in the README; ``SPDX-License-Identifier`` lines of single files.
Files inside vendored code (``lib/``, ``vendor/``, ``node_modules/`` …) are never evidence.

**Scope.** A material read from a ``subdir`` also sees the licence files, REUSE files, README and
``package.json`` at the repository's root; evidence from the material's own folder wins over the
root's. **Content and code.** Each statement covers the lessons, the code or everything
(:mod:`otsmaterials.licensing.scope`); the content licence is chosen from the statements that
cover the lessons, the code licence from those that cover the code.
"""

from __future__ import annotations

import json
import posixpath
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, replace

from otsmaterials.errors import ParseError
from otsmaterials.formats.decode import decode_text
from otsmaterials.layouts.base import LESSON_EXTENSIONS, Files, is_non_lesson
from otsmaterials.licensing.evidence import (
    Finding,
    find_in_text,
    heading_above,
    licence_sections,
    spdx_headers,
)
from otsmaterials.licensing.models import Evidence, License
from otsmaterials.licensing.scope import (
    Scope,
    content_kind,
    scope_of_file,
    scope_of_files,
    scope_of_statement,
)
from otsmaterials.licensing.spdx import NOASSERTION, KnownLicence, known, lookup, refines

__all__ = ["SOURCE_RANK", "Licences", "detect_licence", "detect_licences"]

SOURCE_RANK = {
    "catalogue": 0,
    "reuse": 1,
    "license-file": 2,
    "page": 3,
    "readme": 4,
    "layout": 5,
    "package": 6,
    "deed-link": 7,
    "file-header": 8,
}
"""Which kind of evidence wins when sources disagree (lower wins)."""

_LICENSE_FILE = re.compile(r"^(licen[cs]e|copying)([._-].*)?$", re.IGNORECASE)
_PAGE = re.compile(r"^(copyright|licen[cs]e|lizenz|licensing|licencia|licen[cç]a)$", re.IGNORECASE)
_MAX_BYTES = 512 * 1024
_HEADER_FILES = (".md", ".markdown", ".rst", ".html", ".htm", ".txt", ".py", ".js", ".css")
_MAX_HEADER_FILES = 200


@dataclass(frozen=True)
class Licences:
    """A material's licences."""

    content: License
    """The licence of the lessons (``NOASSERTION`` when nothing was found)."""
    code: License | None
    """The licence of the code, where the material states one apart from the content's."""


@dataclass(frozen=True)
class _Stated:
    evidence: Evidence
    vague: bool = False
    near: bool = True


def _vendored(path: str) -> bool:
    """Inside vendored code, assets or built output (but top-level notices are fine)."""
    directory = posixpath.dirname(path)
    return bool(directory) and is_non_lesson(f"{directory}/x", root_files_too=False)


def _candidates(tree: Files, *, root_only: bool = False) -> dict[str, str]:
    """Path → evidence source, for every file that may state the material's licence."""
    found: dict[str, str] = {}
    for path in tree.paths:
        name = posixpath.basename(path)
        stem = name.rsplit(".", 1)[0] if "." in name else name
        if path in {"REUSE.toml", ".reuse/dep5"} or path.startswith("LICENSES/"):
            found[path] = "reuse"
        elif root_only and "/" in path:
            continue
        elif path.startswith(("_layouts/", "_includes/")) and name.endswith((".html", ".htm")):
            found[path] = "layout"
        elif _vendored(path):
            continue
        elif _LICENSE_FILE.match(name) and path.count("/") <= 1:
            found[path] = "license-file"
        elif _PAGE.match(stem) and path.lower().endswith(LESSON_EXTENSIONS):
            found[path] = "page"
        elif "/" not in path and stem.lower() == "readme":
            found[path] = "readme"
        elif path == "package.json":
            found[path] = "package"
    return found


def _stated(source: str, path: str, text: str, findings: list[Finding]) -> list[_Stated]:
    lines = text.splitlines()
    stated = []
    for f in findings:
        scope: Scope
        if source == "file-header":
            scope = scope_of_file(path)
        else:
            scope = scope_of_statement(f.context, heading_above(lines, f.line - 1))
        evidence = Evidence(
            spdx=f.licence.spdx,
            source=source,
            path=path,
            line=f.line,
            text=f.excerpt,
            kind=f.kind,
            scope=scope,
        )
        stated.append(_Stated(evidence, f.vague))
    return stated


def _from_readme(path: str, text: str) -> list[_Stated]:
    found: list[_Stated] = []
    for line, section in licence_sections(text):
        found.extend(_stated("readme", path, text, find_in_text(section, first_line=line)))
    if not found:
        links = [f for f in find_in_text(text) if f.kind in {"deed-link", "badge"}]
        found.extend(_stated("deed-link", path, text, links))
    return found


def _from_package(path: str, text: str) -> list[_Stated]:
    try:
        data = json.loads(text)
    except ValueError:
        return []
    value = data.get("license") if isinstance(data, dict) else None
    if not isinstance(value, str):
        return []
    licence = lookup(value) or known_from_free_text(value)
    if licence is None:
        return []
    line = next((n for n, l in enumerate(text.splitlines(), 1) if '"license"' in l), None)  # noqa: E741
    evidence = Evidence(
        spdx=licence.spdx,
        source="package",
        path=path,
        line=line,
        text=f'"license": "{value}"',
        kind="name",
    )
    return [_Stated(evidence)]


def known_from_free_text(value: str) -> KnownLicence | None:
    """A licence from a free-text value (``CC BY-SA 3.0``)."""
    found = find_in_text(value)
    return found[0].licence if found else None


def _from_reuse(path: str, text: str) -> list[_Stated]:
    if path.startswith("LICENSES/"):
        spdx = posixpath.basename(path).rsplit(".", 1)[0]
        return [
            _Stated(
                Evidence(spdx=spdx, source="reuse", path=path, line=None, text=spdx, kind="file")
            )
        ]
    if path == "REUSE.toml":
        return _from_reuse_toml(path, text)
    found = []
    patterns: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("Files:"):
            patterns = line.split(":", 1)[1].split()
        elif line.startswith("License:"):
            spdx = line.split(":", 1)[1].strip()
            evidence = Evidence(
                spdx=spdx,
                source="reuse",
                path=path,
                line=number,
                text=line,
                kind="dep5",
                scope=scope_of_files(patterns) if patterns else "all",
            )
            found.append(_Stated(evidence))
    return found


def _from_reuse_toml(path: str, text: str) -> list[_Stated]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return []
    found: list[_Stated] = []
    lines = text.splitlines()
    used: set[int] = set()
    annotations = data.get("annotations", [])
    for annotation in annotations if isinstance(annotations, list) else []:
        value = annotation.get("SPDX-License-Identifier") if isinstance(annotation, dict) else None
        if not isinstance(value, str):
            continue
        paths = annotation.get("path", "")
        patterns = [paths] if isinstance(paths, str) else [str(p) for p in paths]
        line = next(
            (
                number
                for number, text_line in enumerate(lines, 1)
                if "SPDX-License-Identifier" in text_line
                and value in text_line
                and number not in used
            ),
            None,
        )
        if line is not None:
            used.add(line)
        evidence = Evidence(
            spdx=value,
            source="reuse",
            path=path,
            line=line,
            text=f"{paths}: {value}",
            kind="annotation",
            scope=scope_of_files(patterns),
        )
        found.append(_Stated(evidence))
    return found


def _from_headers(tree: Files, candidates: dict[str, str], prefix: str) -> list[_Stated]:
    """``SPDX-License-Identifier`` headers of the material's own text files (REUSE)."""
    files = [
        p
        for p in tree.paths
        if p not in candidates and not _vendored(p) and p.lower().endswith(_HEADER_FILES)
    ][:_MAX_HEADER_FILES]
    found: list[_Stated] = []
    for path, data in tree.read(files, max_size=_MAX_BYTES).items():
        head = data[:4096].decode("utf-8", "replace")
        if "SPDX-License-Identifier" not in head:
            continue  # the common case, without running every licence pattern over the text
        headers = spdx_headers(head)
        stated = _stated("file-header", f"{prefix}{path}", head, headers)
        lines = head.splitlines()
        for item in stated:
            before = lines[: (item.evidence.line or 1) - 1]
            fences = sum(1 for text in before if text.lstrip().startswith(("```", "~~~")))
            # Inside a code block of the page, a header is the example's, not the page's.
            update = {"scope": "code"} if fences % 2 else {}
            found.append(replace(item, evidence=item.evidence.model_copy(update=update)))
    return found


def _collect(tree: Files, *, prefix: str = "", root_only: bool = False) -> list[_Stated]:
    candidates = _candidates(tree, root_only=root_only)
    contents = tree.read(candidates, max_size=_MAX_BYTES)
    stated: list[_Stated] = [] if root_only else _from_headers(tree, candidates, prefix)
    for path, source in sorted(candidates.items()):
        if path not in contents:
            continue
        try:
            text = decode_text(contents[path], path).text
        except ParseError:
            continue
        shown = f"{prefix}{path}"
        if source == "readme":
            stated.extend(_from_readme(shown, text))
        elif source == "package":
            stated.extend(_from_package(shown, text))
        elif source == "reuse":
            stated.extend(_from_reuse(shown, text))
        else:
            stated.extend(_stated(source, shown, text, find_in_text(text)))
    return stated


def _refined(stated: list[_Stated]) -> list[_Stated]:
    """Vague statements take the one precise reading the material's other statements give."""
    precise = {s.evidence.spdx for s in stated if not s.vague}
    result = []
    for item in stated:
        better = [spdx for spdx in precise if item.vague and refines(item.evidence.spdx, spdx)]
        update = {"spdx": better[0]} if len(better) == 1 else {}
        result.append(replace(item, evidence=item.evidence.model_copy(update=update)))
    return result


def _scoped(stated: list[_Stated]) -> list[_Stated]:
    """Statements silent about their scope: by licence kind when content and code licences mix."""
    kinds = {content_kind(s.evidence.spdx) for s in stated}
    if not {True, False} <= kinds:
        return stated
    result = []
    for item in stated:
        kind = content_kind(item.evidence.spdx)
        update = {}
        if item.evidence.scope == "all" and kind is not None:
            update = {"scope": "content" if kind else "code"}
        result.append(replace(item, evidence=item.evidence.model_copy(update=update)))
    return result


def _rank(item: _Stated) -> tuple[bool, int, str, int]:
    e = item.evidence
    return (not item.near, SOURCE_RANK[e.source], e.path or "", e.line or 0)


def _licence(stated: list[_Stated]) -> License:
    """The licence the strongest of these statements names, with all of them as evidence."""
    if not stated:
        return License(spdx=NOASSERTION, name="No licence found", url=None, confidence="none")
    stated = sorted(stated, key=_rank)
    near = stated[0].near
    level = [s for s in stated if s.near == near]
    best = min(SOURCE_RANK[s.evidence.source] for s in level)
    strongest = [s.evidence.spdx for s in level if SOURCE_RANK[s.evidence.source] == best]
    chosen = Counter(strongest).most_common(1)[0][0]
    licence = known(chosen)
    others = sorted({s.evidence.spdx for s in level} - {chosen})
    ranks = {s.evidence.source for s in stated if s.evidence.spdx == chosen}
    if ranks & {"catalogue", "reuse", "license-file"}:
        confidence = "high"
    elif ranks <= {"deed-link", "file-header"}:
        confidence = "low"  # a badge or link somewhere, or a header in some files only
    else:
        confidence = "medium"
    return License(
        spdx=licence.spdx,
        name=licence.name,
        url=licence.url,
        evidence=tuple(s.evidence for s in stated),
        conflicts=tuple(others),
        confidence=confidence,
    )


def detect_licences(
    tree: Files, *, override: str | None = None, outer: Files | None = None, subdir: str = ""
) -> Licences:
    """The content and code licences of the material on ``tree``'s branch.

    ``override``: the catalogue's licence (for the content). ``outer``: the whole repository when
    ``tree`` is a ``subdir`` of it (its root-level licence files are evidence too).
    """
    prefix = f"{subdir.strip('/')}/" if subdir.strip("/") else ""
    stated = _collect(tree, prefix=prefix)
    if outer is not None and prefix:
        stated += [replace(s, near=False) for s in _collect(outer, root_only=True)]
    if override:
        catalogue = Evidence(
            spdx=override,
            source="catalogue",
            path=None,
            line=None,
            text=f'license = "{override}"',
            kind="override",
            scope="content",
        )
        stated.insert(0, _Stated(catalogue))
    stated = _scoped(_refined(stated))
    content = _licence([s for s in stated if s.evidence.scope in {"content", "all"}])
    code_stated = [s for s in stated if s.evidence.scope in {"code", "all"}]
    code = _licence(code_stated) if code_stated else None
    if code is not None and code.spdx in {content.spdx, NOASSERTION}:
        code = None
    return Licences(content=content, code=code)


def detect_licence(
    tree: Files, *, override: str | None = None, outer: Files | None = None, subdir: str = ""
) -> License:
    """The licence of the material's lessons (see :func:`detect_licences`)."""
    return detect_licences(tree, override=override, outer=outer, subdir=subdir).content
