"""The embedded typeface: Atkinson Hyperlegible, made for readers with low vision."""

from __future__ import annotations

from pathlib import Path

import fontpkg_atkinson_hyperlegible as atkinson

FAMILY = "Atkinson Hyperlegible"
FACES = {  # (weight, file) - no italics: clear print uses bold, never italics, for emphasis
    400: "AtkinsonHyperlegible-Regular.ttf",
    700: "AtkinsonHyperlegible-Bold.ttf",
}


def font_dir() -> Path:
    """Return the folder holding the font files (inside the installed font package)."""
    return Path(atkinson.ROOT) / "files"


def font_face_css(folder_url: str | None = None) -> str:
    """Return @font-face rules for the leaflet typeface: the files in `folder_url`, or by
    default where the font package keeps them."""
    rules = []
    for weight, name in FACES.items():
        url = f"{folder_url}/{name}" if folder_url else (font_dir() / name).as_uri()
        rules.append(
            f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; '
            f'font-style: normal; src: url("{url}"); }}'
        )
    return "\n".join(rules) + "\n"
