"""The command line: reads flags, calls the library, prints results. No logic here."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path
from typing import Optional

import typer

from .choices import AUDIENCE_NAMES as AUDIENCES, LANGUAGE_NAMES, Thresholds
from .errors import LeafletError, UsageError
from .formats import FORMAT_NAMES

# The library is imported inside each command, not here: `--help` needs none of it, and
# `list`/`check` need no renderer (see docs/performance.md).

app = typer.Typer(help="Turn validated medical content into accessible patient leaflets.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

AudienceChoice = enum.Enum("AudienceChoice", {a.replace("-", "_"): a for a in AUDIENCES},
                           type=str)
FormatChoice = enum.Enum("FormatChoice", {f.replace("-", "_"): f for f in FORMAT_NAMES},
                         type=str)
LanguageChoice = enum.Enum("LanguageChoice", {n: n for n in LANGUAGE_NAMES}, type=str)

PROJECT = typer.Option(Path("."), "--project", help="The project folder (holds content/).",
                       file_okay=False)
DEBUG = typer.Option(False, "--debug", help="Show a traceback when something fails.")


class Format(str, enum.Enum):
    text = "text"
    json = "json"


def _parse_today(value: Optional[str]) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"expected a date written as YYYY-MM-DD; got {value!r}",
                                 param_hint="--today") from None


TODAY = typer.Option(None, "--today", metavar="YYYY-MM-DD",
                     help="Judge review dates as if it were this day (default: today).")
DEFAULTS = Thresholds()


def _fail(error: Exception, debug: bool) -> None:
    if debug:
        raise error
    typer.echo(f"error: {error}" if "\n" not in str(error) else f"errors:\n{error}", err=True)
    raise typer.Exit(2 if isinstance(error, UsageError) else 1)


def _show_version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"leafletgen {__version__}")
        raise typer.Exit()


@app.callback()
def _options(version: bool = typer.Option(
        False, "--version", is_eager=True, callback=_show_version,
        help="Show the version and exit.")) -> None:
    # No docstring: the app's help stays the one given to typer.Typer above.
    pass


@app.command()
def build(
    audience: Optional[AudienceChoice] = typer.Option(
        None, "--audience", "-a", help="Who the leaflet is for."),
    leaflet: Optional[str] = typer.Option(
        None, "--leaflet", "-l", help="Leaflet id (file name in leaflets/). Default: the only one."),
    all_: bool = typer.Option(False, "--all", help="Every leaflet for every audience it serves."),
    out: Path = typer.Option(Path("build"), "--out", "-o",
                             help="Folder for the PDFs (web pages go to its html/)."),
    large_print: bool = typer.Option(
        False, "--large-print", help="Large print: body text 18 pt; file names end -large-print."),
    strict: bool = typer.Option(False, "--strict", help="Refuse leaflets whose review is overdue."),
    today: Optional[str] = TODAY,
    format_: Optional[FormatChoice] = typer.Option(
        None, "--format", "-f", help="a4 handout (default), a5 pages, a5-booklet (A4 sheets "
        "to fold), or print-shop (PDF/X-4 with bleed and crop marks). With --all and no "
        "--format: every format each manifest lists."),
    duplex: bool = typer.Option(False, "--duplex", help="Pad to an even number of pages."),
    notes: bool = typer.Option(False, "--notes", help="Add a page with lines for notes."),
    contact: Optional[Path] = typer.Option(
        None, "--contact", help="A contact profile (YAML) for the 'Vragen?' block.",
        dir_okay=False),
    cmyk_profile: Optional[Path] = typer.Option(
        None, "--cmyk-profile", help="print-shop: the printer's CMYK ICC profile.",
        dir_okay=False),
    jobs: Optional[int] = typer.Option(
        None, "--jobs", "-j", min=1, help="Processes to build with. Default: one per core."),
    force: bool = typer.Option(False, "--force", help="Rebuild even if nothing changed."),
    watch: bool = typer.Option(False, "--watch", help="Keep running: rebuild whenever a "
                               "file is saved (for editors; Ctrl-C stops)."),
    project: Path = PROJECT,
    debug: bool = DEBUG,
) -> None:
    """Build leaflet PDFs and web pages (only those whose inputs changed, unless --force)."""
    from . import batch, build as builder
    from .editions import check_web_options, with_catalogue
    from .inputs import check_options

    if (audience is None) == (not all_):
        raise typer.BadParameter("give --audience, or --all", param_hint="--audience/--all")
    options = builder.BuildOptions(
        out_dir=out, large_print=large_print, strict=strict, today=_parse_today(today),
        format=format_.value if format_ else "a4", duplex=duplex, notes=notes, contact=contact,
        cmyk_profile=cmyk_profile)

    def build_once():
        library = builder.load(project)
        planned = with_catalogue(batch.plan_jobs(
            library, options, audience.value if audience else None, leaflet,
            format_.value if format_ else None))  # with web pages: the catalogue page too
        return batch.run_batch(library, planned, workers=1 if watch else jobs, force=force,
                               debug=debug, echo=typer.echo)

    try:
        check_web_options(format_.value if format_ else None, large_print=large_print,
                          notes=notes, duplex=duplex, contact=contact)
        check_options(options)  # a bad --contact or --cmyk-profile: one message, not one per PDF
        if watch:
            _watch(project, build_once, [p for p in (contact, cmyk_profile) if p], debug)
        summary = build_once()
    except LeafletError as error:
        _fail(error, debug)
    except KeyboardInterrupt:
        typer.echo("interrupted: finished PDFs were kept, unfinished ones removed", err=True)
        raise typer.Exit(130)
    if summary.failed:
        raise typer.Exit(1)
    from .editions import read_from_output
    from .memo import remember

    jobs_run = [o.job for o in summary.outcomes]
    remember(summary.replay_lines(), 0,
             [o.path for o in summary.outcomes] + read_from_output(jobs_run))


def _watch(project: Path, build_once, extra: list[Path], debug: bool) -> None:
    """Rebuild on every save until Ctrl-C; a problem is shown and watching goes on."""
    from .watch import watch

    def rebuild():
        try:
            build_once()
        except LeafletError as error:
            if debug:
                raise
            typer.echo(f"error: {error}", err=True)

    try:
        watch(project, rebuild, typer.echo, extra)
    except KeyboardInterrupt:
        typer.echo("stopped watching", err=True)
        raise typer.Exit(0)


@app.command(name="list")
def list_(project: Path = PROJECT, debug: bool = DEBUG) -> None:
    """Show leaflets, their audiences, and the sections each audience gets."""
    from . import build as builder
    from .listing import list_lines

    try:
        library = builder.load(project)
    except LeafletError as error:
        _fail(error, debug)
    _finish([(line, False) for line in list_lines(library)],
            1 if library.broken_leaflets() else 0)


def _finish(lines: list[tuple[str, bool]], code: int, outputs=()) -> None:
    """Print a command's result, remember it for the same command line (memo.py), and
    exit with `code`."""
    from .memo import remember

    for text, err in lines:
        typer.echo(text, err=err)
    remember(lines, code, outputs)
    raise typer.Exit(code)


@app.command()
def check(
    strict: bool = typer.Option(False, "--strict", help="Treat warnings as errors "
                                "(readability and unserved audiences stay advice)."),
    format_: Format = typer.Option(Format.text, "--format", help="text, or json for CI."),
    today: Optional[str] = TODAY,
    max_sentence_words: float = typer.Option(
        DEFAULTS.max_average_sentence_words, help="Highest average words per sentence."),
    long_sentence_words: int = typer.Option(
        DEFAULTS.long_sentence_words, help="Sentences longer than this are listed."),
    long_word_syllables: int = typer.Option(
        DEFAULTS.long_word_syllables, help="A word with this many syllables is long."),
    max_long_words: float = typer.Option(
        DEFAULTS.max_long_word_share, help="Highest share of long words (0.10 = 10%)."),
    min_score: float = typer.Option(
        DEFAULTS.min_score, help="Lowest Flesch-Douma (nl) or Flesch (en) score."),
    project: Path = PROJECT,
    debug: bool = DEBUG,
) -> None:
    """Check content before it goes out: reviews, sources, structure, links, readability."""
    from . import report as checker

    thresholds = Thresholds(max_sentence_words, long_sentence_words, long_word_syllables,
                            max_long_words, min_score)
    try:
        result = checker.check_project(project, _parse_today(today), strict, thresholds)
    except LeafletError as error:
        _fail(error, debug)
    text = (checker.format_json(result) if format_ is Format.json
            else checker.format_text(result))
    _finish([(text, False)], 1 if result.failed else 0)


@app.command()
def new(
    topic: str = typer.Argument(
        ..., metavar="TOPIC", help="The new topic's id (lowercase letters, digits, hyphens): "
        "names content/TOPIC/ and leaflets/TOPIC.yaml."),
    language: LanguageChoice = typer.Option(
        LANGUAGE_NAMES[0], "--language", help="The language of the leaflet and of the "
        "example files' explanations."),
    title: Optional[str] = typer.Option(
        None, "--title", help="The leaflet's title (otherwise a placeholder to fill in)."),
    project: Path = PROJECT,
    debug: bool = DEBUG,
) -> None:
    """Start a leaflet: example sections and a manifest with every field, to fill in."""
    from .starter import start_leaflet

    try:
        written = start_leaflet(project, topic, language.value, title, dt.date.today())
    except LeafletError as error:
        _fail(error, debug)
    for path in written:
        typer.echo(f"wrote {path}")
    mark = "[[invullen: ...]]" if language.value == "nl" else "[[fill in: ...]]"
    typer.echo(f"next: replace every {mark} in these files (`leafletgen check` lists those "
               f"left), then `leafletgen build --leaflet {topic} --all`")


@app.command()
def schema(
    out: Path = typer.Option(Path("schema"), "--out", "-o", help="Folder for the schemas."),
    debug: bool = DEBUG,
) -> None:
    """Write JSON Schema files for section and manifest files (for editors)."""
    from . import build as builder

    try:
        for path in builder.write_schemas(out):
            typer.echo(f"wrote {path}")
    except (LeafletError, OSError) as error:
        _fail(LeafletError(str(error)), debug)


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


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on. Anything but "
                             "this computer (127.0.0.1, ::1, localhost) lets other computers "
                             "use the page."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
    watch: bool = typer.Option(False, "--watch", help="For editors: result and error pages "
                               "follow the files, showing each change or mistake as it is saved."),
    project: Path = PROJECT,
) -> None:
    """Serve a page to choose, preview and print leaflets (see docs/web.md)."""
    from .web.server import browser_url, exposure_warning, serve as run

    warning = exposure_warning(host)
    if warning:
        typer.echo(warning, err=True)
    typer.echo(f"leafletgen: open {browser_url(host, port)} (Ctrl-C stops)", err=True)
    run(project, host, port, watch)


def main() -> None:
    """Run the command line (the installed script starts in __main__.run)."""
    from .__main__ import run as start

    start()
