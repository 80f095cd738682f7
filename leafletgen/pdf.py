"""Renders with WeasyPrint (imported via renderer.py): HTML and CSS in, PDF bytes out."""

from __future__ import annotations

import logging
import mimetypes
import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from .errors import RenderError
from .pageplan import Layout
from .renderer import import_weasyprint

weasyprint = import_weasyprint()  # without the costs a build does not need (renderer.py)
from weasyprint.formatting_structure import boxes  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

PDF_VARIANT = "pdf/ua-1"
MISSING_ALT = 'Image "%s" has no required alt description'  # WeasyPrint 70's log message


@dataclass
class RenderedPdf:
    """A rendered PDF and how many pages it has."""

    data: bytes
    pages: int
    continued: tuple[tuple[str, ...], ...] = ()  # per page: tags split from the page before
    layout: Layout | None = None  # what pageplan.py decides the next render from


class InputFetcher(URLFetcher):
    """Serves only the files resolved for this PDF (inputs.py), from memory: never the
    network, never the disk. What the render reads is exactly what was fingerprinted."""

    def __init__(self, files: dict[str, bytes]):
        super().__init__(allowed_protocols={"file"})
        self.files = {os.path.normpath(path): data for path, data in files.items()}
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        problem = self.refusal(url)
        if problem:
            self.refused.append(problem)
            raise ValueError(f"refused to load {problem}")
        path = _path_of(url)
        kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
        # Not a file: URL, so WeasyPrint keeps these bytes instead of reading the file again.
        return URLFetcherResponse(f"leafletgen-input:{url}", body=self.files[path],
                                  headers={"Content-Type": kind})

    def refusal(self, url: str) -> str | None:
        """Return why `url` may not be loaded (naming it), or None if it may."""
        scheme = urlsplit(url).scheme
        if scheme != "file":
            kind = f"{scheme}:" if scheme else "this kind of"
            return (f"'{url}': {kind} addresses are never fetched; a leaflet may only use "
                    f"files in its project")
        if _path_of(url) not in self.files:
            return (f"'{url}': not one of this leaflet's files; a leaflet may only use the "
                    f"images its sections list, its logo, its fonts and its colour profile")
        return None


def _path_of(url: str) -> str:
    return os.path.normpath(unquote(urlsplit(url).path))


def decorative_images(html: str) -> frozenset[str]:
    """Return the src of every <img alt="" role="presentation"> (decorative by intent)."""
    parser = _ImageParser()
    parser.feed(html)
    return frozenset(parser.decorative)


class _ImageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.decorative: set[str] = set()

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "img" and found.get("alt") == "" and found.get("role") == "presentation":
            self.decorative.add(found.get("src", ""))


@dataclass
class _ErrorCollector(logging.Handler):
    decorative: frozenset[str] = frozenset()
    messages: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        logging.Handler.__init__(self, level=logging.ERROR)

    def emit(self, record: logging.LogRecord) -> None:
        # WeasyPrint logs alt="" as an error even when the image is decorative on
        # purpose; postprocess/figures.py turns those into artifacts.
        if (record.msg == MISSING_ALT and record.args
                and record.args[0] in self.decorative):
            return
        self.messages.append(record.getMessage())

    __hash__ = logging.Handler.__hash__


@contextmanager
def _collect_errors(decorative: frozenset[str]):
    """Catch WeasyPrint's error-level log messages; any of them fails the build."""
    logger = logging.getLogger("weasyprint")
    collector = _ErrorCollector(decorative)
    logger.addHandler(collector)
    try:
        yield collector.messages
    finally:
        logger.removeHandler(collector)


def render_pdf(html: str, base_url: str, stylesheets: list[str], files: dict[str, bytes],
               identifier: bytes, variant: str = PDF_VARIANT, **options) -> RenderedPdf:
    """Lay out `html` with `stylesheets` (CSS texts) and return a tagged PDF/UA-1
    (or another WeasyPrint `variant`, such as 'pdf/x-4' for print shops). Relative
    addresses resolve against `base_url`; only the bytes in `files` can be loaded."""
    fetcher = InputFetcher(files)
    with _collect_errors(decorative_images(html)) as errors:
        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
        css, fonts, profiles = _styles(base_url, tuple(stylesheets), fetcher)
        rendered = document.render(stylesheets=css, font_config=fonts, color_profiles=profiles)
        data = rendered.write_pdf(pdf_variant=variant, pdf_identifier=identifier,
                                  **options)
    if fetcher.refused:
        raise RenderError("refused to load " + "; ".join(fetcher.refused))
    if errors:
        raise RenderError("WeasyPrint reported: " + "; ".join(errors))
    return RenderedPdf(data, len(rendered.pages), continued_elements(rendered),
                       measure_layout(rendered))


@dataclass
class _ParsedStyles:
    """Stylesheets parsed once, with the fonts their @font-face rules added and the colour
    profiles their @color-profile rules named, and the bytes of every file that took."""

    css: list
    fonts: FontConfiguration
    profiles: dict
    read: dict[str, bytes]  # path -> the bytes the parse fetched


