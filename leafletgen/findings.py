"""What `check` finds in loaded content: governance, structure, characters, readability. Pure.

Errors that must stop a build too (links, Markdown, the theme) are found while loading, in
lint.py; these are the findings only `check` reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .audiences import audiences_served
from .errors import ContentErrors
from .loader import Library
from .models import AUDIENCES, Section
from . import readability as rd
from .characters import character_problems, strings_of
from .validation import field_name

NEVER_STRICT = {"readability", "audience-unserved"}  # advice: --strict leaves these alone
# Words of the strings tables that no PDF draws: the serve page's and the web edition's
# (a browser's fonts draw them), and texts that are only read out (alt text, a title).
NOT_PRINTED = frozenset({"web", "edition", "qr_alt", "large_print_title"})


@dataclass(frozen=True)
class Finding:
    """One thing an editor should look at, in one file."""

    severity: str  # "error", "warning" or "note"
    code: str  # stable name, e.g. "review-overdue"
    path: str
    line: int | None
    message: str
    field: str | None = None
    leaflet: str | None = None
    section: str | None = None

    def __str__(self) -> str:
        where = self.path + (f":{self.line}" if self.line else "")
        return f"{where}: {self.field + ': ' if self.field else ''}{self.message}"


def find_problems(library: Library, today: dt.date,
                  drawable: frozenset[int] | None = None) -> list[Finding]:
    """Return every governance, structure and character finding, leaflets first, then
    sections. With `drawable` (the code points the fonts have), characters no font has
    are reported too; in the strings tables as well, whose words print on every page."""
    found: list[Finding] = []
    project = library.project
    for language, strings in sorted(library.strings.items()):  # the words around the text
        found.extend(_character_findings(
            library, project.display(project.strings_dir / f"{language}.yaml"), strings,
            drawable, exclude=NOT_PRINTED))
    for leaflet_id in sorted(library.leaflets):
        found.extend(_leaflet_findings(library, leaflet_id, today))
        found.extend(_character_findings(library, library.manifest_path(leaflet_id),
                                         library.leaflets[leaflet_id], drawable,
                                         leaflet=leaflet_id))
    for topic, sections in sorted(library.sections.items()):
        for section_id in sorted(sections):
            found.extend(_section_findings(library, topic, sections[section_id], today))
            found.extend(_character_findings(library, library.paths[(topic, section_id)],
                                             sections[section_id], drawable,
                                             section=section_id))
    return found


def _character_findings(library: Library, path: str, model, drawable: frozenset[int] | None,
                        exclude: frozenset[str] = frozenset(), **about) -> list[Finding]:
    """Warn about bidi controls and characters no font can draw, at their lines."""
    source = library.sources.get(path)
    found = []
    for loc, text in strings_of(model.model_dump(exclude={"id", *exclude})):
        for offset, code, message in character_problems(text, drawable):
            line = source.text_line(loc, offset) if source else None
            found.append(Finding("warning", code, path, line, message,
                                 field_name(loc) or None, **about))
    return found


def make_strict(findings: list[Finding]) -> list[Finding]:
    """Return the findings with warnings raised to errors, except advice (readability)."""
    return [replace(f, severity="error")
            if f.severity == "warning" and f.code not in NEVER_STRICT else f for f in findings]


def _leaflet_findings(library: Library, leaflet_id: str, today: dt.date) -> list[Finding]:
    leaflet = library.leaflets[leaflet_id]
    path = library.manifest_path(leaflet_id)

    def at(severity, code, loc, message):
        return Finding(severity, code, path, library.manifest_line(leaflet_id, loc), message,
                       ".".join(map(str, loc)) or None, leaflet=leaflet_id)

    found = []
    if leaflet.next_review is None:
        found.append(at("warning", "review-missing", (),
                        "no next_review date: say when the leaflet must be checked again"))
    elif leaflet.next_review < today:
        days = (today - leaflet.next_review).days
        found.append(at("warning", "review-overdue", ("next_review",),
                        f"review was due on {leaflet.next_review} ({days} days ago)"))
    if not leaflet.sources:
        found.append(at("warning", "sources-missing", (),
                        "no sources: list what the text is based on (sources: ...)"))
    if library.blocking(leaflet_id):
        return found  # whom it serves is known once every file it lists loads
    sections = library.sections.get(leaflet.topic, {})
    served = audiences_served(leaflet, sections)
    for audience in AUDIENCES:
        if audience not in served:
            found.append(at("note", "audience-unserved", ("sections",),
                            f"no section of this leaflet is for audience '{audience}'"))
    return found


def _section_findings(library: Library, topic: str, section: Section,
                      today: dt.date) -> list[Finding]:
    path = library.paths[(topic, section.id)]
    source = library.sources.get(path)

    def at(severity, code, loc, message):
        line = source.line(loc) if source else None
        return Finding(severity, code, path, line, message, field_name(loc) or None,
                       section=section.id)

    found = []
    users = [lid for lid, leaflet in sorted(library.leaflets.items())
             if leaflet.topic == topic and section.id in leaflet.sections]
    path_of = library.paths[(topic, section.id)]
    listed_by_broken = any(path_of in library.files_of(lid) for lid in library.manifests
                           if lid not in library.leaflets)  # its manifest does not load now
    if not users and not listed_by_broken:
        found.append(at("warning", "section-unused", (),
                        f"no leaflet lists section '{section.id}'"))
    found.extend(_section_review(library, users, section, at, today))
    found.extend(_image_findings(library, topic, section))
    return found


def _image_findings(library: Library, topic: str, section: Section) -> list[Finding]:
    """Read and check the section's images as the build will (damaged, hostile, huge)."""
    from .inputs import section_images

    try:
        section_images(library, topic, section)
    except ContentErrors as exc:
        return [Finding("error", "image-broken", str(e.path), e.line, e.problem, e.field,
                        section=section.id) for e in exc.errors]
    return []


