"""The recipe: load -> select -> render -> pdf -> repair -> write."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .audiences import audiences_served, select_sections
from .errors import ContentError, ContentErrors, LeafletError
from .fonts import font_dir, font_face_css
from .loader import Library, load_library
from .output import write_atomically
from .project import Project
from .render import Page, link_texts, render_html
from .review import review_dates

CONTENTS_MIN_PAGES = 3  # a contents list only helps in leaflets of more than two pages


@dataclass(frozen=True)
class BuildOptions:
    """How to build: where to write, and which variant."""

    out_dir: Path = Path("build")
    large_print: bool = False  # body text 18 pt (styles/large-print.css), name ends -large-print
    strict: bool = False  # refuse leaflets whose review is overdue (otherwise warn)
    today: dt.date = field(default_factory=dt.date.today)  # injectable, for tests


@dataclass(frozen=True)
class Built:
    """One PDF that was written."""

    leaflet: str
    audience: str
    path: Path
    pages: int
    warnings: tuple[str, ...] = ()


LARGE_PRINT_SUFFIX = "-large-print"


def output_name(leaflet_id: str, audience: str, large_print: bool = False) -> str:
    """Return the PDF file name of one leaflet for one audience."""
    return f"{leaflet_id}-{audience}{LARGE_PRINT_SUFFIX if large_print else ''}.pdf"


def default_leaflet(library: Library) -> str:
    """Return the only leaflet's id; more than one means the user must choose."""
    if len(library.leaflets) == 1:
        return next(iter(library.leaflets))
    names = ", ".join(sorted(library.leaflets)) or "none"
    raise LeafletError(f"there are several leaflets ({names}); choose one with --leaflet")


def build_leaflet(library: Library, leaflet_id: str, audience: str,
                  options: BuildOptions) -> Built:
    """Build one leaflet for one audience and write it; return what was written."""
    from .pdf import render_pdf  # WeasyPrint loads only when something is rendered
    from .postprocess import Context, repair_pdf

    project = library.project
    if leaflet_id not in library.leaflets:
        names = ", ".join(sorted(library.leaflets)) or "none"
        raise LeafletError(f"no leaflet '{leaflet_id}' in leaflets/; leaflets found: {names}")
    leaflet = library.leaflets[leaflet_id]
    # Select: exactly the sections tagged for this audience, in manifest order.
    sections = select_sections(leaflet, library.sections[leaflet.topic], audience)
    if not sections:
        served = ", ".join(audiences_served(leaflet, library.sections[leaflet.topic]))
        raise ContentErrors([ContentError(
            library.manifest_path(leaflet_id), library.manifest_line(leaflet_id, ("sections",)),
            "sections", f"no section of this leaflet serves audience '{audience}'; "
            f"audiences served: {served}")])
    warnings = _review_warnings(library, leaflet_id, sections, options)
    style_files = ["leaflet.css"] + (["large-print.css"] if options.large_print else [])
    stylesheets = [font_face_css(), library.theme.css()] + [
        (project.styles_dir / name).read_text(encoding="utf-8") for name in style_files]
    allowed = [project.content_dir, project.styles_dir, project.templates_dir, font_dir()]
    name = output_name(leaflet_id, audience, options.large_print)
    key = f"{leaflet_id}/{audience}" + ("/large-print" if options.large_print else "")
    identifier = hashlib.sha256(key.encode()).hexdigest()[:32].encode()
    page = Page(leaflet, sections, audience, library.strings[leaflet.language],
                large_print=options.large_print)
    # Render: with a contents list first; short leaflets are laid out again without it.
    html = render_html(project.templates_dir, page)
    rendered = render_pdf(html, project.content_dir, stylesheets, allowed, identifier)
    if rendered.pages < CONTENTS_MIN_PAGES:
        html = render_html(project.templates_dir, Page(**{**page.__dict__, "with_contents": False}))
        rendered = render_pdf(html, project.content_dir, stylesheets, allowed, identifier)
    # Repair what WeasyPrint's tagging gets wrong.
    data = repair_pdf(rendered.data, Context(link_texts=link_texts(html),
                                             continued=rendered.continued))
    # Write: atomically, so a failure never leaves half a PDF.
    path = write_atomically(options.out_dir, name, data)
    return Built(leaflet_id, audience, path, rendered.pages, warnings)


def _review_warnings(library: Library, leaflet_id: str, sections, options: BuildOptions
                     ) -> tuple[str, ...]:
    """Warn about an overdue review; with --strict, refuse to build instead."""
    dates = review_dates(library.leaflets[leaflet_id], sections)
    if not dates.is_overdue(options.today):
        return ()
    path = library.manifest_path(leaflet_id)
    line = library.manifest_line(leaflet_id, ("next_review",))
    problem = (f"the review of this leaflet was due on {dates.next}; have it reviewed, "
               f"then update last_reviewed and next_review")
    if options.strict:
        raise ContentErrors([ContentError(path, line, "next_review", problem)])
    return (str(ContentError(path, line, "next_review", problem)),)


def write_schemas(out_dir: Path) -> list[Path]:
    """Write the JSON Schema files into out_dir; return their paths."""
    from .schema import schema_texts

    return [write_atomically(out_dir, name, text.encode("utf-8"))
            for name, text in schema_texts().items()]


def build_targets(library: Library, leaflet_id: str | None = None) -> list[tuple[str, str]]:
    """Return every (leaflet, audience) pair that has sections, for `build --all`."""
    ids = [leaflet_id] if leaflet_id else sorted(library.leaflets)
    return [(lid, audience) for lid in ids
            for audience in audiences_served(library.leaflets[lid],
                                             library.sections[library.leaflets[lid].topic])]


def load(project_root: Path) -> Library:
    """Load and validate a project (the first step of every command)."""
    return load_library(Project(project_root.resolve()))
