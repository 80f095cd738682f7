"""Refusals before any page is made: a foreign Host name, a body too large or too slow."""

from __future__ import annotations

from typing import Awaitable, Callable

import anyio

from .server import is_loopback

MAX_BODY = 16 * 1024  # bytes; the form's fields are a few hundred
BODY_SECONDS = 10.0  # the whole body must arrive within this, or the request is a 408


class BodyRefused(Exception):
    """The request body is larger than MAX_BODY (413) or arrives too slowly (408)."""

    def __init__(self, status: int, kind: str):
        super().__init__(kind)
        self.status, self.kind = status, kind


def host_name(header: str) -> str:
    """Return the name in a Host header, without its port: "[::1]:8000" -> "::1"."""
    header = header.strip()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


Refuse = Callable[[dict, int, str, Callable], Awaitable[None]]  # (scope, status, kind, send)


class Guard:
    """ASGI middleware. With `loopback_only`, a request whose Host header names anything
    but this machine is refused: a web page elsewhere cannot reach the server through a
    name that points at 127.0.0.1 (DNS rebinding). Bodies are capped and timed: a
    declared length over the cap is refused before a byte of it is read."""

    def __init__(self, app, loopback_only: bool, refuse: Refuse, max_body: int = MAX_BODY,
                 body_seconds: float | None = None):
        self.app, self.loopback_only, self.refuse = app, loopback_only, refuse
        self.max_body = max_body
        self.body_seconds = BODY_SECONDS if body_seconds is None else body_seconds

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        if self.loopback_only and not is_loopback(host_name(headers.get("host", ""))):
            return await self.refuse(scope, 400, "wrong_host", send)
        length = headers.get("content-length", "0")
        if not length.isdigit() or int(length) > self.max_body:
            return await self.refuse(scope, 413, "too_large", send)
        await self.app(scope, self._capped(receive), send)

    def _capped(self, receive):
        """Return `receive` counting body bytes and bounding the time they take."""
        state = {"bytes": 0, "done": False, "deadline": anyio.current_time() + self.body_seconds}

        async def capped() -> dict:
            if state["done"]:
                return await receive()
            remaining = state["deadline"] - anyio.current_time()
            with anyio.move_on_after(max(0.0, remaining)):
                message = await receive()
                if message["type"] == "http.request":
                    state["bytes"] += len(message.get("body", b""))
                    state["done"] = not message.get("more_body", False)
                    if state["bytes"] > self.max_body:
                        raise BodyRefused(413, "too_large")
                return message
            raise BodyRefused(408, "too_slow")

        return capped
