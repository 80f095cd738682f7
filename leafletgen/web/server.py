"""Starts the web app with uvicorn: bounded connections, and the address to open."""

from __future__ import annotations

import ipaddress
from pathlib import Path

LOOPBACK_NAMES = ("localhost",)
HEADER_SECONDS = 10.0  # a request's header lines must all arrive within this (slowloris)
DRAIN_SECONDS = 5.0  # after refusing a body (413, 408), the rest is read and dropped this
                     # long at most, so the client reads the refusal, not a reset
MAX_CONNECTIONS = 200  # open connections and running requests; more get a 503
STOP_SECONDS = 3  # on Ctrl-C, held pages (hold.py) get this long before they are cut


def is_loopback(host: str) -> bool:
    """Return True if `host` (a name or address, any case, IPv6 with or without
    brackets) only reaches this machine."""
    name = host.strip().lower().rstrip(".")
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str) -> str | None:
    """Return the warning for a host other machines can reach, or None for loopback."""
    if is_loopback(host):
        return None
    return (f"warning: serving on {host or 'every address'}: other computers on the network "
            "can open this page and make leaflets. It has no login. Use it only on a trusted "
            "network, or run it on 127.0.0.1 behind a proxy that asks for a login.")


def browser_url(host: str, port: int) -> str:
    """Return the address to open in a browser on this machine: an IPv6 address in
    brackets, and for "every address" (empty, 0.0.0.0, ::) this machine's own."""
    name = host.strip()
    if name in ("", "0.0.0.0"):
        name = "127.0.0.1"
    elif name.strip("[]") == "::":
        name = "::1"
    try:
        if ipaddress.ip_address(name.strip("[]")).version == 6:
            name = f"[{name.strip('[]')}]"
    except ValueError:
        pass
    return f"http://{name}:{port}/"


def header_timeout_protocol(seconds: float, drain: float = DRAIN_SECONDS):
    """Return the HTTP protocol class: headers due within `seconds`, a refused body
    dropped for `drain` seconds at most (protocol.py)."""
    from .protocol import GuardedProtocol

    return type("GuardedProtocol", (GuardedProtocol,),
                {"header_seconds": seconds, "drain_seconds": drain})


def server_config(app, host: str, port: int, header_seconds: float = HEADER_SECONDS,
                  log_level: str = "info"):
    """Return the uvicorn configuration `serve` runs with."""
    import uvicorn

    return uvicorn.Config(app, host=host, port=port, log_level=log_level, server_header=False,
                          http=header_timeout_protocol(header_seconds),
                          limit_concurrency=MAX_CONNECTIONS,
                          timeout_graceful_shutdown=STOP_SECONDS)


def serve(project: Path, host: str, port: int, watch: bool = False) -> None:
    """Run the app until Ctrl-C."""
    import uvicorn

    from .app import create_app

    app = create_app(project, watch=watch, loopback_only=is_loopback(host))
    uvicorn.Server(server_config(app, host, port)).run()