_PARSED: dict[tuple, _ParsedStyles] = {}
KEEP_PARSED = 8  # a4, large print, a5, booklet, print-shop, ... for a few base addresses


def _styles(base_url: str, stylesheets: tuple[str, ...], fetcher: InputFetcher):
    """Return (css, font configuration, colour profiles) for these stylesheets, parsing
    them only when this process has not parsed the same texts with the same fonts and
    profiles before (a warm `--watch`, `serve` or batch worker renders many PDFs with
    one set of styles; parsing and loading the fonts costs ~15 ms a PDF)."""
    key = (base_url, stylesheets)
    parsed = _PARSED.get(key)
    if parsed is not None and all(fetcher.files.get(path) == data
                                  for path, data in parsed.read.items()):
        return parsed.css, parsed.fonts, parsed.profiles
    recorder = _RecordingFetcher(fetcher)
    fonts = FontConfiguration()
    profiles: dict = {}  # filled by @color-profile rules; the output intent comes from here
    css = [weasyprint.CSS(string=text, base_url=base_url, url_fetcher=recorder,
                          font_config=fonts, color_profiles=profiles) for text in stylesheets]
    if recorder.refused:  # not kept: the render reports the refusal
        return css, fonts, profiles
    _PARSED.pop(key, None)
    _PARSED[key] = _ParsedStyles(css, fonts, profiles, recorder.read)
    while len(_PARSED) > KEEP_PARSED:
        del _PARSED[next(iter(_PARSED))]  # the oldest
    return css, fonts, profiles


def forget_styles() -> None:
    """Drop the parsed stylesheets this process kept, removing the temporary folder each
    font configuration keeps its fonts in (WeasyPrint removes it when the configuration is
    freed, which a process ending with os._exit never does)."""
    for parsed in _PARSED.values():
        folder = getattr(parsed.fonts, "_folder", None)
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
    _PARSED.clear()


class _RecordingFetcher(URLFetcher):
    """The render's fetcher, noting the bytes it served (what a parse depends on)."""

    def __init__(self, inner: InputFetcher):
        super().__init__(allowed_protocols={"file"})
        self.inner = inner
        self.read: dict[str, bytes] = {}

    @property
    def refused(self) -> list[str]:
        return self.inner.refused

    def fetch(self, url, headers=None):
        response = self.inner.fetch(url, headers)
        path = _path_of(url)
        self.read[path] = self.inner.files[path]
        return response


def warm_up(base_url: str, stylesheets: list[str], files: dict[str, bytes]) -> None:
    """Lay out a one-line page with a leaflet's styles and fonts, so that fontconfig, Pango
    and HarfBuzz are set up once: processes forked after this do not each pay for it."""
    try:
        render_pdf('<html lang="nl"><title>.</title><p>Aa <b>Bb</b></p></html>', base_url,
                   stylesheets, files, b"0" * 32)
    except RenderError:
        pass  # the real build reports what is wrong


def continued_elements(rendered) -> tuple[tuple[str, ...], ...]:
    """Return, for each page, the tags of the block elements that a page break split off
    the page before, outermost first (what postprocess/splits.py joins again)."""
    out, before = [], set()
    for page in rendered.pages:
        blocks = [box for child in page._page_box.children
                  if not isinstance(child, boxes.MarginBox) for box in child.descendants()
                  if isinstance(box, boxes.BlockBox) and box.element is not None
                  and box.element_tag not in ("html", "body")]
        chain = []
        for box in blocks:
            if id(box.element) not in before:
                break
            chain.append(box.element_tag)
        out.append(tuple(chain))
        before = {id(box.element) for box in blocks}
    return tuple(out)


def measure_layout(rendered) -> Layout:
    """Return the pages each element with an id starts and ends on, how full each page's
    text area is, and the most lines a running header (a top margin box) took on any page."""
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    filled = []
    header_lines = 1
    for number, page in enumerate(rendered.pages):
        page_box = page._page_box
        top, height = page_box.content_box_y(), page_box.height
        bottom = top
        for child in page_box.children:
            if isinstance(child, boxes.MarginBox):
                if child.at_keyword.startswith("@top"):
                    lines = sum(isinstance(box, boxes.LineBox) for box in child.descendants())
                    header_lines = max(header_lines, lines)
                continue
            for box in child.descendants():
                if isinstance(box, (boxes.LineBox, boxes.ReplacedBox)):
                    bottom = max(bottom, box.position_y + box.margin_height())
                key = box.element.get("id") if box.element is not None else None
                if key and box.element_tag != "html":
                    first.setdefault(key, number)
                    last[key] = number
        filled.append(min(1.0, max(0.0, (bottom - top) / height)) if height else 1.0)
    return Layout(len(rendered.pages), first, last, header_lines, tuple(filled))
