"""Reads content/ and leaflets/, validates them into models, and reports every error."""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field, replace
from stat import S_ISLNK
from pathlib import Path
from typing import Any, Callable

from pydantic import ValidationError

from . import lint, placeholders
from .errors import ContentError, ContentErrors, LeafletError
from .models import ContactProfile, Leaflet, Section, Strings
from .theme import Theme
from .project import Project
from .validation import describe_errors, field_name
from .files import FileRefused, check_file, read_bytes
from .images import MAX_IMAGE_BYTES
from .yamlfile import (MAX_FILE_BYTES, ContentErrorRaised, Source, decode_text, parse_yaml,
                       split_front_matter)

SECTION_SUFFIXES = (".md", ".yaml", ".yml")
TOPIC_FILE = "topic.yaml"  # notes about a topic's source; not a section


@dataclass
class Library:
    """Everything a project holds: what validated, and every problem found while loading.

    A problem belongs to the file it is in; it blocks only the leaflets that use that file
    (its manifest, the sections it lists, the strings of its language, the theme)."""

    project: Project
    leaflets: dict[str, Leaflet] = field(default_factory=dict)  # valid manifests
    sections: dict[str, dict[str, Section]] = field(default_factory=dict)  # topic -> id
    strings: dict[str, Strings] = field(default_factory=dict)  # language -> words
    sources: dict[str, Source] = field(default_factory=dict)  # display path -> lines
    paths: dict[tuple[str, str], str] = field(default_factory=dict)  # (topic, id) -> path
    theme: Theme | None = None
    broken: set[tuple[str, str]] = field(default_factory=set)  # sections that failed to load
    errors: list[ContentError] = field(default_factory=list)  # every problem, in file order
    manifests: dict[str, str] = field(default_factory=dict)  # leaflet id -> manifest path
    # (topic, id) -> every file that claims this section id, valid or not
    section_files: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    # What every PDF made from this loaded library reads alike (templates, fonts): read once.
    shared: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def once(self, name: str, read: Callable[[], Any]) -> Any:
        """Return what `read()` gave the first time it succeeded for this library (a file
        it refuses is refused again for every PDF that asks)."""
        if name not in self.shared:
            self.shared[name] = read()
        return self.shared[name]

    def manifest_path(self, leaflet_id: str) -> str:
        return self.manifests.get(leaflet_id, f"leaflets/{leaflet_id}.yaml")

    def manifest_line(self, leaflet_id: str, loc: tuple = ()) -> int | None:
        source = self.sources.get(self.manifest_path(leaflet_id))
        return source.line(loc) if source else None

    def blocking(self, leaflet_id: str) -> list[ContentError]:
        """Return the problems that stop this leaflet from being built (none: it can be)."""
        files = self.files_of(leaflet_id)
        return [error for error in self.errors if str(error.path) in files]

    def ready(self) -> list[str]:
        """Return the ids of the leaflets that can be built, sorted."""
        return [i for i in sorted(self.leaflets) if not self.blocking(i)]

    def broken_leaflets(self) -> list[str]:
        """Return the ids of the leaflets that cannot be built, sorted."""
        return [i for i in sorted(self.manifests) if self.blocking(i)]

    def files_of(self, leaflet_id: str) -> set[str]:
        """Return the display paths of every content file a leaflet is made from. For a
        manifest that did not validate, what its YAML says (topic, language, sections)."""
        files = {self.manifest_path(leaflet_id)}
        leaflet = self.leaflets.get(leaflet_id)
        if leaflet is not None:
            topic, language, sections = leaflet.topic, leaflet.language, leaflet.sections
        else:
            source = self.sources.get(self.manifest_path(leaflet_id))
            raw = source.data if source is not None and isinstance(source.data, dict) else {}
            topic, language = str(raw.get("topic", "")), str(raw.get("language", "nl"))
            listed = raw.get("sections")
            sections = [str(s) for s in listed] if isinstance(listed, list) else []
        project = self.project
        files.add(project.display(project.styles_dir / THEME_FILE))
        files.add(project.display(project.strings_dir / f"{language}.yaml"))
        for section_id in sections:
            files.update(self.section_files.get((topic, section_id), ()))
        return files


THEME_FILE = "theme.yaml"


