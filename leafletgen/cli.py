"""The command line: reads flags, calls the library, prints results. No logic here."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Optional

import typer

from . import build as builder
from .audiences import audiences_served, select_sections
from .errors import LeafletError
from .formats import FORMAT_NAMES
from .models import AUDIENCES

app = typer.Typer(help="Turn validated medical content into accessible patient leaflets.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

AudienceChoice = enum.Enum("AudienceChoice", {a.replace("-", "_"): a for a in AUDIENCES},
                           type=str)
FormatChoice = enum.Enum("FormatChoice", {f.replace("-", "_"): f for f in FORMAT_NAMES},
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
    format_: FormatChoice = typer.Option(
        "a4", "--format", "-f", help="a4 handout, a5 pages, a5-booklet (A4 sheets to fold), "
        "or print-shop (PDF/X-4 with bleed and crop marks)."),
    duplex: bool = typer.Option(False, "--duplex", help="Pad to an even number of pages."),
    notes: bool = typer.Option(False, "--notes", help="Add a page with lines for notes."),
    contact: Optional[Path] = typer.Option(
        None, "--contact", help="A contact profile (YAML) for the 'Vragen?' block.",
        dir_okay=False),
    cmyk_profile: Optional[Path] = typer.Option(
        None, "--cmyk-profile", help="print-shop: the printer's CMYK ICC profile.",
        dir_okay=False),
    project: Path = PROJECT,
    debug: bool = DEBUG,
) -> None:
    """Build leaflet PDFs."""
    if (audience is None) == (not all_):
        raise typer.BadParameter("give --audience, or --all", param_hint="--audience/--all")
    try:
        library = builder.load(project)
        options = builder.BuildOptions(out_dir=out, format=format_.value, duplex=duplex,
                                       notes=notes, contact=contact,
                                       cmyk_profile=cmyk_profile)
        if all_:
            targets = builder.build_targets(library, leaflet)
        else:
            targets = [(leaflet or builder.default_leaflet(library), audience.value)]
        for leaflet_id, audience_id in targets:
            built = builder.build_leaflet(library, leaflet_id, audience_id, options)
            typer.echo(f"built {built.path} ({built.pages} pages)")
    except LeafletError as error:
        _fail(error, debug)


@app.command(name="list")
def list_(project: Path = PROJECT, debug: bool = DEBUG) -> None:
    """Show leaflets, their audiences, and the sections each audience gets."""
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
