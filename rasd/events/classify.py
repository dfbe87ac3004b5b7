"""Typing: the sub-event type of a sentence and of a group of sentences; the conflict gate."""

from __future__ import annotations

import bisect
from collections import Counter

from rasd.events.base import ARMED_TYPES, Frame, _armed, cues
from rasd.resources import SUB_TO_TYPE, Resources
from rasd.types import Document, Mention


def _gate(doc: Document, frames: list[Frame]) -> bool:
    """False for documents that are not about real conflict events (sport, drama, economy)."""
    fig = sum(f.figurative for f in frames)
    conflict = sum(1 for f in frames for _, t in f.triggers if t.strength == "strong")
    armed = sum(1 for f in frames for a in f.actors if _armed(a) and a.value.type != "unknown")
    return not (fig >= 3 and fig >= conflict + armed)


def _sentence_scores(f: Frame) -> Counter[str]:
    sc: Counter[str] = Counter()
    if f.aggregate or f.habitual and not any(m.meta.get("window") and (m.meta["window"].end - m.meta["window"].start).days
                                             <= 31 for m in f.dates):
        return sc  # a total over many events or a period tells no event of its own
    has_context = (f.continues or any(_armed(a) for a in f.actors) or bool(f.deaths) or bool(f.injuries)
                   or any(t.strength == "strong" for _, t in f.triggers))
    drone_ends = sorted(m.end for m, t in f.modifiers if t.sub_event_type == "Air/drone strike")
    borne = {id(m) for m, t in f.triggers if t.sub_event_type == _IED and _LADEN in m.entry_id
             and _ends_before(drone_ends, m.start, 25)}
    threat = {id(m) for m, _ in f.triggers if m.meta.get("threat")}
    instrument = _instrument(f)
    # "... تورط خلية في التفجير، وأن دورية اعتقلت مشتبها بنقل السيارة المفخخة": acts named again by
    # their definite nouns, beside a new act told by its verb, refer back to an event already told
    told = {t.sub_event_type for m, t in f.triggers if t.strength == "strong" and not _definite(m)}
    for m, t in f.triggers:
        if id(m) in threat:
            continue  # "إبعاد خطر المسيرات المفخخة": a weapon named as a threat, no act
        agreed = t.sub_event_type == "Agreement" and f.concluded  # "توصل الأطراف إلى اتفاق دائم لوقف إطلاق النار"
        if t.strength == "weak" and (not (has_context or agreed) or f.figurative or f.statement):
            continue
        if t.strength == "weak" and t.sub_event_type == "Agreement" and not f.concluded:
            continue  # "رغم وقف إطلاق النار", "اتفاق الطائف": an agreement named, none made
        w = 2.0 if t.strength == "strong" else 1.0
        if m.rule == "trigger_pairs.tsv":
            w = 3.0  # a specific two-word pattern outweighs the single words inside it
        if told and t.sub_event_type not in told and _definite(m) and SUB_TO_TYPE[t.sub_event_type] not in {
                SUB_TO_TYPE[x] for x in told}:
            w *= 0.3
        if m.meta.get("preceding"):
            w *= 0.3
        if m.meta.get("consequence") and t.sub_event_type != "Arrests":
            w *= 0.3  # "... ما أسفر عن تدمير عربات": a result, not the act (a sweep that results in arrests is arrests)
        sub = t.sub_event_type
        if id(m) in borne:
            sub = "Air/drone strike"  # "الطائرات المسيرة المفخخة": a drone laden with explosives
        elif instrument and sub == "Armed clash" and t.strength == "weak":
            sub = instrument  # "هجمات بطائرات مسيرة", "هجوم بالصواريخ": the weapon says what the attack was
        sc[sub] += w
    if not sc and any(not m.meta.get("responsible") for m in f.deaths) and not f.figurative and (f.actors or f.victims):
        # "قتل ثلاثة مدنيين برصاص مجهولين": a toll with victims and no other trigger
        civil = any(g == "civilian" for g, _ in f.victims) or any(a.value.type == "civilians" for a in f.actors)
        sc["Attack" if civil else "Armed clash"] += 1.0
        f.toll_only = True
    if not sc:
        return sc
    if sc.get("Disrupted weapons use") and any(t.sub_event_type == "Disrupted weapons use" and not m.meta.get(
            "consequence") for m, t in f.triggers):
        # "ضبط مخبأ فيه قنابل يدوية وحزام ناسف": the weapons are what was seized, not events (a hideout
        # destroyed as the result of a strike, "أسفرت عن تدمير الوكر", is the strike's result)
        for sub in [s for s in sc if SUB_TO_TYPE[s] == "Explosions/Remote violence"]:
            sc["Disrupted weapons use"] += sc.pop(sub) * 0.5
        return sc
    skipped = {m.start for m, _ in f.triggers if id(m) in borne or id(m) in threat}
    for mm, t in f.modifiers:
        if t.sub_event_type == _IED and mm.start in skipped:
            continue
        if SUB_TO_TYPE.get(t.sub_event_type) == "Explosions/Remote violence" and any(
                SUB_TO_TYPE[s] == "Explosions/Remote violence" or s in {"Attack", "Armed clash"} for s in sc):
            sc[t.sub_event_type] += 1.5 if t.strength == "strong" else 0.75
        elif t.sub_event_type in sc:
            sc[t.sub_event_type] += 0.5
    shell = "Shelling/artillery/missile attack"
    aircraft = any(t.sub_event_type == "Air/drone strike" for _, t in f.modifiers)
    artillery = any(t.sub_event_type == shell and (t.strength == "strong" or t.form in {"مدفعي", "مدافع", "مدفع"})
                    for _, t in f.modifiers)
    if aircraft and not artillery and sc.get(shell):
        # "قصف مسيرة تركية", "قصفت طائرة إسرائيلية": bombardment by aircraft is an air strike
        sc["Air/drone strike"] += sc.pop(shell)
    return sc


