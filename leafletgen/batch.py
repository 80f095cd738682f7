"""Builds many PDFs: skips unchanged ones, spreads the rest over processes, reports each."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import traceback
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .cache import BuildCache
from .errors import LeafletError
from .loader import Library
from .output import ensure_folder


@dataclass(frozen=True)
class Job:
    """One PDF to make: a leaflet for an audience, with build options."""

    leaflet: str
    audience: str
    options: object  # build.BuildOptions; any frozen dataclass with out_dir

    @property
    def label(self) -> str:
        if not self.audience:  # a leaflet that cannot be built at all
            return self.leaflet
        variant = getattr(self.options, "format", None)
        return " / ".join(str(p) for p in (self.leaflet, self.audience, variant) if p)


@dataclass
class Outcome:
    """What happened to one job: built, unchanged or failed."""

    job: Job
    status: str
    path: Path | None = None
    pages: int = 0
    message: str = ""
    warnings: tuple[str, ...] = ()  # e.g. an overdue review, from build_leaflet


@dataclass
class Summary:
    """Every job's outcome, in the order the jobs were given."""

    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failed(self) -> bool:
        return self.count("failed") > 0

    def line(self) -> str:
        return ", ".join(f"{status} {self.count(status)}"
                         for status in ("built", "unchanged", "failed"))

    def replay_lines(self) -> list[tuple[str, bool]]:
        """Return what the same batch prints when run again with nothing changed: each
        PDF unchanged (its warnings first), then the summary; (text, to stderr?)."""
        lines = []
        for outcome in self.outcomes:
            lines.extend((f"warning: {w}", True) for w in outcome.warnings)
            lines.append((f"unchanged {outcome.path}{_pages(outcome)}", False))
        again = Summary([Outcome(o.job, "unchanged") for o in self.outcomes])
        return lines + [(again.line(), False)]


def default_workers() -> int:
    """Return the number of processes a batch uses by default: one per core."""
    return os.cpu_count() or 1


def run_batch(library: Library, jobs: list[Job], *, workers: int | None = None,
              force: bool = False, debug: bool = False,
              echo: Callable[..., None] | None = None) -> Summary:
    """Build every job whose inputs changed (all with `force`); return what happened.

    A failing job is reported and the others go on. On Ctrl-C, finished PDFs are kept
    and recorded, unfinished ones leave nothing behind, and KeyboardInterrupt propagates."""
    echo = echo or _echo
    from .editions import phases

    outcomes: dict[int, Outcome] = {}
    # PDFs first: a web page offers the PDFs built beside it, and the catalogue lists the
    # pages; each phase resolves its inputs once the one before has written its files.
    for indices, parallel in phases(jobs):
        _run_phase(library, jobs, indices, outcomes,
                   (workers or default_workers()) if parallel else 1, force, debug, echo)
    summary = Summary([outcomes[i] for i in sorted(outcomes)])
    echo(summary.line())
    return summary


def _run_phase(library, jobs, indices, outcomes, workers, force, debug, echo) -> None:
    """Build the jobs at `indices` whose inputs changed (all with `force`)."""
    caches: dict[Path, BuildCache] = {}
    plan = []
    for index in indices:
        job = jobs[index]
        inputs = _resolve(library, job, debug)
        if isinstance(inputs, Outcome):
            outcomes[index] = inputs
            _report(echo, inputs)
            continue
        cache = caches.setdefault(job.options.out_dir, BuildCache.load(job.options.out_dir))
        entry = None if force else cache.fresh(inputs.name, inputs.fingerprint)
        if entry:
            outcomes[index] = Outcome(job, "unchanged", job.options.out_dir / inputs.name,
                                      entry.get("pages", 0), warnings=inputs.warnings)
            _report(echo, outcomes[index])
        else:
            plan.append((index, inputs))
    for out_dir in dict.fromkeys(inputs.options.out_dir for _, inputs in plan):
        ensure_folder(out_dir)  # one clear message for a bad --out, before any render
    try:
        _build_planned(plan, jobs, outcomes, caches, workers, debug, echo)
    finally:
        for cache in caches.values():
            cache.save()


