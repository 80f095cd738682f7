"""What `leafletgen list` shows: each leaflet with the sections every audience gets, and
the leaflets a content problem stops, with those problems. Pure."""

from __future__ import annotations

from .audiences import select_sections
from .loader import Library
from .models import AUDIENCES


def list_lines(library: Library) -> list[str]:
    """Return the listing, one leaflet after another, sorted by id."""
    lines = []
    for leaflet_id in sorted(library.manifests):
        blocking = library.blocking(leaflet_id)
        leaflet = library.leaflets.get(leaflet_id)
        title = f"{leaflet.title} ({leaflet.language})" if leaflet else library.manifests[leaflet_id]
        if blocking:
            lines.append(f"{leaflet_id}: {title} - BROKEN, cannot be built until "
                         f"{'this is' if len(blocking) == 1 else 'these are'} fixed:")
            lines.extend(f"  {error}" for error in blocking)
            continue
        lines.append(f"{leaflet_id}: {title}")
        sections = library.sections[leaflet.topic]
        for audience in AUDIENCES:
            chosen = [s.id for s in select_sections(leaflet, sections, audience)]
            lines.append(f"  {audience}: {', '.join(chosen) if chosen else '(no sections)'}")
    return lines
