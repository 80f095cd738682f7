"""What renders the PDF: versions read without WeasyPrint, and WeasyPrint imported cheaply."""

import json
import os
import subprocess
import sys

import pytest

from helpers import REPO
from leafletgen import renderer, sharedlibs
from leafletgen.renderer import renderer_versions

# Run in a fresh interpreter: counts the processes started (audit events) while CODE runs.
PROBE = """
import json, sys
started = []
sys.addaudithook(lambda event, args: started.append(event)
                 if event in ("subprocess.Popen", "os.posix_spawn", "os.exec") else None)
{code}
print(json.dumps({{"started": started, "modules": sorted(sys.modules), **out}}))
"""


def probe(code: str) -> dict:
    result = subprocess.run([sys.executable, "-c", PROBE.format(code=code)], cwd=REPO,
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout.splitlines()[-1])


def test_renderer_versions_import_no_renderer_and_start_no_process():
    found = probe("from leafletgen.renderer import renderer_versions\n"
                  "out = {'versions': renderer_versions()}")
    assert found["started"] == []
    heavy = {"weasyprint", "cffi", "pikepdf", "pydyf", "fontTools"} & set(found["modules"])
    assert heavy == set()
    assert set(found["versions"]) == {"weasyprint", "pydyf", "fonttools", "pikepdf", "pango",
                                      "harfbuzz", "harfbuzz_subset"}


def test_package_versions_are_those_of_the_imported_packages():
    import fontTools
    import pikepdf
    import pydyf
    import weasyprint

    found = renderer_versions()
    assert (found["weasyprint"], found["pydyf"], found["fonttools"], found["pikepdf"]) == (
        weasyprint.__version__, pydyf.__version__, fontTools.version, pikepdf.__version__)


def test_library_versions_are_those_weasyprint_loaded():
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset, pango

    found = renderer_versions()
    major, minor, micro = (int(n) for n in found["pango"].split("."))
    assert pango.pango_version() == major * 10000 + minor * 100 + micro
    hb = tuple(int(n) for n in found["harfbuzz"].split("."))
    assert harfbuzz.hb_version_atleast(*hb)
    assert not harfbuzz.hb_version_atleast(hb[0], hb[1], hb[2] + 1)
    assert found["harfbuzz_subset"] is (harfbuzz_subset is not None)


@pytest.mark.parametrize("file_name, version", [
    ("libpango-1.0.so.0.5000.12", "1.50.12"),  # Debian 12: stable minor, interface age 12
    ("libpango-1.0.so.0.5101.0", "1.51.1"),  # an odd (development) minor: interface age 0
    ("libpango-1.0.so.0.5600.3", "1.56.3"),
])
def test_pango_version_is_read_from_the_library_file_name(fake_libraries, file_name, version):
    fake_libraries(file_name, "libharfbuzz.so.0.60000.0")
    assert renderer_versions()["pango"] == version


@pytest.mark.parametrize("file_name, version", [
    ("libharfbuzz.so.0.60000.0", "6.0.0"),
    ("libharfbuzz.so.0.80301.0", "8.3.1"),
    ("libharfbuzz.so.0.100200.0", "10.2.0"),
])
def test_harfbuzz_version_is_read_from_the_library_file_name(fake_libraries, file_name, version):
    fake_libraries("libpango-1.0.so.0.5000.12", file_name)
    assert renderer_versions()["harfbuzz"] == version


def test_harfbuzz_subset_is_reported_only_when_its_library_is_there(fake_libraries):
    fake_libraries("libpango-1.0.so.0.5000.12", "libharfbuzz.so.0.60000.0")
    assert renderer_versions()["harfbuzz_subset"] is False
    fake_libraries("libpango-1.0.so.0.5000.12", "libharfbuzz.so.0.60000.0",
                   "libharfbuzz-subset.so.0.60000.0")
    assert renderer_versions()["harfbuzz_subset"] is True


def test_the_renderer_identity_changes_with_harfbuzz_subset(fake_libraries):
    libraries = ("libpango-1.0.so.0.5000.12", "libharfbuzz.so.0.60000.0")
    fake_libraries(*libraries)
    without = dict(renderer.renderer_identity())
    fake_libraries(*libraries, "libharfbuzz-subset.so.0.60000.0")
    with_subset = dict(renderer.renderer_identity())
    assert {k for k in without if without[k] != with_subset[k]} == {"harfbuzz_subset"}
    assert (with_subset["pango"], with_subset["harfbuzz"]) == ("1.50.12", "6.0.0")


