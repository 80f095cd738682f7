"""Field types the models share: values as editors write them, checked once. No I/O here."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
WEB_ADDRESS = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


def _written_as_date(value: object) -> object:
    # Pydantic would take "0" or "86400" as seconds since 1970; a date is YYYY-MM-DD.
    if not isinstance(value, dt.date) and not (isinstance(value, str)
                                               and ISO_DATE.match(value.strip())):
        raise PydanticCustomError("date_parsing", "expected a date written as YYYY-MM-DD")
    return value


def _web_address(value: str) -> str:
    if not WEB_ADDRESS.match(value):
        raise ValueError(f"expected a web address starting with https://; got '{value}'")
    return value


Date = Annotated[dt.date, BeforeValidator(_written_as_date)]
WebAddress = Annotated[str, AfterValidator(_web_address)]


def first_repeat(values: list) -> int | None:
    """Return the position of the first value that was already listed, or None."""
    return next((i for i, v in enumerate(values) if v in values[:i]), None)
