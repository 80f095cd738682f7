"""The embedded typeface: Atkinson Hyperlegible, made for readers with low vision."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import fontpkg_atkinson_hyperlegible as atkinson

FAMILY = "Atkinson Hyperlegible"
FACES = {  # (weight, file) - no italics: clear print uses bold, never italics, for emphasis
    400: "AtkinsonHyperlegible-Regular.ttf",
    700: "AtkinsonHyperlegible-Bold.ttf",
}
# The family styles/leaflet.css names after ours, for characters ours lacks (Greek, arrows,
# some emoji), and its files among the system's fonts (a fresh machine has DejaVu).
FALLBACK_FAMILY = "DejaVu Sans"
FALLBACK_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
SYSTEM_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts",
                    "~/.fonts")


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


@lru_cache(maxsize=1)
def drawable_characters() -> frozenset[int]:
    """Return the code points the leaflet's fonts can draw: the embedded typeface and the
    fallback family the stylesheet names. A character outside them prints as a box."""
    from fontTools.ttLib import TTFont  # only `check` asks; WeasyPrint brings fontTools

    paths = [font_dir() / name for name in FACES.values()] + _system_fonts(FALLBACK_FILES)
    points: set[int] = set()
    for path in paths:
        with TTFont(path, lazy=True) as font:
            points.update(font.getBestCmap())
    return frozenset(points)


def _system_fonts(names: tuple[str, ...]) -> list[Path]:
    """Return the first file found for each name in the usual font folders."""
    found = {}
    for folder in map(Path, SYSTEM_FONT_DIRS):
        folder = folder.expanduser()
        if folder.is_dir():
            for path in sorted(folder.rglob("*.ttf")):
                found.setdefault(path.name, path)
    return [found[name] for name in names if name in found]
