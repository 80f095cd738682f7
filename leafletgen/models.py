"""Pydantic models: the contract between content editors and the tool. No I/O here."""

from __future__ import annotations

import re
from typing import Literal, get_args

from .formats import FormatName
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .choices import AUDIENCE_NAMES, LANGUAGE_NAMES
from .errors import FieldProblem
from .values import Date, WebAddress, first_repeat

Audience = Literal[AUDIENCE_NAMES]  # type: ignore[valid-type]  # the names live in choices.py
AUDIENCES: tuple[str, ...] = get_args(Audience)

Language = Literal[LANGUAGE_NAMES]  # type: ignore[valid-type]
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
    url: WebAddress | None = Field(None, description="Web address (https://...); never "
                                   "guessed.")


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
            raise FieldProblem(("alt",), "an image is either decorative or has alt text, "
                               "not both")
        if not self.decorative and not self.alt:
            raise FieldProblem(("alt",), f"image '{self.src}' needs alt text (alt: ...) or "
                               f"'decorative: true'")
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
    reviewed: Date | None = Field(None, description="When an adviser last checked it.")

    @field_validator("audiences")
    @classmethod
    def _no_repeats(cls, value: list[str]) -> list[str]:
        repeat = first_repeat(value)
        if repeat is not None:
            raise FieldProblem((repeat,), f"audience '{value[repeat]}' is listed twice")
        return value

    @model_validator(mode="after")
    def _has_content(self) -> "Section":
        if not self.body.strip() and not self.questions:
            raise FieldProblem(("body",), "the section has no text: write a body or "
                               "questions")
        return self

    @property
    def is_qa(self) -> bool:
        return bool(self.questions)

    @property
    def text_length(self) -> int:
        """Characters of text: body, questions and answers (a measure of its length)."""
        return len(self.body) + sum(len(q.question) + len(q.answer) for q in self.questions)


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
    published: Date
    last_reviewed: Date | None = Field(
        None, description="When advisers last checked the whole leaflet (YYYY-MM-DD).")
    next_review: Date | None = Field(
        None, description="When the leaflet must be checked again (YYYY-MM-DD).")
    sources: list[Reference] = Field(
        default_factory=list, description="What the text is based on: free text or "
        "{title, url}.")
    url: WebAddress | None = Field(
        None, description="Where the leaflet is online, if anywhere. When formats lists "
        "html: the address of the site where build/html/ is published, and each PDF points "
        "to its own page there.")
    formats: list[FormatName] = Field(
        default_factory=lambda: ["a4"], min_length=1,
        description="What `build --all` makes: a4, a5, a5-booklet, print-shop, and html "
        "(a web page per audience and a catalogue page).")
    large_print: bool = Field(
        False, description="True if an A4 large-print version is made too (`build --all` "
        "makes it, and the normal leaflet says it exists).")
    sections: list[str] = Field(min_length=1, description="Section ids, in reading order.")

    @field_validator("sections")
    @classmethod
    def _unique_sections(cls, value: list[str]) -> list[str]:
        repeat = first_repeat(value)
        if repeat is not None:
            raise FieldProblem((repeat,), f"section '{value[repeat]}' is listed twice")
        return value

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
            raise FieldProblem(("next_review",), f"next_review ({self.next_review}) must "
                               f"come after last_reviewed ({self.last_reviewed})")
        return self


PHONE_CHARS = re.compile(r"^\+?[0-9 ()\-]+$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class ContactProfile(Strict):
    """A ward's own contact details for the back page ("Vragen?"), from --contact FILE."""

    department: str = Field(min_length=1, description="Who to call, e.g. the clinic's name.")
    phone: str = Field(min_length=1, description="Digits, spaces, +, - and ( ); 8-15 digits.")
    opening_hours: str = Field(min_length=1, description="When the phone is answered.")
    email: str | None = Field(None, description="Optional e-mail address.")
    website: WebAddress | None = Field(None, description="Optional web address (https://...).")

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


class WebFaults(BaseModel):
    """What the serve page says for each fault; {label} is the form's words for the field."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    missing: str  # nothing chosen (the form is shown again with this message)
    unknown: str  # a value the form does not offer
    not_found: str  # a leaflet or contact profile that does not exist (any more)
    not_served: str  # the leaflet has no sections for this audience
    repeated: str
    too_long: str
    too_many: str  # more parameters than the form sends
    unexpected: str  # a parameter the form never sends, repeated or too long
    no_page: str  # 404 for an address
    method: str  # 405
    too_large: str  # 413
    too_slow: str  # 408
    wrong_host: str  # a Host name other than this machine's (DNS rebinding)
    busy: str  # 503
    failed: str  # 500: never the exception's text
    build: str  # the build refused for a reason the content gives (lines follow)
    blocked: str  # the leaflet has a content error
    contact_broken: str  # the contact profile does not load (errors follow)


class WebStrings(BaseModel):
    """Words of the `leafletgen serve` page, for the nurse and the editor."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str  # the form's one h1
    intro: str
    leaflet_one: str  # before the leaflet's title when there is only one
    language_legend: str  # the links to the page in another language
    leaflet_legend: str
    audience_legend: str
    format_legend: str
    formats: dict[str, str]  # web format id -> its short name
    format_hints: dict[str, str]  # web format id -> what it is for, in a nurse's words
    more_options: str  # the summary of the less used choices ...
    more_options_list: str  # ... and what they are
    contact_legend: str
    contact_none: str
    notes_legend: str
    notes_yes: str
    notes_no: str
    submit: str
    submit_note: str  # what happens after pressing the button
    problem_title: str  # above the form's message when a choice is missing
    attention: str  # some leaflets cannot be made: a file needs the editors
    attention_link: str
    nothing_offered: str
    result_title: str
    made_leaflet: str  # the result page's confirmation of what was made
    made_audience: str
    made_format: str
    made_contact: str
    made_notes: str
    made_pages: str
    made_file: str
    yes: str
    download: str
    open_pdf: str
    preview: str
    again: str
    waiting_title: str
    waiting_intro: str
    queue_one: str
    queue_many: str  # {count}
    watching: str  # --watch: the page follows the files
    errors_title: str
    errors_intro: str
    no_errors: str
    error_title: str
    blocked_title: str
    faults: WebFaults


class EditionStrings(BaseModel):
    """Words of the HTML edition and its catalogue page (docs/web-edition.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    skip_link: str  # the first link on every page: past the header to the text
    all_leaflets: str  # link from a leaflet's page to the catalogue page
    downloads: str  # heading of a page's PDF list
    downloads_intro: str
    formats: dict[str, str]  # a4, a4-large-print, a5, a5-booklet -> what the PDF is
    pdf: str  # "PDF", in the download link
    pages: str  # {count}
    one_page: str
    booklet_pages: str  # {count} A5 pages on {sheets} A4 sheets
    kilobytes: str  # {size}
    megabytes: str  # {size}, one decimal
    decimal_mark: str
    catalogue_title: str  # the catalogue page's h1
    catalogue_intro: str
    catalogue_choose: str  # before the audience links of one leaflet
    catalogue_formats: str  # label before the list of formats
    web_page: str  # the HTML edition itself, in a list of formats
    language_group: str  # heading of the group of leaflets in this language


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
    edition: EditionStrings  # the HTML edition and its catalogue (issue 15)
