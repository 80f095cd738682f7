"""`build --large-print`: the option reaches the build, and the file name says so."""

from __future__ import annotations

from pathlib import Path

from pdfminer.high_level import extract_text
from typer.testing import CliRunner

from leafletgen import build as builder
from leafletgen.cli import app
from helpers import make_project

ROOT = Path(__file__).resolve().parent.parent


def test_large_print_output_name_ends_in_large_print():
    assert builder.output_name("mmn", "treatment") == "mmn-treatment.pdf"
    assert builder.output_name("mmn", "treatment", large_print=True) == "mmn-treatment-large-print.pdf"


def test_build_flag_large_print_sets_the_build_option(monkeypatch, tmp_path):
    seen = []

    def fake_write(inputs):
        seen.append(inputs.options)
        path = inputs.options.out_dir / "x.pdf"
        path.write_bytes(b"%PDF-1.7 stand-in")
        return builder.Built(inputs.leaflet_id, inputs.audience, path, 1)

    monkeypatch.setattr(builder, "write_leaflet", fake_write)
    runner = CliRunner()
    for flags, expected in (([], False), (["--large-print"], True)):
        result = runner.invoke(app, ["build", "-a", "treatment", "--leaflet", "mmn", "--project", str(ROOT),
                                     "-o", str(tmp_path), *flags])
        assert result.exit_code == 0, result.output
        assert seen[-1].large_print is expected


def test_only_the_normal_print_colophon_says_large_print_is_available(tmp_path):
    library = builder.load(ROOT)
    line = library.strings["nl"].large_print_available
    texts = {}
    for large in (False, True):
        options = builder.BuildOptions(out_dir=tmp_path, large_print=large)
        built = builder.build_leaflet(library, "mmn", "pre-surgery", options)
        texts[large] = " ".join(extract_text(str(built.path)).split())
    assert line in texts[False] and line not in texts[True]


def test_no_large_print_claim_when_the_manifest_makes_none(tmp_path):
    project = make_project(tmp_path / "p", sections={"alleen": ("treatment", "Tekst.")})
    library = builder.load(project)
    assert library.leaflets["demo"].large_print is False
    built = builder.build_leaflet(library, "demo", "treatment",
                                  builder.BuildOptions(out_dir=tmp_path / "out"))
    text = " ".join(extract_text(str(built.path)).split())
    assert library.strings["nl"].large_print_available not in text


def test_build_all_adds_large_print_where_the_manifest_asks(tmp_path):
    from leafletgen.batch import jobs_for_all

    jobs = jobs_for_all(builder.load(ROOT), builder.BuildOptions(out_dir=tmp_path), "mmn")
    variants = {(j.audience, j.options.format, j.options.large_print) for j in jobs}
    assert ("treatment", "a4", True) in variants and ("treatment", "a5", True) not in variants
    assert len(jobs) == 3 * 5  # three audiences x (a4, a4 large print, a5, a5-booklet, html)


def test_large_print_on_a5_pages_is_refused_as_a_usage_error(tmp_path):
    project = make_project(tmp_path / "p")
    for fmt in ("a5", "a5-booklet", "print-shop"):
        result = CliRunner().invoke(app, ["build", "-a", "treatment", "--format", fmt,
                                          "--large-print", "--project", str(project),
                                          "--out", str(tmp_path / "out")])
        assert result.exit_code == 2, result.output
        assert f"--large-print is made on A4 pages: 18 pt text on the A5 pages of --format " \
               f"{fmt} leaves too few words a line" in result.output
    assert not (tmp_path / "out").exists()


def test_build_all_in_large_print_makes_the_a4_large_print_files_only(tmp_path):
    from leafletgen.batch import jobs_for_all

    options = builder.BuildOptions(out_dir=tmp_path, large_print=True)
    jobs = jobs_for_all(builder.load(ROOT), options, "mmn")
    assert sorted({(j.options.format, j.options.large_print) for j in jobs}) == [
        ("a4", True), ("html", True)]  # MMN lists a4, a5, a5-booklet and html
    assert len(jobs) == 3 * 2
