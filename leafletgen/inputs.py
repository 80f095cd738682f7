"""Resolves every input of one PDF into one value: the render reads only from it, and the
build cache's fingerprint hashes exactly it, so no input can change the PDF unnoticed."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .audiences import audiences_served, select_sections
from .errors import ContentError, ContentErrors, LeafletError, UsageError
from .files import FileRefused, read_bytes, read_project_bytes
from . import fonts
from .formats import FORMATS, Format, color_profile_css, output_name, read_cmyk_profile
from .images import MAX_IMAGE_BYTES, image_problem
from .loader import Library, load_contact
from .models import ContactProfile, Leaflet, Section, Strings
from .published import as_printed
from .renderer import renderer_identity
from .review import review_dates
from .validation import field_name

MAX_TEMPLATE_BYTES = 256 * 1024  # templates and stylesheets are a few kB each
MAX_FONT_BYTES = 10 * 1024 * 1024
# Folders under templates/ that no PDF template reads.
NOT_FOR_PDF = ("strings", "web", "new", "html")
# The renderer sees every file under this made-up folder, not where it lies on this
# machine: the same project in another folder, or another install, gives the same bytes.
INPUT_ROOT = "/leafletgen"
CONTENT_URL = f"file://{INPUT_ROOT}/content/"  # relative image addresses resolve here


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
class Inputs:
    """Everything one PDF is made from, already read and checked."""

    leaflet_id: str
    audience: str
    options: BuildOptions
    leaflet: Leaflet
    sections: tuple[Section, ...]
    strings: Strings
    contact: ContactProfile | None
    templates: tuple[tuple[str, str], ...]  # (name under templates/, text), sorted
    stylesheets: tuple[str, ...]  # CSS texts, in cascade order
    files: dict[str, bytes]  # path under INPUT_ROOT -> bytes: all the renderer may fetch
    base_url: str  # what relative image addresses in the HTML are resolved against
    renderer: tuple[tuple[str, str], ...]  # versions of what turns HTML into PDF
    warnings: tuple[str, ...] = ()  # e.g. an overdue review
    logo: str | None = None  # the cover logo's address among `files`, if the manifest has one

    @property
    def format(self) -> Format:
        return FORMATS[self.options.format]

    @property
    def name(self) -> str:
        """The PDF's file name."""
        o = self.options
        return output_name(self.leaflet_id, self.audience, o.format, o.large_print,
                           o.notes, o.duplex, o.contact.name if o.contact else None)

    @property
    def weight(self) -> int:
        """A rough measure of the work to render it, so a batch can start the longest jobs
        first: characters, more in large print, and a page render per layout pass (pages
        added for booklets, duplex or notes are planned from a first render)."""
        chars = 1000 + sum(s.text_length for s in self.sections)
        padded = self.format.page_multiple > 1 or self.options.duplex or self.options.notes
        return chars * (2 if self.options.large_print else 1) * (2 if padded else 1)

    @cached_property
    def fingerprint(self) -> str:
        """Return the hash of every input: equal fingerprints, equal PDFs."""
        digest = hashlib.sha256()

        def add(label: str, data: str | bytes) -> None:
            data = data.encode("utf-8") if isinstance(data, str) else data
            digest.update(f"{label}\0{len(data)}\0".encode() + data)

        o = self.options
        add("variant", json.dumps([self.leaflet_id, self.audience, o.format, o.large_print,
                                   o.notes, o.duplex]))
        add("leaflet", self.leaflet.model_dump_json())
        for section in self.sections:
            add("section", section.model_dump_json())
        add("strings", self.strings.model_dump_json())
        add("contact", self.contact.model_dump_json() if self.contact else "")
        for name, text in self.templates:
            add(f"template {name}", text)
        for text in self.stylesheets:
            add("stylesheet", text)
        for path in sorted(self.files):
            add(f"file {path}", hashlib.sha256(self.files[path]).digest())
        add("renderer", json.dumps(self.renderer))
        return digest.hexdigest()


