"""`leafletgen serve` holds its ground on loopback: Host names, bodies, slow headers, start-up.

The server runs as `serve` runs it (uvicorn with server_config) on a free loopback port, in
a thread; every socket has a timeout, so a server that does not refuse fails, never hangs.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

import httpx
import pytest
import uvicorn
from typer.testing import CliRunner

from leafletgen.web import guard
from leafletgen.web.app import create_app
from leafletgen.web.server import browser_url, exposure_warning, is_loopback, server_config
from tests.projectkit import REPO, make_project

BOUND = 20.0  # seconds: a safety bound on every wait below, never a measurement


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running(app, header_seconds: float = 10.0):
    """Run `app` as `serve` does, on 127.0.0.1; yield its port."""
    port = free_port()
    server = uvicorn.Server(server_config(app, "127.0.0.1", port, header_seconds,
                                          log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + BOUND
    while not server.started:
        assert time.monotonic() < deadline, "the web app did not start"
        time.sleep(0.05)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=BOUND)


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("guarded"))
    with running(create_app(root), header_seconds=1.0) as port:
        yield port


def connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=BOUND)


def status_of(sock: socket.socket) -> int:
    """Return the status code of the response the server sends on `sock`."""
    head = b""
    while b"\r\n" not in head:
        chunk = sock.recv(4096)
        assert chunk, "the connection closed without an answer"
        head += chunk
    return int(head.split(b" ", 2)[1])


@pytest.mark.parametrize("host, status", [
    ("evil.example", 400), ("evil.example:{port}", 400), ("127.0.0.1.evil.example", 400),
    ("", 400), ("localhost:{port}", 200), ("LOCALHOST:{port}", 200),
    ("127.0.0.1:{port}", 200), ("[::1]:{port}", 200), ("localhost.", 200)])
def test_only_this_machines_names_are_answered(port, host, status):
    page = httpx.get(f"http://127.0.0.1:{port}/", headers={"Host": host.format(port=port)},
                     timeout=BOUND)
    assert page.status_code == status
    if status == 400:  # a DNS-rebinding page gets a refusal that says what to do instead
        assert "alleen op deze computer te openen" in page.text


def test_any_host_is_answered_when_serving_the_network(tmp_path):
    client_app = create_app(make_project(tmp_path), loopback_only=False)
    with running(client_app) as port:
        page = httpx.get(f"http://127.0.0.1:{port}/", headers={"Host": "ward-pc.example"},
                         timeout=BOUND)
        assert page.status_code == 200


def test_every_answer_forbids_scripts_and_foreign_forms(port):
    for path in ("/", "/leaflet?leaflet=demo", "/nope", "/style.css"):
        policy = httpx.get(f"http://127.0.0.1:{port}{path}", timeout=BOUND).headers["content-security-policy"]
        for rule in ("script-src 'none'", "form-action 'self'", "base-uri 'none'"):
            assert rule in policy


def test_a_declared_oversized_body_is_refused_before_it_is_read(port):
    with connect(port) as sock:
        sock.sendall(f"POST /leaflet HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                     "Content-Type: application/x-www-form-urlencoded\r\n"
                     "Content-Length: 50000000\r\n\r\n".encode() + b"&" * 65536)
        assert status_of(sock) == 413


def test_a_client_sending_all_of_an_oversized_body_still_reads_the_refusal(port):
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=BOUND) as client:
        page = client.post("/leaflet", content=b"&" * 50_000_000,
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
        # Not a reset connection: the rest is read and dropped, and the connection is
        # then good for the next request.
        assert page.status_code == 413 and "Er werden te veel gegevens gestuurd." in page.text
        assert client.get("/").status_code == 200


def test_an_oversized_chunked_body_is_refused_as_it_arrives(port):
    with connect(port) as sock:
        sock.sendall(f"POST /leaflet HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                     "Content-Type: application/x-www-form-urlencoded\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n".encode())
        chunk = b"2000\r\n" + b"&" * 0x2000 + b"\r\n"
        sock.sendall(chunk * 4)  # 32 KB, twice the cap, and no end
        assert status_of(sock) == 413


def test_a_body_that_trickles_is_cut_off(tmp_path, monkeypatch):
    monkeypatch.setattr(guard, "BODY_SECONDS", 0.5)
    with running(create_app(make_project(tmp_path))) as port, connect(port) as sock:
        sock.sendall(f"POST /leaflet HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                     "Content-Type: application/x-www-form-urlencoded\r\n"
                     "Content-Length: 100\r\n\r\nleaflet=demo".encode())
        assert status_of(sock) == 408


def test_connections_that_trickle_header_lines_are_closed(port):
    sockets = [connect(port) for _ in range(20)]
    for sock in sockets:
        sock.sendall(b"GET / HTTP/1.1\r\n")
    open_ = set(range(len(sockets)))
    deadline = time.monotonic() + BOUND
    while open_ and time.monotonic() < deadline:
        time.sleep(0.2)
        for index in list(open_):
            try:  # one more header line; a closed connection refuses it or reads empty
                sockets[index].sendall(b"X-Slow: 1\r\n")
                sockets[index].settimeout(0.01)
                if sockets[index].recv(1) == b"":
                    open_.discard(index)
            except socket.timeout:
                pass
            except OSError:
                open_.discard(index)
    for sock in sockets:
        sock.close()
    assert not open_, f"{len(open_)} slow connections still open"
    assert httpx.get(f"http://127.0.0.1:{port}/", timeout=BOUND).status_code == 200


@pytest.mark.parametrize("host, url", [
    ("127.0.0.1", "http://127.0.0.1:8000/"), ("::1", "http://[::1]:8000/"),
    ("[::1]", "http://[::1]:8000/"), ("", "http://127.0.0.1:8000/"),
    ("0.0.0.0", "http://127.0.0.1:8000/"), ("::", "http://[::1]:8000/"),
    ("localhost", "http://localhost:8000/"), ("fe80::1", "http://[fe80::1]:8000/")])
def test_start_up_address_is_one_a_browser_can_open(host, url):
    assert browser_url(host, 8000) == url


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST", "::1", "[::1]",
                                  "127.0.0.2"])
def test_loopback_hosts_need_no_warning(host):
    assert is_loopback(host) and exposure_warning(host) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "", "::", "192.168.1.5", "ward-pc"])
def test_other_hosts_are_not_loopback(host):
    assert not is_loopback(host) and exposure_warning(host).startswith("warning: serving on")


def test_serve_warns_and_names_a_usable_address_before_starting(monkeypatch):
    from leafletgen.cli import app
    from leafletgen.web import server

    started = []
    monkeypatch.setattr(server, "serve",
                        lambda project, host, port, watch: started.append((host, port, watch)))
    result = CliRunner().invoke(app, ["serve", "--host", "::", "--port", "8123", "--watch"])
    assert result.exit_code == 0
    assert "warning: serving on ::: other computers on the network" in result.output
    assert "leafletgen: open http://[::1]:8123/ (Ctrl-C stops)" in result.output
    assert started == [("::", 8123, True)]


def test_serve_help_imports_no_web_or_render_libraries():
    probe = ("import json, sys\nfrom leafletgen.cli import app\ntry:\n    app(sys.argv[1:])\n"
             "except SystemExit:\n    pass\nprint(json.dumps(sorted(m for m in ('starlette', "
             "'uvicorn', 'weasyprint', 'anyio') if m in sys.modules)), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", probe, "serve", "--help"], cwd=REPO,
                            capture_output=True, text=True, check=True)
    assert json.loads(result.stderr.strip().splitlines()[-1]) == []
