"""Shared pieces of event extraction: the sentence frame, the event candidate, offsets."""

from __future__ import annotations

import bisect
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from rasd.data import DataError, read_tsv
from rasd.resources import SUB_TO_TYPE, Resources, Trigger
from rasd.types import DateWindow, Document, Mention, Place


@cache
def _cue_lists() -> dict[str, tuple[str, ...]]:
    """The lists of event_cues.tsv, each form normalized as the text it is looked for in (a linguist
    writes "بين عائلتين" and "على يد"; the normalized text reads "بين عايلتين", "علي يد")."""
    from rasd.normalize import normalize

    lists: dict[str, list[str]] = {}
    for _, r in read_tsv("event_cues.tsv", ("list", "form")):
        lists.setdefault(r["list"], []).append(normalize(r["form"]) or r["form"])
    return {k: tuple(dict.fromkeys(v)) for k, v in lists.items()}


def cues(name: str) -> tuple[str, ...]:
    """The cue words of one list of data/event_cues.tsv, in file order (the file is read once)."""
    out = _cue_lists().get(name)
    if not out:
        raise DataError(f"event_cues.tsv: no cues of list {name!r}")
    return out


VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
DEMO = {"Protests", "Riots"}
ARMED_TYPES = {"state", "rebel", "political_militia", "identity_militia", "external", "unknown"}


PLACE_RANK = {"country": 0, "admin1": 1, "admin2": 2}


def trigger_forms(res: Resources, role: str) -> frozenset[str]:
    """The forms of the trigger lexicon's entries of one role ("source", "injury"), read once."""
    key = "trigger_forms:" + role
    forms = res.extra.get(key)
    if not isinstance(forms, frozenset):
        forms = frozenset(t.form for vals in res.trigger_lex._entries.values() for _, t in vals if t.role == role)
        res.extra[key] = forms
    return forms


def _km(p: Place, q: Place) -> float:
    """Great-circle distance; 0 where a coordinate is missing. A place the gazetteer lacks carries the
    coordinates of the place that locates it: two such places of different names, or one that lies
    beside its locating town and any other place, are taken to be far apart."""
    if p.id != q.id and (p.id.startswith("u:") and q.id.startswith("u:") or "village_near" in (p.kind, q.kind)):
        return math.inf  # two unlisted places, or one beside the town that locates it ("شرق الفاشر")
    if p.lat is None or q.lat is None or p.lon is None or q.lon is None:
        return 0.0
    r = math.pi / 180
    h = (math.sin((q.lat - p.lat) * r / 2) ** 2
         + math.cos(p.lat * r) * math.cos(q.lat * r) * math.sin((q.lon - p.lon) * r / 2) ** 2)
    return 12742 * math.asin(math.sqrt(h))


@dataclass
class Frame:
    idx: int
    start: int  # text offsets
    end: int
    nstart: int  # normalized offsets
    nend: int
    triggers: list[tuple[Mention, Trigger]] = field(default_factory=list)
    modifiers: list[tuple[Mention, Trigger]] = field(default_factory=list)
    deaths: list[Mention] = field(default_factory=list)
    injuries: list[Mention] = field(default_factory=list)
    background: bool = False
    figurative: bool = False
    own_place: Place | None = None  # the place the sentence itself names for its event (set when merging)
    list_place: str | None = None  # the town of a list this frame was made for ("قرى X وY وZ")
    story: int = 0  # index of the page's story the sentence belongs to
    relative: bool = False  # every act of the sentence is told in a relative clause ("الذي اغتيل")
    charges_end: int | None = None  # where the sentence's first word of a crime charged ends (found once)
    aggregate: bool = False
    agreement_named: bool = False  # a word of agreement, made or only named ("بموجب اتفاق مصالحة")
    toll_only: bool = False  # a toll and its victims, no word of the act ("مقتل 14 شخصا في برج الشمالي")
    statement: bool = False  # the sentence opens with a verb of calling, warning, condemning ("دعا", "حذر")
    concluded: bool = False  # a verb of reaching or signing an agreement ("توصل", "وقع", "دخل حيز التنفيذ")  # a total over many events or a period ("منذ بدء الحرب", "في أنحاء لبنان")
    claim: bool = False
    claim_at: int | None = None  # where the first claim word stands (text offset)
    alleged: bool = False  # that first claim word is an allegation ("زعم", "ادعى"), not a claim of responsibility
    shift: bool = False  # starts another incident ("وفي حادثة منفصلة", "وفي اليوم التالي")
    two_sided: bool = False  # a fight between two sides told as such ("بين عشيرتي ...", "نزاع عشائري")
    habitual: bool = False  # acts told as repeated over a time ("اتهم مرارا باستخدام", "خلال سنوات الحرب")
    continues: bool = False  # the later part of a sentence cut between towns: the first part gave its context
    actors: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    dates: list[Mention] = field(default_factory=list)
    sources: list[Mention] = field(default_factory=list)
    persons: list[Mention] = field(default_factory=list)
    victims: list[tuple[str, int]] = field(default_factory=list)  # person-noun groups found
    nouns: list[Mention] = field(default_factory=list)  # the person-noun mentions behind ``victims``
    inherited: tuple[tuple[DateWindow, Mention] | None, tuple[Place, Mention | None, int] | None] | None = None


@dataclass
class Cand:
    frames: list[Frame]
    scores: Counter[str]
    sub: str = ""
    date: tuple[DateWindow, Mention] | None = None
    place: tuple[Place, Mention | None, int] | None = None
    background: bool = False
    tellers: list[str] = field(default_factory=list)  # actors named as the teller ("بحسب مصدر في الشرطة")
    # the towns of the frames read so far: (how many frames, town id -> town); frames are only added
    towns_seen: tuple[int, dict[str, Place]] = field(default_factory=lambda: (0, {}), repr=False)

    @property
    def family(self) -> str:
        et = SUB_TO_TYPE[self.sub]
        if self.sub in {"Sexual violence", "Abduction/forced disappearance"}:
            return self.sub
        if et in VIOLENT:
            return "violent"
        if et in DEMO:
            return "demo"
        return self.sub


def _text_span(doc: Document, ns: int, ne: int) -> tuple[int, int]:
    return doc.norm_to_text[ns], doc.norm_to_text[ne - 1] + 1


class _Inverse:
    """Text offset -> normalized offset (a deleted character maps to the next kept one)."""

    def __init__(self, nmap: list[int]) -> None:
        self.nmap = nmap

    def __getitem__(self, i: int) -> int:
        return bisect.bisect_left(self.nmap, i)


def _inverse_map(doc: Document) -> list[int] | _Inverse:
    if len(doc.norm_to_text) == len(doc.text) + 1:
        return doc.norm_to_text
    return _Inverse(doc.norm_to_text)


def _armed(m: Mention) -> bool:
    return m.value.type in ARMED_TYPES
