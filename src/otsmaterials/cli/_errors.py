"""Exit codes, decided in one place.

* 0 — clean;
* 1 — findings, or some repositories failed, or an operation failed (git, lock, disk);
* 2 — usage or input error (a bad option, a bad catalogue, a file that cannot be read, an index
  not built yet).

A user error is one line on stderr, never a traceback; so is a usage error (an unknown option, a
missing one), which names the ``--help`` to read instead of printing click's usage block. So is
anything else that escapes a command (a bug, an operating-system failure the library did not
expect): with ``-v`` the traceback follows the line, for a bug report.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable

import click

from otsmaterials.errors import IndexNotBuiltError, InputError, OtsMaterialsError
from otsmaterials.i18n import Messages, language_from_environment, messages

__all__ = ["EXIT_CLEAN", "EXIT_FINDINGS", "EXIT_USAGE", "guarded"]

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def exit_code_for(error: OtsMaterialsError) -> int:
    """The exit code for a library error."""
    return EXIT_USAGE if isinstance(error, InputError | IndexNotBuiltError) else EXIT_FINDINGS


def describe_unexpected(error: BaseException) -> str:
    """One line for an exception that is no library error."""
    if isinstance(error, OSError) and error.strerror:
        where = f": {error.filename}" if error.filename else ""
        return f"{error.strerror}{where}"
    detail = " ".join(str(error).split())[:300]
    return f"unexpected {type(error).__name__}: {detail} (a bug: -v shows the traceback)"


def guarded(
    invoke: Callable[[], object],
    *,
    language: str | None = None,
    verbose: bool = False,
    interrupted: Callable[[], bool] = lambda: False,
) -> int:
    """Run ``invoke`` (a click command in non-standalone mode) and turn its outcome into a code.

    ``language`` is the one chosen with ``--lang`` (the error line is written after click's
    context is gone); ``verbose`` adds the traceback of an unexpected error below its line.
    After a Ctrl-C (``interrupted()``), an error is what a library made of the interrupt: the
    run ends as interrupted.
    """
    catalog = messages(language or language_from_environment())
    try:
        result = invoke()
    except (click.Abort, KeyboardInterrupt):
        click.echo(catalog.gettext("otsmaterials: interrupted"), err=True)
        return 130
    except Exception as error:  # noqa: BLE001 - the last guard: one line, never a traceback
        if interrupted():
            click.echo(catalog.gettext("otsmaterials: interrupted"), err=True)
            return 130
        return _failed(error, catalog, verbose=verbose)
    return result if isinstance(result, int) else EXIT_CLEAN


def _failed(error: Exception, catalog: Messages, *, verbose: bool) -> int:  # noqa: PLR0911
    """Write the line of ``error`` (one return per kind of outcome) and give its exit code."""
    line = catalog.gettext("otsmaterials: error: {message}")
    if isinstance(error, OtsMaterialsError):
        click.echo(line.format(message=error), err=True)
        return exit_code_for(error)
    if isinstance(error, click.exceptions.NoArgsIsHelpError):
        click.echo(error.format_message(), err=True)
        return EXIT_USAGE
    if isinstance(error, click.UsageError):  # one line too, naming the help to read
        where = error.ctx.command_path if error.ctx is not None else "otsmaterials"
        click.echo(line.format(message=f"{error.format_message()} (`{where} --help`)"), err=True)
        return EXIT_USAGE
    if isinstance(error, click.ClickException):
        error.show(file=sys.stderr)
        return error.exit_code
    if isinstance(error, click.exceptions.Exit):
        return int(error.exit_code)
    if isinstance(error, BrokenPipeError):
        return EXIT_FINDINGS
    click.echo(line.format(message=describe_unexpected(error)), err=True)
    if verbose:
        click.echo("".join(traceback.format_exception(error)).rstrip(), err=True)
    return EXIT_FINDINGS
