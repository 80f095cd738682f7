"""The start-up shortcut: a command line run again on unchanged files answers from its last
result without importing the library; any change to what it reads makes it run again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from projectkit import SECTION, make_project

HEAVY = ("typer", "pydantic", "yaml", "weasyprint", "jinja2", "pikepdf")
PROBE = """
import json, sys
from leafletgen.__main__ import main
try:
    main()
except SystemExit as stop:
    code = stop.code
print(json.dumps([code, sorted(m for m in {heavy} if m in sys.modules)]), file=sys.stderr)
"""


def run(project: Path, cache: Path, *args) -> tuple[int, str, list[str]]:
    """Run the command line in a fresh interpreter in `project`; return its exit code,
    its output, and which heavy modules it imported."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache),
           "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    result = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *args],
                            cwd=project, capture_output=True, text=True, env=env)
    *err, probe = result.stderr.strip().splitlines()
    code, imported = json.loads(probe)
    return code, result.stdout + "\n".join(err), imported


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path / "project")


def test_a_repeated_list_answers_without_importing_the_library(project, tmp_path):
    first = run(project, tmp_path / "cache", "list")
    again = run(project, tmp_path / "cache", "list")
    assert first[0] == again[0] == 0
    assert again[1] == first[1] and "demo: Testfolder (nl)" in first[1]
    assert "pydantic" in first[2] and again[2] == []


def test_an_edited_file_makes_the_command_run_again(project, tmp_path):
    run(project, tmp_path / "cache", "list")
    manifest = project / "leaflets/demo.yaml"
    manifest.write_text(manifest.read_text().replace("Testfolder", "Andere folder"))
    code, output, imported = run(project, tmp_path / "cache", "list")
    assert "demo: Andere folder (nl)" in output and "pydantic" in imported


def test_a_new_file_makes_check_run_again(project, tmp_path):
    args = ("check", "--today", "2026-06-01")
    assert run(project, tmp_path / "cache", *args)[0] == 0
    assert run(project, tmp_path / "cache", *args)[2] == []
    (project / "content/demo/los.md").write_text(SECTION.replace("treatment]", "pre-op]"))
    code, output, imported = run(project, tmp_path / "cache", *args)
    assert code == 1 and "content/demo/los.md:3" in output


def test_another_day_or_option_is_another_command(project, tmp_path):
    run(project, tmp_path / "cache", "check", "--today", "2026-06-01")
    assert run(project, tmp_path / "cache", "check", "--today", "2027-06-01")[2] != []
    assert run(project, tmp_path / "cache", "check", "--strict", "--today", "2026-06-01")[2] != []


def test_a_repeated_build_says_unchanged_until_a_pdf_is_touched(project, tmp_path):
    cache, out = tmp_path / "cache", tmp_path / "out"
    code, output, _ = run(project, cache, "build", "--all", "-j", "1", "--out", str(out))
    assert code == 0 and output.count("built ") == 4  # three PDFs and the summary
    code, output, imported = run(project, cache, "build", "--all", "-j", "1", "--out", str(out))
    assert code == 0 and imported == []
    assert f"unchanged {out}/demo-treatment.pdf (" in output
    assert output.rstrip().endswith("built 0, unchanged 3, failed 0")
    (out / "demo-treatment.pdf").unlink()
    code, output, imported = run(project, cache, "build", "--all", "-j", "1", "--out", str(out))
    assert f"built {out}/demo-treatment.pdf" in output and "weasyprint" in imported


def test_a_failed_build_is_never_replayed(project, tmp_path):
    cache, out = tmp_path / "cache", tmp_path / "out"
    (project / "content/demo/eerste.md").write_text(SECTION.replace("treatment]", "pre-op]"))
    for _ in range(2):
        code, output, imported = run(project, cache, "build", "-a", "treatment",
                                     "--out", str(out))
        assert code == 1 and "pydantic" in imported
