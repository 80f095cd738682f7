"""Starts the web app with uvicorn, warning when it is reachable from other machines."""

from __future__ import annotations

import ipaddress
from pathlib import Path

LOOPBACK_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    """Return True if `host` only accepts connections from this machine."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def exposure_warning(host: str) -> str | None:
    """Return the warning for a host other machines can reach, or None for loopback."""
    if is_loopback(host):
        return None
    return (f"warning: serving on {host}: other computers on the network can open this page "
            "and make leaflets. It has no login. Use it only on a trusted network, or run "
            "it on 127.0.0.1 behind a proxy that asks for a login.")


def serve(project: Path, host: str, port: int, watch: bool = False) -> None:
    """Run the app until Ctrl-C."""
    import uvicorn

    from .app import create_app

    uvicorn.run(create_app(project, watch=watch), host=host, port=port, log_level="info",
                server_header=False)
