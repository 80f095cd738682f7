"""Padding plans per format, and the print theme's CMYK colours."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from leafletgen.formats import FORMATS, Padding, back_page_alone, plan_padding
from leafletgen.theme import Theme, cmyk_to_hex, contrast_ratio, required_ratio
from leafletgen.yamlfile import parse_yaml
from tests.printing import ROOT


@pytest.mark.parametrize("pages, notes, before_back", [
    (5, False, ("notes",) * 3), (6, True, ("notes",) * 2), (8, False, ()), (7, True, ("notes",)),
    (8, True, ("notes",) * 4),
])
def test_booklets_fill_with_notes_pages_before_the_back_cover(pages, notes, before_back):
    plan = plan_padding(pages, FORMATS["a5-booklet"], duplex=False, notes=notes)
    assert plan == Padding(before_back=before_back)
    assert "blank" not in plan.before_back and (pages + plan.pages) % 4 == 0


@pytest.mark.parametrize("pages, duplex, notes, before_back", [
    (5, True, False, ("blank",)), (4, True, False, ()), (5, False, False, ()),
    (5, False, True, ("notes",)), (4, True, True, ("notes", "notes")), (5, True, True, ("notes",)),
])
def test_handouts_pad_before_the_back_page_with_at_most_one_blank(pages, duplex, notes,
                                                                  before_back):
    plan = plan_padding(pages, FORMATS["a4"], duplex=duplex, notes=notes)
    assert plan == Padding(before_back=before_back)


@pytest.mark.parametrize("fmt, duplex, notes, alone", [
    ("a4", False, False, False), ("a5", False, False, False), ("a4", True, False, True),
    ("a5", False, True, True), ("a5-booklet", False, False, True), ("print-shop", False, False, True),
])
def test_back_matter_has_a_page_of_its_own_only_where_it_is_a_back_page(fmt, duplex, notes,
                                                                         alone):
    assert back_page_alone(FORMATS[fmt], duplex, notes) is alone


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