def load_library(project: Project) -> Library:
    """Load and validate every section, manifest and string table; never raises for a
    content problem: each is recorded in `errors`, and `blocking` says whom it stops."""
    library = Library(project)
    errors: list[ContentError] = []
    for topic_dir in _subfolders(project.content_dir):
        _load_topic(library, errors, topic_dir)
    for path in _files(project.leaflets_dir, (".yaml", ".yml")):
        library.manifests[path.stem] = project.display(path)
        leaflet = _collect(errors, _remembered, library, path, Leaflet, True)
        if leaflet is not None:
            library.leaflets[leaflet.id] = leaflet
    for path in _files(project.strings_dir, (".yaml",)):
        strings = _collect(errors, _remembered, library, path, Strings, False)
        if strings is not None:
            library.strings[path.stem] = strings
    theme_path = project.styles_dir / THEME_FILE
    library.theme = _collect(errors, _remembered, library, theme_path, Theme, False)
    errors.extend(_cross_check(library))
    errors.extend(lint.library_errors(library))
    library.errors = ContentErrors(errors).errors if errors else []
    return library


def _load_topic(library: Library, errors: list[ContentError], topic_dir: Path) -> None:
    """Load the sections of one topic folder into the library."""
    project, topic = library.project, topic_dir.name
    library.sections[topic] = {}
    for path in _files(topic_dir, SECTION_SUFFIXES):
        if path.name == TOPIC_FILE:
            continue
        library.section_files.setdefault((topic, path.stem), []).append(project.display(path))
        section = _collect(errors, _remembered, library, path, Section, False)
        if section is None:
            library.broken.add((topic, path.stem))
            continue
        if section.id in library.sections[topic]:
            errors.append(_duplicate(project, path, library.paths[(topic, section.id)]))
            continue
        library.sections[topic][section.id] = section
        library.paths[(topic, section.id)] = project.display(path)


MAX_CONTACT_BYTES = 16 * 1024  # a contact profile is five short lines


def load_contact(path: Path, display: str | None = None) -> ContactProfile:
    """Load and validate a ward's contact profile (--contact FILE). Raises ContentErrors.

    `display` is how messages name the file (default: the path as given). A file that is
    not a contact profile at all (a secret, a manifest) is named once, never echoed."""
    display = display or path.as_posix()
    try:
        raw = read_bytes(path, MAX_CONTACT_BYTES)
    except FileRefused as refused:
        raise ContentErrors([ContentError(display, None, None, refused.problem)]) from None
    try:
        text = decode_text(raw, display)  # an empty or binary file is named as such
    except ContentErrorRaised as exc:
        raise ContentErrors([exc.error]) from None
    try:
        source = parse_yaml(text, display)
    except ContentErrorRaised as exc:  # a profile's own YAML mistake gets its line
        if re.search(rb"^(department|phone|opening_hours):", raw, re.MULTILINE):
            raise ContentErrors([exc.error]) from None
        source = None
    known = set(ContactProfile.model_fields)
    if source is None or not isinstance(source.data, dict) or not known & set(source.data):
        raise ContentErrors([ContentError(display, None, None, NOT_A_CONTACT)])
    return _validate(ContactProfile, source.data, source)


NOT_A_CONTACT = ("this is not a contact profile: expected YAML fields department, phone and "
                 "opening_hours (see docs/printing.md)")


def _collect(errors: list[ContentError], loader, *args) -> Any:
    """Run one loader, turning its problems into entries of `errors`."""
    try:
        return loader(*args)
    except ContentErrorRaised as exc:
        errors.append(exc.error)
    except ContentErrors as exc:
        errors.extend(exc.errors)
    return None


@dataclass(frozen=True)
class _Loaded:
    """What loading one file's bytes gave: its model or its problems, and its Source; with
    the file's stamp then, and the stamps of the files the result also depends on (a
    section's images)."""

    raw: bytes
    stamp: tuple | None
    settled: bool  # the stamp was taken well after the file's last change (see _settled)
    depends: tuple[tuple[str, tuple | None], ...]
    value: Any
    problems: BaseException | None
    source: Source | None


