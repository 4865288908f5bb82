"""``docs/threat-model.md`` names modules and tests that exist, and every citation of it resolves.

Code and tests cite a defence as ``docs/threat-model.md, <name>`` or ``threat-model.md#<name>``;
each name is a heading of the document.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "threat-model.md"
PACKAGE = ROOT / "src" / "otsmaterials"
CITATION = re.compile(r"threat-model\.md(?:#|`?`?\)?,\s*\*?)([a-z][a-z-]+[a-z])")


def defences() -> set[str]:
    return set(re.findall(r"^### ([a-z-]+)$", DOC.read_text(encoding="utf-8"), re.MULTILINE))


def anchors() -> set[str]:
    """The anchor of every heading, as GitHub makes it."""
    headings = re.findall(r"^#+ (.+)$", DOC.read_text(encoding="utf-8"), re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


def cited_tests() -> list[tuple[str, str | None]]:
    """``(file, test)`` for every ``tests/….py[::test]`` and following ``::test`` of the page."""
    found: list[tuple[str, str | None]] = []
    current = ""
    for code in re.findall(r"`([^`]+)`", DOC.read_text(encoding="utf-8")):
        match = re.fullmatch(r"(tests/[\w/]+\.py)?(?:::(\w+))?", code)
        if match is None or not any(match.groups()):
            continue
        current = match.group(1) or current
        assert current, f"{code} follows no test file"
        found.append((current, match.group(2)))
    return found


def test_the_page_names_defences():
    assert {"source-check", "hardened-git", "safe-yaml", "atomic-writes"} <= defences()
    assert defences() < anchors()


def test_every_cited_test_exists():
    cited = cited_tests()
    assert len(cited) > 60
    for file, test in cited:
        path = ROOT / file
        assert path.is_file(), file
        if test is not None:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            names = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
            assert test in names, f"{file}::{test}"


def test_every_named_module_exists():
    text = DOC.read_text(encoding="utf-8")
    modules = set(re.findall(r"`((?:[a-z_]+/)?[a-z0-9_]+\.py)`", text))
    assert len(modules) > 30
    missing = sorted(m for m in modules if not (PACKAGE / m).is_file())
    assert missing == []


def test_every_citation_names_a_defence():
    known = anchors()
    cited: dict[str, set[str]] = {}
    for folder in ("src", "tests", "docs"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".py", ".md"} and path.is_file():
                for name in CITATION.findall(path.read_text(encoding="utf-8")):
                    cited.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    assert cited, "nothing cites the threat model"
    assert {name: files for name, files in cited.items() if name not in known} == {}
