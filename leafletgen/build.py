"""The recipe: load -> select -> render -> pdf -> repair -> write."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .audiences import audiences_served, select_sections
from .errors import ContentError, ContentErrors, LeafletError
from .fonts import font_dir, font_face_css
from .loader import Library, load_library
from .output import write_atomically
from .project import Project
from .reproducible import fixed_dates
from .render import Page, link_texts, render_html

CONTENTS_MIN_PAGES = 3  # a contents list only helps in leaflets of more than two pages


@dataclass(frozen=True)
class BuildOptions:
    """How to build: where to write, and which variant."""

    out_dir: Path = Path("build")


@dataclass(frozen=True)
class Built:
    """One PDF that was written."""

    leaflet: str
    audience: str
    path: Path
    pages: int


def output_name(leaflet_id: str, audience: str) -> str:
    """Return the PDF file name of one leaflet for one audience."""
    return f"{leaflet_id}-{audience}.pdf"


def default_leaflet(library: Library) -> str:
    """Return the only leaflet's id; more than one means the user must choose."""
    if len(library.leaflets) == 1:
        return next(iter(library.leaflets))
    names = ", ".join(sorted(library.leaflets)) or "none"
    raise LeafletError(f"there are several leaflets ({names}); choose one with --leaflet")


@fixed_dates  # same inputs, same bytes: font subsets carry the manifest date
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
    stylesheets = [font_face_css(), library.theme.css(),
                   (project.styles_dir / "leaflet.css").read_text(encoding="utf-8")]
    allowed = [project.content_dir, project.styles_dir, project.templates_dir, font_dir()]
    identifier = hashlib.sha256(f"{leaflet_id}/{audience}".encode()).hexdigest()[:32].encode()
    page = Page(leaflet, sections, audience, library.strings[leaflet.language])
    # Render: with a contents list first; short leaflets are laid out again without it.
    html = render_html(project.templates_dir, page)
    rendered = render_pdf(html, project.content_dir, stylesheets, allowed, identifier)
    if rendered.pages < CONTENTS_MIN_PAGES:
        html = render_html(project.templates_dir, Page(**{**page.__dict__, "with_contents": False}))
        rendered = render_pdf(html, project.content_dir, stylesheets, allowed, identifier)
    # Repair what WeasyPrint's tagging gets wrong.
    data = repair_pdf(rendered.data, Context(link_texts=link_texts(html)))
    # Write: atomically, so a failure never leaves half a PDF.
    path = write_atomically(options.out_dir, output_name(leaflet_id, audience), data)
    return Built(leaflet_id, audience, path, rendered.pages)


def build_targets(library: Library, leaflet_id: str | None = None) -> list[tuple[str, str]]:
    """Return every (leaflet, audience) pair that has sections, for `build --all`."""
    ids = [leaflet_id] if leaflet_id else sorted(library.leaflets)
    return [(lid, audience) for lid in ids
            for audience in audiences_served(library.leaflets[lid],
                                             library.sections[library.leaflets[lid].topic])]


def load(project_root: Path) -> Library:
    """Load and validate a project (the first step of every command)."""
    return load_library(Project(project_root.resolve()))
