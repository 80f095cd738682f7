"""The Starlette app: routes that read checked ids and call the same build as the CLI."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .builds import Builds, Busy
from .guard import BodyRefused, Guard
from .hold import Holds
from .pages import HEADERS, Pages
from .params import BadRequest, guess_language, language, plain
from .pdfs import pdf_response
from .site import Site, Snapshot
from .views import Views

FIRST_WAIT = 1.0  # seconds a new request waits for its build before the waiting page
PDF_WAIT = 600.0  # seconds a PDF request waits for its build (it has no waiting page)


class WebApp:
    """The routes, around one Site."""

    def __init__(self, site: Site, watch: bool, holds: Holds, first_wait: float):
        self.site, self.watch, self.holds, self.first_wait = site, watch, holds, first_wait
        self.pages = Pages(site)
        self.builds = Builds(site)
        self.views = Views(site, self.pages, self.builds, watch)

    async def read(self, request: Request) -> tuple[dict[str, str], str, Snapshot]:
        """Return the checked parameters, the page language and the current project."""
        items = list(request.query_params.multi_items())
        if request.method == "POST":
            async with request.form(max_files=0, max_fields=20, max_part_size=1024) as form:
                items += [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
        values = plain(items)
        lang = language(values)
        return values, lang, await anyio.to_thread.run_sync(self.site.snapshot)

    async def form(self, request: Request) -> Response:
        values, lang, snap = await self.read(request)
        return self.views.form(snap, lang, values).response

    async def leaflet(self, request: Request) -> Response:
        values, lang, snap = await self.read(request)

        async def produce(wait: float):
            snap = await anyio.to_thread.run_sync(self.site.snapshot)
            return await self.views.leaflet(snap, lang, values, wait)

        if "since" in values:
            return await self.holds.hold(request, values, produce)
        return (await self.views.leaflet(snap, lang, values, self.first_wait)).response

    async def errors(self, request: Request) -> Response:
        values, lang, snap = await self.read(request)

        async def produce(wait: float):
            snap = await anyio.to_thread.run_sync(self.site.snapshot)
            return self.views.errors(snap, lang, values)

        if "since" in values and self.watch:
            return await self.holds.hold(request, values, produce)
        return self.views.errors(snap, lang, values).response

    async def pdf(self, request: Request) -> Response:
        values, lang, snap = await self.read(request)
        return await pdf_response(self.views, snap, lang, values, PDF_WAIT,
                                  request.path_params.get("name"))

    async def style(self, request: Request) -> Response:
        snap = await anyio.to_thread.run_sync(self.site.snapshot)
        css = (self.site.project.styles_dir / "web.css").read_text(encoding="utf-8")
        theme = snap.theme.css() if snap.theme else ""
        return Response(theme + css, media_type="text/css", headers=HEADERS)

    def refusal(self, request: Request | None, status: int, kind: str,
                headers: dict | None = None) -> Response:
        """Return the error page for a request refused before (or instead of) a page."""
        lang = guess_language(dict(request.query_params)) if request else "nl"
        response = self.pages.error(None, lang, status, kind).response
        response.headers.update(headers or {})
        return response


def create_app(project: Path, renders: int | None = None, watch: bool = False,
               loopback_only: bool = True, holds: Holds | None = None,
               first_wait: float = FIRST_WAIT) -> Starlette:
    """Return the app serving `project`: the form, the result page, the PDF, the editor's
    error list and the styles. With `watch`, result and error pages follow file changes
    (hold.py). With `loopback_only` (serve on a loopback address), requests naming any
    other host are refused. A new leaflet not made within `first_wait` seconds gets the
    page saying it is being made."""
    site = Site(project) if renders is None else Site(project, renders)
    web = WebApp(site, watch, holds or Holds(), first_wait)

    async def refuse(scope, status: int, kind: str, send) -> None:
        await web.refusal(Request(scope), status, kind)(scope, _nothing, send)

    @asynccontextmanager
    async def lifespan(app):
        await anyio.to_thread.run_sync(site.snapshot)  # load once before the first nurse
        yield
        web.builds.close()

    routes = [Route("/", web.form), Route("/leaflet", web.leaflet, methods=["GET", "POST"]),
              Route("/pdf", web.pdf), Route("/pdf/{name}", web.pdf),
              Route("/errors", web.errors), Route("/style.css", web.style)]
    guard = Middleware(Guard, loopback_only=loopback_only, refuse=refuse)
    return Starlette(routes=routes, exception_handlers=_handlers(web), middleware=[guard],
                     lifespan=lifespan)


def _handlers(web: WebApp) -> dict:
    """Return the error pages for what stops a request: never a traceback."""

    async def bad_request(request: Request, error: BadRequest) -> Response:
        return web.pages.error(None, guess_language(dict(request.query_params)),
                               error.status, error.kind, error.field).response

    async def refused_body(request: Request, error: BodyRefused) -> Response:
        return web.refusal(request, error.status, error.kind)

    async def busy(request: Request, error: Busy) -> Response:
        return web.refusal(request, 503, "busy", {"Retry-After": "30"})

    async def http_error(request: Request, error: HTTPException) -> Response:
        kind = {404: "no_page", 405: "method"}.get(error.status_code, "failed")
        return web.refusal(request, error.status_code, kind, error.headers)

    async def server_error(request: Request, error: Exception) -> Response:
        return web.refusal(request, 500, "failed")

    return {BadRequest: bad_request, BodyRefused: refused_body, Busy: busy,
            HTTPException: http_error, Exception: server_error}


async def _nothing() -> dict:
    return {"type": "http.disconnect"}
