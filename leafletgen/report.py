"""The `check` report: load, find, and show the findings as text or JSON."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from .fonts import drawable_characters
from .findings import Finding, find_problems, make_strict, readability_findings
from .loader import load_library
from .project import Project
from .readability import Thresholds

SEVERITIES = ("error", "warning", "note")


@dataclass(frozen=True)
class Report:
    """Everything `check` found, and the readability measures of every section."""

    findings: list[Finding]
    readability: list[dict] = field(default_factory=list)
    leaflets: int = 0
    sections: int = 0
    leaflets_failed: int = 0  # leaflets with an error: in a file they use, or their own
    sections_failed: int = 0  # section files with an error

    @property
    def failed(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)


def check_project(root: Path, today: dt.date, strict: bool = False,
                  thresholds: Thresholds = Thresholds()) -> Report:
    """Load a project and return its report: every content error, then what the files
    that did load show (reviews, sources, links, readability)."""
    library = load_library(Project(root.resolve()))
    found = [_from_error(e) for e in library.errors] + find_problems(
        library, today, drawable_characters())
    advice, measures = readability_findings(library, thresholds)
    found = make_strict(found) if strict else found
    order = {s: i for i, s in enumerate(SEVERITIES)}
    found = sorted(found, key=lambda f: order[f.severity]) + advice
    section_files = {path for files in library.section_files.values() for path in files}
    errors = [f for f in found if f.severity == "error"]
    failed_leaflets = set(library.broken_leaflets()) | {f.leaflet for f in errors if f.leaflet}
    return Report(found, measures, len(library.manifests), len(section_files),
                  len(failed_leaflets), len({f.path for f in errors} & section_files))


def _from_error(error) -> Finding:
    return Finding("error", error.code, str(error.path), error.line, error.problem,
                   error.field)


def format_text(report: Report) -> str:
    """Return the report for people: one line per finding, then the readability table."""
    lines = [f"{f.severity}: {f}" for f in report.findings]
    if report.readability:
        lines.append("readability (words per sentence, share of long words, score):")
        for m in report.readability:
            lines.append(f"  {m['path']}: {m['average_sentence_words']:.1f} words, "
                         f"{m['long_word_share']:.0%} long, {m['formula']} {m['score']:.1f}")
    lines.append(_summary(report))
    return "\n".join(lines)


def _summary(report: Report) -> str:
    """'failed: 2 leaflet(s) (1 with errors), 9 section(s) (1 with errors); 1 error(s), ...':
    what was checked, what of it failed, and the findings."""
    counts = ", ".join(f"{report.count(s)} {s}(s)" for s in SEVERITIES)
    status = "failed" if report.failed else "ok"
    leaflets = f"{report.leaflets} leaflet(s)" + _with_errors(report.leaflets_failed)
    sections = f"{report.sections} section(s)" + _with_errors(report.sections_failed)
    return f"{status}: {leaflets}, {sections}; {counts}"


def _with_errors(count: int) -> str:
    return f" ({count} with errors)" if count else ""


def format_json(report: Report) -> str:
    """Return the report for machines (an editor's CI): the same findings as JSON."""
    data = {
        "ok": not report.failed,
        "summary": {"leaflets": report.leaflets, "sections": report.sections,
                    "leaflets_failed": report.leaflets_failed,
                    "sections_failed": report.sections_failed,
                    **{s + "s": report.count(s) for s in SEVERITIES}},
        "findings": [_finding_dict(f) for f in report.findings],
        "readability": report.readability,
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def _finding_dict(finding: Finding) -> dict:
    out = {"severity": finding.severity, "code": finding.code, "path": finding.path,
           "line": finding.line, "field": finding.field, "message": finding.message,
           "leaflet": finding.leaflet, "section": finding.section}
    return {k: v for k, v in out.items() if v is not None}
