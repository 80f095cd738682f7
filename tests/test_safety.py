"""Hostile content cannot script, style, fetch, escape the project or leave half a PDF."""

from __future__ import annotations

import datetime as dt
import re
import socket
import tracemalloc
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from leafletgen import output
from leafletgen.build import BuildOptions, build_leaflet, load
from leafletgen.errors import ContentErrors, LeafletError, RenderError
from leafletgen.models import Section
from leafletgen.pdf import InputFetcher, render_pdf
from leafletgen.inputs import read_templates
from leafletgen.render import Page, render_html
from leafletgen.yamlfile import MAX_FILE_BYTES
from helpers import load_errors
from projectkit import SECTION, make_project

HOSTILE_BODY = """\
<script>alert('body')</script>

<img src="http://evil.example/track.png">

<style>body { display: none }</style>

[klik hier](javascript:alert(1)) en [ook](JaVaScRiPt:alert(2)) en <javascript:alert(3)>

[bestand](../../leaflets/demo.yaml) [ftp](ftp://evil.example/x) [goed](https://example.nl)

{{ 7 * 7 }} {% include 'leaflet.html.j2' %} {{ leaflet.__class__ }}
"""
HOSTILE_SECTION = """\
---
title: "<script>alert('titel')</script> {{ 6 * 7 }}"
audiences: [newly-diagnosed, pre-surgery, treatment]
---
""" + HOSTILE_BODY


@pytest.fixture(scope="module")
def hostile_project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("hostile"),
                        {"content/demo/eerste.md": HOSTILE_SECTION})


@pytest.fixture(scope="module")
def rendered_project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("rendered"))


def hostile_library(project: Path):
    """Load a plain project, then put the hostile section in as a model. Loading refuses
    these links (see the tests at the end), so this shows the renderer stays safe even
    for content that got past the load checks."""
    library = load(project)
    library.sections["demo"]["eerste"] = Section(
        id="eerste", title="<script>alert('titel')</script> {{ 6 * 7 }}",
        audiences=["newly-diagnosed", "pre-surgery", "treatment"], body=HOSTILE_BODY)
    return library


@pytest.fixture(scope="module")
def hostile_html(rendered_project) -> str:
    library = hostile_library(rendered_project)
    page = Page(library.leaflets["demo"], list(library.sections["demo"].values()),
                "treatment", library.strings["nl"])
    return render_html(read_templates(rendered_project), page)


def test_script_style_and_img_in_content_come_out_as_text(hostile_html):
    assert "<script" not in hostile_html
    assert "<img" not in hostile_html
    assert hostile_html.count("<style") == 1  # the template's own, for page-margin words
    assert "&lt;script&gt;alert('body')&lt;/script&gt;" in hostile_html
    assert "&lt;img src=&quot;http://evil.example/track.png&quot;&gt;" in hostile_html
    assert "&lt;style&gt;body { display: none }&lt;/style&gt;" in hostile_html


def test_javascript_links_are_not_links(hostile_html):
    hrefs = re.findall(r'href="([^"]*)"', hostile_html)
    assert [h for h in hrefs if not h.startswith("#")] == ["https://example.nl"]
    assert "[bestand](../../leaflets/demo.yaml) [ftp](ftp://evil.example/x)" in hostile_html
    assert "[klik hier](javascript:alert(1))" in hostile_html
    assert "&lt;javascript:alert(3)&gt;" in hostile_html


def test_template_syntax_in_content_is_printed_not_run(hostile_html):
    assert "{{ 7 * 7 }}" in hostile_html and "49" not in hostile_html
    assert "{{ 6 * 7 }}" in hostile_html and "42" not in hostile_html
    assert "{% include 'leaflet.html.j2' %}" in hostile_html
    assert "&lt;class" not in hostile_html


@pytest.fixture(scope="module")
def hostile_pdf(rendered_project, tmp_path_factory) -> Path:
    """Build the hostile leaflet with the network switched off: any attempt fails loudly."""
    out = tmp_path_factory.mktemp("out")
    attempts = []

    def no_network(self, *args, **kwargs):
        attempts.append(args)
        raise OSError("network is off in this test")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", no_network)
        built = build_leaflet(hostile_library(rendered_project), "demo", "treatment",
                              BuildOptions(out))
    assert attempts == []
    return built.path


def test_hostile_content_builds_into_a_pdf_that_shows_it_as_text(hostile_pdf):
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(hostile_pdf).pages).split())
    assert "<script>alert('body')</script>" in text
    assert "{{ 7 * 7 }}" in text
    assert '<img src="http://evil.example/track.png">' in text


