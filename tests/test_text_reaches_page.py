"""No text is silently lost: every word of every section is drawn inside the page."""

from __future__ import annotations

import pikepdf
import pytest

from leafletgen.build import BuildOptions, build_leaflet, load
from leafletgen.pdfcheck import check_pdf, failures
from leafletgen.pdfread import read_glyphs
from projectkit import make_project

# 3,000 letters: wider than any page and longer than one; no two lines alike (lines alike
# on several pages would look like page furniture to check-pdf).
LONG_WORD = "".join("klmnoprstu"[int(c)] for c in "".join(map(str, range(10**4))))[:3_000]
INTRO = f"""\
---
title: Inleiding
audiences: [newly-diagnosed, pre-surgery, treatment]
---
Een alinea met *nadruk*, **vet**, `code` en [een link](https://example.nl/pagina).

# Een tussenkop

- punt een
  - punt twee
    - punt drie
      - punt vier
- punt vijf

1. eerste stap
2. tweede stap

> Een citaat van een patiënt.

Harde\\
regelbreuk met &amp; en \\* en <b>geen opmaak</b>.

{LONG_WORD}

https://example.nl/een/heel/lang/adres/dat/niet/als/link/is/geschreven/maar/wel/past

Laatste alinea van de inleiding.
"""
VRAGEN = """\
title: Vragen over Immuunglobulinepreparatenbijwerkingenoverzicht
audiences: [newly-diagnosed, pre-surgery, treatment]
questions:
  - question: Wat is de eerste vraag?
    answer: |
      Het antwoord op de eerste vraag.

      - een punt in het antwoord
  - question: En de tweede?
    answer: Kort antwoord.
"""
MANIFEST = """\
title: Tekst op papier
topic: demo
language: nl
publisher:
  name: Testuitgever
version: 1.10
published: 2026-01-10
sources:
  - Een bron
sections: [inleiding, vragen]
"""
EXPECTED = {  # section -> its text blocks, in reading order, as the content writes them
    "inleiding": [
        "Inleiding",
        "Een alinea met nadruk, vet, code en een link.",
        "Een tussenkop",
        "punt een", "punt twee", "punt drie", "punt vier", "punt vijf",
        "eerste stap", "tweede stap",
        "Een citaat van een patiënt.",
        "Harde regelbreuk met & en * en <b>geen opmaak</b>.",
        LONG_WORD,
        "https://example.nl/een/heel/lang/adres/dat/niet/als/link/is/geschreven/maar/wel/past",
        "Laatste alinea van de inleiding.",
    ],
    "vragen": [
        "Vragen over Immuunglobulinepreparatenbijwerkingenoverzicht",
        "Wat is de eerste vraag?", "Het antwoord op de eerste vraag.",
        "een punt in het antwoord",
        "En de tweede?", "Kort antwoord.",
    ],
}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("text"), {
        "content/demo/inleiding.md": INTRO, "content/demo/vragen.yaml": VRAGEN,
        "leaflets/demo.yaml": MANIFEST}, defaults=False)


def visible_text(path) -> str:
    """Return the text drawn inside the page boxes, page furniture left out, in reading
    order (line by line, top to bottom: list markers are drawn last on a page), without
    whitespace (line breaks may fall anywhere in a word too long for a line)."""
    with pikepdf.open(path) as pdf:
        boxes = [[float(v) for v in page.mediabox] for page in pdf.pages]
    glyphs = [g for g in read_glyphs(path.read_bytes()) if not g.artifact
              and boxes[g.page][0] <= g.x < boxes[g.page][2]
              and boxes[g.page][1] <= g.y < boxes[g.page][3] and not g.text.isspace()]
    lines: list[list] = []
    for glyph in sorted(glyphs, key=lambda g: (g.page, -g.y)):
        line = lines[-1] if lines else None
        if line and line[0].page == glyph.page and line[0].y - glyph.y < glyph.size / 2:
            line.append(glyph)
        else:
            lines.append([glyph])
    return "".join(g.text for line in lines for g in sorted(line, key=lambda g: g.x))


def missing_blocks(text: str, blocks: list[str]) -> list[str]:
    """Return the blocks not found in `text` in their order (each after the one before)."""
    missing, position = [], 0
    for block in blocks:
        found = text.find("".join(block.split()), position)
        if found < 0:
            missing.append(block[:60])
        else:
            position = found
    return missing


@pytest.mark.parametrize("format_, large_print", [("a4", False), ("a5", False), ("a4", True)])
def test_every_word_of_every_section_is_drawn_inside_the_page(project, tmp_path, format_,
                                                              large_print):
    built = build_leaflet(load(project), "demo", "treatment",
                          BuildOptions(tmp_path, format=format_, large_print=large_print))
    text = visible_text(built.path)
    for section, blocks in EXPECTED.items():
        assert missing_blocks(text, blocks) == [], section
    # A '#' heading in a body, lists four deep, a word broken over lines: still accessible.
    assert [str(f) for f in failures(check_pdf(built.path, expected_lang="nl"))] == []


def test_the_version_is_printed_as_written(project, tmp_path):
    built = build_leaflet(load(project), "demo", "treatment", BuildOptions(tmp_path))
    assert "Versie:1.10" in visible_text(built.path)
