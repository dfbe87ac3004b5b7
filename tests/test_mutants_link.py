"""Linking (rasd/link.py) with scores and answers worked out by hand, written to kill the mutants that
survived the older tests (docs/mutation.md). The records carry no evidence text unless a case needs it, so
that a score is the sum of its parts: date, province, distance, actors, persons, sub-event type."""

from __future__ import annotations

from typing import Any

import pytest

from rasd.link import _features, _Group, build_clusters, link, similarity

ARMY = {"name": "Military Forces of Syria", "name_ar": "", "type": "state"}
SDF = {"name": "Syrian Democratic Forces", "name_ar": "", "type": "rebel"}
IS = {"name": "Islamic State", "name_ar": "", "type": "rebel"}
UNKNOWN = {"name": "Unidentified Armed Group", "name_ar": "", "type": "unknown"}
CIVILIANS = {"name": "Civilians", "name_ar": "", "type": "civilians"}


def rec(event_id: str, doc_id: str, **kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "event_id": event_id, "doc_id": doc_id, "source": doc_id, "salience": "main",
        "event_type": "Explosions/Remote violence", "sub_event_type": "Remote explosive/landmine/IED",
        "event_date": "2023-10-17", "date_end": "2023-10-17", "time_precision": 1, "iso": "SY", "country": "Syria",
        "admin1": "Aleppo", "admin1_code": "SY-HL", "location": "Azaz", "latitude": 36.586, "longitude": 37.046,
        "geo_precision": 1, "actor1": UNKNOWN, "actor2": CIVILIANS, "assoc_actors": [], "persons": [],
        "fatalities": 6, "injuries": 10, "reported_by": [], "evidence": []}
    base.update(kw)
    return base


def score(a: dict[str, Any], b: dict[str, Any], floor: float | None = None) -> float | None:
    s = similarity(_features(0, a), _features(1, b), floor)
    return None if s is None else round(s, 6)


# 2.0 (same day) + 1.0 (same province) + 2.0 (same point, both towns) + 0.5 (same sub-event type)
BASE = 5.5
JARABLUS = {"location": "Jarablus", "latitude": 36.817, "longitude": 38.011}  # ~90 km from Azaz
AKHTARIN = {"location": "Akhtarin", "latitude": 36.52, "longitude": 37.34}  # ~27 km from Azaz
SAWRAN = {"location": "Sawran", "latitude": 36.55, "longitude": 37.10}  # ~6 km from Azaz


@pytest.mark.parametrize(("b", "want"), [
    ({}, BASE),
    ({"event_type": "Battles", "sub_event_type": "Armed clash"}, BASE - 0.5),  # both violent: one family
    ({"event_type": "Protests", "sub_event_type": "Peaceful protest"}, None),
    ({"sub_event_type": "Shelling/artillery/missile attack"}, BASE - 0.5),
    # dates: a day of slack between days; windows of a week count less, of a month little
    ({"event_date": "2023-10-18", "date_end": "2023-10-18"}, BASE),
    ({"event_date": "2023-10-19", "date_end": "2023-10-19"}, None),
    ({"event_date": "2023-10-12", "date_end": "2023-10-20"}, BASE - 1.0),
    ({"event_date": "2023-10-01", "date_end": "2023-10-31"}, BASE - 1.7),
    ({"event_date": "2023-10-15", "date_end": "2023-10-16"}, BASE),  # a window of two days is still a day
    ({"event_date": None, "date_end": None}, BASE - 2.0),
    # place: another country or province never; distance between towns
    ({"iso": "IQ", "admin1_code": None}, None),
    ({"admin1_code": "SY-ID"}, None),
    ({"admin1_code": None}, BASE - 1.0 - 1.5),  # one report names no province, and no actor or person agrees
    (JARABLUS, None),
    (AKHTARIN, BASE - 1.0),
    (SAWRAN, BASE - 1.0),
    ({**SAWRAN, "geo_precision": 2}, BASE - 2.0 + 0.5),  # not both towns: near enough adds 0.5 only
    ({**AKHTARIN, "geo_precision": 2}, BASE - 2.0),  # and 27 km is not near
    ({"latitude": None, "longitude": None}, BASE - 2.0),
    # who: named actors (at most two count), persons
    ({"actor1": ARMY}, BASE),
    ({"persons": [{"name_ar": "أحمد الخطيب"}]}, BASE),
])
def test_similarity_by_hand(b: dict[str, Any], want: float | None) -> None:
    assert score(rec("a", "d1"), rec("b", "d2", **b)) == want


