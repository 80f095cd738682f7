"""The recipe: resolve inputs -> render -> pdf -> repair -> impose -> write."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from .audiences import audiences_served
from .errors import LeafletError, RenderError, UsageError
from .formats import FORMATS, LARGE_PRINT_SUFFIX, Format, output_name  # noqa: F401
from .inputs import BuildOptions, Inputs, resolve_inputs  # noqa: F401 - BuildOptions is API
from .loader import Library, load_library
from .output import write_atomically
from .pageplan import Rules, first_composition, revise
from .project import Project
from .render import Page, link_texts, links_in_order, render_html
from .reproducible import source_date

MAX_RENDERS = 6  # pageplan.revise makes each of its few changes once


@dataclass(frozen=True)
class Built:
    """One PDF that was written."""

    leaflet: str
    audience: str
    path: Path
    pages: int  # pages of the file written (an imposed booklet: its printed sides)
    warnings: tuple[str, ...] = ()


def default_leaflet(library: Library) -> str:
    """Return the only leaflet's id; more than one means the user must choose."""
    if len(library.manifests) == 1:
        return next(iter(library.manifests))
    names = ", ".join(sorted(library.manifests)) or "none"
    raise UsageError(f"there are several leaflets ({names}); choose one with --leaflet")


def build_leaflet(library: Library, leaflet_id: str, audience: str,
                  options: BuildOptions) -> Built:
    """Build one leaflet for one audience and write it; return what was written."""
    return write_leaflet(resolve_inputs(library, leaflet_id, audience, options))


def write_leaflet(inputs: Inputs) -> Built:
    """Render the PDF these inputs describe and write it atomically (a failure never
    leaves half a PDF); return what was written."""
    data, pages = make_pdf(inputs)
    path = write_atomically(inputs.options.out_dir, inputs.name, data)
    return Built(inputs.leaflet_id, inputs.audience, path, pages, inputs.warnings)


def make_pdf(inputs: Inputs) -> tuple[bytes, int]:
    """Return the finished PDF's bytes and page count, from `inputs` alone."""
    from .pdf import render_pdf  # WeasyPrint loads only when something is rendered
    from .postprocess import Context, repair_pdf

    fmt, options = inputs.format, inputs.options
    with source_date(inputs.leaflet.published):  # same inputs, same bytes
        page = Page(inputs.leaflet, list(inputs.sections), inputs.audience, inputs.strings,
                    contact=inputs.contact, qr=_qr(inputs.leaflet.url, inputs.strings),
                    logo=inputs.logo, large_print=options.large_print)
        identifier = hashlib.sha256(inputs.name.removesuffix(".pdf").encode()).hexdigest()
        render = partial(render_pdf, base_url=inputs.base_url,
                         stylesheets=list(inputs.stylesheets), files=inputs.files,
                         identifier=identifier[:32].encode(), variant=fmt.pdf_variant,
                         **({"pdf_tags": True} if fmt.for_print else {}))
        html, rendered = _lay_out(inputs.templates, page, render, fmt, options)
        # Repair what WeasyPrint's tagging gets wrong; set print boxes.
        data = repair_pdf(rendered.data, Context(
            link_texts=link_texts(html), links=links_in_order(html),
            continued=rendered.continued,
            padding_pages=rendered.layout.padding_pages(), bleed_mm=fmt.bleed_mm,
            for_print=fmt.for_print))
        # Impose: booklets go two-up on A4 sheets in folding order.
        if fmt.impose:
            from .imposition import impose_saddle_stitch

            data, pages = impose_saddle_stitch(data), rendered.pages // 2
            return data, pages
    return data, rendered.pages


def write_schemas(out_dir: Path) -> list[Path]:
    """Write the JSON Schema files into out_dir; return their paths."""
    from .schema import schema_texts

    return [write_atomically(out_dir, name, text.encode("utf-8"))
            for name, text in schema_texts().items()]
def _lay_out(templates, page: Page, render, fmt: Format, options: BuildOptions):
    """Return (html, rendered PDF), rendered again until the composition settles: contents
    list, back page and padding are decided from the pages measured (pageplan.py)."""
    rules = Rules(fmt, options.duplex, options.notes, tuple(s.id for s in page.sections),
                  options.large_print, sum(s.text_length for s in page.sections))
    page = replace(page, composition=first_composition(rules))
    for _ in range(MAX_RENDERS):
        html = render_html(templates, page)
        rendered = render(html)
        composition = revise(page.composition, rendered.layout, rules)
        if composition == page.composition:
            return html, rendered
        page = replace(page, composition=composition)
    raise RenderError("the page layout did not settle")


def _qr(url: str | None, strings) -> "Markup | None":
    """Return the QR code of the leaflet's web address, or None if it has none."""
    if not url:
        return None
    from .qr import qr_svg

    return qr_svg(url, f"{strings.qr_alt} {url}")


def build_targets(library: Library, leaflet_id: str | None = None) -> list[tuple[str, str]]:
    """Return every (leaflet, audience) pair that has sections, for `build --all`: of every
    leaflet that can be built, or of the one named."""
    if leaflet_id is not None and leaflet_id not in library.manifests:
        names = ", ".join(sorted(library.manifests)) or "none"
        raise LeafletError(f"no leaflet '{leaflet_id}' in leaflets/; leaflets found: {names}")
    ids = [i for i in library.ready() if leaflet_id in (None, i)]
    return [(lid, audience) for lid in ids
            for audience in audiences_served(library.leaflets[lid],
                                             library.sections[library.leaflets[lid].topic])]


def load(project_root: Path) -> Library:
    """Load and validate a project (the first step of every command)."""
    return load_library(Project(project_root.resolve()))
