"""The served project: reloaded when its files change, built through the batch cache."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

from ..batch import Job, Outcome, run_batch
from ..build import BuildOptions
from ..cache import BuildCache
from ..inputs import resolve_inputs
from ..errors import ContentError, ContentErrors, LeafletError
from ..loader import Library, load_contact, load_library
from ..models import ID_PATTERN, LANGUAGES, Strings
from ..project import Project
from ..theme import Theme
from ..yamlfile import ContentErrorRaised, parse_yaml, read_text
from .params import WEB_FORMATS, Choice

WATCHED = ("content", "leaflets", "templates", "styles")
CONTACTS = "leaflets/contacts"  # the ward profiles a department keeps next to the content
CACHE = "build/web"  # built PDFs and their fingerprints, under the project
RENDERS = 1  # at most this many renders at once; more requests wait their turn


@dataclass(frozen=True)
class Snapshot:
    """The project as loaded at one moment: a library, or the errors that stopped it."""

    library: Library | None
    errors: ContentErrors | None
    strings: dict[str, Strings]
    theme: Theme | None


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
                self._snapshot = load_snapshot(self.project)
                self._signature = signature
            return self._snapshot

    def contacts(self) -> dict[str, Path]:
        """Return the contact profile files by id (file names that are valid ids)."""
        folder = self.project.root / CONTACTS
        if not folder.is_dir():
            return {}
        return {p.stem: p for p in sorted(folder.iterdir())
                if p.suffix == ".yaml" and p.is_file() and not p.is_symlink()
                and re.match(ID_PATTERN, p.stem)}

    def build(self, library: Library, choice: Choice) -> Outcome:
        """Build the chosen PDF, or find it unchanged in the cache. Blocking: run it in a
        worker thread. Raises ContentErrors if the contact profile is broken."""
        job = self._job(choice)
        summary = run_batch(library, [job], workers=1, echo=_quiet)
        return summary.outcomes[0]

    def cached(self, library: Library, choice: Choice) -> Outcome | None:
        """Return the chosen PDF if the cache has it with unchanged inputs, else None.
        Cheap: a request that needs no render does not wait for the render slot."""
        job = self._job(choice)
        try:
            inputs = resolve_inputs(library, job.leaflet, job.audience, job.options)
        except LeafletError:
            return None  # the build says why
        entry = BuildCache.load(job.options.out_dir).fresh(inputs.name, inputs.fingerprint)
        if entry is None:
            return None
        return Outcome(job, "unchanged", job.options.out_dir / inputs.name,
                       entry.get("pages", 0), warnings=inputs.warnings)

    def _job(self, choice: Choice) -> Job:
        """Return the build job for a choice (checking its contact profile first)."""
        fmt, large_print = WEB_FORMATS[choice.format]
        contact = self.contacts()[choice.contact] if choice.contact else None
        if contact is not None:
            load_contact(contact)  # its errors, with file and line, before any render
        # One folder per variant: notes and contact do not change the file name.
        variant = f"{choice.contact or 'none'}-{'notes' if choice.notes else 'plain'}"
        options = BuildOptions(out_dir=self.project.root / CACHE / variant,
                               large_print=large_print, format=fmt, notes=choice.notes,
                               contact=contact)
        return Job(choice.leaflet, choice.audience, options)


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


def load_snapshot(project: Project) -> Snapshot:
    """Load the library; if it has errors, still load the page's words and colours."""
    try:
        library = load_library(project)
        if library.errors:
            raise ContentErrors(library.errors)
    except ContentErrors as errors:
        return Snapshot(None, errors, _strings(project), _model(project, _theme_path(project), Theme))
    except LeafletError as error:
        errors = ContentErrors([ContentError(".", None, None, str(error))])
        return Snapshot(None, errors, _strings(project), _model(project, _theme_path(project), Theme))
    return Snapshot(library, None, library.strings, library.theme)


def _theme_path(project: Project) -> Path:
    return project.styles_dir / "theme.yaml"


def _strings(project: Project) -> dict[str, Strings]:
    found = {lang: _model(project, project.strings_dir / f"{lang}.yaml", Strings)
             for lang in LANGUAGES}
    return {lang: strings for lang, strings in found.items() if strings is not None}


def _model(project: Project, path: Path, model):
    """Return one file validated as `model`, or None if it cannot be (the library's
    errors already say why)."""
    try:
        source = parse_yaml(read_text(path, project.display(path)), project.display(path))
        return model.model_validate(source.data)
    except (ContentErrorRaised, ContentErrors, OSError, ValueError):
        return None
