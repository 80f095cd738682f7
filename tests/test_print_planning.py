"""Padding plans per format, and the print theme's CMYK colours."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from leafletgen.formats import FORMATS, Padding, plan_padding
from leafletgen.theme import Theme, cmyk_to_hex, contrast_ratio, required_ratio
from leafletgen.yamlfile import parse_yaml
from tests.printing import ROOT


@pytest.mark.parametrize("pages, notes, before_back", [
    (5, False, ("blank",) * 3), (6, True, ("notes",) * 2), (8, False, ()),
])
def test_booklets_pad_before_the_back_cover_to_a_multiple_of_4(pages, notes, before_back):
    plan = plan_padding(pages, FORMATS["a5-booklet"], duplex=False, notes=notes)
    assert plan == Padding(before_back=before_back)


@pytest.mark.parametrize("pages, duplex, at_end", [
    (5, True, ("blank",)), (4, True, ()), (5, False, ()),
])
def test_handouts_pad_only_for_duplex_and_only_at_the_end(pages, duplex, at_end):
    assert plan_padding(pages, FORMATS["a4"], duplex=duplex, notes=False) == Padding(at_end=at_end)


def theme() -> Theme:
    return Theme.model_validate(parse_yaml((ROOT / "styles" / "theme.yaml").read_text(),
                                           "styles/theme.yaml").data)


def test_print_colours_meet_the_same_contrast_rules():
    current = theme()
    for pair in current.pairs:
        text = cmyk_to_hex(current.print_colours[pair.text])
        background = cmyk_to_hex(current.print_colours[pair.background])
        assert contrast_ratio(text, background) >= required_ratio(pair), pair.use


def test_print_colours_become_device_cmyk_custom_properties():
    assert "--colour-ink: device-cmyk(0 0 0 1);" in theme().css(for_print=True)
    assert "--colour-ink: #" in theme().css()


def test_print_colour_must_be_device_cmyk():
    data = theme().model_dump()
    data["print_colours"]["ink"] = "#000000"
    with pytest.raises(ValidationError) as caught:
        Theme.model_validate(data)
    error, = caught.value.errors()
    assert (error["loc"], str(error["ctx"]["error"])) == (
        ("print_colours", "ink"), "expected a print colour written as device-cmyk(c m y k), "
                                  "each 0 to 1; got '#000000'")


def test_print_colours_name_the_same_colours():
    data = theme().model_dump()
    del data["print_colours"]["muted"]
    with pytest.raises(ValidationError, match="differs in: muted"):
        Theme.model_validate(data)


def test_naive_cmyk_conversion():
    assert cmyk_to_hex("device-cmyk(0 0 0 1)") == "#000000"
    assert cmyk_to_hex("device-cmyk(1 0 0 0)") == "#00ffff"
