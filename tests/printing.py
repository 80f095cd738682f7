"""Shared helpers for the print-format tests: a copied MMN project and cached builds."""

from __future__ import annotations

from pathlib import Path

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTFigure, LTTextContainer

from leafletgen import build as builder
from tests.projectkit import copy_mmn

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
WARD = FIXTURES / "contact" / "ward.yaml"
# The manifest's url: MMN lists html, so it is the web edition's site, and the PDF for
# newly-diagnosed prints its own page's address (docs/web-edition.md). Short enough to fit
# one line on A5: on main a wrapped address may break at its hyphen (issue 12 fixes that).
SITE = "https://example.org"
URL = SITE + "/mmn/newly-diagnosed/"
MM = 72 / 25.4
A4 = (595.28, 841.89)
A5 = (419.53, 595.28)


def copy_project(target: Path, url: str | None = None) -> Path:
    """Copy the MMN project to `target`, optionally giving the manifest a web address."""
    copy_mmn(target)
    if url:
        manifest = target / "leaflets" / "mmn.yaml"
        text = manifest.read_text(encoding="utf-8")
        manifest.write_text(text.replace("sections:", f"url: {url}\nsections:"), "utf-8")
    return target


VARIANTS = {  # name -> (manifest has a URL, build options)
    "a4": (False, dict(format="a4")),
    "a4-notes": (False, dict(format="a4", notes=True)),
    "a4-notes-duplex": (False, dict(format="a4", notes=True, duplex=True)),
    "a5": (False, dict(format="a5")),
    "a5-ward": (True, dict(format="a5", notes=True, contact=WARD)),
    "booklet": (True, dict(format="a5-booklet", contact=WARD)),
    "print-shop": (False, dict(format="print-shop")),
}


def build_variants(tmp_path_factory, names: list[str]) -> dict:
    """Build the MMN leaflet once for each named variant; return {name: Built}."""
    plain = builder.load(copy_project(tmp_path_factory.mktemp("plain")))
    online = builder.load(copy_project(tmp_path_factory.mktemp("online"), SITE))
    out = tmp_path_factory.mktemp("out")
    built = {}
    for name in names:
        with_url, options = VARIANTS[name]
        options = builder.BuildOptions(out_dir=out / name, **options)
        built[name] = builder.build_leaflet(online if with_url else plain, "mmn",
                                            "newly-diagnosed", options)
    return built


def page_texts(path: Path) -> list[str]:
    """Return the text of each page, whitespace collapsed."""
    return [" ".join("".join(element.get_text() for element in texts_in(page)).split())
            for page in extract_pages(path, laparams=LAParams(all_texts=True))]


def texts_in(layout):
    """Yield the text boxes of a page, looking inside placed pages (form XObjects)."""
    for element in layout:
        if isinstance(element, LTFigure):
            yield from texts_in(element)
        elif isinstance(element, LTTextContainer):
            yield element


