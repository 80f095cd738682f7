"""`leafletgen build --watch`: one process that rebuilds what a save changed, shows errors
with file and line without stopping, and keeps the last good PDF."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from pdftext import pdf_text
from projectkit import SECTION, make_project

GUARD = 120  # seconds: a bound against a hung test, not a speed check


class Watcher:
    """`build --watch` in a child process, its stderr collected as it comes."""

    def __init__(self, project: Path, out: Path):
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "leafletgen", "build", "-a", "treatment", "--watch",
             "--project", str(project), "--out", str(out)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        self.lines: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        for stream_line in self.process.stderr:
            self.lines.append(stream_line.rstrip("\n"))

    def wait_for(self, text: str, after: int = 0) -> int:
        """Wait until a stderr line after line `after` holds `text`; return its index."""
        deadline = time.monotonic() + GUARD
        while time.monotonic() < deadline:
            for index in range(after, len(self.lines)):
                if text in self.lines[index]:
                    return index
            assert self.process.poll() is None, "\n".join(self.lines)
            time.sleep(0.05)
        raise AssertionError(f"never saw {text!r} in:\n" + "\n".join(self.lines))

    def pdf_holds(self, pdf: Path, text: str) -> None:
        """Wait until the PDF holds `text` (a save can be seen half-written first)."""
        deadline = time.monotonic() + GUARD
        while time.monotonic() < deadline:
            if pdf.exists() and text in pdf_text(pdf):
                return
            assert self.process.poll() is None, "\n".join(self.lines)
            time.sleep(0.1)
        raise AssertionError(f"the PDF never held {text!r}:\n" + "\n".join(self.lines))

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=GUARD)


def test_watch_rebuilds_on_save_shows_errors_and_keeps_the_last_good_pdf(tmp_path):
    project = make_project(tmp_path / "project")
    section = project / "content/demo/eerste.md"
    pdf = tmp_path / "out/demo-treatment.pdf"
    watcher = Watcher(project, tmp_path / "out")
    try:
        seen = watcher.wait_for("watching for changes")
        assert "De kat zit op de mat." in pdf_text(pdf)

        section.write_text(SECTION.replace("De kat", "De hond"), encoding="utf-8")
        watcher.pdf_holds(pdf, "De hond zit op de mat.")
        seen = watcher.wait_for("watching for changes", seen + 1)
        good = pdf.read_bytes()

        section.write_text(SECTION.replace("treatment]", "pre-op]"), encoding="utf-8")
        error = watcher.wait_for("content/demo/eerste.md:3: audience 3 of `audiences`: "
                                 "expected one of", seen + 1)
        seen = watcher.wait_for("watching for changes", error)
        assert pdf.read_bytes() == good  # the last good PDF stays

        section.write_text(SECTION.replace("De kat", "De vis"), encoding="utf-8")
        watcher.pdf_holds(pdf, "De vis zit op de mat.")
    finally:
        code = watcher.stop()
    assert code == 0
    assert not any("Traceback" in line for line in watcher.lines)


def test_the_signature_sees_saves_behind_links_and_walks_a_link_loop_once(tmp_path):
    from leafletgen.watch import files_signature

    root = tmp_path / "project"
    (root / "content/demo").mkdir(parents=True)
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared/gedeeld.md").write_text("a", encoding="utf-8")
    os.symlink(tmp_path / "shared/gedeeld.md", root / "content/demo/gedeeld.md")
    (tmp_path / "bron").mkdir()
    (tmp_path / "bron/x.md").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "bron", root / "content/gelinkt")
    os.symlink(root / "content", root / "content/rondje")  # a loop
    before = files_signature(root)
    (tmp_path / "shared/gedeeld.md").write_text("bb", encoding="utf-8")
    edited = files_signature(root)
    assert edited != before  # a save to what a link points at
    temp = tmp_path / "bron/.x.md.tmp"
    temp.write_text("yy", encoding="utf-8")
    os.replace(temp, tmp_path / "bron/x.md")  # an editor's save, in a linked folder
    assert files_signature(root) != edited
    assert len(files_signature(root)) == 5  # demo, gedeeld.md, gelinkt, x.md, rondje (once)
