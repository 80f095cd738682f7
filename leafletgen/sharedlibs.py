"""Finds shared libraries the way the dynamic loader does, by reading folders, not by running tools."""

from __future__ import annotations

import functools
import glob
import os
import re
import sys
from contextlib import contextmanager
from pathlib import Path

LD_SO_CONF = Path("/etc/ld.so.conf")
DEFAULT_FOLDERS = ("/lib64", "/usr/lib64", "/lib", "/usr/lib")  # the loader's trusted folders
_VERSION = re.compile(r"\.so((?:\.\d+)*)$")


def _conf_folders(conf: Path, seen: set[Path]) -> list[str]:
    """Return the folders an ld.so.conf file lists, following its `include` lines."""
    if conf in seen or not conf.is_file():
        return []
    seen.add(conf)
    folders: list[str] = []
    for line in conf.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("include "):
            pattern = line.split(None, 1)[1]
            pattern = pattern if pattern.startswith("/") else str(conf.parent / pattern)
            for included in sorted(glob.glob(pattern)):
                folders += _conf_folders(Path(included), seen)
        elif line.startswith("/"):
            folders.append(line)
    return folders


@functools.cache
def library_folders() -> tuple[str, ...]:
    """Return the folders the dynamic loader searches, in its order: LD_LIBRARY_PATH, the
    folders in /etc/ld.so.conf (what `ldconfig` caches), then the default folders."""
    given = [p for p in os.environ.get("LD_LIBRARY_PATH", "").split(":") if p]
    ordered = given + _conf_folders(LD_SO_CONF, set()) + list(DEFAULT_FOLDERS)
    return tuple(dict.fromkeys(p for p in ordered if os.path.isdir(p)))


@functools.cache
def _listing(folder: str) -> tuple[str, ...]:
    try:
        return tuple(sorted(os.listdir(folder)))
    except OSError:
        return ()


def _preference(file_name: str) -> tuple[int, str]:
    """Sort key: the soname (`.so.0`) first, then the development link (`.so`), then
    fully versioned names; the loader opens the soname."""
    parts = _VERSION.search(file_name).group(1).count(".")
    return ({1: 0, 0: 1}.get(parts, 2), file_name)


@functools.cache
def find_library(name: str) -> str | None:
    """Return the absolute path of `lib<name>.so[.N...]` in the first library folder that
    has it, or None; what ctypes.util.find_library answers, without its subprocesses."""
    wanted = re.compile(rf"lib{re.escape(name)}\.so(\.\d+)*$")
    for folder in library_folders():
        found = [f for f in _listing(folder) if wanted.match(f)]
        if found:
            return os.path.join(folder, min(found, key=_preference))
    return None


@contextmanager
def quick_library_lookup():
    """Answer ctypes.util.find_library from the library folders while the block runs.

    cffi calls find_library for every library name WeasyPrint tries; on Linux each call
    starts `ldconfig`, `gcc` and `ld` (54 processes, about 0.27 s, when WeasyPrint is
    imported). Elsewhere the real lookup is kept."""
    import ctypes.util

    real = ctypes.util.find_library
    if sys.platform.startswith("linux"):
        ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = real
