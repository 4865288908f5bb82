"""The lessons as the command line's ``list`` table shows them, read without the data models.

A row has what the table prints: the lesson's id, its original language and each version's
language, title and completeness, taken from the lesson's stored JSON as it is. ``Index.lessons``
gives the same lessons, in the same order, as models (``tests/index/test_glance.py`` compares
them); this module spares a query process pydantic and the models' validators, most of its time
(``docs/performance.md``).
"""

from __future__ import annotations

import json
from typing import NamedTuple

from otsmaterials.index.snapshot import Snapshot

__all__ = ["Glance", "VersionGlance", "glance"]


class VersionGlance(NamedTuple):
    """One version of a lesson as a table shows it."""

    language: str
    title: str
    completeness: float


class Glance(NamedTuple):
    """One lesson as a table shows it: its versions by language, sorted by tag."""

    id: str
    original_language: str
    versions: tuple[VersionGlance, ...]

    def title(self, tag: str | None) -> str:
        """The title in ``tag``, else the original's.

        The lessons were selected by a usable version in ``tag``: the one ``Index.best_version``
        gives for it.
        """
        titles = {version.language: version.title for version in self.versions}
        return titles.get(tag or self.original_language) or titles[self.original_language]


def glance(
    snapshot: Snapshot,
    *,
    topic: str | None = None,
    tag: str | None = None,
    material: str | None = None,
    status: str | None = None,
) -> list[Glance]:
    """The lessons ``Index.lessons`` selects with these filters (``tag`` normalised), in order."""
    ids = snapshot.select(topic=topic, tag=tag, material=material, status=status)
    data = dict(snapshot.lesson_data(ids))
    rows = []
    for ident in ids:
        lesson = json.loads(data[ident])
        versions = tuple(
            VersionGlance(language, version["title"], float(version["completeness"]))
            for language, version in sorted(lesson["versions"].items())
        )
        rows.append(Glance(ident, lesson["original_language"], versions))
    return rows
