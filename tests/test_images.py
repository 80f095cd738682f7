"""Images: no alt text fails `leafletgen check`; alt text and decorative images build."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

import pikepdf

from leafletgen import build as builder
from leafletgen.cli import app
from leafletgen.pdfcheck import check_pdf, failures
from leafletgen.pdfread import walk_structure

from conftest import tiny_png

ROOT = Path(__file__).resolve().parent.parent


def _project(tmp_path: Path, image_yaml: str) -> Path:
    for folder in ("content", "leaflets", "templates", "styles"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    section = tmp_path / "content" / "mmn" / "wat-is-mmn.md"
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("audiences:", image_yaml + "audiences:", 1), encoding="utf-8")
    return tmp_path


def test_image_without_alt_or_decorative_fails_check_naming_file_and_image(tmp_path):
    project = _project(tmp_path, "images:\n  - src: zenuw.png\n")
    result = CliRunner().invoke(app, ["check", "--project", str(project)])
    assert result.exit_code == 1
    assert ("content/mmn/wat-is-mmn.md:4: `alt` of image 1: image 'zenuw.png' needs alt text "
            "(alt: ...) or 'decorative: true'") in result.output


def test_image_with_alt_text_passes_check(tmp_path):
    project = _project(tmp_path, "images:\n  - src: zenuw.png\n    alt: Een zenuw\n")
    (project / "content" / "mmn" / "zenuw.png").write_bytes(tiny_png())
    result = CliRunner().invoke(app, ["check", "--project", str(project)])
    assert result.exit_code == 0, result.output


def test_decorative_and_described_images_build_into_a_valid_pdf(tmp_path):
    project = _project(tmp_path / "p", "images:\n  - src: stip.png\n    alt: Een stip\n"
                       "  - src: rand.png\n    decorative: true\n")
    for name in ("stip.png", "rand.png"):
        (project / "content" / "mmn" / name).write_bytes(tiny_png())
    library = builder.load(project)
    built = builder.build_leaflet(library, "mmn", "pre-surgery",
                                  builder.BuildOptions(out_dir=tmp_path / "out"))
    assert [str(f) for f in failures(check_pdf(built.path, "nl", 13))] == []
    with pikepdf.open(built.path) as pdf:
        figure, = [e for e in walk_structure(pdf) if e.role == "Figure"]
        assert str(figure.obj.Alt) == "Een stip"