def _section_review(library, users, section, at, today) -> list[Finding]:
    """A section checked before its leaflet falls due one review cycle after its check."""
    found = []
    for leaflet_id in users:
        leaflet = library.leaflets[leaflet_id]
        if not (section.reviewed and leaflet.last_reviewed and leaflet.next_review):
            continue
        due = section.reviewed + (leaflet.next_review - leaflet.last_reviewed)
        if due < today:
            found.append(at("warning", "review-overdue", ("reviewed",),
                            f"reviewed on {section.reviewed}; with leaflet '{leaflet_id}''s "
                            f"review cycle it was due on {due}"))
            break
    return found


def readability_findings(library: Library, thresholds: rd.Thresholds) -> tuple[list[Finding], list[dict]]:
    """Return readability warnings and the per-section measures, for every section."""
    found, measures = [], []
    for topic, sections in sorted(library.sections.items()):
        language = _topic_language(library, topic)
        for section_id in sorted(sections):
            path = library.paths[(topic, section_id)]
            result = rd.measure(rd.section_blocks(sections[section_id]), language, thresholds)
            worst = rd.longest_sentences(result, thresholds)
            measure = _measure_dict(path, section_id, result, worst)
            measures.append(measure)
            problems = rd.problems(result, thresholds)
            if problems or worst:
                found.append(Finding("warning", "readability", path, None, _readability_message(
                    problems, result, worst, thresholds), section=section_id))
    return found, measures


def _topic_language(library: Library, topic: str) -> str:
    """A topic is written in the language of the leaflets made from it (Dutch if none)."""
    languages = {l.language for l in library.leaflets.values() if l.topic == topic}
    return languages.pop() if len(languages) == 1 else "nl"


def _measure_dict(path: str, section_id: str, result: rd.Readability, worst) -> dict:
    return {
        "path": path, "section": section_id, "language": result.language,
        "formula": result.formula, "sentences": len(result.sentences), "words": result.words,
        "syllables": result.syllables,
        "average_sentence_words": round(result.average_sentence_words, 1),
        "long_word_share": round(result.long_word_share, 3), "score": round(result.score, 1),
        "longest_sentences": [{"words": s.words, "text": s.text} for s in worst],
    }


def _readability_message(problems: list[str], result: rd.Readability,
                         worst: list[rd.Sentence], thresholds: rd.Thresholds) -> str:
    """Name each problem found; long sentences are one, with the longest as examples."""
    parts = list(problems)
    if worst:
        limit = thresholds.long_sentence_words
        count = sum(s.words > limit for s in result.sentences)
        parts.append(f"{count} sentence(s) longer than {limit} words (B1 aims at {limit} or "
                     f"fewer), the longest: " + " | ".join(
                         f"({s.words} words) {s.text}" for s in worst))
    return "; ".join(parts)
