"""Builds one leaflet and saves the final HTML and CSS given to WeasyPrint, for the bare CLI.

Usage: python benchmarks/capture.py PROJECT LEAFLET AUDIENCE FOLDER
Writes FOLDER/leaflet.html, FOLDER/style<N>.css and the files the render read (fonts,
images; leafletgen serves them from memory under a made-up folder) under FOLDER/inputs/,
with the addresses pointing there; prints JSON: pages, and the `weasyprint` command line
that renders the same HTML and CSS (output: FOLDER/bare.pdf).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from leafletgen.inputs import INPUT_ROOT  # noqa: E402


def capture(project: Path, leaflet: str, audience: str) -> dict:
    """Build once; return the last HTML, base URL and stylesheets WeasyPrint was given
    (the final ones: a short leaflet is laid out twice) and the page count."""
    from leafletgen import build, pdf

    seen: dict = {}
    real = pdf.render_pdf

    def spy(html, *args, **kwargs):
        rendered = real(html, *args, **kwargs)
        seen.update(html=html, base_url=kwargs["base_url"], files=dict(kwargs["files"]),
                    stylesheets=list(kwargs["stylesheets"]), pages=rendered.pages)
        return rendered

    pdf.render_pdf = spy
    try:
        out = project / "capture-out"
        build.build_leaflet(build.load(project), leaflet, audience, build.BuildOptions(out_dir=out))
    finally:
        pdf.render_pdf = real
    return seen


def main() -> None:
    project, leaflet, audience, folder = sys.argv[1:5]
    folder = Path(folder).resolve()
    seen = capture(Path(project), leaflet, audience)
    real = (folder / "inputs").as_uri()

    def here(text: str) -> str:  # the made-up folder's addresses, pointing to real files
        return text.replace(f"file://{INPUT_ROOT}", real)

    for path, data in seen["files"].items():
        target = folder / "inputs" / Path(path).relative_to(INPUT_ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    (folder / "leaflet.html").write_text(here(seen["html"]), encoding="utf-8")
    command = [sys.executable, "-m", "weasyprint", "--pdf-variant", "pdf/ua-1",
               "-u", here(seen["base_url"])]
    for index, css in enumerate(seen["stylesheets"]):
        (folder / f"style{index}.css").write_text(here(css), encoding="utf-8")
        command += ["-s", str(folder / f"style{index}.css")]
    command += [str(folder / "leaflet.html"), str(folder / "bare.pdf")]
    print(json.dumps({"pages": seen["pages"], "command": command}))


if __name__ == "__main__":
    main()
