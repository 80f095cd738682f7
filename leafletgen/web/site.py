"""The served project: reloaded when its files change, built through the batch cache."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..batch import Job, Outcome, run_batch
from ..cache import BuildCache
from ..errors import ContentError, ContentErrors, LeafletError
from ..inputs import BuildOptions, Inputs, resolve_inputs
from ..loader import Library, load_contact
from ..models import ID_PATTERN, Strings
from ..project import Project
from ..theme import Theme
from ..watch import files_signature
from .library import blocked_leaflets, load_state, words_and_colours
from .params import WEB_FORMATS, Choice

CONTACTS = "leaflets/contacts"  # the ward profiles a department keeps next to the content
CACHE = "build/web"  # built PDFs (named by variant, as the CLI names them) and their cache
RENDERS = 1  # at most this many renders at once; more requests wait their turn


class ContactErrors(ContentErrors):
    """The chosen contact profile does not load (its errors name it inside the project)."""


@dataclass(frozen=True)
class Snapshot:
    """The project as loaded at one moment: the leaflets that can be made, and the
    errors that stop the others (each with the leaflets it blocks)."""

    library: Library | None  # None: the project could not be read at all
    errors: list[ContentError]
    blocked: dict[str, list[ContentError]]  # leaflet id -> the errors that stop it
    strings: dict[str, Strings]
    theme: Theme | None
    offered: dict = field(default_factory=dict)  # leaflet id -> Leaflet: the ones to offer

    def errors_for(self, leaflet_id: str) -> list[ContentError]:
        """Return the errors that stop this leaflet (all of them without a library)."""
        return self.errors if self.library is None else self.blocked.get(leaflet_id, [])

    @property
    def known(self) -> set[str]:
        """Every leaflet id with a manifest, made or stopped."""
        return set(self.library.manifests) if self.library is not None else set()


class Site:
    """One project, reloaded on the next request after any watched file changes."""

    def __init__(self, root: Path, renders: int = RENDERS):
        self.project = Project(root.resolve())
        self.renders = renders
        self._lock = threading.Lock()
        self._signature: tuple | None = None
        self._snapshot: Snapshot | None = None

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
        strings, theme = words_and_colours(self.project, library)
        offered = {} if library is None else {i: library.leaflets[i] for i in library.ready()}
        return Snapshot(library, errors, blocked_leaflets(library), strings, theme, offered)

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
            return self._contact(self.contacts()[contact_id]).department
        except (LeafletError, KeyError):
            return contact_id

    def _contact(self, path: Path):
        return load_contact(path, self.project.display(path))

    def build(self, library: Library, choice: Choice) -> Outcome:
        """Build the chosen PDF, or find it unchanged in the cache. Blocking: run it in a
        worker thread."""
        summary = run_batch(library, [self.job(choice)], workers=1, echo=_quiet)
        return summary.outcomes[0]

    def lookup(self, library: Library, choice: Choice) -> tuple[Inputs, Outcome | None]:
        """Return every input of the chosen PDF, and the PDF if the cache has it built from
        those inputs (else None). Cheap: a request that needs no render does not wait
        for the render slot. Raises ContactErrors, ContentErrors or LeafletError."""
        job = self.job(choice)
        inputs = resolve_inputs(library, job.leaflet, job.audience, job.options)
        entry = BuildCache.load(job.options.out_dir).fresh(inputs.name, inputs.fingerprint)
        if entry is None:
            return inputs, None
        return inputs, Outcome(job, "unchanged", job.options.out_dir / inputs.name,
                               entry.get("pages", 0), warnings=inputs.warnings)

    def job(self, choice: Choice) -> Job:
        """Return the build job for a choice, checking its contact profile first: its
        errors name the file inside the project, never the machine's full path."""
        fmt, large_print = WEB_FORMATS[choice.format]
        contact = self.contacts()[choice.contact] if choice.contact else None
        if contact is not None:
            try:
                self._contact(contact)  # its errors, with file and line, before any render
            except ContentErrors as error:
                raise ContactErrors(error.errors) from None
        # One folder: the file names carry every choice. With more than one render at
        # once, two saving the folder's cache at once may lose an entry (a rebuild later).
        options = BuildOptions(out_dir=self.project.root / CACHE, large_print=large_print,
                               format=fmt, notes=choice.notes, contact=contact)
        return Job(choice.leaflet, choice.audience, options)

    def relative(self, error: ContentError) -> ContentError:
        """Return the error with its file named relative to the project."""
        path = Path(error.path)
        shown = self.project.display(path) if path.is_absolute() else error.path
        return ContentError(shown, error.line, error.field, error.problem)


def _quiet(*args, **kwargs) -> None:
    """The batch's progress lines: the page shows the outcome instead."""