def test_two_records_of_one_document_are_never_alike() -> None:
    assert score(rec("a", "d1"), rec("b", "d1")) is None


def test_shared_actors_and_persons_add_up() -> None:
    a = rec("a", "d1", actor1=ARMY, actor2=SDF, assoc_actors=[IS], persons=[{"name_ar": "أحمد الخطيب"}])
    one = rec("b", "d2", actor1=ARMY)
    three = rec("c", "d3", actor1=ARMY, actor2=SDF, assoc_actors=[IS], persons=[{"name_ar": "احمد الخطيب"}])
    assert score(a, one) == BASE + 0.75
    assert score(a, three) == BASE + 1.5 + 2.0  # two actors at most; one person, spelled alike once folded
    # an unplaced report that shares an actor is not marked down
    assert score(a, rec("d", "d4", actor1=ARMY, admin1_code=None)) == BASE - 1.0 + 0.75


def test_the_evidence_adds_up_to_one_and_a_half() -> None:
    text = [{"text": "انفجرت عبوة ناسفة في سوق مدينة اعزاز", "start": 0, "end": 10}]
    assert score(rec("a", "d1", evidence=text), rec("b", "d2", evidence=text)) == BASE + 1.5


def test_a_floor_skips_what_cannot_reach_it() -> None:
    text = [{"text": "انفجرت عبوة ناسفة في سوق مدينة اعزاز", "start": 0, "end": 10}]
    far = {"event_date": "2023-10-01", "date_end": "2023-10-31", **{"latitude": None, "longitude": None}}
    a, b = rec("a", "d1", evidence=text), rec("b", "d2", evidence=text, **far)
    assert score(a, b) == 0.3 + 1.0 + 1.5 + 0.5
    assert score(a, b, floor=3.3) == 3.3
    assert score(a, b, floor=3.31) is None


def test_groups_agree_only_on_province_points_and_days() -> None:
    g = _Group.of(_features(0, rec("a", "d1")))
    assert g.agrees(_Group.of(_features(1, rec("b", "d2", **AKHTARIN))))
    assert not g.agrees(_Group.of(_features(1, rec("b", "d2", **JARABLUS))))
    assert not g.agrees(_Group.of(_features(1, rec("b", "d2", admin1_code="SY-ID"))))
    assert g.agrees(_Group.of(_features(1, rec("b", "d2", event_date="2023-10-18", date_end="2023-10-18"))))
    assert not g.agrees(_Group.of(_features(1, rec("b", "d2", event_date="2023-10-19", date_end="2023-10-19"))))
    # a month-long window has no slack
    month = _Group.of(_features(1, rec("b", "d2", event_date="2023-09-01", date_end="2023-09-30")))
    assert not month.agrees(_Group.of(_features(2, rec("c", "d3", event_date="2023-10-01", date_end="2023-10-20"))))
    g.absorb(_Group.of(_features(1, rec("b", "d2", event_date="2023-10-16", date_end="2023-10-18", **AKHTARIN))))
    assert (g.admin1, len(g.points), str(g.lo), str(g.hi)) == ({"SY-HL"}, 2, "2023-10-17", "2023-10-17")


def test_a_chain_of_links_does_not_glue_two_provinces() -> None:
    # b (no province) is like a and like c, but a and c are in two provinces: b joins one of them only
    a = rec("a", "d1", actor1=ARMY)
    b = rec("b", "d2", actor1=ARMY, admin1_code=None, latitude=None, longitude=None)
    c = rec("c", "d3", actor1=ARMY, admin1_code="SY-ID", location="Sarmada", latitude=36.18, longitude=36.72)
    ids = {r["event_id"]: r["cluster_id"] for r in link([a, b, c]).records}
    assert ids["a"] != ids["c"] and ids["b"] in {ids["a"], ids["c"]}


