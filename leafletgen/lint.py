"""Checks on loaded content that would spoil the printed leaflet, with file and line. Pure.

The loader calls these after a file validates into its model; an error here makes the file
broken exactly as a validation error does, so `check` and `build` refuse it alike."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markdown_it.token import Token

from . import readability as rd
from .errors import ContentError
from .markdown import PAGE_ANCHORS, parse_markdown
from .models import Leaflet, Section
from .published import longest_printed_url, url_problem
from .qr import MAX_URL_BYTES, fits_qr
from .theme import Theme, theme_problems
from .validation import field_name
from .yamlfile import Source

if TYPE_CHECKING:
    from .loader import Library

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
MAX_NESTING = 4  # lists and quotes inside each other; markdown-it drops text past ~10
CONTAINERS = ("bullet_list_open", "ordered_list_open", "blockquote_open")
CLOSERS = tuple(name.replace("_open", "_close") for name in CONTAINERS)


def section_errors(section: Section, source: Source) -> list[ContentError]:
    """Return what is wrong with a valid section that its model cannot see."""
    errors = []
    for loc, text in _texts(section):
        env: dict = {}
        tokens = parse_markdown(text, env)
        for offset, code, problem in (markdown_problems(tokens, loc[0] == "body")
                                      + _definitions(text, env)):
            errors.append(_at(source, loc, problem, source.text_line(loc, offset), code))
    if not any(rd.words_of(block) for block in rd.section_blocks(section)):
        errors.append(_at(source, (), "the section has no words of text", None,
                          "section-empty"))
    return errors


def leaflet_errors(leaflet: Leaflet, source: Source) -> list[ContentError]:
    """Return what is wrong with a valid manifest that its model cannot see."""
    problem = url_problem(leaflet)
    if problem:
        return [_at(source, ("url",), problem)]
    printed = longest_printed_url(leaflet)  # with html: the site's address plus a page's
    if printed and not fits_qr(printed):
        size = len(printed.encode("utf-8"))
        length = f"{len(printed)} characters" + (
            f" ({size} bytes)" if size != len(printed) else "")
        where = "" if printed == leaflet.url else f" as printed ({printed})"
        return [_at(source, ("url",), f"the web address{where} is {length} long; the QR "
                    f"code on the back page holds at most {MAX_URL_BYTES}: use a shorter "
                    "address", code="url-too-long")]
    return []


def theme_errors(theme: Theme, source: Source) -> list[ContentError]:
    """Return the contrast rules the theme breaks: unreadable colours are content errors."""
    return [_at(source, loc, problem, code="theme-contrast")
            for loc, problem in theme_problems(theme)]


def library_errors(library: Library) -> list[ContentError]:
    """Return links to sections (#id) that their topic does not have."""
    errors = []
    for topic, sections in sorted(library.sections.items()):
        for section_id, section in sorted(sections.items()):
            source = library.sources[library.paths[(topic, section_id)]]
            for loc, text in _texts(section):
                for offset, target in _links(parse_markdown(text)):
                    if target.startswith("#") and target[1:] not in set(sections) | PAGE_ANCHORS:
                        errors.append(_at(source, loc, f"link to '{target}': no section "
                                          f"'{target[1:]}' in this topic",
                                          source.text_line(loc, offset), "link-malformed"))
    return errors


def markdown_problems(tokens: list[Token], body: bool) -> list[tuple[int, str, str]]:
    """Return (line within the text, code, problem) for what would not print as written:
    headings that skip levels and print small, code that runs off the page, lists nested
    past what markdown-it keeps, Markdown images, and links to nowhere."""
    found = []
    depth = 0
    for index, token in enumerate(tokens):
        depth += {1: token.type in CONTAINERS, -1: -(token.type in CLOSERS)}.get(token.nesting, 0)
        line = token.map[0] if token.map else 0
        if token.type in CONTAINERS and depth == MAX_NESTING + 1:  # once per deep run
            found.append((line, "markdown-nesting", f"lists or quotes nested {depth} deep; "
                          f"at most {MAX_NESTING} fit on the page"))
        elif token.type == "heading_open":
            found.extend(_heading_problem(token, line, body))
            if not tokens[index + 1].content.strip():
                found.append((line, "markdown-heading", f"a heading with no words "
                              f"('{token.markup}' alone); write its words or remove the mark"))
        elif token.type in ("code_block", "fence"):
            found.append((line, "markdown-code", "text indented by 4 spaces (or between ``` "
                          "lines) prints as computer code that does not wrap; remove the "
                          "indent or the ``` lines"))
    for offset, child in _inline(tokens):
        if child.type == "image":
            found.append((offset, "markdown-image", "a Markdown image (![...](...)) is not "
                          "shown; put the image in the section's `images:` field, with alt "
                          "text"))
    found.extend((offset, "link-malformed", problem) for offset, target in _links(tokens)
                 if (problem := link_problem(target)))
    return found


def _definitions(text: str, env: dict) -> list[tuple[int, str, str]]:
    """A '[label]: address' line defines a link and prints nothing: the text would vanish."""
    lines = text.split("\n")
    return [(found["map"][0], "markdown-definition", f"'{lines[found['map'][0]].strip()}' "
             f"defines a link and is not printed; write the link in the text as "
             f"[words]({found['href']})") for found in env.get("references", {}).values()]


def _heading_problem(token: Token, line: int, body: bool) -> list[tuple[int, str, str]]:
    """Headings in a body: '#' only (below the section's title); none in an answer."""
    if not body:
        return [(line, "markdown-heading", "an answer cannot hold a heading; its question is "
                 "its heading (use **bold** to stress words)")]
    if token.tag == "h1":
        return []
    written = token.markup * 3 if token.markup in "-=" else token.markup + " ..."
    return [(line, "markdown-heading", f"a level-{token.tag[1]} heading ('{written}'): "
             f"headings in a section's text are '# ...' only; deeper levels skip heading "
             f"levels and print too small" + (" (for a line, leave a blank line above "
                                              "'---')" if token.markup == "-" else ""))]


def link_problem(target: str) -> str | None:
    """Return what is wrong with a link target's form, or None if it is well-formed."""
    scheme = next((s for s in LINK_RULES if target.lower().startswith(s)), None)
    if scheme is None:
        return (f"link to '{target}': links start with https://, http://, mailto:, tel: "
                f"or # (another section)")
    pattern, expected = LINK_RULES[scheme]
    if not pattern.match(target):
        return f"link to '{target}' is not well-formed; expected {expected}"
    return None


def _links(tokens: list[Token]) -> list[tuple[int, str]]:
    """Return (line within the text, target) of every link."""
    return [(offset, str(child.attrs.get("href", ""))) for offset, child in _inline(tokens)
            if child.type == "link_open"]


def _inline(tokens: list[Token]) -> list[tuple[int, Token]]:
    """Return every inline token with its line within the text."""
    found = []
    for token in tokens:
        offset = token.map[0] if token.map else 0
        for child in token.children or []:
            found.append((offset, child))
            offset += child.type in ("softbreak", "hardbreak")
    return found


def _texts(section: Section) -> list[tuple[tuple, str]]:
    """Return (where, Markdown text) of the body and of every answer."""
    texts = [(("body",), section.body)] if section.body else []
    return texts + [(("questions", i, "answer"), q.answer)
                    for i, q in enumerate(section.questions)]


def _at(source: Source, loc: tuple, problem: str, line: int | None = None,
        code: str = "content-invalid") -> ContentError:
    """An error about the field at `loc`, on its line unless a finer one is known."""
    return ContentError(source.path.as_posix(), line or source.line(loc),
                        field_name(loc) or None, problem, code)
