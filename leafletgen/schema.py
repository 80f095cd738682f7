"""JSON Schema of the files editors write, for completion and validation in their editor."""

from __future__ import annotations

import json
from typing import Any

from .models import Leaflet, Section

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schemas() -> dict[str, dict[str, Any]]:
    """Return file name -> JSON Schema for section front matter, YAML sections, manifests.

    `id` comes from the file name, and a Markdown section's body is the text below its
    header, so neither is a field an editor writes there.
    """
    return {
        "section-front-matter.schema.json": _without(
            Section, {"id", "body"}, "Section header (YAML front matter of a .md file)"),
        "section.schema.json": _without(
            Section, {"id"}, "Section file (.yaml), usually questions and answers"),
        "leaflet.schema.json": _text_sources(
            _without(Leaflet, {"id"}, "Leaflet manifest (leaflets/*.yaml)")),
    }


def _text_sources(schema: dict[str, Any]) -> dict[str, Any]:
    """A source may be written as plain text (the model turns it into a title)."""
    items = schema["properties"]["sources"]["items"]
    schema["properties"]["sources"]["items"] = {"anyOf": [{"type": "string", "minLength": 1},
                                                          items]}
    return schema


def _without(model, fields: set[str], title: str) -> dict[str, Any]:
    schema = model.model_json_schema()
    for name in fields:
        schema["properties"].pop(name, None)
    schema["required"] = [r for r in schema.get("required", []) if r not in fields]
    return {"$schema": SCHEMA_DIALECT, **schema, "title": title}


def schema_texts() -> dict[str, str]:
    """Return file name -> the schema as stable, readable JSON text."""
    return {name: json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
            for name, schema in schemas().items()}
