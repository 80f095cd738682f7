"""A burst of concurrent requests on loopback: every request answered, memory bounded."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from load import run_load  # noqa: E402  (benchmarks/ is not a package)


def test_bursts_of_cached_and_uncached_requests_all_succeed_with_bounded_memory():
    figures = run_load(concurrent=24)
    assert figures["uncached_requests"] == 24 and figures["uncached_failed"] == 0
    assert figures["cached_requests"] == 24 and figures["cached_failed"] == 0
    # Renders queue one at a time, so memory stays near one build's (about 100 MB).
    assert figures["server_peak_mb"] < 300
