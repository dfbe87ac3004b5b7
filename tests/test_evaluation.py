"""The role-aware check (rasd.evaluation) on hand-made gold and predictions."""

import pytest
from conftest import shared_scorer

from rasd.evaluation import role_scores


@pytest.fixture(scope="module")
def scorer():
    return shared_scorer()


GOLD = [{"id": "d1", "events": [{
    "gid": "d1-e1", "salience": "main", "types": [["Battles", "Armed clash"]], "date": ["2024-02-01", "2024-02-01"],
    "admin1_code": "IQ-BA", "actors": [["Tribal militia", "عشيرة"], ["Tribal militia", "عشيرة"]],
    "actor1": ["Tribal militia", "عشيرة"], "actor2": ["Tribal militia", "عشيرة"], "sources": [["Police Forces of Iraq", "شرطة البصرة"]],
    "persons": [{"names": ["حامد خلف"], "role": "killed", "affiliation": None}]}]}]


def _pred(actor2_name: str, reported: list[str], role: str = "killed") -> dict:
    return {"doc_id": "d1", "event_type": "Battles", "sub_event_type": "Armed clash", "event_date": "2024-02-01",
            "date_end": "2024-02-01", "admin1_code": "IQ-BA", "salience": "main",
            "actor1": {"name": "Tribal militia (Iraq)", "name_ar": "عشيرة"},
            "actor2": {"name": actor2_name, "name_ar": ""}, "assoc_actors": [], "reported_by": reported,
            "persons": [{"name": "Hamid Khalaf", "name_ar": "حامد خلف", "role": role, "affiliation": None}]}


def test_a_source_standing_as_target_is_caught(scorer):
    good = role_scores(scorer, GOLD, [_pred("Tribal militia (Iraq)", ["Police Forces of Iraq"])])
    bad = role_scores(scorer, GOLD, [_pred("Police Forces of Iraq", [])])
    assert good["actor2_acc"] == 1.0 and good["sources_recall"] == 1.0 and good["source_as_actor"] == 0.0
    assert bad["actor2_acc"] == 0.0 and bad["sources_recall"] == 0.0 and bad["source_as_actor"] == 1.0


def test_person_roles_are_scored(scorer):
    assert role_scores(scorer, GOLD, [_pred("Tribal militia (Iraq)", [])])["person_role_acc"] == 1.0
    assert role_scores(scorer, GOLD, [_pred("Tribal militia (Iraq)", [], role="arrested")])["person_role_acc"] == 0.0


def test_a_document_lost_to_a_bug_is_reported_not_scored_silently(monkeypatch):
    # an internal error drops a document's events; the evaluation must say so (the gate asserts none)
    import rasd.events as events_mod
    from rasd.evaluation import extract_checked

    docs = [{"id": "ok", "text": "قتل ثلاثة مدنيين بقصف مدفعي على بلدة سراقب في ريف إدلب أمس", "published": "2024-03-10"}]
    records, errors = extract_checked(docs)
    assert records and errors == []

    def broken(*a, **k):
        raise NameError("name 'X' is not defined")

    monkeypatch.setattr(events_mod, "extract_events", broken)
    records, errors = extract_checked(docs)
    assert records == []
    assert len(errors) == 1 and "'ok'" in errors[0] and "internal error" in errors[0] and "NameError" in errors[0]