# A warm process (build --watch, serve) loads the project again after every save: a file
# whose bytes, and whose images' stamps, did not change is not parsed and checked again.
_LOADED: dict[tuple[str, str, str], _Loaded] = {}
# File times tick coarsely (a few ms; 2 s on FAT): two saves of the same size within one
# tick can leave the same stamp. A file changed less than this long before its stamp was
# taken is compared byte for byte instead.
SETTLED_NS = 3_000_000_000


def _stamp(path: Path | str) -> tuple | None:
    """Return what changes when a file is written, replaced, or its link pointed elsewhere:
    what decides whether the build may read it (files.check_file) and, with the inode's
    change time, whether its bytes can have changed."""
    try:
        link = os.lstat(path)
    except OSError:
        return None
    try:
        target = os.stat(path) if S_ISLNK(link.st_mode) else link
    except OSError:
        target = None  # a link to nothing
    return tuple(None if s is None else (s.st_dev, s.st_ino, s.st_mode, s.st_size,
                                         s.st_mtime_ns, s.st_ctime_ns) for s in (link, target))


def _settled(stamp: tuple | None, now_ns: int) -> bool:
    """Whether a stamp taken at `now_ns` can only repeat if the file is left alone."""
    if stamp is None or stamp[1] is None:
        return False
    return all(now_ns - max(part[4], part[5]) > SETTLED_NS for part in stamp)


def _remembered(library: Library, path: Path, model, with_id: bool):
    """Load one file (a section with its model Section, or a manifest, strings or theme),
    from memory when it is the file of the last time it was loaded in this process, and
    the images it names have their stamps of then: the same stamp taken long after its
    last change, or else the same bytes."""
    project = library.project
    display = project.display(path)
    key = (str(project.root), str(path), model.__name__)
    known = _LOADED.get(key)
    now, stamp = time.time_ns(), _stamp(path)
    if known is not None and any(_stamp(name) != was for name, was in known.depends):
        known = None
    if known is not None and known.settled and stamp == known.stamp:
        try:  # the same file, but it may now lie elsewhere (a folder moved, a link put in)
            check_file(path, MAX_FILE_BYTES, project.root)
        except FileRefused:
            known = None
    if known is None or not (known.settled and stamp == known.stamp):
        try:
            raw = read_bytes(path, MAX_FILE_BYTES, project.root)
        except FileRefused as refused:
            raise ContentErrorRaised(ContentError(display, None, None, refused.problem)
                                     ) from None
        if known is not None and known.raw == raw:
            known = replace(known, stamp=stamp, settled=_settled(stamp, now))
        else:
            known = _load(library, path, raw, model, with_id, stamp, _settled(stamp, now))
        _LOADED[key] = known
    if known.source is not None:
        library.sources[display] = known.source
    if known.problems is not None:
        raise known.problems.with_traceback(None)  # the same problems, no growing traceback
    return known.value


def _load(library: Library, path: Path, raw: bytes, model, with_id: bool,
          stamp: tuple | None, settled: bool) -> _Loaded:
    """Parse and check one file's bytes; return the result with what it depends on."""
    project = library.project
    depends: list[Path] = []
    value, problems = None, None
    try:
        value = (_load_section(project, path, raw, library, depends) if model is Section
                 else _load_model(project, path, raw, model, library, with_id))
    except (ContentErrorRaised, ContentErrors) as exc:
        problems = exc
    return _Loaded(raw, stamp, settled, tuple((str(d), _stamp(d)) for d in depends), value,
                   problems, library.sources.get(project.display(path)))


def _load_section(project: Project, path: Path, raw: bytes, library: Library,
                  depends: list[Path]) -> Section:
    display = project.display(path)
    text = decode_text(raw, display)
    if path.suffix == ".md":
        header, first_line, body = split_front_matter(text, display)
        source = parse_yaml(header, display, first_line)
        if not isinstance(source.data, dict):
            raise ContentErrors([ContentError(display, 1, None, "the header must be YAML fields (name: value)")])
        _refuse_field(source, "body", "the text goes below the header, not in a 'body' field")
        source.lines[("body",)] = first_line + header.count("\n")  # the closing '---'
        source.add_text(("body",), source.lines[("body",)] + 1, body)
        data = {**source.data, "body": body}
    else:
        source = parse_yaml(text, display)
        data = _mapping(source)
    _refuse_field(source, "id", "the id is the file name; remove this field")
    library.sources[display] = source
    with placeholders.refused(text, source):  # a placeholder left by `leafletgen new`
        section = _validate(Section, {**data, "id": path.stem}, source)
        for image in section.images:  # the folder too: a file added next to a missing one
            depends.extend((path.parent / image.src, (path.parent / image.src).parent))
        _raise_any(lint.section_errors(section, source)
                   + image_file_errors(project, path.parent, section, source))
    return section