def test_hostile_pdf_holds_no_javascript_and_no_remote_links(hostile_pdf):
    with pikepdf.open(hostile_pdf) as pdf:
        names = pdf.Root.get("/Names")
        assert names is None or "/JavaScript" not in names
        assert "/OpenAction" not in pdf.Root and "/AA" not in pdf.Root
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", []):
                action = annot.get("/A")
                assert action is None or action.get("/S") != "/JavaScript"
                assert action is None or "javascript" not in str(action.get("/URI", "")).lower()


@pytest.mark.parametrize("src", ["../../leaflets/demo.yaml", "http://evil.example/x.png",
                                 "/etc/passwd", "file:///etc/passwd", "images/../../x.png"])
def test_image_paths_outside_the_topic_are_refused_at_load_with_file_and_line(tmp_path, src):
    section = SECTION.replace("---\nDe kat", f"images:\n  - src: '{src}'\n    alt: Iets\n---\nDe kat")
    make_project(tmp_path, {"content/demo/eerste.md": section})
    caught = load_errors(tmp_path)
    assert str(caught.errors[0]) == (
        f"content/demo/eerste.md:5: `src` of image 1: expected a file path inside the topic "
        f"folder, like 'images/zenuw.png'; got '{src}'")


@pytest.fixture
def fetcher(tmp_path) -> InputFetcher:
    """A fetcher holding one resolved file, content/ok.css; secret.txt lies beside it."""
    (tmp_path / "content").mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    return InputFetcher({str(tmp_path / "content" / "ok.css"): b"p {}"})


def refusal(fetcher: InputFetcher, url: str) -> str:
    with pytest.raises(ValueError) as caught:
        fetcher.fetch(url)
    return str(caught.value)


@pytest.mark.parametrize("url", ["http://evil.example/x.png", "https://evil.example/x.css",
                                 "ftp://evil.example/x"])
def test_fetcher_never_uses_the_network(fetcher, url):
    scheme = url.split(":")[0]
    assert refusal(fetcher, url) == (f"refused to load '{url}': {scheme}: addresses are never "
                                     f"fetched; a leaflet may only use files in its project")


@pytest.mark.parametrize("name", ["secret.txt", "content/../secret.txt", "content/link.txt"])
def test_fetcher_refuses_every_file_it_was_not_given(fetcher, tmp_path, name):
    (tmp_path / "content" / "link.txt").symlink_to(tmp_path / "secret.txt")
    url = tmp_path.as_uri() + "/" + name
    message = refusal(fetcher, url)
    assert message == (f"refused to load '{url}': not one of this leaflet's files; a leaflet "
                       "may only use the images its sections list, its logo, its fonts and its "
                       "colour profile")
    assert fetcher.refused == [message.removeprefix("refused to load ")]


def test_fetcher_serves_the_given_bytes_without_reading_the_disk(fetcher, tmp_path):
    result = fetcher.fetch((tmp_path / "content" / "ok.css").as_uri())
    assert result.read() == b"p {}" and fetcher.refused == []
    assert result.path is None  # so WeasyPrint does not read the file again later


def test_render_error_names_every_refused_reference(tmp_path):
    css = ('@import url("https://evil.example/a.css");\n'
           'p { background: url("file:///etc/passwd"); }\n')
    with pytest.raises(RenderError) as caught:
        render_pdf("<p>tekst</p>", tmp_path.as_uri() + "/", [css], {}, b"x" * 32)
    message = str(caught.value)
    assert message.startswith("refused to load 'https://evil.example/a.css': https: addresses")
    assert "'file:///etc/passwd': not one of this leaflet's files" in message


def load_error(tmp_path, name: str, data: str | bytes) -> str:
    """Load a project holding one bad section file; return that file's own message."""
    make_project(tmp_path, {f"content/demo/{name}": data})
    return str(load_errors(tmp_path).errors[0])


@pytest.fixture
def opened(monkeypatch) -> list[Path]:
    """Record every file the loader opens to read (after its checks)."""
    from leafletgen import files

    seen: list[Path] = []
    real = files._read_regular

    def spy(target, limit):
        seen.append(Path(target))
        return real(target, limit)

    monkeypatch.setattr(files, "_read_regular", spy)
    return seen


