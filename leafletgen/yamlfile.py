"""Reading YAML and front matter with line numbers, within safe limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.events import (AliasEvent, MappingEndEvent, MappingStartEvent,
                                 SequenceEndEvent, SequenceStartEvent)

from .errors import ContentError
from .files import FileRefused, read_bytes

MAX_FILE_BYTES = 256 * 1024  # a leaflet section is a few kB; anything this big is a mistake
MAX_DEPTH = 20  # content is at most four levels deep; deeper YAML is hostile or broken
BOM = "\ufeff"
# Plain values YAML would turn into numbers, booleans or dates stay the text the editor
# wrote ("version: 1.10" is not 1.1); the models turn text into dates and booleans where a
# field wants one, and say which field and line is wrong when they cannot.
AS_TEXT = ("int", "float", "bool", "timestamp")
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
    return text.removeprefix(BOM).replace("\r\n", "\n").replace("\r", "\n")


def _scalar_as_text(constructor, node) -> str:
    return constructor.construct_scalar(node)


def parse_yaml(text: str, display: str, first_line: int = 1) -> Source:
    """Parse YAML text into plain Python data and a line map. Raises ContentError."""
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    for kind in AS_TEXT:
        yaml.constructor.add_constructor(CORE_TAG + kind, _scalar_as_text)
    try:
        _scan_events(yaml, text, display, first_line)
        node = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else None
        problem = exc.problem or exc.context or "not valid YAML"
        if "'\\t'" in problem:  # YAML forbids tabs where they would be indentation
            raise _error(display, line, "a tab; indent with spaces") from None
        raise _error(display, line, f"YAML syntax error: {problem}") from None
    except YAMLError as exc:
        raise _error(display, None, f"YAML syntax error: {exc}") from None
    except RecursionError:
        raise _error(display, None, "YAML is nested too deeply") from None
    source = Source(Path(display), None, {}, first_line)
    source.data = _plain(node, (), source, display, depth=0)
    return source


def _scan_events(yaml: YAML, text: str, display: str, first_line: int) -> None:
    """Refuse aliases, tags and deep nesting while streaming events, before building
    anything: aliases can multiply a small file into gigabytes ("billion laughs"), tags ask
    for Python objects, sets or ordered pairs the models cannot take, and deep nesting would
    exhaust the recursive composer. Content never needs any of them."""
    depth = 0
    for event in yaml.parse(text):
        if isinstance(event, AliasEvent):
            line = event.start_mark.line + first_line
            raise _error(display, line, "YAML aliases (*name) are not allowed in content")
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown = "!!" + tag.removeprefix(CORE_TAG) if tag.startswith(CORE_TAG) else tag
            raise _error(display, event.start_mark.line + first_line,
                         f"YAML tags ({shown}) are not allowed in content; "
                         f"write plain text, lists and fields")
        if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + first_line
                raise _error(display, line, f"YAML is nested more than {MAX_DEPTH} levels")
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            depth -= 1


def _plain(node: Any, loc: tuple, source: Source, display: str, depth: int) -> Any:
    """Copy ruamel nodes to plain dicts and lists, recording the line of each part."""
    lines, offset = source.lines, source.first_line
    if depth > MAX_DEPTH:
        raise _error(display, lines.get(loc), f"YAML is nested more than {MAX_DEPTH} levels")
    if isinstance(node, CommentedMap):
        out = {}
        for key, value in node.items():
            if not isinstance(key, str):
                raise _error(display, node.lc.line + offset, f"a key must be text; got {key!r}")
            lines[loc + (key,)] = node.lc.key(key)[0] + offset
            if isinstance(value, str):
                source.add_text(loc + (key,), node.lc.value(key)[0] + offset + _block(value),
                                value)
            out[key] = _plain(value, loc + (key,), source, display, depth + 1)
        return out
    if isinstance(node, CommentedSeq):
        out_list = []
        for index, value in enumerate(node):
            lines[loc + (index,)] = node.lc.item(index)[0] + offset
            if isinstance(value, str):
                source.add_text(loc + (index,), lines[loc + (index,)] + _block(value), value)
            out_list.append(_plain(value, loc + (index,), source, display, depth + 1))
        return out_list
    if isinstance(node, str):
        return str(node)  # drop ruamel's scalar string subclasses
    return node


def _block(value: str) -> int:
    """1 for a block scalar ('|' or '>'): its text starts on the line below the mark."""
    return int(isinstance(value, (LiteralScalarString, FoldedScalarString)))


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
