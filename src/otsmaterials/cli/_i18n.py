"""The command line's messages in the user's language: ``--lang``, else ``LANGUAGE``/``LANG``."""

from __future__ import annotations

import click

from otsmaterials.i18n import Messages, language_from_environment, messages

__all__ = ["_", "current_language", "ngettext"]


def current_language() -> str | None:
    """The language chosen for this run (``--lang``, else the environment)."""
    context = click.get_current_context(silent=True)
    while context is not None:
        if isinstance(context.obj, dict) and context.obj.get("lang"):
            return str(context.obj["lang"])
        context = context.parent
    return language_from_environment()


def _catalog() -> Messages:
    return messages(current_language())


def _(message: str) -> str:
    """``message`` in the user's language."""
    return _catalog().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The plural form for ``n`` in the user's language."""
    return _catalog().ngettext(singular, plural, n)
