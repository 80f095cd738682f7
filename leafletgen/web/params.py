"""Request parameters: each one an id checked against what exists, never a path."""

from __future__ import annotations

from dataclasses import dataclass

from ..formats import FORMATS
from ..models import AUDIENCES, LANGUAGES

MAX_VALUE = 100  # characters in one parameter; every real id is far shorter
MAX_PARAMS = 12  # the form sends six fields; links add download, build, since, hop

# What the page offers, by id: (formats.FORMATS key, large print). print-shop is left out:
# it is for a printing company, not for the ward printer.
WEB_FORMATS: dict[str, tuple[str, bool]] = {
    "a4": ("a4", False),
    "a4-large-print": ("a4", True),
    "a5": ("a5", False),
    "a5-booklet": ("a5-booklet", False),
}
assert all(key in FORMATS for key, _ in WEB_FORMATS.values())
NOTES = ("no", "yes")
# The parameters the pages send. Any other name is ignored, unless it is repeated or too
# long (then the request is refused as "unexpected": nothing on the form sends it).
FIELDS = ("leaflet", "audience", "format", "contact", "notes", "lang", "download", "build",
          "since", "hop")


class BadRequest(Exception):
    """A request the page cannot serve: status 400 (malformed) or 404 (unknown id).

    `kind` picks the message (a key of WebStrings.faults), `field` the form's label."""

    def __init__(self, status: int, kind: str, field: str | None = None):
        super().__init__(f"{status} {kind}: {field}")
        self.status, self.kind, self.field = status, kind, field


@dataclass(frozen=True)
class Choice:
    """A complete, checked request for one leaflet PDF."""

    leaflet: str
    audience: str
    format: str  # a key of WEB_FORMATS
    contact: str  # a contact profile id, or "" for none
    notes: bool

    def query(self, lang: str) -> dict[str, str]:
        """Return the choice as request parameters (for links to the PDF)."""
        return {"leaflet": self.leaflet, "audience": self.audience, "format": self.format,
                "contact": self.contact, "notes": NOTES[self.notes], "lang": lang}


def plain(items: list[tuple[str, str]]) -> dict[str, str]:
    """Return the parameters as a dict; too many, repeated or too long ones are a 400."""
    if len(items) > MAX_PARAMS:
        raise BadRequest(400, "too_many")
    values: dict[str, str] = {}
    for key, value in items:
        known = key in FIELDS
        if len(key) > MAX_VALUE or (not known and (key in values or len(value) > MAX_VALUE)):
            raise BadRequest(400, "unexpected")
        if len(value) > MAX_VALUE:
            raise BadRequest(400, "too_long", key)
        if key in values:
            raise BadRequest(400, "repeated", key)
        values[key] = value
    return values


def language(values: dict[str, str]) -> str:
    """Return the page language: nl unless another known one is asked for; an unknown
    one is a 400 (the page explains in Dutch)."""
    lang = values.get("lang", "nl")
    if lang not in LANGUAGES:
        raise BadRequest(400, "unknown", "lang")
    return lang


def guess_language(values: dict[str, str]) -> str:
    """Return the page language for an error page: never refuses."""
    lang = values.get("lang", "nl")
    return lang if lang in LANGUAGES else "nl"


def one_of(values: dict[str, str], name: str, allowed, default: str | None = None,
           status: int = 400) -> str:
    """Return the value of `name` if it is one of `allowed` (compared as whole strings)."""
    value = values.get(name, default)
    if not value:
        raise BadRequest(400, "missing", name)
    if value not in allowed:
        raise BadRequest(status, "not_found" if status == 404 else "unknown", name)
    return value


def read_choice(values: dict[str, str], leaflets, contacts) -> Choice:
    """Return the checked choice: leaflet and contact ids must exist (else 404),
    audience, format and notes must be one of the fixed names (else 400)."""
    leaflet = one_of(values, "leaflet", leaflets, status=404)
    audience = one_of(values, "audience", AUDIENCES)
    fmt = one_of(values, "format", WEB_FORMATS, default="a4")
    notes = one_of(values, "notes", NOTES, default="no")
    contact = values.get("contact", "")
    if contact and contact not in contacts:
        raise BadRequest(404, "not_found", "contact")
    return Choice(leaflet, audience, fmt, contact, notes == "yes")
