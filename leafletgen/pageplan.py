"""How a leaflet's pages are composed, decided from what a render measured. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .errors import RenderError
from .formats import Format, Padding, back_page_alone, plan_padding

CONTENTS_MIN_PAGES = 3  # sections must start on this many pages for a contents list to help
# Section text that surely starts sections on three A4 pages (MMN's longest, 2,700
# characters, fills two): a guess that saves a second render of long leaflets.
LONG_A4_CHARS = 6000
# Ids the templates give: an underscore, so no section (its id is its file name) has them.
PADDING_ID = "page_padding_"  # prefix: the notes and blank pages added before the back page
BACK_ID = "page_back"  # the back matter: contact, QR code, sources, colophon
# A page whose text area is less than half in use is nearly empty: on A5 pages for screens,
# back matter that would leave the text's last page like that may break between its parts
# instead. (On A4 it is a small part of a page, and stays in one piece.)
NEARLY_EMPTY = 0.5


@dataclass(frozen=True)
class Layout:
    """What one render measured: pages, where elements with an id start and end, and how
    many lines the running header took."""

    pages: int
    first: dict[str, int] = field(default_factory=dict)  # element id -> first page (0-based)
    last: dict[str, int] = field(default_factory=dict)  # element id -> last page
    header_lines: int = 1
    filled: tuple[float, ...] = ()  # per page: the part of its text area in use, 0 to 1

    def padding_pages(self) -> tuple[int, ...]:
        """Return the indexes of the notes and blank pages added for printing."""
        return tuple(sorted(page for key, page in self.first.items()
                            if key.startswith(PADDING_ID)))


@dataclass(frozen=True)
class Rules:
    """What the composition must satisfy: the format, the build options, the sections."""

    fmt: Format
    duplex: bool
    notes: bool
    section_ids: tuple[str, ...]
    large_print: bool = False
    text_chars: int = 0  # characters of section text: a first guess at the length


@dataclass(frozen=True)
class Composition:
    """The choices a render is made with; the templates and styles read them."""

    with_contents: bool = False  # a contents list after the cover
    back_page: bool = False  # the back matter on a page of its own (a back cover)
    about_on_back: bool = True  # sources and colophon on the back page
    back_in_parts: bool = False  # back matter in the flow may break between its parts
    header_lines: int = 1  # lines the running header needs; the top margin makes room
    padding: Padding = Padding()  # notes and blank pages before the back page
    # The page count the padding was planned for (0: not planned yet). Not compared: with
    # no padding to add, the render that measured it is already the final one.
    pages: int = field(default=0, compare=False)


def first_composition(rules: Rules) -> Composition:
    """Return the composition of the first render.

    Whether a contents list helps is measured (`revise`); the first render guesses, so that
    most leaflets are rendered once: A5 pages and large print run long, A4 less so."""
    long_text = rules.text_chars > LONG_A4_CHARS  # several A4 pages of text, whatever else
    return Composition(with_contents=len(rules.section_ids) >= CONTENTS_MIN_PAGES and (
                           rules.fmt.small_pages or rules.large_print or long_text),
                       back_page=back_page_alone(rules.fmt, rules.duplex, rules.notes))


def revise(composition: Composition, layout: Layout, rules: Rules) -> Composition:
    """Return the composition for the next render; the same one when nothing changes.

    One change at a time, each made once: room for a wrapped running header; a contents
    list exactly where the sections start on enough pages to need it; back matter in the
    flow that would leave the text's last A5 page nearly empty may break between its parts;
    a back page of its own when the back matter does not fit on one page below the text;
    sources and colophon after the text when it still does not fit; and last the padding,
    planned from the page count without it."""
    if layout.header_lines > composition.header_lines:
        return replace(composition, header_lines=layout.header_lines)
    # Adding a list only pushes sections later, removing one only earlier: no flip-flop.
    if composition.with_contents != contents_helps(layout, rules.section_ids):
        return replace(composition, with_contents=not composition.with_contents)
    # On A5 screen pages, rather than leave the text's last page nearly empty, the back
    # matter breaks between its parts (before it would get a page of its own).
    if (rules.fmt.small_pages and not composition.back_page
            and not composition.back_in_parts and _leaves_nearly_empty(layout, rules.section_ids)):
        return replace(composition, back_in_parts=True)
    overflows = _pages_of(layout, BACK_ID) > 1 and not composition.back_in_parts
    if overflows and not composition.back_page:
        return replace(composition, back_page=True)  # a page without furniture has more room
    if overflows and composition.about_on_back:
        return replace(composition, about_on_back=False)
    if not composition.pages:
        padding = plan_padding(layout.pages, rules.fmt, rules.duplex, rules.notes)
        return replace(composition, padding=padding, pages=layout.pages + padding.pages)
    _check_padding(composition, layout)
    return composition


def contents_helps(layout: Layout, section_ids: tuple[str, ...]) -> bool:
    """Return whether the sections start on enough different pages to need a contents list."""
    starts = {layout.first[sid] for sid in section_ids if sid in layout.first}
    return len(starts) >= CONTENTS_MIN_PAGES


def _leaves_nearly_empty(layout: Layout, section_ids: tuple[str, ...]) -> bool:
    """Return whether the back matter starts on a page after the text's last page and
    leaves that page nearly empty (a few lines above a blank)."""
    ends = [layout.last[sid] for sid in section_ids if sid in layout.last]
    back = layout.first.get(BACK_ID)
    if not ends or back is None or back <= max(ends) or max(ends) >= len(layout.filled):
        return False
    return layout.filled[max(ends)] < NEARLY_EMPTY


def _pages_of(layout: Layout, element_id: str) -> int:
    if element_id not in layout.first:
        return 0
    return layout.last[element_id] - layout.first[element_id] + 1


def _check_padding(composition: Composition, layout: Layout) -> None:
    """Refuse a padded document whose page count or back page came out other than planned."""
    if layout.pages != composition.pages:
        raise RenderError(f"padding to {composition.pages} pages gave {layout.pages}; "
                          "a notes or padding page does not fit on one page")
    if composition.back_page and layout.first.get(BACK_ID) != layout.pages - 1:
        raise RenderError("the back page is not the last page: the back matter does not fit "
                          "on one page")
