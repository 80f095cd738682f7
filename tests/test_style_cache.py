"""A warm process (build --watch, serve, a batch worker) parses each set of stylesheets once:
the bytes stay those of a cold render, and a changed font or profile is parsed again."""

from __future__ import annotations

from pathlib import Path

import pytest

from leafletgen import pdf
from leafletgen.errors import RenderError

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
FONT = "/leafletgen/fonts/letter.ttf"
STYLE = (f"@font-face {{ font-family: Letter; src: url({FONT}); }}\n"
         "body { font-family: Letter; font-size: 14pt }")
OTHER_STYLE = STYLE + "\np { color: #1a1a1a }"
HTML = '<html lang="nl"><title>Proef</title><p>Proeftekst {n}</p></html>'


def render(html: str, stylesheet: str, font: bytes, identifier: bytes = b"1" * 32) -> bytes:
    return pdf.render_pdf(html, "file:///leafletgen/content/", [stylesheet], {FONT: font},
                          identifier).data


@pytest.fixture(autouse=True)
def empty_cache():
    pdf._PARSED.clear()
    yield
    pdf._PARSED.clear()


def test_renders_in_between_with_other_styles_leave_the_bytes_as_a_cold_render():
    sans = (DEJAVU / "DejaVuSans.ttf").read_bytes()
    first = render(HTML.format(n=1), STYLE, sans)
    assert len(pdf._PARSED) == 1  # kept for the next render
    render(HTML.format(n=2), OTHER_STYLE, sans)
    render(HTML.format(n=3), STYLE, sans)
    again = render(HTML.format(n=1), STYLE, sans)
    pdf._PARSED.clear()
    cold = render(HTML.format(n=1), STYLE, sans)
    assert first == again == cold


def test_a_changed_font_under_the_same_name_is_loaded_again():
    serif_font = (DEJAVU / "DejaVuSerif.ttf").read_bytes()
    sans = render(HTML.format(n=1), STYLE, (DEJAVU / "DejaVuSans.ttf").read_bytes())
    serif = render(HTML.format(n=1), STYLE, serif_font)
    pdf._PARSED.clear()
    assert serif == render(HTML.format(n=1), STYLE, serif_font)  # as a cold render
    assert serif != sans


def test_the_parsed_styles_kept_are_bounded():
    sans = (DEJAVU / "DejaVuSans.ttf").read_bytes()
    for n in range(pdf.KEEP_PARSED + 3):
        render(HTML.format(n=n), STYLE + f"\nh{1 + n % 6} {{ margin: {n}pt }}", sans)
    assert len(pdf._PARSED) == pdf.KEEP_PARSED


def test_styles_whose_font_is_refused_are_refused_every_time():
    style = "@font-face { font-family: X; src: url(/elsewhere/x.ttf); } body { font-family: X }"
    for _ in range(2):
        with pytest.raises(RenderError, match="x.ttf"):
            render(HTML.format(n=1), style, b"")
    assert not pdf._PARSED
