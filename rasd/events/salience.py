"""Salience: whether a record is the news the article reports (main) or an earlier event it recalls
(background)."""

from __future__ import annotations

from datetime import date, timedelta

from rasd.events.base import Cand
from rasd.types import DateWindow

RECALL_DAYS = 10  # an event dated this long before the report (or its lead event) is recalled


def is_background(c: Cand, in_lead: bool, window: DateWindow | None, ref: date | None,
                  lead_start: date | None) -> bool:
    """Background when every sentence of the event is marked as recalled ("وكان ... قد", "في عام
    2014") or tells it in a relative clause about a person ("الذي اغتيل في طفس"), or when its date ends well before the publication (or, without one, the latest date the
    text gives) or before the lead event; the headline and lead are never background."""
    if in_lead:
        return False
    if all(f.background or f.relative for f in c.frames):
        return True
    if window is not None and ref is not None and window.end < ref - timedelta(days=RECALL_DAYS):
        return True
    return window is not None and lead_start is not None and window.end < lead_start - timedelta(days=RECALL_DAYS)
