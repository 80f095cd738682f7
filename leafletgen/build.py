"""The recipe: load -> select -> render -> pdf -> repair -> write."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from .audiences import audiences_served, select_sections
from .errors import ContentError, ContentErrors, LeafletError, RenderError, UsageError
from .fonts import font_dir, font_face_css
from .formats import FORMATS, Format, color_profile_css, find_cmyk_profile
from .loader import Library, load_contact, load_library
from .output import write_atomically
from .pageplan import Rules, first_composition, revise
from .project import Project
from .reproducible import fixed_dates
from .render import Page, link_texts, render_html
from .review import review_dates

MAX_RENDERS = 6  # pageplan.revise makes each of its few changes once


@dataclass(frozen=True)
class BuildOptions:
    """How to build: where to write, and which variant."""

    out_dir: Path = Path("build")
    large_print: bool = False  # body text 18 pt (styles/large-print.css), name ends -large-print
    strict: bool = False  # refuse leaflets whose review is overdue (otherwise warn)
    today: dt.date = field(default_factory=dt.date.today)  # injectable, for tests
    format: str = "a4"  # a key of formats.FORMATS
    duplex: bool = False  # pad to an even page count for two-sided printing
    notes: bool = False  # add a page with ruled lines for notes
    contact: Path | None = None  # a ward's contact profile (YAML) for the back page
    cmyk_profile: Path | None = None  # print-shop: the printer's CMYK ICC profile


@dataclass(frozen=True)
class Built:
    """One PDF that was written."""

    leaflet: str
    audience: str
    path: Path
    pages: int
    warnings: tuple[str, ...] = ()


LARGE_PRINT_SUFFIX = "-large-print"


def output_name(leaflet_id: str, audience: str, format: str = "a4",
                large_print: bool = False) -> str:
    """Return the PDF file name of one leaflet for one audience in one format."""
    name = FORMATS[format].file_name(leaflet_id, audience)
    return name[:-4] + LARGE_PRINT_SUFFIX + ".pdf" if large_print else name


def default_leaflet(library: Library) -> str:
    """Return the only leaflet's id; more than one means the user must choose."""
    if len(library.leaflets) == 1:
        return next(iter(library.leaflets))
    names = ", ".join(sorted(library.leaflets)) or "none"
    raise UsageError(f"there are several leaflets ({names}); choose one with --leaflet")


@fixed_dates  # same inputs, same bytes: font subsets carry the manifest date
def build_leaflet(library: Library, leaflet_id: str, audience: str,
                  options: BuildOptions) -> Built:
    """Build one leaflet for one audience and write it; return what was written."""
    from .pdf import render_pdf  # WeasyPrint loads only when something is rendered
    from .postprocess import Context, repair_pdf

    project = library.project
    leaflet, sections = _select(library, leaflet_id, audience)
    warnings = _review_warnings(library, leaflet_id, sections, options)
    fmt = FORMATS[options.format]
    strings = library.strings[leaflet.language]
    contact = load_contact(options.contact) if options.contact else None
    logo = _logo(library, leaflet_id)
    page = Page(leaflet, sections, audience, strings, contact=contact,
                qr=_qr(leaflet.url, strings), logo=logo and logo.as_uri(),
                large_print=options.large_print)
    name = output_name(leaflet_id, audience, fmt.name, options.large_print)
    key = name.removesuffix(".pdf")
    identifier = hashlib.sha256(key.encode()).hexdigest()[:32].encode()
    stylesheets, allowed = _styles(library, fmt, options)
    allowed += [logo] if logo else []
    render = partial(render_pdf, base_url=project.content_dir, stylesheets=stylesheets,
                     allowed=allowed, identifier=identifier, variant=fmt.pdf_variant,
                     **({"pdf_tags": True} if fmt.for_print else {}))
    html, rendered = _lay_out(project.templates_dir, page, render, fmt, options)
    # Repair what WeasyPrint's tagging gets wrong; set print boxes.
    data = repair_pdf(rendered.data, Context(link_texts=link_texts(html),
                                             continued=rendered.continued,
                                             padding_pages=rendered.layout.padding_pages(),
                                             bleed_mm=fmt.bleed_mm, for_print=fmt.for_print))
    # Impose: booklets go two-up on A4 sheets in folding order.
    if fmt.impose:
        from .imposition import impose_saddle_stitch

        data = impose_saddle_stitch(data)
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
def _select(library: Library, leaflet_id: str, audience: str):
    """Return the leaflet and exactly the sections tagged for `audience`, in manifest order."""
    if leaflet_id not in library.leaflets:
        names = ", ".join(sorted(library.leaflets)) or "none"
        raise LeafletError(f"no leaflet '{leaflet_id}' in leaflets/; leaflets found: {names}")
    leaflet = library.leaflets[leaflet_id]
    sections = select_sections(leaflet, library.sections[leaflet.topic], audience)
    if not sections:
        served = ", ".join(audiences_served(leaflet, library.sections[leaflet.topic]))
        raise ContentErrors([ContentError(
            library.manifest_path(leaflet_id), library.manifest_line(leaflet_id, ("sections",)),
            "sections", f"no section of this leaflet serves audience '{audience}'; "
            f"audiences served: {served}")])
    return leaflet, sections


