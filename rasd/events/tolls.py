"""Tolls: the dead and injured an event's sentences report."""

from __future__ import annotations

import bisect

from rasd.events.base import Frame, cues, trigger_forms
from rasd.recognize.numbers import parse_count
from rasd.recognize.tokens import Token, tokenize
from rasd.resources import SUB_TO_TYPE, Resources, Trigger
from rasd.types import Count, Document, Mention

_KILL_VERBS = frozenset(cues("kill_verb"))
_AND_INJURED = frozenset(cues("and_injured"))
_SKIP_AFTER_DEATH = frozenset(cues("skip_after_death"))
_NEGATIONS = frozenset({"دون", "بدون", "لم", "لا", "عدم", "دونما"})


_TEEN = frozenset({"عشر", "عشره"})  # "أحد عشر", "إحدى عشرة": eleven, not "one of"

def _victim_count(doc: Document, res: Resources, f: Frame, m: Mention) -> tuple[Count | None, str | None]:
    """The count a death/injury word reports, and the victims' group (civilian | fighter | any)."""
    ns, ne = m.meta["nstart"], m.meta["nend"]
    word = doc.norm[m.meta["form_start"]:ne]
    near = doc.norm[max(f.nstart, ns - 30):ns].split()[-4:]
    if any(w in _NEGATIONS or (w[:1] in "وف" and w[1:] in _NEGATIONS) for w in near):  # "ولم يسفر عن قتلى"
        return Count(0, 0, 0), None  # "دون أن يسفر عن قتلى": none killed
    for suffix, n in (("هما", 2), ("ه", 1), ("ها", 1)):
        if word.endswith(suffix) and word[:-len(suffix)] in {"مقتل", "اصابت", "اصابه", "مصرع", "استشهاد", "اغتيال", "حتف"}:
            return Count(n, n, n), None
    last = word.split()[-1]
    own = (res.person_nouns.get(word) or res.person_nouns.get(last)
           or (res.person_nouns.get(last[2:]) if last.startswith("ال") else None))
    after = tokenize(doc.norm, ne, min(f.nend, ne + 90))
    before = tokenize(doc.norm, max(f.nstart, ns - 60), ns)
    if word in _KILL_VERBS and before:
        # "إن مدنيا قتل وأصيب عدد من المدنيين", "خمسة مدنيين بينهم امرأتان قتلوا": the victims named
        # right before the verb
        got = _count_before(before, res)
        if got is not None:
            return got
    if after and after[0].text in _AND_INJURED:
        return None, None  # "قتل وجرح العشرات", "قتلى وجرحى": dead and injured counted together
    # "خمسة قتلى", "سقوط 5 قتلى": a count right before a plural toll noun; "60 قتيلا", "أكثر من 15
    # شهيدا": from eleven on, the counted noun is singular in the accusative
    tamyiz = own is not None and own[1] == 1 and word.endswith("ا")
    if own and (own[1] == 0 or tamyiz) and before:
        for k in (1, 2, 3):
            if len(before) >= k:
                c = parse_count(before, len(before) - k)
                if c and c[0] == k and (own[1] == 0 or c[1].value >= 11):
                    return c[1], own[0]
    i = 0
    while i < len(after) and i < 3 and after[i].text in _SKIP_AFTER_DEATH:
        i += 1
    if i + 1 < len(after) and after[i].text in {"احد", "احدي"} and after[i + 1].text not in _TEEN:
        # "قتل أحد عناصر الشرطة", "استشهد أحد أفراد حرس الحدود": one of them
        return Count(1, 1, 1), _noun_group(after[i + 1:i + 3], res)
    c = parse_count(after, i)
    if c and i + c[0] < len(after) and _injury_word(after[i + c[0]].text, res):
        # "سقوط قتيل وثلاثة جرحى": the figure after the death word counts the injured
        if own and own[1] in (1, 2):
            return Count(own[1], own[1], own[1]), own[0]
        c = None
    if c:
        n, cnt = c
        grp = _noun_group(after[i + n:i + n + 2], res)
        return _plus_coordinated(after, i + n + 1, res, cnt), grp
    if i < len(after):
        g = _noun_at(after, i, res)
        if g and g == ("fighter", 1) and word in _KILL_VERBS:
            # "قتل مسلح مجهول طفلين": one armed man is the subject when a civilian victim follows him
            for k in range(i + 1, min(i + 4, len(after))):
                g2 = _noun_at(after, k, res)
                if g2 and g2[0] == "civilian" and g2[1] in (1, 2) and not after[k].text.startswith("و"):
                    return Count(g2[1], g2[1], g2[1]), g2[0]
        if g:
            grp, num = g
            if num == 0:  # "مدنيين اثنين", "إرهابيين اثنين": a plural noun and its number
                c2 = parse_count(after, i + 1)
                if c2:
                    return _plus_coordinated(after, i + 1 + c2[0], res, c2[1]), grp
            if num in (1, 2):
                return _plus_coordinated(after, i + 1, res, Count(num, num, num)), grp
    if own and own[1] in (1, 2) and word not in {"قتيل", "جريح"}:
        return Count(own[1], own[1], own[1]), own[0]
    if word in _KILL_VERBS:
        # "قتل قناص حوثي متمركز في التلال طفلة": the subject stands between the verb and its victim
        for k in range(i, min(i + 10, len(after))):
            if after[k].text in _AND_INJURED or after[k].text.startswith(("واصيب", "وجرح")):
                break  # "قتلوا صباح اليوم وأصيبت طفلتين": the injured are not the dead
            g = _noun_at(after, k, res)
            if g and g[1] in (1, 2):
                return Count(g[1], g[1], g[1]), g[0]
            if g and g[1] == 0 and (c2 := parse_count(after, k + 1)):
                return c2[1], g[0]  # "اغتالت مسيرة قياديين اثنين": a plural noun and its number
            c = parse_count(after, k)
            if c and _noun_group(after[k + c[0]:k + c[0] + 2], res):
                return c[1], _noun_group(after[k + c[0]:k + c[0] + 2], res)
    got = _count_before(before, res)
    return got if got is not None else (None, None)


