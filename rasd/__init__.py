"""rasd: Arabic conflict news in, ACLED-style geocoded and sourced event records out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__version__ = "0.1.0"


def extract(documents: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Extract event records (SCHEMA.md dicts) from documents given as dicts with ``id`` and
    ``text`` or ``html`` (and optionally ``published``, ``source``, ``url``).

    Documents that cannot be read are skipped; use ``rasd.pipeline`` for the reasons."""
    from rasd.io import RawDoc
    from rasd.link import link_records
    from rasd.pipeline import run_one

    records = []
    for i, d in enumerate(documents):
        doc_id = str(d.get("id") if d.get("id") not in (None, "") else f"doc-{i + 1}")
        out = run_one(RawDoc(doc_id, dict(d), f"document {i + 1}"))
        records.extend(out.records)
    return link_records(records)


__all__ = ["extract", "__version__"]
