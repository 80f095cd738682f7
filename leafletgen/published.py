"""Where the HTML edition lives: its folder in build/html/, and the address a PDF prints."""

from __future__ import annotations

from .formats import HTML
from .models import AUDIENCES, Leaflet

SITE_FOLDER = "html"  # under the output folder: upload its contents as the site


def page_folder(leaflet_id: str, audience: str) -> str:
    """Return the folder of one audience's page, relative to the site: 'mmn/treatment/'."""
    return f"{leaflet_id}/{audience}/"


def page_url(leaflet: Leaflet, audience: str) -> str | None:
    """Return the address a leaflet's PDF for `audience` prints and puts in its QR code.

    A manifest that lists html publishes build/html/ at its `url`, so each PDF points at
    its own audience's page there: url 'https://example.org/folders' gives
    'https://example.org/folders/mmn/treatment/'. Without html, `url` is printed as given."""
    if not leaflet.url or HTML not in leaflet.formats:
        return leaflet.url
    return leaflet.url.rstrip("/") + "/" + page_folder(leaflet.id, audience)


def longest_printed_url(leaflet: Leaflet) -> str | None:
    """Return the longest address any of the leaflet's PDFs prints (its QR code must hold
    it), or None if it prints none."""
    urls = [page_url(leaflet, audience) for audience in AUDIENCES]
    return max(urls, key=lambda url: len(url.encode("utf-8"))) if leaflet.url else None


def as_printed(leaflet: Leaflet, audience: str) -> Leaflet:
    """Return the leaflet as its PDF for `audience` shows it: `url` is that PDF's address."""
    url = page_url(leaflet, audience)
    return leaflet if url == leaflet.url else leaflet.model_copy(update={"url": url})


def url_problem(leaflet: Leaflet) -> str | None:
    """Return why `url` cannot be the base of the published site, or None if it can."""
    if HTML in leaflet.formats and leaflet.url and any(c in leaflet.url for c in "?#"):
        return (f"with html in formats, url is the address of the site where build/html/ is "
                f"published, so each page's address can be added to it; expected an address "
                f"without '?' or '#'; got '{leaflet.url}'")
    return None
