"""Review dates of a leaflet: when its content was last checked and when it is due. Pure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .models import Leaflet, Section


@dataclass(frozen=True)
class ReviewDates:
    """The effective review dates of one leaflet (with the sections it prints)."""

    last: dt.date | None  # the earliest of the leaflet's and its sections' review dates
    next: dt.date | None  # when a review is due

    def is_overdue(self, today: dt.date) -> bool:
        """Return True if the next review date has passed."""
        return self.next is not None and self.next < today


def review_dates(leaflet: Leaflet, sections: list[Section]) -> ReviewDates:
    """Return the leaflet's effective review dates.

    The last review is the earliest of the manifest's last_reviewed and the sections'
    reviewed dates: a leaflet is only as current as its oldest part. A section checked
    before the leaflet falls due one review cycle after its own check.
    """
    dates = [d for d in [leaflet.last_reviewed, *(s.reviewed for s in sections)] if d]
    last = min(dates) if dates else None
    due = leaflet.next_review
    if due and leaflet.last_reviewed and last and last < leaflet.last_reviewed:
        due = last + (due - leaflet.last_reviewed)
    return ReviewDates(last, due)