_IED = "Remote explosive/landmine/IED"
_LADEN = cues("laden")[0]


def _definite(m: Mention) -> bool:
    """The act word is a definite noun ("التفجير", "والهجوم"): it names an act already told."""
    w = m.surface.split()[0] if m.surface.split() else ""
    return w.startswith(("ال", "وال", "بال", "فال", "لل"))


def _ends_before(ends: list[int], at: int, within: int) -> bool:
    """Whether one of the sorted ``ends`` lies in [at - within, at]."""
    k = bisect.bisect_right(ends, at) - 1
    return k >= 0 and at - ends[k] <= within


def _instrument(f: Frame) -> str | None:
    """The kind of remote violence of the weapon a sentence names as its instrument ("بطائرات مسيرة",
    "بصواريخ", "بعبوة ناسفة"), where it names one kind only and no battle word."""
    if any(t.sub_event_type == "Armed clash" and t.strength == "strong" for _, t in f.triggers):
        return None
    kinds = {t.sub_event_type for m, t in f.modifiers
             if SUB_TO_TYPE.get(t.sub_event_type) == "Explosions/Remote violence" and m.surface.lstrip("و").startswith("ب")}
    return next(iter(kinds)) if len(kinds) == 1 else None


_BOMBARD = frozenset(cues("generic_bombard"))


