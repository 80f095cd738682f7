"""Markdown to HTML for section text: CommonMark with raw HTML and images switched off."""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from markupsafe import Markup

from .urls import url_breaks

SAFE_LINK = re.compile(r"^(https?://|mailto:|tel:|#)", re.IGNORECASE)  # else: plain text
PAGE_ANCHORS = frozenset({"colophon"})  # ids the templates always print, besides sections
SECTION_HEADING_LEVEL = 2  # a section's own title is <h2>; headings in its text go below it
# A web or e-mail address written in the text (a link's words, or plain text) after a space,
# '(' or the start, without the punctuation that ends the sentence around it.
ADDRESS = re.compile(r"(?<![^\s(\[])(?:(?:https?://|www\.)[^\s<>\"']*[^\s<>.,;:!?)\"']"
                     r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # html=False: content cannot add tags, scripts or styles; raw HTML comes out as text.
    # image off: every image goes through the Image model, which demands alt text.
    md = MarkdownIt("commonmark", {"html": False}).disable("image")
    # Links go only to the web, mail, phone or another section; `javascript:`, files and
    # relative paths stay text (`leafletgen check` reports them).
    md.validateLink = lambda url: bool(SAFE_LINK.match(url.strip()))
    md.add_render_rule("heading_open", _heading_open)
    md.add_render_rule("heading_close", _heading_close)
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("link_close", _link_close)
    md.add_render_rule("text", _text)
    return md


def _text(self, tokens, idx, options, env) -> str:
    """Escape a text; an address in it may break only after '/' or '.' (urls.py), never at
    a hyphen that would look like a hyphenated word."""
    content, out, start = tokens[idx].content, [], 0
    for match in ADDRESS.finditer(content):
        out += [escapeHtml(content[start:match.start()]), url_breaks(match.group())]
        start = match.end()
    out.append(escapeHtml(content[start:]))
    return "".join(out)


def _shifted(tag: str) -> str:
    level = min(int(tag[1]) + SECTION_HEADING_LEVEL, 6)
    return f"h{level}"


def _heading_open(self, tokens, idx, options, env) -> str:
    return f"<{_shifted(tokens[idx].tag)}>"


def _heading_close(self, tokens, idx, options, env) -> str:
    return f"</{_shifted(tokens[idx].tag)}>\n"


def render_markdown(text: str, anchors: frozenset[str] | None = None) -> Markup:
    """Return safe HTML for a Markdown text; '#' headings become <h3>. With `anchors` (the
    ids this PDF holds), a link to another section that is not in it stays plain text."""
    return Markup(_parser().render(text, {"anchors": anchors}))


def _link_open(self, tokens, idx, options, env) -> str:
    href = tokens[idx].attrGet("href") or ""
    anchors = env.get("anchors")
    if href.startswith("#") and anchors is not None and href[1:] not in anchors:
        tokens[_closing(tokens, idx)].hidden = True  # the words stay, the link goes
        return ""
    return self.renderToken(tokens, idx, options, env)


def _link_close(self, tokens, idx, options, env) -> str:
    return "" if tokens[idx].hidden else self.renderToken(tokens, idx, options, env)


def _closing(tokens, idx: int) -> int:
    """Return the index of the link_close token that ends the link opened at `idx`."""
    depth = 0
    for index in range(idx, len(tokens)):
        depth += {"link_open": 1, "link_close": -1}.get(tokens[index].type, 0)
        if depth == 0:
            return index
    return idx


def parse_markdown(text: str, env: dict | None = None) -> list[Token]:
    """Return markdown-it's tokens for a text as the renderer reads it, except that every
    link target and image is kept, so checks can see what an editor wrote. `env` receives
    the link definitions ('[1]: https://...' lines, which print nothing)."""
    return _check_parser().parse(text, {} if env is None else env)


@lru_cache(maxsize=1)
def _check_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False})
    md.validateLink = lambda url: True
    md.normalizeLink = lambda url: url
    return md
