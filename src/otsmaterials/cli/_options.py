"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

if TYPE_CHECKING:
    from fractions import Fraction  # with ``decimal``, loaded by the commands that read one

    from otsmaterials.catalogue import Catalogue

__all__ = [
    "cache_option",
    "catalogue_option",
    "json_format_option",
    "json_option",
    "language_option",
    "languages_option",
    "load",
    "order_option",
    "percentage",
    "quiet_option",
]

F = TypeVar("F", bound=Callable[..., object])


def percentage(_ctx: click.Context, param: click.Parameter, value: str | None) -> Fraction | None:
    """An option's percentage, 0–100, read exactly (``53.125``), as a fraction 0–1.

    The text is read as a decimal, not a float, so that ``--min-complete 53.125`` means ``17/32``
    exactly: the library compares whole numbers of words with it. (A callback, not a
    ``ParamType``, which is generic only from click 8.2.)
    """
    if value is None:  # an option without a default, not given
        return None
    from fractions import Fraction  # noqa: PLC0415 - see the imports

    text = str(value).strip().removesuffix("%")
    try:
        percent = Fraction(text)
    except (ValueError, ZeroDivisionError):
        message = f"{value!r} is not a percentage (a number from 0 to 100)"
        raise click.BadParameter(message, param=param) from None
    if not 0 <= percent <= 100:
        raise click.BadParameter(f"{value!r} is not between 0 and 100", param=param)
    return percent / 100


def catalogue_option(function: F) -> F:
    """``-c/--catalogue FILE`` (env ``OTSMATERIALS_CATALOGUE``, default ``./catalogue.toml``)."""
    return click.option(
        "-c",
        "--catalogue",
        "catalogue_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=Path("catalogue.toml"),
        envvar="OTSMATERIALS_CATALOGUE",
        show_default=True,
        help="The catalogue file.",
    )(function)


def cache_option(function: F) -> F:
    """``--cache DIR`` (env ``OTSMATERIALS_CACHE``)."""
    return click.option(
        "--cache",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="OTSMATERIALS_CACHE",
        help="The cache directory (default: from the catalogue, else the user cache).",
    )(function)


def languages_option(function: F) -> F:
    """``-l/--language L`` (repeatable; ``--locale`` as pybabel spells it): only these."""
    return click.option(
        "-l",
        "--language",
        "--locale",
        "languages",
        multiple=True,
        help="Only this language (repeatable; de, de_DE, pt-br, deu …).",
    )(function)


def language_option(
    *, help_text: str, required: bool = True, multiple: bool = False
) -> Callable[[F], F]:
    """``-l/--language L`` (``--locale`` as pybabel spells it), to a ``language`` argument."""

    def decorate(function: F) -> F:
        return click.option(
            "-l",
            "--language",
            "--locale",
            "language",
            required=required,
            multiple=multiple,
            help=help_text,
        )(function)

    return decorate


def json_format_option(function: F) -> F:
    """``--json``: the same as ``--format json`` (where a command has ``--format``)."""
    return click.option("--json", "as_json", is_flag=True, help="The same as --format json.")(
        function
    )


def json_option(function: F) -> F:
    """``--json``: the machine-readable report on stdout."""
    return click.option(
        "--json", "as_json", is_flag=True, help="Print the report as JSON (with schema_version)."
    )(function)


def order_option(function: F) -> F:
    """``--order name|contributions``: how authors and translators are listed (by name first)."""
    return click.option(
        "--order",
        type=click.Choice(["name", "contributions"]),
        default="name",
        show_default=True,
        envvar="OTSMATERIALS_ORDER",
        help="List authors and translators by name, or most contributions first.",
    )(function)


def quiet_option(function: F) -> F:
    """``-q/--quiet`` and ``-v/--verbose``."""
    function = click.option("-v", "--verbose", count=True, help="Say more on stderr (repeatable).")(
        function
    )
    return click.option("-q", "--quiet", is_flag=True, help="Only errors on stderr.")(function)


def load(path: Path, *, allow_local: bool | None = None) -> Catalogue:
    """Read the catalogue for a command (errors become exit code 2)."""
    from otsmaterials.catalogue import load_catalogue  # noqa: PLC0415 - pydantic models

    return load_catalogue(path, allow_local_sources=allow_local)
