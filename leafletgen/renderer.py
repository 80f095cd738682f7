"""What turns HTML into PDF here: versions of the code and libraries that shape the bytes,
found without importing WeasyPrint (which costs 0.4 s)."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

# Packages whose version can change the PDF's bytes (importlib.metadata names).
PACKAGES = ("weasyprint", "pydyf", "fonttools", "pikepdf", "jinja2", "markdown-it-py",
            "fontpkg-atkinson-hyperlegible", "pillow", "segno")
PACKAGE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def renderer_identity() -> tuple[tuple[str, str], ...]:
    """Return (name, version) of leafletgen, its own code, and every package that renders."""
    from importlib import metadata

    from . import __version__

    found = [("leafletgen", __version__), ("leafletgen code", _code_digest())]
    for name in PACKAGES:
        try:
            found.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            found.append((name, "-"))
    return tuple(found)


def _code_digest() -> str:
    """Hash leafletgen's own modules: a change to a step changes the PDF at the same version."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
