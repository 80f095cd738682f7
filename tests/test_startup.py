"""Start-up: commands that do not render never import WeasyPrint; --help imports no library."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO
from projectkit import make_project

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


def run_command(tmp_path, *args: str) -> subprocess.CompletedProcess:
    """Run `python -m leafletgen` as a user does, without a memo to answer from."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "no-memo"),
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    return subprocess.run([sys.executable, "-m", "leafletgen", *args], capture_output=True,
                          text=True, env=env, timeout=300)


def test_the_command_exits_with_its_code_and_all_its_output(tmp_path):
    """The process ends without tearing the interpreter down (__main__.exit_now): the exit
    code and every line printed must still come out."""
    project = make_project(tmp_path / "p")
    listed = run_command(tmp_path, "list", "--project", str(project))
    assert listed.returncode == 0 and listed.stdout.startswith("demo: Testfolder")
    built = run_command(tmp_path, "build", "-a", "treatment", "-o", str(tmp_path / "out"),
                        "--project", str(project))
    assert built.returncode == 0
    assert built.stdout.splitlines()[-1] == "built 1, unchanged 0, failed 0"
    assert (tmp_path / "out/demo-treatment.pdf").read_bytes().startswith(b"%PDF-")
    usage = run_command(tmp_path, "build", "--project", str(project))
    assert usage.returncode == 2 and "--audience" in usage.stderr
    (project / "content/demo/eerste.md").write_text("---\ntitle: x\n", encoding="utf-8")
    broken = run_command(tmp_path, "check", "--project", str(project))
    assert broken.returncode == 1 and "content/demo/eerste.md" in broken.stdout + broken.stderr


def test_a_closed_output_stream_is_no_crash(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "no-memo"),
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run(f'"{sys.executable}" -m leafletgen --version >&-', shell=True,
                          capture_output=True, text=True, env=env, timeout=60)
    assert "Traceback" not in done.stderr
    assert done.returncode in (0, 120)  # 120: as Python ends when it cannot write


def test_no_temporary_font_folders_are_left_behind(tmp_path):
    """WeasyPrint keeps @font-face fonts in a temporary folder while its font configuration
    lives; ending without teardown (and a batch's workers) must remove it first."""
    project = make_project(tmp_path / "p")
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "no-memo"), "TMPDIR": str(temp),
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    for jobs in ("1", "2"):
        done = subprocess.run([sys.executable, "-m", "leafletgen", "build", "--all", "-j", jobs,
                               "--force", "--project", str(project), "-o", str(tmp_path / "out")],
                              capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode == 0, done.stderr
        assert list(temp.iterdir()) == []
