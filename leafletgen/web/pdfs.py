"""The PDF answer: the same file the CLI writes, under the same name."""

from __future__ import annotations

import anyio
from starlette.responses import Response

from .builds import Busy
from .pages import HEADERS, Page
from .params import NOTES, one_of
from .site import Snapshot
from .views import Views


async def pdf_response(views: Views, snap: Snapshot, lang: str, values: dict[str, str],
                       wait: float, name: str | None) -> Response:
    """Return the chosen PDF (built if need be, waiting at most `wait` seconds), or the
    page saying what stops it. `name`, from /pdf/NAME, must be the PDF's file name: a
    browser saves the file under the last part of its address."""
    made = await views.attempt(snap, lang, values, wait, page=False)
    if isinstance(made, Page):
        return made.response
    if made.outcome is None:
        raise Busy()
    if name is not None and name != made.file_name:
        return views.pages.error(snap, lang, 404, "no_page").response
    disposition = "attachment" if one_of(values, "download", NOTES, "no") == "yes" else "inline"
    data = await anyio.to_thread.run_sync(made.outcome.path.read_bytes)
    # An address that names the build it shows may be kept by the browser: a page shown
    # again with the same build does not fetch (or reset) its preview.
    fresh = values.get("build") == made.token[:16]
    headers = {**HEADERS, "Cache-Control": "private, max-age=86400" if fresh else "no-cache",
               "Content-Disposition": f'{disposition}; filename="{made.file_name}"'}
    return Response(data, media_type="application/pdf", headers=headers)
