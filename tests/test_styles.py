"""The styles follow clear-print rules and avoid what breaks WeasyPrint's tags."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

STYLES = Path(__file__).resolve().parent.parent / "styles"
SHEETS = sorted(STYLES.glob("*.css"))


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda p: p.name)
@pytest.mark.parametrize("forbidden", [
    r"box-shadow", r"overflow\s*:\s*hidden", r"text-align\s*:\s*justify",
    r"hyphens\s*:\s*auto", r"font-style\s*:\s*(italic|oblique)",
    r"text-decoration\s*:\s*underline", r"text-transform\s*:\s*uppercase", r"leader\(",
])
def test_style_sheet_avoids(sheet, forbidden):
    css = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S)
    assert not re.search(forbidden, css)


@pytest.mark.parametrize("sheet", ["leaflet.css", "large-print.css"])
def test_body_line_height_is_at_least_1_4(sheet):
    css = (STYLES / sheet).read_text(encoding="utf-8")
    html_rule, = re.findall(r"(?m)^html\s*{([^}]*)}", css)
    height, = re.findall(r"line-height:\s*([\d.]+)", html_rule)
    assert float(height) >= 1.4


def test_large_print_sets_body_and_page_numbers_to_18pt():
    css = (STYLES / "large-print.css").read_text(encoding="utf-8")
    assert re.search(r"html\s*{[^}]*font-size:\s*18pt", css)
    # running header and page number take --header-size (the PDFs are checked in
    # test_accessibility.py: furniture at body size)
    assert re.search(r":root\s*{[^}]*--header-size:\s*18pt", css)
    base = (STYLES / "leaflet.css").read_text(encoding="utf-8")
    assert base.count("font-size: var(--header-size)") == 2
