"""Turns Pydantic's validation errors into plain-words messages with file and line."""

from __future__ import annotations

import difflib
import re
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import ContentError, FieldProblem
from .yamlfile import Source


def describe_errors(exc: ValidationError, model: type[BaseModel], source: Source) -> list[ContentError]:
    """Return one ContentError per problem Pydantic found, in file order. A misspelt
    required field is one problem: its "did you mean" stands for the "missing" too."""
    errors = []
    found = exc.errors(include_url=False)
    meant = {(tuple(err["loc"][:-1]), name) for err in found if err["type"] == "extra_forbidden"
             for name in _nearest(model, err["loc"])}
    for err in found:
        if err["type"] == "missing" and (tuple(err["loc"][:-1]), err["loc"][-1]) in meant:
            continue
        loc = tuple(part for part in err["loc"] if part != "[key]")  # a dict key's own error
        problem = err.get("ctx", {}).get("error")
        if isinstance(problem, FieldProblem):  # a check across fields names its field
            loc += problem.loc
        if loc == ("id",):
            errors.append(_file_name_error(source))
            continue
        # A missing field has no line of its own: point at the block it belongs in.
        where = loc[:-1] if err["type"] == "missing" else loc
        line = source.line(where) if where else source.first_line
        errors.append(ContentError(source.path.as_posix(), line, field_name(loc) or None,
                                   describe(err, model)))
    return errors


def _file_name_error(source: Source) -> ContentError:
    """The id is the file name: say so, about the whole file."""
    return ContentError(source.path.as_posix(), None, "file name",
                        f"expected lowercase letters, digits and hyphens, like "
                        f"'wat-is-mmn{source.path.suffix}'; got '{source.path.name}'")


def field_name(loc: tuple) -> str:
    """Name a field as people count: ('sections', 5) -> 'section 6 of `sections`',
    ('advisers', 0, 'title') -> '`title` of adviser 1', ('publisher', 'name') ->
    'publisher.name'."""
    last = max((i for i, part in enumerate(loc) if isinstance(part, int)), default=None)
    if last is None:
        return ".".join(map(str, loc))
    item = f"{_singular(loc[last - 1]) if last else 'item'} {loc[last] + 1}"
    if last == len(loc) - 1:
        return f"{item} of `{field_name(loc[:last])}`" if last else item
    return f"`{'.'.join(map(str, loc[last + 1:]))}` of {item}"


def _singular(name: Any) -> str:
    """'sections' -> 'section': every list field of the models is a plain English plural."""
    return str(name).removesuffix("s") if isinstance(name, str) else "item"


def _nearest(model: type[BaseModel], loc: tuple) -> list[str]:
    """Return the known field an unknown one at `loc` most likely means (or none)."""
    known = _fields_at(model, loc[:-1])
    return difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)


def describe(err: dict, model: type[BaseModel]) -> str:
    """Say what was expected and what was found, in plain words."""
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx", {})
    if kind == "missing":
        return "this required field is missing"
    if kind == "extra_forbidden":
        nearest = _nearest(model, err["loc"])
        if nearest:
            return f"unknown field; did you mean `{nearest[0]}`?"
        known = _fields_at(model, err["loc"][:-1])
        return f"unknown field; the fields here are: {', '.join(known)}"
    if kind == "literal_error":
        expected = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
        return f"expected one of {expected}; got {_show(value)}"
    if kind in ("string_type", "str_type"):
        return f"expected text; got {_show(value)}"
    if kind.startswith("date") or kind.startswith("datetime"):
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return f"{_show(value)} is not a date in the calendar (check day and month)"
        return f"expected a date written as YYYY-MM-DD; got {_show(value)}"
    if kind == "list_type":
        return f"expected a list (lines starting with '- '); got {_show(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected fields (name: value); got {_show(value)}"
    if kind == "bool_type" or kind == "bool_parsing":
        return f"expected true or false; got {_show(value)}"
    if kind == "too_short":
        return "must not be empty" if isinstance(value, str) else "needs at least one entry"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        return f"expected lowercase letters, digits and hyphens (like 'wat-is-mmn'); got {_show(value)}"
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", err["msg"]))
    return err["msg"]


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return repr(str(value))


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """Return the field names of the model found at `loc` inside `model`."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if _is_model(current) else None
        if field is None:
            return []
        current = _inner_model(field.annotation)
    if not _is_model(current):
        return []
    return [name for name in current.model_fields if name != "id"]


def _inner_model(annotation: Any) -> Any:
    if _is_model(annotation):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _is_model(obj: Any) -> bool:
    return isinstance(obj, type) and issubclass(obj, BaseModel)
