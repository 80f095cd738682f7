"""Writing output files atomically, and only inside the output folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import LeafletError


def write_atomically(out_dir: Path, name: str, data: bytes) -> Path:
    """Write `data` to out_dir/name via a temporary file and a rename; return the path.

    A failed or interrupted build leaves the previous file untouched, never half a PDF.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    target = (out_dir / name).resolve()
    if target.parent != out_dir.resolve():
        raise LeafletError(f"refused to write {name!r} outside {out_dir}")
    fd, temp = tempfile.mkstemp(dir=out_dir, prefix=f".{name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target
