"""The store and the API over five hand-built records whose answers are worked out by hand (not compared with
what `rasd extract` gives): filters, sorting, clusters and their consensus, the weekly timeline, facet
counts and the exports. The records are written straight into a fresh SQLite store (write_batch), so that
nothing of the extraction or the linking decides what the API is asked about."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from rasd.api import create_app
from rasd.export import ACLED_COLUMNS
from rasd.store import Store
from rasd.store.write import DocumentRow, write_batch

REGIME = {"name": "Military Forces of Syria", "name_ar": "قوات النظام", "type": "state"}
CIVILIANS = {"name": "Civilians", "name_ar": "مدنيون", "type": "civilians"}
REBELS = {"name": "Southern Front", "name_ar": "الجبهة الجنوبية", "type": "rebel"}
IS = {"name": "Islamic State", "name_ar": "تنظيم الدولة", "type": "rebel"}
PROTESTERS = {"name": "Protesters", "name_ar": "متظاهرون", "type": "protesters"}

DOCS = {  # id: (source, published, text)
    "d1": ("وكالة أ", "2023-05-10", "قتل ثلاثة مدنيين بقصف مدفعي على بلدة سرمدا اليوم."),
    "d2": ("وكالة ب", "2023-05-11", "ارتفع عدد قتلى قصف سرمدا أمس إلى خمسة مدنيين."),
    "d3": ("وكالة أ", "2023-05-21", "اشتباكات في بلدة الحراك أمس. وفي خبر آخر، انفجرت عبوة في الرمادي مطلع الشهر."),
    "d4": ("وكالة ج", "2023-05-13", "خرجت مظاهرة سلمية في مدينة إدلب اليوم."),
}


def _rec(event_id: str, doc_id: str, cluster_id: str, **k: Any) -> dict[str, Any]:
    text = DOCS[doc_id][2]
    base: dict[str, Any] = {
        "event_id": event_id, "doc_id": doc_id, "cluster_id": cluster_id, "salience": "main",
        "time_precision": 1, "date_text": None, "admin2": None, "location_ar": None,
        "assoc_actors": [], "persons": [], "fatalities_low": None, "fatalities_high": None,
        "reported_by": [], "evidence": [{"text": text, "start": 0, "end": len(text)}], "notes": "",
        "source": DOCS[doc_id][0], "url": None, "published": DOCS[doc_id][1], "published_inferred": None,
    }
    return {**base, **k}


SARMADA = {"country": "Syria", "iso": "SY", "admin1": "Idlib", "admin1_code": "SY-ID", "location": "Sarmada",
           "latitude": 36.18, "longitude": 36.72, "geo_precision": 1}
RECORDS = [
    _rec("e1", "d1", "cA", event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
         event_date="2023-05-10", date_end="2023-05-10", **SARMADA, actor1=REGIME, actor2=CIVILIANS,
         fatalities=3, injuries=5),
    _rec("e2", "d2", "cA", event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
         event_date="2023-05-10", date_end="2023-05-10", **SARMADA, actor1=REGIME, actor2=CIVILIANS,
         fatalities=5, injuries=4),
    _rec("e3", "d3", "cB", event_type="Battles", sub_event_type="Armed clash", event_date="2023-05-20",
         date_end="2023-05-20", country="Syria", iso="SY", admin1="Daraa", admin1_code="SY-DR", location="Al-Harak",
         latitude=32.75, longitude=36.31, geo_precision=1, actor1=REGIME, actor2=REBELS, fatalities=2, injuries=0),
    _rec("e4", "d3", "cC", event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
         event_date="2023-05-01", date_end="2023-05-10", time_precision=2, country="Iraq", iso="IQ", admin1="Anbar",
         admin1_code="IQ-AN", location="Ramadi", latitude=33.42, longitude=43.30, geo_precision=2, actor1=IS,
         actor2=None, fatalities=0, injuries=0, salience="background"),
    _rec("e5", "d4", "cD", event_type="Protests", sub_event_type="Peaceful protest", event_date="2023-05-13",
         date_end="2023-05-13", country="Syria", iso="SY", admin1="Idlib", admin1_code="SY-ID", location="Idlib",
         latitude=35.93, longitude=36.63, geo_precision=1, actor1=PROTESTERS, actor2=None, fatalities=None,
         injuries=None),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("hand") / "hand.db"
    docs = [DocumentRow(id=i, sha256=hashlib.sha256(t.encode()).hexdigest(), raw=t, text=t, source=s,
                        published=date.fromisoformat(p)) for i, (s, p, t) in DOCS.items()]
    with Store(db) as store, store.writing() as conn:
        write_batch(conn, docs, [dict(r) for r in RECORDS])
    with TestClient(create_app(db)) as c:
        yield c


def events(client: TestClient, **params: Any) -> list[str]:
    body = client.get("/api/events", params=params).json()
    assert body["total"] == len(body["items"])
    return [r["event_id"] for r in body["items"]]


def test_the_store_gives_back_the_records_as_written(client: TestClient) -> None:
    got = client.get("/api/events/e3").json()
    want = next(r for r in RECORDS if r["event_id"] == "e3")
    assert {k: got[k] for k in want} == want
    assert got["document"] == {"id": "d3", "source": "وكالة أ", "url": None, "published": "2023-05-21"}


@pytest.mark.parametrize(("params", "want"), [
    ({}, ["e3", "e5", "e2", "e1", "e4"]),  # -event_date; ties by event_id in the same direction
    ({"sort": "event_date"}, ["e4", "e1", "e2", "e5", "e3"]),
    ({"sort": "-fatalities"}, ["e2", "e1", "e3", "e4", "e5"]),  # no toll (e5) last
    ({"sort": "fatalities"}, ["e4", "e3", "e1", "e2", "e5"]),
    ({"country": "SY"}, ["e3", "e5", "e2", "e1"]),
    ({"admin1": "SY-ID"}, ["e5", "e2", "e1"]),
    ({"event_type": "Explosions/Remote violence"}, ["e2", "e1", "e4"]),
    ({"sub_event_type": "Armed clash"}, ["e3"]),
    ({"date_from": "2023-05-11", "date_to": "2023-05-19"}, ["e5"]),
    ({"date_from": "2023-05-10", "date_to": "2023-05-10"}, ["e2", "e1", "e4"]),  # e4's window ends on the 10th
    ({"min_fatalities": 3}, ["e2", "e1"]),
    ({"actor": "Southern"}, ["e3"]),
    ({"actor": "تنظيم الدولة"}, ["e4"]),
    ({"actor": "Forces of Syria"}, ["e3", "e2", "e1"]),
    ({"salience": "background"}, ["e4"]),
    ({"geo_precision": 1}, ["e3", "e5", "e2", "e1"]),
    ({"outlet": "وكالة أ"}, ["e3", "e1", "e4"]),
    ({"bbox": "36.0,35.0,37.0,37.0"}, ["e5", "e2", "e1"]),
    ({"q": "سرمدا"}, ["e2", "e1"]),
    ({"country": "SY", "min_fatalities": 1, "sort": "event_date"}, ["e1", "e2", "e3"]),
    ({"limit": 2, "offset": 1}, None),
])
def test_event_filters_and_sorting(client: TestClient, params: dict[str, Any], want: list[str] | None) -> None:
    if want is None:  # a page: total counts all, items only the page
        body = client.get("/api/events", params=params).json()
        assert (body["total"], [r["event_id"] for r in body["items"]]) == (5, ["e5", "e2"])
        return
    assert events(client, **params) == want


def test_clusters_and_their_consensus(client: TestClient) -> None:
    body = client.get("/api/clusters", params={"sort": "event_date"}).json()
    assert [c["cluster_id"] for c in body["items"]] == ["cC", "cA", "cD", "cB"]
    a = client.get("/api/clusters/cA").json()
    assert (a["n_reports"], a["sources"], sorted(a["event_ids"])) == (2, ["وكالة أ", "وكالة ب"], ["e1", "e2"])
    k = a["consensus"]
    # ACLED's figure is the most conservative report; the median of 3 and 5 is 4
    assert (k["fatalities"], k["fatalities_best"], k["fatalities_low"], k["fatalities_high"]) == (3, 4, 3, 5)
    assert (k["injuries"], k["event_date"], k["date_end"], k["location"]) == (4, "2023-05-10", "2023-05-10", "Sarmada")
    assert [(c["field"], [v["value"] for v in c["values"]]) for c in a["contradictions"]] == [
        ("fatalities", [3, 5]), ("injuries", [4, 5])]
    assert sorted(r["event_id"] for r in a["records"]) == ["e1", "e2"]
    two = client.get("/api/clusters", params={"min_reports": 2}).json()
    assert [c["cluster_id"] for c in two["items"]] == ["cA"]
    sy = client.get("/api/clusters", params={"country": "SY", "min_fatalities": 1}).json()
    assert sorted(c["cluster_id"] for c in sy["items"]) == ["cA", "cB"]


def test_weekly_timeline_counts_by_hand(client: TestClient) -> None:
    rows = client.get("/api/timeline", params={"granularity": "week"}).json()
    # weeks start on Saturday: 29 April (e4 dated 1 May), 6 May (e1, e2 on the 10th), 13 May (e5), 20 May (e3)
    assert [(r["period"], r["events"], r["fatalities"]) for r in rows] == [
        ("2023-04-29", 1, 0), ("2023-05-06", 2, 8), ("2023-05-13", 1, 0), ("2023-05-20", 1, 2)]
    assert rows[1]["types"] == {"Explosions/Remote violence": {"events": 2, "fatalities": 8}}
    by_cluster = client.get("/api/timeline", params={"granularity": "week", "unit": "clusters"}).json()
    assert [(r["period"], r["events"], r["fatalities"]) for r in by_cluster] == [
        ("2023-04-29", 1, 0), ("2023-05-06", 1, 3), ("2023-05-13", 1, 0), ("2023-05-20", 1, 2)]
    days = client.get("/api/timeline", params={"country": "SY"}).json()
    assert [(r["period"], r["events"]) for r in days] == [("2023-05-10", 2), ("2023-05-13", 1), ("2023-05-20", 1)]


def test_facets_by_hand(client: TestClient) -> None:
    f = client.get("/api/facets").json()
    assert [c["code"] for c in f["countries"]] == ["IQ", "SY"]  # by name: Iraq, Syria
    assert [a["code"] for a in f["admin1"]] == ["IQ-AN", "SY-DR", "SY-ID"]
    assert {t: sorted(s) for t, s in f["event_types"].items()} == {
        "Battles": ["Armed clash"],
        "Explosions/Remote violence": ["Remote explosive/landmine/IED", "Shelling/artillery/missile attack"],
        "Protests": ["Peaceful protest"]}
    # by number of events: the regime's forces are in three, civilians in two, the others in one
    assert f["actors"][:2] == ["Military Forces of Syria", "Civilians"]
    assert sorted(f["actors"][2:]) == ["Islamic State", "Protesters", "Southern Front"]
    assert sorted(f["outlets"]) == ["وكالة أ", "وكالة ب", "وكالة ج"]


def test_summary_counts_each_real_event_once(client: TestClient) -> None:
    s = client.get("/api/summary").json()
    # four real events told by five reports; consensus dead 3 + 2 + 0; a toll is known for three (cD has none)
    assert (s["events"], s["reports"], s["fatalities"], s["with_fatalities"], s["located"]) == (4, 5, 5, 3, 4)
    assert (s["date_from"], s["date_to"]) == ("2023-05-01", "2023-05-20")


def test_exports_row_counts_and_fields(client: TestClient) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/export/events.csv", params={"country": "SY"}).text)))
    assert len(rows) == 4 and list(rows[0]) == list(ACLED_COLUMNS)
    first = rows[0]  # -event_date: e3
    assert (first["event_date"], first["event_type"], first["sub_event_type"], first["country"]) == (
        "2023-05-20", "Battles", "Armed clash", "Syria")
    assert (first["location"], first["fatalities"], first["latitude"], first["longitude"]) == (
        "Al-Harak", "2", "32.75", "36.31")
    assert (first["actor1"], first["actor2"]) == ("Military Forces of Syria", "Southern Front")
    geo = client.get("/export/events.geojson", params={"admin1": "SY-ID"}).json()
    assert [(f["properties"]["event_id"], f["geometry"]["coordinates"]) for f in geo["features"]] == [
        ("e5", [36.63, 35.93]), ("e2", [36.72, 36.18]), ("e1", [36.72, 36.18])]
    lines = [json.loads(x) for x in client.get("/export/events.jsonl", params={"min_fatalities": 3}).text.splitlines()]
    assert [(r["event_id"], r["fatalities"], r["cluster_id"]) for r in lines] == [("e2", 5, "cA"), ("e1", 3, "cA")]
