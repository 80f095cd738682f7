"""The build cache never serves a PDF whose inputs changed: every input of a PDF is resolved
once (inputs.py), and both the render and the fingerprint read that one value."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest

from leafletgen import fonts, renderer
from leafletgen.batch import Job, run_batch
from leafletgen.build import BuildOptions, load
from leafletgen.inputs import resolve_inputs

from conftest import tiny_png
from helpers import write
from projectkit import make_project
from pdftext import pdf_text

GS_CMYK = Path("/usr/share/color/icc/ghostscript/default_cmyk.icc")
WARD = """\
department: Polikliniek Test
phone: "+44 1632 960001"
opening_hours: maandag tot en met vrijdag
"""
SECTION = """\
---
title: Eerste
audiences: [newly-diagnosed, pre-surgery, treatment]
images:
  - src: stip.png
    alt: Een stip
---
De kat zit op de mat.
"""


def quiet(*args, **kwargs):
    pass


@pytest.fixture
def project(tmp_path):
    root = make_project(tmp_path / "project", {
        "content/demo/eerste.md": SECTION, "ward.yaml": WARD})
    (root / "content/demo/stip.png").write_bytes(tiny_png())
    return root


def build_once(project: Path, out: Path, **options) -> str:
    """Build the demo leaflet for treatment; return 'built' or 'unchanged'."""
    job = Job("demo", "treatment", BuildOptions(out_dir=out, **options))
    summary = run_batch(load(project), [job], workers=1, echo=quiet)
    outcome, = summary.outcomes
    assert outcome.status != "failed", outcome.message
    return outcome.status


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


EDITS = {  # what an editor or a nurse changes -> how
    "section": lambda p: append(p / "content/demo/eerste.md", "De hond ook.\n"),
    "manifest": lambda p: append(p / "leaflets/demo.yaml", "subtitle: Anders\n"),
    "image": lambda p: (p / "content/demo/stip.png").write_bytes(tiny_png() + b"\0"),
    "template": lambda p: append(p / "templates/cover.html.j2", "\n{# anders #}\n"),
    "style": lambda p: append(p / "styles/leaflet.css", "\n/* anders */\n"),
    "theme": lambda p: (p / "styles/theme.yaml").write_text((p / "styles/theme.yaml").read_text(
        encoding="utf-8").replace('"#1a1a1a"', '"#111111"'), encoding="utf-8"),
    "strings": lambda p: (p / "templates/strings/nl.yaml").write_text(
        (p / "templates/strings/nl.yaml").read_text(encoding="utf-8").replace(
            "colophon: Over deze folder", "colophon: Over dit blad"), encoding="utf-8"),
    "contact profile": lambda p: (p / "ward.yaml").write_text(
        WARD.replace("960001", "960002"), encoding="utf-8"),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_editing_any_input_rebuilds_the_pdf(project, tmp_path, edit):
    out = tmp_path / "out"
    options = {"contact": project / "ward.yaml"}
    assert build_once(project, out, **options) == "built"
    assert build_once(project, out, **options) == "unchanged"
    EDITS[edit](project)
    assert build_once(project, out, **options) == "built"


def test_the_ward_phone_number_printed_is_the_one_in_the_profile_now(project, tmp_path):
    out = tmp_path / "out"
    build_once(project, out, contact=project / "ward.yaml")
    EDITS["contact profile"](project)
    build_once(project, out, contact=project / "ward.yaml")
    text = pdf_text(out / "demo-treatment-ward.pdf")
    assert "+44 1632 960002" in text and "960001" not in text


def test_a_changed_font_file_rebuilds(project, tmp_path, monkeypatch):
    copy = tmp_path / "fonts"
    shutil.copytree(fonts.font_dir(), copy)
    monkeypatch.setattr(fonts, "font_dir", lambda: copy)
    out = tmp_path / "out"
    assert build_once(project, out) == "built"
    regular = copy / fonts.FACES[400]
    regular.write_bytes(regular.read_bytes() + b"\0")
    assert build_once(project, out) == "built"


def test_another_renderer_rebuilds(project, tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert build_once(project, out) == "built"
    identity = renderer.renderer_identity() + (("pango", "another version"),)
    monkeypatch.setattr("leafletgen.inputs.renderer_identity", lambda: identity)
    assert build_once(project, out) == "built"


@pytest.mark.skipif(not GS_CMYK.exists(), reason="needs Debian's libgs-common")
def test_a_changed_cmyk_profile_rebuilds_the_print_shop_file(project, tmp_path):
    profile = tmp_path / "printer.icc"
    profile.write_bytes(GS_CMYK.read_bytes())
    out = tmp_path / "out"
    options = {"format": "print-shop", "cmyk_profile": profile}
    assert build_once(project, out, **options) == "built"
    assert build_once(project, out, **options) == "unchanged"
    data = bytearray(profile.read_bytes())
    data[-1] ^= 0xFF  # the same size and header, another colour table
    profile.write_bytes(bytes(data))
    assert build_once(project, out, **options) == "built"


def test_the_renderer_reads_only_the_resolved_files(project, tmp_path):
    """What the render fetches comes from the inputs, not from the disk: an image replaced
    after the inputs were resolved does not reach the PDF."""
    from leafletgen.build import write_leaflet

    library = load(project)
    inputs = resolve_inputs(library, "demo", "treatment", BuildOptions(out_dir=tmp_path / "o"))
    (project / "content/demo/stip.png").write_bytes(b"no longer an image")
    built = write_leaflet(inputs)  # reading the file now would fail: it is no image
    with pikepdf.open(built.path) as pdf:
        images = [x for page in pdf.pages for x in page.get_images().values()]
    assert images and {(int(i.Width), int(i.Height)) for i in images} == {(1, 1)}


def test_the_fingerprint_leaves_out_where_and_when_but_not_what(project, tmp_path):
    library = load(project)

    def fingerprint(**options):
        return resolve_inputs(library, "demo", "treatment", BuildOptions(**options)).fingerprint

    assert fingerprint(out_dir=tmp_path / "a") == fingerprint(out_dir=tmp_path / "b")
    assert len({fingerprint(), fingerprint(notes=True), fingerprint(duplex=True),
                fingerprint(large_print=True), fingerprint(format="a5")}) == 5


def test_variants_in_one_folder_have_names_of_their_own(project, tmp_path):
    """Variants carry their choices in the file name, so one folder holds them all."""
    out = tmp_path / "out"
    build_once(project, out)
    build_once(project, out, notes=True)
    build_once(project, out, contact=project / "ward.yaml", duplex=True)
    assert sorted(p.name for p in out.glob("*.pdf")) == [
        "demo-treatment-duplex-ward.pdf", "demo-treatment-notes.pdf", "demo-treatment.pdf"]
    write(project, "content/demo/eerste.md", SECTION.replace("kat", "poes"))
    assert build_once(project, out, notes=True) == "built"
