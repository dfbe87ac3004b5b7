"""Who did what to whom: actor1 (who acted), actor2 (who was acted on), associates, sources, persons."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice

from rasd.events.base import ARMED_TYPES, VIOLENT, Cand, Frame, _text_span, cues, trigger_forms
from rasd.recognize.persons import event_persons
from rasd.recognize.places import nationality_adjectives
from rasd.recognize.tokens import _TOKEN, tokenize
from rasd.resources import SUB_TO_TYPE, ActorEntry, Resources
from rasd.types import Document, EventRecord, Mention

AGENT_CUES = cues("agent")
TARGET_CUES = cues("target")
TELLER_CUES = frozenset(cues("teller"))


_SPEAKING = frozenset(cues("report_verb"))
_ARREST_NOUNS = frozenset(cues("arrest_noun"))


def _speaker(doc: Document, m: Mention) -> bool:
    """The actor is the subject of a verb of saying right before it ("أعلن الجيش", "وقالت الشرطة"): it
    tells the account (and may also be a side of the event)."""
    words = doc.norm[max(0, m.meta["nstart"] - 20):m.meta["nstart"]].split()[-2:]
    return any(w in _SPEAKING or (w[:1] in "وف" and w[1:] in _SPEAKING) for w in words)


def _teller(doc: Document, m: Mention) -> bool:
    """"بحسب مصدر في شرطة البصرة", "قال المتحدث باسم الجيش": the actor tells the account; it is a
    source, not a side of the event."""
    words = doc.norm[max(0, m.meta["nstart"] - 40):m.meta["nstart"]].split()[-4:]
    return any(" ".join(words[i:]) in TELLER_CUES for i in range(len(words)))


def _actor_dict(a: ActorEntry, surface: str) -> dict:
    return {"name": a.name, "name_ar": surface, "type": a.type}


def _find_named(res: Resources, name: str) -> ActorEntry | None:
    if "by_name" not in res.extra:
        res.extra["by_name"] = {a.name: a for a in res.actors.values()}
    return res.extra["by_name"].get(name)  # type: ignore[attr-defined]


def _military_of(res: Resources, iso: str) -> ActorEntry | None:
    cache = res.extra.setdefault("mil", {})
    if iso not in cache:  # type: ignore[operator]
        cands = [a for a in res.actors.values() if a.country == iso and a.name.startswith("Military Forces of")]
        cands.sort(key=lambda a: (a.end is not None, a.id))
        cache[iso] = cands[0] if cands else None  # type: ignore[index]
    return cache[iso]  # type: ignore[index]


def _adjective_agent(doc: Document, res: Resources, trig: Mention,
                     inside: Sequence[tuple[int, int, str]] = ()) -> tuple[ActorEntry, str] | None:
    """"غارة تركية", "القصف الروسي": a nationality adjective right after a trigger noun (not one that
    is part of another actor's name, ``inside`` (start, end, actor id): "طيران التحالف السعودي" is the
    coalition's)."""
    # the words after the act word, and those inside a trigger phrase that holds its adjective
    # ("غارة إسرائيلية" is one entry of the lexicon)
    inner = tokenize(doc.norm, trig.meta["nstart"], trig.meta["nend"])[1:]
    after = inner + tokenize(doc.norm, trig.meta["nend"], min(len(doc.norm), trig.meta["nend"] + 40))[:2]
    adj = nationality_adjectives(res)
    for t in after:
        iso = adj.get(t.text)
        if iso:
            a = _military_of(res, iso)
            if a and any(s < t.start < e and aid != a.id for s, e, aid in inside):
                continue  # inside a longer name of another actor, not the adjective alone
            if a:
                s, e = _text_span(doc, t.start, t.end)
                return a, doc.text[s:e]
    return None


def _count_tokens(norm: str, start: int, end: int, most: int = 5) -> int:
    """The tokens between ``start`` and ``end``, counted up to ``most`` (the rules ask for at most 4):
    a sentence with many actors costs no more than its length."""
    return sum(1 for _ in islice(_TOKEN.finditer(norm, start, end), most))


_BACKER = cues("backer")
_QUANTITY = cues("quantity_of")
_CLAIM = cues("claim")[0]


def _roles(doc: Document, res: Resources, cand: Cand, primary: Frame, trig: Mention, sub: str,
           victims_group: str | None) -> tuple[dict | None, dict | None, list[dict]]:
    et = SUB_TO_TYPE[sub]
    agents: list[tuple[ActorEntry, str]] = []
    targets: list[tuple[ActorEntry, str]] = []
    others: list[tuple[ActorEntry, str]] = []
    backers: list[tuple[ActorEntry, str]] = []
    tstart = trig.meta["nstart"]
    subject_before: list[str] = []
    for f in cand.frames:
        for m in f.actors:
            if _speaker(doc, m) and m.value.name not in cand.tellers and m.value.type != "civilians":
                cand.tellers.append(m.value.name)  # "أعلن الجيش السوداني", "وقال الجيش في بيان"
    tword = doc.norm[trig.meta["nstart"]:trig.meta["nend"]]
    nominal_object = sub in {"Arrests", "Abduction/forced disappearance"} and (
        tword.startswith(("ال", "وال", "بال")) or tword.split()[0] in _ARREST_NOUNS or tword.endswith((" علي", " على")))
    for m in sorted(primary.actors, key=lambda m: abs(m.meta["nstart"] - tstart)):
        a: ActorEntry = m.value
        if _teller(doc, m):
            if a.name not in cand.tellers:
                cand.tellers.append(a.name)
            continue
        before = doc.norm[max(primary.nstart, m.meta["nstart"] - 14):m.meta["nstart"]].strip()
        if any(before.endswith(c) for c in _BACKER):
            backers.append((a, m.surface))  # "حزب الله المدعوم من إيران": the backer is no side of the act
            continue
        if before.endswith(_QUANTITY):
            before = ""  # "مجموعة من المستوطنين أقدموا على": the quantity's "من" says nothing of the role
        prefix = doc.norm[m.meta["nstart"]:m.meta["nstart"] + 2]
        # words between the actor and the act word (a name of several words before the verb counts as one:
        # "وكان جهاز مكافحة الإرهاب العراقي قد اعتقل")
        gap = (_count_tokens(doc.norm, tstart, m.meta["nstart"]) if m.meta["nstart"] > tstart
               else 1 + _count_tokens(doc.norm, m.meta["nend"], tstart))
        if nominal_object and m.meta["nstart"] > tstart and gap <= 3 and not before.endswith(AGENT_CUES):
            targets.append((a, m.surface))  # "القبض على والي داعش", "اعتقال عناصر من الحزب": the object
        elif before.endswith(AGENT_CUES) or m.meta["nstart"] > tstart and gap <= 3 and not before.endswith(
                TARGET_CUES) and not prefix.startswith(("ل", "ب")) or (
                m.meta["nstart"] > tstart and gap <= 2 and prefix.startswith("ل")
                and et != "Strategic developments"):
            agents.append((a, m.surface))
        elif before.endswith(TARGET_CUES) or a.type == "civilians":
            targets.append((a, m.surface))
        elif m.meta["nstart"] < tstart and gap <= 4:
            agents.append((a, m.surface))
            if doc.norm[m.meta["nend"]:tstart].strip(' "«»“”') in {"", "قد", "لقد"}:
                subject_before.append(a.id)  # "X اعتقل", "X قد اعتقل": the subject before its verb
        else:
            others.append((a, m.surface))
    if subject_before:
        # "وكان جهاز مكافحة الإرهاب قد اعتقل المسلحين": the subject stands before the verb, so the side
        # right after the verb is its object
        after = {x[0].id for x in agents if x[0].id not in subject_before}
        targets = [x for x in agents if x[0].id in after] + targets
        agents = [x for x in agents if x[0].id not in after]
    for f in cand.frames:
        if f is primary:
            continue
        for m in f.actors:
            if _teller(doc, m):
                if m.value.name not in cand.tellers:
                    cand.tellers.append(m.value.name)
                continue
            others.append((m.value, m.surface))
    inside = [(m.meta["nstart"], m.meta["nend"], m.value.id) for f in cand.frames for m in f.actors]
    adj = _adjective_agent(doc, res, trig, inside)
    if adj is None:
        # "شنت طائرات حربية إسرائيلية غارة": the adjective of another act or weapon word of the event
        # (another sentence's adjective only where the act's own sentence names no side that did it:
        # "رشقة صواريخ أطلقها حزب الله ... ردا على المجزرة الإسرائيلية")
        for f in [primary] + ([f for f in cand.frames if f is not primary] if not agents else []):
            for m, _ in sorted(f.triggers + f.modifiers, key=lambda x: x[0].start):
                adj = _adjective_agent(doc, res, m, inside)
                if adj:
                    break
            if adj:
                break
    if adj and sub == "Disrupted weapons use":
        targets.insert(0, adj)  # "إسقاط طائرة أمريكية مسيرة": the weapon downed is the other side's
    elif adj and not any(x[0].id == adj[0].id for x in agents):
        agents.insert(0, adj)
    # "أعلن حزب الله مسؤوليته عن هجمات ...", "تبنت الحركة الهجوم": who claims the act did it
    for m in primary.actors:
        after = doc.norm[m.meta["nend"]:m.meta["nend"] + 40].split(".")[0]
        if _CLAIM in after and m.value.type in ARMED_TYPES and m.value.type != "unknown":
            agents = [(m.value, m.surface)] + [x for x in agents if x[0].id != m.value.id]
            targets = [x for x in targets if x[0].id != m.value.id]
            others = [x for x in others if x[0].id != m.value.id]
            break
    # synthetic actors: protesters, rioters, civilians, unidentified perpetrators
    civilians = _find_named(res, "Civilians")
    if et == "Protests" and not any(a.type == "protesters" for a, _ in agents):
        pr = _find_named(res, "Protesters")
        if pr:
            agents = [x for x in agents if x[0].type != "protesters"]
            agents.insert(0, (pr, next((s for a, s in targets + others if a.type == "protesters"), "")))
            targets = [x for x in targets if x[0].type != "protesters"]
            targets += [x for x in agents[1:] if x[0].type in ARMED_TYPES]
            agents = agents[:1]
    if et == "Riots" and not any(a.type == "rioters" for a, _ in agents):
        ri = _find_named(res, "Rioters")
        if ri:
            targets = [x for x in agents if x[0].type in ARMED_TYPES] + targets
            agents = [(ri, "")]
    ordered_agents = _dedupe(agents)
    ordered_targets = [x for x in _dedupe(targets) if not any(x[0].id == a.id for a, _ in ordered_agents[:1])]
    if ordered_agents and ordered_agents[0][0].type == "civilians" and et != "Protests":
        ordered_targets.insert(0, ordered_agents.pop(0))
    rest = [x for x in _dedupe(others) if not any(x[0].id == y[0].id for y in ordered_agents + ordered_targets)]
    if not ordered_agents and rest and et in VIOLENT | {"Strategic developments"}:
        armed_rest = [x for x in rest if x[0].type in ARMED_TYPES]
        if armed_rest and sub not in {"Remote explosive/landmine/IED", "Grenade"}:
            ordered_agents.append(armed_rest[0])
            rest.remove(armed_rest[0])
    if not ordered_agents and et in VIOLENT and sub not in {"Armed clash"}:
        un = _find_named(res, "Unidentified Armed Group")
        if un:
            ordered_agents.append((un, ""))
    if (not ordered_targets and civilians and et in {"Violence against civilians", "Explosions/Remote violence"}
            and victims_group == "civilian"):
        ordered_targets.append((civilians, ""))
    if et == "Violence against civilians" and civilians and not any(a.type == "civilians" for a, _ in ordered_targets):
        ordered_targets.insert(0, (civilians, ""))
    if not ordered_targets and len(ordered_agents) > 1 and et in VIOLENT | {"Strategic developments"}:
        ordered_targets.append(ordered_agents.pop(1))
    if not ordered_targets and rest:
        pick = next((x for x in rest if x[0].id != (ordered_agents[0][0].id if ordered_agents else "")), None)
        if pick and et not in {"Protests"}:
            ordered_targets.append(pick)
            rest.remove(pick)
    if not ordered_targets and civilians and et == "Explosions/Remote violence" and victims_group == "any":
        # "استشهد ستة بغارة على منزل", "مقتل شخص بانفجار مسيرة": dead not named as fighters are civilians
        ordered_targets.append((civilians, ""))
    a1 = _actor_dict(*ordered_agents[0]) if ordered_agents else None
    a2 = _actor_dict(*ordered_targets[0]) if ordered_targets else None
    used = {x[0].id for x in ordered_agents[:1] + ordered_targets[:1]}
    assoc = [_actor_dict(a, s) for a, s in _dedupe(ordered_agents[1:] + ordered_targets[1:] + rest + backers)
             if a.id not in used]
    return a1, a2, assoc


def _dedupe(xs: list[tuple[ActorEntry, str]]) -> list[tuple[ActorEntry, str]]:
    seen: set[str] = set()
    out = []
    for a, s in xs:
        if a.id in seen:
            continue
        seen.add(a.id)
        out.append((a, s))
    return out


def _attributed(doc: Document, res: Resources, m: Mention) -> bool:
    """Whether a source is named as the teller ("بحسب المرصد", "قالت وكالة الأناضول", "وفق مصادر
    محلية", "... في بيان"), not merely mentioned."""
    cues = trigger_forms(res, "source")
    before = doc.norm[max(0, m.meta["nstart"] - 45):m.meta["nstart"]]
    after = doc.norm[m.meta["nend"]:m.meta["nend"] + 20]
    words = before.split()[-4:]
    if any(w in cues or w[1:] in cues or w[2:] in cues for w in words):
        return True
    if any(" ".join(words[i:]) in cues for i in range(len(words))):
        return True
    return after.lstrip(" ،,").startswith(("في بيان", "ببيان", "بيان"))


def _persons(c: Cand, sub: str, a1: dict | None, a2: dict | None) -> list[dict]:
    """The event's persons (rasd.recognize.persons.event_persons): role from each person's own
    clause, affiliation from an explicit link (else the target, never the side that acted)."""
    role_default = {"Arrests": "arrested", "Abduction/forced disappearance": "other"}.get(sub, "other")
    mentions = [(m, any(0 <= d.start - m.end <= 25 for d in f.deaths))
                for f in c.frames for m in f.persons]
    return event_persons(mentions, role_default, a2)


REMOTE = {"Air/drone strike", "Shelling/artillery/missile attack"}


def borrow_agents(records: list[tuple[int, EventRecord]]) -> None:
    """A strike of a round-up told without its author ("استشهد ستة بغارة على منزل في حي الشجاعية")
    takes the author the same story gives its other strikes of that kind, when it gives one only."""
    from rasd.events.notes import _notes

    for story, r in records:
        a1 = r.actor1 or {}
        if r.sub_event_type not in REMOTE or (a1 and (a1.get("name") != "Unidentified Armed Group" or a1.get("name_ar"))):
            continue
        named = {(o.actor1["name"], o.actor1["type"]): o.actor1 for s, o in records
                 if s == story and o is not r and o.sub_event_type in REMOTE and o.iso == r.iso and o.actor1
                 and o.actor1.get("name_ar") and o.actor1["name"] != "Unidentified Armed Group"}
        if len(named) != 1:
            continue
        agent = next(iter(named.values()))
        if r.actor2 and r.actor2.get("name") == agent["name"]:
            continue
        r.actor1 = {"name": agent["name"], "name_ar": "", "type": agent["type"]}
        r.notes = _notes(r)
