"""Bursts of concurrent requests on loopback: every request answered, the form responsive."""

import html
import re
import sys
import threading
from itertools import product
from pathlib import Path

import httpx

from leafletgen.web.app import create_app
from tests.projectkit import make_project
from tests.test_web_hardening import BOUND, running

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from load import run_load  # noqa: E402  (benchmarks/ is not a package)

REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')


def test_bursts_of_cached_and_uncached_requests_all_succeed_with_bounded_memory():
    figures = run_load(concurrent=24)
    assert figures["uncached_requests"] == 24 and figures["uncached_failed"] == 0
    assert figures["cached_requests"] == 24 and figures["cached_failed"] == 0
    # Renders queue one at a time, so memory stays near one build's (about 100 MB).
    assert figures["server_peak_mb"] < 300


def test_twenty_nurses_at_once_each_see_theirs_being_made_then_get_it(tmp_path):
    asks = [{"leaflet": "demo", "audience": a, "format": f, "notes": n} for a, f, n in product(
        ("newly-diagnosed", "pre-surgery", "treatment"),
        ("a4", "a4-large-print", "a5", "a5-booklet"), ("no", "yes"))][:20]
    results, waiting = {}, []

    def nurse(index: int, base: str) -> None:
        with httpx.Client(base_url=base, timeout=BOUND * 10, follow_redirects=True) as client:
            page = client.get("/leaflet", params=asks[index])
            for _ in range(100):  # each a held request, answered when something changed
                if page.status_code != 202:
                    break
                waiting.append(page.text)
                page = client.get(html.unescape(REFRESH.search(page.text).group(1)))
            results[index] = page

    with running(create_app(make_project(tmp_path))) as port:
        base = f"http://127.0.0.1:{port}"
        nurses = [threading.Thread(target=nurse, args=(i, base)) for i in range(len(asks))]
        [thread.start() for thread in nurses]
        forms = []  # the form, asked for while leaflets are being made
        while any(thread.is_alive() for thread in nurses) and len(forms) < 1000:
            forms.append(httpx.get(base + "/", timeout=BOUND).status_code)
        [thread.join(timeout=BOUND * 10) for thread in nurses]
    assert sorted(results) == list(range(20))
    assert [page.status_code for page in results.values()] == [200] * 20
    assert all("De folder is klaar" in page.text for page in results.values())
    assert forms and set(forms) == {200}
    assert any("Eerst worden nog" in text for text in waiting)  # her place in the queue
