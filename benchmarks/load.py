"""A bounded load test of `leafletgen serve` on loopback: no failed request, bounded memory.

Starts the server as its own process on 127.0.0.1 (a free port) over a copy of the project,
then sends bursts of concurrent requests: the same cached leaflet many times, and distinct
uncached leaflets (audience x format x notes). Every loop is bounded in count and time.
Usage: python benchmarks/load.py [--concurrent 50] [--out benchmarks/results.json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from itertools import product
from pathlib import Path
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parent.parent
AUDIENCES = ("newly-diagnosed", "pre-surgery", "treatment")
FORMATS = ("a4", "a4-large-print", "a5", "a5-booklet")
TIMEOUT = 300.0  # seconds any one request may take, queued behind renders included


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(project: Path, port: int) -> subprocess.Popen:
    """Start `leafletgen serve` and wait (at most 30 s) until it answers."""
    server = subprocess.Popen([sys.executable, "-m", "leafletgen", "serve", "--port", str(port),
                               "--project", str(project)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
            return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the server did not start within 30 s")


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def burst(base: str, queries: list[dict], concurrent: int) -> list[tuple[int, float]]:
    """Send every query to /pdf, `concurrent` at a time; return (status, seconds) each."""
    def one(query: dict) -> tuple[int, float]:
        start = time.perf_counter()
        try:
            status = httpx.get(f"{base}/pdf?{urlencode(query)}", timeout=TIMEOUT).status_code
        except httpx.HTTPError:
            status = 0
        return status, time.perf_counter() - start

    with ThreadPoolExecutor(max_workers=concurrent) as pool:
        return list(pool.map(one, queries))


def query(audience: str, fmt: str, notes: str = "no") -> dict:
    return {"leaflet": "mmn", "audience": audience, "format": fmt, "notes": notes}


def run_load(concurrent: int = 50) -> dict:
    """Run the bursts against a fresh server; return the figures."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        for name in ("content", "leaflets", "templates", "styles"):
            shutil.copytree(ROOT / name, project / name)
        port = free_port()
        server = start_server(project, port)
        base = f"http://127.0.0.1:{port}"
        try:
            uncached = [query(a, f, n) for a, f, n in product(AUDIENCES, FORMATS, ("no", "yes"))]
            first = burst(base, uncached, concurrent)
            cached = burst(base, [query("treatment", "a4")] * concurrent, concurrent)
            memory = peak_rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=10)
    return {
        "uncached_requests": len(first),
        "uncached_failed": sum(1 for status, _ in first if status != 200),
        "uncached_total_s": max(seconds for _, seconds in first),
        "cached_requests": len(cached),
        "cached_failed": sum(1 for status, _ in cached if status != 200),
        "cached_median_s": statistics.median(seconds for _, seconds in cached),
        "cached_max_s": max(seconds for _, seconds in cached),
        "server_peak_mb": memory,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrent", type=int, default=50)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results.json")
    args = parser.parse_args()
    figures = run_load(args.concurrent)
    for name, value in figures.items():
        print(f"{name:24} {value:10.3f}" if isinstance(value, float) else f"{name:24} {value:10}")
    results = json.loads(args.out.read_text()) if args.out.exists() else {}
    results["web_load"] = {"concurrent": args.concurrent, **figures}
    args.out.write_text(json.dumps(results, indent=1) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
