"""GET /api/clusters on a store of three hand-made reports: the objects it answers with, checked by hand
(each claim with its record's reported_by and first evidence span, the contradictions, paging and
min_reports), so that a faster way of assembling them cannot change what they say."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from conftest import BACKENDS, new_database
from fastapi.testclient import TestClient

from rasd.api import create_app
from rasd.store import Store
from rasd.store.write import DocumentRow, write_batch

TEXT_A = "قتل ثلاثة عناصر في اشتباك قرب البلدة"
TEXT_B = "مقتل خمسة مسلحين باشتباك مع دورية"
TEXT_C = "اعتقال شاب عند حاجز على الطريق"


def record(eid: str, doc: str, cid: str, source: str, text: str, **kw: Any) -> dict[str, Any]:
    return {"event_id": eid, "doc_id": doc, "cluster_id": cid, "source": source, "salience": "main",
            "event_type": "Battles", "sub_event_type": "Armed clash", "event_date": "2024-02-10",
            "date_end": "2024-02-10", "time_precision": 1, "country": "Syria", "iso": "SY",
            "admin1": "Deir ez-Zor", "admin1_code": "SY-DY", "location": "Hajin", "latitude": 34.69,
            "longitude": 40.83, "geo_precision": 1, "actor1": {"name": "Islamic State", "name_ar": "داعش", "type": "rebel"},
            "actor2": None, "assoc_actors": [], "persons": [], "fatalities": None, "injuries": None,
            "reported_by": [], "evidence": [{"text": text, "start": 0, "end": len(text)}], "notes": text,
            "published": "2024-02-10", **kw}


RECORDS = [
    record("a-1", "doc-a", "c-hajin", "Outlet A", TEXT_A, fatalities=3, reported_by=["Syrian Observatory"]),
    record("b-1", "doc-b", "c-hajin", "Outlet B", TEXT_B, fatalities=5, published="2024-02-11"),
    record("c-1", "doc-c", "c-arrest", "Outlet A", TEXT_C, event_type="Strategic developments",
           sub_event_type="Arrests", event_date="2024-01-05", date_end="2024-01-20", actor1=None,
           notes="NaN and Infinity are words here, not numbers"),
]


@pytest.fixture(scope="module", params=BACKENDS)
def client(request, tmp_path_factory):
    urls = new_database(request, request.param, tmp_path_factory.mktemp("clusters"))
    url = next(urls)
    with Store(url) as store, store.writing() as conn:
        docs = [DocumentRow(id=d, sha256=hashlib.sha256(d.encode()).hexdigest(), raw=t, text=t, source=s)
                for d, t, s in (("doc-a", TEXT_A, "Outlet A"), ("doc-b", TEXT_B, "Outlet B"),
                                ("doc-c", TEXT_C, "Outlet A"))]
        write_batch(conn, docs, RECORDS)
    with TestClient(create_app(url, cache_mb=0)) as c:
        yield c
    urls.close()


def claim(eid: str, doc: str, source: str, value: Any, text: str, reported_by: list[str] | None = None) -> dict[str, Any]:
    return {"event_id": eid, "doc_id": doc, "source": source, "reported_by": reported_by or [], "value": value,
            "evidence": {"text": text, "start": 0, "end": len(text)}}


def test_a_cluster_told_by_two_outlets(client):
    page = client.get("/api/clusters").json()
    assert (page["total"], page["limit"], page["offset"]) == (2, 100, 0)
    assert [c["cluster_id"] for c in page["items"]] == ["c-hajin", "c-arrest"]  # newest first
    c = page["items"][0]
    assert c["event_ids"] == ["a-1", "b-1"] and c["doc_ids"] == ["doc-a", "doc-b"]
    assert c["sources"] == ["Outlet A", "Outlet B"] and c["n_reports"] == 2
    place = {"name": "Hajin", "admin1_code": "SY-DY", "latitude": 34.69, "longitude": 40.83, "geo_precision": 1}
    isis = {"name": "Islamic State", "name_ar": "داعش", "type": "rebel"}
    a = ("a-1", "doc-a", "Outlet A")
    b = ("b-1", "doc-b", "Outlet B")
    assert c["claims"] == {
        "sub_event_type": [claim(*a, ["Battles", "Armed clash"], TEXT_A, ["Syrian Observatory"]),
                           claim(*b, ["Battles", "Armed clash"], TEXT_B)],
        "date": [claim(*a, ["2024-02-10", "2024-02-10"], TEXT_A, ["Syrian Observatory"]),
                 claim(*b, ["2024-02-10", "2024-02-10"], TEXT_B)],
        "place": [claim(*a, place, TEXT_A, ["Syrian Observatory"]), claim(*b, place, TEXT_B)],
        "actor1": [claim(*a, isis, TEXT_A, ["Syrian Observatory"]), claim(*b, isis, TEXT_B)],
        "actor2": [],
        "fatalities": [claim(*a, 3, TEXT_A, ["Syrian Observatory"]), claim(*b, 5, TEXT_B)],
        "injuries": [],
    }
    assert c["contradictions"] == [{"field": "fatalities", "text": "fatalities: 3 (Outlet A) vs 5 (Outlet B)",
                                    "values": [{"value": 3, "sources": ["Outlet A"]},
                                               {"value": 5, "sources": ["Outlet B"]}]}]
    assert c["consensus"]["fatalities"] == 3 and c["consensus"]["location"] == "Hajin"


def test_a_cluster_of_one_report_and_the_filters(client):
    one = client.get("/api/clusters", params={"offset": 1, "limit": 1}).json()
    assert one["total"] == 2 and [c["cluster_id"] for c in one["items"]] == ["c-arrest"]
    c = one["items"][0]
    assert c["n_reports"] == 1 and c["contradictions"] == []
    assert c["claims"]["actor1"] == [] and c["claims"]["fatalities"] == []
    assert c["claims"]["sub_event_type"] == [claim("c-1", "doc-c", "Outlet A", ["Strategic developments", "Arrests"],
                                                   TEXT_C)]
    assert c["claims"]["date"][0]["value"] == ["2024-01-05", "2024-01-20"]
    two = client.get("/api/clusters", params={"min_reports": 2}).json()
    assert two["total"] == 1 and [c["cluster_id"] for c in two["items"]] == ["c-hajin"]
    oldest = client.get("/api/clusters", params={"sort": "event_date"}).json()
    assert [c["cluster_id"] for c in oldest["items"]] == ["c-arrest", "c-hajin"]
    assert client.get("/api/clusters", params={"q": "دورية"}).json()["total"] == 1  # one report of c-hajin says it
    detail = client.get("/api/clusters/c-hajin").json()
    assert detail["claims"] == client.get("/api/clusters").json()["items"][0]["claims"]
    assert [r["event_id"] for r in detail["records"]] == ["a-1", "b-1"]


def test_the_events_are_the_records_as_written(client):
    """/api/events answers with the stored JSON texts as they are: the records as they were written."""
    newest = client.get("/api/events").json()
    assert newest["total"] == 3 and newest["items"] == [RECORDS[1], RECORDS[0], RECORDS[2]]
    assert client.get("/api/events", params={"sort": "-fatalities", "limit": 2}).json() == {
        "total": 3, "limit": 2, "offset": 0, "items": [RECORDS[1], RECORDS[0]]}
    assert client.get("/api/events", params={"q": "infinity"}).json()["items"] == [RECORDS[2]]
    counted = client.get("/api/events", params={"counts": "true"}).json()["items"]
    assert [(e["event_id"], e["n_reports"], e["n_sources"]) for e in counted] == [("b-1", 2, 2), ("a-1", 2, 2),
                                                                                   ("c-1", 1, 1)]


@pytest.mark.parametrize(("date_from", "date_to", "want"), [
    ("2024-01-19", None, ["c-hajin", "c-arrest"]),  # the arrests' window (5 to 20 January) reaches it
    ("2024-01-21", None, ["c-hajin"]),
    ("2024-01-20", "2024-01-20", ["c-arrest"]),
    ("2024-02-10", "2024-02-10", ["c-hajin"]),
    ("2024-01-01", "2024-01-04", []),
])
def test_a_cluster_matches_a_date_filter_its_window_meets(client, date_from, date_to, want):
    """A date filter on clusters holds where the consensus window meets it (the longest window stored
    bounds the scan: a cluster that began 14 days before date_from still counts)."""
    params = {"date_from": date_from, **({"date_to": date_to} if date_to else {})}
    assert [c["cluster_id"] for c in client.get("/api/clusters", params=params).json()["items"]] == want
    assert client.get("/api/summary", params=params).json()["events"] == len(want)
    assert sum(p["events"] for p in client.get("/api/provinces", params=params).json()) == len(want)
    assert client.get("/api/map", params=params).json()["total"] == len(want)
