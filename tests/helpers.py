"""A tiny project in a temporary folder, for tests (after mkdocs' tempdir helper)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from projectkit import make_project as write_project

REPO = Path(__file__).resolve().parent.parent

SECTION = """\
---
title: {title}
audiences: [{audiences}]
---
{body}
"""

MANIFEST = """\
title: Testfolder
topic: demo
language: nl
publisher:
  name: Testvereniging
version: "1"
published: 2026-01-31
sections:
{sections}"""


def make_project(root: Path, files: dict[str, str] | None = None, *,
                 sections: dict[str, tuple[str, str]] | None = None) -> Path:
    """Create a project under `root` with the repo's templates and styles.

    `sections` maps an id to (audiences, body) and adds a manifest leaflets/demo.yaml listing
    them; `files` adds or overrides files by relative path (text is dedented).
    """
    wanted = {}
    for section_id, (audiences, body) in (sections or {}).items():
        wanted[f"content/demo/{section_id}.md"] = SECTION.format(
            title=section_id.title(), audiences=audiences, body=body)
    if sections:
        listed = "".join(f"  - {sid}\n" for sid in sections)
        wanted["leaflets/demo.yaml"] = MANIFEST.format(sections=listed)
    wanted.update({path: textwrap.dedent(text) for path, text in (files or {}).items()})
    write_project(root, wanted, defaults=False)
    return root


def write(root: Path, path: str, text: str) -> Path:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def demo_sections() -> dict[str, tuple[str, str]]:
    """Three sections: one for everyone, one treatment-only, one pre-surgery-only."""
    return {
        "intro": ("newly-diagnosed, pre-surgery, treatment", "Tekst voor iedereen."),
        "therapie": ("treatment", "Alleen over behandeling."),
        "operatie": ("pre-surgery", "Alleen over de operatie."),
    }


def load_errors(root: Path):
    """Load a project that must have content problems; return them as one ContentErrors."""
    from leafletgen.build import load
    from leafletgen.errors import ContentErrors

    library = load(root)
    assert library.errors, "expected content errors, the project loaded cleanly"
    return ContentErrors(library.errors)
