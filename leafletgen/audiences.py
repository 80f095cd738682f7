"""Chooses the sections of a leaflet for one audience. Pure: no I/O."""

from __future__ import annotations

from .models import AUDIENCES, Leaflet, Section


def select_sections(leaflet: Leaflet, sections: dict[str, Section], audience: str) -> list[Section]:
    """Return the leaflet's sections that serve `audience`, in manifest order."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}; expected one of {', '.join(AUDIENCES)}")
    return [sections[sid] for sid in leaflet.sections if audience in sections[sid].audiences]


def audiences_served(leaflet: Leaflet, sections: dict[str, Section]) -> list[str]:
    """Return the audiences that get at least one section, in the standard order."""
    return [a for a in AUDIENCES if select_sections(leaflet, sections, a)]