def _decide(sc: Counter[str], frames: list[Frame], res: Resources) -> str:
    subs = {s for s, v in sc.items() if v > 0}
    clash_told = any(t.sub_event_type == "Armed clash" and t.strength == "strong" for f in frames for _, t in f.triggers)
    if "Suicide bomb" in subs and sc.get("Armed clash", 0) >= 2 and clash_told:
        return "Armed clash"  # a raid and the self-detonation that ended it are one battle
    best = max(sorted(sc), key=lambda s: sc[s])
    if best == "Armed clash" and not clash_told and sc.get("Suicide bomb", 0) >= sc["Armed clash"]:
        best = "Suicide bomb"  # "تفجيران انتحاريان ... في هجوم أسفر عن": the attack told is the bombing
    if best == "Disrupted weapons use" and clash_told and any(f.deaths for f in frames):
        best = "Armed clash"  # "قتل ثلاثة في تبادل لإطلاق النار ... وضبطت بحوزتهم أسلحة": the fight, not the seizure
    territory = {"Government regains territory", "Non-state actor overtakes territory"}
    held = sum(sc.get(t, 0) for t in territory)
    if best not in territory and held > sc[best]:
        # "سيطرت قوات الجيش على خان شيخون ... كما استعادت مناطق": taking a town told with both verbs
        best = max(sorted(territory), key=lambda s: sc.get(s, 0))
    shell = "Shelling/artillery/missile attack"
    if best == shell and sc.get("Air/drone strike", 0) > 0 and all(
            m.entry_id.split()[0] in _BOMBARD for f in frames for m, t in f.triggers if t.sub_event_type == shell) and not any(
            t.sub_event_type == shell for f in frames for _, t in f.modifiers) and any(
            t.sub_event_type == "Air/drone strike" and t.strength == "strong" for f in frames for _, t in f.triggers):
        best = "Air/drone strike"  # "إسرائيل تقصف ..." and "غارة على صريفا": the raid says what the bombardment was
    if (subs & {"Government regains territory", "Non-state actor overtakes territory"} and best in
            {"Agreement", "Government regains territory", "Non-state actor overtakes territory"}
            and any(f.agreement_named for f in frames) and not any(f.deaths for f in frames)):
        return "Non-violent transfer of territory"  # "بسطت سيطرتها ... بموجب اتفاق مصالحة"
    protest = sc.get("Peaceful protest", 0) + sc.get("Protest with intervention", 0)
    if best == "Attack" and (sc.get("Protest with intervention", 0) or sc.get("Excessive force against protesters", 0)):
        # "إصابة 4 مواطنين بالرصاص المعدني جراء قمع قوات الاحتلال مسيرة كفر قدوم": the victims are marchers
        return "Excessive force against protesters" if any(f.deaths for f in frames) else "Protest with intervention"
    if best == "Arrests" and protest >= sc["Arrests"]:
        return "Protest with intervention"  # "أغلق محتجون الشارع ... وتدخلت الشرطة واعتقلت عددا منهم"
    if best == "Armed clash" and sc.get("Arrests", 0) >= 2 and not any(f.deaths for f in frames):
        best = "Arrests"  # a raid that ends with people taken and no one killed is an arrest
    et = SUB_TO_TYPE[best]
    actors = [a.value for f in frames for a in f.actors]
    civil_victims = any(g == "civilian" for f in frames for g, _ in f.victims) or any(
        a.type == "civilians" for a in actors)
    armed = [a for a in actors if a.type in ARMED_TYPES and a.type != "unknown"]
    if best == "Armed clash" and civil_victims and len({a.id for a in armed}) <= 1 and not any(
            f.two_sided for f in frames):
        return "Attack"  # one armed side and civilian victims: violence against civilians
    if et == "Violence against civilians" and best == "Attack" and len({a.id for a in armed}) >= 2 and not civil_victims:
        return "Armed clash"
    if best in {"Government regains territory", "Non-state actor overtakes territory"}:
        first = next((a for a in actors if a.type in ARMED_TYPES), None)
        if first is not None:
            return "Government regains territory" if first.type in {"state"} else "Non-state actor overtakes territory"
    if et == "Protests":
        if sc.get("Excessive force against protesters", 0) or (any(f.deaths for f in frames) and any(
                a.type == "state" for a in actors)):
            return "Excessive force against protesters" if any(f.deaths for f in frames) else "Protest with intervention"
        if sc.get("Attack", 0) and any(f.injuries or f.deaths for f in frames):
            return "Protest with intervention"  # "إصابة 4 مواطنين بالرصاص المعدني في مسيرة": the march was fired on
        if sc.get("Protest with intervention", 0):
            return "Protest with intervention"
    return best


def _main_trigger(f: Frame, sub: str) -> Mention | None:
    ts = [m for m, t in f.triggers if t.sub_event_type == sub] or [m for m, _ in f.triggers]
    return ts[0] if ts else (f.deaths[0] if f.deaths else None)