def _count_before(before: list[Token], res: Resources) -> tuple[Count, str | None] | None:
    """"ثلاثة مدنيين قتلوا", "٣ من منتسبيه قضوا", "خمسة مدنيين بينهم امرأتان قتلوا": a count and its
    noun right before a death word; "سيدة قتلت": one victim named before it."""
    for k in (2, 3, 4):
        if len(before) >= k:
            c = parse_count(before, len(before) - k)
            if c and c[0] + len(before) - k <= len(before):
                rest = before[len(before) - k + c[0]:]
                grp = _noun_group(rest, res)
                if grp or (rest and rest[0].text == "من"):
                    return c[1], grp
    if before:
        g = _noun_at(before, len(before) - 1, res)
        if g and g[1] in (1, 2):
            return Count(g[1], g[1], g[1]), g[0]
    return None


_PROTESTED = cues("protested")


def _protested(doc: Document, f: Frame, m: Mention) -> bool:
    """"تظاهرة احتجاجا على استفحال جرائم القتل": killings named as what a protest is against are not
    a toll of the event told (the words before the death word, back to the clause's start)."""
    ns = m.meta["nstart"]
    before = doc.norm[max(f.nstart, ns - 40):ns]
    before = before[max(before.rfind("،"), before.rfind(","), -1) + 1:]
    return any(p in before for p in _PROTESTED)


_CLAIM_CLAUSE = ("في حين", "فيما", "بينما", "، و", "،و", ", و")


def _before_claim(doc: Document, f: Frame, m: Mention) -> bool:
    """"أسفرت المعارك عن مقتل 14، في حين زعمت الحركة أن مقاتليها قتلوا 20": a toll told in a clause of
    its own before the perpetrator's claim is not the claim's figure."""
    if f.claim_at is None or m.end > f.claim_at:
        return False
    between = doc.text[m.end:f.claim_at]
    return any(c in between for c in _CLAIM_CLAUSE)


