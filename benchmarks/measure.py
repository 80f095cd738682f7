"""Runs child processes and measures each: wall and CPU time, its own peak memory, the machine's load."""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PY = sys.executable  # the real interpreter, not a pyenv shim (a shim adds ~0.07 s per start)
TICK = os.sysconf("SC_CLK_TCK")

# Peak memory of a command, measured from a small process that forks it and reads its
# rusage (as /usr/bin/time -v does). A child forked from the benchmark itself would start
# with the benchmark's memory as its high-water mark, which exec does not reset: a parent
# holding 300 MB made `python -c pass` report 311 MB.
LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


@dataclass
class Run:
    """One finished child process."""

    wall: float  # seconds
    cpu: float  # the child's own user + system seconds, its reaped workers included
    others_cpu: float  # CPU seconds other processes used on the machine meanwhile
    stdout: str = ""


def busy_seconds() -> float:
    """Return the CPU seconds all cores have spent busy since boot (/proc/stat)."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / TICK


def _drain(stream, into: list[bytes]) -> None:
    for chunk in iter(lambda: stream.read(65536), b""):
        into.append(chunk)


def run(args: list[str], cwd: Path, capture: bool = False, env: dict | None = None) -> Run:
    """Run a child to its end; read its stderr (and stdout, if `capture`) while it runs,
    so a full pipe never stalls it. A failing child stops the benchmark with its stderr."""
    before = busy_seconds()
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, env=env, stderr=subprocess.PIPE,
                            stdout=subprocess.PIPE if capture else subprocess.DEVNULL)
    out: list[bytes] = []
    err: list[bytes] = []
    readers = [threading.Thread(target=_drain, args=(proc.stderr, err))]
    if capture:
        readers.append(threading.Thread(target=_drain, args=(proc.stdout, out)))
    for reader in readers:
        reader.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    busy = busy_seconds() - before
    for reader in readers:
        reader.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        message = b"".join(err).decode(errors="replace")
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(args)}\n{message}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(wall, cpu, max(0.0, busy - cpu), b"".join(out).decode(errors="replace"))


def peak_mb(args: list[str], cwd: Path) -> float:
    """Return the peak resident memory of `args` itself, in MB (see LAUNCHER)."""
    result = subprocess.run([PY, "-c", LAUNCHER, *args], cwd=cwd, capture_output=True,
                            text=True, check=True)
    kilobytes, code = (int(v) for v in result.stdout.split())
    if code != 0:
        raise SystemExit(f"failed ({code}): {' '.join(args)}\n{result.stderr}")
    return kilobytes / 1024


def rounds(variants: dict[str, tuple], repeat: int, prepare=None) -> dict[str, list[Run]]:
    """Run every variant (args, cwd[, env]) once per round, in a new random order each
    round, so that load and warm caches favour none; `prepare(name)` runs before each
    (e.g. empty a folder)."""
    runs: dict[str, list[Run]] = {name: [] for name in variants}
    for _ in range(repeat):
        order = list(variants)
        random.shuffle(order)
        for name in order:
            if prepare:
                prepare(name)
            args, cwd, *env = variants[name]
            runs[name].append(run(args, cwd, env=env[0] if env else None))
    return runs


def stats(values: list[float]) -> dict:
    """Median and spread (min, max, interquartile range) of repeated measurements."""
    ordered = sorted(values)
    quartiles = statistics.quantiles(ordered, n=4) if len(ordered) > 1 else [ordered[0]] * 3
    return {"median": statistics.median(ordered), "min": ordered[0], "max": ordered[-1],
            "iqr": quartiles[2] - quartiles[0], "n": len(ordered)}


def summary(runs: list[Run]) -> dict:
    """Wall and CPU statistics of repeated runs, and how busy the rest of the machine was."""
    return {"wall_s": stats([r.wall for r in runs]), "cpu_s": stats([r.cpu for r in runs]),
            "others_cpu_share": stats([r.others_cpu / r.wall for r in runs])}


def ratio(ours: list[Run], theirs: list[Run]) -> dict:
    """Ours / theirs two ways that machine load hardly moves: the median CPU times, and
    the fastest wall times of the N runs."""
    return {"cpu": statistics.median(r.cpu for r in ours) / statistics.median(r.cpu for r in theirs),
            "fastest_wall": min(r.wall for r in ours) / min(r.wall for r in theirs)}


def machine_load(seconds: float = 1.0) -> dict:
    """Return the load averages and the share of all cores busy over `seconds` now."""
    before, start = busy_seconds(), time.perf_counter()
    time.sleep(seconds)
    busy = (busy_seconds() - before) / (time.perf_counter() - start)
    return {"load_average": os.getloadavg(), "busy_cores": round(busy, 3),
            "cpus": os.cpu_count()}
