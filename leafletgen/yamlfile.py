"""Reading YAML and front matter with line numbers, within safe limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (AliasEvent, MappingEndEvent, MappingStartEvent,
                                 SequenceEndEvent, SequenceStartEvent)

from .errors import ContentError
from .files import FileRefused, read_bytes

MAX_FILE_BYTES = 256 * 1024  # a leaflet section is a few kB; anything this big is a mistake
MAX_DEPTH = 20  # content is at most four levels deep; deeper YAML is hostile or broken


@dataclass
class Source:
    """Parsed data from one file, with the line of every key and list item."""

    path: Path
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    first_line: int = 1

    def line(self, loc: tuple = ()) -> int | None:
        """Return the line of the deepest known part of `loc` (1-based); for the whole
        file (an empty `loc`), None."""
        if not loc:
            return None
        for end in range(len(loc), 0, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return self.first_line


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
    if b"\x00" in raw:
        raise _error(display, None, "file holds binary data, not text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _error(display, line, "file is not valid UTF-8 text") from None


def _timestamp_as_text(constructor, node) -> str:
    return constructor.construct_scalar(node)


def parse_yaml(text: str, display: str, first_line: int = 1) -> Source:
    """Parse YAML text into plain Python data and a line map. Raises ContentError."""
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    # Dates stay text here, so the models parse them and say which field and line is wrong
    # ("2026-02-30" would otherwise crash ruamel with no line at all).
    yaml.constructor.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
    try:
        _scan_events(yaml, text, display, first_line)
        node = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + first_line if mark else None
        problem = exc.problem or exc.context or "not valid YAML"
        raise _error(display, line, f"YAML syntax error: {problem}") from None
    except YAMLError as exc:
        raise _error(display, None, f"YAML syntax error: {exc}") from None
    except RecursionError:
        raise _error(display, None, "YAML is nested too deeply") from None
    lines: dict[tuple, int] = {}
    data = _plain(node, (), lines, first_line, display, depth=0)
    return Source(Path(display), data, lines, first_line)


def _scan_events(yaml: YAML, text: str, display: str, first_line: int) -> None:
    """Refuse aliases and deep nesting while streaming events, before building anything:
    aliases can multiply a small file into gigabytes ("billion laughs"), and deep nesting
    would exhaust the recursive composer. Content never needs either."""
    depth = 0
    for event in yaml.parse(text):
        if isinstance(event, AliasEvent):
            line = event.start_mark.line + first_line
            raise _error(display, line, "YAML aliases (*name) are not allowed in content")
        if isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                line = event.start_mark.line + first_line
                raise _error(display, line, f"YAML is nested more than {MAX_DEPTH} levels")
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            depth -= 1


def _plain(node: Any, loc: tuple, lines: dict, offset: int, display: str, depth: int) -> Any:
    """Copy ruamel nodes to plain dicts and lists, recording the line of each part."""
    if depth > MAX_DEPTH:
        raise _error(display, lines.get(loc), f"YAML is nested more than {MAX_DEPTH} levels")
    if isinstance(node, CommentedMap):
        out = {}
        for key, value in node.items():
            if not isinstance(key, (str, int)):
                raise _error(display, node.lc.line + offset, f"a key must be text; got {key!r}")
            lines[loc + (key,)] = node.lc.key(key)[0] + offset
            out[str(key)] = _plain(value, loc + (key,), lines, offset, display, depth + 1)
        return out
    if isinstance(node, CommentedSeq):
        out_list = []
        for index, value in enumerate(node):
            lines[loc + (index,)] = node.lc.item(index)[0] + offset
            out_list.append(_plain(value, loc + (index,), lines, offset, display, depth + 1))
        return out_list
    if isinstance(node, str):
        return str(node)  # drop ruamel's scalar string subclasses
    return node


def split_front_matter(text: str, display: str) -> tuple[str, int, str]:
    """Return (yaml_text, first_line_of_yaml, markdown_body) of a Markdown file."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise _error(display, 1, "a section file starts with a '---' line, then its YAML header")
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "".join(lines[1:index]), 2, "".join(lines[index + 1:])
    raise _error(display, 1, "the YAML header is not closed by a second '---' line")


def _error(display: str, line: int | None, problem: str) -> "ContentErrorRaised":
    return ContentErrorRaised(ContentError(display, line, None, problem))


class ContentErrorRaised(Exception):
    """Internal: one ContentError as an exception, collected by the loader."""

    def __init__(self, error: ContentError):
        super().__init__(str(error))
        self.error = error
