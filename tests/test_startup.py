"""Start-up: commands that do not render never import WeasyPrint; --help imports no library."""

import json
import subprocess
import sys

import pytest

from helpers import REPO

HEAVY = ("weasyprint", "pikepdf", "jinja2", "markdown_it", "pydantic", "yaml")

PROBE = """
import json, sys
from leafletgen.cli import app
try:
    app(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(m for m in {heavy} if m in sys.modules)), file=sys.stderr)
"""


def imported_after(*args):
    """Run the CLI in a fresh interpreter; return which heavy modules it imported."""
    result = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
                            cwd=REPO, capture_output=True, text=True, check=True)
    return json.loads(result.stderr.strip().splitlines()[-1])


def test_help_imports_none_of_the_libraries():
    # markdown_it is left out here: rich, which typer uses to format help, imports it.
    assert [m for m in imported_after("--help") if m != "markdown_it"] == []


def test_list_validates_without_renderer_or_pdf_libraries():
    # Loading parses the Markdown it validates (headings, images, links: lint.py).
    assert imported_after("list") == ["markdown_it", "pydantic", "yaml"]


def test_check_adds_only_the_markdown_parser_its_readability_report_reads():
    assert imported_after("check") == ["markdown_it", "pydantic", "yaml"]
