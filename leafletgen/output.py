"""Writing output files atomically, and only inside the output folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import LeafletError


def ensure_folder(out_dir: Path) -> None:
    """Create the output folder if needed; a path that cannot be a folder is a LeafletError
    in plain words (a file in the way, no permission), not a traceback."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise LeafletError(f"cannot write to {out_dir}: it is a file, not a folder") from None
    except NotADirectoryError:
        blocker = next((p for p in out_dir.parents if p.exists() and not p.is_dir()), None)
        raise LeafletError(f"cannot write to {out_dir}: {blocker or 'part of the path'} is a "
                           "file, not a folder") from None
    except OSError as error:
        raise LeafletError(f"cannot write to {out_dir}: {error.strerror}") from None
    if not out_dir.is_dir():
        raise LeafletError(f"cannot write to {out_dir}: it is a file, not a folder")


def write_atomically(out_dir: Path, name: str, data: bytes) -> Path:
    """Write `data` to out_dir/name via a temporary file and a rename; return the path.

    A failed or interrupted build leaves the previous file untouched, never half a PDF.
    """
    ensure_folder(out_dir)
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
