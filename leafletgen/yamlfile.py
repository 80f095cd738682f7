"""Reading YAML and front matter with line numbers, within safe limits."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.error import MarkedYAMLError, YAMLError
from yaml.events import (AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
                         ScalarEvent, SequenceEndEvent, SequenceStartEvent)

from .errors import ContentError
from .files import FileRefused, read_bytes

MAX_FILE_BYTES = 256 * 1024  # a leaflet section is a few kB; anything this big is a mistake
MAX_DEPTH = 20  # content is at most four levels deep; deeper YAML is hostile or broken
BOM = "\ufeff"
CORE_TAG = "tag:yaml.org,2002:"


@dataclass
class Source:
    """Parsed data from one file, with the line of every key and list item."""

    path: Path
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    first_line: int = 1
    text_lines: dict[tuple, int] = field(default_factory=dict)  # where each text value starts

    def line(self, loc: tuple = ()) -> int | None:
        """Return the line of the deepest known part of `loc` (1-based); for the whole
        file (an empty `loc`), None."""
        if not loc:
            return None
        for end in range(len(loc), 0, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return self.first_line

    def text_line(self, loc: tuple, offset: int = 0) -> int | None:
        """Return the line of line `offset` (from 0) of the text at `loc` (or of the text
        that holds it), as the models see it: leading blank lines dropped."""
        for end in range(len(loc), 0, -1):
            if loc[:end] in self.text_lines:
                return self.text_lines[loc[:end]] + offset
        start = self.line(loc)
        return None if start is None else start + offset

    def add_text(self, loc: tuple, first_line: int, text: str) -> None:
        """Record that the text at `loc` starts on `first_line` of the file; the models
        strip its leading blank lines, so its first words are further down."""
        stripped = text[:len(text) - len(text.lstrip())]
        self.text_lines[loc] = first_line + stripped.count("\n")


def read_text(path: Path, display: str, inside: Path | None = None) -> str:
    """Return the file's text, refusing what is not a regular file (or, with `inside`,
    lies outside that folder) and huge, binary or non-UTF-8 files, before reading it."""
    try:
        raw = read_bytes(path, MAX_FILE_BYTES, inside)
    except FileRefused as refused:
        raise _error(display, None, refused.problem) from None
    return decode_text(raw, display)


def decode_text(raw: bytes, display: str) -> str:
    """Return a file's bytes as text, refusing binary and non-UTF-8 data."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode"
        raise _error(display, None, "file is saved as UTF-16; save it as UTF-8")
    if b"\x00" in raw:
        raise _error(display, None, "file holds binary data, not text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _error(display, line, "file is not valid UTF-8 text") from None
    # Windows editors save a byte order mark and CRLF line ends; both mean nothing here.
    text = text.removeprefix(BOM).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise _error(display, None, "the file is empty: write its content, or remove it")
    return text


# libyaml's parser (PyYAML's C extension) is 30 times faster than a pure-Python one; the
# pure-Python parser of the same package gives the same events where it is missing.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
NULL = re.compile(r"^(?:~|null|Null|NULL|)$")  # plain values YAML reads as "nothing"


def parse_yaml(text: str, display: str, first_line: int = 1) -> Source:
    """Parse YAML text into plain Python data and a line map, in one pass over the parser's
    events (no node tree, no second parse). Raises ContentErrorRaised.

    Aliases, tags and deep nesting are refused as they stream by, before anything is built:
    aliases can multiply a small file into gigabytes ("billion laughs"), tags ask for
    Python objects, sets or ordered pairs the models cannot take. Content needs none."""
    source = Source(Path(display), None, {}, first_line)
    try:
        source.data = _Builder(source, display).build(yaml.parse(text, Loader=LOADER))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else None
        problem = exc.problem or exc.context or "not valid YAML"
        if _tab_at(text, mark) or "tab" in problem:  # YAML forbids tabs as indentation
            raise _error(display, line, "a tab; indent with spaces") from None
        opened = exc.context_mark
        if opened and (exc.context or "").startswith("while parsing a flow") and mark and (
                opened.line < mark.line):  # the mistake is where the bracket was opened
            kind = "list opened with '['" if "sequence" in exc.context else (
                "mapping opened with '{'")
            closer = "]" if "sequence" in exc.context else "}"
            raise _error(display, opened.line + first_line,
                         f"YAML syntax error: a {kind} is not closed with '{closer}' "
                         f"(on line {line}: {problem})") from None
        raise _error(display, line, f"YAML syntax error: {problem}") from None
    except YAMLError as exc:
        raise _error(display, None, f"YAML syntax error: {exc}") from None
    return source


class _Builder:
    """Turns a stream of YAML events into plain dicts, lists and text, with lines."""

    def __init__(self, source: Source, display: str):
        self.source, self.display = source, display
        self.offset = source.first_line  # event marks count lines from 0
        self.stack: list[list] = []  # [container, its loc, pending key (maps), key line]
        self.documents = 0

    def build(self, events) -> Any:
        """Return the document's data, checking each event as it arrives."""
        result = None
        for event in events:
            self._refuse(event)
            if isinstance(event, DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise _error(self.display, self._line(event),
                                 "YAML syntax error: but found another document")
            elif isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                if len(self.stack) >= MAX_DEPTH:
                    raise _error(self.display, self._line(event),
                                 f"YAML is nested more than {MAX_DEPTH} levels")
                container = {} if isinstance(event, MappingStartEvent) else []
                loc = self._place(container, event)
                self.stack.append([container, loc, _NO_KEY, None])
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                container = self.stack.pop()[0]
                result = container if not self.stack else result
            elif isinstance(event, ScalarEvent):
                value = self._scalar(event)
                if self.stack:
                    self._place(value, event)
                else:
                    result = value
        return result

    def _refuse(self, event) -> None:
        if isinstance(event, AliasEvent):
            raise _error(self.display, self._line(event),
                         "YAML aliases (*name) are not allowed in content")
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown = "!!" + tag.removeprefix(CORE_TAG) if tag.startswith(CORE_TAG) else tag
            raise _error(self.display, self._line(event),
                         f"YAML tags ({shown}) are not allowed in content; "
                         f"write plain text, lists and fields")

    @staticmethod
    def _scalar(event) -> str | None:
        # Plain values YAML would turn into numbers, booleans or dates stay the text the
        # editor wrote ("version: 1.10" is not 1.1); only a plain "nothing" is None. The
        # models turn text into dates and booleans where a field wants one.
        if not event.style and NULL.match(event.value):  # plain: '' (libyaml) or None
            return None
        return event.value

    def _place(self, value: Any, event) -> tuple:
        """Put a value (or a new container) where the parser is; return its location."""
        if not self.stack:
            return ()
        frame = self.stack[-1]
        container, loc, line = frame[0], frame[1], self._line(event)
        if isinstance(container, list):
            where = loc + (len(container),)
            container.append(value)
            self.source.lines[where] = line
            self._text(where, line, value, event)
            return where
        if frame[2] is _NO_KEY:  # this value is a key
            if not isinstance(value, str):
                shown = {list: "a list", dict: "a group of fields"}.get(type(value), "nothing")
                raise _error(self.display, line, f"a key must be text; got {shown}")
            if value in container:
                first = self.source.lines.get(loc + (value,))
                raise _error(self.display, line, f"'{value}' is written twice; the first is "
                                                 f"on line {first}: keep one")
            frame[2], frame[3] = value, line
            return loc
        key, frame[2] = frame[2], _NO_KEY
        where = loc + (key,)
        container[key] = value
        self.source.lines[where] = frame[3]
        self._text(where, line, value, event)
        return where

    def _text(self, where: tuple, line: int, value: Any, event) -> None:
        if isinstance(value, str):  # a block scalar's text starts below its '|' or '>'
            block = int(getattr(event, "style", None) in ("|", ">"))
            self.source.add_text(where, line + block, value)

    def _line(self, event) -> int:
        return event.start_mark.line + self.offset


_NO_KEY = object()  # a mapping waiting for its next key


def _tab_at(text: str, mark) -> bool:
    """True if the parser stopped at a tab (or at the indentation before it)."""
    if mark is None:
        return False
    lines = text.split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    return "\t" in line[:mark.column + 1]


def split_front_matter(text: str, display: str) -> tuple[str, int, str]:
    """Return (yaml_text, first_line_of_yaml, markdown_body) of a Markdown file."""
    lines = text.split("\n")  # as YAML counts lines: only \n ends one (see read_text)
    if not lines or lines[0].strip() != "---":
        raise _error(display, 1, "a section file starts with a '---' line, then its YAML header")
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index] + [""]), 2, "\n".join(lines[index + 1:])
    raise _error(display, 1, "the YAML header is not closed by a second '---' line")


def _error(display: str, line: int | None, problem: str) -> "ContentErrorRaised":
    return ContentErrorRaised(ContentError(display, line, None, problem))


class ContentErrorRaised(Exception):
    """Internal: one ContentError as an exception, collected by the loader."""

    def __init__(self, error: ContentError):
        super().__init__(str(error))
        self.error = error
