"""Tiny leaflet projects in a temporary folder, for the trust tests (check, safety)."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

MANIFEST = """\
title: Testfolder
topic: demo
language: nl
publisher:
  name: Testuitgever
version: "1"
published: 2026-01-10
last_reviewed: 2026-01-10
next_review: 2027-01-10
sources:
  - Een bron
sections:
  - eerste
"""

SECTION = """\
---
title: Eerste
audiences: [newly-diagnosed, pre-surgery, treatment]
---
De kat zit op de mat.
"""


def make_project(root: Path, files: dict[str, str | bytes] | None = None,
                 defaults: bool = True) -> Path:
    """Write a project with the real templates and styles plus `files` (path -> text)."""
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(REPO / "styles", root / "styles")
    wanted: dict[str, str | bytes] = {}
    if defaults:
        wanted = {"leaflets/demo.yaml": MANIFEST, "content/demo/eerste.md": SECTION}
    wanted.update(files or {})
    for name, data in wanted.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    (root / "content").mkdir(exist_ok=True)
    return root


def copy_mmn(root: Path) -> Path:
    """Copy the repository's MMN project (content, manifest, templates, styles) to `root`."""
    for name in ("content", "leaflets", "templates", "styles"):
        shutil.copytree(REPO / name, root / name)
    return root
