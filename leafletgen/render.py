"""Jinja2 over templates/: leaflet data in, HTML out. Pure apart from reading templates."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from .errors import ContentError, ContentErrors
from .formats import Padding
from .models import ContactProfile, Leaflet, Section, Strings
from .review import review_dates

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
    with_contents: bool = True
    large_print: bool = False
    contact: ContactProfile | None = None  # the ward's "Vragen?" block, from --contact
    qr: Markup | None = None  # inline SVG QR code of leaflet.url
    notes: bool = False  # a page with ruled lines for notes, before the back page
    padding: Padding = Padding()  # pages added so the count suits duplex or booklets


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
    return env


def render_html(templates_dir: Path, page: Page) -> str:
    """Return the leaflet's HTML document. A mistake in a template is a ContentErrors
    naming the template file and line."""
    try:
        template = environment(templates_dir).get_template(TEMPLATE)
        return template.render(
            leaflet=page.leaflet, sections=page.sections, audience=page.audience,
            t=page.strings, with_contents=page.with_contents, large_print=page.large_print,
            review=review_dates(page.leaflet, page.sections),
            contact=page.contact, qr=page.qr, notes=page.notes, padding=page.padding,
        )
    except Exception as error:
        problem = template_problem(error, templates_dir)
        if problem is None:
            raise
        raise ContentErrors([problem]) from None


def template_problem(error: Exception, templates_dir: Path) -> ContentError | None:
    """Return a template mistake as a content error with file and line, or None if
    `error` did not come from a template. Jinja2 gives syntax errors a line and puts
    template lines into the traceback of errors while rendering."""
    root = templates_dir.resolve()
    where = None
    if getattr(error, "filename", None) and getattr(error, "lineno", None):
        where = (error.filename, error.lineno)  # TemplateSyntaxError
    for frame in traceback.extract_tb(error.__traceback__):
        if Path(frame.filename).resolve().is_relative_to(root):
            where = (frame.filename, frame.lineno)
    if where is None:
        return None
    shown = f"{templates_dir.name}/{Path(where[0]).resolve().relative_to(root).as_posix()}"
    message = getattr(error, "message", None) or str(error)
    return ContentError(shown, where[1], None, f"template error: {message}")


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
    """Return each link target in `html` with the words of its first link, for PDF tags."""
    parser = _LinkParser()
    parser.feed(html)
    return parser.links


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: dict[str, str] = {}
        self._href: str | None = None
        self._words: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and (href := dict(attrs).get("href")):
            self._href, self._words = href, []

    def handle_data(self, data):
        if self._href is not None:
            self._words.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            target = self._href[1:] if self._href.startswith("#") else self._href
            self.links.setdefault(target, " ".join("".join(self._words).split()))
            self._href = None
