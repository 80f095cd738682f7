"""`build --watch`: one warm process that rebuilds the PDFs whose inputs changed, every time
a file is saved, and keeps the last good PDF when a change breaks something."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable, Iterable

WATCHED = ("content", "leaflets", "templates", "styles")  # folders under the project
POLL_SECONDS = 0.02  # stat() of a few hundred files takes about a millisecond


def files_signature(root: Path, extra: Iterable[Path] = ()) -> tuple:
    """Return (path, size, mtime, inode) of every watched file and of `extra` files (a
    contact profile, a CMYK profile): any save changes it, an editor's rename-over too."""
    paths = [p for name in WATCHED if (root / name).is_dir()
             for p in sorted((root / name).rglob("*"))]
    entries = []
    for path in [*paths, *extra]:
        try:
            stat = path.stat()
        except OSError:
            entries.append((str(path), None))
            continue
        entries.append((str(path), stat.st_size, stat.st_mtime_ns, stat.st_ino))
    return tuple(entries)


def watch(root: Path, rebuild: Callable[[], object], echo: Callable[..., None],
          extra: Iterable[Path] = (), poll: float = POLL_SECONDS,
          keep_going: Callable[[], bool] = lambda: True) -> None:
    """Call `rebuild` now and after every change to the project's files, until Ctrl-C
    (or until `keep_going` says stop). `rebuild` loads the project again and builds what
    changed; its errors are printed by it, and watching goes on."""
    extra = list(extra)
    signature = None
    while keep_going():
        current = files_signature(root, extra)
        if current != signature and signature is not None:
            time.sleep(poll)  # let a save that is still being written finish first
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