def _plus_coordinated(toks: list[Token], j: int, res: Resources, cnt: Count) -> Count:
    """"مقاتل من الوحدات ومدني": a second victim group joined by و within a few words adds to the count."""
    for k in range(j, min(j + 8, len(toks))):
        w = toks[k].text
        if not w.startswith("و") or len(w) < 3:
            continue
        rest = [Token(w[1:], toks[k].start + 1, toks[k].end)] + toks[k + 1:k + 3]
        c = parse_count(rest, 0)
        one_of = rest[0].text in {"احد", "احدي", "احدى"} and len(rest) > 1 and rest[1].text not in _TEEN and (
            rest[1].text.startswith("ال") or rest[1].text in {"ابناء", "افراد", "عناصر"}
            or _noun_group(rest[1:2], res) is not None)  # "وأحد أبناء القبائل"; not "جندي واحد"
        if one_of:
            c = (1, Count(1, 1, 1))
        elif c and rest[0].text in {"احد", "احدي", "احدى"} and c[0] == 1:
            c = None
        if c and rest[c[0]:c[0] + 1] and _injury_word(rest[c[0]].text, res):
            break  # "سقوط قتيل وثلاثة جرحى": the injured follow, not more dead
        if c and (_noun_group(rest[c[0]:c[0] + 1], res) or rest[c[0]:c[0] + 1] and rest[c[0]].text == "من"
                  or one_of):
            return Count(cnt.value + c[1].value, cnt.low + c[1].low, cnt.high + c[1].high, cnt.vague or c[1].vague)
        g = _noun_at(rest, 0, res)
        if g and g[1] in (1, 2):
            return Count(cnt.value + g[1], cnt.low + g[1], cnt.high + g[1], cnt.vague)
        c2 = parse_count(rest, 1) if g and g[1] == 0 else None
        if c2:  # "مقتل جندي ومدنيين اثنين": a plural noun and its number
            return Count(cnt.value + c2[1].value, cnt.low + c2[1].low, cnt.high + c2[1].high, cnt.vague or c2[1].vague)
        if w in _AND_INJURED or w.startswith(("واصاب", "وجرح")):
            break  # the injured follow: no more dead
        # "مقاتل من وحدات مقاومة شنكال ومدني": a word that only starts with و; read on
    return cnt


def _injury_word(w: str, res: Resources) -> bool:
    """A word of the injury lexicon ("جرحى", "مصابين"), with or without ال."""
    forms = trigger_forms(res, "injury")
    return w in forms or (w.startswith("ال") and w[2:] in forms)


def _noun_at(toks: list[Token], i: int, res: Resources) -> tuple[str, int] | None:
    if i >= len(toks):
        return None
    w = toks[i].text
    for reading in (w, w[2:] if w.startswith("ال") else None, w[1:] if w[:1] in "وب" else None,
                    w[:-1] if w.endswith("ا") and len(w) > 3 else None):  # "طالبا", "مدنيا": accusative
        if reading and reading in res.person_nouns:
            return res.person_nouns[reading]
    return None


def _noun_group(toks: list[Token], res: Resources) -> str | None:
    for i in range(min(2, len(toks))):
        g = _noun_at(toks, i, res)
        if g:
            return g[0]
    return None


def _other_act(acts: list[tuple[int, Mention, Trigger]], starts: list[int], m: Mention, sub: str | None) -> bool:
    """"مقتل مدنيين اثنين بقصف حوثي ... وقناص يقتل طفلة": the dead named right before an act told by
    its means (ب + act word) are that act's; for an event of another kind they are not. ``acts``: the
    sentence's triggers sorted by start, ``starts`` their starts."""
    if sub is None:
        return False
    for _, t_m, t in acts[bisect.bisect_right(starts, m.end):]:
        if t_m.start - m.end > 30:
            break
        if t_m.surface.lstrip("و").startswith("ب"):
            kinds = {SUB_TO_TYPE.get(t.sub_event_type), SUB_TO_TYPE.get(sub)}
            # "بمقتل محامٍ بهجوم مسلح": an attack word is a clash or an attack on civilians by its victims
            return len(kinds) > 1 and kinds != {"Battles", "Violence against civilians"}
    return False


