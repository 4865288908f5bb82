"""The language a reader asks for, as every command that reads the index takes it.

Any spelling :func:`~otsmaterials.languages.tags.normalize_language` accepts (``de_DE``,
``de-de``, ``deu``); a language the index has no versions in is never an empty result: a
regional tag falls back to its language with a note (``de-DE`` → ``de``), a language or variety
with only other varieties in the index to the one its readers read best (CLDR, as
``Index.best_version``: ``es-AR`` → ``es-CL``, ``pt`` → ``pt-BR``), anything else is an input
error that names the languages that have versions.
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
    closest = base if base in have else _closest(tag, have)
    if closest is not None:
        note(_("no versions in {asked}; showing {language}").format(asked=tag, language=closest))
        return closest
    raise InputError(
        f"no versions in {tag}; languages that have versions: {', '.join(have) or 'none'}"
    )


def _closest(tag: str, have: list[str]) -> str | None:
    """The version a reader of ``tag`` reads best among ``have`` (CLDR, as ``best_version``)."""
    from otsmaterials.languages.negotiation import negotiate  # noqa: PLC0415 - loads CLDR data

    return negotiate([tag], have)
