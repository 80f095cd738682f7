"""What every page of the HTML edition shares (templates, stylesheet, typeface), read once
per page, and writing a page's folder: only files that changed, the page itself last."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import fonts
from .errors import ContentError, ContentErrors, LeafletError
from .files import FileRefused, read_bytes, read_project_bytes
from .loader import Library
from .output import write_atomically

TEMPLATE_FOLDER = "html"  # under templates/: the HTML edition's templates
STYLESHEET = "web-edition.css"  # in styles/
MAX_TEXT_BYTES = 256 * 1024  # templates and stylesheets are a few kB each
MAX_FONT_BYTES = 10 * 1024 * 1024
FONT_FOLDER = "fonts"
WEB_ADDRESS = re.compile(r"^https?://[^\s/]+\.\S+$")
FONT_LICENCE = "LICENSE"  # the OFL asks that the licence travels with the font files


@dataclass(frozen=True)
class SiteParts:
    """The inputs every HTML page has in common, already read."""

    templates: tuple[tuple[str, str], ...]  # (name under templates/, text), sorted
    stylesheet: str  # styles/web-edition.css
    theme_css: str  # the theme's colours as custom properties, light and dark
    fonts: tuple[tuple[str, bytes], ...]  # (path in the page folder, bytes)

    def style_css(self) -> str:
        """Return the page's style.css: colours, typeface, then the stylesheet."""
        faces = "".join(
            f'@font-face {{ font-family: "{fonts.FAMILY}"; font-weight: {weight}; '
            f'font-style: normal; font-display: swap; '
            f'src: url("{FONT_FOLDER}/{name}") format("truetype"); }}\n'
            for weight, name in fonts.FACES.items())
        return self.theme_css + faces + self.stylesheet

    def fingerprint_parts(self) -> list[tuple[str, str | bytes]]:
        """Return (label, data) of every part, for a page's fingerprint."""
        return ([(f"template {name}", text) for name, text in self.templates]
                + [("stylesheet", self.stylesheet), ("theme", self.theme_css)]
                + [(f"font {name}", hashlib.sha256(data).digest()) for name, data in self.fonts])


def read_site_parts(library: Library) -> SiteParts:
    """Return the templates, stylesheet, colours and typeface of the HTML edition."""
    project = library.project
    folder = project.templates_dir / TEMPLATE_FOLDER
    if not folder.is_dir():
        raise LeafletError(f"no templates/{TEMPLATE_FOLDER}/ folder in {project.root}: the "
                           "HTML edition needs its templates")
    templates = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.name.startswith("."):
            continue
        name = path.relative_to(project.templates_dir).as_posix()
        templates.append((name, _read_text(library, path)))
    stylesheet = _read_text(library, project.styles_dir / STYLESHEET)
    return SiteParts(tuple(templates), stylesheet, library.theme.screen_css(), _font_files())


def _read_text(library: Library, path: Path) -> str:
    display = library.project.display(path)
    data = read_project_bytes(path, library.project.root, display, MAX_TEXT_BYTES)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ContentErrors([ContentError(display, None, None,
                                          "file is not valid UTF-8 text")]) from None


def _font_files() -> tuple[tuple[str, bytes], ...]:
    """Return the typeface files and their licence, as the page folder holds them."""
    folder = fonts.font_dir()
    wanted = [(name, folder / name) for name in fonts.FACES.values()]
    wanted.append((FONT_LICENCE, folder.parent / FONT_LICENCE))
    found = []
    for name, path in wanted:
        try:
            found.append((f"{FONT_FOLDER}/{name}", read_bytes(path, MAX_FONT_BYTES)))
        except FileRefused as refused:
            raise LeafletError(f"the font file {path}: {refused.problem}; reinstall "
                               "fontpkg-atkinson-hyperlegible") from None
    return tuple(found)


def write_site_files(folder: Path, files: dict[str, bytes], prune: bool) -> Path:
    """Write `files` (path in `folder` -> bytes) and return the path of index.html.

    A file whose bytes are already there is left alone (an upload by date sends only what
    changed); index.html comes last, so a failure never leaves a page pointing at files
    not yet written. With `prune`, other files in the folder (a PDF no longer offered,
    a removed image) are deleted: the folder is leafletgen's."""
    for name in sorted(files, key=lambda n: (n == "index.html", n)):
        target = folder / name
        if _same_bytes(target, files[name]):
            continue
        write_atomically(target.parent, target.name, files[name])
    if prune:
        _prune(folder, set(files))
    return folder / "index.html"


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.is_file() and not path.is_symlink() and path.stat().st_size == len(
            data) and path.read_bytes() == data
    except OSError:
        return False


def _prune(folder: Path, keep: set[str]) -> None:
    """Remove files under `folder` that are not in `keep`, then folders left empty."""
    for path in sorted(folder.rglob("*"), reverse=True):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink() or path.is_file():
            if name not in keep:
                path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def render_template(templates: tuple[tuple[str, str], ...], name: str, **values) -> str:
    """Return template `name` rendered with `values`; a template fault is a LeafletError
    naming the template file and line."""
    from jinja2 import TemplateError

    from .render import template_problem

    try:
        return _environment(templates).get_template(name).render(**values)
    except TemplateError as error:
        raise LeafletError(template_problem(error)) from None


@lru_cache(maxsize=8)
def _environment(templates: tuple[tuple[str, str], ...]):
    """Return the PDF's environment (same filters, autoescape, strict names) over these
    templates, plus a test for addresses a page may link to."""
    from .render import leaflet_environment

    env = leaflet_environment(templates).overlay()
    env.tests = {**env.tests, "web_address": is_web_address}  # the PDF's stay untouched
    return env


def is_web_address(value) -> bool:
    """Return True for an http(s) address: a publisher's website is linked only then."""
    return isinstance(value, str) and bool(WEB_ADDRESS.match(value))


def digest(parts: list[tuple[str, str | bytes]]) -> str:
    """Return the sha256 of labelled parts, each length-prefixed (so no two lists of parts
    hash alike by running into each other)."""
    hashed = hashlib.sha256()
    for label, data in parts:
        data = data.encode("utf-8") if isinstance(data, str) else data
        hashed.update(f"{label}\0{len(data)}\0".encode() + data)
    return hashed.hexdigest()


def as_json(value) -> str:
    """Return `value` as stable JSON text, for a fingerprint."""
    return json.dumps(value, sort_keys=True, default=str)
