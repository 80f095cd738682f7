"""The render queue: one build per variant and inputs, a few at once, a bounded line."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from ..batch import Outcome
from ..loader import Library
from .params import Choice
from .site import Site

MAX_QUEUE = 64  # builds running or waiting; more is refused as busy (status 503)


class Busy(Exception):
    """More builds or waiting pages than the server takes on at once (status 503)."""


class Builds:
    """Renders in worker threads, `site.renders` at a time. Two requests for the same
    PDF from the same inputs share one build; a request that stops waiting (a closed
    page) does not stop the build, so the next request finds it in the cache."""

    def __init__(self, site: Site, limit: int | None = None):
        self.site = site
        self.limit = MAX_QUEUE if limit is None else limit
        self._executor = ThreadPoolExecutor(site.renders, thread_name_prefix="leafletgen-render")
        self._lock = threading.Lock()
        self._pending: dict[tuple, Future] = {}  # in the order they were asked for

    def submit(self, library: Library, choice: Choice, fingerprint: str
               ) -> tuple[tuple, Future]:
        """Start (or join) the build of `choice` from inputs with this fingerprint; return
        its key (for ahead()) and future."""
        key = (choice, fingerprint)
        with self._lock:
            if key in self._pending:
                return key, self._pending[key]
            if len(self._pending) >= self.limit:
                raise Busy()
            future = self._executor.submit(self.site.build, library, choice)
            self._pending[key] = future
        future.add_done_callback(lambda _, key=key: self._forget(key))
        return key, future

    def _forget(self, key: tuple) -> None:
        with self._lock:
            self._pending.pop(key, None)

    def ahead(self, key: tuple) -> int:
        """Return how many builds were asked for before this one and are not done."""
        with self._lock:
            keys = list(self._pending)
        return keys.index(key) if key in keys else 0

    @staticmethod
    async def wait(future: Future, seconds: float) -> Outcome | None:
        """Return the build's outcome, or None if it takes longer than `seconds`.
        Raises what the build raised (ContentErrors for a broken contact profile)."""
        waiting = asyncio.shield(asyncio.wrap_future(future))
        try:
            return await asyncio.wait_for(waiting, seconds)
        except asyncio.TimeoutError:
            return None

    def close(self) -> None:
        """Stop taking builds; running ones finish (they write atomically)."""
        self._executor.shutdown(wait=False, cancel_futures=True)
