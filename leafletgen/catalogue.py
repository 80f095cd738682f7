"""The catalogue page (build/html/index.html): every leaflet with a web page in the folder,
grouped and sorted the way a patient looks for one. Inputs resolved once, like a page's."""

from __future__ import annotations

import shutil
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .audiences import audiences_served
from .build import Built
from .errors import LeafletError
from .htmledition import VARIANTS
from .inputs import BuildOptions
from .loader import Library
from .models import AUDIENCES, LANGUAGES, Leaflet, Strings
from .published import SITE_FOLDER, page_folder
from .renderer import renderer_identity
from .review import ReviewDates, review_dates
from .sitefiles import SiteParts, as_json, digest, read_site_parts, render_template
from .sitefiles import write_site_files

TEMPLATE = "html/catalogue.html.j2"


@dataclass(frozen=True)
class Entry:
    """One leaflet in the catalogue."""

    leaflet: Leaflet
    audiences: tuple[str, ...]  # those with a page in the folder, in a patient's order
    review: ReviewDates  # of the sections those pages hold
    formats: tuple[str, ...]  # what it is available as, in the leaflet's words


@dataclass(frozen=True)
class Group:
    """The leaflets in one language, sorted by title."""

    language: str
    strings: Strings
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class CatalogueInputs:
    """Everything the catalogue page is made from, already read."""

    options: BuildOptions
    strings: Strings  # the page's own words: the language most leaflets are in
    groups: tuple[Group, ...]  # that language first
    site: SiteParts
    renderer: tuple[tuple[str, str], ...]
    stale: tuple[str, ...] = ()  # page folders no leaflet makes any more: removed
    leaflet_id: str = ""  # not one leaflet's: for what the batch reports
    audience: str = ""
    warnings: tuple[str, ...] = ()
    weight = 1  # milliseconds, like a page

    @property
    def name(self) -> str:
        return f"{SITE_FOLDER}/index.html"

    @property
    def language(self) -> str:
        return self.groups[0].language

    @cached_property
    def fingerprint(self) -> str:
        """Return the hash of every input: equal fingerprints, equal pages."""
        listed = [[g.language, g.strings.model_dump_json(),
                   [[e.leaflet.model_dump_json(), e.audiences, str(e.review.last),
                     str(e.review.next), e.formats] for e in g.entries]] for g in self.groups]
        return digest([("catalogue", as_json(listed)), ("stale", as_json(self.stale)),
                       ("strings",
                                                        self.strings.model_dump_json()),
                       *self.site.fingerprint_parts(), ("renderer", as_json(self.renderer))])


def resolve_catalogue(library: Library, options: BuildOptions) -> CatalogueInputs:
    """Return the catalogue's inputs: every leaflet that can be built and has a page in the
    output folder's html/ (those of earlier builds too). Raises LeafletError if none has."""
    entries = [entry for leaflet_id in library.ready()
               if (entry := _entry(library, leaflet_id, options)) is not None]
    if not entries:
        raise LeafletError(f"no leaflet has a web page in {options.out_dir / SITE_FOLDER} "
                           "yet, so the catalogue would be empty")
    counts = Counter(e.leaflet.language for e in entries)
    # The page speaks the language most leaflets are in (a tie: the first of LANGUAGES).
    languages = sorted(counts, key=lambda lang: (-counts[lang], LANGUAGES.index(lang)))
    groups = tuple(Group(lang, library.strings[lang], tuple(sorted(
        (e for e in entries if e.leaflet.language == lang), key=_title_order)))
        for lang in languages)
    return CatalogueInputs(options, library.strings[languages[0]], groups,
                           read_site_parts(library), renderer_identity(),
                           stale_pages(library, options.out_dir / SITE_FOLDER))


def stale_pages(library: Library, site: Path) -> tuple[str, ...]:
    """Return the page folders in `site` ('old/treatment/') that no leaflet makes any more:
    every page of a leaflet whose manifest is gone, and the pages of audiences a leaflet
    no longer serves. A leaflet that does not load keeps its pages until it is fixed; only
    pages a build wrote into this output folder, still as written, are considered."""
    from .cache import BuildCache

    written = BuildCache.load(site.parent)
    found = []
    ready = set(library.ready())
    for leaflet_dir in _folders(site):
        leaflet_id = leaflet_dir.name
        if leaflet_id in library.manifests and leaflet_id not in ready:
            continue  # broken for now: its last good pages stay
        served = set() if leaflet_id not in ready else set(audiences_served(
            library.leaflets[leaflet_id], library.sections[library.leaflets[leaflet_id].topic]))
        for page_dir in _folders(leaflet_dir):
            page = page_folder(leaflet_id, page_dir.name)
            if (page_dir.name in AUDIENCES and page_dir.name not in served
                    and written.written(f"{site.name}/{page}index.html")):
                found.append(page)
    return tuple(found)


def _folders(folder: Path) -> list[Path]:
    """Return the real folders (not links) directly in `folder`, by name."""
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink())
    except OSError:
        return []


def _entry(library: Library, leaflet_id: str, options: BuildOptions) -> Entry | None:
    """Return a leaflet's entry, or None if none of its audiences has a page yet."""
    leaflet = library.leaflets[leaflet_id]
    sections = library.sections[leaflet.topic]
    site = options.out_dir / SITE_FOLDER
    audiences = tuple(a for a in audiences_served(leaflet, sections)
                      if (site / page_folder(leaflet_id, a) / "index.html").is_file())
    if not audiences:
        return None
    shown = [sections[s] for s in leaflet.sections
             if any(a in sections[s].audiences for a in audiences)]
    words = library.strings[leaflet.language].edition
    formats = (words.web_page,) + tuple(
        words.formats[variant] for variant, fmt, large in VARIANTS
        if fmt in leaflet.formats and (leaflet.large_print or not large))
    return Entry(leaflet, audiences, review_dates(leaflet, shown), formats)


def _title_order(entry: Entry) -> tuple[str, str]:
    """Sort by title as a reader does: 'Één' with the E's, case ignored."""
    bare = unicodedata.normalize("NFKD", entry.leaflet.title)
    return ("".join(c for c in bare if not unicodedata.combining(c)).casefold(),
            entry.leaflet.id)


def render_catalogue(inputs: CatalogueInputs) -> dict[str, bytes]:
    """Return the catalogue's files: index.html, style.css and the typeface."""
    publishers = sorted({e.leaflet.publisher.name for g in inputs.groups for e in g.entries})
    html = render_template(
        inputs.site.templates, TEMPLATE, lang=inputs.language, t=inputs.strings,
        groups=inputs.groups, grouped=len(inputs.groups) > 1, publishers=publishers,
        publisher=publishers[0] if len(publishers) == 1 else None)
    files = {"index.html": html.encode("utf-8"),
             "style.css": inputs.site.style_css().encode("utf-8")}
    files.update(inputs.site.fonts)
    return files


def write_catalogue(inputs: CatalogueInputs) -> Built:
    """Write build/html/index.html with its stylesheet and typeface, and remove the page
    folders no leaflet makes any more; return what was written."""
    folder = inputs.options.out_dir / SITE_FOLDER
    path = write_site_files(folder, render_catalogue(inputs), prune=False)
    for stale in inputs.stale:
        page = folder / stale
        shutil.rmtree(page, ignore_errors=True)  # a page folder is leafletgen's; links in
        try:  # it are removed, never followed
            page.parent.rmdir()  # the leaflet's folder, once it holds no page
        except OSError:
            pass
    return Built("", "", path, 0, inputs.warnings)
