"""What `check` finds in loaded content: governance, structure, links, readability. Pure."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from markdown_it import MarkdownIt

from .audiences import audiences_served
from .errors import ContentErrors
from .loader import Library
from .models import AUDIENCES, Section
from . import readability as rd

WEB_LINK = (re.compile(r"^https?://[^\s/?#:@]+\.[^\s/?#:@]+(?::[0-9]+)?(?:[/?#]\S*)?$"),
            "a web address like https://example.nl/page")
LINK_RULES = {  # the only link targets content may use, and what each must look like
    "https://": WEB_LINK,
    "http://": WEB_LINK,
    "mailto:": (re.compile(r"^mailto:[^\s@/]+@[^\s@/]+\.[^\s@/]+$"),
                "an e-mail address like mailto:info@example.nl"),
    "tel:": (re.compile(r"^tel:\+?[0-9][0-9 ()-]{2,}$"), "a phone number like tel:+31201234567"),
    "#": (re.compile(r"^#[a-z0-9]+(-[a-z0-9]+)*$"), "a section id like #wat-is-mmn"),
}
NEVER_STRICT = {"readability", "audience-unserved"}  # advice: --strict leaves these alone


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


def find_problems(library: Library, today: dt.date) -> list[Finding]:
    """Return every governance and structure finding, leaflets first, then sections."""
    found: list[Finding] = []
    for leaflet_id in sorted(library.leaflets):
        found.extend(_leaflet_findings(library, leaflet_id, today))
    for topic, sections in sorted(library.sections.items()):
        for section_id in sorted(sections):
            found.extend(_section_findings(library, topic, sections[section_id], today))
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
        return Finding(severity, code, path, line, message, _field(loc), section=section.id)

    found = []
    users = [lid for lid, leaflet in sorted(library.leaflets.items())
             if leaflet.topic == topic and section.id in leaflet.sections]
    if not users:
        found.append(at("warning", "section-unused", (),
                        f"no leaflet lists section '{section.id}'"))
    found.extend(_section_review(library, users, section, at, today))
    if not any(rd.words_of(block) for block in rd.section_blocks(section)):
        found.append(at("error", "section-empty", (), "the section has no words of text"))
    found.extend(_image_findings(library, topic, section))
    for loc, target, offset in _links(section):
        problem = link_problem(target, library.sections[topic])
        if problem:
            found.append(replace(at("error", "link-malformed", loc, problem),
                                 line=_line(source, loc, offset)))
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


def _field(loc: tuple) -> str | None:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or None


def _line(source, loc: tuple, offset: int) -> int | None:
    """Line of a link: where its text starts in the file, plus the line inside the text."""
    if source is None:
        return None
    start = source.line(loc)
    if start is None:
        return None
    return start + offset + 1  # the text starts below its key ('answer: |') or the '---'


def _links(section: Section) -> list[tuple[tuple, str, int]]:
    """Return (where, target, line within the text) of every Markdown link in a section."""
    texts = [(("body",), section.body)]
    texts += [(("questions", i, "answer"), q.answer) for i, q in enumerate(section.questions)]
    links = []
    for loc, text in texts:
        for token in _link_parser().parse(text):
            for child in token.children or []:
                if child.type == "link_open":
                    links.append((loc, str(child.attrs.get("href", "")), (token.map or [0])[0]))
    return links


@lru_cache(maxsize=1)
def _link_parser() -> MarkdownIt:
    # Accept every target, even ones markdown-it would drop (javascript:), so they are seen.
    md = MarkdownIt("commonmark", {"html": False})
    md.validateLink = lambda url: True
    md.normalizeLink = lambda url: url
    return md


def link_problem(target: str, sections: dict[str, Section]) -> str | None:
    """Return what is wrong with a link target, or None if it is well-formed."""
    scheme = next((s for s in LINK_RULES if target.lower().startswith(s)), None)
    if scheme is None:
        return (f"link to '{target}': links start with https://, http://, mailto:, tel: "
                f"or # (another section)")
    pattern, expected = LINK_RULES[scheme]
    if not pattern.match(target):
        return f"link to '{target}' is not well-formed; expected {expected}"
    if scheme == "#" and target[1:] not in sections and target != "#colophon":
        return f"link to '{target}': no section '{target[1:]}' in this topic"
    return None


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
                    problems, worst), section=section_id))
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


def _readability_message(problems: list[str], worst: list[rd.Sentence]) -> str:
    parts = list(problems)
    if worst:
        parts.append("longest sentences: " + " | ".join(
            f"({s.words} words) {s.text}" for s in worst))
    return "; ".join(parts)
