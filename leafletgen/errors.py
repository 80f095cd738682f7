"""Error types: every problem with content names the file, the line and the field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class LeafletError(Exception):
    """A problem the user can fix; the CLI prints it without a traceback."""


class UsageError(LeafletError):
    """The command was asked something it cannot answer as given (exit code 2)."""


@dataclass(frozen=True)
class ContentError:
    """One problem in one content file, at one line, in one field."""

    path: Path | str
    line: int | None
    field: str | None
    problem: str
    code: str = "content-invalid"  # what `check --format json` reports, e.g. "link-malformed"

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
        if self.field:
            return f"{where}: {self.field}: {self.problem}"
        return f"{where}: {self.problem}"


class FieldProblem(ValueError):
    """Raised by a model check that looks at several fields, naming the field (a path
    within the model, like ("next_review",)) the error is about, so it gets that line."""

    def __init__(self, loc: tuple, problem: str):
        super().__init__(problem)
        self.loc = loc


class ContentErrors(LeafletError):
    """All content problems found in one pass, reported together."""

    def __init__(self, errors: list[ContentError]):
        self.errors = sorted(errors, key=_sort_key)
        super().__init__("\n".join(str(e) for e in self.errors))


def _sort_key(error: ContentError) -> tuple[str, int]:
    return (str(error.path), error.line or 0)


class RenderError(LeafletError):
    """WeasyPrint reported an error while laying out a leaflet."""
