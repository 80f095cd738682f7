"""Measures leafletgen as its users run it, side by side with the bare `weasyprint` command.

Usage: python benchmarks/run.py [--repeat N] [--quick] [--out benchmarks/results.json]
Every figure comes from whole processes. See docs/performance.md for the method and targets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import PY, machine_load, peak_mb, ratio, rounds, run, stats, summary  # noqa: E402
from projects import ROOT, catalogue, edit_shared_section, length_project  # noqa: E402
from watch import measure_watch  # noqa: E402

sys.path.insert(0, str(ROOT))  # this checkout's leafletgen, as the children use (cwd ROOT)

LEAFLETGEN = [PY, "-m", "leafletgen"]
TARGETS = {"build_vs_bare": 1.10, "list_s": 0.2, "check_s": 0.2, "noop_build_all_s": 0.25,
           "jobs2_vs_jobs1": 0.6, "peak_mb_91_pages": 150, "watch_save_to_pdf_s": 0.3}
SECTIONS_PER_PAGE = 3.1  # of length_project's sections; corrected by one trial build
IDLE = 0.1  # the second core counts as idle if others used under 0.1 core meanwhile


def empty(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)


def built_pages(output: str) -> int:
    return int(re.search(r"\((\d+) pages?\)", output).group(1))


def first_runs(tmp: Path) -> dict:
    """An environment whose memo folder (leafletgen.memo: a command repeated on unchanged
    files answers from it) the caller empties before each run: the first run after a change."""
    return {**os.environ, "XDG_CACHE_HOME": str(tmp / "no-memo")}


def measure_startup(tmp: Path, repeat: int) -> dict:
    """`python -c pass`, `--help`, and `list`, `check` and a no-op `build --all` on the MMN
    project (its PDFs built once beforehand): repeated (answered from the memo), and as the
    first run after a change (no memo)."""
    out = tmp / "startup-out"
    run(LEAFLETGEN + ["build", "--all", "-o", str(out)], ROOT)
    commands = {"list": ["list"], "check": ["check"],
                "build --all, nothing changed": ["build", "--all", "-o", str(out)]}
    variants = {"python -c pass": ([PY, "-c", "pass"], ROOT),
                "--help": (LEAFLETGEN + ["--help"], ROOT)}
    for name, args in commands.items():
        variants[name] = (LEAFLETGEN + args, ROOT)
        variants[f"{name}, first run"] = (LEAFLETGEN + args, ROOT, first_runs(tmp))
    runs = rounds(variants, repeat, lambda name: empty(tmp / "no-memo"))
    return {name: summary(found) for name, found in runs.items()}


def length_case(tmp: Path, target: int) -> dict:
    """Write a project of about `target` pages; capture the HTML and CSS WeasyPrint gets."""
    sections, tried = round(target * SECTIONS_PER_PAGE), set()
    while sections not in tried:  # a guess, then corrections from the pages each gave
        folder = tmp / f"length-{target}"
        shutil.rmtree(folder, ignore_errors=True)
        project = length_project(folder, sections)
        (folder / "bare").mkdir()
        captured = json.loads(run([PY, str(ROOT / "benchmarks/capture.py"), str(project),
                                   "lengte", "treatment", str(folder / "bare")], ROOT,
                                  capture=True).stdout)
        tried.add(sections)
        if captured["pages"] == target or len(tried) == 4:
            break
        step = round(sections * (target / captured["pages"] - 1))
        sections = max(1, sections + (step or (1 if captured["pages"] < target else -1)))
    build = LEAFLETGEN + ["build", "-l", "lengte", "-a", "treatment", "--force", "-j", "1",
                          "--project", str(project), "-o", str(folder / "out")]
    return {"pages": captured["pages"], "sections": sections, "folder": folder,
            "leafletgen": build, "weasyprint": captured["command"]}


def measure_lengths(tmp: Path, targets: tuple[int, ...], repeat: int) -> list[dict]:
    """leafletgen build vs the weasyprint command on the same final HTML and CSS, as
    processes, every (length, program) pair in a random order each round, each writing
    into an empty folder."""
    cases = {target: length_case(tmp, target) for target in targets}
    variants = {f"{t}/{program}": (case[program], ROOT)
                for t, case in cases.items() for program in ("leafletgen", "weasyprint")}

    def prepare(name: str) -> None:
        target, program = name.split("/")
        folder = cases[int(target)]["folder"]
        if program == "leafletgen":
            empty(folder / "out")
        else:
            (folder / "bare" / "bare.pdf").unlink(missing_ok=True)

    runs = rounds(variants, repeat, prepare)
    rows = []
    for target, case in cases.items():
        ours, theirs = runs[f"{target}/leafletgen"], runs[f"{target}/weasyprint"]
        rows.append({"target_pages": target, "pages": case["pages"], "sections": case["sections"],
                     "leafletgen": summary(ours), "weasyprint": summary(theirs),
                     "ratio": ratio(ours, theirs),
                     "peak_mb": {p: max(peak_mb(case[p], ROOT) for _ in range(2))
                                 for p in ("leafletgen", "weasyprint")}})
    return rows


def measure_jobs(tmp: Path, repeat: int) -> dict:
    """`build --all` of the MMN project into an empty folder with -j 1 and -j 2; a round
    counts only if other processes left the second core idle meanwhile."""
    out = tmp / "jobs-out"
    base = LEAFLETGEN + ["build", "--all", "-o", str(out)]
    runs = rounds({"-j 1": (base + ["-j", "1"], ROOT), "-j 2": (base + ["-j", "2"], ROOT)},
                  repeat, lambda name: empty(out))
    pairs = list(zip(runs["-j 1"], runs["-j 2"]))
    idle = [(one, two) for one, two in pairs
            if max(one.others_cpu / one.wall, two.others_cpu / two.wall) < IDLE]
    chosen = idle or pairs
    return {"pdfs": len(list(out.glob("*.pdf"))), "-j 1": summary(runs["-j 1"]),
            "-j 2": summary(runs["-j 2"]), "rounds": len(pairs), "idle_rounds": len(idle),
            "second_core_idle": bool(idle),
            "ratio": ratio([two for _, two in chosen], [one for one, _ in chosen])}


def measure_catalogue(tmp: Path, sizes: tuple[int, ...], repeat: int) -> list[dict]:
    """Generated catalogues: a cold batch (all cores), the same batch with nothing
    changed (repeated, and as the first run after a change), and, for the largest, the
    rebuild after editing a section 10 leaflets share (half, in catalogues under 20)."""
    rows = []
    for size in sizes:
        per_topic = min(10, max(1, size // 2))
        project = catalogue(tmp / f"catalogue-{size}", size, per_topic)
        out = tmp / f"catalogue-{size}-out"
        command = LEAFLETGEN + ["build", "--all", "--project", str(project), "-o", str(out)]
        cold = run(command, ROOT)
        pdfs = len(list(out.glob("*.pdf")))
        cores = min(len(os.sched_getaffinity(0)), pdfs)
        noop = [run(command, ROOT) for _ in range(repeat)]
        first = []
        for _ in range(repeat):
            empty(tmp / "no-memo")
            first.append(run(command, ROOT, env=first_runs(tmp)))
        row = {"leaflets": size, "pdfs": pdfs, "cold": summary([cold]),
               "pdfs_per_second_per_core": pdfs / cold.wall / cores,
               "pdfs_per_cpu_second": pdfs / cold.cpu, "noop": summary(noop),
               "noop_first_run": summary(first),
               "noop_first_run_ms_per_pdf": 1000 * statistics.median(r.cpu for r in first) / pdfs}
        if size == sizes[-1]:
            edit_shared_section(project)
            edited = run(command, ROOT, capture=True)
            built = re.findall(r"^built (\S+\.pdf) ", edited.stdout, re.M)
            expected = {f"folder-{n:03d}" for n in range(per_topic)}
            unchanged = re.findall(r"^unchanged (\S+\.pdf)", edited.stdout, re.M)
            row["edit_one_shared_section"] = {
                "leaflets_sharing_it": per_topic, **summary([edited]), "rebuilt": len(built),
                "unchanged": len(unchanged), "expected": per_topic * 12,
                "only_those": len(built) == per_topic * 12 == pdfs - len(unchanged) and all(
                    Path(p).name[:10] in expected for p in built)}
        rows.append(row)
    return rows


def conditions() -> dict:
    from leafletgen.renderer import renderer_versions

    return {"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "python": platform.python_version(), "machine": platform.platform(),
            "renderer": renderer_versions(), "before": machine_load()}


def verdicts(results: dict) -> dict:
    """Which targets were met, from the figures above."""
    lengths = results["lengths"]
    startup = results["startup"]
    jobs = results["jobs"]
    met = {f"build_vs_bare_{r['target_pages']}_pages":
           max(r["ratio"].values()) <= TARGETS["build_vs_bare"] for r in lengths}
    for target, name in (("list_s", "list"), ("check_s", "check"),
                         ("noop_build_all_s", "build --all, nothing changed")):
        met[target] = startup[name]["wall_s"]["median"] < TARGETS[target]
        met[target + ", first run"] = (startup[name + ", first run"]["wall_s"]["median"]
                                       < TARGETS[target])
    met["jobs2_vs_jobs1"] = (jobs["ratio"]["fastest_wall"] <= TARGETS["jobs2_vs_jobs1"]
                             if jobs["second_core_idle"] else "second core not idle")
    watch = results["watch"]
    met["watch_save_to_pdf_s"] = (watch["save_to_pdf_s"]["median"] < TARGETS["watch_save_to_pdf_s"]
                                  and watch["last_good_pdf_kept"] and bool(watch["error_shown"])
                                  and watch["still_watching_after_error"])
    longest = [r for r in lengths if r["target_pages"] == 91]
    if longest:
        met["peak_mb_91_pages"] = longest[0]["peak_mb"]["leafletgen"] < TARGETS["peak_mb_91_pages"]
    return met


def table(results: dict) -> str:
    """The figures as aligned text lines."""
    lines = []
    for r in results["lengths"]:
        ours, theirs = r["leafletgen"], r["weasyprint"]
        lines.append(f"{r['pages']:3d} pages: leafletgen {ours['wall_s']['min']:.3f} s "
                     f"(cpu {ours['cpu_s']['median']:.3f}), weasyprint "
                     f"{theirs['wall_s']['min']:.3f} s (cpu {theirs['cpu_s']['median']:.3f}); "
                     f"ratio cpu {r['ratio']['cpu']:.2f}x, fastest wall "
                     f"{r['ratio']['fastest_wall']:.2f}x; peak {r['peak_mb']['leafletgen']:.0f} "
                     f"vs {r['peak_mb']['weasyprint']:.0f} MB")
    for name, s in results["startup"].items():
        lines.append(f"{name:30} median {s['wall_s']['median']:.3f} s, fastest "
                     f"{s['wall_s']['min']:.3f} s, cpu {s['cpu_s']['median']:.3f} s")
    j = results["jobs"]
    lines.append(f"build --all ({j['pdfs']} PDFs) -j 2 / -j 1: fastest wall "
                 f"{j['ratio']['fastest_wall']:.2f}x, cpu {j['ratio']['cpu']:.2f}x; second core "
                 f"idle in {j['idle_rounds']} of {j['rounds']} rounds")
    w = results["watch"]
    lines.append(f"build --watch, {w['pages']} pages: save to new PDF median "
                 f"{w['save_to_pdf_s']['median']:.3f} s, fastest {w['save_to_pdf_s']['min']:.3f}"
                 f" s over {w['edits']} saves; a YAML error shown: {bool(w['error_shown'])}, "
                 f"last good PDF kept: {w['last_good_pdf_kept']}, still watching: "
                 f"{w['still_watching_after_error']}")
    for c in results["catalogue"]:
        lines.append(f"catalogue {c['leaflets']} leaflets ({c['pdfs']} PDFs): cold "
                     f"{c['cold']['wall_s']['min']:.1f} s, {c['pdfs_per_second_per_core']:.2f} "
                     f"PDFs/s/core, {c['pdfs_per_cpu_second']:.2f} PDFs/cpu-s; no-op "
                     f"{c['noop']['wall_s']['median']:.3f} s, first run "
                     f"{c['noop_first_run']['wall_s']['median']:.3f} s "
                     f"({c['noop_first_run_ms_per_pdf']:.1f} ms cpu/PDF)")
        if "edit_one_shared_section" in c:
            e = c["edit_one_shared_section"]
            lines.append(f"  edit a section {e['leaflets_sharing_it']} leaflets share: rebuilt "
                         f"{e['rebuilt']} (expected {e['expected']}, only those: "
                         f"{e['only_those']}) in {e['wall_s']['min']:.1f} s")
    lines += [f"target {name}: {verdict}" for name, verdict in results["met"].items()]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: 3 rounds, 4 and 25 pages, small catalogues")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results.json")
    args = parser.parse_args()
    repeat = 3 if args.quick else args.repeat
    lengths, sizes = ((4, 25), (2, 4)) if args.quick else ((4, 25, 91), (10, 30, 100))
    results = {"conditions": conditions(), "repeat": repeat, "targets": TARGETS}
    with tempfile.TemporaryDirectory(prefix="leafletgen-bench-") as name:
        tmp = Path(name)
        results["watch"] = measure_watch(tmp, 5 if args.quick else 20)  # quick; fails early
        results["lengths"] = measure_lengths(tmp, lengths, repeat)
        results["startup"] = measure_startup(tmp, repeat * 2)
        results["jobs"] = measure_jobs(tmp, repeat)
        results["catalogue"] = measure_catalogue(tmp, sizes, repeat)
    results["conditions"]["after"] = machine_load()
    results["met"] = verdicts(results)
    print(table(results))
    kept = json.loads(args.out.read_text()) if args.out.exists() else {}
    kept = {k: v for k, v in kept.items() if k == "web_load"}  # benchmarks/load.py's figures
    args.out.write_text(json.dumps({**results, **kept}, indent=1, default=str) + "\n",
                        encoding="utf-8")
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
