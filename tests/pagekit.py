"""Fixture leaflets for the page tests (issue 12), and reading positions back from PDFs."""

from __future__ import annotations

from pathlib import Path

import pikepdf
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar

from leafletgen import build as builder
from tests.projectkit import make_project

LONG_TITLE = "Chronische inflammatoire demyeliniserende polyneuropathie (CIDP)"
WARD = Path(__file__).parent / "fixtures" / "contact" / "ward.yaml"
MM = 72 / 25.4
SITE = "https://example.org/vereniging/folders-en-brochures/patienten-informatie"

# Neutral words that fill pages (no medical facts), different on every line, so no line
# repeats at one place on two pages as a running header would.
WORDS = ["appel", "boom", "fiets", "kast", "lamp", "molen", "hoed", "pen", "mand", "stoel",
         "tafel", "vaas", "wolk", "zee", "brug", "deur", "klok", "bank", "jas", "kaars", "muur"]


def sentences_of(seed: int, count: int) -> str:
    """Return `count` plain sentences; a different `seed` gives different ones."""
    out = []
    for k in range(count):
        a, b, c = (WORDS[(seed * 7 + k * 3 + i * 5) % len(WORDS)] for i in range(3))
        out.append(f"De {a} staat bij de {b}, en de {c} is er ook, zoals gewoonlijk elke dag.")
    return " ".join(out)
TITLES = ["Wat is het?", "Hoe gaat het verder?", "Wie helpt u?", "Thuis", "Werk en school",
          "Meer lezen", "Afspraken", "Vragen van anderen"]


def page_project(root: Path, *, title: str = "Testfolder", short_title: str | None = None,
                 sections: int = 6, length: int = 14, url: str | None = None,
                 logo: tuple[str, str] | None = None, publisher_web: bool = True,
                 files: dict[str, str | bytes] | None = None) -> Path:
    """Write a leaflet project: `sections` sections of `length` sentences in 2 paragraphs.

    `logo` is (src, alt); `files` adds files (a logo, say) by path."""
    wanted: dict[str, str | bytes] = {"leaflets/demo.yaml": _manifest(
        title, short_title, sections, url, logo, publisher_web)}
    for n in range(sections):
        first, second = (sentences_of(2 * n + i, length // 2) for i in (0, 1))
        wanted[f"content/demo/deel-{n + 1}.md"] = (
            f"---\ntitle: {TITLES[n % len(TITLES)]}\n"
            f"audiences: [newly-diagnosed, pre-surgery, treatment]\n---\n{first}\n\n{second}\n")
    wanted.update(files or {})
    return make_project(root, wanted, defaults=False)


def _manifest(title, short_title, sections, url, logo, publisher_web) -> str:
    lines = [f"title: {title}", "topic: demo", "language: nl", "publisher:",
             "  name: Testvereniging"]
    if publisher_web:
        lines += [f"  website: {SITE}", "  email: info@example.org"]
    lines += ['version: "1"', "published: 2026-01-10", "last_reviewed: 2026-01-10",
              "next_review: 2027-01-10", "sources:", "  - Een bron voor deze tekst",
              "large_print: true"]
    if short_title:
        lines.append(f"short_title: {short_title}")
    if url:
        lines.append(f"url: {url}")
    if logo:
        lines += ["logo:", f"  src: {logo[0]}", f"  alt: {logo[1]}"]
    lines.append("sections:")
    lines += [f"  - deel-{n + 1}" for n in range(sections)]
    return "\n".join(lines) + "\n"


def build(project: Path, out: Path, audience: str = "treatment", **options):
    """Build the fixture leaflet with BuildOptions(**options); return the Built."""
    library = builder.load(project)
    return builder.build_leaflet(library, "demo", audience,
                                 builder.BuildOptions(out_dir=out, **options))


def page_chars(path: Path) -> list[list[LTChar]]:
    """Return the characters drawn on each page (pdfminer, inside placed pages too)."""
    def chars(layout):
        for element in layout:
            if isinstance(element, LTChar):
                yield element
            elif hasattr(element, "__iter__"):
                yield from chars(element)
    return [list(chars(page)) for page in extract_pages(path, laparams=LAParams(all_texts=True))]


def page_frames(path: Path, halves: bool = False) -> list[list[tuple[float, ...]]]:
    """Return, per page, the paper the reader holds (x0, y0, x1, y1) in pdfminer's
    coordinates: the TrimBox (print-shop) or the page, or its two A5 halves (booklets)."""
    frames = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            media = [float(v) for v in page.MediaBox]
            x0, y0, x1, y1 = [float(v) for v in page.obj.get("/TrimBox", page.MediaBox)]
            # pdfminer measures from the MediaBox's corner
            x0, x1, y0, y1 = x0 - media[0], x1 - media[0], y0 - media[1], y1 - media[1]
            middle = (x0 + x1) / 2
            frames.append([(x0, y0, middle, y1), (middle, y0, x1, y1)] if halves
                          else [(x0, y0, x1, y1)])
    return frames


def nearest_edge_mm(path: Path, halves: bool = False) -> float:
    """Return how close any drawn character comes to the edge of the paper, in mm."""
    nearest = float("inf")
    for chars, frames in zip(page_chars(path), page_frames(path, halves)):
        for char in chars:
            if not char.get_text().strip():
                continue
            frame = next(f for f in frames if char.x0 >= f[0] - 1 and char.x1 <= f[2] + 1)
            nearest = min(nearest, char.x0 - frame[0], frame[2] - char.x1,
                          char.y0 - frame[1], frame[3] - char.y1)
    return nearest / MM
