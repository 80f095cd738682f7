"""The Starlette app: routes that read checked ids and call the same build as the CLI."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from ..audiences import audiences_served
from ..errors import ContentErrors
from ..loader import load_contact
from ..models import AUDIENCES, LANGUAGES
from ..render import environment
from .params import NOTES, WEB_FORMATS, BadRequest, Choice, language, one_of, plain, read_choice
from .site import Site, Snapshot

HEADERS = {  # no scripts anywhere; the PDF preview is framed from this same origin only
    "Content-Security-Policy": "default-src 'self'; script-src 'none'; frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class WebApp:
    """The routes, around one Site."""

    def __init__(self, site: Site, watch: bool = False):
        self.site = site
        self.watch = watch  # result and error pages reload themselves, for editors
        self.limiter: anyio.CapacityLimiter | None = None

    async def form(self, request: Request) -> Response:
        values, lang, snap = await self._start(request)
        chosen = {"format": "a4", "notes": "no", "contact": "", **values}
        return self.page(snap, lang, "form.html.j2", 200, chosen=chosen,
                         **self._options(snap, lang))

    async def leaflet(self, request: Request) -> Response:
        values, lang, snap = await self._start(request)
        choice = self._choice(snap, values)
        outcome = await self._build(snap, choice)
        query = choice.query(lang)
        return self.page(snap, lang, "result.html.j2", 200, outcome=outcome,
                         leaflet=snap.library.leaflets[choice.leaflet],
                         pdf_url="/pdf?" + urlencode(query),
                         download_url="/pdf?" + urlencode({**query, "download": "yes"}),
                         again_url="/?" + urlencode(query))

    async def pdf(self, request: Request) -> Response:
        values, lang, snap = await self._start(request)
        choice = self._choice(snap, values)
        disposition = "attachment" if one_of(values, "download", NOTES, "no") == "yes" else "inline"
        outcome = await self._build(snap, choice)
        return Response(outcome.path.read_bytes(), media_type="application/pdf",
                        headers={**HEADERS, "Content-Disposition":
                                 f'{disposition}; filename="{outcome.path.name}"'})

    async def style(self, request: Request) -> Response:
        snap = await anyio.to_thread.run_sync(self.site.snapshot)
        css = (self.site.project.styles_dir / "web.css").read_text(encoding="utf-8")
        theme = snap.theme.css() if snap.theme else ""
        return Response(theme + css, media_type="text/css", headers=HEADERS)

    async def _start(self, request: Request) -> tuple[dict[str, str], str, Snapshot]:
        """Return the checked parameters, the page language and the current project;
        content errors stop here (status 422)."""
        items = list(request.query_params.multi_items())
        if request.method == "POST":
            async with request.form(max_files=0, max_fields=20, max_part_size=1024) as form:
                items += [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
        values = plain(items)
        snap = await anyio.to_thread.run_sync(self.site.snapshot)
        if snap.errors is not None:
            raise snap.errors
        return values, language(values), snap

    def _choice(self, snap: Snapshot, values: dict[str, str]) -> Choice:
        choice = read_choice(values, snap.library.leaflets, self.site.contacts())
        leaflet = snap.library.leaflets[choice.leaflet]
        if choice.audience not in audiences_served(leaflet, snap.library.sections[leaflet.topic]):
            raise BadRequest(404, "unknown", "audience")
        return choice

    async def _build(self, snap: Snapshot, choice: Choice):
        """Answer from the cache, or build in a worker thread, at most `renders` at once;
        a failure is an error page."""
        if self.limiter is None:
            self.limiter = anyio.CapacityLimiter(self.site.renders)
        outcome = await anyio.to_thread.run_sync(self.site.cached, snap.library, choice)
        if outcome is None:
            outcome = await anyio.to_thread.run_sync(self.site.build, snap.library, choice,
                                                     limiter=self.limiter)
        if outcome.status == "failed":
            if outcome.message.startswith("internal error"):
                raise RuntimeError(outcome.message)
            raise BuildFailed(outcome.message)
        return outcome

    def _options(self, snap: Snapshot, lang: str) -> dict:
        """Return what the form offers, with the words a nurse reads."""
        words = snap.strings[lang]
        library = snap.library
        contacts = []
        for contact_id, path in self.site.contacts().items():
            try:
                contacts.append((contact_id, load_contact(path).department))
            except ContentErrors:
                contacts.append((contact_id, contact_id))
        return {"leaflets": sorted((i, l.title) for i, l in library.leaflets.items()),
                "audiences": [(a, words.audiences[a]) for a in AUDIENCES],
                "formats": [(f, words.web.formats.get(f, f)) for f in WEB_FORMATS],
                "contacts": contacts, "languages": LANGUAGES}

    def page(self, snap: Snapshot | None, lang: str, template: str, status: int,
             **context) -> Response:
        """Return an HTML page in `lang` (or the other language if its words are broken)."""
        strings = (snap.strings if snap else None) or self.site.snapshot().strings
        if not strings:
            return Response("the interface words in templates/strings/ do not load; "
                            "run `leafletgen check`", status_code=max(status, 500),
                            media_type="text/plain", headers=HEADERS)
        lang = lang if lang in strings else next(iter(strings))
        env = environment(self.site.project.templates_dir)
        html = env.get_template(f"web/{template}").render(
            t=strings[lang], web=strings[lang].web, lang=lang, status=status,
            refresh=self.watch and template != "form.html.j2", **context)
        return HTMLResponse(html, status_code=status, headers=HEADERS)


class BuildFailed(Exception):
    """A leaflet that could not be built for a reason the content gives (status 422)."""


def create_app(project: Path, renders: int | None = None, watch: bool = False) -> Starlette:
    """Return the app serving `project`: the form, the result page, the PDF and the styles.
    With `watch`, result and error pages reload every few seconds: each reload reads changed
    files again, rebuilds the leaflet if its inputs changed, or shows the content errors."""
    site = Site(project) if renders is None else Site(project, renders)
    web = WebApp(site, watch)

    async def bad_request(request: Request, error: BadRequest) -> Response:
        words = _words(web, request)
        message = getattr(words, error.kind).format(field=error.field) if words else ""
        return _error_page(web, request, error.status, [message])

    async def content_errors(request: Request, error: ContentErrors) -> Response:
        return _error_page(web, request, 422, [], errors=error.errors)

    async def build_failed(request: Request, error: BuildFailed) -> Response:
        return _error_page(web, request, 422, str(error).splitlines())

    async def http_error(request: Request, error: HTTPException) -> Response:
        return _error_page(web, request, error.status_code, [])

    async def server_error(request: Request, error: Exception) -> Response:
        return _error_page(web, request, 500, [])

    routes = [Route("/", web.form), Route("/leaflet", web.leaflet, methods=["GET", "POST"]),
              Route("/pdf", web.pdf), Route("/style.css", web.style)]
    handlers = {BadRequest: bad_request, ContentErrors: content_errors,
                BuildFailed: build_failed, HTTPException: http_error, Exception: server_error}
    return Starlette(routes=routes, exception_handlers=handlers)


def _words(web: WebApp, request: Request):
    strings = web.site.snapshot().strings
    lang = language(dict(request.query_params))
    return strings[lang].web if lang in strings else None


def _error_page(web: WebApp, request: Request, status: int, lines: list[str],
                errors: list | None = None) -> Response:
    """Return the friendly error page: what went wrong, never a traceback."""
    lang = language(dict(request.query_params))
    return web.page(None, lang, "error.html.j2", status, lines=lines, errors=errors or [])
