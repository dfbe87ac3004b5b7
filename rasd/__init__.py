"""rasd: Arabic conflict news in, ACLED-style geocoded and sourced event records out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__version__ = "0.1.0"


def extract(documents: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Extract event records (SCHEMA.md dicts) from documents given as dicts with ``id`` and
    ``text`` or ``html`` (and optionally ``published``, ``source``, ``url``).

    Documents that cannot be read are skipped; ``extract_reporting`` says which and why."""
    return extract_reporting(documents)[0]


def extract_reporting(documents: Iterable[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """``extract``, and a line for each document skipped ("document 'x' (document 3): <why>")."""
    from rasd.io import RawDoc
    from rasd.link import link_records
    from rasd.pipeline import run_one

    records = []
    problems = []
    for i, d in enumerate(documents):
        doc_id = str(d.get("id") if d.get("id") not in (None, "") else f"doc-{i + 1}")
        out = run_one(RawDoc(doc_id, dict(d), f"document {i + 1}"))
        records.extend(out.records)
        if out.problem:
            problems.append(out.describe())
    return link_records(records), problems


__all__ = ["extract", "extract_reporting", "__version__"]
