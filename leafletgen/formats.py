"""Output formats (a4, a5, a5-booklet, print-shop; html is the web edition) and how their
pages are padded."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from .errors import LeafletError

FormatName = Literal["a4", "a5", "a5-booklet", "print-shop", "html"]
FORMAT_NAMES: tuple[str, ...] = get_args(FormatName)
HTML = "html"  # the web edition (htmledition.py): a folder of web pages, not a PDF format

PadKind = Literal["notes", "blank"]


@dataclass(frozen=True)
class Format:
    """What one output format needs: styles, PDF variant, page multiple, imposition."""

    name: str
    suffix: str  # added to the file name; the a4 name stays as it always was
    stylesheets: tuple[str, ...]  # files in styles/, loaded after leaflet.css
    pdf_variant: str = "pdf/ua-1"
    page_multiple: int = 1  # booklets are folded from sheets of 4 pages
    impose: bool = False  # two-up on A4 landscape in saddle-stitch order
    for_print: bool = False  # CMYK colours, bleed, crop marks, output intent
    bleed_mm: float = 0.0  # the BleedBox: how far past the trim the printer may cut
    small_pages: bool = False  # A5: a leaflet runs to more pages than on A4

    def file_name(self, leaflet_id: str, audience: str) -> str:
        """Return the PDF file name for this format."""
        return f"{leaflet_id}-{audience}{self.suffix}.pdf"


FORMATS: dict[str, Format] = {
    "a4": Format("a4", "", ()),
    "a5": Format("a5", "-a5", ("a5.css",), small_pages=True),
    "a5-booklet": Format("a5-booklet", "-a5-booklet", ("a5.css",), page_multiple=4,
                         impose=True, small_pages=True),
    "print-shop": Format("print-shop", "-print-shop", ("a5.css", "print-shop.css"),
                         pdf_variant="pdf/x-4", page_multiple=4, for_print=True, bleed_mm=3.0,
                         small_pages=True),
}

# A CMYK profile for the print-shop file's output intent: Debian's libgs-common ships
# Ghostscript's SWOP profile. A printer's own profile can be given with --cmyk-profile.
CMYK_PROFILES = (Path("/usr/share/color/icc/ghostscript/default_cmyk.icc"),)


MAX_PROFILE_BYTES = 20 * 1024 * 1024  # printers' CMYK profiles are 0.5-5 MB


def read_cmyk_profile(given: Path | None) -> tuple[Path, bytes]:
    """Return the CMYK ICC profile to embed, as (path, bytes): the one given, or a known
    system one. Anything but a CMYK output (printer) profile is refused with the reason."""
    from .files import FileRefused, read_bytes

    candidates = (given,) if given else tuple(p for p in CMYK_PROFILES if p.exists())
    if not candidates:
        raise LeafletError("the print-shop format needs a CMYK ICC profile: install Debian's "
                           "libgs-common, or give one with --cmyk-profile FILE")
    path = candidates[0]
    try:
        data = read_bytes(path, MAX_PROFILE_BYTES)
    except FileRefused as refused:
        raise LeafletError(f"--cmyk-profile {path}: {refused.problem}") from None
    problem = icc_problem(data)
    if problem:
        raise LeafletError(f"--cmyk-profile {path}: {problem}")
    return path.resolve(), data


def icc_problem(data: bytes) -> str | None:
    """Return why `data` is not a CMYK output ICC profile, or None if it is one.
    (ICC.1 header: size at 0, device class at 12, colour space at 16, 'acsp' at 36.)"""
    if len(data) < 132 or data[36:40] != b"acsp":
        return "not an ICC colour profile; ask the print shop for its CMYK profile (.icc)"
    if int.from_bytes(data[0:4], "big") != len(data):
        return "the ICC profile is damaged (its size does not match its header)"
    space, device = data[16:20].decode("latin-1"), data[12:16]
    if space != "CMYK":
        return f"an ICC profile for {space.strip()} colour, not CMYK"
    if device != b"prtr":
        return "an ICC profile for a screen or other device, not a printer (output) profile"
    return None


def color_profile_css(url: str) -> str:
    """Return the @color-profile rule that makes device-cmyk colours refer to the ICC
    profile at `url`."""
    return (f'@color-profile device-cmyk {{ src: url("{url}"); '
            "components: cyan, magenta, yellow, black; }\n")


LARGE_PRINT_SUFFIX = "-large-print"


def output_name(leaflet_id: str, audience: str, format: str = "a4", large_print: bool = False,
                notes: bool = False, duplex: bool = False, contact: str | None = None) -> str:
    """Return the PDF file name of one variant: every choice that changes the PDF is in it,
    so variants built into one folder never overwrite each other."""
    name = FORMATS[format].file_name(leaflet_id, audience)[:-4]
    name += LARGE_PRINT_SUFFIX if large_print else ""
    name += "-notes" if notes else ""
    name += "-duplex" if duplex else ""
    name += f"-{contact_slug(contact)}" if contact else ""
    return name + ".pdf"


def contact_slug(contact: str) -> str:
    """Return a contact profile's file stem as a safe part of a file name."""
    slug = re.sub(r"[^a-z0-9]+", "-", Path(contact).stem.lower()).strip("-")[:40]
    return slug or "contact"


@dataclass(frozen=True)
class Padding:
    """Pages added before the back page: the notes page asked for, then what the format
    needs to make the page count fit (a multiple of 4 for booklets, even for duplex)."""

    before_back: tuple[PadKind, ...] = ()

    @property
    def pages(self) -> int:
        return len(self.before_back)


def back_page_alone(fmt: Format, duplex: bool, notes: bool) -> bool:
    """Return whether the back matter gets a page of its own (a back cover).

    Booklets need a back cover; duplex handouts put the back page on the back of the last
    sheet; a notes page comes between the text and the back page. Otherwise the back
    matter follows the text, so a file read on screen has no nearly empty page."""
    return fmt.page_multiple > 1 or duplex or notes


def plan_padding(pages: int, fmt: Format, duplex: bool, notes: bool) -> Padding:
    """Return the padding for a document of `pages` pages (cover, text, back page).

    The pages go before the back page, so it stays last. Booklets are filled with notes
    pages (never with "intentionally blank" ones); a duplex handout gets one blank page,
    or a second notes page when notes were asked for. So a file has at most one blank page."""
    asked: tuple[PadKind, ...] = ("notes",) if notes else ()
    multiple = fmt.page_multiple if fmt.page_multiple > 1 else 2 if duplex else 1
    missing = -(pages + len(asked)) % multiple
    fill: PadKind = "notes" if notes or fmt.page_multiple > 1 else "blank"
    return Padding(before_back=asked + (fill,) * missing)
