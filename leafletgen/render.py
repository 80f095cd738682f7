"""Jinja2 over templates/: leaflet data in, HTML out. Pure apart from reading templates."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from .models import ContactProfile, Leaflet, Section, Strings
from .pageplan import Composition
from .review import review_dates
from .urls import url_breaks

if TYPE_CHECKING:
    from jinja2 import Environment

TEMPLATE = "leaflet.html.j2"


@dataclass(frozen=True)
class Page:
    """What one leaflet page set is made of: the data the templates see."""

    leaflet: Leaflet
    sections: list[Section]
    audience: str
    strings: Strings
    composition: Composition = Composition()  # contents list, back page, padding (pageplan.py)
    large_print: bool = False
    contact: ContactProfile | None = None  # the ward's "Vragen?" block, from --contact
    qr: Markup | None = None  # inline SVG QR code of leaflet.url
    logo: str | None = None  # file URL of the manifest's logo, for the cover


@lru_cache(maxsize=8)
def environment(templates_dir: Path) -> Environment:
    """Return the Jinja2 environment: autoescape everywhere, undefined names are errors."""
    # Imported here, not at the top: `leafletgen list` and `check` never render.
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    from .markdown import render_markdown

    env = Environment(
        loader=FileSystemLoader(templates_dir),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["markdown"] = render_markdown
    env.filters["css_string"] = css_string
    env.filters["long_date"] = long_date
    env.filters["url_breaks"] = url_breaks
    return env


def render_html(templates_dir: Path, page: Page) -> str:
    """Return the leaflet's HTML document."""
    template = environment(templates_dir).get_template(TEMPLATE)
    return template.render(
        leaflet=page.leaflet, sections=page.sections, audience=page.audience,
        t=page.strings, layout=page.composition, large_print=page.large_print,
        review=review_dates(page.leaflet, page.sections),
        contact=page.contact, qr=page.qr, logo=page.logo,
    )


def long_date(date, strings: Strings) -> str:
    """Return a date in words, day first: '26 november 2026'."""
    return f"{date.day} {strings.months[date.month - 1]} {date.year}"


def css_string(text: str) -> Markup:
    """Quote `text` as a CSS string literal (for interface words used in `content:`).
    Everything but letters, digits and plain punctuation is a CSS escape, so the result
    is safe inside <style>."""
    escaped = "".join(c if c.isalnum() or c in " .,:;-" else f"\\{ord(c):x} " for c in text)
    return Markup(f'"{escaped}"')


def link_texts(html: str) -> dict[str, str]:
    """Return each link target in `html` with the words of its first link (its aria-label
    when it has one), for PDF tags."""
    parser = _LinkParser()
    parser.feed(html)
    return parser.links


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: dict[str, str] = {}
        self._href: str | None = None
        self._words: list[str] = []
        self._label: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "a" and (href := dict(attrs).get("href")):
            self._href, self._words, self._label = href, [], dict(attrs).get("aria-label")

    def handle_data(self, data):
        if self._href is not None:
            self._words.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            target = self._href[1:] if self._href.startswith("#") else self._href
            words = self._label or "".join(self._words)
            self.links.setdefault(target, " ".join(words.split()))
            self._href = None
