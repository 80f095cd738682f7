"""The only module that imports WeasyPrint: HTML and CSS in, PDF bytes out."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from .errors import RenderError

PDF_VARIANT = "pdf/ua-1"


@dataclass
class RenderedPdf:
    """A rendered PDF and how many pages it has."""

    data: bytes
    pages: int


class SafeFetcher(URLFetcher):
    """Fetches only local files under the allowed folders; never the network."""

    def __init__(self, allowed: list[Path]):
        super().__init__(allowed_protocols={"file"})
        self.allowed = [p.resolve() for p in allowed]
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" else None
        if path is None or not any(path.is_relative_to(root) for root in self.allowed):
            self.refused.append(url)
            raise ValueError(f"refused to fetch {url}: only files in the project may be used")
        return super().fetch(url, headers)


@dataclass
class _ErrorCollector(logging.Handler):
    messages: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        logging.Handler.__init__(self, level=logging.ERROR)

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    __hash__ = logging.Handler.__hash__


@contextmanager
def _collect_errors():
    """Catch WeasyPrint's error-level log messages; any of them fails the build."""
    logger = logging.getLogger("weasyprint")
    collector = _ErrorCollector()
    logger.addHandler(collector)
    try:
        yield collector.messages
    finally:
        logger.removeHandler(collector)


def render_pdf(html: str, base_url: Path, stylesheets: list[str], allowed: list[Path],
               identifier: bytes, variant: str = PDF_VARIANT, **options) -> RenderedPdf:
    """Lay out `html` with `stylesheets` (CSS texts) and return a tagged PDF/UA-1
    (or another WeasyPrint `variant`, such as 'pdf/x-4' for print shops)."""
    fetcher = SafeFetcher(allowed)
    fonts = FontConfiguration()
    profiles: dict = {}  # filled by @color-profile rules; the output intent comes from here
    with _collect_errors() as errors:
        document = weasyprint.HTML(string=html, base_url=base_url.as_uri() + "/",
                                   url_fetcher=fetcher)
        css = [weasyprint.CSS(string=text, base_url=base_url.as_uri() + "/",
                              url_fetcher=fetcher, font_config=fonts,
                              color_profiles=profiles) for text in stylesheets]
        rendered = document.render(stylesheets=css, font_config=fonts, color_profiles=profiles)
        data = rendered.write_pdf(pdf_variant=variant, pdf_identifier=identifier,
                                  **options)
    if fetcher.refused:
        raise RenderError("refused to load: " + ", ".join(fetcher.refused))
    if errors:
        raise RenderError("WeasyPrint reported: " + "; ".join(errors))
    return RenderedPdf(data, len(rendered.pages))
