"""The command line: reads flags, calls the library, prints results. No logic here."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Optional

import typer

from .choices import AUDIENCE_NAMES as AUDIENCES
from .errors import LeafletError

# The library is imported inside each command, not here: `--help` needs none of it, and
# `list`/`check` need no renderer (see docs/performance.md).

app = typer.Typer(help="Turn validated medical content into accessible patient leaflets.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

AudienceChoice = enum.Enum("AudienceChoice", {a.replace("-", "_"): a for a in AUDIENCES},
                           type=str)

PROJECT = typer.Option(Path("."), "--project", help="The project folder (holds content/).",
                       file_okay=False)
DEBUG = typer.Option(False, "--debug", help="Show a traceback when something fails.")


def _fail(error: Exception, debug: bool) -> None:
    if debug:
        raise error
    typer.echo(f"error: {error}" if "\n" not in str(error) else f"errors:\n{error}", err=True)
    raise typer.Exit(1)


@app.command()
def build(
    audience: Optional[AudienceChoice] = typer.Option(
        None, "--audience", "-a", help="Who the leaflet is for."),
    leaflet: Optional[str] = typer.Option(
        None, "--leaflet", "-l", help="Leaflet id (file name in leaflets/). Default: the only one."),
    all_: bool = typer.Option(False, "--all", help="Every leaflet for every audience it serves."),
    out: Path = typer.Option(Path("build"), "--out", "-o", help="Folder for the PDFs."),
    jobs: Optional[int] = typer.Option(
        None, "--jobs", "-j", min=1, help="Processes to build with. Default: one per core."),
    force: bool = typer.Option(False, "--force", help="Rebuild even if nothing changed."),
    project: Path = PROJECT,
    debug: bool = DEBUG,
) -> None:
    """Build leaflet PDFs (only those whose inputs changed, unless --force)."""
    from . import batch, build as builder

    if (audience is None) == (not all_):
        raise typer.BadParameter("give --audience, or --all", param_hint="--audience/--all")
    try:
        library = builder.load(project)
        options = builder.BuildOptions(out_dir=out)
        if all_:
            targets = builder.build_targets(library, leaflet)
        else:
            targets = [(leaflet or builder.default_leaflet(library), audience.value)]
        summary = batch.run_batch(library, [batch.Job(lid, aid, options) for lid, aid in targets],
                                  workers=jobs, force=force, debug=debug, echo=typer.echo)
    except LeafletError as error:
        _fail(error, debug)
    except KeyboardInterrupt:
        typer.echo("interrupted: finished PDFs were kept, unfinished ones removed", err=True)
        raise typer.Exit(130)
    if summary.failed:
        raise typer.Exit(1)


@app.command(name="list")
def list_(project: Path = PROJECT, debug: bool = DEBUG) -> None:
    """Show leaflets, their audiences, and the sections each audience gets."""
    from . import build as builder
    from .audiences import select_sections

    try:
        library = builder.load(project)
    except LeafletError as error:
        _fail(error, debug)
    for leaflet_id, leaflet in sorted(library.leaflets.items()):
        typer.echo(f"{leaflet_id}: {leaflet.title} ({leaflet.language})")
        sections = library.sections[leaflet.topic]
        for audience in AUDIENCES:
            chosen = [s.id for s in select_sections(leaflet, sections, audience)]
            typer.echo(f"  {audience}: {', '.join(chosen) if chosen else '(no sections)'}")


@app.command()
def check(project: Path = PROJECT, debug: bool = DEBUG) -> None:
    """Validate all content and manifests without rendering."""
    from . import build as builder
    from .audiences import audiences_served

    try:
        library = builder.load(project)
    except LeafletError as error:
        _fail(error, debug)
    sections = sum(len(s) for s in library.sections.values())
    typer.echo(f"ok: {len(library.leaflets)} leaflet(s), {sections} section(s)")
    for leaflet_id, leaflet in sorted(library.leaflets.items()):
        served = audiences_served(leaflet, library.sections[leaflet.topic])
        missing = [a for a in AUDIENCES if a not in served]
        if missing:
            typer.echo(f"note: {leaflet_id} has no sections for: {', '.join(missing)}")


def main() -> None:
    app()