def _resolve(library: Library, job: Job, debug: bool):
    """Return the job's inputs, or its failed Outcome when they cannot be resolved."""
    from .editions import resolve

    try:
        return resolve(library, job)  # a PDF's, a web page's or the catalogue's
    except LeafletError as error:
        return Outcome(job, "failed", message=str(error))
    except Exception as error:  # a bug must not lose the other leaflets
        return Outcome(job, "failed", message=_internal(error, debug))


def _internal(error: Exception, debug: bool) -> str:
    message = traceback.format_exc() if debug else f"{type(error).__name__}: {error}"
    return f"internal error: {message}"


def _echo(message: str, err: bool = False) -> None:
    print(message, file=sys.stderr if err else sys.stdout)


def _report(echo, outcome: Outcome) -> None:
    """Print one outcome: its warnings, then what happened, with the PDF's path."""
    for warning in outcome.warnings:
        echo(f"warning: {warning}", err=True)
    if outcome.status == "failed":
        lines = outcome.message.splitlines() or [""]
        text = lines[0] if len(lines) == 1 else "\n" + "\n".join("  " + l for l in lines)
        echo(f"error: {outcome.job.label}: {text}", err=True)
    else:
        echo(f"{outcome.status} {outcome.path}{_pages(outcome)}")


def _pages(outcome: Outcome) -> str:
    return f" ({outcome.pages} pages)" if outcome.pages else ""  # a web page has none


def _build_planned(plan, jobs, outcomes, caches, workers, debug, echo) -> None:
    """Run the planned jobs, recording each result as it arrives."""
    if not plan:
        return
    plan = sorted(plan, key=lambda item: -item[1].weight)  # longest first: no slow tail
    with _runner([inputs for _, inputs in plan], [jobs[i] for i, _ in plan], workers,
                 debug) as results, _progress(len(plan)) as advance:
        for position, outcome in results:
            index, inputs = plan[position]
            outcomes[index] = outcome
            if outcome.status == "built":
                caches[outcome.job.options.out_dir].record(inputs.fingerprint, outcome.path,
                                                           outcome.pages)
            _report(echo, outcome)
            advance(outcome.job.label)


def plan_jobs(library: Library, options, audience: str | None, leaflet_id: str | None,
              format: str | None) -> list[Job]:
    """Return the jobs a `build` asks for: one leaflet for one audience, or with no
    audience every leaflet (or the one named) for every audience and format."""
    if audience is None:
        return jobs_for_all(library, options, leaflet_id, format)
    from .build import default_leaflet

    return [Job(leaflet_id or default_leaflet(library), audience, options)]


def jobs_for_all(library: Library, options, leaflet_id: str | None = None,
                 format: str | None = None) -> list[Job]:
    """Return a job for every leaflet x served audience x format: the format given, or
    each format the leaflet's manifest lists, plus A4 large print where it says so."""
    from dataclasses import replace

    from .build import build_targets
    from .formats import FORMATS

    # A leaflet a content problem blocks is one failing job: its problems get reported.
    jobs = [Job(lid, "", options) for lid in library.broken_leaflets()
            if leaflet_id in (None, lid)]
    for lid, audience in build_targets(library, leaflet_id):
        leaflet = library.leaflets[lid]
        for fmt in ([format] if format else leaflet.formats):
            if options.large_print and not format and FORMATS.get(fmt, FORMATS["a4"]).small_pages:
                continue  # large print is made on A4 only (inputs.check_large_print)
            jobs.append(Job(lid, audience, replace(options, format=fmt)))
            if fmt == "a4" and leaflet.large_print and not options.large_print:
                jobs.append(Job(lid, audience, replace(options, format=fmt, large_print=True)))
    return jobs


def build_one(inputs, job: Job, debug: bool = False) -> Outcome:
    """Build one job from its resolved inputs; a problem becomes a failed outcome instead
    of stopping the batch."""
    from .editions import write

    try:
        built = write(inputs)
    except LeafletError as error:
        return Outcome(job, "failed", message=str(error))
    except Exception as error:  # a bug in one leaflet must not lose the others
        return Outcome(job, "failed", message=_internal(error, debug))
    out_dir = job.options.out_dir  # the path as the user gave it, e.g. build/html/...
    path = out_dir / built.path.resolve().relative_to(out_dir.resolve())
    return Outcome(job, "built", path, built.pages, warnings=built.warnings)


