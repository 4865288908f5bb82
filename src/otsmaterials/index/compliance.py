"""``check licenses``: what is wrong with the materials' licences, and how to fix it.

Rules (each finding names the material, the lesson and language where it applies, and the fix):

* ``no-licence`` — no licence found and none set in the catalogue;
* ``not-accepted`` — a licence the catalogue's ``required_licenses`` does not list (e.g. NC or ND
  where open material is required);
* ``share-alike`` — a translation or adaptation of BY-SA material that does not carry BY-SA of the
  same or a later version (3.0 → 4.0 is allowed; 4.0 → 3.0 is not; a national port counts as its
  version). Each version is judged against the lesson it translates: that lesson's own licence
  (front matter ``license:``, an SPDX header) where it has one, else its material's. A material
  that ``adapts`` another (catalogue) is judged against that material's licence, and each of its
  lessons against the lesson it adapts where either has a licence of its own;
* ``conflicting-evidence`` — sources disagree and the catalogue has not settled it;
* ``no-author`` — a lesson with no attributable author (only bots, or nothing, in its history and
  no ``author`` in its front matter).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from otsmaterials._support.model import FrozenModel
from otsmaterials.i18n import Messages, messages
from otsmaterials.index.models import Lesson, LessonVersion, Material
from otsmaterials.licensing.spdx import NOASSERTION, KnownLicence, known

__all__ = ["CHECK_SCHEMA_VERSION", "LicenceFinding", "check_licences", "share_alike_ok"]

CHECK_SCHEMA_VERSION = 1

Rule = Literal["no-licence", "not-accepted", "share-alike", "conflicting-evidence", "no-author"]


class LicenceFinding(FrozenModel):
    """One licence problem."""

    rule: Rule
    """Which rule found it."""
    material: str
    """The material id."""
    lesson: str | None = None
    """The lesson id, where it is about one."""
    language: str | None = None
    """The version's language, where it is about one."""
    message: str
    """What is wrong."""
    fix: str
    """How to fix it."""
    paths: tuple[str, ...] = ()
    """The files involved (evidence)."""


def _version_number(licence: KnownLicence) -> tuple[int, ...]:
    return tuple(int(part) for part in (licence.version or "0").split("."))


def share_alike_ok(original: str, adaptation: str) -> bool:
    """Whether ``adaptation``'s licence keeps ``original``'s ShareAlike terms."""
    source, target = known(original), known(adaptation)
    if not source.share_alike:
        return True
    if target.family != source.family:
        return False
    return _version_number(target) >= _version_number(source)


def _material_findings(
    material: Material, required: Sequence[str] | None, catalog: Messages
) -> list[LicenceFinding]:
    _ = catalog.gettext
    licence = material.license
    found = []
    if licence is None or licence.spdx == NOASSERTION:
        found.append(
            LicenceFinding(
                rule="no-licence",
                material=material.id,
                message=_("no licence found"),
                fix=_(
                    "add a LICENSE file (e.g. the CC BY-SA 4.0 notice with its deed URL) to the "
                    'repository, or set `license = "…"` for the material in the catalogue'
                ),
            )
        )
        return found
    if required and licence.spdx not in required:
        found.append(
            LicenceFinding(
                rule="not-accepted",
                material=material.id,
                message=_("licence {licence} is not one of {accepted}").format(
                    licence=licence.spdx, accepted=", ".join(required)
                ),
                fix=_(
                    "relicense the material (with its authors' consent) or change the "
                    "catalogue's `required_licenses`"
                ),
                paths=tuple(sorted({e.path for e in licence.evidence if e.path})),
            )
        )
    overridden = any(e.source == "catalogue" for e in licence.evidence)
    if licence.conflicts and not overridden:
        sources = sorted(
            {
                f"{e.path}:{e.line}" if e.line else str(e.path)
                for e in licence.evidence
                if e.spdx in licence.conflicts and e.path
            }
        )
        found.append(
            LicenceFinding(
                rule="conflicting-evidence",
                material=material.id,
                message=_(
                    "{licence} chosen, but the material also states {others} ({where})"
                ).format(
                    licence=licence.spdx,
                    others=", ".join(licence.conflicts),
                    where=", ".join(sources),
                ),
                fix=_(
                    'make every licence statement agree, or settle it with `license = "…"` in '
                    "the catalogue"
                ),
                paths=tuple(sources),
            )
        )
    return found


def _version_findings(
    material: Material,
    lesson: Lesson,
    version: LessonVersion,
    required: Sequence[str] | None,
    catalog: Messages,
) -> Iterable[LicenceFinding]:
    _ = catalog.gettext
    material_licence = _spdx(material)
    own = version.license
    if own and required and own not in required:
        yield LicenceFinding(
            rule="not-accepted",
            material=material.id,
            lesson=lesson.id,
            language=version.language,
            message=_("{path} is licensed {licence}, not one of {accepted}").format(
                path=version.path, licence=own, accepted=", ".join(required)
            ),
            fix=_("relicense the file or remove its own licence statement"),
            paths=(version.path,),
        )
    if version.kind == "original":
        return
    original = lesson.original()
    reference = original.license or material_licence
    licence = own or material_licence
    if licence != NOASSERTION and not share_alike_ok(reference, licence):
        message = _(
            "{path} ({language}) is licensed {licence}, but {original_path}, which it "
            "translates, is licensed {original}, which requires the same licence or a later "
            "version"
        )
        yield _share_alike(
            material,
            lesson,
            version,
            message.format(
                path=version.path,
                language=version.language,
                licence=licence,
                original_path=original.path,
                original=reference,
            ),
            _("license the translation under {original} (or a later version of it)").format(
                original=reference
            ),
            paths=(version.path, original.path),
        )


