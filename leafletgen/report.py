"""The `check` report: load, find, and show the findings as text or JSON."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

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
    found = [_from_error(e) for e in library.errors] + find_problems(library, today)
    advice, measures = readability_findings(library, thresholds)
    found = make_strict(found) if strict else found
    order = {s: i for i, s in enumerate(SEVERITIES)}
    found = sorted(found, key=lambda f: order[f.severity]) + advice
    return Report(found, measures, len(library.manifests),
                  sum(len(files) for files in library.section_files.values()))


def _from_error(error) -> Finding:
    return Finding("error", "content-invalid", str(error.path), error.line, error.problem,
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
    counts = ", ".join(f"{report.count(s)} {s}(s)" for s in SEVERITIES)
    status = "failed" if report.failed else "ok"
    return (f"{status}: {report.leaflets} leaflet(s), {report.sections} section(s); "
            f"{counts}")


def format_json(report: Report) -> str:
    """Return the report for machines (an editor's CI): the same findings as JSON."""
    data = {
        "ok": not report.failed,
        "summary": {"leaflets": report.leaflets, "sections": report.sections,
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
