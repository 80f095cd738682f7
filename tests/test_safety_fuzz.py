"""Property: whatever a content file holds, loading gives models or the project's own errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leafletgen.build import load
from leafletgen.models import Section
from leafletgen.report import check_project
from projectkit import REPO, make_project

MMN_FILES = {  # (file in the scratch project, the real file it is mutated from)
    "content/demo/eerste.md": REPO / "content/mmn/wat-is-mmn.md",
    "content/demo/vragen.yaml": REPO / "content/mmn/immuunglobulinepreparaten.yaml",
    "leaflets/demo.yaml": REPO / "leaflets/mmn.yaml",
}


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("fuzz"))


def mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """Apply (position, length to cut, bytes to insert) edits, positions wrapped to size."""
    for position, cut, insert in edits:
        at = position % (len(data) + 1)
        data = data[:at] + insert + data[at + cut:]
    return data


YAML_BITS = st.sampled_from([b":", b"- ", b"\n", b"  ", b"---\n", b"&a ", b"*a", b"[", b"]",
                             b"{", b"}", b"!!python/object:os.system ", b"\t", b"'", b'"',
                             b"\xff", b"\x00", b"<<: ", b"? ", b"|\n", b"#", b"%YAML 1.1\n",
                             b"2026-13-45", b"~", b"audiences: [x]\n", b"id: x\n"])
EDITS = st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 40),
                           st.one_of(YAML_BITS, st.binary(max_size=12),
                                     st.text(max_size=12).map(str.encode))), max_size=6)


def assert_loads_or_reports(root: Path, name: str, data: bytes) -> None:
    path = root / name
    original = path.read_bytes() if path.exists() else None
    path.write_bytes(data)
    try:
        library = load(root)  # never raises for content: problems are listed
        assert all(e.problem for e in library.errors)
        assert all(isinstance(s, Section) for t in library.sections.values()
                   for s in t.values())
        check_project(root, dt.date(2026, 6, 1))  # findings and readability never crash
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(sorted(MMN_FILES)), edits=EDITS)
def test_mutated_content_files_load_or_raise_content_errors(scratch, name, edits):
    assert_loads_or_reports(scratch, name, mutate(MMN_FILES[name].read_bytes(), edits))


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(sorted(MMN_FILES)),
       data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_random_content_files_load_or_raise_content_errors(scratch, name, data):
    assert_loads_or_reports(scratch, name, data)
