"""The language a reader asks for, as every command that reads the index takes it.

Any spelling :func:`~otsmaterials.languages.tags.normalize_language` accepts (``de_DE``,
``de-de``, ``deu``); a language the index has no versions in is never an empty result: a
regional tag falls back to its language with a note (``de-DE`` → ``de``), anything else is an
input error that names the languages that have versions.
"""

from __future__ import annotations

from collections.abc import Iterable

from otsmaterials.cli._i18n import _
from otsmaterials.cli._output import note
from otsmaterials.errors import InputError
from otsmaterials.languages.tags import normalize_language

__all__ = ["index_language"]


def index_language(tags: Iterable[str], language: str | None) -> str | None:
    """The tag to filter by (``None``: no filter) in an index with versions in ``tags``.

    See the module docstring.
    """
    if language is None:
        return None
    tag = normalize_language(language)
    have = sorted(tags)
    if tag in have:
        return tag
    base = tag.split("-")[0]
    if base in have:
        note(_("no versions in {asked}; showing {language}").format(asked=tag, language=base))
        return base
    raise InputError(
        f"no versions in {tag}; languages that have versions: {', '.join(have) or 'none'}"
    )
