"""Held requests: a page that must follow a change asks again at once, and the server
answers only when what the page shows has changed. No JavaScript, and the open page (its
PDF viewer too) stays as it is until there is something new to show."""

from __future__ import annotations

import time
from typing import Awaitable, Callable
from urllib.parse import urlencode

import anyio
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from .builds import Busy
from .pages import HEADERS, Page

HOLD = 50.0  # seconds one request waits for a change; below browsers' response timeouts
POLL = 0.5  # seconds between looks at the files and the build
MAX_HOPS = 19  # a browser follows 20 redirects in one navigation: then the page comes again
MAX_HOLDS = 64  # requests held at once; more are refused as busy


class Holds:
    """Holds requests that carry `since=TOKEN` until the page's token is another."""

    def __init__(self, seconds: float = HOLD, poll: float = POLL, limit: int = MAX_HOLDS):
        self.seconds, self.poll, self.limit = seconds, poll, limit
        self.count = 0

    async def hold(self, request: Request, values: dict[str, str],
                   produce: Callable[[float], Awaitable[Page]]) -> Response:
        """Return produce()'s page once its token differs from the request's `since`.
        After `seconds` unchanged, send the browser to ask again (a redirect), so no
        request waits long enough for a browser to give up on it."""
        since, hop = values["since"], _hop(values)
        if self.count >= self.limit:
            raise Busy()
        self.count += 1
        try:
            deadline = time.monotonic() + self.seconds
            while True:
                started = time.monotonic()
                page = await produce(self.poll)
                if page.token != since:
                    return page.response
                if time.monotonic() >= deadline:
                    return self._again(request, values, hop, page)
                if await request.is_disconnected():
                    return Response(status_code=204)
                await anyio.sleep(max(0.0, self.poll - (time.monotonic() - started)))
        finally:
            self.count -= 1

    @staticmethod
    def _again(request: Request, values: dict[str, str], hop: int, page: Page) -> Response:
        if hop >= MAX_HOPS:
            return page.response
        query = urlencode({**values, "hop": str(hop + 1)})
        return RedirectResponse(f"{request.url.path}?{query}", status_code=307, headers=HEADERS)


def _hop(values: dict[str, str]) -> int:
    hop = values.get("hop", "0")
    return int(hop) if hop.isdigit() and len(hop) < 3 else MAX_HOPS
