"""Loaders for the language data in rasd/data, built once per process into matchers.

Every loader validates its file and raises ``DataError`` naming the file and line of a bad row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from rasd.data import DataError, read_tsv, split_forms
from rasd.matcher import Lexicon, LexiconGroup
from rasd.normalize import normalize
from rasd.types import Place

ACTOR_TYPES = {"state", "rebel", "political_militia", "identity_militia", "rioters", "protesters",
               "civilians", "external", "unknown"}

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                   "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
SUB_TO_TYPE = {sub: et for et, subs in EVENT_TYPES.items() for sub in subs}


@dataclass(frozen=True)
class ActorEntry:
    id: str
    name: str
    type: str
    country: str | None
    start: date | None
    end: date | None
    theatres: tuple[str, ...] = ()  # countries it fights in, most frequent first (foreign forces)

    def valid_on(self, d: date | None) -> bool:
        if d is None:
            return True  # undated documents: every period's actor may be meant
        return (self.start is None or d >= self.start) and (self.end is None or d <= self.end)


@dataclass(frozen=True)
class ActorForm:
    actor: ActorEntry
    generic: bool


@dataclass(frozen=True)
class Trigger:
    form: str
    event_type: str
    sub_event_type: str
    strength: str  # strong | weak
    role: str  # event | death | injury | modifier | figurative | background | source


@dataclass
class Country:
    iso: str
    name: str
    region: str
    adjectives: list[str]


@dataclass
class Resources:
    places: list[Place]
    place_lex: Lexicon
    admin1: dict[str, Place]
    countries: dict[str, Country]
    actors: dict[str, ActorEntry]
    actor_lex: Lexicon
    trigger_lex: Lexicon
    place_cues: dict[str, str]  # normalized cue word -> kind
    place_stopwords: frozenset[str]
    person_nouns: dict[str, tuple[str, int]]  # normalized form -> (group, count: 1, 2, or 0 = plural)
    person_noun_lex: Lexicon
    source_lex: Lexicon
    pair_lex: Lexicon = field(default_factory=Lexicon)
    extra: dict[str, object] = field(default_factory=dict)


def _date(s: str, where: str) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s)
    except ValueError as e:
        raise DataError(f"{where}: bad date {s!r}") from e


def load_places() -> tuple[list[Place], Lexicon, dict[str, Place]]:
    countries = {r["iso"]: r for _, r in read_tsv("countries.tsv", ("iso", "name"))}
    places: list[Place] = []
    lex = Lexicon()
    admin1: dict[str, Place] = {}
    a1_names: dict[str, str] = {}
    rows = list(read_tsv("gazetteer.tsv", ("id", "name", "names_ar", "iso", "kind", "lat", "lon")))
    from rasd.recognize.places import unlisted_words  # the word lists of data/unlisted_places.tsv

    joined = unlisted_words()["joined_head"]
    for _, r in rows:
        if r["kind"] == "admin1":
            a1_names[r["admin1_code"]] = r["name"]
    for lineno, r in rows:
        try:
            lat, lon = float(r["lat"]), float(r["lon"])
        except ValueError as e:
            raise DataError(f"gazetteer.tsv:{lineno}: bad coordinates") from e
        c = countries.get(r["iso"])
        p = Place(id=r["id"], name=r["name"], country=c["name"] if c else None, iso=r["iso"] or None,
                  admin1=a1_names.get(r["admin1_code"]) if r["admin1_code"] else None,
                  admin1_code=r["admin1_code"] or None, admin2=r["admin2"] or None, lat=lat, lon=lon,
                  kind=r["kind"], population=int(r["population"] or 0))
        places.append(p)
        if p.kind == "admin1" and p.admin1_code:
            admin1[p.admin1_code] = p
        for form in split_forms(r["names_ar"]):
            if len(normalize(form).replace(" ", "")) >= 3:
                lex.add(form, p)
                first, _, rest = normalize(form).partition(" ")
                if first in joined and rest and " " not in rest:
                    lex.add(first + rest, p)  # "كفر زيتا" is also written "كفرزيتا"
    return places, lex, admin1


def load_actors() -> tuple[dict[str, ActorEntry], Lexicon]:
    actors: dict[str, ActorEntry] = {}
    lex = Lexicon()
    for lineno, r in read_tsv("actors.tsv", ("id", "name", "type", "country", "forms_ar")):
        where = f"actors.tsv:{lineno}"
        if r["type"] not in ACTOR_TYPES:
            raise DataError(f"{where}: unknown actor type {r['type']!r}")
        if r["id"] in actors:
            raise DataError(f"{where}: duplicate id {r['id']!r}")
        a = ActorEntry(r["id"], r["name"], r["type"], r["country"] or None,
                       _date(r.get("start", ""), where), _date(r.get("end", ""), where),
                       tuple(split_forms(r.get("theatres", ""))))
        actors[a.id] = a
        for form in split_forms(r["forms_ar"]) + split_forms(r.get("forms_en", "")):
            lex.add(form, ActorForm(a, False))
        for form in split_forms(r.get("generic_ar", "")):
            lex.add(form, ActorForm(a, True))
    return actors, lex


def load_triggers() -> Lexicon:
    lex = Lexicon()
    roles = {"event", "death", "injury", "modifier", "figurative", "background", "source", "generic", "shift"}
    for lineno, r in read_tsv("triggers.tsv", ("form", "event_type", "sub_event_type", "strength", "role")):
        where = f"triggers.tsv:{lineno}"
        et, sub, role = r["event_type"], r["sub_event_type"], r["role"]
        if role not in roles:
            raise DataError(f"{where}: unknown role {role!r}")
        if role in {"event", "modifier"} and SUB_TO_TYPE.get(sub) != et:
            raise DataError(f"{where}: {et!r}/{sub!r} is not an ACLED type pair")
        if r["strength"] not in {"strong", "weak"}:
            raise DataError(f"{where}: strength must be strong or weak")
        lex.add(r["form"], Trigger(r["form"], et, sub, r["strength"], role))
    return lex


@dataclass(frozen=True)
class TriggerPair:
    seconds: frozenset[str]
    max_gap: int
    trigger: Trigger
    heads: frozenset[str] = frozenset()  # the first words of the second phrases (a quick test before joining)


def load_trigger_pairs() -> Lexicon:
    """First words of two-word triggers, each pointing at its pair rule."""
    lex = Lexicon()
    for lineno, r in read_tsv("trigger_pairs.tsv", ("first", "second", "max_gap", "event_type", "sub_event_type")):
        if SUB_TO_TYPE.get(r["sub_event_type"]) != r["event_type"]:
            raise DataError(f"trigger_pairs.tsv:{lineno}: {r['event_type']!r}/{r['sub_event_type']!r} is not an ACLED pair")
        t = Trigger(r["first"] + " … " + r["second"], r["event_type"], r["sub_event_type"], "strong", "event")
        seconds = frozenset(normalize(x) for x in split_forms(r["second"]))
        pair = TriggerPair(seconds, int(r["max_gap"]), t, frozenset(x.split()[0] for x in seconds if x.split()))
        for form in split_forms(r["first"]):
            lex.add(form, pair)
    return lex


def load_person_nouns() -> tuple[dict[str, tuple[str, int]], Lexicon]:
    out: dict[str, tuple[str, int]] = {}
    lex = Lexicon()
    for _, r in read_tsv("person_nouns.tsv", ("singular", "dual", "plural", "group")):
        g = r["group"]
        for col, n in (("singular", 1), ("dual", 2), ("plural", 0)):
            forms = split_forms(r[col])
            if n == 1:  # the accusative with tanween: "قتل 14 شخصا" has no other form
                forms += [f + "ا" for f in forms if " " not in f and not f.endswith(("ة", "ه", "ا", "ى", "ء"))]
            for f in forms:
                nf = normalize(f)
                if nf not in out or n == 0:
                    out[nf] = (g, n)
                lex.add(f, (g, n, normalize(r["singular"])))
    return out, lex


def load_sources() -> Lexicon:
    lex = Lexicon()
    for _, r in read_tsv("sources.tsv", ("name", "forms_ar", "kind")):
        for form in split_forms(r["forms_ar"]):
            lex.add(form, (r["name"], r["kind"]))
    return lex


@lru_cache(maxsize=1)
def _lexicon_words() -> frozenset[str]:
    """Every word and phrase of the other lexicons (triggers, actors, dates, numbers, cues, sources):
    a gazetteer name that is also one of these ("بيان", "التحالف", "الأحد") is read as a place only
    after a place cue."""
    out: set[str] = set()
    specs = (("triggers.tsv", ("form",)), ("actors.tsv", ("forms_ar", "generic_ar")), ("date_words.tsv", ("form",)),
             ("number_words.tsv", ("form",)), ("person_nouns.tsv", ("singular", "dual", "plural")),
             ("person_cues.tsv", ("form",)), ("place_cues.tsv", ("form",)), ("sources.tsv", ("forms_ar",)),
             ("boilerplate.tsv", ("phrase",)), ("common_words.tsv", ("form",)))
    for name, cols in specs:
        for _, r in read_tsv(name, cols[:1]):
            for col in cols:
                for form in split_forms(r.get(col, "")):
                    n = normalize(form)
                    out.add(n)
                    out.add(n[2:] if n.startswith("ال") else "ال" + n)
    return frozenset(out)


@lru_cache(maxsize=1)
def resources() -> Resources:
    places, place_lex, admin1 = load_places()
    countries = {r["iso"]: Country(r["iso"], r["name"], r["region"], split_forms(r["adjectives_ar"]))
                 for _, r in read_tsv("countries.tsv", ("iso", "name", "region"))}
    actors, actor_lex = load_actors()
    cues = {normalize(r["form"]): r["kind"] for _, r in read_tsv("place_cues.tsv", ("form", "kind"))}
    stop = frozenset(normalize(r["form"]) for _, r in read_tsv("place_stopwords.tsv", ("form",))) | _lexicon_words()
    pn, pn_lex = load_person_nouns()
    res = Resources(places=places, place_lex=place_lex, admin1=admin1, countries=countries, actors=actors,
                    actor_lex=actor_lex, trigger_lex=load_triggers(), place_cues=cues,
                    place_stopwords=stop, person_nouns=pn, person_noun_lex=pn_lex, source_lex=load_sources(),
                    pair_lex=load_trigger_pairs())
    # every document is matched against all six: one pass of one automaton instead of six
    LexiconGroup([res.place_lex, res.actor_lex, res.trigger_lex, res.person_noun_lex, res.source_lex, res.pair_lex])
    return res
