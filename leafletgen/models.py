"""Pydantic models: the contract between content editors and the tool. No I/O here."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal, get_args

from .formats import FormatName
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


class Reference(Strict):
    """A source the leaflet's text is based on, with a web address if one is known."""

    title: str = Field(min_length=1, description="The source's title and who published it.")
    url: str | None = Field(None, description="Web address (https://...); never guessed.")

    @field_validator("url")
    @classmethod
    def _web_url(cls, value: str | None) -> str | None:
        return _check_web_url(value)


def _check_web_url(value: str | None) -> str | None:
    if value is not None and not re.match(r"^https?://[^\s/]+\.[^\s]+$", value):
        raise ValueError(f"expected a web address starting with https://; got '{value}'")
    return value


class Logo(Strict):
    """The publisher's logo on the cover: an SVG or PNG file in the project, with alt text."""

    src: str = Field(min_length=1, description="The logo file, as a path from the leaflets/ "
                     "folder, e.g. 'logos/vereniging.svg'. An SVG or PNG file inside the "
                     "project; never a web address.")
    alt: str = Field(min_length=1, description="What the logo shows, read out by screen "
                     "readers, e.g. 'Logo van de Testvereniging'.")

    @field_validator("src")
    @classmethod
    def _svg_or_png_file(cls, value: str) -> str:
        if ":" in value or value.startswith(("/", "\\")):
            raise ValueError(f"expected a file path from the leaflets/ folder, like "
                             f"'logos/vereniging.svg'; got '{value}'")
        if not value.lower().endswith((".svg", ".png")):
            raise ValueError(f"expected an SVG or PNG file (.svg or .png); got '{value}'")
        return value


class Image(Strict):
    """An image in a section. Alt text is required unless the image is decorative."""

    src: str = Field(min_length=1, description="Path relative to the section's folder.")
    alt: str | None = Field(None, description="What the image shows, for screen readers.")
    decorative: bool = Field(False, description="True if the image adds no information.")
    caption: str | None = None

    @field_validator("src")
    @classmethod
    def _inside_topic(cls, value: str) -> str:
        # Content may only show its own files: no web addresses, no absolute paths, no '..'.
        parts = value.replace("\\", "/").split("/")
        if ":" in value or value.startswith("/") or ".." in parts or "" in parts:
            raise ValueError(f"expected a file path inside the topic folder, like "
                             f"'images/zenuw.png'; got '{value}'")
        return value

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
    short_title: str | None = Field(
        None, min_length=1, description="A shorter title for the running header at the top "
        "of each page, e.g. 'CIDP'. Without it the header shows the title.")
    subtitle: str | None = None
    logo: Logo | None = Field(
        None, description="The publisher's logo for the cover (optional): src and alt.")
    topic: str = Field(pattern=ID_PATTERN, description="Folder under content/.")
    language: Language = "nl"
    publisher: Publisher
    advisers: list[Person] = Field(default_factory=list)
    version: str = Field(min_length=1)
    published: dt.date
    last_reviewed: dt.date | None = Field(
        None, description="When advisers last checked the whole leaflet (YYYY-MM-DD).")
    next_review: dt.date | None = Field(
        None, description="When the leaflet must be checked again (YYYY-MM-DD).")
    sources: list[Reference] = Field(
        default_factory=list, description="What the text is based on: free text or "
        "{title, url}.")
    url: str | None = Field(None, description="Where the leaflet is online, if anywhere.")
    formats: list[FormatName] = Field(
        default_factory=lambda: ["a4"], min_length=1,
        description="What `build --all` makes: a4, a5, a5-booklet, print-shop.")
    large_print: bool = Field(
        False, description="True if an A4 large-print version is made too (`build --all` "
        "makes it, and the normal leaflet says it exists).")
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
        return _check_web_url(value)

    @field_validator("sources", mode="before")
    @classmethod
    def _text_is_a_title(cls, value):
        # A source written as plain text is a reference with only a title.
        if isinstance(value, list):
            return [{"title": item} if isinstance(item, str) else item for item in value]
        return value

    @model_validator(mode="after")
    def _review_after_last(self) -> "Leaflet":
        if self.last_reviewed and self.next_review and self.next_review <= self.last_reviewed:
            raise ValueError(f"next_review ({self.next_review}) must come after "
                             f"last_reviewed ({self.last_reviewed})")
        return self


PHONE_CHARS = re.compile(r"^\+?[0-9 ()\-]+$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class ContactProfile(Strict):
    """A ward's own contact details for the back page ("Vragen?"), from --contact FILE."""

    department: str = Field(min_length=1, description="Who to call, e.g. the clinic's name.")
    phone: str = Field(min_length=1, description="Digits, spaces, +, - and ( ); 8-15 digits.")
    opening_hours: str = Field(min_length=1, description="When the phone is answered.")
    email: str | None = Field(None, description="Optional e-mail address.")
    website: str | None = Field(None, description="Optional web address (https://...).")

    @field_validator("phone", mode="before")
    @classmethod
    def _phone_is_text(cls, value):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise ValueError("write the phone number in quotes (phone: \"...\"), or its "
                             f"leading 0 and + are lost; got the number {value}")
        return value

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str) -> str:
        digits = sum(c.isdigit() for c in value)
        if not PHONE_CHARS.match(value) or not 8 <= digits <= 15:
            raise ValueError("expected a phone number: digits, spaces, +, - and ( ), "
                             f"with 8 to 15 digits; got '{value}'")
        return value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and not EMAIL.match(value):
            raise ValueError(f"expected an e-mail address like name@example.org; got '{value}'")
        return value

    @field_validator("website")
    @classmethod
    def _website(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^\s/]+\.[^\s]+$", value):
            raise ValueError(f"expected a web address starting with https://; got '{value}'")
        return value


class WebStrings(BaseModel):
    """Words of the `leafletgen serve` page (issue 7), for the nurse and the editor."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str  # the page's one h1
    intro: str
    language_legend: str
    leaflet_legend: str
    audience_legend: str
    format_legend: str
    formats: dict[str, str]  # web format id -> what it means, in a nurse's words
    contact_legend: str
    contact_none: str
    notes_legend: str
    notes_yes: str
    notes_no: str
    submit: str
    submit_note: str  # what happens after pressing the button (no JavaScript progress)
    result_title: str
    pages: str
    download: str
    open_pdf: str
    preview: str
    again: str
    errors_title: str
    errors_intro: str
    error_title: str
    error_400: str
    error_404: str
    error_500: str
    missing: str  # {field} is the parameter's name
    unknown: str
    too_long: str


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
    large_print_available: str  # colophon line in the normal-print leaflet
    large_print_title: str  # added to the document title of the large-print PDF
    last_reviewed: str
    next_review: str
    sources: str
    months: list[str] = Field(min_length=12, max_length=12, description="January first.")
    # Print formats (issue 4): back page, notes and padding pages.
    contact_heading: str
    contact_phone: str
    contact_hours: str
    contact_email: str
    contact_website: str
    online: str
    qr_alt: str
    notes_title: str
    blank_page: str
    web: WebStrings  # the serve page (issue 7)
