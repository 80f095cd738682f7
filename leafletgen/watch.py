"""`build --watch`: one warm process that rebuilds the PDFs whose inputs changed, every time
a file is saved, and keeps the last good PDF when a change breaks something."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable, Iterable

WATCHED = ("content", "leaflets", "templates", "styles")  # folders under the project
POLL_SECONDS = 0.02  # stat() of a few hundred files takes about a millisecond
SETTLE_SECONDS = 0.01  # a save seen is built once the files stayed the same this long


def files_signature(root: Path, extra: Iterable[Path] = ()) -> tuple:
    """Return (path, size, mtime, inode) of every watched file and folder and of `extra`
    files (a contact profile, a CMYK profile): any save changes it, an editor's rename-over
    too, also behind a symbolic link (what it points to is stamped as well, and a linked
    folder walked). Walks with os.scandir: a catalogue of 500 files in about 3 ms."""
    entries: list[tuple] = []
    seen: set[tuple[int, int]] = set()  # folders walked: a link loop is walked once
    for name in WATCHED:
        _scan(os.path.join(root, name), entries, seen)
    for path in extra:
        entries.append((str(path), *_stamp(path, follow=True)))
    return tuple(entries)


def _stamp(path, follow: bool) -> tuple:
    try:
        stat = os.stat(path, follow_symlinks=follow)
    except OSError:
        return (None,)
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


def _scan(folder: str, entries: list[tuple], seen: set[tuple[int, int]]) -> None:
    """Add the entries under `folder`, in name order."""
    try:
        info = os.stat(folder)
        if (info.st_dev, info.st_ino) in seen:
            return
        seen.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as listing:
            found = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return  # not there (yet), or not a folder
    for entry in found:
        stamp = _stamp(entry.path, follow=False)
        if entry.is_symlink():  # and what it points to, which an editor saves
            stamp += _stamp(entry.path, follow=True)
        entries.append((entry.path, *stamp))
        if entry.is_dir():  # a linked folder too
            _scan(entry.path, entries, seen)


def watch(root: Path, rebuild: Callable[[], object], echo: Callable[..., None],
          extra: Iterable[Path] = (), poll: float = POLL_SECONDS,
          settle: float = SETTLE_SECONDS, keep_going: Callable[[], bool] = lambda: True) -> None:
    """Call `rebuild` now and after every change to the project's files, until Ctrl-C
    (or until `keep_going` says stop). `rebuild` loads the project again and builds what
    changed; its errors are printed by it, and watching goes on."""
    extra = list(extra)
    signature = None
    while keep_going():
        current = files_signature(root, extra)
        if current != signature and signature is not None:
            time.sleep(settle)  # let a save that is still being written finish first
            settled = files_signature(root, extra)
            if settled != current:
                continue
        if current != signature:
            if signature is not None:
                echo("change seen: rebuilding", err=True)
            signature = current
            rebuild()
            echo("watching for changes (Ctrl-C stops)", err=True)
            continue  # a file saved during the build is seen at once
        time.sleep(poll)
