"""Batch builds: unchanged PDFs are skipped, touched inputs rebuild only their users."""

import hashlib
import json
import os

import pytest
from typer.testing import CliRunner

from leafletgen.batch import Job, run_batch
from leafletgen.build import BuildOptions, load
from leafletgen.cache import CACHE_NAME
from leafletgen.cli import app

from helpers import REPO, demo_sections, make_project, write

AUDIENCES = ("newly-diagnosed", "pre-surgery", "treatment")


def quiet(*args, **kwargs):
    pass


def build_all(project, out, **kwargs):
    library = load(project)
    jobs = [Job("demo", a, BuildOptions(out_dir=out)) for a in AUDIENCES]
    return run_batch(library, jobs, echo=quiet, **kwargs)


def stamps(out):
    """Return each PDF's modification time in nanoseconds."""
    return {p.name: p.stat().st_mtime_ns for p in sorted(out.glob("*.pdf"))}


@pytest.fixture(scope="module")
def built_once(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    project = make_project(root / "project", sections=demo_sections())
    summary = build_all(project, root / "out", workers=2)
    return project, root / "out", summary


def test_first_batch_builds_every_audience_in_two_processes(built_once):
    project, out, summary = built_once
    assert [o.status for o in summary.outcomes] == ["built"] * 3
    assert sorted(stamps(out)) == [f"demo-{a}.pdf" for a in AUDIENCES]
    assert [p.name for p in out.iterdir() if p.name.endswith(".part")] == []


def test_rebuild_with_nothing_changed_writes_nothing(built_once):
    project, out, _ = built_once
    before, cache_before = stamps(out), (out / CACHE_NAME).stat().st_mtime_ns
    summary = build_all(project, out)
    assert [o.status for o in summary.outcomes] == ["unchanged"] * 3
    assert stamps(out) == before
    assert (out / CACHE_NAME).stat().st_mtime_ns == cache_before


def test_touching_one_section_rebuilds_only_the_pdfs_that_use_it(tmp_path):
    project = make_project(tmp_path / "project", sections=demo_sections())
    out = tmp_path / "out"
    build_all(project, out, workers=1)
    before = stamps(out)
    write(project, "content/demo/therapie.md",
          "---\ntitle: Therapie\naudiences: [treatment]\n---\nAndere tekst.\n")
    summary = build_all(project, out, workers=1)
    assert {o.job.audience: o.status for o in summary.outcomes} == {
        "newly-diagnosed": "unchanged", "pre-surgery": "unchanged", "treatment": "built"}
    after = stamps(out)
    assert [name for name in after if after[name] != before[name]] == ["demo-treatment.pdf"]


def test_changed_template_or_option_or_force_rebuilds_everything(built_once, tmp_path):
    project, out, _ = built_once
    assert [o.status for o in build_all(project, out, force=True).outcomes] == ["built"] * 3
    css = project / "styles/leaflet.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* touched */\n", encoding="utf-8")
    assert [o.status for o in build_all(project, out).outcomes] == ["built"] * 3


def test_a_deleted_or_replaced_pdf_is_built_again(built_once):
    project, out, _ = built_once
    (out / "demo-treatment.pdf").unlink()
    (out / "demo-pre-surgery.pdf").write_bytes(b"not the pdf we wrote")
    statuses = {o.job.audience: o.status for o in build_all(project, out).outcomes}
    assert statuses == {"newly-diagnosed": "unchanged", "pre-surgery": "built",
                        "treatment": "built"}


def test_a_failing_job_does_not_stop_the_others_and_exits_1(tmp_path):
    project = make_project(tmp_path / "p", sections={"alleen": ("treatment", "Tekst.")})
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(app, ["build", "--all", "--project", str(project), "--out", str(out)])
    assert result.exit_code == 0, result.output
    library = load(project)
    jobs = [Job("demo", a, BuildOptions(out_dir=out)) for a in ("pre-surgery", "treatment")]
    summary = run_batch(library, jobs, echo=quiet, force=True, workers=2)
    assert [o.status for o in summary.outcomes] == ["failed", "built"]
    assert "no section of this leaflet serves audience 'pre-surgery'" in summary.outcomes[0].message
    assert summary.line() == "built 1, unchanged 0, failed 1"


def test_cli_reports_unchanged_and_a_summary(built_once):
    project, out, _ = built_once
    result = CliRunner().invoke(app, ["build", "--all", "-j", "1", "--project", str(project),
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"unchanged {out / 'demo-treatment.pdf'}" in result.output
    assert result.output.rstrip().endswith("built 0, unchanged 3, failed 0")


def test_cache_file_names_each_pdf_with_its_fingerprint(built_once):
    _, out, _ = built_once
    entries = json.loads((out / CACHE_NAME).read_text(encoding="utf-8"))["entries"]
    assert sorted(e["path"] for e in entries.values()) == [f"demo-{a}.pdf" for a in AUDIENCES]
    assert all(len(e["fingerprint"]) == 64 for e in entries.values())


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_mmn_leaflet_built_twice_is_byte_identical(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    library = load(REPO)
    first, second = tmp_path / "first", tmp_path / "second"
    for out in (first, second):
        jobs = [Job("mmn", a, BuildOptions(out_dir=out)) for a in AUDIENCES]
        summary = run_batch(library, jobs, echo=quiet, workers=1)
        assert [o.status for o in summary.outcomes] == ["built"] * 3
    names = sorted(p.name for p in first.glob("*.pdf"))
    assert len(names) == 3
    assert [sha256(first / n) for n in names] == [sha256(second / n) for n in names]
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_longest_jobs_start_first_and_results_keep_the_job_order(tmp_path, monkeypatch):
    from leafletgen import build as builder

    project = make_project(tmp_path / "p", sections={
        "kort": ("pre-surgery", "Kort."),
        "lang": ("treatment", "Een veel langere tekst. " * 40),
        "midden": ("newly-diagnosed", "Een tekst van gemiddelde lengte. " * 8)})
    started = []

    def fake_write(inputs):
        started.append(inputs.audience)
        path = inputs.options.out_dir / inputs.name
        path.write_bytes(b"%PDF-1.7 stand-in")
        return builder.Built(inputs.leaflet_id, inputs.audience, path, 1)

    monkeypatch.setattr(builder, "write_leaflet", fake_write)
    summary = build_all(project, tmp_path / "out", workers=1)
    assert started == ["treatment", "newly-diagnosed", "pre-surgery"]
    assert [o.job.audience for o in summary.outcomes] == list(AUDIENCES)


def test_workers_are_forked_after_one_warm_up_in_the_parent(built_once, monkeypatch):
    from leafletgen import pdf

    project, out, _ = built_once
    calls = []
    monkeypatch.setattr(pdf, "warm_up", lambda *args: calls.append(args))
    build_all(project, out, force=True, workers=2)
    assert len(calls) == 1
    build_all(project, out, force=True, workers=1)  # in-process: the first build warms up
    assert len(calls) == 1
