"""Tiny projects with a web edition, and reading the pages back (tests of issue 15)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from typer.testing import CliRunner

from leafletgen.cli import app

from conftest import tiny_png
from projectkit import make_project

URL = "https://example.org/folders"
MANIFEST = f"""\
title: Testfolder
subtitle: Vragen en antwoorden
topic: demo
language: nl
publisher:
  name: Testvereniging
  website: https://example.org
  email: info@example.org
advisers:
  - {{name: A. Tester, title: dr., organisation: Testziekenhuis, role: testarts}}
version: "2"
published: 2026-01-10
last_reviewed: 2026-01-10
next_review: 2027-01-10
sources:
  - Een bron zonder adres
  - {{title: Een bron met adres, url: "https://example.org/bron"}}
url: {URL}
formats: [a4, html]
sections:
  - eerste
  - vragen
"""
FIRST = """\
---
title: Eerste
audiences: [newly-diagnosed, pre-surgery, treatment]
images:
  - src: plaatjes/stip.png
    alt: Een blauwe stip op wit
---
De kat zit op de mat. Meer op [de website over katten](https://example.org/kat).
"""
QUESTIONS = """\
title: Vragen
audiences: [treatment]
questions:
  - question: Zit de kat nog op de mat?
    answer: Ja, **nog steeds**.
"""
ENGLISH = """\
title: Test leaflet in English
topic: cats
language: en
publisher:
  name: Test society
version: "1"
published: 2026-02-01
sources:
  - A source
formats: [html]
sections:
  - first
"""
ENGLISH_SECTION = """\
---
title: First
audiences: [newly-diagnosed, treatment]
---
The cat sat on the mat.
"""


def web_project(root: Path, files: dict[str, str | bytes] | None = None) -> Path:
    """Return a project whose leaflet 'demo' lists a4 and html (three audiences; the
    second section only for treatment), with an image, sources and advisers."""
    return make_project(root, {"leaflets/demo.yaml": MANIFEST, "content/demo/eerste.md": FIRST,
                               "content/demo/plaatjes/stip.png": tiny_png(),
                               "content/demo/vragen.yaml": QUESTIONS, **(files or {})})


def bilingual_project(root: Path) -> Path:
    """Return web_project plus an English leaflet 'cats' (html only)."""
    return web_project(root, {"leaflets/cats.yaml": ENGLISH,
                              "content/cats/first.md": ENGLISH_SECTION})


def build(project: Path, out: Path, *args: str):
    """Run `leafletgen build` on the project into `out`; return the CliRunner result."""
    return CliRunner().invoke(app, ["build", *args, "--project", str(project),
                                    "--out", str(out)])


INLINE = {"a", "span", "strong", "em", "b", "i", "code", "time", "abbr"}


class Page(HTMLParser):
    """A web page read back: its elements (tag, attributes) in order, and its text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag not in INLINE:  # a new block: its words do not run into the last ones
            self.texts.append(" ")

    def handle_data(self, data):
        self.texts.append(data)

    def tags(self, *names: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.elements if tag in names]

    @property
    def headings(self) -> list[int]:
        return [int(tag[1]) for tag, _ in self.elements
                if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit()]

    @property
    def text(self) -> str:
        return " ".join("".join(self.texts).split())


def read_page(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))
