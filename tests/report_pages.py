"""Reading the status page back: html5lib's parser (strict), and the matrix as data."""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree.ElementTree import Element

import html5lib

NS = "{http://www.w3.org/1999/xhtml}"


def parse(page: str) -> Element:
    """The page's tree; html5lib's strict parser raises on any parse error."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    return parser.parse(page)


def text(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def find_all(root: Element, tag: str) -> list[Element]:
    return list(root.iter(f"{NS}{tag}"))


def by_id(root: Element, ident: str) -> Element:
    found = [e for e in root.iter() if e.get("id") == ident]
    assert len(found) == 1, ident
    return found[0]


@dataclass(frozen=True)
class Row:
    lesson: str
    hidden: bool
    cells: dict[str, Element]
    """language -> its <td>."""


def matrix(section: Element) -> tuple[list[str], list[Row]]:
    """A material section's matrix: the language columns and the rows."""
    table = next(t for t in find_all(section, "table") if "matrix" in (t.get("class") or ""))
    head = find_all(next(iter(find_all(table, "thead"))), "th")
    assert head[0].get("scope") == "col"
    languages = [th.get("data-lang") or "" for th in head[1:]]
    rows = []
    for tr in find_all(next(iter(find_all(table, "tbody"))), "tr"):
        header = next(iter(find_all(tr, "th")))
        assert header.get("scope") == "row"
        lesson = text(next(iter(find_all(header, "code"))))
        cells = {td.get("data-lang") or "": td for td in find_all(tr, "td")}
        rows.append(Row(lesson, tr.get("hidden") is not None, cells))
    return languages, rows
