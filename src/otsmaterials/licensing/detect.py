"""A material's licence from every place one is stated, with the evidence and the conflicts.

Sources, strongest first: the catalogue's override; REUSE (``REUSE.toml``, ``.reuse/dep5``,
``LICENSES/``); LICENSE / LICENCE / COPYING files (full legal text or a short notice); licence
and copyright pages; licence sections of the README; site layout footers (``_layouts/*.html``);
package metadata (``package.json`` "license", free text such as "CC BY-SA 3.0" included); deed
links and badges anywhere else in the README. Files inside vendored code (``lib/``, ``vendor/``,
``node_modules/`` …) are never evidence for the material.
"""

from __future__ import annotations

import json
import posixpath
import re
import tomllib
from collections import Counter

from otsmaterials.errors import ParseError
from otsmaterials.formats.decode import decode_text
from otsmaterials.layouts.base import LESSON_EXTENSIONS, Files, is_non_lesson
from otsmaterials.licensing.evidence import Finding, find_in_text, licence_sections
from otsmaterials.licensing.models import Evidence, Licence
from otsmaterials.licensing.spdx import NOASSERTION, KnownLicence, known, lookup

__all__ = ["SOURCE_RANK", "detect_licence"]

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
_PAGE = re.compile(r"^(copyright|licen[cs]e|lizenz|licensing|licencia)$", re.IGNORECASE)
_MAX_BYTES = 512 * 1024
_HEADER_FILES = (".md", ".markdown", ".rst", ".html", ".htm", ".txt", ".py", ".js", ".css")
_MAX_HEADER_FILES = 200


def _vendored(path: str) -> bool:
    """Inside vendored code, assets or built output (but top-level notices are fine)."""
    directory = posixpath.dirname(path)
    return bool(directory) and is_non_lesson(f"{directory}/x", root_files_too=False)


def _candidates(tree: Files) -> dict[str, str]:
    """Path → evidence source, for every file that may state the material's licence."""
    found: dict[str, str] = {}
    for path in tree.paths:
        name = posixpath.basename(path)
        stem = name.rsplit(".", 1)[0] if "." in name else name
        if path in {"REUSE.toml", ".reuse/dep5"} or path.startswith("LICENSES/"):
            found[path] = "reuse"
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


def _evidence(source: str, path: str, findings: list[Finding]) -> list[Evidence]:
    return [
        Evidence(
            spdx=f.licence.spdx, source=source, path=path, line=f.line, text=f.excerpt, kind=f.kind
        )
        for f in findings
    ]


def _from_readme(path: str, text: str) -> list[Evidence]:
    found: list[Evidence] = []
    for line, section in licence_sections(text):
        found.extend(_evidence("readme", path, find_in_text(section, first_line=line)))
    if not found:
        links = [f for f in find_in_text(text) if f.kind in {"deed-link", "badge"}]
        found.extend(_evidence("deed-link", path, links))
    return found


def _from_package(path: str, text: str) -> list[Evidence]:
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
    return [
        Evidence(
            spdx=licence.spdx,
            source="package",
            path=path,
            line=line,
            text=f'"license": "{value}"',
            kind="name",
        )
    ]


def known_from_free_text(value: str) -> KnownLicence | None:
    """A licence from a free-text value (``CC BY-SA 3.0``)."""
    found = find_in_text(value)
    return found[0].licence if found else None


def _from_reuse(path: str, text: str) -> list[Evidence]:
    if path.startswith("LICENSES/"):
        spdx = posixpath.basename(path).rsplit(".", 1)[0]
        return [Evidence(spdx=spdx, source="reuse", path=path, line=None, text=spdx, kind="file")]
    if path == "REUSE.toml":
        return _from_reuse_toml(path, text)
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("License:"):
            spdx = line.split(":", 1)[1].strip()
            found.append(
                Evidence(spdx=spdx, source="reuse", path=path, line=number, text=line, kind="dep5")
            )
    return found


