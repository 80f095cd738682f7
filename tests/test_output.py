"""Writing outputs: atomic, and never outside the output folder."""

import pytest

from leafletgen.errors import LeafletError
from leafletgen.output import write_atomically


def test_write_replaces_the_file_and_leaves_no_temporary_files(tmp_path):
    write_atomically(tmp_path, "a.pdf", b"old")
    write_atomically(tmp_path, "a.pdf", b"new")
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]
    assert (tmp_path / "a.pdf").read_bytes() == b"new"


def test_failed_write_keeps_the_previous_file(tmp_path, monkeypatch):
    write_atomically(tmp_path, "a.pdf", b"good")

    def broken_replace(*args):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", broken_replace)
    with pytest.raises(OSError):
        write_atomically(tmp_path, "a.pdf", b"half")
    assert (tmp_path / "a.pdf").read_bytes() == b"good"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


def test_names_that_escape_the_folder_are_refused(tmp_path):
    with pytest.raises(LeafletError, match="outside"):
        write_atomically(tmp_path / "out", "../evil.pdf", b"x")