def _share_alike(
    material: Material,
    lesson: Lesson,
    version: LessonVersion,
    message: str,
    fix: str,
    *,
    paths: tuple[str, ...],
) -> LicenceFinding:
    """A ``share-alike`` finding about one version of a lesson."""
    return LicenceFinding(
        rule="share-alike",
        material=material.id,
        lesson=lesson.id,
        language=version.language,
        message=message,
        fix=fix,
        paths=tuple(dict.fromkeys(paths)),
    )


def _spdx(material: Material) -> str:
    return material.license.spdx if material.license else NOASSERTION


def _adaptation_findings(
    material: Material,
    lessons: Sequence[Lesson],
    materials: Mapping[str, Material],
    all_lessons: Mapping[str, Lesson],
    catalog: Messages,
) -> Iterable[LicenceFinding]:
    """The ShareAlike chain: a material against the one it adapts, each lesson against its own."""
    _ = catalog.gettext
    adapted = materials.get(material.adapts or "")
    if adapted is None:
        return
    fix = _(
        "license the adaptation under {original} (or a later version of it), or correct the "
        "catalogue's `adapts`"
    )
    theirs, mine = _spdx(adapted), _spdx(material)
    if mine != NOASSERTION and not share_alike_ok(theirs, mine):
        evidence = material.license.evidence if material.license else ()
        yield LicenceFinding(
            rule="share-alike",
            material=material.id,
            message=_(
                "the material is licensed {licence}, but it adapts {adapted}, which is licensed "
                "{original} and requires the same licence or a later version"
            ).format(licence=mine, adapted=adapted.id, original=theirs),
            fix=fix.format(original=theirs),
            paths=tuple(sorted({e.path for e in evidence if e.path})),
        )
    for lesson in lessons:
        source = all_lessons.get(lesson.adapts or "")
        if source is None:
            continue
        version, their_version = lesson.original(), source.original()
        reference = their_version.license or theirs
        licence = version.license or mine
        if (reference, licence) == (theirs, mine) or licence == NOASSERTION:
            continue  # the material's own finding says it
        if not share_alike_ok(reference, licence):
            message = _(
                "{path} is licensed {licence}, but {adapted_path} ({adapted}), which it "
                "adapts, is licensed {original}, which requires the same licence or a later "
                "version"
            )
            yield _share_alike(
                material,
                lesson,
                version,
                message.format(
                    path=version.path,
                    licence=licence,
                    adapted_path=their_version.path,
                    adapted=source.id,
                    original=reference,
                ),
                fix.format(original=reference),
                paths=(version.path,),
            )


def check_licences(
    materials: Iterable[Material],
    lessons: Iterable[Lesson],
    *,
    required: Sequence[str] | None = None,
    locale: str | None = None,
) -> list[LicenceFinding]:
    """Every finding for these materials and lessons (in material and lesson order).

    ``locale``: the language of messages and fixes (default English; rule ids never change).
    """
    catalog = messages(locale)
    _ = catalog.gettext
    materials = list(materials)
    lessons = list(lessons)
    by_material: dict[str, list[Lesson]] = {}
    for lesson in lessons:
        by_material.setdefault(lesson.material, []).append(lesson)
    by_id = {material.id: material for material in materials}
    lesson_by_id = {lesson.id: lesson for lesson in lessons}
    findings: list[LicenceFinding] = []
    for material in materials:
        own_lessons = by_material.get(material.id, [])
        findings.extend(_material_findings(material, required, catalog))
        findings.extend(_adaptation_findings(material, own_lessons, by_id, lesson_by_id, catalog))
        for lesson in own_lessons:
            for version in lesson.versions.values():
                findings.extend(_version_findings(material, lesson, version, required, catalog))
            findings.extend(_author_findings(material, lesson, catalog))
    return findings


def _author_findings(
    material: Material, lesson: Lesson, catalog: Messages
) -> Iterable[LicenceFinding]:
    _ = catalog.gettext
    original = lesson.original()
    if not original.authors:
        yield LicenceFinding(
            rule="no-author",
            material=material.id,
            lesson=lesson.id,
            language=original.language,
            message=_(
                "no attributable author for {path} (only bots or nothing in its "
                "history, no `author` in its front matter)"
            ).format(path=original.path),
            fix=_(
                "add `author:` to the lesson's front matter, or map the authors in "
                "a .mailmap so their commits are recognised"
            ),
            paths=(original.path,),
        )