def _from_reuse_toml(path: str, text: str) -> list[Evidence]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return []
    found: list[Evidence] = []
    lines = text.splitlines()
    annotations = data.get("annotations", [])
    for annotation in annotations if isinstance(annotations, list) else []:
        value = annotation.get("SPDX-License-Identifier") if isinstance(annotation, dict) else None
        if isinstance(value, str):
            paths = annotation.get("path", "")
            line = next(
                (
                    number
                    for number, text_line in enumerate(lines, 1)
                    if "SPDX-License-Identifier" in text_line
                    and value in text_line
                    and number not in {e.line for e in found}
                ),
                None,
            )
            found.append(
                Evidence(
                    spdx=value,
                    source="reuse",
                    path=path,
                    line=line,
                    text=f"{paths}: {value}",
                    kind="annotation",
                )
            )
    return found


def _from_headers(tree: Files, candidates: dict[str, str]) -> list[Evidence]:
    """``SPDX-License-Identifier`` headers of the material's own text files (REUSE)."""
    files = [
        p
        for p in tree.paths
        if p not in candidates and not _vendored(p) and p.lower().endswith(_HEADER_FILES)
    ][:_MAX_HEADER_FILES]
    found: list[Evidence] = []
    for path, data in tree.read(files, max_size=_MAX_BYTES).items():
        head = data[:4096].decode("utf-8", "replace")
        if "SPDX-License-Identifier" not in head:
            continue  # the common case, without running every licence pattern over the text
        found.extend(
            _evidence(
                "file-header", path, [f for f in find_in_text(head) if f.kind == "spdx-header"]
            )
        )
    return found


def _collect(tree: Files) -> list[Evidence]:
    candidates = _candidates(tree)
    contents = tree.read(candidates, max_size=_MAX_BYTES)
    evidence: list[Evidence] = _from_headers(tree, candidates)
    for path, source in sorted(candidates.items()):
        if path not in contents:
            continue
        try:
            text = decode_text(contents[path], path).text
        except ParseError:
            continue
        if source == "readme":
            evidence.extend(_from_readme(path, text))
        elif source == "package":
            evidence.extend(_from_package(path, text))
        elif source == "reuse":
            evidence.extend(_from_reuse(path, text))
        else:
            evidence.extend(_evidence(source, path, find_in_text(text)))
    return sorted(evidence, key=lambda e: (SOURCE_RANK[e.source], e.path or "", e.line or 0))


def _choose(evidence: list[Evidence]) -> str:
    best = min(SOURCE_RANK[e.source] for e in evidence)
    strongest = [e.spdx for e in evidence if SOURCE_RANK[e.source] == best]
    return Counter(strongest).most_common(1)[0][0]


def detect_licence(tree: Files, *, override: str | None = None) -> Licence:
    """The licence of the material on ``tree``'s branch (``override``: the catalogue's)."""
    evidence = _collect(tree)
    if override:
        evidence.insert(
            0,
            Evidence(
                spdx=override,
                source="catalogue",
                path=None,
                line=None,
                text=f'license = "{override}"',
                kind="override",
            ),
        )
    if not evidence:
        return Licence(spdx=NOASSERTION, name="No licence found", url=None, confidence="none")
    chosen = _choose(evidence)
    licence = known(chosen)
    others = sorted({e.spdx for e in evidence} - {chosen})
    ranks = {e.source for e in evidence if e.spdx == chosen}
    if ranks & {"catalogue", "reuse", "license-file"}:
        confidence = "high"
    elif ranks <= {"deed-link", "file-header"}:
        confidence = "low"  # a badge or link somewhere, or a header in some files only
    else:
        confidence = "medium"
    return Licence(
        spdx=licence.spdx,
        name=licence.name,
        url=licence.url,
        evidence=tuple(evidence),
        conflicts=tuple(others),
        confidence=confidence,
    )
