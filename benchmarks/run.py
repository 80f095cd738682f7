"""Measures leafletgen against bare WeasyPrint, side by side; prints a table, writes JSON.

Usage: python benchmarks/run.py [--repeat N] [--out benchmarks/results.json] [--quick]
See docs/performance.md for what each figure means and the targets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable  # the real interpreter, not a pyenv shim (a shim adds ~0.07 s per start)
LEAFLET, AUDIENCE = "mmn", "treatment"
TARGETS = {"build_vs_bare_process": 1.10, "build_vs_bare_in_process": 1.10,
           "help_s": 0.2, "list_s": 0.2, "batch_jobs2_vs_serial": 0.6, "noop_batch_s": 0.3,
           "one_build_peak_mb": 150}
LOREM = ("Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
         "incididunt ut labore et dolore magna aliqua ut enim ad minim veniam quis nostrud "
         "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat").split()


def stats(values: list[float]) -> dict:
    """Median and spread (min, max, interquartile range) of repeated measurements."""
    ordered = sorted(values)
    quartiles = statistics.quantiles(ordered, n=4) if len(ordered) > 1 else [ordered[0]] * 3
    return {"median": statistics.median(ordered), "min": ordered[0], "max": ordered[-1],
            "iqr": quartiles[2] - quartiles[0], "n": len(ordered)}


def run_process(args: list[str], cwd: Path = ROOT) -> tuple[float, float]:
    """Run a child; return (wall seconds, peak resident MB of that child)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0,):
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(args)}\n{proc.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024


def side_by_side(named: dict, repeat: int) -> dict[str, list[float]]:
    """Call each named function once per round, alternating, so load affects all alike."""
    times: dict[str, list[float]] = {name: [] for name in named}
    for _ in range(repeat):
        for name, call in named.items():
            start = time.perf_counter()
            call()
            times[name].append(time.perf_counter() - start)
    return times


def capture_final_html(library, options, leaflet=LEAFLET, audience=AUDIENCE):
    """Build once, capturing the last HTML and CSS given to WeasyPrint (the final ones)."""
    from leafletgen import build, pdf

    captured = {}
    real = pdf.render_pdf

    def spy(html, base_url, stylesheets, allowed, identifier, **extra):
        captured.update(html=html, base_url=base_url, stylesheets=stylesheets,
                        allowed=allowed, identifier=identifier, extra=extra)
        return real(html, base_url, stylesheets, allowed, identifier, **extra)

    pdf.render_pdf = spy
    try:
        build.build_leaflet(library, leaflet, audience, options)
    finally:
        pdf.render_pdf = real
    return captured


def save_bare_inputs(captured: dict, folder: Path) -> list[str]:
    """Write the final HTML and CSS to `folder`; return a weasyprint command line for them."""
    (folder / "leaflet.html").write_text(captured["html"], encoding="utf-8")
    args = [PY, "-m", "weasyprint", "--pdf-variant", "pdf/ua-1",
            "-u", captured["base_url"].as_uri() + "/"]
    for index, css in enumerate(captured["stylesheets"]):
        (folder / f"style{index}.css").write_text(css, encoding="utf-8")
        args += ["-s", str(folder / f"style{index}.css")]
    return args + [str(folder / "leaflet.html"), str(folder / "bare.pdf")]


def bare_render(captured: dict):
    """WeasyPrint alone, in this process, on the same HTML and CSS."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    base = captured["base_url"].as_uri() + "/"
    fonts = FontConfiguration()  # as the weasyprint command does, so @font-face applies
    css = [weasyprint.CSS(string=text, base_url=base, font_config=fonts)
           for text in captured["stylesheets"]]
    return weasyprint.HTML(string=captured["html"], base_url=base).write_pdf(
        stylesheets=css, font_config=fonts, pdf_variant="pdf/ua-1",
        pdf_identifier=captured["identifier"])


def measure_build_vs_bare(library, tmp: Path, repeat: int) -> dict:
    from leafletgen.batch import Job, build_one
    from leafletgen.build import BuildOptions

    options = BuildOptions(out_dir=tmp / "one")
    captured = capture_final_html(library, options)
    bare_args = save_bare_inputs(captured, tmp)
    build_args = [PY, "-m", "leafletgen", "build", "-a", AUDIENCE, "-l", LEAFLET, "--force",
                  "-j", "1", "-o", str(tmp / "one")]
    proc = side_by_side({"build": lambda: run_process(build_args),
                         "bare": lambda: run_process(bare_args)}, repeat)
    job = Job(LEAFLET, AUDIENCE, options)
    bare_render(captured)  # warm both paths before timing in-process
    inproc = side_by_side({"build": lambda: build_one(library, job),
                           "bare": lambda: bare_render(captured)}, repeat)
    peak = max(run_process(build_args)[1] for _ in range(2))
    return {"process": _ratio(proc), "in_process": _ratio(inproc), "one_build_peak_mb": peak,
            "captured": captured}


def _ratio(times: dict[str, list[float]]) -> dict:
    ratios = [b / w for b, w in zip(times["build"], times["bare"])]
    return {"build_s": stats(times["build"]), "bare_s": stats(times["bare"]),
            "ratio": stats(ratios)}


def measure_post_render(captured: dict, repeat: int) -> dict:
    """Each repair step (and imposition, if a step does it) as a share of the render."""
    import io

    import pikepdf

    from leafletgen import pdf, postprocess
    from leafletgen.render import link_texts

    c = captured
    times: dict[str, list[float]] = {"render": [], "open+save": []}
    context = postprocess.Context(link_texts=link_texts(c["html"]))
    for _ in range(repeat):
        start = time.perf_counter()
        data = pdf.render_pdf(c["html"], c["base_url"], c["stylesheets"], c["allowed"],
                              c["identifier"], **c["extra"]).data
        times["render"].append(time.perf_counter() - start)
        start = time.perf_counter()
        with pikepdf.open(io.BytesIO(data)) as document:
            for step in postprocess.steps():
                step_start = time.perf_counter()
                step(document, context)
                times.setdefault(step.__name__, []).append(time.perf_counter() - step_start)
            document.save(io.BytesIO(), deterministic_id=True, compress_streams=True)
        times["open+save"].append(time.perf_counter() - start)
    render = statistics.median(times["render"])
    steps = [s.__name__ for s in postprocess.steps()]
    shares = {name: statistics.median(v) / render for name, v in times.items() if name != "render"}
    total = statistics.median(times["open+save"])  # includes every step
    return {"render_s": stats(times["render"]), "steps": steps, "share_of_render": shares,
            "all_post_render_share": total / render,
            "imposition": any("impos" in s for s in steps)}


def measure_startup(repeat: int) -> dict:
    commands = {"python -c pass": [PY, "-c", "pass"],
                "--help": [PY, "-m", "leafletgen", "--help"],
                "list": [PY, "-m", "leafletgen", "list"],
                "check": [PY, "-m", "leafletgen", "check"]}
    times = side_by_side({k: (lambda a=a: run_process(a)) for k, a in commands.items()}, repeat)
    return {name: stats(values) for name, values in times.items()}


def measure_batch(tmp: Path, repeat: int) -> dict:
    out = tmp / "batch"
    base = [PY, "-m", "leafletgen", "build", "--all", "-o", str(out)]
    runs = {"serial": lambda: run_process(base + ["--force", "-j", "1"]),
            "jobs2": lambda: run_process(base + ["--force", "-j", "2"])}
    peaks = []
    times = {name: [] for name in runs}
    noop = []
    for _ in range(repeat):
        for name, call in runs.items():
            start = time.perf_counter()
            peaks.append(call()[1])
            times[name].append(time.perf_counter() - start)
        noop.append(run_process(base + ["-j", "2"])[0])
    pdfs = len(list(out.glob("*.pdf")))
    ratios = [p / s for p, s in zip(times["jobs2"], times["serial"])]
    return {"pdfs": pdfs, "serial_s": stats(times["serial"]), "jobs2_s": stats(times["jobs2"]),
            "ratio": stats(ratios), "noop_s": stats(noop), "largest_process_peak_mb": max(peaks)}


def filler_project(folder: Path, sections: int, paragraphs: int) -> Path:
    """A synthetic project of lorem-ipsum filler (never medical text): sections x paragraphs."""
    sys.path.insert(0, str(ROOT / "tests"))
    from helpers import make_project

    words = " ".join(LOREM * 6)  # about 110 words per paragraph
    body = "\n\n".join([words] * paragraphs)
    parts = {f"deel-{i:02d}": ("newly-diagnosed", body) for i in range(sections)}
    return make_project(folder, sections=parts)


def measure_length(tmp: Path, repeat: int, sizes: dict[int, tuple[int, int]]) -> list[dict]:
    from leafletgen.batch import Job, build_one
    from leafletgen.build import BuildOptions, load

    rows = []
    for target, (sections, paragraphs) in sizes.items():
        project = filler_project(tmp / f"len{target}", sections, paragraphs)
        library = load(project)
        options = BuildOptions(out_dir=tmp / f"len{target}-out")
        job = Job("demo", "newly-diagnosed", options)
        pages = build_one(library, job).pages
        captured = capture_final_html(library, options, "demo", "newly-diagnosed")
        times = side_by_side({"build": lambda: build_one(library, job),
                              "bare": lambda: bare_render(captured)}, repeat)
        rows.append({"target_pages": target, "pages": pages, **_ratio(times)})
    return rows


def harfbuzz_subset_present() -> bool:
    result = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True)
    return "harfbuzz-subset" in result.stdout


def conditions() -> dict:
    from importlib import metadata

    return {"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "cpus": os.cpu_count(), "load_average_before": os.getloadavg(),
            "python": platform.python_version(), "machine": platform.platform(),
            "weasyprint": metadata.version("weasyprint"),
            "harfbuzz_subset": harfbuzz_subset_present()}


def table(results: dict) -> str:
    """Return the figures as an aligned text table, each with its target."""
    b, s, bt, pr = (results["build_vs_bare"], results["startup"], results["batch"],
                    results["post_render"])
    rows = [
        ("build / bare WeasyPrint, processes", b["process"]["ratio"], "<= 1.10x"),
        ("build / bare WeasyPrint, in-process", b["in_process"]["ratio"], "<= 1.10x"),
        ("post-render steps / render", {"median": pr["all_post_render_share"]}, "share"),
        ("python -c pass (s)", s["python -c pass"], "baseline"),
        ("leafletgen --help (s)", s["--help"], "< 0.2 s"),
        ("leafletgen list (s)", s["list"], "< 0.2 s"),
        ("leafletgen check (s)", s["check"], "< 0.2 s"),
        (f"batch of {bt['pdfs']}: -j 2 / -j 1", bt["ratio"], "<= 0.6x"),
        ("batch, nothing changed (s)", bt["noop_s"], "< 0.3 s"),
        ("one build peak memory (MB)", {"median": b["one_build_peak_mb"]}, "< 150 MB"),
        ("batch largest process peak (MB)", {"median": bt["largest_process_peak_mb"]}, ""),
    ]
    rows += [(f"{r['pages']} pages: build / bare (in-process)", r["ratio"], "")
             for r in results["length"]]
    lines = [f"{'figure':44} {'median':>8} {'min':>8} {'max':>8}  target"]
    for name, fig, target in rows:
        cells = [f"{fig[k]:8.3f}" if k in fig else f"{'':8}" for k in ("median", "min", "max")]
        lines.append(f"{name:44} {' '.join(cells)}  {target}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results.json")
    parser.add_argument("--quick", action="store_true", help="3 repeats, short length series")
    args = parser.parse_args()
    repeat = 3 if args.quick else args.repeat
    from leafletgen.build import load

    results = {"conditions": conditions(), "repeat": repeat, "targets": TARGETS}
    with tempfile.TemporaryDirectory(prefix="leafletgen-bench-") as name:
        tmp = Path(name)
        library = load(ROOT)
        results["startup"] = measure_startup(repeat * 2)
        results["build_vs_bare"] = measure_build_vs_bare(library, tmp, repeat)
        captured = results["build_vs_bare"].pop("captured")
        results["post_render"] = measure_post_render(captured, repeat)
        results["batch"] = measure_batch(tmp, repeat)
        sizes = {2: (1, 1), 8: (3, 3), 32: (16, 3)}  # (sections, paragraphs): about 2, 8, 32 pages
        if args.quick:
            sizes.pop(32)
        results["length"] = measure_length(tmp, repeat, sizes)
    results["conditions"]["load_average_after"] = os.getloadavg()
    print(table(results))
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
