"""The served project: reloaded when its files change, built through the batch cache."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..batch import Job, Outcome, run_batch
from ..build import BuildOptions
from ..cache import BuildCache, job_fingerprint, job_key, shared_fingerprint
from ..errors import ContentError, ContentErrors, LeafletError
from ..loader import Library, load_contact
from ..models import ID_PATTERN, Strings
from ..project import Project
from ..theme import Theme
from .library import blocked_leaflets, load_state, words_and_colours
from .params import WEB_FORMATS, Choice

WATCHED = ("content", "leaflets", "templates", "styles")
CONTACTS = "leaflets/contacts"  # the ward profiles a department keeps next to the content
CACHE = "build/web"  # built PDFs and their fingerprints, under the project
RENDERS = 1  # at most this many renders at once; more requests wait their turn


@dataclass(frozen=True)
class Snapshot:
    """The project as loaded at one moment: the leaflets that can be made, and the
    errors that stop the others (each with the leaflets it blocks)."""

    library: Library | None  # None: nothing loaded yet that could be offered
    errors: list[ContentError]
    blocked: dict[str, list[ContentError]]  # leaflet id -> the errors that stop it
    strings: dict[str, Strings]
    theme: Theme | None
    everything_blocked: bool = False  # an error no single leaflet owns (templates, words)
    offered: dict = field(default_factory=dict)  # leaflet id -> Leaflet, the ones to offer

    def errors_for(self, leaflet_id: str) -> list[ContentError]:
        """Return the errors that stop this leaflet (all of them if no leaflet owns them)."""
        if self.everything_blocked:
            return self.errors
        return self.blocked.get(leaflet_id, [])


class Site:
    """One project, reloaded on the next request after any watched file changes."""

    def __init__(self, root: Path, renders: int = RENDERS):
        self.project = Project(root.resolve())
        self.renders = renders
        self._lock = threading.Lock()
        self._signature: tuple | None = None
        self._snapshot: Snapshot | None = None
        self._good: Library | None = None  # the last library that loaded without errors
        self._shared: tuple[Library, str] | None = None  # (library, its shared fingerprint)

    def snapshot(self) -> Snapshot:
        """Return the current snapshot, loading the project again if a file changed."""
        signature = files_signature(self.project.root)
        with self._lock:
            if signature != self._signature or self._snapshot is None:
                self._snapshot = self._load()
                self._signature = signature
            return self._snapshot

    def _load(self) -> Snapshot:
        library, errors = load_state(self.project)
        if library is not None and not errors:
            self._good = library
        # A loader that stops at the first broken file gives no library: offer the last
        # good one's leaflets that no error touches (never a broken leaflet's old text).
        library = library or self._good
        blocked, everything = blocked_leaflets(library, errors)
        strings, theme = (library.strings, library.theme) if library and not errors else \
            words_and_colours(self.project, library)
        offered = {} if library is None or everything else \
            {i: l for i, l in library.leaflets.items() if i not in blocked}
        return Snapshot(library, errors, blocked, strings, theme, everything, offered)

    def contacts(self) -> dict[str, Path]:
        """Return the contact profile files by id (file names that are valid ids)."""
        folder = self.project.root / CONTACTS
        if not folder.is_dir():
            return {}
        return {p.stem: p for p in sorted(folder.iterdir())
                if p.suffix == ".yaml" and p.is_file() and not p.is_symlink()
                and re.match(ID_PATTERN, p.stem)}

    def contact_name(self, contact_id: str) -> str:
        """Return the department a contact profile names, or its id if it does not load."""
        try:
            return load_contact(self.contacts()[contact_id]).department
        except (LeafletError, KeyError):
            return contact_id

    def build(self, library: Library, choice: Choice) -> Outcome:
        """Build the chosen PDF, or find it unchanged in the cache. Blocking: run it in a
        worker thread. Raises ContentErrors if the contact profile is broken."""
        job = self.job(choice)
        summary = run_batch(library, [job], workers=1, echo=_quiet)
        return summary.outcomes[0]

    def lookup(self, library: Library, choice: Choice) -> tuple[str | None, Outcome | None]:
        """Return the fingerprint of the chosen PDF's inputs, and the PDF if the cache has
        it built from those inputs (else None). Cheap: a request that needs no render
        does not wait for the render slot. Raises ContentErrors (the contact profile)."""
        job = self.job(choice)
        fingerprint = self.fingerprint(library, job)
        key = job_key(job.leaflet, job.audience, job.options)
        entry = BuildCache.load(job.options.out_dir).fresh(key, fingerprint)
        if entry is None:
            return fingerprint, None
        return fingerprint, Outcome(job, "unchanged", job.options.out_dir / entry["path"],
                                    entry.get("pages", 0))

    def fingerprint(self, library: Library, job: Job) -> str | None:
        """Return the hash of every input of the job's PDF (None if it cannot be known)."""
        return job_fingerprint(library, job.leaflet, job.audience, job.options,
                               self._shared_fingerprint(library))

    def _shared_fingerprint(self, library: Library) -> str:
        """The fingerprint of what every leaflet shares, once per loaded library: the
        library is loaded again whenever a watched file changes."""
        with self._lock:
            if self._shared is None or self._shared[0] is not library:
                self._shared = (library, shared_fingerprint(library))
            return self._shared[1]

    def job(self, choice: Choice) -> Job:
        """Return the build job for a choice, checking its contact profile first: its
        errors name the file relative to the project, never the machine's full path."""
        fmt, large_print = WEB_FORMATS[choice.format]
        contact = self.contacts()[choice.contact] if choice.contact else None
        if contact is not None:
            try:
                load_contact(contact)  # its errors, with file and line, before any render
            except ContentErrors as error:
                raise ContentErrors([self.relative(e) for e in error.errors]) from None
        # One folder per variant: notes and contact do not change the file name.
        variant = f"{choice.contact or 'none'}-{'notes' if choice.notes else 'plain'}"
        options = BuildOptions(out_dir=self.project.root / CACHE / variant,
                               large_print=large_print, format=fmt, notes=choice.notes,
                               contact=contact)
        return Job(choice.leaflet, choice.audience, options)

    def relative(self, error: ContentError) -> ContentError:
        """Return the error with its file named relative to the project."""
        path = Path(error.path)
        shown = self.project.display(path) if path.is_absolute() else error.path
        return ContentError(shown, error.line, error.field, error.problem)


def _quiet(*args, **kwargs) -> None:
    """The batch's progress lines: the page shows the outcome instead."""


def files_signature(root: Path) -> tuple:
    """Return (path, size, mtime) of every watched file: any edit changes it."""
    entries = []
    for name in WATCHED:
        folder = root / name
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                try:
                    stat = path.stat()
                except OSError:
                    continue
                entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)
