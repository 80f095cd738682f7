"""Pydantic models: the contract between content editors and the tool. No I/O here."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .choices import AUDIENCE_NAMES

Audience = Literal[AUDIENCE_NAMES]  # type: ignore[valid-type]  # the names live in choices.py
AUDIENCES: tuple[str, ...] = get_args(Audience)

Language = Literal["nl", "en"]
LANGUAGES: tuple[str, ...] = get_args(Language)

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class Strict(BaseModel):
    """Base for every content model: unknown fields are an error, text is trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Person(Strict):
    """An adviser or reviewer, printed in the colophon."""

    name: str = Field(min_length=1, description="Full name, e.g. 'P.A. van Doorn'.")
    title: str | None = Field(None, description="Academic title, e.g. 'prof.dr.'.")
    organisation: str | None = Field(None, description="Hospital or institute.")
    role: str | None = Field(None, description="Profession, e.g. 'neuroloog'.")


class Publisher(Strict):
    """Who publishes the leaflet. Contact fields are optional and never invented."""

    name: str = Field(min_length=1)
    website: str | None = None
    email: str | None = None
    phone: str | None = None


class Image(Strict):
    """An image in a section. Alt text is required unless the image is decorative."""

    src: str = Field(min_length=1, description="Path relative to the section's folder.")
    alt: str | None = Field(None, description="What the image shows, for screen readers.")
    decorative: bool = Field(False, description="True if the image adds no information.")
    caption: str | None = None

    @model_validator(mode="after")
    def _needs_alt_or_decorative(self) -> "Image":
        if self.decorative and self.alt:
            raise ValueError("an image is either decorative or has alt text, not both")
        if not self.decorative and not self.alt:
            raise ValueError(
                f"image '{self.src}' needs alt text (alt: ...) or 'decorative: true'"
            )
        return self


class QAItem(Strict):
    """One question with its answer (Markdown)."""

    question: str = Field(min_length=1)
    answer: str = Field(min_length=1, description="Markdown text of the answer.")


class Section(Strict):
    """A piece of content: prose (Markdown body) or questions and answers."""

    id: str = Field(pattern=ID_PATTERN, description="Taken from the file name.")
    title: str = Field(min_length=1)
    audiences: list[Audience] = Field(min_length=1, description="Who this section is for.")
    body: str = Field("", description="Markdown text of the section.")
    questions: list[QAItem] = Field(default_factory=list)
    images: list[Image] = Field(default_factory=list)
    reviewed: dt.date | None = Field(None, description="When an adviser last checked it.")

    @field_validator("audiences")
    @classmethod
    def _no_repeats(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("an audience is listed twice")
        return value

    @model_validator(mode="after")
    def _has_content(self) -> "Section":
        if not self.body.strip() and not self.questions:
            raise ValueError("the section has no text: write a body or questions")
        return self

    @property
    def is_qa(self) -> bool:
        return bool(self.questions)


class Leaflet(Strict):
    """A leaflet manifest: what goes into one leaflet, and in which order."""

    id: str = Field(pattern=ID_PATTERN, description="Taken from the file name.")
    title: str = Field(min_length=1)
    subtitle: str | None = None
    topic: str = Field(pattern=ID_PATTERN, description="Folder under content/.")
    language: Language = "nl"
    publisher: Publisher
    advisers: list[Person] = Field(default_factory=list)
    version: str = Field(min_length=1)
    published: dt.date
    url: str | None = Field(None, description="Where the leaflet is online, if anywhere.")
    sections: list[str] = Field(min_length=1, description="Section ids, in reading order.")

    @field_validator("sections")
    @classmethod
    def _unique_sections(cls, value: list[str]) -> list[str]:
        seen = [s for i, s in enumerate(value) if s in value[:i]]
        if seen:
            raise ValueError(f"section '{seen[0]}' is listed twice")
        return value

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, value: object) -> object:
        # "version: 1.0" is a number to YAML; editors mean the text "1.0".
        return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value

    @field_validator("url")
    @classmethod
    def _web_url(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^\s/]+\.[^\s]+$", value):
            raise ValueError(f"expected a web address starting with https://; got '{value}'")
        return value


class Strings(BaseModel):
    """Interface words for one language: everything a template prints that is not content."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    contents: str
    page: str
    page_of: str
    audience_heading: str
    audiences: dict[Audience, str]
    publisher: str
    advisers: str
    version: str
    published: str
    colophon: str
    question: str
    answer: str
