"""The HTTP protocol `serve` runs: uvicorn's, with deadlines for slow clients."""

from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from .server import DRAIN_SECONDS, HEADER_SECONDS


class GuardedProtocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request's headers: a client that
    trickles header lines (or sends nothing) is disconnected after `header_seconds`
    (uvicorn itself only times out idle keep-alive connections). A body still arriving
    after its answer (a refused one) is read and dropped for `drain_seconds` at most."""

    header_seconds = HEADER_SECONDS
    drain_seconds = DRAIN_SECONDS
    _header_timer: asyncio.TimerHandle | None = None
    _drain_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._drain_timer is not None and self.conn.their_state is not h11.SEND_BODY:
            self._drain_timer.cancel()  # the refused body is over: the connection
            self._drain_timer = None    # serves the next request
        if self.conn.their_state is h11.IDLE:
            self._arm()  # a request has begun (or not yet): its headers are due
        elif self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.conn.their_state is h11.SEND_BODY and self._drain_timer is None:
            self._drain_timer = self.loop.call_later(self.drain_seconds, self._close)

    def connection_lost(self, exc) -> None:
        for timer in (self._header_timer, self._drain_timer):
            if timer is not None:
                timer.cancel()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self._header_timer is None:
            self._header_timer = self.loop.call_later(self.header_seconds, self._expire)

    def _expire(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE:
            self._close()

    def _close(self) -> None:
        if not self.transport.is_closing():
            self.transport.close()
