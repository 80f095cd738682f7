"""Jinja2 over templates/: leaflet data in, HTML out. Pure apart from reading templates."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from .errors import LeafletError
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
    """Return a Jinja2 environment reading templates from a folder (the serve page)."""
    from jinja2 import FileSystemLoader

    return _environment(FileSystemLoader(templates_dir))


@lru_cache(maxsize=8)
def leaflet_environment(templates: tuple[tuple[str, str], ...]) -> Environment:
    """Return the environment over the template texts resolved for one PDF (inputs.py):
    the render never reads a template file itself."""
    from jinja2 import BaseLoader, TemplateNotFound

    texts = dict(templates)

    class TextLoader(BaseLoader):
        def get_source(self, environment, name):
            if name not in texts:
                raise TemplateNotFound(name)
            # The file name shows in template errors and their tracebacks.
            return texts[name], f"templates/{name}", lambda: True

    return _environment(TextLoader())


def _environment(loader) -> Environment:
    """Autoescape everywhere; undefined names are errors."""
    # Imported here, not at the top: `leafletgen list` and `check` never render.
    from jinja2 import Environment, StrictUndefined, pass_context, select_autoescape

    from .markdown import PAGE_ANCHORS, render_markdown

    env = Environment(
        loader=loader,
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    # A link to a section this PDF leaves out (another audience's) prints as plain words.
    env.filters["markdown"] = pass_context(lambda context, text: render_markdown(
        text, PAGE_ANCHORS | {section.id for section in context["sections"]}))
    env.filters["css_string"] = css_string
    env.filters["long_date"] = long_date
    env.filters["url_breaks"] = url_breaks
    return env


def render_html(templates: tuple[tuple[str, str], ...], page: Page) -> str:
    """Return the leaflet's HTML document; a template fault is a LeafletError naming the
    template file and line."""
    from jinja2 import TemplateError

    try:
        template = leaflet_environment(templates).get_template(TEMPLATE)
        return template.render(
            leaflet=page.leaflet, sections=page.sections, audience=page.audience,
            t=page.strings, layout=page.composition, large_print=page.large_print,
            review=review_dates(page.leaflet, page.sections),
            contact=page.contact, qr=page.qr, logo=page.logo,
        )
    except TemplateError as error:
        raise LeafletError(template_problem(error)) from None


def template_problem(error) -> str:
    """Return a template error as 'templates/NAME:LINE: template error: problem'."""
    import traceback

    where, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if where is None:  # an error while rendering: the template's frame has file and line
        frames = [f for f in traceback.extract_tb(error.__traceback__)
                  if f.filename.startswith("templates/")]
        where, line = (frames[-1].filename, frames[-1].lineno) if frames else ("templates", None)
    return f"{where}{f':{line}' if line else ''}: template error: {error.message}"


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
    return dict(reversed(links_in_order(html)))  # the first link of a target wins


def links_in_order(html: str) -> tuple[tuple[str, str], ...]:
    """Return (target, words) of every link in `html`, in reading order: the words are its
    aria-label when it has one ('#id' targets without the '#')."""
    parser = _LinkParser()
    parser.feed(html)
    return tuple(parser.found)


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
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
            self.found.append((target, " ".join(words.split())))
            self._href = None
