"""Hostile or broken input files stay harmless in `build`: refused before any read, with
file, line and a reason, exit 1, no traceback, and the earlier PDF left as it was."""

from __future__ import annotations

import os
import signal
import struct
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from leafletgen.cli import app

from conftest import tiny_png
from projectkit import SECTION, make_project

WITH_IMAGE = SECTION.replace("---\nDe kat", "images:\n  - src: stip.png\n    alt: Een stip\n---\nDe kat")
WHERE = "content/demo/eerste.md:5: `src` of image 1: stip.png: "
SHADOW = "root:$6$Qx8ZbXn1$QmVtZ3Vlc3NlZGhhc2g:19700:0:99999:7:::\ndaemon:*:19700:0:99999:7:::\n"


@pytest.fixture(autouse=True)
def bounded():
    """A guard, not a timing check: a build that hangs (a pipe read) fails instead."""
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("the build hung"))
    signal.alarm(60)
    yield
    signal.alarm(0)


@pytest.fixture
def project(tmp_path):
    root = make_project(tmp_path / "project", {"content/demo/eerste.md": WITH_IMAGE})
    (root / "content/demo/stip.png").write_bytes(tiny_png())
    return root


def build(project: Path, out: Path, *extra):
    args = ["build", "-a", "treatment", "--project", project, "--out", out, *extra]
    return CliRunner().invoke(app, [str(a) for a in args])


def built_then_broken(project: Path, out: Path, break_it) -> tuple[str, bytes]:
    """Build once, break an input, build again; return the second output and the PDF."""
    assert build(project, out).exit_code == 0
    before = (out / "demo-treatment.pdf").read_bytes()
    break_it(project)
    result = build(project, out)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert (out / "demo-treatment.pdf").read_bytes() == before
    return result.output, before


def replace_image(project: Path, make) -> None:
    image = project / "content/demo/stip.png"
    image.unlink()
    make(image)


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims to be `width` x `height` pixels (its data is not there)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


OUTSIDE = "file links to somewhere outside the project; copy the file into the project instead"
CASES = {
    "a link to /dev/zero": (lambda p: p.symlink_to("/dev/zero"), OUTSIDE),
    "a link to /etc/passwd": (lambda p: p.symlink_to("/etc/passwd"), OUTSIDE),
    "a named pipe": (lambda p: os.mkfifo(p), "is not a regular file (a device, pipe or "
                                             "socket); only files can be read"),
    "junk bytes": (lambda p: p.write_bytes(b"not an image at all" * 10),
                   "is not an image that can be printed (PNG, JPEG, GIF, WebP or SVG)"),
    "a truncated PNG": (lambda p: p.write_bytes(tiny_png()[:40]), "image is damaged"),
    "12,000 x 12,000 pixels": (lambda p: p.write_bytes(png_header(12000, 12000)),
                               "image has more than 40 million pixels, the limit: scale it down"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_image_is_refused_with_file_line_and_reason(project, tmp_path, case):
    make, reason = CASES[case]
    output, _ = built_then_broken(project, tmp_path / "out",
                                  lambda root: replace_image(root, make))
    assert WHERE + reason in output


SVGS = {
    "an entity bomb": ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
                       '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><svg>&b;</svg>',
                       "SVG declares a DOCTYPE or entities; save it as plain SVG without them"),
    "an external entity": ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM '
                           '"file:///etc/passwd">]><svg>&x;</svg>',
                           "SVG declares a DOCTYPE or entities; save it as plain SVG without them"),
    "an external image": ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink='
                          '"http://www.w3.org/1999/xlink"><image xlink:href='
                          '"https://evil.example/x.png"/></svg>',
                          "SVG refers to another file or address ('https://evil.example/x.png'); "
                          "a leaflet's SVG must hold everything it draws"),
}


@pytest.mark.parametrize("case", sorted(SVGS))
def test_a_hostile_svg_is_refused(tmp_path, case):
    svg, reason = SVGS[case]
    project = make_project(tmp_path / "project", {
        "content/demo/eerste.md": WITH_IMAGE.replace("stip.png", "stip.svg"),
        "content/demo/stip.svg": svg})
    result = build(project, tmp_path / "out")
    assert result.exit_code == 1
    assert f"content/demo/eerste.md:5: `src` of image 1: stip.svg: {reason}" in result.output
    assert "Traceback" not in result.output


def test_a_contact_file_that_is_a_secret_is_named_once_and_never_echoed(project, tmp_path):
    secret = tmp_path / "shadow"
    secret.write_text(SHADOW, encoding="utf-8")
    result = build(project, tmp_path / "out", "--contact", secret)
    assert result.exit_code == 1
    assert result.output == (f"error: {secret.as_posix()}: this is not a contact profile: "
                             "expected YAML fields department, phone and opening_hours "
                             "(see docs/printing.md)\n")


@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_a_contact_profile_that_is_no_file_is_refused_unread(project, tmp_path, target):
    path = tmp_path / "ward.yaml"
    if target == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to(target)
    result = build(project, tmp_path / "out", "--contact", path)
    assert result.exit_code == 1
    assert "is not a regular file" in result.output and "Traceback" not in result.output


def test_an_output_folder_inside_a_file_is_named(project, tmp_path):
    (tmp_path / "somefile").write_text("x")
    result = build(project, tmp_path / "somefile" / "sub")
    assert result.exit_code == 1
    assert result.output == (f"error: cannot write to {tmp_path / 'somefile' / 'sub'}: "
                             f"{tmp_path / 'somefile'} is a file, not a folder\n")


@pytest.mark.parametrize("profile, reason", [
    ("leaflets/demo.yaml", "not an ICC colour profile; ask the print shop for its CMYK "
                           "profile (.icc)"),
    ("/usr/share/color/icc/ghostscript/srgb.icc", "an ICC profile for RGB colour, not CMYK")])
def test_a_cmyk_profile_that_is_not_one_is_refused(project, tmp_path, profile, reason):
    path = Path(profile) if profile.startswith("/") else project / profile
    if not path.exists():
        pytest.skip("needs Debian's libgs-common")
    result = build(project, tmp_path / "out", "--format", "print-shop", "--cmyk-profile", path)
    assert result.exit_code == 1
    assert result.output == f"error: --cmyk-profile {path}: {reason}\n"


def test_a_template_error_names_the_template_file_and_line(project, tmp_path):
    def break_template(root):
        cover = root / "templates/cover.html.j2"
        cover.write_text(cover.read_text(encoding="utf-8") + "{{ leaflet.nope.deeper }}\n",
                         encoding="utf-8")

    output, _ = built_then_broken(project, tmp_path / "out", break_template)
    lines = (project / "templates/cover.html.j2").read_text(encoding="utf-8").count("\n")
    assert f"templates/cover.html.j2:{lines}: template error:" in output
