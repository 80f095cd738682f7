"""What turns HTML into PDF here: versions of the code and libraries that shape the bytes,
found without importing WeasyPrint (which costs 0.4 s); and WeasyPrint imported cheaply."""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import sys
import types
from pathlib import Path

from .sharedlibs import find_library, quick_library_lookup

# Packages whose version can change the PDF's bytes (importlib.metadata names).
PACKAGES = ("weasyprint", "pydyf", "fonttools", "pikepdf", "jinja2", "markdown-it-py",
            "fontpkg-atkinson-hyperlegible", "pillow", "segno")
RENDERING = ("weasyprint", "pydyf", "fonttools", "pikepdf")  # what writes the PDF itself
PACKAGE_DIR = Path(__file__).resolve().parent


@functools.lru_cache(maxsize=1)
def renderer_identity() -> tuple[tuple[str, str], ...]:
    """Return (name, version) of leafletgen, its own code, every package that renders, and
    the libraries under WeasyPrint (Pango, HarfBuzz, whether HarfBuzz-Subset is there)."""
    from importlib import metadata

    from . import __version__

    found = [("leafletgen", __version__), ("leafletgen code", _code_digest())]
    for name in PACKAGES:
        try:
            found.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            found.append((name, "-"))
    libraries = renderer_versions()
    found += [(name, str(libraries[name])) for name in ("pango", "harfbuzz", "harfbuzz_subset")]
    found.append(("fallback fonts", _fallback_fonts()))
    return tuple(found)


def _fallback_fonts() -> str:
    """Name and size of the system fonts the styles fall back on (DejaVu Sans) for
    characters the leaflet's typeface lacks: another version draws them differently."""
    from .fonts import FALLBACK_FILES, _system_fonts

    return ", ".join(f"{path.name} {path.stat().st_size}"
                     for path in _system_fonts(FALLBACK_FILES)) or "-"


def _code_digest() -> str:
    """Hash leafletgen's own modules: a change to a step changes the PDF at the same version."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _so_numbers(path: str) -> tuple[int, ...]:
    """Return the numbers after `.so` in the real file name: (0, 5000, 12) for
    libpango-1.0.so.0.5000.12."""
    name = os.path.basename(os.path.realpath(path))
    tail = name.rpartition(".so.")[2] if ".so." in name else ""
    return tuple(int(part) for part in tail.split(".")) if tail.replace(".", "").isdigit() else ()


def _pango_version(numbers: tuple[int, ...]) -> str | None:
    # Pango's library version is 0.(binary age - interface age).(interface age), binary
    # age = 100 x minor + micro (Pango's meson.build); its major version is always 1.
    if len(numbers) != 3:
        return None
    age = numbers[1] + numbers[2]
    return f"1.{age // 100}.{age % 100}"


def _harfbuzz_version(numbers: tuple[int, ...]) -> str | None:
    # HarfBuzz's library version is 0.(10000 x major + 100 x minor + micro).0.
    if len(numbers) != 3:
        return None
    number = numbers[1]
    return f"{number // 10000}.{number // 100 % 100}.{number % 100}"


def _library_version(name: str, decode) -> str | None:
    """Return a library's version from its file name; the file name itself if it does not
    follow the usual scheme (still different for a different build); None if absent."""
    path = find_library(name)
    if path is None:
        return None
    return decode(_so_numbers(path)) or os.path.basename(os.path.realpath(path))


@functools.cache
def _versions() -> tuple[tuple[str, str | bool | None], ...]:
    from importlib import metadata

    found: dict[str, str | bool | None] = {name: metadata.version(name) for name in RENDERING}
    found["pango"] = _library_version("pango-1.0", _pango_version)
    found["harfbuzz"] = _library_version("harfbuzz", _harfbuzz_version)
    # With HarfBuzz-Subset WeasyPrint subsets fonts itself, otherwise with fontTools:
    # different bytes (and fontTools stamps a date into each subset).
    found["harfbuzz_subset"] = find_library("harfbuzz-subset") is not None
    return tuple(found.items())


def renderer_versions() -> dict[str, str | bool | None]:
    """Return what renders the PDF: the versions of WeasyPrint, pydyf, fontTools and
    pikepdf, of Pango and HarfBuzz, and whether HarfBuzz-Subset is present.

    Nothing is imported and no process is started: package versions come from their
    metadata, library versions from the file names in the library folders."""
    return dict(_versions())


def _defer_import(name: str) -> None:
    """Put a module in sys.modules that loads itself on first use (importlib's LazyLoader)."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:  # `from parent import child` then finds it without looking into it
        setattr(sys.modules[parent], child, module)


def _stand_in(name: str, functions: tuple[str, ...]) -> None:
    """Put a stand-in for a module in sys.modules, for `from name import function`: the
    real module is imported when one of its functions is called or another name is used."""
    if name in sys.modules or importlib.util.find_spec(name.partition(".")[0]) is None:
        return
    stand_in = types.ModuleType(name, "stands in until used; see leafletgen.renderer")

    def load():
        if sys.modules.get(name) is stand_in:
            del sys.modules[name]
        return importlib.import_module(name)

    for function in functions:
        def call(*args, _function=function, **kwargs):
            return getattr(load(), _function)(*args, **kwargs)
        setattr(stand_in, function, call)

    def other(attribute: str):  # PEP 562: names the stand-in lacks
        if attribute.startswith("__"):  # the import system asking (`__path__`), not a user
            raise AttributeError(attribute)
        return getattr(load(), attribute)

    stand_in.__getattr__ = other
    sys.modules[name] = stand_in


def import_weasyprint():
    """Import WeasyPrint and return it, without the costs a build does not need.

    Its shared libraries are found by reading the library folders (see sharedlibs). With
    HarfBuzz-Subset present, fontTools' subsetter (0.06 s to import) is only WeasyPrint's
    fallback, so it loads when first used; so does fontTools' variable-font instancer
    (0.08 s), which only variable fonts need (the leaflet's fonts are static)."""
    if "weasyprint" in sys.modules:
        return sys.modules["weasyprint"]
    if renderer_versions()["harfbuzz_subset"]:
        _defer_import("fontTools.subset")
    _stand_in("fontTools.varLib.instancer", ("instantiateVariableFont",))
    try:
        with quick_library_lookup():
            import weasyprint
    except OSError:  # a library the folders did not show: let ctypes look for it
        import weasyprint
    return weasyprint
