"""Input fingerprints: a PDF whose inputs have not changed is not built again."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from .audiences import select_sections
from .loader import Library

CACHE_NAME = ".leafletgen-cache.json"  # lives in the output folder, next to the PDFs
CACHE_FORMAT = 1
# Packages whose version can change the PDF's bytes (importlib.metadata names).
PACKAGES = ("weasyprint", "pydyf", "fonttools", "pikepdf", "jinja2", "markdown-it-py",
            "fontpkg-atkinson-hyperlegible")
PACKAGE_DIR = Path(__file__).resolve().parent


def _hash_files(digest, root: Path, files) -> None:
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def _tree(folder: Path) -> list[Path]:
    """Return every file under `folder`, sorted, skipping caches."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def shared_fingerprint(library: Library) -> str:
    """Return the hash of inputs every leaflet shares: templates, styles, fonts, code, versions."""
    from importlib import metadata

    from . import __version__
    from .fonts import font_dir

    project = library.project
    digest = hashlib.sha256(f"format {CACHE_FORMAT} leafletgen {__version__}\0".encode())
    for name in PACKAGES:
        try:
            digest.update(f"{name} {metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} -\0".encode())
    _hash_files(digest, project.root, _tree(project.templates_dir) + _tree(project.styles_dir))
    _hash_files(digest, font_dir(), _tree(font_dir()))
    # leafletgen's own code: a change to a step changes the output even at the same version.
    _hash_files(digest, PACKAGE_DIR, [p for p in _tree(PACKAGE_DIR) if p.suffix == ".py"])
    return digest.hexdigest()


def options_text(options) -> str:
    """Return every BuildOptions field but out_dir as canonical JSON (new fields count too).

    out_dir is left out: the cache lives in it, so it is part of the key already."""
    fields = {k: v for k, v in dataclasses.asdict(options).items() if k != "out_dir"}
    return json.dumps(fields, sort_keys=True, default=_plain)


def _plain(value):
    if isinstance(value, Path):
        return str(value.resolve())
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return str(value)


def job_key(leaflet_id: str, audience: str, options) -> str:
    """Return the cache key of one build: leaflet, audience and a hash of the options."""
    options_hash = hashlib.sha256(options_text(options).encode()).hexdigest()[:16]
    return f"{leaflet_id}/{audience}/{options_hash}"


def used_files(library: Library, leaflet_id: str, audience: str) -> list[Path] | None:
    """Return the manifest and the content files this leaflet uses for this audience.

    None when the leaflet or its sections cannot be found: the build reports why."""
    project = library.project
    leaflet = library.leaflets.get(leaflet_id)
    if leaflet is None or leaflet.topic not in library.sections:
        return None
    try:
        sections = select_sections(leaflet, library.sections[leaflet.topic], audience)
    except (KeyError, ValueError):
        return None
    files = [project.root / library.manifest_path(leaflet_id)]
    if leaflet.logo is not None:  # the cover's logo (a file outside it: the build says why)
        try:
            files.append(project.logo_file(leaflet.logo.src))
        except ValueError:
            return None
    for section in sections:
        path = project.root / library.paths[(leaflet.topic, section.id)]
        files.append(path)
        files.extend(path.parent / image.src for image in section.images)
    return files


def job_fingerprint(library: Library, leaflet_id: str, audience: str, options,
                    shared: str) -> str | None:
    """Return the hash of every input of one PDF, or None if it cannot be known."""
    files = used_files(library, leaflet_id, audience)
    if files is None:
        return None
    digest = hashlib.sha256(f"{shared}\0{leaflet_id}\0{audience}\0".encode())
    digest.update(options_text(options).encode() + b"\0")
    try:
        _hash_files(digest, library.project.root, files)
    except (OSError, ValueError):  # a missing image: let the build say so
        return None
    return digest.hexdigest()


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

    def fresh(self, key: str, fingerprint: str | None) -> dict | None:
        """Return the entry if its PDF was built from these inputs and is still there as written."""
        entry = self.entries.get(key)
        if fingerprint is None or not entry or entry.get("fingerprint") != fingerprint:
            return None
        try:
            stat = (self.out_dir / entry["path"]).stat()
        except (OSError, KeyError):
            return None
        if stat.st_size != entry.get("size") or stat.st_mtime_ns != entry.get("mtime_ns"):
            return None
        return entry

    def record(self, key: str, fingerprint: str | None, path: Path, pages: int) -> None:
        """Remember that `path` was built from inputs with this fingerprint."""
        if fingerprint is None:
            self.entries.pop(key, None)
        else:
            stat = path.stat()
            self.entries[key] = {"fingerprint": fingerprint, "path": path.name, "pages": pages,
                                 "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
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