def _styles(library: Library, fmt: Format,
            options: BuildOptions) -> tuple[list[str], list[Path]]:
    """Return the CSS texts for a format, and the folders the renderer may read."""
    project = library.project
    allowed = [project.content_dir, project.styles_dir, project.templates_dir, font_dir()]
    sheets = [font_face_css(), library.theme.css(for_print=fmt.for_print)]
    if fmt.for_print:
        profile = find_cmyk_profile(options.cmyk_profile)
        sheets.insert(0, color_profile_css(profile))
        allowed.append(profile)
    large = ("large-print.css",) if options.large_print else ()
    for name in ("leaflet.css",) + fmt.stylesheets + large:
        sheets.append((project.styles_dir / name).read_text(encoding="utf-8"))
    return sheets, allowed


def _lay_out(templates_dir: Path, page: Page, render, fmt: Format, options: BuildOptions):
    """Return (html, rendered PDF), rendered again until the composition settles: contents
    list, back page and padding are decided from the pages measured (pageplan.py)."""
    rules = Rules(fmt, options.duplex, options.notes, tuple(s.id for s in page.sections),
                  options.large_print)
    page = replace(page, composition=first_composition(rules))
    for _ in range(MAX_RENDERS):
        html = render_html(templates_dir, page)
        rendered = render(html)
        composition = revise(page.composition, rendered.layout, rules)
        if composition == page.composition:
            return html, rendered
        page = replace(page, composition=composition)
    raise RenderError("the page layout did not settle")


def _logo(library: Library, leaflet_id: str) -> Path | None:
    """Return the manifest's logo file, checked to be inside the project, or None."""
    logo = library.leaflets[leaflet_id].logo
    if logo is None:
        return None
    try:
        return library.project.logo_file(logo.src)
    except ValueError as problem:
        raise ContentErrors([ContentError(
            library.manifest_path(leaflet_id),
            library.manifest_line(leaflet_id, ("logo", "src")), "logo.src",
            str(problem))]) from None


def _qr(url: str | None, strings) -> "Markup | None":
    """Return the QR code of the leaflet's web address, or None if it has none."""
    if not url:
        return None
    from .qr import qr_svg

    return qr_svg(url, f"{strings.qr_alt} {url}")


def build_targets(library: Library, leaflet_id: str | None = None) -> list[tuple[str, str]]:
    """Return every (leaflet, audience) pair that has sections, for `build --all`."""
    if leaflet_id is not None and leaflet_id not in library.leaflets:
        names = ", ".join(sorted(library.leaflets)) or "none"
        raise LeafletError(f"no leaflet '{leaflet_id}' in leaflets/; leaflets found: {names}")
    ids = [leaflet_id] if leaflet_id else sorted(library.leaflets)
    return [(lid, audience) for lid in ids
            for audience in audiences_served(library.leaflets[lid],
                                             library.sections[library.leaflets[lid].topic])]


def load(project_root: Path) -> Library:
    """Load and validate a project (the first step of every command)."""
    return load_library(Project(project_root.resolve()))
