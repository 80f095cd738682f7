"""Page composition decided from measured renders (pageplan.py), and the manifest's logo."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest
from pydantic import ValidationError

from leafletgen.errors import RenderError
from leafletgen.formats import FORMATS, Padding
from leafletgen.models import Logo
from leafletgen.pageplan import (BACK_ID, Composition, Layout, Rules, contents_helps,
                                 first_composition, revise)
from leafletgen.project import Project

SECTIONS = ("een", "twee", "drie")
A4 = Rules(FORMATS["a4"], duplex=False, notes=False, section_ids=SECTIONS)


def layout(pages: int, starts: dict[str, int], back: tuple[int, int],
           header_lines: int = 1) -> Layout:
    first, last = dict(starts), dict(starts)
    first[BACK_ID], last[BACK_ID] = back
    return Layout(pages, first, last, header_lines)


def test_contents_helps_only_when_sections_start_on_three_pages():
    assert not contents_helps(layout(4, {"een": 1, "twee": 1, "drie": 2}, (3, 3)), SECTIONS)
    assert contents_helps(layout(5, {"een": 1, "twee": 2, "drie": 3}, (4, 4)), SECTIONS)


def test_a_wrapped_running_header_gets_room_first():
    measured = layout(5, {"een": 1, "twee": 2, "drie": 3}, (4, 4), header_lines=2)
    assert revise(Composition(), measured, A4) == Composition(header_lines=2)


def test_contents_list_comes_and_goes_with_what_the_render_measured():
    spread = layout(5, {"een": 1, "twee": 2, "drie": 3}, (4, 4))
    assert revise(Composition(), spread, A4) == Composition(with_contents=True)
    close = layout(4, {"een": 1, "twee": 1, "drie": 2}, (2, 2))
    assert revise(Composition(with_contents=True), close, A4) == Composition()


def test_first_render_guesses_a_contents_list_for_a5_and_large_print():
    assert not first_composition(A4).with_contents
    assert first_composition(replace(A4, large_print=True)).with_contents
    assert first_composition(replace(A4, fmt=FORMATS["a5"])).with_contents


def test_back_matter_that_fits_below_the_text_or_on_its_own_page_stays_in_the_flow():
    for back in ((2, 2), (3, 3)):
        measured = layout(4, {"een": 1, "twee": 2, "drie": 2}, back)
        assert revise(Composition(), measured, A4) == Composition()


def test_a5_back_matter_that_would_leave_the_text_page_under_half_full_may_break_in_parts():
    a5 = replace(A4, fmt=FORMATS["a5"])
    after_a_few_lines = replace(layout(5, {"een": 1, "twee": 2, "drie": 3}, (4, 4)),
                                filled=(1.0, 0.9, 0.95, 0.2, 0.6))
    parts = revise(Composition(with_contents=True), after_a_few_lines, a5)
    assert parts == Composition(with_contents=True, back_in_parts=True)
    # in parts it spans two pages by design: that is not an overflow, and the plan settles
    spanning = replace(layout(4, {"een": 1, "twee": 2, "drie": 3}, (3, 4)),
                       filled=(1.0, 0.9, 0.95, 0.7, 0.3))
    assert revise(parts, spanning, a5) == parts
    after_a_full_page = replace(after_a_few_lines, filled=(1.0, 0.9, 0.95, 0.6, 0.6))
    done = Composition(with_contents=True)
    assert revise(done, after_a_full_page, a5) == done
    below_the_text = replace(layout(4, {"een": 1, "twee": 2, "drie": 3}, (3, 3)),
                             filled=(1.0, 0.9, 0.95, 0.9))
    assert revise(done, below_the_text, a5) == done


def test_a5_back_matter_longer_than_a_page_breaks_in_parts_before_getting_a_page():
    a5 = replace(A4, fmt=FORMATS["a5"])
    overflowing = replace(layout(7, {"een": 1, "twee": 2, "drie": 4}, (5, 6)),
                          filled=(1.0, 0.8, 0.97, 0.95, 0.12, 0.6, 0.4))
    start = Composition(with_contents=True)
    assert revise(start, overflowing, a5) == replace(start, back_in_parts=True)


def test_a_back_cover_and_a4_back_matter_are_never_broken_in_parts():
    measured = replace(layout(5, {"een": 1, "twee": 2, "drie": 3}, (4, 4)),
                       filled=(1.0, 0.9, 0.95, 0.2, 0.6))
    back_cover = Composition(with_contents=True, back_page=True)
    assert not revise(back_cover, measured, replace(A4, fmt=FORMATS["a5"])).back_in_parts
    assert not revise(Composition(with_contents=True), measured, A4).back_in_parts


def test_overflowing_back_matter_gets_a_page_then_loses_sources_and_colophon():
    done = Composition()
    measured = layout(5, {"een": 1, "twee": 2, "drie": 2}, (2, 3))
    assert revise(done, measured, A4) == replace(done, back_page=True)
    alone = replace(done, back_page=True)
    measured = layout(6, {"een": 1, "twee": 2, "drie": 2}, (3, 4))
    assert revise(alone, measured, A4) == replace(alone, about_on_back=False)


def test_padding_is_planned_last_from_the_measured_pages_then_checked():
    rules = Rules(FORMATS["a5-booklet"], duplex=False, notes=True, section_ids=SECTIONS)
    start = first_composition(rules)
    assert start.back_page
    measured = layout(5, {"een": 1, "twee": 2, "drie": 3}, (4, 4))
    padded = revise(start, measured, rules)
    assert padded.padding == Padding(("notes",) * 3) and padded.pages == 8
    final = layout(8, {"een": 1, "twee": 2, "drie": 3}, (7, 7))
    assert revise(padded, final, rules) == padded  # settled: no other render
    with pytest.raises(RenderError, match="padding to 8 pages gave 9"):
        revise(padded, replace(final, pages=9), rules)
    with pytest.raises(RenderError, match="the back page is not the last page"):
        revise(padded, layout(8, {"een": 1, "twee": 2, "drie": 3}, (6, 6)), rules)


def test_no_padding_needs_no_further_render():
    measured = layout(4, {"een": 1, "twee": 2, "drie": 2}, (3, 3))
    done = Composition(back_page=True)
    assert revise(done, measured, A4) == done


def test_padding_pages_are_found_by_their_ids():
    measured = Layout(8, {"page_padding_1": 5, "page_padding_2": 6, "een": 1}, {}, 1)
    assert measured.padding_pages() == (5, 6)


@pytest.mark.parametrize("src, problem", [
    ("logo.jpg", "expected an SVG or PNG file"), ("https://example.org/logo.svg", "file path"),
    ("/etc/logo.svg", "file path"),
])
def test_logo_must_be_an_svg_or_png_path(src, problem):
    with pytest.raises(ValidationError, match=problem):
        Logo(src=src, alt="Logo")


def test_logo_file_is_resolved_from_leaflets_and_stays_in_the_project(tmp_path):
    project = Project(tmp_path / "p")
    (project.leaflets_dir / "logos").mkdir(parents=True)
    (project.leaflets_dir / "logos" / "a.svg").write_text("<svg/>")
    (tmp_path / "outside.svg").write_text("<svg/>")
    os.symlink(tmp_path / "outside.svg", project.leaflets_dir / "link.svg")
    assert project.logo_file("logos/a.svg") == (project.leaflets_dir / "logos/a.svg").resolve()
    with pytest.raises(ValueError, match="outside the project"):
        project.logo_file("../../outside.svg")
    with pytest.raises(ValueError, match="outside the project"):
        project.logo_file("link.svg")
    with pytest.raises(ValueError, match="no logo file at leaflets/logos/b.svg"):
        project.logo_file("logos/b.svg")


def test_the_first_render_guesses_a_contents_list_from_the_length_of_the_text():
    def guess(fmt="a4", large=False, chars=0, sections=SECTIONS):
        rules = Rules(FORMATS[fmt], False, False, sections, large, chars)
        return first_composition(rules).with_contents

    assert not guess(chars=2700)  # MMN's longest leaflet starts its sections on two pages
    assert guess(chars=60_000)  # a long leaflet needs one: no second render to find out
    assert guess("a5", chars=900) and guess(large=True, chars=900)  # small pages run long
    assert not guess("a5", chars=60_000, sections=("een", "twee"))  # two sections: never
