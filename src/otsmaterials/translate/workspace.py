"""A material's working copy as the translator commands see it: lessons, templates, catalogs.

Lessons are found the way the index finds them (:mod:`otsmaterials.layouts`), translations in
folders and suffixes left out. Paths follow Sphinx and sphinx-intl:

* templates: ``<locale-dir>/templates/<lesson path without extension>.pot``
* catalogs: ``<locale-dir>/<gettext lang>/LC_MESSAGES/<lesson path without extension>.po``

``locale-dir`` defaults to ``locale``, or to a Sphinx project's first ``locale_dirs`` entry (the
command line also reads ``OTSMATERIALS_LOCALE_DIR``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from otsmaterials.errors import InputError, LanguageCodeError
from otsmaterials.languages.tags import normalize_language, to_gettext
from otsmaterials.layouts.base import DirectoryFiles, strip_extension
from otsmaterials.layouts.registry import detect_sites, lesson_candidates
from otsmaterials.translate.documents import translatable
from otsmaterials.translate.rootfind import find_root, translations_among

__all__ = ["LessonFile", "Workspace"]


@dataclass(frozen=True)
class LessonFile:
    """A lesson in the original language."""

    key: str
    """Its path without extension, relative to the content root (``core/setup``)."""
    path: Path
    """The file."""
    relative: str
    """The file, relative to the working copy (used in ``#:`` locations)."""


@dataclass(frozen=True)
class Workspace:
    """A working copy of one material."""

    root: Path
    """The working copy."""
    locale_dir: Path
    """Where templates and catalogs live."""
    lessons: tuple[LessonFile, ...]
    """Markdown and HTML lessons in the original language."""
    sphinx: bool
    """Whether it is a Sphinx project (its catalogs come from Sphinx, not from ``extract``)."""
    project: str
    """The project name for catalog headers."""

    @classmethod
    def open(
        cls, root: str | Path | None = None, *, locale_dir: str | Path | None = None
    ) -> Workspace:
        """Find the lessons of the working copy at ``root`` (default: around the current folder).

        The default root is :func:`~otsmaterials.translate.rootfind.find_root`'s.

        Raises :class:`~otsmaterials.errors.InputError` when lessons found are translations of
        other lessons: ``root`` is not where the working copy starts.
        """
        base = (find_root(Path.cwd(), locale_dir) if root is None else Path(root)).resolve()
        if not base.is_dir():
            raise InputError("not a directory", path=base)
        files = DirectoryFiles(base)
        sites = detect_sites(files)
        sphinx = bool(sites) and sites[0].kind == "sphinx"
        lessons: list[LessonFile] = []
        pages: list[str] = []
        if sites and not sphinx:
            candidates = lesson_candidates(sites[0], "auto")
            pages = [candidate.path for candidate in candidates]
            lessons.extend(
                LessonFile(candidate.key, base / candidate.path, candidate.path)
                for candidate in candidates
                if candidate.language is None and translatable(candidate.path)
            )
        chosen = locale_dir
        if chosen is None and sphinx and sites[0].locale_dirs:
            chosen = sites[0].locale_dirs[0]
        locale = (base / (chosen or "locale")).resolve()
        if not locale.is_relative_to(base):
            raise InputError("the locale directory must be inside the working copy", path=locale)
        project = sites[0].title if sites and sites[0].title else base.name
        ordered = tuple(sorted(lessons, key=lambda lesson: lesson.key))
        _refuse_translations(base, ordered, pages)
        return cls(base, locale, ordered, sphinx, project)

    def select(self, paths: list[str], *, cwd: Path | None = None) -> list[LessonFile]:
        """The lessons named by file or key (all when ``paths`` is empty).

        A path that exists from ``cwd`` (the current directory) or is absolute is taken as a
        file; anything else is a lesson key or a file path relative to the working copy.
        """
        if not paths:
            return list(self.lessons)
        here = (cwd or Path.cwd()).resolve()
        by_name = {lesson.key: lesson for lesson in self.lessons}
        by_name.update({strip_extension(lesson.relative): lesson for lesson in self.lessons})
        chosen: dict[str, LessonFile] = {}
        missing: list[str] = []
        for given in paths:
            name = self._relative_name(given, here)
            lesson = by_name.get(name) if name is not None else None
            if lesson is None:
                missing.append(given)
            else:
                chosen.setdefault(lesson.key, lesson)
        if missing:
            raise InputError(
                f"not a lesson of this working copy: {', '.join(missing)}", path=self.root
            )
        return list(chosen.values())

    def _relative_name(self, given: str, here: Path) -> str | None:
        """``given`` as a lesson name relative to the working copy, without extension."""
        candidate = Path(given)
        on_disk = candidate if candidate.is_absolute() else here / candidate
        if candidate.is_absolute() or on_disk.exists():
            resolved = on_disk.resolve()
            if resolved.is_relative_to(self.root):
                return strip_extension(resolved.relative_to(self.root).as_posix())
            if candidate.is_absolute():
                return None
        return strip_extension(candidate.as_posix()).removeprefix("./")

    def _inside(self, path: Path) -> Path:
        resolved = path.resolve()
        if not resolved.is_relative_to(self.locale_dir):
            raise InputError("a catalog path would leave the locale directory", path=path)
        return resolved

    def template_path(self, lesson: LessonFile) -> Path:
        """Where the lesson's ``.pot`` goes."""
        return self._inside(self.locale_dir / "templates" / f"{lesson.key}.pot")

    def catalog_path(self, lesson: LessonFile, language: str) -> Path:
        """Where the lesson's catalog for ``language`` goes (language checked before use)."""
        code = to_gettext(normalize_language(language))
        return self._inside(self.locale_dir / code / "LC_MESSAGES" / f"{lesson.key}.po")

    def languages(self) -> list[str]:
        """Languages that have a catalog folder (BCP 47)."""
        found = []
        if self.locale_dir.is_dir():
            for entry in sorted(self.locale_dir.iterdir()):
                if entry.name == "templates" or not (entry / "LC_MESSAGES").is_dir():
                    continue
                try:
                    found.append(normalize_language(entry.name))
                except LanguageCodeError:
                    continue
        return found

    def catalogs(self, language: str) -> list[tuple[str, Path]]:
        """``(key, path)`` of every catalog of ``language`` (Sphinx projects included)."""
        folder = self.locale_dir / to_gettext(normalize_language(language)) / "LC_MESSAGES"
        if not folder.is_dir():
            return []
        return [
            (strip_extension(path.relative_to(folder).as_posix()).removesuffix(".po"), path)
            for path in sorted(folder.rglob("*.po"))
            if not path.is_symlink()
        ]


def _refuse_translations(root: Path, lessons: Sequence[LessonFile], pages: Sequence[str]) -> None:
    """An input error when ``root`` is not where the working copy starts.

    Some lessons are translations of others (``forms.nl.md`` of ``forms.md``), or a language
    folder below the top translates pages beside it (``web/de/core/setup.md`` of
    ``web/core/setup.md``: the layout pairs them, but the working copy starts at ``web``).
    ``pages``: every page the layout found, the lessons and their translations.
    """
    taken = {lesson.relative for lesson in lessons}
    found = [
        (path, original, folder)
        for path, original, folder in translations_among(pages)
        if folder or path in taken
    ]
    if not found:
        return
    shown = ", ".join(f"{path} (of {original})" for path, original, _ in found[:3])
    more = f" and {len(found) - 3} more" if len(found) > 3 else ""
    folder = next((folder for _, _, folder in found if folder), None)
    hint = (
        f"; the working copy seems to start at {folder}: run there or pass --root {folder}"
        if folder
        else "; pass --root with the folder where the working copy starts"
    )
    raise InputError(f"translations taken as lessons to translate: {shown}{more}{hint}", path=root)
