"""The HTML pages: one template each, in the page's language, never a traceback."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

from jinja2 import TemplateError
from starlette.responses import HTMLResponse, Response

from ..errors import ContentError
from ..render import environment, template_problem
from .site import Site, Snapshot


def refresh_query(values: dict[str, str], token: str) -> dict[str, str]:
    """Return the query a page loads again with: the same request, since this state."""
    query = {k: v for k, v in values.items() if k not in ("since", "hop")}
    return {**query, "since": token}

# No scripts anywhere; forms post only here; the PDF preview is framed from this origin only.
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'none'; form-action 'self'; "
                               "base-uri 'none'; frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
FIELD_LABELS = {  # request parameter -> the WebStrings label the form shows for it
    "leaflet": "leaflet_legend", "audience": "audience_legend", "format": "format_legend",
    "contact": "contact_legend", "notes": "notes_legend", "lang": "language_legend",
    "download": "download",
}


@dataclass
class Page:
    """A page and its state: a --watch or waiting page is sent again only when the
    state (the build's fingerprint, the errors shown, the place in the queue) changes."""

    response: Response
    token: str


@lru_cache(maxsize=4)
def page_environment(templates_dir: Path):
    """Return the page templates' environment: the leaflet's, with each template named as
    the project shows it (templates/web/...), so an error says which file and line."""
    from jinja2 import FileSystemLoader

    class ProjectLoader(FileSystemLoader):
        def get_source(self, environment, name):
            text, _, uptodate = super().get_source(environment, name)
            return text, f"{templates_dir.name}/{name}", uptodate

    return environment(templates_dir).overlay(loader=ProjectLoader(templates_dir))


def token_of(*parts) -> str:
    """Return a short stable token for what a page shows."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


class Pages:
    """Renders templates/web/ with the words of templates/strings/ and the theme."""

    def __init__(self, site: Site):
        self.site = site

    def render(self, snap: Snapshot | None, lang: str, template: str, status: int,
               refresh: dict | None = None, path: str = "/leaflet", **context) -> Response:
        """Return a page in `lang` (or another language if its words are broken).
        `refresh`: the query `path` is loaded again with at once (held: see hold.py)."""
        snap = snap or self.site.snapshot()
        if not snap.strings:
            return self.plain("the interface words in templates/strings/ do not load; "
                              "run `leafletgen check`", max(status, 500))
        lang = lang if lang in snap.strings else next(iter(snap.strings))
        words = snap.strings[lang]
        try:
            html = page_environment(self.site.project.templates_dir).get_template(
                f"web/{template}").render(
                t=words, web=words.web, lang=lang, status=status, fault=fault_of(words.web),
                refresh=f"{path}?" + urlencode(refresh) if refresh else None,
                attention=bool(snap.errors), **context)
        except TemplateError as error:  # a mistake in the page's own templates
            return self.plain(template_problem(error), 500)
        return HTMLResponse(html, status_code=status, headers=HEADERS)

    def plain(self, text: str, status: int) -> Response:
        """Return a plain text answer: for when the pages themselves cannot be shown."""
        return Response(self.scrub(text) + "\n", status_code=status, media_type="text/plain",
                        headers=HEADERS)

    def error(self, snap: Snapshot | None, lang: str, status: int, kind: str,
              field: str | None = None, errors: list[ContentError] = (), lines=(),
              follow: dict | None = None, **context) -> Page:
        """Return the error page: what went wrong in the page's words, and any content
        errors with file and line (in English, marked so). With `follow` (the request's
        values, under --watch), the page asks again until what it shows changes."""
        shown = [self.site.relative(e) for e in errors]
        lines = [self.scrub(line) for line in lines]
        token = token_of(status, kind, field, [str(e) for e in shown], lines)
        refresh = refresh_query(follow, token) if follow is not None else None
        response = self.render(snap, lang, "error.html.j2", status, kind=kind, field=field,
                               errors=shown, lines=lines, refresh=refresh, **context)
        return Page(response, token)

    def scrub(self, text: str) -> str:
        """Return `text` without the project's full path: pages name files relative to it."""
        return text.replace(f"{self.site.project.root}/", "")


def fault_of(web):
    """Return a function: (fault, request parameter) -> the message, naming the field
    with the words the form shows for it."""
    def fault(kind: str, field: str | None = None) -> str:
        name = FIELD_LABELS.get(field or "")
        return getattr(web.faults, kind).format(label=getattr(web, name) if name else "")
    return fault
