"""The command line: reads flags, calls the library, prints results. No logic here."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Optional

import typer

from . import build as builder
from .audiences import audiences_served, select_sections
from .errors import LeafletError
from .models import AUDIENCES

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
    large_print: bool = typer.Option(
        False, "--large-print", help="Large print: body text 18 pt; file names end -large-print."),
    project: Path = PROJECT,
    debug: bool = DEBUG,
) -> None:
    """Build leaflet PDFs."""
    if (audience is None) == (not all_):
        raise typer.BadParameter("give --audience, or --all", param_hint="--audience/--all")
    try:
        library = builder.load(project)
        options = builder.BuildOptions(out_dir=out, large_print=large_print)
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


@app.command(name="check-pdf")
def check_pdf(
    file: Path = typer.Argument(..., help="The PDF to check.", exists=True, dir_okay=False),
    lang: Optional[str] = typer.Option(None, "--lang", help="Expected document language."),
    min_size: Optional[float] = typer.Option(
        None, "--min-size", help="Smallest allowed text size in points, e.g. 12."),
) -> None:
    """Check a PDF for accessibility (PDF/UA-1 tags, metadata, fonts, clear print)."""
    from .pdfcheck import check_pdf as run_checks, failures

    try:
        findings = run_checks(file, expected_lang=lang, min_body_pt=min_size)
    except LeafletError as error:
        _fail(error, False)
    for finding in findings:
        typer.echo(str(finding))
    failed = failures(findings)
    typer.echo(f"{len(findings) - len(failed)} passed, {len(failed)} failed")
    if failed:
        raise typer.Exit(1)


def main() -> None:
    app()