def resolve_inputs(library: Library, leaflet_id: str, audience: str,
                   options: BuildOptions) -> Inputs:
    """Return every input of one PDF, read and checked. Raises ContentErrors (with file and
    line) or LeafletError when one is missing, broken or not allowed."""
    check_large_print(options)
    leaflet, sections = select(library, leaflet_id, audience)
    warnings = review_warnings(library, leaflet_id, sections, options)
    project = library.project
    fmt = FORMATS[options.format]
    contact = load_contact(options.contact) if options.contact else None
    files = dict(library.once("fonts", _font_files))  # a copy: this PDF's files go in it
    stylesheets = _stylesheets(library, fmt, options, files)
    files.update(_image_files(library, leaflet, sections))
    logo = logo_file(library, leaflet_id)
    files.update(logo)
    # The PDF prints the address of its own page when the HTML edition is published.
    return Inputs(leaflet_id, audience, options, as_printed(leaflet, audience), tuple(sections),
                  library.strings[leaflet.language], contact,
                  library.once("templates", lambda: read_templates(project.root)),
                  tuple(stylesheets), files, CONTENT_URL, renderer_identity(), warnings,
                  next((f"file://{path}" for path in logo), None))


def check_options(options: BuildOptions) -> None:
    """Check the files the options name (contact profile, CMYK profile) once, before any
    leaflet is planned. Raises ContentErrors or LeafletError."""
    check_large_print(options)
    if options.contact:
        load_contact(options.contact)
    if options.cmyk_profile:
        read_cmyk_profile(options.cmyk_profile)


def check_large_print(options: BuildOptions) -> None:
    """Refuse large print on A5 pages (a usage error): 18 pt text leaves about 25
    characters a line there, and the back matter no room; large print is made on A4."""
    if options.large_print and FORMATS[options.format].small_pages:
        raise UsageError(f"--large-print is made on A4 pages: 18 pt text on the A5 pages of "
                         f"--format {options.format} leaves too few words a line; leave out "
                         f"--large-print, or use --format a4")


def select(library: Library, leaflet_id: str, audience: str) -> tuple[Leaflet, list[Section]]:
    """Return the leaflet and exactly the sections tagged for `audience`, in manifest order;
    a leaflet that a content problem blocks is refused with those problems."""
    if leaflet_id not in library.manifests:
        names = ", ".join(sorted(library.manifests)) or "none"
        raise LeafletError(f"no leaflet '{leaflet_id}' in leaflets/; leaflets found: {names}")
    blocking = library.blocking(leaflet_id)
    if blocking:
        raise ContentErrors(blocking)
    leaflet = library.leaflets[leaflet_id]
    sections = select_sections(leaflet, library.sections[leaflet.topic], audience)
    if not sections:
        served = ", ".join(audiences_served(leaflet, library.sections[leaflet.topic]))
        raise ContentErrors([ContentError(
            library.manifest_path(leaflet_id), library.manifest_line(leaflet_id, ("sections",)),
            "sections", f"no section of this leaflet serves audience '{audience}'; "
            f"audiences served: {served}")])
    return leaflet, sections


