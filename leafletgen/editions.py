"""What a batch job makes (a PDF, a web page or the catalogue page), in which order the
batch runs them, and how each is resolved and written."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .batch import Job
from .build import Built
from .errors import UsageError
from .formats import HTML
from .loader import Library

CATALOGUE = "html catalogue"  # the catalogue job's `leaflet`: no leaflet id has a space


def check_web_options(format: str | None, **options) -> None:
    """Refuse print options for the web edition (a usage error naming them): it has one
    page per audience, which readers enlarge themselves and print from the browser."""
    given = [f"--{name.replace('_', '-')}" for name, value in options.items() if value]
    if format == HTML and given:
        raise UsageError(f"--format html makes one web page per audience, which readers "
                         f"can enlarge and print themselves; leave out {', '.join(given)}")


def is_web(job: Job) -> bool:
    """Return True for a job of the HTML edition (a page or the catalogue)."""
    return getattr(job.options, "format", None) == HTML


def phase(job: Job) -> int:
    """Return when a job runs: PDFs (0) before web pages (1), which offer those PDFs and
    read them, before the catalogue (2), which lists the pages."""
    if not is_web(job):
        return 0
    return 2 if job.leaflet == CATALOGUE else 1


def phases(jobs: list[Job]) -> list[tuple[list[int], bool]]:
    """Return the jobs' indices grouped by phase, in order, each with whether it is worth
    a process pool (web pages take milliseconds; PDFs take seconds)."""
    found: dict[int, list[int]] = {}
    for index, job in enumerate(jobs):
        found.setdefault(phase(job), []).append(index)
    return [(found[key], key == 0) for key in sorted(found)]


def with_catalogue(jobs: list[Job]) -> list[Job]:
    """Return the jobs, plus the catalogue page after them if any makes a web page."""
    web = [job for job in jobs if is_web(job)]
    if not web or any(job.leaflet == CATALOGUE for job in web):
        return jobs
    return jobs + [Job(CATALOGUE, "", replace(web[0].options))]


def read_from_output(jobs: list[Job]) -> list[Path]:
    """Return the file in the output folder whose change means web pages may differ: the
    build cache, rewritten whenever a PDF or page is built there (pages offer those PDFs,
    the catalogue lists those pages). The start-up memo watches it like an output."""
    from .cache import CACHE_NAME

    return sorted({job.options.out_dir / CACHE_NAME for job in jobs if is_web(job)})


def resolve(library: Library, job: Job):
    """Return the job's inputs: a PDF's, a web page's or the catalogue's. Raises
    ContentErrors or LeafletError when they cannot be resolved."""
    if not is_web(job):
        from .inputs import resolve_inputs

        return resolve_inputs(library, job.leaflet, job.audience, job.options)
    if job.leaflet == CATALOGUE:
        from .catalogue import resolve_catalogue

        return resolve_catalogue(library, job.options)
    from .htmledition import resolve_edition

    return resolve_edition(library, job.leaflet, job.audience, job.options)


def write(inputs) -> Built:
    """Make and write what `inputs` describe; return what was written."""
    from .catalogue import CatalogueInputs
    from .htmledition import EditionInputs

    if isinstance(inputs, CatalogueInputs):
        from .catalogue import write_catalogue

        return write_catalogue(inputs)
    if isinstance(inputs, EditionInputs):
        from .htmledition import write_edition

        return write_edition(inputs)
    from .build import write_leaflet

    return write_leaflet(inputs)
