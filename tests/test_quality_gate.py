"""Evaluation gate: the dev sets (../shared/eval) and our own fixture sets, scored by the shared
scorer, must not fall below the floors in quality_floors.json. Raise the floors as figures improve."""

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, SHARED, load_jsonl, shared_scorer, unavailable

from rasd.evaluation import extract_checked, role_scores

FLOORS = json.loads((Path(__file__).with_name("quality_floors.json")).read_text(encoding="utf-8"))
SETS = {
    "dev": (SHARED / "eval" / "dev.docs.jsonl", SHARED / "eval" / "dev.gold.jsonl"),
    "dev2": (SHARED / "eval" / "dev2.docs.jsonl", SHARED / "eval" / "dev2.gold.jsonl"),
    "fixtures-extract": (FIXTURES / "extract" / "docs.jsonl", FIXTURES / "extract" / "gold.jsonl"),
    "fixtures-stories": (FIXTURES / "stories" / "docs.jsonl", FIXTURES / "stories" / "gold.jsonl"),
    "fixtures-region": (FIXTURES / "region" / "docs.jsonl", FIXTURES / "region" / "gold.jsonl"),
    "fixtures-blind": (FIXTURES / "blind" / "docs.jsonl", FIXTURES / "blind" / "gold.jsonl"),
    "fixtures-blind2": (FIXTURES / "blind2" / "docs.jsonl", FIXTURES / "blind2" / "gold.jsonl"),
    # real pages (../shared, never copied here) with our own gold, annotated before rasd read them
    "realworld": (SHARED / "realworld" / "docs.jsonl", Path(__file__).parent / "realworld" / "realworld.gold.jsonl"),
    "realworld2": (SHARED / "realworld2" / "docs.jsonl", Path(__file__).parent / "realworld" / "realworld2.gold.jsonl"),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_scores_stay_above_floors(name):
    scorer = shared_scorer()
    docs_path, gold_path = SETS[name]
    if not docs_path.exists():
        unavailable(f"{docs_path} missing")
    golds = load_jsonl(gold_path)
    events, errors = extract_checked(load_jsonl(docs_path))
    assert not errors, f"{name}: documents lost to internal errors: {errors}"
    out, _, _ = scorer.score(golds, events)
    out.update(role_scores(scorer, golds, events))
    low = {k: (out[k], floor) for k, floor in FLOORS[name].items() if out.get(k) is None or out[k] < floor}
    assert not low, f"{name}: below the floor (got, floor): {low}"
