"""Cross-document linking (issue 3 builds this out). For now each record is its own cluster."""

from __future__ import annotations

from rasd.types import EventRecord


def link_records(records: list[EventRecord]) -> list[EventRecord]:
    for r in records:
        r.cluster_id = r.cluster_id or r.event_id
    return records
