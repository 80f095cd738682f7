"""Reading input files safely: regular files only, inside an allowed folder, within a size
limit, all checked before a single byte is read (the cache's hashing included)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import ContentError, ContentErrors


class FileRefused(Exception):
    """A file that may not be read; `problem` says why in plain words."""

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem


def read_bytes(path: Path, limit: int, inside: Path | None = None) -> bytes:
    """Return the bytes of `path`, refusing (FileRefused) anything but a regular file of at
    most `limit` bytes; with `inside`, also a file that is (or links to) somewhere outside
    that folder. Nothing is opened before these checks: a named pipe would hang the read,
    a link to /dev/zero would never end, a link to a secret must not be read at all."""
    return _read_regular(check_file(path, limit, inside), limit)


def check_file(path: Path, limit: int, inside: Path | None = None) -> Path:
    """Return the real path of `path` if read_bytes may read it; else raise FileRefused.
    Looks only at names and file metadata: nothing is opened."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise FileRefused(_missing(path)) from None
    if inside is not None and not target.is_relative_to(inside.resolve()):
        raise FileRefused("file links to somewhere outside the project; copy the file into "
                          "the project instead")
    try:
        info = target.stat()
    except OSError:
        raise FileRefused(_missing(path)) from None
    if stat.S_ISDIR(info.st_mode):
        raise FileRefused("is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused("is not a regular file (a device, pipe or socket); only files "
                          "can be read")
    if info.st_size > limit:
        raise FileRefused(f"file is {info.st_size} bytes; the limit is {limit}")
    return target


def _read_regular(target: Path, limit: int) -> bytes:
    """Read a file known to be regular, never more than `limit` bytes (it may have grown)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(target, flags)
    except OSError as error:
        raise FileRefused(f"cannot be read ({error.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # swapped since the check
            raise FileRefused("is not a regular file")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FileRefused(f"file is larger than the limit of {limit} bytes")
    return data


def _missing(path: Path) -> str:
    return "no such file" + (f"; did you mean '{match}'?" if (match := case_match(path)) else "")


def case_match(path: Path) -> str | None:
    """Return the name of a file next to `path` that differs from it only in case
    (`Zenuw.PNG` for `zenuw.png`): the file exists on Windows and macOS, not here."""
    try:
        names = os.listdir(path.parent)
    except OSError:
        return None
    wanted = path.name.casefold()
    return next((name for name in sorted(names) if name.casefold() == wanted), None)


def read_project_bytes(path: Path, root: Path, display: str, limit: int,
                       line: int | None = None, field: str | None = None) -> bytes:
    """Return a project file's bytes; a refusal becomes a ContentError naming the file
    (or the field and line that point at it)."""
    try:
        return read_bytes(path, limit, inside=root)
    except FileRefused as refused:
        raise ContentErrors([ContentError(display, line, field, refused.problem)]) from None