def review_warnings(library: Library, leaflet_id: str, sections, options: BuildOptions
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


def read_templates(root: Path) -> tuple[tuple[str, str], ...]:
    """Return (name, text) of every template a PDF may use (not the strings, the web page
    or the starter files of `leafletgen new`), from the project at `root`."""
    folder = root / "templates"
    if not folder.is_dir():
        raise LeafletError(f"no templates/ folder in {root}")
    out = []
    for path in sorted(p for p in folder.rglob("*") if not p.is_dir()):
        name = path.relative_to(folder).as_posix()
        if name.split("/")[0] in NOT_FOR_PDF or name.startswith("."):
            continue
        display = path.relative_to(root).as_posix()
        out.append((name, _text(read_project_bytes(path, root, display, MAX_TEMPLATE_BYTES),
                                display)))
    return tuple(out)


def _stylesheets(library: Library, fmt: Format, options: BuildOptions,
                 files: dict[str, bytes]) -> list[str]:
    """Return the CSS texts for a format (adding the colour profile to `files` for print)."""
    project = library.project
    sheets = [fonts.font_face_css(f"file://{INPUT_ROOT}/fonts"),
              library.theme.css(for_print=fmt.for_print)]
    if fmt.for_print:
        _, data = read_cmyk_profile(options.cmyk_profile)
        files[f"{INPUT_ROOT}/colour-profile.icc"] = data
        sheets.insert(0, color_profile_css(f"file://{INPUT_ROOT}/colour-profile.icc"))
    large = ("large-print.css",) if options.large_print else ()
    for name in ("leaflet.css",) + fmt.stylesheets + large:
        path = project.styles_dir / name
        display = project.display(path)
        data = read_project_bytes(path, project.root, display, MAX_TEMPLATE_BYTES)
        sheets.append(_text(data, display))
    return sheets


def _font_files() -> dict[str, bytes]:
    """Return the typeface files the @font-face rules point at."""
    folder = fonts.font_dir()
    files = {}
    for name in fonts.FACES.values():
        try:
            files[f"{INPUT_ROOT}/fonts/{name}"] = read_bytes(folder / name, MAX_FONT_BYTES,
                                                             inside=folder)
        except FileRefused as refused:
            raise LeafletError(f"the font {folder / name}: {refused.problem}; reinstall "
                               "fontpkg-atkinson-hyperlegible") from None
    return files


def _image_files(library: Library, leaflet: Leaflet, sections) -> dict[str, bytes]:
    """Return the bytes of every image the sections show, each checked."""
    files, errors = {}, []
    for section in sections:
        try:
            files.update(section_images(library, leaflet.topic, section))
        except ContentErrors as exc:
            errors.extend(exc.errors)
    if errors:
        raise ContentErrors(errors)
    return files


def section_images(library: Library, topic: str, section: Section) -> dict[str, bytes]:
    """Return path -> bytes of a section's images, each read safely and checked to be a
    printable image; every problem names the section file, the line and the field."""
    files, errors = {}, []
    project = library.project
    display = library.paths[(topic, section.id)]
    source = library.sources.get(display)
    for index, image in enumerate(section.images):
        path = project.content_dir / topic / image.src
        line = source.line(("images", index, "src")) if source else None
        field = field_name(("images", index, "src"))
        try:
            data = read_bytes(path, MAX_IMAGE_BYTES, inside=project.root)
        except FileRefused as refused:
            errors.append(ContentError(display, line, field,
                                       f"{image.src}: {refused.problem}"))
            continue
        problem = image_problem(data, image.src)
        if problem:
            errors.append(ContentError(display, line, field, f"{image.src}: {problem}"))
        files[f"{INPUT_ROOT}/content/{topic}/{image.src}"] = data
    if errors:
        raise ContentErrors(errors)
    return files


def logo_file(library: Library, leaflet_id: str) -> dict[str, bytes]:
    """Return {path under INPUT_ROOT: bytes} of the manifest's cover logo (empty without
    one), read safely and checked as an image; a problem names the manifest's line."""
    leaflet = library.leaflets[leaflet_id]
    if leaflet.logo is None:
        return {}
    project, src = library.project, leaflet.logo.src
    try:
        path = project.logo_file(src)
        data = read_bytes(path, MAX_IMAGE_BYTES, inside=project.root)
        problem = image_problem(data, src)
    except (ValueError, FileRefused) as refused:
        problem = getattr(refused, "problem", str(refused))
    if problem:
        raise ContentErrors([ContentError(
            library.manifest_path(leaflet_id), library.manifest_line(leaflet_id, ("logo", "src")),
            "logo.src", problem)])
    return {f"{INPUT_ROOT}/{path.relative_to(project.root.resolve()).as_posix()}": data}


def _text(data: bytes, display: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ContentErrors([ContentError(display, None, None,
                                          "file is not valid UTF-8 text")]) from None
