"""Checks on loaded content that would spoil the printed leaflet, with file and line. Pure.

The loader calls these after a file validates into its model; an error here makes the file
broken exactly as a validation error does, so `check` and `build` refuse it alike."""

from __future__ import annotations

from .errors import ContentError
from .models import Leaflet, Section
from .theme import Theme, theme_problems
from .validation import field_name
from .yamlfile import Source


def section_errors(section: Section, source: Source) -> list[ContentError]:
    """Return what is wrong with a valid section that its model cannot see."""
    return []


def leaflet_errors(leaflet: Leaflet, source: Source) -> list[ContentError]:
    """Return what is wrong with a valid manifest that its model cannot see."""
    return []


def theme_errors(theme: Theme, source: Source) -> list[ContentError]:
    """Return the contrast rules the theme breaks: unreadable colours are content errors."""
    return [_at(source, loc, problem) for loc, problem in theme_problems(theme)]


def _at(source: Source, loc: tuple, problem: str, line: int | None = None) -> ContentError:
    """An error about the field at `loc`, on its line unless a finer one is known."""
    return ContentError(source.path.as_posix(), line or source.line(loc),
                        field_name(loc) or None, problem)
