"""The build cache: a PDF whose inputs' fingerprint (inputs.py) has not changed is not
built again. It keeps no view of the inputs of its own: the fingerprint is the key."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

CACHE_NAME = ".leafletgen-cache.json"  # lives in the output folder, next to the PDFs
CACHE_FORMAT = 2


@dataclass
class BuildCache:
    """The fingerprints of the PDFs in one output folder, and the files they went to."""

    out_dir: Path
    entries: dict[str, dict] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def load(cls, out_dir: Path) -> "BuildCache":
        """Return the folder's cache; a missing or unreadable one is empty."""
        try:
            data = json.loads((out_dir / CACHE_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(out_dir)
        if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
            return cls(out_dir)
        return cls(out_dir, dict(data.get("entries", {})))

    def fresh(self, name: str, fingerprint: str) -> dict | None:
        """Return the entry of PDF `name` if it was built from inputs with this fingerprint
        and is still there as written."""
        entry = self.entries.get(name)
        if not entry or entry.get("fingerprint") != fingerprint:
            return None
        return self.written(name)

    def written(self, name: str) -> dict | None:
        """Return the entry of `name` if this folder's file of that name is still the one
        a build wrote there (its size and modification time as recorded)."""
        entry = self.entries.get(name)
        if not entry:
            return None
        try:
            stat = (self.out_dir / entry["path"]).stat()
        except (OSError, KeyError):
            return None
        if stat.st_size != entry.get("size") or stat.st_mtime_ns != entry.get("mtime_ns"):
            return None
        return entry

    def record(self, fingerprint: str, path: Path, pages: int) -> None:
        """Remember that `path` was built from inputs with this fingerprint."""
        stat = path.stat()
        name = path.relative_to(self.out_dir).as_posix()  # a web page: html/mmn/a/index.html
        self.entries[name] = {"fingerprint": fingerprint, "path": name,
                                   "pages": pages, "size": stat.st_size,
                                   "mtime_ns": stat.st_mtime_ns}
        self.changed = True

    def save(self) -> None:
        """Write the cache atomically, if anything changed."""
        from .output import write_atomically

        if not self.changed:
            return
        text = json.dumps({"format": CACHE_FORMAT, "entries": self.entries},
                          indent=1, sort_keys=True)
        write_atomically(self.out_dir, CACHE_NAME, text.encode("utf-8"))
        self.changed = False
