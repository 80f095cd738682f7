"""Markdown to HTML for section text: CommonMark with raw HTML and images switched off."""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

SAFE_LINK = re.compile(r"^(https?://|mailto:|tel:|#)", re.IGNORECASE)  # else: plain text
SECTION_HEADING_LEVEL = 2  # a section's own title is <h2>; headings in its text go below it


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
    return md


def _shifted(tag: str) -> str:
    level = min(int(tag[1]) + SECTION_HEADING_LEVEL, 6)
    return f"h{level}"


def _heading_open(self, tokens, idx, options, env) -> str:
    return f"<{_shifted(tokens[idx].tag)}>"


def _heading_close(self, tokens, idx, options, env) -> str:
    return f"</{_shifted(tokens[idx].tag)}>\n"


def render_markdown(text: str) -> Markup:
    """Return safe HTML for a Markdown text; '#' headings become <h3>."""
    return Markup(_parser().render(text))
