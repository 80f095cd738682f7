"""Every text/background pair in styles/theme.yaml meets WCAG 2.2 (AA, AAA for body text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from leafletgen.theme import ColourPair, contrast_ratio, required_ratio
from leafletgen.build import load

ROOT = Path(__file__).resolve().parent.parent
THEME = load(ROOT).theme


@pytest.mark.parametrize("pair", THEME.pairs, ids=lambda p: p.use)
def test_theme_pair_meets_its_required_contrast(pair):
    ratio = contrast_ratio(THEME.colours[pair.text], THEME.colours[pair.background])
    assert ratio >= required_ratio(pair), (
        f"{pair.use}: {pair.text} on {pair.background} is {ratio:.2f}:1")


@pytest.mark.parametrize("pair", THEME.pairs, ids=lambda p: p.use)
def test_dark_screen_colours_meet_the_same_contrast(pair):
    dark = THEME.dark_colours
    ratio = contrast_ratio(dark[pair.text], dark[pair.background])
    assert ratio >= required_ratio(pair), (
        f"dark {pair.use}: {pair.text} on {pair.background} is {ratio:.2f}:1")


def test_body_text_pair_exists_and_is_held_to_aaa():
    body = [p for p in THEME.pairs if p.body]
    assert body and all(required_ratio(p) == 7.0 for p in body)


def test_every_colour_is_used_in_a_pair():
    used = {name for p in THEME.pairs for name in (p.text, p.background)}
    assert used == set(THEME.colours)


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_required_ratio_is_aa_for_text_three_for_large_and_aaa_for_body():
    assert required_ratio(ColourPair(text="a", background="b", use="x")) == 4.5
    assert required_ratio(ColourPair(text="a", background="b", use="x", large=True)) == 3.0
    assert required_ratio(ColourPair(text="a", background="b", use="x", body=True)) == 7.0


def test_every_text_colour_the_styles_use_is_checked_in_a_pair():
    import re

    css = "".join(p.read_text() for p in (ROOT / "styles").glob("*.css"))
    used = set(re.findall(r"(?<![-\w])color:\s*var\(--colour-([\w-]+)\)", css))
    assert used and used <= {p.text for p in THEME.pairs}


# A theme is content: `check` and `build` refuse one that would break or hide the text.

REAL_THEME = (ROOT / "styles" / "theme.yaml").read_text(encoding="utf-8")


def theme_errors(tmp_path, theme_text: str) -> list[str]:
    from helpers import load_errors
    from projectkit import make_project

    make_project(tmp_path, {"styles/theme.yaml": theme_text})
    return [str(e) for e in load_errors(tmp_path).errors]


def test_a_colour_name_that_is_not_a_plain_name_is_refused_at_its_line(tmp_path):
    hostile = REAL_THEME.replace(
        '  muted: "#333333"', '  "x: red; } body { display: none } :root { --y": "#333333"')
    assert theme_errors(tmp_path, hostile)[0] == (
        "styles/theme.yaml:8: colours.x: red; } body { display: none } :root { --y: a colour "
        "name is lowercase letters, digits and hyphens, like 'band-text'; got "
        "'x: red; } body { display: none } :root { --y'")


def test_a_colour_value_that_is_not_hex_is_refused_at_its_line(tmp_path):
    assert theme_errors(tmp_path, REAL_THEME.replace('"#333333"', '"red; x: y"')) == [
        "styles/theme.yaml:8: colours.muted: expected a colour written as #rrggbb; "
        "got 'red; x: y'"]


def test_body_text_without_contrast_is_a_content_error_at_its_pair(tmp_path):
    assert theme_errors(tmp_path, REAL_THEME.replace('"#1a1a1a"', '"#fefefe"')) == [
        "styles/theme.yaml:11: pair 1 of `pairs`: body text: colour ink (#fefefe) on paper "
        "(#ffffff) has a contrast of 1.01:1; WCAG 2.2 AAA for body text asks for at least 7:1"]


def test_print_colours_are_held_to_the_same_contrast(tmp_path):
    pale = REAL_THEME.replace('muted: "device-cmyk(0 0 0 0.8)"', 'muted: "device-cmyk(0 0 0 0.3)"')
    assert theme_errors(tmp_path, pale) == [
        "styles/theme.yaml:13: pair 3 of `pairs`: page numbers and running header: print "
        "colour muted (device-cmyk(0 0 0 0.3)) on paper (device-cmyk(0 0 0 0)) has a contrast "
        "of 2.12:1; WCAG 2.2 AA for text asks for at least 4.5:1"]


def test_no_colour_escapes_the_contrast_check(tmp_path):
    unchecked = REAL_THEME.replace(
        "  - {text: ink, background: paper, use: body text, body: true}\n", "")
    assert theme_errors(tmp_path, unchecked) == [
        "styles/theme.yaml:5: colours.ink: colour 'ink' is in no pair, so its contrast is "
        "never checked; add it to pairs",
        "styles/theme.yaml:10: pairs: no pair is marked 'body: true'; the body text colours "
        "must be checked against WCAG AAA (7:1)"]


def test_a_pair_naming_an_unknown_colour_points_at_the_pair(tmp_path):
    assert theme_errors(tmp_path, REAL_THEME.replace("{text: muted,", "{text: grey,")) == [
        "styles/theme.yaml:13: `text` of pair 3: pair 'page numbers and running header' "
        "names unknown colour 'grey'"]


@pytest.mark.parametrize("command", [["check"], ["build", "--audience", "treatment"]])
def test_check_and_build_refuse_an_unreadable_theme(tmp_path, command):
    from typer.testing import CliRunner

    from leafletgen.cli import app
    from projectkit import make_project

    make_project(tmp_path, {"styles/theme.yaml": REAL_THEME.replace('"#1a1a1a"', '"#fefefe"')})
    result = CliRunner().invoke(app, command + ["--project", str(tmp_path)])
    assert result.exit_code == 1
    assert "styles/theme.yaml:11: pair 1 of `pairs`: body text:" in result.output
    assert not (tmp_path / "build").exists()
