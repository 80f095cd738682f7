"""Selecting sections per audience: exactly the tagged ones, in manifest order."""

import pytest

from leafletgen.audiences import audiences_served, select_sections
from leafletgen.build import load

from helpers import REPO, demo_sections, make_project


@pytest.fixture(scope="module")
def mmn():
    library = load(REPO)
    return library.leaflets["mmn"], library.sections["mmn"]


def test_newly_diagnosed_gets_its_sections_in_manifest_order(mmn):
    leaflet, sections = mmn
    assert [s.id for s in select_sections(leaflet, sections, "newly-diagnosed")] == [
        "wat-is-mmn", "klachten-en-verloop", "diagnose", "behandeling-ivig",
        "wie-behandelt", "meer-informatie"]


def test_pre_surgery_gets_anaesthesia_and_not_treatment_details(mmn):
    leaflet, sections = mmn
    assert [s.id for s in select_sections(leaflet, sections, "pre-surgery")] == [
        "wat-is-mmn", "anesthesie", "meer-informatie"]


def test_treatment_gets_immunoglobulin_products(mmn):
    leaflet, sections = mmn
    assert [s.id for s in select_sections(leaflet, sections, "treatment")] == [
        "wat-is-mmn", "behandeling-ivig", "immuunglobulinepreparaten", "wie-behandelt",
        "meer-informatie"]


def test_every_mmn_section_reaches_some_audience(mmn):
    leaflet, sections = mmn
    reached = {s.id for a in ("newly-diagnosed", "pre-surgery", "treatment")
               for s in select_sections(leaflet, sections, a)}
    assert reached == set(sections)


def test_manifest_order_wins_over_file_order(tmp_path):
    make_project(tmp_path, sections=demo_sections())
    manifest = tmp_path / "leaflets/demo.yaml"
    manifest.write_text(manifest.read_text().replace(
        "  - intro\n  - therapie\n", "  - therapie\n  - intro\n"))
    library = load(tmp_path)
    chosen = select_sections(library.leaflets["demo"], library.sections["demo"], "treatment")
    assert [s.id for s in chosen] == ["therapie", "intro"]


def test_audiences_served_skips_audiences_without_sections(tmp_path):
    sections = {"alleen": ("treatment", "Tekst.")}
    make_project(tmp_path, sections=sections)
    library = load(tmp_path)
    assert audiences_served(library.leaflets["demo"], library.sections["demo"]) == ["treatment"]


def test_unknown_audience_is_refused():
    with pytest.raises(ValueError, match="expected one of newly-diagnosed, pre-surgery, treatment"):
        select_sections(None, {}, "pre-op")
