"""One leaflet for one audience as a web page: every input resolved once (the build cache
hashes that value, the render reads only it), then written as a folder that works anywhere."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

from .build import Built
from .cache import BuildCache
from .errors import ContentErrors
from .files import FileRefused, read_bytes
from .inputs import (INPUT_ROOT, BuildOptions, resolve_inputs, review_warnings,
                     section_images, select)
from .loader import Library
from .models import Leaflet, Section, Strings
from .published import SITE_FOLDER, page_folder
from .renderer import renderer_identity
from .review import review_dates
from .sitefiles import (SiteParts, as_json, digest, read_site_parts, render_template,
                        write_site_files)

PAGE_TEMPLATE = "html/page.html.j2"
IMAGE_FOLDER = "img"  # in the page's folder; a prefix, so an image never replaces the page
MAX_PDF_BYTES = 200 * 1024 * 1024
# The PDFs a page can offer: (words key, format, large print). print-shop files are for
# printers, not readers, and are never offered.
VARIANTS = (("a4", "a4", False), ("a4-large-print", "a4", True), ("a5", "a5", False),
            ("a5-booklet", "a5-booklet", False))


@dataclass(frozen=True)
class Offer:
    """A PDF of this leaflet and audience, built from the current content, to download."""

    variant: str  # a key of EditionStrings.formats
    name: str  # its file name, in the output folder and in the page's folder
    data: bytes = field(repr=False)
    pages: int  # pages of the file (an imposed booklet: its A4 sides)


@dataclass(frozen=True)
class EditionInputs:
    """Everything one web page is made from, already read and checked."""

    leaflet_id: str
    audience: str
    options: BuildOptions
    leaflet: Leaflet
    sections: tuple[Section, ...]
    strings: Strings
    site: SiteParts
    images: tuple[tuple[str, bytes], ...]  # (path in the page's folder, bytes)
    offers: tuple[Offer, ...]
    renderer: tuple[tuple[str, str], ...]  # versions of the code that writes the page
    warnings: tuple[str, ...] = ()

    weight = 1  # a page takes milliseconds: a batch starts PDFs first

    @property
    def name(self) -> str:
        """The page's path in the output folder: 'html/mmn/treatment/index.html'."""
        return f"{SITE_FOLDER}/{page_folder(self.leaflet_id, self.audience)}index.html"

    @cached_property
    def fingerprint(self) -> str:
        """Return the hash of every input: equal fingerprints, equal pages."""
        return digest([
            ("page", as_json([self.leaflet_id, self.audience])),
            ("leaflet", self.leaflet.model_dump_json()),
            *(("section", section.model_dump_json()) for section in self.sections),
            ("strings", self.strings.model_dump_json()),
            *self.site.fingerprint_parts(),
            *((f"image {name}", _sha(data)) for name, data in self.images),
            *((f"pdf {o.variant} {o.name} {o.pages}", _sha(o.data)) for o in self.offers),
            ("renderer", as_json(self.renderer))])


def resolve_edition(library: Library, leaflet_id: str, audience: str,
                    options: BuildOptions) -> EditionInputs:
    """Return every input of one web page, read and checked. Raises ContentErrors (with
    file and line) or LeafletError, exactly as the PDF of the same leaflet would."""
    leaflet, sections = select(library, leaflet_id, audience)
    warnings = review_warnings(library, leaflet_id, sections, options)
    images = _images(library, leaflet, sections)
    offers, missing = _offers(library, leaflet, audience, options)
    if missing:
        warnings += (f"{SITE_FOLDER}/{page_folder(leaflet_id, audience)}index.html: does not "
                     f"offer {', '.join(missing)}: not built from the current content; "
                     f"build the PDFs first (leafletgen build --all does)",)
    return EditionInputs(leaflet_id, audience, options, leaflet, tuple(sections),
                         library.strings[leaflet.language], read_site_parts(library),
                         images, offers, renderer_identity(), warnings)


