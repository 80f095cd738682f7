"""Every format with and without --notes, --duplex, --contact and a long title (issue 12):
text inside the printable area, at most one blank page, the back page last, no page
numbers on the covers. The builds cover every pair of choices (all-pairs), not every
combination: a pair of choices that goes wrong together shows up in some build."""

from __future__ import annotations

import itertools
import re

import pytest

from leafletgen.imposition import saddle_stitch_order
from leafletgen.pdfcheck import check_pdf
from tests.pagekit import LONG_TITLE, WARD, build, nearest_edge_mm, page_chars, page_project

FORMATS = {  # name -> build options
    "a4": dict(format="a4"), "a4-large-print": dict(format="a4", large_print=True),
    "a5": dict(format="a5"), "a5-booklet": dict(format="a5-booklet"),
    "print-shop": dict(format="print-shop"),
}
# (format, notes, duplex, contact, long title): each format twice, with opposite choices,
# and the binary patterns chosen so every pair of choices occurs.
ROWS = [
    ("a4", 0, 0, 0, 0), ("a4", 1, 1, 1, 1), ("a4-large-print", 0, 0, 1, 1),
    ("a4-large-print", 1, 1, 0, 0), ("a5", 0, 1, 0, 1), ("a5", 1, 0, 1, 0),
    ("a5-booklet", 0, 1, 1, 0), ("a5-booklet", 1, 0, 0, 1), ("print-shop", 1, 1, 1, 1),
    ("print-shop", 0, 0, 0, 0),
]
BLANK = "Dezepaginaismetopzetleeggelaten."  # characters without the spaces
NUMBER = re.compile(r"pagina \d+ van \d+")


def _name(row) -> str:
    fmt, notes, duplex, contact, long = row
    return "-".join([fmt] + [w for w, on in (("notes", notes), ("duplex", duplex),
                                             ("contact", contact), ("long", long)) if on])


def test_the_rows_cover_every_pair_of_choices():
    values = [list(FORMATS), [0, 1], [0, 1], [0, 1], [0, 1]]
    for (i, a), (j, b) in itertools.combinations(enumerate(values), 2):
        assert {(row[i], row[j]) for row in ROWS} == set(itertools.product(a, b))


@pytest.fixture(scope="module")
def projects(tmp_path_factory):
    root = tmp_path_factory.mktemp("pages")
    return {long: page_project(root / f"p{long}", title=LONG_TITLE if long else "Testfolder",
                               url="https://example.org/folders/test")
            for long in (0, 1)}


@pytest.fixture(scope="module", params=ROWS, ids=_name)
def built(request, projects, tmp_path_factory):
    fmt, notes, duplex, contact, long = request.param
    options = dict(FORMATS[fmt], notes=bool(notes), duplex=bool(duplex),
                   contact=WARD if contact else None)
    result = build(projects[long], tmp_path_factory.mktemp("out"), **options)
    return fmt, dict(notes=notes, duplex=duplex), result


def reading_pages(path, booklet: bool) -> list[str]:
    """Return each page's text in reading order (booklet halves put back in order)."""
    texts = []
    for chars in page_chars(path):
        if not booklet:
            texts.append("".join(c.get_text() for c in chars))
            continue
        middle = 841.89 / 2
        texts += ["".join(c.get_text() for c in chars if c.x1 <= middle),
                  "".join(c.get_text() for c in chars if c.x0 >= middle)]
    if not booklet:
        return texts
    order = [page for side in saddle_stitch_order(len(texts)) for page in side]
    return [text for _, text in sorted(zip(order, texts))]


def test_text_stays_inside_the_printable_area(built):
    fmt, _, result = built
    margin = 5 if fmt == "print-shop" else 10  # print-shop: inside the trim, which is cut
    assert nearest_edge_mm(result.path, halves=fmt == "a5-booklet") >= margin


def test_at_most_one_blank_page_and_page_counts_that_fold(built):
    fmt, asked, result = built
    pages = reading_pages(result.path, fmt == "a5-booklet")
    assert sum(BLANK in p.replace(" ", "") for p in pages) <= 1
    if fmt in ("a5-booklet", "print-shop"):
        assert len(pages) % 4 == 0
    elif asked["duplex"]:
        assert len(pages) % 2 == 0


def test_back_page_is_last_and_covers_carry_no_page_number(built):
    fmt, asked, result = built
    pages = reading_pages(result.path, fmt == "a5-booklet")
    flat = [p.replace(" ", "") for p in pages]
    assert "Overdezefolder" in flat[-1] and "Bronnen" in flat[-1]
    assert not NUMBER.search(pages[0])
    alone = fmt in ("a5-booklet", "print-shop") or asked["duplex"] or asked["notes"]
    if alone:  # a back cover: the end matter alone, without page number
        assert not NUMBER.search(pages[-1])
        assert "zoalsgewoonlijk" not in flat[-1]
        assert "aantekeningen" not in flat[-1] and "leeggelaten" not in flat[-1]


READING = [row for row in ROWS if row[0] in ("a4", "a4-large-print", "a5")]


@pytest.mark.parametrize("built", READING, ids=_name, indirect=True)
def test_reading_pdfs_pass_check_pdf(built):
    fmt, _, result = built
    size = {"a4": 13.0, "a4-large-print": 18.0, "a5": 12.0}[fmt]
    findings = check_pdf(result.path.read_bytes(), expected_lang="nl", min_body_pt=size)
    assert [str(f) for f in findings if not f.ok] == []
