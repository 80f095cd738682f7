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
