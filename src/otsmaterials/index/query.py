"""Reading the index: an immutable snapshot loaded once, queried in memory.

``Index.open`` reads the whole index in one read transaction, so every answer of one ``Index``
comes from one build (one ``generation``), whatever writers do meanwhile. Lessons are decoded from
JSON on first use. A long-lived process calls :meth:`Index.reload` and swaps its reference; readers
holding the old object keep a consistent view. Full-text search asks SQLite (FTS5) and keeps only
lessons of the snapshot.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from otsmaterials._support.exact import Threshold, as_fraction
from otsmaterials._support.model import FrozenModel
from otsmaterials.catalogue.lifecycle import LifeCycle
from otsmaterials.errors import NotFoundError
from otsmaterials.index import fulltext
from otsmaterials.index.fulltext import RANKED
from otsmaterials.index.models import LanguageInfo, Lesson, LessonVersion, Material, Topic
from otsmaterials.index.snapshot import Snapshot
from otsmaterials.languages.tags import normalize_language

if TYPE_CHECKING:  # the export and the attribution load when they are asked for
    from otsmaterials.attribution.people import CreditOrder
    from otsmaterials.attribution.render import Attribution
    from otsmaterials.index.export import ExportDocument

__all__ = ["RANKED", "Index", "NotFoundError", "SearchHit"]


class SearchHit(FrozenModel):
    """A lesson version matching a full-text search."""

    lesson: str
    """The lesson id."""
    language: str
    """The language of the matching version."""
    title: str
    """The version's title."""
    snippet: str
    """The matching passage, matches in ``[brackets]``."""
    rank: float
    """BM25 rank (lower is better)."""


class _Snapshot(Snapshot):
    """The snapshot, its lessons and materials decoded into the models on first use."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        super().__init__(path, connection)
        self._materials: dict[str, Material] | None = None
        self.decoded: dict[str, Lesson] = {}

    def is_decoded(self, lesson_id: str) -> bool:
        """Whether the lesson's model is made already (``close`` keeps the JSON of the others)."""
        return lesson_id in self.decoded

    @property
    def materials(self) -> dict[str, Material]:
        """Material id → material, in catalogue order (decoded on first use)."""
        materials = self._materials
        if materials is None:
            materials = {
                ident: Material.model_validate_json(data) for ident, _, data in self.material_rows
            }
            self._materials = materials
        return materials

    def lesson(self, lesson_id: str) -> Lesson | None:
        """One lesson, decoded on first use; ``None`` when the snapshot has none of that id."""
        found = self.load([lesson_id])
        return found[0] if found else None

    def load(self, lesson_ids: Sequence[str]) -> list[Lesson]:
        """Lessons by id, in that order, decoded on first use; unknown ids are left out."""
        decoded = self.decoded
        missing = [ident for ident in lesson_ids if ident not in decoded]
        if missing:
            fresh = {
                ident: Lesson.model_validate_json(data) for ident, data in self.lesson_data(missing)
            }
            with self.lock:
                for ident, lesson in fresh.items():
                    decoded.setdefault(ident, lesson)
        return [decoded[ident] for ident in lesson_ids if ident in decoded]


