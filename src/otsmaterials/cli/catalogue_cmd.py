"""``otsmaterials catalogue check|show|import-learn``."""

from __future__ import annotations

from pathlib import Path

import click

from otsmaterials._support.atomic import write_text_atomic
from otsmaterials.catalogue import dump_catalogue, import_learn_config, load_catalogue
from otsmaterials.catalogue.model import Origin
from otsmaterials.cli._errors import EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE
from otsmaterials.cli._i18n import _, ngettext
from otsmaterials.cli._options import catalogue_option, json_option
from otsmaterials.cli._output import echo_json, note
from otsmaterials.errors import CatalogueError, InputError

__all__ = ["catalogue"]

CHECK_SCHEMA_VERSION = 1


@click.group()
def catalogue() -> None:
    """Check and create catalogue files."""


@catalogue.command("check")
@catalogue_option
@click.option("--allow-local", is_flag=True, default=None, help="Accept local sources.")
@json_option
def check(catalogue_path: Path, allow_local: bool | None, as_json: bool) -> int:
    """Validate a catalogue file and report every problem with its line.

    Exit 0 when the file is valid, 1 when it has problems, 2 when it cannot be read.
    """
    try:
        result = load_catalogue(catalogue_path, allow_local_sources=allow_local)
    except CatalogueError as error:
        unreadable = any(problem.key == "(file)" for problem in error.problems)
        if as_json:
            problems = [
                {"key": p.key, "line": p.line, "message": p.message}
                | ({"file": p.file} if p.file is not None else {})
                for p in error.problems
            ]
            echo_json(
                {
                    "schema_version": CHECK_SCHEMA_VERSION,
                    "path": str(catalogue_path),
                    "ok": False,
                    "problems": problems,
                }
            )
        elif unreadable:
            note(_("otsmaterials: error: {message}").format(message=error))
        else:
            click.echo(str(error))
        return EXIT_USAGE if unreadable else EXIT_FINDINGS
    if as_json:
        echo_json(
            {
                "schema_version": CHECK_SCHEMA_VERSION,
                "path": str(catalogue_path),
                "ok": True,
                "materials": len(result.materials),
                "topics": len(result.topics),
                "problems": [],
            }
        )
    else:
        click.echo(
            _("{path}: valid ({materials}, {topics})").format(
                path=catalogue_path,
                materials=ngettext("{n} material", "{n} materials", len(result.materials)).format(
                    n=len(result.materials)
                ),
                topics=ngettext("{n} topic", "{n} topics", len(result.topics)).format(
                    n=len(result.topics)
                ),
            )
        )
    return EXIT_CLEAN


@catalogue.command("show")
@catalogue_option
@click.option("--allow-local", is_flag=True, default=None, help="Accept local sources.")
@json_option
def show(catalogue_path: Path, allow_local: bool | None, as_json: bool) -> int:
    """Print the catalogue with its includes merged in, each material with its origin.

    The text is the merged catalogue as TOML, each material under a comment that says which
    file and line it comes from and which overrides changed it; hidden materials are listed at
    the top. Exit 0; 1 when the catalogue has problems (as `check` reports them).
    """
    try:
        result = load_catalogue(catalogue_path, allow_local_sources=allow_local)
    except CatalogueError as error:
        click.echo(str(error))
        return EXIT_FINDINGS
    origins = {m.id: result.origin(m.id) for m in result.materials}
    if as_json:
        echo_json(
            {
                "schema_version": CHECK_SCHEMA_VERSION,
                "path": str(catalogue_path),
                "name": result.name,
                "topics": [t.model_dump(mode="json") for t in result.topics],
                "materials": [
                    {
                        **m.model_dump(mode="json", exclude_defaults=True),
                        "id": m.id,
                        "origin": _origin_json(origins[m.id]),
                    }
                    for m in result.materials
                ],
                "hidden": [
                    {"id": ident, "origin": _origin_json(origin)}
                    for ident, origin in result.hidden.items()
                ],
            }
        )
        return EXIT_CLEAN
    header = [_("{path}, merged").format(path=catalogue_path)]
    header += [
        _("hidden: {id} (from {origin})").format(id=ident, origin=origin)
        for ident, origin in result.hidden.items()
    ]
    comments = {
        ident: _("from {origin}").format(origin=origin)
        for ident, origin in origins.items()
        if origin is not None
    }
    click.echo(dump_catalogue(result, header="\n".join(header), comments=comments), nl=False)
    return EXIT_CLEAN


def _origin_json(origin: Origin | None) -> dict[str, object] | None:
    return origin.model_dump(mode="json") if origin is not None else None


@catalogue.command("import-learn")
@click.argument("config", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the catalogue here (default: stdout).",
)
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@click.option("--name", help="The catalogue's name (default: the portal's `name`).")
def import_learn(config: Path, output: Path | None, force: bool, name: str | None) -> int:
    """Convert the learn portal's `_config.yml` workshop list into a catalogue file.

    Each workshop becomes a material (its id is the source repository's name); each section
    becomes a topic ("Web Development" becomes `web-development`).
    """
    result, text = import_learn_config(config, name=name)
    if output is None:
        click.echo(text, nl=False)
        return EXIT_CLEAN
    if output.exists() and not force:
        raise InputError("the file exists; pass --force to replace it", path=output)
    write_text_atomic(output, text)
    note(f"wrote {output}: {len(result.materials)} materials, {len(result.topics)} topics")
    return EXIT_CLEAN