def image_file_errors(project: Project, folder: Path, section: Section,
                      source: Source) -> list[ContentError]:
    """Return a problem for each image file that is missing, or that the build may not read
    (outside the project, not a regular file, too big). Nothing is opened here."""
    errors = []
    for index, image in enumerate(section.images):
        loc = ("images", index, "src")
        try:
            check_file(folder / image.src, MAX_IMAGE_BYTES, inside=project.root)
        except FileRefused as refused:
            errors.append(ContentError(source.path.as_posix(), source.line(loc),
                                       field_name(loc), f"{image.src}: {refused.problem}"))
    return errors


def _load_model(project: Project, path: Path, raw: bytes, model, library: Library,
                with_id: bool):
    display = project.display(path)
    text = decode_text(raw, display)
    source = parse_yaml(text, display)
    data = _mapping(source)
    library.sources[display] = source
    if with_id:
        _refuse_field(source, "id", "the id is the file name; remove this field")
        data = {**data, "id": path.stem}
    with placeholders.refused(text, source):  # a placeholder left by `leafletgen new`
        value = _validate(model, data, source)
        if isinstance(value, Leaflet):
            _raise_any(lint.leaflet_errors(value, source))
        if isinstance(value, Theme):
            _raise_any(lint.theme_errors(value, source))
    return value


def _raise_any(errors: list[ContentError]) -> None:
    if errors:
        raise ContentErrors(errors)


def _mapping(source: Source) -> dict:
    if not isinstance(source.data, dict):
        raise ContentErrors([ContentError(source.path.as_posix(), 1, None,
                                          "expected YAML fields (name: value) at the top level")])
    return source.data


def _refuse_field(source: Source, name: str, problem: str) -> None:
    if isinstance(source.data, dict) and name in source.data:
        raise ContentErrors([ContentError(source.path.as_posix(), source.line((name,)), name, problem)])


def _validate(model, data: dict, source: Source):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ContentErrors(describe_errors(exc, model, source)) from None


def _cross_check(library: Library) -> list[ContentError]:
    """Check what one file alone cannot: manifests name topics and sections that exist."""
    errors = []
    for leaflet_id, leaflet in library.leaflets.items():
        path = library.manifest_path(leaflet_id)
        topic_sections = library.sections.get(leaflet.topic)
        if topic_sections is None:
            topics = ", ".join(sorted(library.sections)) or "none"
            errors.append(ContentError(path, library.manifest_line(leaflet_id, ("topic",)), "topic",
                                       f"no folder content/{leaflet.topic}/; topics found: {topics}"))
            continue
        for index, section_id in enumerate(leaflet.sections):
            if section_id not in topic_sections and (leaflet.topic, section_id) not in library.broken:
                found = ", ".join(sorted(topic_sections)) or "none"
                errors.append(ContentError(
                    path, library.manifest_line(leaflet_id, ("sections", index)),
                    field_name(("sections", index)),
                    f"no section '{section_id}' in content/{leaflet.topic}/; sections found: {found}"))
        if leaflet.language not in library.strings:
            errors.append(ContentError(path, library.manifest_line(leaflet_id, ("language",)),
                                       "language", f"no interface words for '{leaflet.language}' "
                                       f"in templates/strings/"))
    return errors


def _duplicate(project: Project, path: Path, first: str) -> ContentError:
    """Two files of one topic give the same section id (wat-is-mmn.md and .yaml)."""
    return ContentError(project.display(path), None, None,
                        f"section id '{path.stem}' is also used by {first}; "
                        f"rename or remove one of the two files")


def _subfolders(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def _files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()  # symlinks too, so _read can refuse them
                  if (p.is_file() or p.is_symlink()) and p.suffix in suffixes
                  and not p.name.startswith("."))