def _tolls(doc: Document, res: Resources, frames: list[Frame], kind: str,
           sub: str | None = None) -> tuple[Count | None, bool, str | None]:
    """(count, mentioned at all, victims' group) over an event's sentences: the figure the report
    leads with (headline, lead), except that a later update ("ارتفعت حصيلة ... إلى") replaces it;
    a perpetrator's claim is not used; "دون قتلى" gives 0 where no figure is given. ``sub``: the
    event's sub-type (the dead of another act told in the same sentence are left out)."""
    figures: list[tuple[int, Count, str | None]] = []
    zeros = False
    mentioned = False
    update: Count | None = None
    for f in sorted(frames, key=lambda f: (f.idx, f.start)):
        words = f.deaths if kind == "death" else f.injuries
        per_sentence: list[Count] = []
        group = None
        acts = sorted(((t_m.start, t_m, t) for t_m, t in f.triggers), key=lambda x: x[0]) if sub and words else []
        starts = [a[0] for a in acts]
        for m in words:
            mentioned = True
            if f.claim and not _before_claim(doc, f, m) or _other_act(acts, starts, m, sub) or _protested(doc, f, m):
                continue
            cnt, grp = _victim_count(doc, res, f, m)
            if cnt is None:
                continue
            if cnt.value == 0:
                zeros = True
                continue
            if per_sentence and (doc.norm[m.meta["nstart"]:m.meta["form_start"]].startswith("و") or doc.norm[
                    max(f.nstart, m.meta["nstart"] - 7):m.meta["nstart"]].split()[-1:] in (["فيما"], ["بينما"])):
                # "... عن مقتل جندي ومقتل أربعة من المهاجمين", "قتل جندي، فيما قتل اثنان من المهربين": a
                # second group of dead adds up
                last = per_sentence.pop()
                cnt = Count(last.value + cnt.value, last.low + cnt.low, last.high + cnt.high, last.vague or cnt.vague)
            per_sentence.append(cnt)
            group = group or grp
        sent = doc.norm[f.nstart:f.nend]
        # "ارتفعت حصيلة", "ليرتفع عدد الشهداء إلى أربعة", "ارتفاع عدد القتلى"
        is_update = ("رتفع" in sent or "ارتفاع" in sent) and ("حصيل" in sent or "عدد" in sent)
        if is_update and words:
            # "ارتفعت حصيلة ... إلى تسعة": the figure after إلى is the new toll (of the injured only
            # where the count named is of the injured: "ارتفع عدد الجرحى إلى", not "عدد الشهداء")
            toks = tokenize(doc.norm, f.nstart, f.nend)
            counted = [toks[k + 1].text for k, t in enumerate(toks[:-1]) if t.text in {"عدد", "حصيله"}]
            if counted and all(_injury_word(w, res) != (kind == "injury") for w in counted):
                toks = []
            for k, t in enumerate(toks):
                if t.text in {"الى", "الي"}:
                    c = parse_count(toks, k + 1)
                    if c and c[1].value > 0:
                        update = c[1]
                        break
        if per_sentence:
            biggest = max(per_sentence, key=lambda c: c.value)
            if is_update and update is None:
                update = biggest
            figures.append((f.idx, biggest, group))
    if update is not None:
        return update, True, None
    if figures:
        # the whole toll is the largest figure (a named leader killed is part of it), unless two
        # sources give different figures: then the most conservative of theirs
        by_source: dict[str, int] = {}
        at: dict[int, list[Count]] = {}
        for idx, cnt, _ in figures:
            at.setdefault(idx, []).append(cnt)
        for f in frames:
            for cnt in at.get(f.idx, ()):
                if f.sources and cnt.value >= 2:
                    by_source.setdefault(f.sources[0].entry_id, cnt.value)
        if len(set(by_source.values())) >= 2:
            lo = min(by_source.values())
            pick = next(x for x in figures if x[1].value == lo)
        else:
            # the figure the report leads with; a lone "مقتل القيادي" (one) is part of a larger toll
            pick = figures[0]
            if pick[1].value == 1:
                pick = max(figures, key=lambda x: (x[1].value, -x[0]))
        return pick[1], True, pick[2]
    if zeros:
        return Count(0, 0, 0), False, None
    return None, mentioned, None
