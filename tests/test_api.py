"""The HTTP API of docs/api.md over the ingested sample corpus, in SQLite and in a real PostgreSQL:
every filter against the same filter computed here in Python, paging and sorting, hostile input,
errors, exports, the OpenAPI document, and the web page's files."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from typing import Any

import pytest
from conftest import BACKENDS, SAMPLE, new_database
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from rasd.api import create_app
from rasd.cli import app as cli
from rasd.export import ACLED_COLUMNS
from rasd.normalize import normalize
from rasd.store import Store, ingest


@pytest.fixture(scope="module", params=BACKENDS)
def served(request, tmp_path_factory):
    """(client, database URL, records) over the sample corpus, once per backend."""
    url_gen = new_database(request, request.param, tmp_path_factory.mktemp("api"))
    url = next(url_gen)
    with Store(url) as store:
        ingest(store, SAMPLE)
        recs = store.all_events()
    with TestClient(create_app(url)) as client:
        yield client, url, recs
    url_gen.close()


def ids(items: list[dict[str, Any]]) -> set[str]:
    return {r["event_id"] for r in items}


def all_pages(client: TestClient, path: str = "/api/events", **params: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    while True:
        r = client.get(path, params={**params, "limit": 50, "offset": len(out)})
        assert r.status_code == 200, r.text
        body = r.json()
        out.extend(body["items"])
        if len(out) >= body["total"] or not body["items"]:
            assert len(out) == body["total"]
            return out


def day(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def actor_names(r: dict[str, Any]) -> list[str]:
    acts = [r.get("actor1"), r.get("actor2"), *(r.get("assoc_actors") or [])]
    return [x for a in acts if a for x in (a.get("name"), a.get("name_ar")) if x]


# --------------------------------------------------------------------------- filters, each against Python


def test_the_store_serves_the_extracted_records(served, sample_records):
    client, _, recs = served
    assert {r["event_id"]: r for r in all_pages(client)} == {r["event_id"]: r for r in sample_records}


def test_date_window_overlap(served):
    client, _, recs = served
    dated = [r for r in recs if r["event_date"]]
    lo = min(day(r["event_date"]) for r in dated)
    mid = sorted(day(r["event_date"]) for r in dated)[len(dated) // 2]
    for a, b in [(mid, mid), (mid - timedelta(days=20), mid), (mid, None), (None, mid), (lo, lo + timedelta(days=400))]:
        params = {k: v.isoformat() for k, v in (("date_from", a), ("date_to", b)) if v}
        want = {r["event_id"] for r in dated
                if (a is None or day(r["date_end"] or r["event_date"]) >= a) and (b is None or day(r["event_date"]) <= b)}
        assert ids(all_pages(client, **params)) == want, params
    assert want and any(r["date_end"] != r["event_date"] for r in dated)  # windows, not only days


@pytest.mark.parametrize("param,field,pick", [
    ("country", "iso", "SY"), ("country", "iso", "iq"), ("admin1", "admin1_code", None),
    ("event_type", "event_type", None), ("sub_event_type", "sub_event_type", None), ("salience", "salience", "background"),
])
def test_exact_filters(served, param, field, pick):
    client, _, recs = served
    value = pick or max({r[field] for r in recs if r[field]}, key=lambda v: sum(r[field] == v for r in recs))
    want = {r["event_id"] for r in recs if (r[field] or "").lower() == value.lower()}
    assert want and len(want) < len(recs)
    assert ids(all_pages(client, **{param: value})) == want


@pytest.mark.parametrize("actor", ["Islamic State", "islamic", "داعش", "قسد", "Syrian Democratic", "Forces of Iraq"])
def test_actor_is_a_substring_of_any_actor_english_or_arabic(served, actor):
    client, _, recs = served
    want = {r["event_id"] for r in recs if any(normalize(actor) in normalize(n) for n in actor_names(r))}
    assert want
    assert ids(all_pages(client, actor=actor)) == want


def test_person_by_id_and_by_name(served):
    client, _, recs = served
    persons = client.get("/api/persons", params={"limit": 500}).json()["items"]
    p = max(persons, key=lambda p: len(p["event_ids"]))
    assert ids(all_pages(client, person=p["person_id"])) == set(p["event_ids"])
    word = p["name_ar"].split()[-1]
    want = {e for q in persons if any(normalize(word) in normalize(n) for n in [q["name"], q["name_ar"], *q["aliases"]])
            for e in q["event_ids"]}
    assert ids(all_pages(client, person=word)) == want
    assert ids(all_pages(client, person=p["name"].split()[0].lower())) >= set(p["event_ids"])


@pytest.mark.parametrize("q", ["ذيبان", "ذِيبان", "Dhiban", "داعش قسد", '"بريف دير الزور"', "clashed"])
def test_q_searches_notes_evidence_places_and_actors(served, q):
    client, _, recs = served
    import re

    terms = [normalize(t) for t in re.findall(r'"([^"]*)"|(\S+)', q) for t in t if t]

    def text(r: dict[str, Any]) -> list[str]:
        return [normalize(x) for x in [r.get("notes"), r.get("location"), r.get("location_ar"), r.get("admin2"),
                                       r.get("admin1"), r.get("country"), *actor_names(r),
                                       *(e["text"] for e in r["evidence"])] if x]

    want = {r["event_id"] for r in recs if all(any(t in x for x in text(r)) for t in terms)}
    assert want
    assert ids(all_pages(client, q=q)) == want


def test_bbox_and_min_fatalities(served):
    client, _, recs = served
    box = (38.0, 34.0, 42.0, 37.5)
    want = {r["event_id"] for r in recs if r["latitude"] is not None
            and box[0] <= r["longitude"] <= box[2] and box[1] <= r["latitude"] <= box[3]}
    assert want and len(want) < len(recs)
    assert ids(all_pages(client, bbox=",".join(map(str, box)))) == want
    for n in (0, 1, 3, 10):
        assert ids(all_pages(client, min_fatalities=n)) == {r["event_id"] for r in recs
                                                            if r["fatalities"] is not None and r["fatalities"] >= n}


def test_filters_combine(served):
    client, _, recs = served
    want = {r["event_id"] for r in recs if r["iso"] == "SY" and r["event_type"] == "Battles"
            and (r["fatalities"] or 0) >= 1}
    assert want
    assert ids(all_pages(client, country="SY", event_type="Battles", min_fatalities=1)) == want


@pytest.mark.parametrize("sort", ["-event_date", "event_date", "-fatalities", "fatalities"])
def test_sort_and_paging(served, sort):
    client, _, recs = served
    key = sort.lstrip("-")
    desc = sort.startswith("-")
    present = sorted((r for r in recs if r[key] is not None), key=lambda r: (r[key], r["event_id"]), reverse=desc)
    want = [r["event_id"] for r in present] + sorted((r["event_id"] for r in recs if r[key] is None), reverse=desc)
    got = []
    for offset in range(0, len(recs) + 7, 7):
        body = client.get("/api/events", params={"sort": sort, "limit": 7, "offset": offset}).json()
        assert body["total"] == len(recs) and body["limit"] == 7 and body["offset"] == offset
        got.extend(r["event_id"] for r in body["items"])
    assert got == want


def test_empty_parameters_are_no_filter(served):
    client, _, recs = served
    r = client.get("/api/events?country=&date_from=&min_fatalities=&q=%20&limit=500")
    assert r.status_code == 200 and r.json()["total"] == len(recs)


# --------------------------------------------------------------------------- hostile and bad input

INJECTIONS = ["' OR 1=1 --", '"; DROP TABLE events; --', "%' UNION SELECT event_id, record FROM events --",
              "1; DELETE FROM documents", "_%", "\\", "' OR ''='"]
FILTERS = ["date_from", "date_to", "country", "admin1", "event_type", "sub_event_type", "actor", "person", "q", "bbox",
           "min_fatalities", "salience", "sort", "limit", "offset"]


@pytest.mark.parametrize("evil", INJECTIONS)
def test_injection_in_any_parameter_finds_nothing_and_changes_nothing(served, evil):
    client, url, recs = served
    for path in ("/api/events", "/api/clusters", "/api/timeline", "/export/events.jsonl"):
        for p in FILTERS:
            if path in ("/api/timeline",) and p in ("sort", "limit", "offset"):
                continue
            if path == "/export/events.jsonl" and p in ("limit", "offset"):
                continue
            r = client.get(path, params={p: evil})
            assert r.status_code in (200, 422), (path, p, r.status_code)
            if r.status_code == 200:
                body = r.json() if path != "/export/events.jsonl" else r.text
                assert not body or body == [] or (isinstance(body, dict) and body["total"] == 0), (path, p)
    for path in ("/api/events/", "/api/clusters/", "/api/persons/", "/api/documents/"):
        assert client.get(path + evil).status_code in (404, 422)
    assert client.get("/api/persons", params={"q": evil}).json()["total"] == 0
    with Store(url) as store:
        assert store.counts()["events"] == len(recs) and store.counts()["documents"] == 62


@pytest.mark.parametrize("query", [
    "limit=501", "limit=0", "limit=-1", "offset=-1", "offset=abc", "sort=event_id", "sort=-notes",
    "date_from=2023-02-30", "date_from=yesterday", "country=SYR", "country=S1", "admin1=SYDR", "bbox=1,2,3",
    "bbox=a,b,c,d", "bbox=0,50,10,40", "bbox=-200,0,0,10", "min_fatalities=-1", "min_fatalities=1e99",
    "salience=maybe", "date_from=2023-03-10&date_to=2023-03-01", "limit=10000000000000000000000",
])
def test_bad_parameters_are_422(served, query):
    client, _, _ = served
    r = client.get("/api/events?" + query)
    assert r.status_code == 422, r.text
    assert isinstance(r.json()["detail"], list)


def test_limit_is_capped_at_500(served):
    client, _, _ = served
    assert client.get("/api/events", params={"limit": 500}).status_code == 200
    assert client.get("/api/events", params={"limit": 501}).status_code == 422
    assert client.get("/api/clusters", params={"limit": 501}).status_code == 422
    assert client.get("/api/persons", params={"limit": 501}).status_code == 422


@pytest.mark.parametrize("path", ["/api/events/nope", "/api/clusters/nope", "/api/persons/nope",
                                  "/api/documents/nope", "/api/documents/a/b/../c"])
def test_unknown_ids_are_404(served, path):
    client, _, _ = served
    r = client.get(path)
    assert r.status_code == 404 and "detail" in r.json()


def test_no_endpoint_takes_a_body_or_a_method_but_get(served):
    client, _, _ = served
    spec = client.get("/openapi.json").json()
    for path, ops in spec["paths"].items():
        assert set(ops) == {"get"}, path
        assert "requestBody" not in ops["get"], path
    assert client.post("/api/events", json={}).status_code == 405
    assert client.delete("/api/events/x").status_code == 405


# --------------------------------------------------------------------------- objects


def test_event_document_cluster_person(served):
    client, _, recs = served
    r = max(recs, key=lambda r: len(r["persons"]))
    ev = client.get(f"/api/events/{r['event_id']}").json()
    assert {k: v for k, v in ev.items() if k != "document"} == r
    assert ev["document"]["id"] == r["doc_id"] and ev["document"]["source"] == r["source"]
    doc = client.get(f"/api/documents/{r['doc_id']}").json()
    assert doc["version"] == 1 and r["event_id"] in {e["event_id"] for e in doc["events"]}
    assert {e["event_id"] for e in doc["events"]} == {x["event_id"] for x in recs if x["doc_id"] == r["doc_id"]}
    for e in doc["events"]:
        assert e["evidence"]
        for span in e["evidence"]:
            assert doc["text"][span["start"]:span["end"]] == span["text"]
    c = client.get(f"/api/clusters/{r['cluster_id']}").json()
    assert r["event_id"] in c["event_ids"] and ids(c["records"]) == set(c["event_ids"])
    assert c["n_reports"] == len(c["event_ids"]) and set(c["claims"]) >= {"date", "place", "fatalities"}
    assert c["persons"] and all(r["cluster_id"] in p["cluster_ids"] for p in c["persons"])
    p = c["persons"][0]
    one = client.get(f"/api/persons/{p['person_id']}").json()
    assert ids(one["events"]) == set(one["event_ids"]) == set(p["event_ids"])


def test_clusters_filters_and_min_reports(served):
    client, _, recs = served
    every = all_pages(client, "/api/clusters")
    assert sum(c["n_reports"] for c in every) == len(recs)
    multi = all_pages(client, "/api/clusters", min_reports=2)
    assert multi and {c["cluster_id"] for c in multi} == {c["cluster_id"] for c in every if c["n_reports"] >= 2}
    sy = all_pages(client, "/api/clusters", country="SY")
    assert {c["cluster_id"] for c in sy} == {c["cluster_id"] for c in every if c["consensus"]["iso"] == "SY"}
    isis = all_pages(client, "/api/clusters", actor="Islamic State")
    assert {c["cluster_id"] for c in isis} == {r["cluster_id"] for r in recs
                                                if any("islamic state" in n.lower() for n in actor_names(r))}


def test_persons_search(served):
    client, _, _ = served
    everyone = all_pages(client, "/api/persons")
    p = everyone[0]
    assert p in client.get("/api/persons", params={"q": p["name_ar"]}).json()["items"]
    assert client.get("/api/persons", params={"q": p["person_id"]}).json()["items"] == [p]
    assert client.get("/api/persons", params={"q": "zzzz-nobody"}).json()["total"] == 0


@pytest.mark.parametrize("granularity", ["day", "week"])
def test_timeline(served, granularity):
    client, _, recs = served
    rows = client.get("/api/timeline", params={"granularity": granularity, "country": "SY"}).json()
    sy = [r for r in recs if r["iso"] == "SY" and r["event_date"]]
    assert sum(x["events"] for x in rows) == len(sy)
    assert sum(x["fatalities"] for x in rows) == sum(r["fatalities"] or 0 for r in sy)
    assert [x["period"] for x in rows] == sorted(x["period"] for x in rows)
    if granularity == "week":
        assert all(date.fromisoformat(x["period"]).weekday() == 5 for x in rows)  # Saturdays


def test_facets(served):
    client, _, recs = served
    f = client.get("/api/facets").json()
    assert {c["code"] for c in f["countries"]} == {r["iso"] for r in recs if r["iso"]}
    assert {a["code"] for a in f["admin1"]} == {r["admin1_code"] for r in recs if r["admin1_code"]}
    assert {(t, s) for t, subs in f["event_types"].items() for s in subs} == {(r["event_type"], r["sub_event_type"]) for r in recs}
    assert set(f["actors"]) == {a["name"] for r in recs for a in [r["actor1"], r["actor2"], *r["assoc_actors"]] if a}


# --------------------------------------------------------------------------- exports


def test_exports_follow_the_filters(served):
    client, _, recs = served
    sy = {r["event_id"]: r for r in recs if r["iso"] == "SY"}
    r = client.get("/export/events.csv", params={"country": "SY"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in r.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(r.text)))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(ACLED_COLUMNS) == 31
    assert len(rows) - 1 == len(sy) and all(len(x) == 31 for x in rows)
    assert {x[ACLED_COLUMNS.index("country")] for x in rows[1:]} == {"Syria"}
    geo = client.get("/export/events.geojson", params={"country": "SY"}).json()
    assert geo["type"] == "FeatureCollection"
    assert {f["properties"]["event_id"] for f in geo["features"]} == {k for k, v in sy.items() if v["latitude"] is not None}
    lines = client.get("/export/events.jsonl", params={"country": "SY"}).text.splitlines()
    assert {json.loads(x)["event_id"]: json.loads(x) for x in lines} == sy
    empty = client.get("/export/events.csv", params={"q": "zzzz-nothing"}).text
    assert empty.splitlines() == [",".join(ACLED_COLUMNS)]
    assert client.get("/export/events.geojson", params={"q": "zzzz"}).json() == {"type": "FeatureCollection",
                                                                                "features": []}


@pytest.mark.parametrize("fmt", ["csv", "geojson", "jsonl"])
def test_cli_export_is_the_api_export(served, fmt, tmp_path):
    client, url, _ = served
    out = tmp_path / f"e.{fmt}"
    r = CliRunner().invoke(cli, ["export", "--db", url, "--format", fmt, "--out", str(out), "--country", "SY",
                                 "--min-fatalities", "1", "--actor", "Islamic"])
    assert r.exit_code == 0, r.output
    api = client.get(f"/export/events.{fmt}", params={"country": "SY", "min_fatalities": 1, "actor": "Islamic"})
    assert out.read_text(encoding="utf-8") == api.text and api.text.strip()
    bad = CliRunner().invoke(cli, ["export", "--db", url, "--country", "' OR 1=1 --"])
    assert bad.exit_code == 2 and "--country" in bad.output


# --------------------------------------------------------------------------- OpenAPI and the page


def test_openapi_is_valid_and_documents_the_responses(served, sample_records):
    from openapi_spec_validator import validate

    client, _, recs = served
    spec = client.get("/openapi.json").json()
    validate(spec)
    for path in ["/api/events", "/api/events/{event_id}", "/api/clusters", "/api/clusters/{cluster_id}",
                 "/api/persons", "/api/persons/{person_id}", "/api/documents/{doc_id}", "/api/timeline",
                 "/api/facets", "/export/events.csv", "/export/events.geojson", "/export/events.jsonl"]:
        assert path in spec["paths"], path
    params = {p["name"]: p for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert params["limit"]["schema"]["maximum"] == 500
    assert client.get("/docs").status_code == 200
    # real answers fit the schemas the document gives
    from jsonschema import Draft202012Validator

    def check(path: str, answer: Any) -> None:
        schema = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        Draft202012Validator({**schema, "components": spec["components"]}).validate(answer)

    r = max(recs, key=lambda r: len(r["persons"]))
    check("/api/events", client.get("/api/events", params={"limit": 500}).json())
    check("/api/events/{event_id}", client.get(f"/api/events/{r['event_id']}").json())
    check("/api/clusters", client.get("/api/clusters", params={"limit": 500}).json())
    check("/api/clusters/{cluster_id}", client.get(f"/api/clusters/{r['cluster_id']}").json())
    check("/api/persons", client.get("/api/persons", params={"limit": 500}).json())
    check("/api/persons/{person_id}", client.get(f"/api/persons/{r['persons'] and client.get('/api/persons').json()['items'][0]['person_id']}").json())
    check("/api/documents/{doc_id}", client.get(f"/api/documents/{r['doc_id']}").json())
    check("/api/timeline", client.get("/api/timeline", params={"granularity": "week"}).json())
    check("/api/facets", client.get("/api/facets").json())


def test_the_web_page_is_served_when_it_exists(served, tmp_path):
    _, url, _ = served
    static = tmp_path / "static"
    with TestClient(create_app(url, static_dir=static)) as client:
        assert client.get("/").status_code == 404
    (static / "js").mkdir(parents=True)
    (static / "index.html").write_text("<!doctype html><title>rasd</title>", encoding="utf-8")
    (static / "js" / "main.js").write_text("export {};", encoding="utf-8")
    with TestClient(create_app(url, static_dir=static)) as client:
        page = client.get("/")
        assert page.status_code == 200 and "<title>rasd</title>" in page.text
        assert page.headers["content-type"].startswith("text/html")
        assert page.headers["x-content-type-options"] == "nosniff" and page.headers["x-frame-options"] == "DENY"
        assert client.get("/static/js/main.js").text == "export {};"
        assert client.get("/static/../../etc/passwd").status_code == 404
        assert client.get("/static/%2e%2e/%2e%2e/etc/passwd").status_code == 404


@pytest.mark.parametrize("f", [{"actor": "Islamic"}, {"actor": "داعش", "country": "SY"}, {"q": "ريف"},
                               {"person": "ا"}, {"q": "قوات", "actor": "forces", "min_fatalities": 1}])
def test_both_plans_of_the_list_filters_agree(served, f):
    """actor, person and q as IN (matching ids) and as EXISTS (a match of this event): the same events,
    in the same order (page_events picks one by how many match)."""
    import sqlalchemy as sa

    from rasd.store import EventFilter, read
    from rasd.store.schema import events

    _, url, _ = served
    ef = EventFilter(**f)
    with Store(url) as store, store.reading() as c:
        got = [list(c.execute(sa.select(events.c.event_id).where(*read.event_conditions(ef, correlated=x))
                              .order_by(*read._order(events, "event_id", "-event_date"))).scalars())
               for x in (False, True)]
    assert got[0] == got[1] and got[0]


@pytest.mark.parametrize("f", [{"actor": "Islamic"}, {"actor": "داعش", "country": "SY"}, {"q": "ريف"},
                               {"person": "ا"}, {"q": "قوات", "actor": "forces", "min_fatalities": 1},
                               {"geo_precision": 1, "q": "قتل"}, {"actor_type": "civilians"},
                               {"interaction": "civilians-state"}])
def test_both_plans_of_the_cluster_filters_agree(served, f):
    """The filters on a cluster's records as IN (the clusters of matching records) and as EXISTS (a
    matching record of this cluster): the same clusters, in the same order (page_clusters picks one)."""
    import sqlalchemy as sa

    from rasd.store import EventFilter, read
    from rasd.store.schema import clusters

    client, url, _ = served
    ef = EventFilter(**f)
    with Store(url) as store, store.reading() as c:
        got = [list(c.execute(sa.select(clusters.c.cluster_id).where(*read.cluster_conditions(ef, correlated=x))
                              .order_by(*read._order(clusters, "cluster_id", "-event_date"))).scalars())
               for x in (False, True)]
    assert got[0] == got[1] and got[0]
    # and the API's pages, whichever plan each takes, walk the same list
    pages = [c["cluster_id"] for k in range(0, len(got[0]), 3)
             for c in client.get("/api/clusters", params={**f, "limit": 3, "offset": k}).json()["items"]]
    assert pages == got[0]


def test_rasd_serve_answers_on_its_port(tmp_path):
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = tmp_path / "empty.db"
    Store(db).close()  # an empty store (serve refuses one that does not exist)
    proc = subprocess.Popen([sys.executable, "-m", "rasd.cli", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/events?limit=1", timeout=2) as r:
                    assert json.loads(r.read()) == {"total": 0, "limit": 1, "offset": 0, "items": []}
                    assert r.headers["x-content-type-options"] == "nosniff"
                break
            except OSError:
                assert proc.poll() is None and time.time() < deadline, proc.stderr.read() if proc.poll() else "timeout"
                time.sleep(0.2)
    finally:
        proc.terminate()
        out, errs = proc.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/" in out and "holds no events yet" in errs


def test_page_endpoints_count_clusters_once(served):
    """/api/summary, /api/map, /api/provinces and /api/timeline?unit=clusters: real-world events counted
    once each, with their consensus tolls; the filters analysts expect hold for clusters and reports."""
    client, _, recs = served
    clusters = client.get("/api/clusters", params={"limit": 500, "salience": "main"}).json()["items"]
    s = client.get("/api/summary", params={"salience": "main"}).json()
    assert s["events"] == len(clusters) > 0
    assert s["fatalities"] == sum(c["consensus"]["fatalities"] or 0 for c in clusters)
    assert s["reports"] == sum(c["n_reports"] for c in clusters)
    assert s["outlets"] == len({src for c in clusters for src in c["sources"]})
    assert sum(v["events"] for v in s["by_type"].values()) == s["events"]
    located = [c for c in clusters if c["consensus"]["latitude"] is not None]
    m = client.get("/api/map", params={"salience": "main"}).json()
    assert m["total"] == len(located) == s["located"]
    assert {p["cluster_id"] for p in m["items"]} == {c["cluster_id"] for c in located}
    prov = client.get("/api/provinces", params={"salience": "main"}).json()
    assert sum(p["events"] for p in prov) == sum(1 for c in clusters if c["consensus"]["admin1_code"])
    assert all(p["latitude"] is not None for p in prov if p["code"].startswith("SY-"))
    tl = client.get("/api/timeline", params={"salience": "main", "unit": "clusters"}).json()
    assert sum(r["events"] for r in tl) == sum(1 for c in clusters if c["consensus"]["event_date"])
    assert all(sum(t["events"] for t in r["types"].values()) == r["events"] for r in tl)
    # report-level filters
    main = [r for r in recs if r["salience"] == "main"]
    for params, want in (
            ({"actor_type": "civilians"}, [r for r in main if any((r.get(k) or {}).get("type") == "civilians"
                                                                  for k in ("actor1", "actor2"))]),
            ({"disorder_type": "Demonstrations"}, [r for r in main if r["event_type"] in ("Protests", "Riots")]),
            ({"geo_precision": 1}, [r for r in main if r["geo_precision"] == 1]),
            ({"interaction": "civilians-state"}, [r for r in main if {(r.get("actor1") or {}).get("type"),
                                                                       (r.get("actor2") or {}).get("type")} == {"state", "civilians"}
                                                  and r.get("actor1") and r.get("actor2")])):
        got = client.get("/api/events", params={**params, "salience": "main", "limit": 500}).json()
        assert got["total"] == len(want), params
    outlet = next(r["source"] for r in main if r.get("source"))
    got = client.get("/api/events", params={"outlet": outlet, "limit": 500}).json()
    assert got["total"] == sum(1 for r in recs if r.get("source") == outlet) > 0
    assert client.get("/api/events", params={"actor_type": "aliens"}).status_code == 422
    assert client.get("/api/events", params={"interaction": "state"}).status_code == 422
    page = client.get("/api/events", params={"counts": "true", "limit": 5}).json()["items"]
    assert all(e["n_reports"] >= 1 and e["n_sources"] >= 1 for e in page)


def test_compression_etags_and_offline_docs(served):
    client, _, _ = served
    r = client.get("/api/map", headers={"Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip" and r.headers["cache-control"] == "no-cache"
    again = client.get("/api/map", headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert client.get("/api/map?salience=main", headers={"If-None-Match": r.headers["etag"]}).status_code == 200
    docs = client.get("/docs").text
    assert "/docs-static/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/docs-static/swagger-ui-bundle.js").status_code == 200


@pytest.mark.parametrize("path", ["/api/events", "/api/timeline", "/api/clusters", "/api/summary", "/api/map",
                                  "/api/provinces", "/export/events.csv", "/export/events.jsonl",
                                  "/export/events.geojson"])
def test_dates_at_the_edges_of_the_calendar(served, path):
    """Year 1 and year 9999 read every event; a year past 9999 is a 422, never a 500 or a cut-off body."""
    client, _, recs = served
    dated = sum(1 for r in recs if r["event_date"])
    r = client.get(path, params={"date_from": "0001-01-01", "date_to": "9999-12-31"})
    assert r.status_code == 200, r.text
    if path == "/api/events":
        assert r.json()["total"] == dated
    elif path == "/api/timeline":
        assert sum(p["events"] for p in r.json()) == dated
    elif path == "/export/events.jsonl":
        assert len(r.text.splitlines()) == dated
    elif path == "/export/events.geojson":
        json.loads(r.text)
    r = client.get(path, params={"date_from": "0001-01-01", "granularity": "week"} if "timeline" in path
                   else {"date_from": "0001-01-01"})
    assert r.status_code == 200
    for bad in ("10000-01-01", "0000-12-31", "2023-02-30"):
        assert client.get(path, params={"date_from": bad}).status_code == 422


@pytest.mark.parametrize("params", [{}, {"sort": "-fatalities", "limit": 500}, {"sort": "event_date", "offset": 3, "limit": 7},
                                    {"country": "SY", "q": "قتل"}, {"actor": "Islamic State", "limit": 2},
                                    {"date_from": "2023-03-01", "limit": 500}, {"person": "no such person"}])
def test_the_events_page_is_the_stored_records_as_they_are(served, params):
    """/api/events splices the stored JSON of the records into its answer: the same page that
    ``Store.events`` reads and decodes."""
    from rasd.store import EventFilter

    client, url, _ = served
    r = client.get("/api/events", params=params)
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    page = {k: params[k] for k in ("limit", "offset", "sort") if k in params}
    with Store(url) as store:
        given = {k: date.fromisoformat(v) if k.startswith("date_") else v for k, v in params.items() if k not in page}
        want = store.events(EventFilter(**given), **page)
        counts = store.clusters(limit=500)  # the sample has fewer clusters than that
    assert r.json() == want
    # with counts: each record with how many reports and outlets tell its cluster
    of = {c["cluster_id"]: (c["n_reports"], len(c["sources"])) for c in counts["items"]}
    assert counts["total"] == len(of)
    counted = client.get("/api/events", params={**params, "counts": "true"}).json()
    assert counted["total"] == want["total"]
    assert counted["items"] == [{**e, "n_reports": of[e["cluster_id"]][0], "n_sources": of[e["cluster_id"]][1]}
                                for e in want["items"]]
