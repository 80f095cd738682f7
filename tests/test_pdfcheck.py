"""The PDF checker finds each problem it claims to, and `check-pdf` reports it."""

from __future__ import annotations

from typer.testing import CliRunner

from leafletgen.cli import app
from leafletgen.pdfcheck import check_pdf, failures
from leafletgen.postprocess import Context, repair_pdf


def _failed(data: bytes, **options) -> dict[str, str]:
    return {f.check: f.message for f in failures(check_pdf(data, **options))}


def test_clean_small_document_passes_every_check(render_inline):
    data = repair_pdf(render_inline("<h1>Titel</h1><h2>Deel</h2><h3>Vraag</h3><p>Tekst.</p>"),
                      Context())
    assert _failed(data, expected_lang="nl", min_body_pt=12) == {}


def test_skipped_heading_level_and_second_h1_are_reported(render_inline):
    data = repair_pdf(render_inline("<h1>Een</h1><h3>Diep</h3><h1>Twee</h1>"), Context())
    assert _failed(data)["headings"] == (
        "2 H1 headings; expected exactly one; H3 follows H1 (a level is skipped)")


def test_missing_h1_is_reported(render_inline):
    data = repair_pdf(render_inline("<h2>Deel</h2><p>Tekst.</p>"), Context())
    assert _failed(data)["headings"].startswith("0 H1 headings; expected exactly one")


def test_wrong_language_is_reported(render_inline):
    data = repair_pdf(render_inline("<h1>Titel</h1>"), Context())
    assert _failed(data, expected_lang="en")["lang"] == "/Lang is 'nl'; expected 'en'"


def test_text_smaller_than_the_minimum_is_reported(render_inline):
    data = repair_pdf(render_inline('<h1>Titel</h1><p style="font-size: 9pt">Klein.</p>'),
                      Context())
    assert _failed(data, min_body_pt=12)["font-size"] == (
        "smallest text is 9.0 pt; expected at least 12 pt")


def test_hyphenation_characters_inside_words_are_reported(render_inline):
    body = '<h1>Titel</h1><p>zenuw\u00adgeleiding en in\u2010druk</p>'
    message = _failed(repair_pdf(render_inline(body), Context()))["hyphens"]
    assert "hyphenation character in" in message and "druk" in message


def test_real_hyphen_in_a_compound_word_is_allowed(render_inline):
    data = repair_pdf(render_inline("<h1>Titel</h1><p>MMN-patiënten en IVIg-behandeling</p>"),
                      Context())
    assert "hyphens" not in _failed(data)


def test_check_pdf_command_prints_findings_and_exits_1_on_failure(render_inline, tmp_path):
    path = tmp_path / "raw.pdf"
    path.write_bytes(render_inline("<h1>Titel</h1>" + '<p style="break-before: page">x</p>'))
    result = CliRunner().invoke(app, ["check-pdf", str(path), "--lang", "nl"])
    assert result.exit_code == 1
    assert "FAIL orphans:" in result.output and "ok   lang: /Lang nl" in result.output
    assert result.output.strip().endswith("10 passed, 2 failed")


def test_check_pdf_command_exits_0_for_a_good_pdf(render_inline, tmp_path):
    path = tmp_path / "good.pdf"
    path.write_bytes(repair_pdf(render_inline("<h1>Titel</h1><p>Tekst.</p>"), Context()))
    result = CliRunner().invoke(app, ["check-pdf", str(path), "--min-size", "12"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("12 passed, 0 failed")


def test_check_pdf_command_reports_a_file_that_is_not_a_pdf(tmp_path):
    path = tmp_path / "nep.pdf"
    path.write_text("geen pdf")
    result = CliRunner().invoke(app, ["check-pdf", str(path)])
    assert result.exit_code == 1
    assert f"error: {path} is not a readable PDF" in result.output