def test_oversized_file_is_refused_without_being_read(tmp_path, opened):
    big = SECTION + "De kat zit op de mat.\n" * (MAX_FILE_BYTES // 20)
    message = load_error(tmp_path, "eerste.md", big)
    assert message == (f"content/demo/eerste.md: file is {len(big.encode())} bytes; "
                       f"the limit is {MAX_FILE_BYTES}")
    assert tmp_path / "content/demo/eerste.md" not in opened
    assert tmp_path / "leaflets/demo.yaml" in opened  # the spy sees what is read


def test_binary_file_is_refused(tmp_path):
    message = load_error(tmp_path, "eerste.md", SECTION.encode() + b"\x00\x01\x02")
    assert message == "content/demo/eerste.md: file holds binary data, not text"


def test_invalid_utf8_is_refused_with_its_line(tmp_path):
    message = load_error(tmp_path, "eerste.md", SECTION.encode() + b"caf\xe9\n")
    assert message == "content/demo/eerste.md:6: file is not valid UTF-8 text"


@pytest.mark.parametrize("depth,line", [(25, 3), (200_000, 3)])
def test_deeply_nested_yaml_is_refused_in_bounded_memory(tmp_path, depth, line):
    nested = "title: X\naudiences: [treatment]\nquestions: " + "[" * depth + "]" * min(depth, 30)
    tracemalloc.start()
    try:
        message = load_error(tmp_path, "vragen.yaml", nested)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert message == f"content/demo/vragen.yaml:{line}: YAML is nested more than 20 levels"
    assert peak < 20 * 1024 * 1024


def test_billion_laughs_is_refused_in_bounded_memory(tmp_path):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    bomb = "title: Lol\naudiences: [treatment]\n" + "\n".join(lines) + "\n"
    tracemalloc.start()
    try:
        message = load_error(tmp_path, "bom.yaml", bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert message == "content/demo/bom.yaml:4: YAML aliases (*name) are not allowed in content"
    assert peak < 20 * 1024 * 1024


def test_aliases_in_front_matter_are_refused_with_the_file_line(tmp_path):
    section = "---\ntitle: &t Eerste\naudiences: [treatment]\nsubtitle: *t\n---\nTekst.\n"
    message = load_error(tmp_path, "eerste.md", section)
    assert message == "content/demo/eerste.md:4: YAML aliases (*name) are not allowed in content"


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    """A project and a good PDF built from it, to fail a second build against."""
    root = make_project(tmp_path_factory.mktemp("atomic"))
    out = root / "out"
    built = build_leaflet(load(root), "demo", "treatment", BuildOptions(out))
    return root, out, built.path, built.path.read_bytes()


def test_a_build_failing_after_rendering_leaves_the_previous_pdf_byte_identical(good_build,
                                                                                monkeypatch):
    root, out, path, before = good_build

    def broken_repair(data, context):
        raise RenderError("repair failed")

    monkeypatch.setattr("leafletgen.postprocess.repair_pdf", broken_repair)
    with pytest.raises(RenderError):
        build_leaflet(load(root), "demo", "treatment", BuildOptions(out))
    assert path.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [path.name]


def test_an_interrupted_write_leaves_the_previous_pdf_and_no_partial_file(good_build,
                                                                          monkeypatch):
    root, out, path, before = good_build

    def interrupted(source, target):
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        output.write_atomically(out, path.name, b"%PDF-1.7 half a pdf")
    assert path.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == [path.name]


def test_output_names_cannot_leave_the_output_folder(tmp_path):
    with pytest.raises(LeafletError) as caught:
        output.write_atomically(tmp_path / "out", "../escape.pdf", b"x")
    assert str(caught.value) == f"refused to write '../escape.pdf' outside {tmp_path / 'out'}"
    assert not (tmp_path / "escape.pdf").exists()


def test_check_reports_the_hostile_links_as_errors(hostile_project):
    from leafletgen.report import check_project

    report = check_project(hostile_project, dt.date(2026, 6, 1))
    assert [(f.code, f.line) for f in report.findings if f.severity == "error"] == [
        ("link-malformed", 11), ("link-malformed", 11), ("link-malformed", 11),
        ("link-malformed", 13), ("link-malformed", 13)]


@pytest.mark.parametrize("target", ["/dev/zero", "/etc/hostname"])
def test_content_file_linking_outside_the_project_is_refused_unread(tmp_path, target, opened):
    project = make_project(tmp_path / "project")
    (project / "content" / "demo" / "geheim.md").symlink_to(target)
    caught = load_errors(project)
    assert str(caught) == ("content/demo/geheim.md: file links to somewhere outside the "
                           "project; copy the file into the project instead")
    assert Path(target) not in opened


def test_build_refuses_the_hostile_links_like_check(hostile_project, tmp_path):
    from typer.testing import CliRunner

    from leafletgen.cli import app

    result = CliRunner().invoke(app, ["build", "--audience", "treatment", "--project",
                                      str(hostile_project), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert ("content/demo/eerste.md:11: body: link to 'javascript:alert(1)': links start "
            "with https://, http://, mailto:, tel: or # (another section)") in result.output
    assert not (tmp_path / "out").exists()
