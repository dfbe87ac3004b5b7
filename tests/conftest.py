from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def res():
    from rasd.resources import resources

    return resources()


def doc_of(text: str, published: str | None = "2023-05-14", doc_id: str = "t1"):
    from rasd.io import RawDoc
    from rasd.pipeline import prepare

    fields = {"id": doc_id, "text": text}
    if published:
        fields["published"] = published
    return prepare(RawDoc(doc_id, fields, "test"))


def events_of(text: str, published: str | None = "2023-05-14") -> list[dict]:
    from rasd import extract

    d = {"id": "t1", "text": text}
    if published:
        d["published"] = published
    return extract([d])
