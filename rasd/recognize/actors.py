"""Actors: the actor dictionary (data/actors.tsv) matched with clitics; generic forms ("النظام",
"التنظيم", "الجيش") are read as an actor only where the document is about that actor's country or
names the actor explicitly; a form shared by actors of different periods picks the one valid on
the document's date. An identity militia of another country is kept only where the document's
country is one it fights in (Israeli settlers in the West Bank)."""

from __future__ import annotations

from datetime import date

from rasd.resources import ActorEntry, ActorForm, Resources
from rasd.types import Document, Mention


def _pick(forms: list[ActorForm], on: date | None) -> ActorForm:
    valid = [f for f in forms if f.actor.valid_on(on)] or forms
    # a specific form beats a generic one; then the actor with a validity window (more precise)
    return sorted(valid, key=lambda f: (f.generic, f.actor.start is None and f.actor.end is None, f.actor.id))[0]


def find_actors(doc: Document, res: Resources, doc_country: str | None) -> list[Mention]:
    raw = []
    for h in res.actor_lex.find(doc.norm):
        raw.append((h, list(h.payloads)))
    named = {f.actor.id for _, forms in raw for f in forms if not f.generic}
    out: list[Mention] = []
    for h, forms in raw:
        specific = [f for f in forms if not f.generic]
        if specific:
            chosen = _pick(specific, doc.published)
        else:
            ok = [f for f in forms if f.actor.id in named
                  or (f.actor.country and f.actor.country == doc_country)
                  or (doc_country and doc_country in f.actor.theatres)]
            if not ok:
                continue
            # "الجيش الليبي" is the LNA where the article names the LNA, whatever else it could be
            ok = [f for f in ok if f.actor.id in named] or ok
            chosen = _pick(ok, doc.published)
        a: ActorEntry = chosen.actor
        if doc_country and a.country and a.country != doc_country and a.type == "identity_militia" \
                and doc_country not in a.theatres \
                and a.country not in {f.actor.country for _, fs in raw for f in fs if f.actor.id in named and f.actor.type != "identity_militia"}:
            continue  # "مقاتلو العشائر" in a Somali article are Somali clansmen, not Syria's tribal forces
        s, e = doc.norm_to_text[h.start], doc.norm_to_text[h.end - 1] + 1
        out.append(Mention("actor", s, e, doc.text[s:e], a.id, value=a, rule="generic" if chosen.generic else "form",
                           meta={"nstart": h.start, "nend": h.end, "form": doc.norm[h.form_start:h.end]}))
    return out
