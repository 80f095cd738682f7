"""Finds the `[[invullen: ...]]` / `[[fill in: ...]]` marks `leafletgen new` leaves. Pure.

A file that still holds one is broken, so `check` and `build` refuse it alike, with the
file, line and field of each mark. A mark in a YAML comment is not read by anything, so it
is left alone: `leafletgen new` writes optional fields commented out, marks included, and
uncommenting one without filling it in is refused."""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Any, Iterator

import yaml
from yaml.error import YAMLError

from .errors import ContentError, ContentErrors
from .validation import field_name
from .yamlfile import LOADER, Source

MARK = re.compile(r"\[\[\s*(?:invullen|fill in)\s*:[^\]\n]*(?:\]\]|$)", re.I | re.M)


def placeholder_errors(text: str, source: Source) -> list[ContentError]:
    """Return one error per placeholder mark that the file's content reads. `text` is the
    whole file; `source` its parsed YAML (the header, for a Markdown section)."""
    if not MARK.search(text):
        return []  # the usual case: no need to scan the YAML again
    body_start = _body_start(text) if source.path.suffix == ".md" else len(text)
    read = _token_spans(text[:body_start])
    errors = []
    for mark in MARK.finditer(text):
        start = mark.start()
        if start < body_start and not any(a <= start < b for a, b in read):
            continue  # in a YAML comment
        line = text.count("\n", 0, start) + 1
        loc = ("body",) if start >= body_start else _loc_at(source, line, mark.group())
        errors.append(ContentError(source.path.as_posix(), line, field_name(loc) or None,
                                   _problem(mark.group().strip())))
    return errors


def _problem(mark: str) -> str:
    if mark.endswith("]]"):
        return f"replace the placeholder {mark} with what it asks for"
    return f"replace the placeholder that starts {mark!r} (its ']]' is missing too)"


@contextmanager
def refused(text: str, source: Source) -> Iterator[None]:
    """Run the loading of one file; if it holds placeholders, raise ContentErrors with them
    and with the file's other problems, except those about a field or line that still holds
    a placeholder: `published: "[[...]]"` is reported once, not also as "not a date"."""
    marks = placeholder_errors(text, source)
    try:
        yield
    except ContentErrors as exc:
        raise ContentErrors(marks + _not_about(marks, exc.errors)) from None
    if marks:
        raise ContentErrors(marks)


def _not_about(marks: list[ContentError], errors: list[ContentError]) -> list[ContentError]:
    lines = {m.line for m in marks}
    fields = {m.field for m in marks}
    return [e for e in errors if e.line not in lines and (e.field is None or e.field not in fields)]


def _body_start(text: str) -> int:
    """Return where the Markdown body of a section file begins (after the second '---')."""
    lines = text.splitlines(keepends=True)
    offset = len(lines[0]) if lines else 0
    for line in lines[1:]:
        offset += len(line)
        if line.strip() == "---":
            return offset
    return len(text)


def _token_spans(yaml_text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of every YAML token: keys, values and brackets, but
    never comments, which lie between tokens."""
    try:
        tokens = list(yaml.scan(yaml_text, Loader=LOADER))
    except YAMLError:
        return [(0, len(yaml_text))]  # unreadable YAML: every mark counts
    return [(t.start_mark.index, max(t.end_mark.index, t.start_mark.index + 1))
            for t in tokens]


def _loc_at(source: Source, line: int, mark: str) -> tuple:
    """Return the field a mark on `line` belongs to: the deepest field at or above that line
    whose text holds the mark, else the first field on that line (an unquoted mark is YAML
    lists, not text)."""
    above = [(n, loc) for loc, n in source.lines.items() if n <= line]
    if not above:
        return ()
    nearest = max(n for n, _ in above)
    candidates = sorted((loc for n, loc in above if n == nearest), key=len)
    holding = [loc for loc in candidates if mark.strip() in str(_value(source.data, loc))]
    return (holding or candidates)[-1 if holding else 0]


def _value(data: Any, loc: tuple) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data
