"""`build --watch` as an editor uses it: save a section, see the PDF change; save a broken
file, see the error and keep the last good PDF. Run by run.py; also on its own:
python benchmarks/watch.py [--edits N]."""

from __future__ import annotations

import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import PY, stats  # noqa: E402
from projects import ROOT  # noqa: E402

LEAFLET, AUDIENCE = "mmn", "treatment"  # MMN's treatment leaflet: 4 A4 pages
PAUSE = 0.5  # seconds between saves, as an editor types and saves
TIMEOUT = 30


def measure_watch(tmp: Path, edits: int) -> dict:
    """Start `build --watch` on a copy of the MMN project; save a section `edits` times and
    time each save to the PDF's replacement; then save a YAML error and check that it is
    reported and the PDF stays. Seconds from the write to the new PDF in place."""
    project = tmp / "watch"
    shutil.rmtree(project, ignore_errors=True)
    for name in ("content", "leaflets", "templates", "styles"):
        shutil.copytree(ROOT / name, project / name)
    pdf = project / "out" / f"{LEAFLET}-{AUDIENCE}.pdf"
    section = sorted((project / "content" / LEAFLET).glob("*.md"))[0]
    original = section.read_text(encoding="utf-8")
    child = subprocess.Popen(
        [PY, "-m", "leafletgen", "build", "--leaflet", LEAFLET, "--audience", AUDIENCE,
         "--watch", "-o", "out"], cwd=project, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True, preexec_fn=_ctrl_c_stops)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in child.stdout],
                     daemon=True).start()
    try:
        _wait_for(lines, "watching")
        pages = _pages(pdf)
        seconds = []
        for number in range(edits):
            time.sleep(PAUSE)
            before = pdf.stat().st_mtime_ns
            start = time.perf_counter()
            section.write_text(f"{original}\nTesttekst van de benchmark, keer {number}.\n",
                               encoding="utf-8")
            while pdf.stat().st_mtime_ns == before:
                if time.perf_counter() - start > TIMEOUT:
                    raise RuntimeError("the PDF was not rebuilt")
                time.sleep(0.002)
            seconds.append(time.perf_counter() - start)
            _wait_for(lines, "watching")
        time.sleep(PAUSE)
        good = pdf.read_bytes()
        section.write_text(original.replace("audiences:", "audiences: [treatment\n  x:", 1),
                           encoding="utf-8")
        shown = _wait_for(lines, "watching")
        time.sleep(PAUSE)
        error = next((line.strip() for line in shown if line.startswith("error:")), None)
        kept = pdf.read_bytes() == good
        alive = child.poll() is None
    finally:
        child.send_signal(signal.SIGINT)  # Ctrl-C, as an editor stops it
        try:
            child.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            child.kill()
            raise
    return {"pages": pages, "edits": edits, "save_to_pdf_s": stats(seconds),
            "error_shown": error, "last_good_pdf_kept": kept,
            "still_watching_after_error": alive}


def _ctrl_c_stops() -> None:
    """In the child: Ctrl-C (SIGINT) stops it, also when this benchmark was started in the
    background, where a shell makes children ignore SIGINT."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for(lines: queue.Queue, text: str) -> list[str]:
    """Return the child's lines up to and including the first that contains `text`."""
    seen = []
    while True:
        line = lines.get(timeout=TIMEOUT)
        seen.append(line)
        if text in line:
            return seen


def _pages(pdf: Path) -> int:
    import pypdf

    return len(pypdf.PdfReader(pdf).pages)


if __name__ == "__main__":
    import argparse
    import json
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=20)
    with tempfile.TemporaryDirectory(prefix="leafletgen-watch-") as name:
        print(json.dumps(measure_watch(Path(name), parser.parse_args().edits), indent=1))
