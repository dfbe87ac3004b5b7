"""Role-aware scoring on top of the shared scorer (../shared/eval/score.py).

The shared scorer counts an actor found in any role. Our gold adds, per event, ``actor1`` (who
acted), ``actor2`` (who was acted on), ``sources`` (whom the text attributes the account to, which
are never actors) and ``persons`` (named people with their role and affiliation). This module
matches predicted events to gold events with the shared scorer's own matching and scores those
roles over the matched pairs:

- ``actor1_acc`` / ``actor2_acc``: the predicted actor1 (actor2) is one of the gold spellings;
  where gold says null (the text does not say who), a predicted actor1 of an unidentified group or
  none is right;
- ``sources_recall``: gold sources found in ``reported_by``;
- ``source_as_actor``: share of matched events where a gold source stands as actor1 or actor2
  (lower is better);
- ``person_role_acc`` / ``person_affiliation_acc``: over gold persons found among the predicted
  persons (by a spelling in ``name`` or ``name_ar``).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

UNIDENTIFIED = ("unidentified", "unknown", "مجهول")


def _fits(scorer: ModuleType, actor: Any, spellings: list[str]) -> bool:
    if not isinstance(actor, dict):
        return False
    names = scorer.norm(actor.get("name")) + " | " + scorer.norm(actor.get("name_ar"))
    return any(scorer.norm(v) and scorer.norm(v) in names for v in spellings)


def _role_ok(scorer: ModuleType, actor: Any, gold: list[str] | None) -> bool:
    if gold is None:
        return actor is None or _fits(scorer, actor, list(UNIDENTIFIED))
    return _fits(scorer, actor, gold)


def role_scores(scorer: ModuleType, gold_docs: list[dict], events: list[dict]) -> dict[str, float | None]:
    by_doc: dict[str, list[dict]] = {}
    for ev in events:
        by_doc.setdefault(ev.get("doc_id"), []).append(ev)
    tally: dict[str, list[int]] = {k: [0, 0] for k in ("actor1", "actor2", "sources", "source_as_actor",
                                                      "person_role", "person_affiliation")}
    for doc in gold_docs:
        for p, g in scorer.match(by_doc.get(doc["id"], []), doc["events"]):
            for key in ("actor1", "actor2"):
                if key in g:
                    tally[key][0] += _role_ok(scorer, p.get(key), g[key])
                    tally[key][1] += 1
            srcs = g.get("sources")
            if srcs is not None:
                reported = [scorer.norm(s) for s in p.get("reported_by") or []]
                for variants in srcs:
                    tally["sources"][1] += 1
                    tally["sources"][0] += any(scorer.norm(v) and any(scorer.norm(v) in r or r in scorer.norm(v)
                                                                      for r in reported if r) for v in variants)
                tally["source_as_actor"][1] += 1
                tally["source_as_actor"][0] += any(_fits(scorer, p.get(k), variants) for k in ("actor1", "actor2")
                                                   for variants in srcs)
            for gp in g.get("persons") or []:
                spellings = gp.get("names") or [x for x in [gp.get("name"), gp.get("name_ar"), *(gp.get("aliases") or [])]
                                                if x]
                hit = next((pp for pp in p.get("persons") or [] if _fits(scorer, pp, spellings)), None)
                if hit is None:
                    continue
                if gp.get("role"):
                    tally["person_role"][1] += 1
                    tally["person_role"][0] += hit.get("role") == gp.get("role")
                if "affiliation" not in gp:
                    continue
                tally["person_affiliation"][1] += 1
                aff = gp.get("affiliation")
                aff = [aff] if isinstance(aff, str) else aff
                got = hit.get("affiliation")
                tally["person_affiliation"][0] += (got is None if not aff else
                                                   bool(got) and _fits(scorer, {"name": got}, aff))
    out: dict[str, float | None] = {}
    for k, (ok, n) in tally.items():
        name = "sources_recall" if k == "sources" else (k if k == "source_as_actor" else k + "_acc")
        out[name] = round(ok / n, 3) if n else None
    return out


__all__ = ["role_scores"]


def extract_checked(documents: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """``rasd.extract`` for scoring: the records, and a line for each document that met an internal
    error (a bug, not a bad document), so that an evaluation never scores a set with documents
    silently missing."""
    from rasd import extract_reporting

    records, problems = extract_reporting(documents)
    return records, [p for p in problems if "): internal error" in p]