def test_a_library_named_another_way_is_reported_by_its_file_name(fake_libraries):
    fake_libraries("libpango-1.0.so.1", "libharfbuzz.so.0.60000.0")
    assert renderer_versions()["pango"] == "libpango-1.0.so.1"


def test_missing_libraries_are_reported_as_none(fake_libraries):
    fake_libraries()
    found = renderer_versions()
    assert (found["pango"], found["harfbuzz"], found["harfbuzz_subset"]) == (None, None, False)


def test_the_loader_order_decides_between_two_copies(tmp_path, monkeypatch):
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, version in ((first, "60000"), (second, "80300")):
        folder.mkdir()
        (folder / f"libharfbuzz.so.0.{version}.0").write_bytes(b"")
        (folder / "libharfbuzz.so.0").symlink_to(f"libharfbuzz.so.0.{version}.0")
    monkeypatch.setenv("LD_LIBRARY_PATH", f"{second}:{first}")
    _clear_caches()
    try:
        assert sharedlibs.find_library("harfbuzz") == str(second / "libharfbuzz.so.0")
        assert sharedlibs.library_folders()[:2] == (str(second), str(first))
    finally:
        _clear_caches()


def test_importing_weasyprint_starts_no_process_and_defers_unneeded_modules():
    found = probe("import leafletgen.pdf\n"
                  "from leafletgen.renderer import renderer_versions\n"
                  "out = {'subset': renderer_versions()['harfbuzz_subset']}")
    assert found["started"] == []  # ctypes.util.find_library would start ldconfig, gcc, ld
    assert "weasyprint" in found["modules"]
    assert "fontTools.varLib" not in found["modules"]  # the variable-font instancer
    # fontTools' subsetter is WeasyPrint's fallback when HarfBuzz-Subset is missing
    assert ("fontTools.subset.cff" in found["modules"]) is (not found["subset"])


def test_deferred_modules_load_when_weasyprint_uses_them():
    found = probe(
        "import leafletgen.pdf\n"
        "import weasyprint.pdf.fonts as fonts\n"
        "from fontTools.ttLib import TTFont\n"
        "from leafletgen.fonts import font_dir\n"
        "static = TTFont(font_dir() / 'AtkinsonHyperlegible-Regular.ttf')\n"
        "try:\n"
        "    fonts.instantiateVariableFont(static, {'wght': 400})\n"
        "except ValueError as error:\n"
        "    out = {'error': str(error)}\n"
        "out['subsetter'] = fonts.subset.Subsetter.__module__\n"
        "import fontTools.varLib.instancer as instancer\n"
        "out['overlap'] = instancer.OverlapMode.__name__\n")
    assert found["error"] == "Missing required table fvar"  # fontTools' own answer
    assert found["subsetter"] == "fontTools.subset"
    assert found["overlap"] == "OverlapMode"
    assert "fontTools.varLib" in found["modules"]


def _clear_caches():
    for cached in (sharedlibs.library_folders, sharedlibs.find_library, sharedlibs._listing,
                   renderer._versions, renderer.renderer_identity):
        if hasattr(cached, "cache_clear"):  # library_folders may be the fixture's stand-in
            cached.cache_clear()


@pytest.fixture
def fake_libraries(tmp_path, monkeypatch):
    """Return a function: file names -> a library folder holding them (with soname links)
    that is the only one searched."""
    calls = iter(range(100))

    def make(*file_names: str) -> None:
        folder = tmp_path / f"lib{next(calls)}"
        folder.mkdir()
        for name in file_names:
            (folder / name).write_bytes(b"")
            stem, _, numbers = name.partition(".so.")
            soname = f"{stem}.so.{numbers.split('.')[0]}"
            if soname != name:
                os.symlink(name, folder / soname)
        monkeypatch.setattr(sharedlibs, "library_folders", lambda: (str(folder),))
        _clear_caches()

    yield make
    monkeypatch.undo()
    _clear_caches()
