"""Same inputs, same bytes: pins the clock that font subsetting reads to the manifest date."""

from __future__ import annotations

import datetime as dt
import os
from contextlib import contextmanager

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"  # https://reproducible-builds.org/specs/source-date-epoch/


def epoch_of(day: dt.date) -> int:
    """Return midnight UTC of `day` as seconds since 1970."""
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


@contextmanager
def source_date(day: dt.date):
    """Set SOURCE_DATE_EPOCH to `day` unless the user already set it, then restore it.

    fontTools stamps each font subset with the current time unless this variable is set,
    which made two builds of the same leaflet differ in a few bytes.
    """
    before = os.environ.get(SOURCE_DATE_EPOCH)
    if before is None:
        os.environ[SOURCE_DATE_EPOCH] = str(epoch_of(day))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(SOURCE_DATE_EPOCH, None)