class _runner:
    """Yields (position, outcome) for each job: in this process, or in a process pool."""

    def __init__(self, inputs: list, jobs: list[Job], workers: int, debug: bool):
        self.inputs, self.jobs, self.debug = inputs, jobs, debug
        self.workers = max(1, min(workers, len(jobs)))
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Iterator[tuple[int, Outcome]]:
        if self.workers == 1:
            return ((i, build_one(inputs, job, self.debug))
                    for i, (inputs, job) in enumerate(zip(self.inputs, self.jobs)))
        from . import pdf  # WeasyPrint loads once here; forked workers share it

        first = self.inputs[0]
        pdf.warm_up(first.base_url, list(first.stylesheets), first.files)

        context = multiprocessing.get_context(
            "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        self.pool = ProcessPoolExecutor(self.workers, mp_context=context,
                                        initializer=_start_worker,
                                        initargs=(self.debug,))
        # Submitting starts (forks) the workers now, before the progress bar starts a thread.
        try:
            futures = {self.pool.submit(_work, inputs, job): i
                       for i, (inputs, job) in enumerate(zip(self.inputs, self.jobs))}
        except BaseException as error:  # Ctrl-C while starting: __exit__ would not run
            self.__exit__(type(error), error, None)
            raise
        return ((futures[f], _result(f, self.jobs[futures[f]])) for f in as_completed(futures))

    def __exit__(self, kind, error, trace) -> None:
        if self.pool is None:
            return
        if kind is not None:  # Ctrl-C or a crash: stop the workers, drop queued jobs
            self.pool.shutdown(wait=False, cancel_futures=True)
            _stop_workers(self.pool)
            _remove_partial_files({job.options.out_dir for job in self.jobs})
        self.pool.shutdown(wait=True)


def _result(future, job: Job) -> Outcome:
    """Return a worker's outcome; a worker that died is a failed job, not a crash."""
    try:
        return future.result()
    except Exception as error:  # BrokenProcessPool: the worker was killed (e.g. out of memory)
        return Outcome(job, "failed", message=f"the build process stopped: {error}")


_DEBUG = False


def _start_worker(debug: bool) -> None:
    """Set up a worker: Ctrl-C is the parent's to handle; SIGTERM unwinds (cleaning temp files)."""
    global _DEBUG
    _DEBUG = debug
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_signal)
    from multiprocessing.util import Finalize

    from .pdf import forget_styles  # a worker ends with os._exit: clean up its fonts first

    Finalize(None, forget_styles, exitpriority=10)


def _exit_on_signal(number, frame) -> None:
    raise SystemExit(128 + number)


def _work(inputs, job: Job) -> Outcome:
    return build_one(inputs, job, _DEBUG)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate the pool's processes and wait for them, so none writes after we return."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=10)


def _remove_partial_files(out_dirs) -> None:
    """Remove temporary PDFs a killed worker could not clean up (write_atomically's *.part)."""
    for out_dir in out_dirs:
        for temp in Path(out_dir).glob(".*.pdf.*.part"):
            temp.unlink(missing_ok=True)


class _progress:
    """A rich progress bar on stderr when it is a terminal; `advance(label)` moves it."""

    def __init__(self, total: int):
        self.total = total
        self.bar = None

    def __enter__(self) -> Callable[[str], None]:
        if not sys.stderr.isatty():  # no bar to draw: skip importing rich (~25 ms)
            return lambda label: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
        from rich.progress import TimeElapsedColumn

        console = Console(stderr=True)
        self.bar = Progress(TextColumn("{task.description}"), BarColumn(),
                            MofNCompleteColumn(), TimeElapsedColumn(), console=console,
                            transient=True, disable=not console.is_terminal)
        self.bar.start()
        task = self.bar.add_task("building", total=self.total)
        return lambda label: self.bar.update(task, advance=1, description=f"built {label}")

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()
