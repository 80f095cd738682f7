"""Checks on loaded content that would spoil the printed leaflet, with file and line. Pure.

The loader calls these after a file validates into its model; an error here makes the file
broken exactly as a validation error does, so `check` and `build` refuse it alike."""

from __future__ import annotations

from .errors import ContentError
from .models import Leaflet, Section
from .published import url_problem
from .yamlfile import Source


def section_errors(section: Section, source: Source) -> list[ContentError]:
    """Return what is wrong with a valid section that its model cannot see."""
    return []


def leaflet_errors(leaflet: Leaflet, source: Source) -> list[ContentError]:
    """Return what is wrong with a valid manifest that its model cannot see."""
    problem = url_problem(leaflet)
    return [ContentError(source.path.as_posix(), source.line(("url",)), "url", problem)
            ] if problem else []
