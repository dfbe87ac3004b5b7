"""Our region fixtures: hard negatives (sport, politics, economy, culture told with words of war) give
no event; every country's articles give events in that country."""

import json
from pathlib import Path

import pytest

from rasd import extract

DIR = Path(__file__).parent / "fixtures" / "region"
DOCS = [json.loads(x) for x in (DIR / "docs.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
GOLD = {g["id"]: g for g in (json.loads(x) for x in (DIR / "gold.jsonl").read_text(encoding="utf-8").splitlines()
                             if x.strip())}


@pytest.mark.parametrize("doc", [d for d in DOCS if d["id"].startswith("rg-neg-")], ids=lambda d: d["id"])
def test_hard_negatives_give_no_event(doc):
    assert extract([doc]) == []


def test_each_country_is_found_where_gold_puts_it():
    events = extract([d for d in DOCS if not d["id"].startswith("rg-neg-")])
    for cc in sorted({d["id"].split("-")[1] for d in DOCS} - {"neg"}):
        ids = {d["id"] for d in DOCS if d["id"].split("-")[1] == cc}
        want = {(e["admin1_code"] or "")[:2] for i in ids for e in GOLD[i]["events"] if e["salience"] == "main"}
        got = {e["iso"] for e in events if e["doc_id"] in ids and e["salience"] == "main"}
        assert want & got, (cc, want, got)
