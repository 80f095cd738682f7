"""JSON Schema export: committed files match the models; the schemas describe what editors write."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from leafletgen.cli import app
from leafletgen.models import Leaflet, Section
from leafletgen.schema import schema_texts, schemas
from projectkit import REPO

SCHEMA_DIR = REPO / "schema"


def test_committed_schema_files_equal_a_fresh_export():
    committed = {p.name: p.read_text(encoding="utf-8") for p in SCHEMA_DIR.glob("*.json")}
    assert committed == schema_texts(), "run `python -m leafletgen schema` and commit schema/"


def test_schema_command_writes_every_schema(tmp_path):
    result = CliRunner().invoke(app, ["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "leaflet.schema.json", "section-front-matter.schema.json", "section.schema.json"]
    written = json.loads((tmp_path / "leaflet.schema.json").read_text(encoding="utf-8"))
    assert written == schemas()["leaflet.schema.json"]


def test_file_derived_id_is_not_a_field_editors_write():
    for schema in schemas().values():
        assert "id" not in schema["properties"]
        assert "id" not in schema.get("required", [])


def test_front_matter_schema_has_no_body_but_yaml_sections_do():
    front, yaml_section = (schemas()[n] for n in ("section-front-matter.schema.json",
                                                   "section.schema.json"))
    assert set(front["properties"]) == set(Section.model_fields) - {"id", "body"}
    assert set(yaml_section["properties"]) == set(Section.model_fields) - {"id"}


def test_manifest_schema_lists_governance_fields_and_forbids_unknown_ones():
    schema = schemas()["leaflet.schema.json"]
    assert set(schema["properties"]) == set(Leaflet.model_fields) - {"id"}
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["title", "topic", "publisher", "version", "published",
                                  "sections"]
    next_review = schema["properties"]["next_review"]["anyOf"]
    assert {"type": "string", "format": "date"} in next_review


def test_audiences_are_offered_as_a_closed_list():
    audiences = schemas()["section.schema.json"]["properties"]["audiences"]
    assert audiences["items"]["enum"] == ["newly-diagnosed", "pre-surgery", "treatment"]


def _plain_yaml(path):
    """Read a YAML file as JSON-like data (dates as YYYY-MM-DD text, as editors see them)."""
    import datetime as dt

    import yaml

    def plain(value):
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value.isoformat() if isinstance(value, dt.date) else value

    return plain(yaml.safe_load(path.read_text(encoding="utf-8")))


def _errors(schema_name: str, data) -> list[str]:
    from jsonschema import Draft202012Validator, FormatChecker

    validator = Draft202012Validator(schemas()[schema_name], format_checker=FormatChecker())
    return sorted(error.message for error in validator.iter_errors(data))


def test_the_real_manifest_and_question_files_validate_against_their_schemas():
    assert _errors("leaflet.schema.json", _plain_yaml(REPO / "leaflets/mmn.yaml")) == []
    for name in ("anesthesie.yaml", "immuunglobulinepreparaten.yaml"):
        assert _errors("section.schema.json", _plain_yaml(REPO / "content/mmn" / name)) == []


def test_the_schema_flags_what_an_editor_gets_wrong():
    manifest = _plain_yaml(REPO / "leaflets/mmn.yaml")
    manifest.update(next_review="volgend jaar", reviewer="X")
    assert _errors("leaflet.schema.json", manifest) == [
        "'volgend jaar' is not valid under any of the given schemas",
        "Additional properties are not allowed ('reviewer' was unexpected)"]