def _images(library: Library, leaflet: Leaflet, sections) -> tuple[tuple[str, bytes], ...]:
    """Return (path in the page's folder, bytes) of every image the sections show, each
    checked as for the PDF; all problems are reported together."""
    found, errors = {}, []
    for section in sections:
        try:
            files = section_images(library, leaflet.topic, section)
        except ContentErrors as exc:
            errors.extend(exc.errors)
            continue
        for image in section.images:
            found[f"{IMAGE_FOLDER}/{image.src}"] = files[
                f"{INPUT_ROOT}/content/{leaflet.topic}/{image.src}"]
    if errors:
        raise ContentErrors(errors)
    return tuple(sorted(found.items()))


def _offers(library: Library, leaflet: Leaflet, audience: str, options: BuildOptions
            ) -> tuple[tuple[Offer, ...], list[str]]:
    """Return the PDFs in the output folder that were built from the current content (the
    build cache knows their fingerprints), and the names of those the manifest lists that
    are missing or out of date: a page never offers a PDF that says something else."""
    cache = BuildCache.load(options.out_dir)
    offers, missing = [], []
    for variant, fmt, large in VARIANTS:
        pdf = resolve_inputs(library, leaflet.id, audience, BuildOptions(
            out_dir=options.out_dir, today=options.today, format=fmt, large_print=large))
        listed = fmt in leaflet.formats and (leaflet.large_print or not large)
        entry = cache.fresh(pdf.name, pdf.fingerprint)
        try:
            data = read_bytes(options.out_dir / pdf.name, MAX_PDF_BYTES) if entry else None
        except FileRefused:
            data = None
        if data is not None:
            offers.append(Offer(variant, pdf.name, data, int(entry.get("pages", 0))))
        elif listed:
            missing.append(pdf.name)
    return tuple(offers), missing


def render_page(inputs: EditionInputs) -> dict[str, bytes]:
    """Return the page's folder as path -> bytes: index.html, style.css, the typeface,
    the images and the PDFs it offers."""
    t = inputs.strings
    html = render_template(
        inputs.site.templates, PAGE_TEMPLATE, lang=inputs.leaflet.language, leaflet=inputs.leaflet,
        sections=list(inputs.sections), audience=inputs.audience, t=t,
        review=review_dates(inputs.leaflet, list(inputs.sections)),
        offers=[(o.name, t.edition.formats[o.variant], offer_details(o, len(o.data), t))
                for o in inputs.offers],
        image_folder=IMAGE_FOLDER, catalogue="../../index.html")
    files = {"index.html": html.encode("utf-8"),
             "style.css": inputs.site.style_css().encode("utf-8")}
    files.update(inputs.site.fonts)
    files.update(inputs.images)
    files.update((offer.name, offer.data) for offer in inputs.offers)
    return files


def offer_details(offer: Offer, size: int, t: Strings) -> str:
    """Return what a download link says after the format: 'PDF, 6 pagina's, 245 kB'."""
    words = t.edition
    if offer.variant == "a5-booklet":
        # An imposed booklet's PDF pages are A4 sides, two A5 pages each, printed on both
        # sides of a sheet.
        pages = words.booklet_pages.format(count=offer.pages * 2, sheets=(offer.pages + 1) // 2)
    else:
        pages = words.one_page if offer.pages == 1 else words.pages.format(count=offer.pages)
    return f"{words.pdf}, {pages}, {file_size(size, t)}"


def file_size(size: int, t: Strings) -> str:
    """Return a file size as readers know it: '245 kB', '1,2 MB' (decimal units)."""
    if size < 1_000_000:
        return t.edition.kilobytes.format(size=max(1, round(size / 1000)))
    megabytes = f"{size / 1_000_000:.1f}".replace(".", t.edition.decimal_mark)
    return t.edition.megabytes.format(size=megabytes)


def write_edition(inputs: EditionInputs) -> Built:
    """Write the page's folder (build/html/LEAFLET/AUDIENCE/); return what was written."""
    folder = inputs.options.out_dir / SITE_FOLDER / inputs.leaflet_id / inputs.audience
    path = write_site_files(folder, render_page(inputs), prune=True)
    return Built(inputs.leaflet_id, inputs.audience, path, 0, inputs.warnings)


def _sha(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()
