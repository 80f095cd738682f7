"""Shared test helpers: render a few lines of HTML through the real PDF pipeline."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from leafletgen.fonts import FACES, font_dir, font_face_css

PAGE_CSS = """
@page { size: A6; margin: 20mm 12mm;
  @top-left { content: "Kop"; }
  @bottom-left { content: "pagina " counter(page); } }
html { font-family: "Atkinson Hyperlegible"; font-size: 12pt; }
"""


def tiny_png() -> bytes:
    """Return a valid 1x1 PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


@pytest.fixture
def render_inline(tmp_path: Path):
    """Return a function: body HTML -> WeasyPrint's PDF bytes, before any repair
    (with full=True, the RenderedPdf)."""
    from leafletgen.pdf import render_pdf

    files = {str(tmp_path / "dot.png"): tiny_png()}
    files.update({str(font_dir() / name): (font_dir() / name).read_bytes()
                  for name in FACES.values()})

    def render(body: str, css: str = "", full: bool = False):
        html = (f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
                f"<title>Proef</title></head><body>{body}</body></html>")
        rendered = render_pdf(html, tmp_path.as_uri() + "/", [font_face_css(), PAGE_CSS + css],
                              files, b"0" * 32)
        return rendered if full else rendered.data

    return render
