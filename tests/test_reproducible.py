"""Same input, same bytes: every format and option, built twice where everything else differs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import tiny_png
from helpers import REPO
import projectkit
from projectkit import make_project

# TEST TEXT ONLY: filler words, no medical facts. Enough for a contents list (3+ pages).
FILLER = " ".join(["Dit is proeftekst voor een test van de opmaak en zegt niets."] * 9)
MANIFEST = projectkit.MANIFEST.replace("sections:\n  - eerste\n", """\
url: https://example.org/proeffolder
formats: [a4, a5, a5-booklet, print-shop]
large_print: true
sections: [een, twee, drie, vier]
""")
SECTION = """\
---
title: Deel {n}
audiences: [treatment]
{images}---
{body}
"""
IMAGES = """\
images:
  - {src: stip.png, alt: Een stip}
  - {src: stip.png, decorative: true}
"""
CONTACT = REPO / "tests/fixtures/contact/ward.yaml"
NAMES = ["demo-treatment.pdf", "demo-treatment-a5.pdf", "demo-treatment-a5-booklet.pdf",
         "demo-treatment-print-shop.pdf", "demo-treatment-large-print.pdf"]
WITH_OPTIONS_NAMES = [
    "demo-treatment-notes-duplex-ward.pdf", "demo-treatment-large-print-notes-duplex-ward.pdf",
    "demo-treatment-a5-notes-duplex-ward.pdf", "demo-treatment-a5-booklet-notes-duplex-ward.pdf",
    "demo-treatment-print-shop-notes-duplex-ward.pdf"]
EVERY = ["build", "--all", "--force", "-j", "1", "-o", "out/plain"]  # the 5 formats listed
ONE = ["build", "-l", "demo", "-a", "treatment", "--force", "-j", "1", "-o", "out/options"]
OPTIONS = ["--contact", str(CONTACT), "--notes", "--duplex"]
WITH_OPTIONS = [ONE + ["-f", "a4"] + OPTIONS, ONE + ["-f", "a4", "--large-print"] + OPTIONS,
                ONE + ["-f", "a5"] + OPTIONS, ONE + ["-f", "a5-booklet"] + OPTIONS,
                ONE + ["-f", "print-shop"] + OPTIONS]

# One build in a fresh interpreter: the clock moved by OFFSET seconds, fontTools subsetting
# instead of HarfBuzz if asked, the manifest date pinning switched off if asked.
BUILD = """
import contextlib, sys, time
offset, subsetter, pinned, runs = float(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
real_time = time.time
time.time = lambda: real_time() + offset
import leafletgen.pdf, leafletgen.reproducible, weasyprint.pdf.fonts, json, typer.main
if subsetter == "fonttools":
    weasyprint.pdf.fonts.harfbuzz_subset = None
if pinned == "unpinned":
    import leafletgen.build
    unpinned = lambda day: contextlib.nullcontext()
    leafletgen.reproducible.source_date = leafletgen.build.source_date = unpinned
from leafletgen.cli import app
for args in json.loads(runs):
    code = typer.main.get_command(app).main(args, standalone_mode=False)
    if code:
        sys.exit(code)
"""


def write_project(root: Path) -> Path:
    sections = {f"content/demo/{name}.md": SECTION.format(
        n=n, images=IMAGES if n == 2 else "", body=FILLER) for n, name in
        enumerate(["een", "twee", "drie", "vier"], start=1)}
    return make_project(root, {"leaflets/demo.yaml": MANIFEST, "content/demo/stip.png":
                               tiny_png(), **sections}, defaults=False)


def start_build(root: Path, project: Path, runs: list[list[str]], *, seed: str, tz: str,
                offset: float, subsetter: str, pinned: str) -> subprocess.Popen:
    """Start one build of `project` into root/out in its own interpreter."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(PYTHONHASHSEED=seed, TZ=tz, PYTHONPATH=str(REPO))
    runs = [args + ["--project", str(project)] for args in runs]
    return subprocess.Popen([sys.executable, "-c", BUILD, str(offset), subsetter, pinned,
                             json.dumps(runs)], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def build_twice(tmp_path: Path, runs: list[list[str]], subsetter: str, pinned: str = "pinned",
                copy_project: bool = False) -> list[Path]:
    """Build the same project twice, at once, into two folders (returned), with other hash
    seeds, time zones and clocks (the second 400 days and 3 hours later); from two copies
    of the project in different folders if asked."""
    roots = [tmp_path / "first", tmp_path / "second/deeper"]
    projects = [write_project(tmp_path / "project")] * 2
    if copy_project:
        projects[1] = shutil.copytree(projects[0], tmp_path / "elsewhere/project")
    started = []
    for root, project, seed, tz, offset in zip(roots, projects, ("1", "2"),
                                               ("UTC", "Asia/Kathmandu"),
                                               (0, 400 * 86400 + 3 * 3600)):
        root.mkdir(parents=True)
        started.append(start_build(root, project, runs, seed=seed, tz=tz, offset=offset,
                                   subsetter=subsetter, pinned=pinned))
    for process in started:
        output = process.communicate(timeout=600)[0]
        assert process.returncode == 0, output
    return roots


def differing(first: Path, second: Path) -> list[str]:
    """Return the PDFs under `first` whose bytes differ from the same file under `second`."""
    names = sorted(str(p.relative_to(first)) for p in first.rglob("*.pdf"))
    assert names == sorted(str(p.relative_to(second)) for p in second.rglob("*.pdf"))
    return [n for n in names if (first / n).read_bytes() != (second / n).read_bytes()]


def test_every_format_and_option_built_twice_gives_the_same_bytes(tmp_path):
    first, second = build_twice(tmp_path, [EVERY] + WITH_OPTIONS, "harfbuzz")
    assert sorted(p.name for p in (first / "out/plain").glob("*.pdf")) == sorted(NAMES)
    assert (sorted(p.name for p in (first / "out/options").glob("*.pdf"))
            == sorted(WITH_OPTIONS_NAMES))
    assert differing(first / "out", second / "out") == []


def test_every_format_built_twice_with_fonttools_subsets_gives_the_same_bytes(tmp_path):
    # Without HarfBuzz-Subset (the README's first command installs no Debian package),
    # WeasyPrint subsets fonts with fontTools, which writes a date into each subset.
    first, second = build_twice(tmp_path, [EVERY], "fonttools")
    assert sorted(p.name for p in (first / "out/plain").glob("*.pdf")) == sorted(NAMES)
    assert differing(first / "out", second / "out") == []


def test_the_comparison_notices_font_dates_left_unpinned(tmp_path):
    # fontTools stamps each font subset with the clock unless the build pins it to the
    # manifest's date: with the pinning off, the two builds above must differ.
    first, second = build_twice(tmp_path, [ONE], "fonttools", pinned="unpinned")
    assert differing(first / "out", second / "out") == ["options/demo-treatment.pdf"]


def test_a_copy_of_the_project_in_another_folder_gives_the_same_bytes(tmp_path):
    # WeasyPrint names each image after the MD5 of its address: the renderer must see
    # addresses that do not hold the project's folder.
    first, second = build_twice(tmp_path, [EVERY], "harfbuzz", copy_project=True)
    assert differing(first / "out", second / "out") == []