class Index:
    """A read-only view of one build of the index (see the module docstring)."""

    def __init__(self, path: Path, snapshot: _Snapshot) -> None:
        self.path = path
        """The index file."""
        self._snapshot = snapshot

    def close(self) -> None:
        """End the snapshot's read transaction (also done when the Index is collected).

        A closed Index still answers every query but ``search`` and ``translation_memory``
        (what it had not read yet is read first).
        """
        self._snapshot.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @classmethod
    def open(cls, path: str | Path) -> Index:
        """Open the index file at ``path``."""
        file = Path(path)
        return cls(file, _Snapshot.open(file))

    def reload(self) -> Index:
        """A fresh snapshot of the same file (this one is left as it is)."""
        return Index.open(self.path)

    @property
    def generation(self) -> int:
        """Which build this snapshot comes from (increases with every build that changed it)."""
        return int(self._snapshot.meta.get("generation", "0"))

    @property
    def catalogue_name(self) -> str:
        """The name of the catalogue the index was built from."""
        return self._snapshot.meta.get("catalogue", "")

    @property
    def built_at(self) -> str | None:
        """When the index last changed (ISO 8601)."""
        return self._snapshot.meta.get("built_at")

    def materials(self) -> list[Material]:
        """Every material, in catalogue order."""
        return list(self._snapshot.materials.values())

    def material(self, material_id: str) -> Material:
        """One material."""
        try:
            return self._snapshot.materials[material_id]
        except KeyError:
            raise NotFoundError(f"no material {material_id!r} in the index") from None

    def topics(self) -> list[Topic]:
        """Topics with their display names and lesson counts, in catalogue order."""
        counts = {topic: len(ids) for topic, ids in self._snapshot.lessons.by_topic.items()}
        return [
            Topic(id=i, name=name, lessons=counts.get(i, 0)) for i, name in self._snapshot.topics
        ]

    def languages(self, *, display_locale: str = "en") -> list[LanguageInfo]:
        """Languages with usable versions, named in ``display_locale`` and in themselves."""
        from babel import Locale, UnknownLocaleError  # noqa: PLC0415 - only when names are asked

        counts = {tag: len(ids) for tag, ids in self._snapshot.lessons.by_language.items()}
        display = Locale.parse(normalize_language(display_locale), sep="-")
        infos = []
        for tag in sorted(counts):
            try:
                locale = Locale.parse(tag, sep="-")
                name = locale.get_display_name(display) or tag
                native = locale.get_display_name(locale) or tag
            except (ValueError, UnknownLocaleError):
                name = native = tag
            infos.append(LanguageInfo(tag=tag, name=name, native_name=native, lessons=counts[tag]))
        return infos

    def lesson(self, lesson_id: str) -> Lesson:
        """One lesson with all its versions."""
        lesson = self._snapshot.lesson(lesson_id)
        if lesson is None:
            raise NotFoundError(f"no lesson {lesson_id!r} in the index")
        return lesson

    def lessons(
        self,
        *,
        topic: str | None = None,
        language: str | None = None,
        material: str | None = None,
        min_completeness: Threshold = 0.0,
        status: LifeCycle | None = None,
    ) -> list[Lesson]:
        """Lessons, filtered by topic, language (a usable version in it), material and status.

        ``min_completeness`` (with ``language``) is a fraction, 0–1 (``0.9`` is 90 % of the
        words), compared exactly with the words translated: 3,100 of 3,101 do not reach 1.
        ``status`` is the material's life cycle (``current``, ``outdated``, ``retired``).
        """
        tag = normalize_language(language) if language else None
        selected = self._snapshot.select(topic=topic, tag=tag, material=material, status=status)
        lessons = self._snapshot.load(selected)
        if tag is not None and as_fraction(min_completeness) > 0:
            lessons = [x for x in lessons if x.versions[tag].reaches(min_completeness)]
        return lessons

    def best_version(
        self, lesson_id: str, accept: str | Sequence[str], *, min_completeness: Threshold = 0.0
    ) -> LessonVersion:
        """The version a reader who accepts ``accept`` should get; the original when none fits.

        ``accept`` is an ``Accept-Language`` header or a list of tags (``["de-AT", "fr;q=0.8"]``).
        A version with nothing translated (completeness 0) is never chosen, nor one translated
        less than ``min_completeness`` (a fraction, 0–1, compared exactly).
        """
        from otsmaterials.languages.negotiation import negotiate  # noqa: PLC0415 - loads CLDR data

        lesson = self.lesson(lesson_id)
        available = lesson.languages(min_completeness=min_completeness)
        if isinstance(accept, str):
            accept = accept.split(",")
        # "*" adds nothing here: whatever else matches, the fallback is the original.
        wanted = [item for item in accept if item.split(";", 1)[0].strip() != "*"]
        chosen = negotiate(wanted, available)
        return lesson.versions[chosen] if chosen else lesson.original()

    def search(
        self,
        text: str,
        *,
        language: str | None = None,
        limit: int = 20,
        status: LifeCycle | None = None,
    ) -> list[SearchHit]:
        """Full-text search (diacritics and case ignored; words may be prefixes).

        A word also matches its customary spellings in ``language`` (in every language the
        index knows spellings for when ``None``): ``uebung`` finds ``Übung``, ``Übung`` finds
        ``Uebung``, ``coeur`` finds ``cœur`` (``languages/spellings.py``). ``status``: only in
        the materials at that point of their life cycle.

        The best ``limit`` hits by BM25 over the words held by fewer than half of the versions
        searched (those in ``language``, or all): a word in more narrows the matches but does
        not rank them, and matches that rank the same come newest first (when every word is
        that common, the newest matches). A query that matches more than :data:`RANKED`
        versions (or ``limit``, if more) ranks only the most recently indexed of them
        (``docs/performance.md``).
        """
        return [
            SearchHit.model_validate(found._asdict())
            for found in fulltext.search(
                self._snapshot, text, language=language, limit=limit, status=status
            )
        ]

    def export_document(
        self,
        *,
        topic: str | None = None,
        language: str | None = None,
        material: str | None = None,
        include_emails: bool = False,
        order: CreditOrder = "name",
    ) -> ExportDocument:
        """The JSON export as a model; the filters keep lessons that match all of them.

        Contributors' e-mail addresses are left out unless ``include_emails``; contributors,
        authors and translators are listed by ``name`` or most ``contributions`` first.
        """
        from otsmaterials.index.export import (  # noqa: PLC0415 - see the imports
            ExportDocument,
            ExportTopic,
            export_material,
        )

        lessons = self.lessons(topic=topic, language=language, material=material)
        by_material: dict[str, list[Lesson]] = {}
        for lesson in lessons:
            by_material.setdefault(lesson.material, []).append(lesson)
        filtered = topic is not None or language is not None or material is not None
        materials = tuple(
            export_material(item, by_material.get(item.id, []), order=order)
            for item in self.materials()
            if item.id in by_material or not filtered
        )
        topics = tuple(ExportTopic(id=ident, name=name) for ident, name in self._snapshot.topics)
        document = ExportDocument(catalogue=self.catalogue_name, topics=topics, materials=materials)
        return document.with_emails() if include_emails else document

    def export_json(
        self,
        *,
        topic: str | None = None,
        language: str | None = None,
        material: str | None = None,
        include_emails: bool = False,
        order: CreditOrder = "name",
    ) -> str:
        """The JSON export (``docs/site-generators.md``) as deterministic text."""
        document = self.export_document(
            topic=topic,
            language=language,
            material=material,
            include_emails=include_emails,
            order=order,
        )
        from otsmaterials.index.export import to_json  # noqa: PLC0415 - see the imports

        return to_json(document)

    def export_jekyll(
        self,
        *,
        topic: str | None = None,
        language: str | None = None,
        material: str | None = None,
        config: bool = False,
    ) -> str:
        """The learn portal's ``sections:`` YAML, with each workshop's lessons and languages.

        Each workshop has its titles, languages, licence, status and lessons
        (``docs/site-generators.md``).

        The same list serves as a ``_data`` file (``site.data.<name>.sections``) or, with
        ``config``, as a configuration fragment headed by how to use it (``jekyll build --config
        _config.yml,sections.yml``: ``site.sections``, as the portal's page reads it).
        """
        import yaml  # noqa: PLC0415 - only this export needs a YAML writer

        from otsmaterials.index.jekyll import CONFIG_HEADER, jekyll_sections  # noqa: PLC0415

        document = self.export_document(topic=topic, language=language, material=material)
        data = jekyll_sections(self._snapshot.topics, document.materials)
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's: ten times faster
        text: str = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
        return CONFIG_HEADER + text if config else text

    def export_jsonld(
        self,
        *,
        topic: str | None = None,
        language: str | None = None,
        material: str | None = None,
    ) -> str:
        """schema.org metadata as one JSON-LD graph (``docs/site-generators.md``).

        A ``Course`` per material and a ``LearningResource`` per usable lesson version, as
        deterministic text; the filters are those of :meth:`export_json`.
        """
        from otsmaterials.index.jsonld import jsonld_document, to_jsonld_text  # noqa: PLC0415

        document = self.export_document(topic=topic, language=language, material=material)
        return to_jsonld_text(jsonld_document(document))

    def lesson_jsonld(self, lesson_id: str, *, language: str | None = None) -> dict[str, Any]:
        """The JSON-LD block for the page of one lesson version, its course embedded.

        The version is the one in ``language`` when it has translated text, else the best match
        for it, else the original. Put it in the page as
        ``<script type="application/ld+json">`` + ``json.dumps(block)`` + ``</script>``.
        """
        from otsmaterials.index.jsonld import lesson_block  # noqa: PLC0415 - see the imports

        lesson = self.lesson(lesson_id)
        tag = lesson.original_language
        if language is not None:
            tag = self.best_version(lesson_id, [normalize_language(language)]).language
        return lesson_block(self.export_document(material=lesson.material), lesson, tag)

    def attribution(
        self, lesson_id: str, *, language: str | None = None, order: CreditOrder = "name"
    ) -> Attribution:
        """The TASL attribution of a lesson for a reader of ``language``.

        The version credited is the one in ``language`` when it has translated text, else the
        best match for it (else the original); the attribution is written in ``language``.
        ``order``: authors and translators by ``name`` (the default) or most ``contributions``
        first.
        """
        from otsmaterials.attribution.people import order_names  # noqa: PLC0415 - see the imports
        from otsmaterials.attribution.render import (  # noqa: PLC0415
            Attribution,
            localized_deed,
            short_licence_name,
        )
        from otsmaterials.licensing.spdx import known as known_licence  # noqa: PLC0415

        lesson = self.lesson(lesson_id)
        locale = normalize_language(language) if language else lesson.original_language
        version = lesson.versions.get(locale)
        if version is None or version.exact_completeness() <= 0:
            version = self.best_version(lesson_id, [locale])
        original = lesson.original()
        material = self.material(lesson.material)
        spdx = version.license or (material.license.spdx if material.license else "NOASSERTION")
        translated = version.kind != "original"
        source = original if translated else self._adapted_original(lesson)
        return Attribution(
            lesson=lesson.id,
            language=version.language,
            locale=locale,
            title=version.title,
            url=version.url,
            authors=order_names(original.authors, order),
            source=material.site_url or material.source,
            license=spdx,
            license_name=short_licence_name(spdx),
            license_url=localized_deed(known_licence(spdx).url, locale),
            translators=order_names(version.translators, order) if translated else (),
            adapted_from=source.title if source else None,
            adapted_from_url=source.url if source else None,
        )

    def _adapted_original(self, lesson: Lesson) -> LessonVersion | None:
        """The original of the lesson ``lesson`` adapts (catalogue ``adapts``), if indexed."""
        if lesson.adapts is None or not self._snapshot.known([lesson.adapts]):
            return None
        return self.lesson(lesson.adapts).original()

    def translation_memory(self, language: str) -> dict[str, str]:
        """Msgid → msgstr of every translated gettext message in ``language`` (all materials)."""
        tag = normalize_language(language)
        rows = self._snapshot.rows(
            "SELECT msgid, msgstr FROM memory WHERE language = ? ORDER BY material", [tag]
        )
        pairs: dict[str, str] = {}
        for msgid, msgstr in rows:
            pairs.setdefault(str(msgid), str(msgstr))
        return pairs