def test_undated_records_link_within_their_province() -> None:
    undated = {"event_date": None, "date_end": None}
    res = link([rec("a", "d1", actor1=ARMY, **undated), rec("b", "d2", actor1=ARMY, **undated),
                rec("c", "d3", actor1=ARMY, admin1_code="SY-ID", **undated)])
    ids = {r["event_id"]: r["cluster_id"] for r in res.records}
    assert ids["a"] == ids["b"] != ids["c"]


def test_a_record_placed_only_in_its_country_links_with_a_dated_one() -> None:
    country_only = {"admin1_code": None, "admin1": None, "location": "Syria", "latitude": None, "longitude": None,
                    "geo_precision": 3}
    res = link([rec("a", "d1", actor1=ARMY, persons=[{"name_ar": "أحمد الخطيب"}]),
                rec("b", "d2", actor1=ARMY, persons=[{"name_ar": "أحمد الخطيب"}], **country_only)])
    assert len({r["cluster_id"] for r in res.records}) == 1


def test_consensus_and_contradictions_by_hand() -> None:
    members = [
        rec("a", "d1", source="A", fatalities=4, injuries=9, event_date="2023-10-16", date_end="2023-10-18",
            time_precision=2, geo_precision=2, actor1=ARMY, published="2023-10-18"),
        rec("b", "d2", source="B", fatalities=6, injuries=7, actor1=ARMY, published="2023-10-18"),
        rec("c", "d3", source="C", fatalities=9, injuries=None, actor1=SDF, salience="background",
            published="2023-10-19"),
    ]
    for r in members:
        r["cluster_id"] = "k"
    (c,) = build_clusters(members)
    k = c["consensus"]
    assert (k["event_date"], k["date_end"], k["time_precision"]) == ("2023-10-17", "2023-10-17", 1)
    assert (k["fatalities"], k["fatalities_best"], k["fatalities_low"], k["fatalities_high"], k["injuries"]) == (
        4, 6, 4, 9, 7)
    assert (k["location"], k["geo_precision"]) == ("Azaz", 1)  # the most precise place
    assert k["actor1"]["name"] == ARMY["name"] and k["salience"] == "main"
    assert (c["n_reports"], c["sources"], c["doc_ids"]) == (3, ["A", "B", "C"], ["d1", "d2", "d3"])
    fields = {x["field"]: x for x in c["contradictions"]}
    assert sorted(fields) == ["actor1", "fatalities", "injuries"]
    assert fields["fatalities"]["text"] == "fatalities: 4 (A) vs 6 (B) vs 9 (C)"
    assert fields["injuries"]["text"] == "injuries: 7 (B) vs 9 (A)"


def test_dates_that_do_not_overlap_give_the_most_precise_and_a_contradiction() -> None:
    members = [rec("a", "d1", source="A", event_date="2023-10-01", date_end="2023-10-31", time_precision=3),
               rec("b", "d2", source="B", event_date="2023-11-02", date_end="2023-11-02"),
               rec("c", "d3", source="C", admin1_code="SY-ID", admin1="Idlib", event_type="Battles",
                   sub_event_type="Armed clash", event_date=None, date_end=None)]
    for r in members:
        r["cluster_id"] = "k"
    (c,) = build_clusters(members)
    k = c["consensus"]
    assert (k["event_date"], k["date_end"], k["time_precision"]) == ("2023-11-02", "2023-11-02", 1)
    assert (k["event_type"], k["sub_event_type"]) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert sorted(x["field"] for x in c["contradictions"]) == ["date", "event_type", "place"]
    date_values = next(x for x in c["contradictions"] if x["field"] == "date")["values"]
    assert [v["value"] for v in date_values] == [["2023-10-01", "2023-10-31"], ["2023-11-02", "2023-11-02"]]
