"""Tests written for the survivors of mutation testing of places (docs/mutation.md): which place a
mention is (disambiguate), which countries a document is about (country_evidence), the places the
gazetteer lacks (find_unlisted and its helpers) and which mention is an event's place (place_date).

The sentences are our own and the expected values are worked out by hand. The tests of ``disambiguate``
and ``_place_of`` use made-up places (countries "AA" and "BB", which no data file has) so that each
score can be summed by hand:

    score = 3 * min(province votes, 3) / 3 + 2 * min(country votes, 4) / 4 + log10(population + 10) / 4
            + the kind's term (province: +1.5 with an admin or countryside cue, -1 with a settlement cue,
              +0.2 else; district: +1 with an admin cue, -0.5 else; country: +0.5)

where a province's (country's) vote is one per mention whose candidates all lie in it, and the
document's country has two more votes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

import pytest
from conftest import doc_of

from rasd.events import recognize
from rasd.events.base import Frame
from rasd.events.place_date import _date_of, _latest_date, _locator, _place_of, _report_date, _town_ends
from rasd.recognize import places as P
from rasd.types import DateWindow, Mention, Place

# --------------------------------------------------------------------------- made-up places


def pl(pid: str, kind: str = "place", iso: str | None = "AA", a1: str | None = "AA-1", pop: int = 0,
       lat: float | None = None, lon: float | None = None) -> Place:
    return Place(id=pid, name=pid.upper(), country=iso, iso=iso, admin1=a1 and a1.lower(), admin1_code=a1,
                 admin2=None, lat=lat, lon=lon, kind=kind, population=pop)


def mention(form: str, cands: list[Place] | Place, cue: str | None = None, start: int = 0, **meta) -> Mention:
    cands = cands if isinstance(cands, list) else [cands]
    return Mention("place", start, start + len(form), form, cands[0].id, value=list(cands), rule="gazetteer",
                   meta={"cue": cue, "form": form, **meta})


def resolve(mentions, doc_country=None, evidence=None, home=None):
    """(the ids chosen for every mention, the ids of the mentions kept)."""
    kept = P.disambiguate(mentions, doc_country, evidence, home)
    return [m.value.id for m in mentions], [m.value.id for m in kept]


# --------------------------------------------------------------------------- disambiguate: one mention

# a province and its capital town of the same name: both have the province's vote (1) and the country's (1)
PROV = pl("prov", "admin1", pop=0)  # 1 + 0.5 + log10(10)/4 = 1.75, + the kind's term
TOWN = pl("town", pop=5000)  # 1 + 0.5 + log10(5010)/4 = 2.425


@pytest.mark.parametrize("cue,want", [
    (None, "prov"),  # 1.95 < 2.425: the town, but a bare name of a province and its capital is the province
    ("admin", "prov"),  # 3.25
    ("countryside", "prov"),  # 3.25
    ("settlement", "town"),  # 0.75
    ("near", "town"),  # 1.95, and with a cue the province is not preferred
    ("direction", "town"),
])
def test_a_province_and_its_capital_by_the_cue_before_the_name(cue, want):
    m = mention("دارين", [PROV, TOWN], cue)
    assert resolve([m])[0] == [want]
    assert m.entry_id == want


# a hamlet of ten people named like the province: 1 + 0.5 + log10(20)/4 = 1.825
TINY = pl("tiny", pop=10)


@pytest.mark.parametrize("cue,want", [
    (None, "prov"),  # 1.95
    ("near", "prov"),  # 1.95
    ("settlement", "tiny"),  # 0.75: "قرية X" is no province
])
def test_a_settlement_cue_takes_a_point_from_a_province(cue, want):
    assert resolve([mention("دارين", [PROV, TINY], cue)])[0] == [want]


# a district and a small town of one province: district 1.75 + its term, town 1 + 0.5 + log10(110)/4 = 2.01
DIST = pl("dist", "admin2", pop=0)
HAMLET = pl("hamlet", pop=100)


@pytest.mark.parametrize("cue,want", [
    ("admin", "dist"),  # 2.75
    (None, "hamlet"),  # 1.25 (no province among the candidates to prefer)
    ("settlement", "hamlet"),
])
def test_a_district_is_chosen_only_after_an_admin_word(cue, want):
    assert resolve([mention("كرمين", [DIST, HAMLET], cue)])[0] == [want]


def test_a_city_of_a_million_outweighs_a_district_named_after_an_admin_word():
    # the city: 1 + 0.5 + log10(1000010)/4 = 3.0, the district 2.75
    assert resolve([mention("كرمين", [DIST, pl("city", pop=1_000_000)], "admin")])[0] == ["city"]


def test_the_larger_town_of_two_in_one_province():
    small, large = pl("small", pop=1000), pl("large", pop=50000)
    assert resolve([mention("تلمار", [small, large], "settlement")])[0] == ["large"]
    assert resolve([mention("تلمار", [large, small], "settlement")])[0] == ["large"]


@pytest.mark.parametrize("pop,want", [
    # the country: 2 * 2/4 (the document's country) + 0.25 + 0.5 = 1.75; the town abroad: its own
    # province's vote 1 + log10(pop + 10)/4: 1.677 for 500, 1.925 for 5000
    (500, "aa"),
    (5000, "bbtown"),
])
def test_a_country_weighs_half_a_point_more(pop, want):
    country = pl("aa", "country", "AA", None)
    town = pl("bbtown", "place", "BB", "BB-1", pop=pop)
    m = mention("سرمان", [country, town])
    assert resolve([m], doc_country="AA")[0] == [want]


# --------------------------------------------------------------------------- disambiguate: votes of the others


def test_a_province_named_elsewhere_decides_a_name_shared_by_two_provinces():
    # the province's mention: AA-2 has 1 vote, the country 2; "نمران" is in AA-1 (50,000) or AA-2 (2,000):
    # AA-1: 0 + 1 + log10(50010)/4 = 2.175, AA-2: 1 + 1 + log10(2010)/4 = 2.826
    prov = mention("سهلان", pl("p2", "admin1", a1="AA-2"), "admin", start=0)
    name = mention("نمران", [pl("n1", pop=50000), pl("n2", a1="AA-2", pop=2000)], "settlement", start=20)
    assert resolve([prov, name]) == (["p2", "n2"], ["p2", "n2"])
    # without it the larger town
    assert resolve([mention("نمران", [pl("n1", pop=50000), pl("n2", a1="AA-2", pop=2000)], "settlement")])[0] == ["n1"]


def test_the_country_votes_of_the_other_mentions_and_the_evidence():
    # "بركان" is a town of AA (20,000) or of BB (30,000), no province vote (two provinces); the countries'
    # votes decide: AA: 2 * votes/4 + log10(20010)/4 = 1.075 + votes/2, BB: 1.119 + votes/2
    def cands():
        return [pl("aa1", iso="AA", pop=20000), pl("bb1", iso="BB", a1="BB-1", pop=30000)]

    assert resolve([mention("بركان", cands(), "settlement")])[0] == ["bb1"]
    # another mention whose candidates all lie in AA: AA 1.575 > BB 1.119
    other = mention("وادي شرار", pl("w", iso="AA", a1="AA-3"), "settlement", start=30)
    assert resolve([mention("بركان", cands(), "settlement"), other])[0] == ["aa1", "w"]
    # evidence (an actor, a nationality word) for AA, 1.5 votes: AA 1.825
    assert resolve([mention("بركان", cands(), "settlement")], evidence=Counter({"AA": 1.5}))[0] == ["aa1"]
    # a vote for BB in the evidence only: the document's country AA has 2 votes, BB 1: AA 2.075, BB 1.619
    assert resolve([mention("بركان", cands(), "settlement")], doc_country="AA",
                   evidence=Counter({"BB": 1}))[0] == ["aa1"]
    # the country's votes are capped at 4: AA with 2 + 3 = 5 votes (4 counted) 3.075, BB with 4 3.119
    assert resolve([mention("بركان", cands(), "settlement")], doc_country="AA",
                   evidence=Counter({"AA": 3, "BB": 4}))[0] == ["bb1"]


def test_each_mention_is_one_vote_and_the_documents_country_two_more():
    def cands():
        return [pl("aa1", iso="AA", pop=20000), pl("bb1", iso="BB", a1="BB-1", pop=30000)]

    def others(n):
        return [mention("وادي شرار", pl(f"w{i}", iso="AA", a1="AA-3"), "settlement", start=30 + 20 * i) for i in range(n)]

    # one mention in AA against 1.5 votes for BB: AA 1.575, BB 1.869
    assert resolve([mention("بركان", cands(), "settlement"), *others(1)], evidence=Counter({"BB": 1.5}))[0][0] == "bb1"
    # two: AA 2.075
    assert resolve([mention("بركان", cands(), "settlement"), *others(2)], evidence=Counter({"BB": 1.5}))[0][0] == "aa1"
    # one, and AA is the document's country: 3 votes, 2.575, against 2.5 votes for BB, 2.369
    assert resolve([mention("بركان", cands(), "settlement"), *others(1)], doc_country="AA",
                   evidence=Counter({"BB": 2.5}))[0][0] == "aa1"


@pytest.mark.parametrize("n1,n2,want", [
    # "نمران" in AA-1 (50,000) or AA-2 (2,000), with n1 mentions of AA-1 and n2 of AA-2 elsewhere:
    # AA-1: min(n1, 3) + log10(50010)/4 = min(n1, 3) + 1.175, AA-2: min(n2, 3) + 0.826 (+ the same country part)
    (1, 2, "n2"),  # 2.175 < 2.826
    (1, 1, "n1"),  # 2.175 > 1.826
    (3, 4, "n1"),  # 4.175 > 3.826: a province's votes count up to three
])
def test_the_votes_of_the_provinces_named(n1, n2, want):
    prov = [mention("سهلان", pl(f"a{i}", "admin1", a1="AA-1"), "admin", start=100 + 10 * i) for i in range(n1)]
    prov += [mention("سهلان", pl(f"b{i}", "admin1", a1="AA-2"), "admin", start=200 + 10 * i) for i in range(n2)]
    name = mention("نمران", [pl("n1", pop=50000), pl("n2", a1="AA-2", pop=2000)], "settlement")
    assert resolve([name, *prov])[0][0] == want


# --------------------------------------------------------------------------- disambiguate: what is kept


def test_a_town_abroad_is_kept_only_where_the_document_names_its_country():
    def town():
        return mention("قصرين", pl("bt", iso="BB", a1="BB-1", pop=8000), "settlement", start=10)

    assert resolve([town()], doc_country="AA")[1] == []
    # the country named
    assert resolve([town(), mention("بلاد", pl("bb", "country", "BB", None), start=40)], "AA")[1] == ["bt", "bb"]
    # its province named after an admin or countryside cue
    prov = pl("bp", "admin1", "BB", "BB-1")
    assert resolve([town(), mention("سلمان", prov, "countryside", start=40)], "AA")[1] == ["bt", "bp"]
    assert resolve([town(), mention("سلمان", prov, "admin", start=40)], "AA")[1] == ["bt", "bp"]
    # named bare, the province is no more than another homonym abroad
    assert resolve([town(), mention("سلمان", prov, None, start=40)], "AA")[1] == []
    # a local actor of BB, or a direction word that names the country ("شمال إسرائيل")
    assert resolve([town()], "AA", home={"BB"})[1] == ["bt"]
    assert resolve([town(), mention("شمال سلمان", prov, start=40, names_country=True)], "AA")[1] == ["bt", "bp"]
    # the theatre of the document's country: a page from Lebanon names the towns of Israel
    assert resolve([mention("قصرين", pl("il", iso="IL", a1="IL-Z", pop=8000), "settlement")], "LB")[1] == ["il"]
    assert resolve([mention("قصرين", pl("il", iso="IL", a1="IL-Z", pop=8000), "settlement")], "JO")[1] == []


def test_a_short_name_needs_a_cue():
    # three letters or fewer (spaces not counted)
    for form in ("نمر", "ن مر"):
        town = pl("t", pop=5000)
        assert resolve([mention(form, town, "settlement")], "AA")[1] == ["t"]
        assert resolve([mention(form, town, None), mention("سهلان", pl("o", a1="AA-2"), "settlement", start=9)],
                       "AA")[1] == ["o"]
    # four letters: no cue needed
    assert resolve([mention("نمرة", pl("t", pop=5000), None)], "AA")[1] == ["t"]


@pytest.mark.parametrize("pop,kind,iso,kept", [
    (20000, "place", "AA", True),  # a town of 20,000 or more of the document's country
    (19999, "place", "AA", False),
    (0, "admin1", "AA", True),  # a province
    (0, "admin1", "BB", False),  # a province of another country named
])
def test_a_short_bare_name_of_a_province_or_large_town_of_the_documents_country(pop, kind, iso, kept):
    # the document's country rests on more than the name: an actor of AA in the evidence; BB is named
    m = mention("صور", pl("s", kind, iso, iso + "-1", pop=pop), None, start=10)
    country_bb = mention("بلاد", pl("bb", "country", "BB", None), start=40)
    got = resolve([m, country_bb], "AA", evidence=Counter({"AA": 1.5}))[1]
    assert got == (["s", "bb"] if kept else ["bb"])


def test_a_short_bare_name_is_read_only_where_nothing_else_places_the_document_in_its_country():
    def short():
        return mention("صور", pl("s", "place", "AA", "AA-1", pop=30000), None, start=0)

    # no evidence and no other mention in AA: the name alone does not make the document's country
    assert resolve([short()], "AA")[1] == []
    assert resolve([short()], "AA", evidence=Counter({"BB": 2}))[1] == []
    # an actor of AA
    assert resolve([short()], "AA", evidence=Counter({"AA": 0.5}))[1] == ["s"]
    # another mention in AA that is kept: that place stands, the short name is dropped
    other = mention("سهلان", pl("o", a1="AA-2"), "settlement", start=20)
    assert resolve([short(), other], "AA")[1] == ["o"]
    # another mention in AA that is itself held (short and bare): both are read, in the text's order
    a, b = short(), mention("ربع", pl("r", "admin1", "AA", "AA-3"), None, start=20)
    assert resolve([b, a], "AA", evidence=Counter({"AA": 1}))[1] == ["s", "r"]
    # the country AA named (a country is no place in it): the short name is read
    assert resolve([short(), mention("بلاد", pl("aa", "country", "AA", None), start=30)], "AA")[1] == ["s", "aa"]
    # a place of another country named (not in AA): held names stay dropped without support
    bb = mention("بلاد", pl("bb", "country", "BB", None), start=30)
    assert resolve([short(), bb], "AA")[1] == ["bb"]


# --------------------------------------------------------------------------- place_date: the event's place

def frame(idx: int, places=(), dates=(), start: int = 0, triggers=(), deaths=()) -> Frame:
    return Frame(idx, start, start + 100, start, start + 100, places=list(places), dates=list(dates),
                 triggers=list(triggers), deaths=list(deaths))


def at(place: Place, start: int, cue: str | None = None, length: int = 4, **meta) -> Mention:
    """A disambiguated place mention at ``start`` (``cue_start`` in meta where the cue matters)."""
    return Mention("place", start, start + length, "x" * length, place.id, value=place, rule="gazetteer",
                   meta={"cue": cue, **meta})


CITY = pl("city", pop=90000)
CITY2 = pl("city2", a1="AA-2", pop=900000)
PROVINCE = pl("province", "admin1")
DISTRICT = pl("district", "admin2")
COUNTRY = pl("aa", "country", "AA", None)


def place_of(frames, primary, trig):
    got = _place_of(frames, primary, trig)
    return got and (got[0].id, got[2])


def test_a_town_is_the_place_before_a_district_a_province_and_the_country():
    # ranks: a town 3, a district 2, a province 1, the country 0; the town far from the trigger (at 50)
    f = frame(0, [at(COUNTRY, 45), at(PROVINCE, 48), at(DISTRICT, 52), at(CITY, 90, "settlement")])
    assert place_of([f], f, 50) == ("city", 1)
    f = frame(0, [at(COUNTRY, 45), at(PROVINCE, 90), at(DISTRICT, 95)])
    assert place_of([f], f, 50) == ("district", 2)
    f = frame(0, [at(COUNTRY, 48), at(PROVINCE, 95)])
    assert place_of([f], f, 50) == ("province", 3)
    f = frame(0, [at(COUNTRY, 48)])
    assert place_of([f], f, 50) == ("aa", 3)
    assert _place_of([frame(0)], frame(0), 0) is None


def test_of_two_towns_of_the_sentence_the_one_nearest_the_trigger():
    # the trigger at 50: 30 is 20 away, 60 is 10 away
    f = frame(0, [at(CITY, 30), at(CITY2, 60)])
    assert place_of([f], f, 50) == ("city2", 1)
    f = frame(0, [at(CITY, 45), at(CITY2, 60)])
    assert place_of([f], f, 50) == ("city", 1)


def test_a_place_that_locates_the_town_before_it_is_no_event_place():
    # "في صرمين شرقي حلب، قتل ...": the town at 3-9, its locator's cue at 10 (one space after), the
    # locator at 15-19, the trigger at 21: the locator is nearer but the town is the place
    town = at(CITY, 3, "settlement", length=6)
    locator = at(CITY2, 15, "direction", cue_start=10)
    f = frame(0, [town, locator])
    assert place_of([f], f, 21) == ("city", 1)
    assert _locator(f, locator) == _locator(f, locator, _town_ends(f)) == 3 and _locator(f, town) is None
    # towns and districts, with their ranks: a district is located as a town is
    assert _town_ends(frame(0, [town, locator, at(PROVINCE, 30), at(DISTRICT, 40), at(COUNTRY, 50)])) == [
        (9, 3), (19, 3), (44, 2)]


def test_a_city_that_locates_a_district_is_no_event_place():
    # "في قضاء X شمالي CITY": the district at 3-9, the city's cue at 10; the city ranks below the
    # district it locates, and above a province
    district = at(DISTRICT, 3, "admin", length=6)
    city = at(CITY2, 15, "direction", cue_start=10)
    f = frame(0, [district, city])
    assert _locator(f, city) == 2
    assert place_of([f], f, 21) == ("district", 2)
    f = frame(0, [at(PROVINCE, 3, length=6), at(CITY2, 15, "direction", cue_start=10)])
    assert place_of([f], f, 21) == ("city2", 2)  # a province is no town to locate: the city is the place


@pytest.mark.parametrize("cue", ["near", "direction", "countryside"])
@pytest.mark.parametrize("gap,locates", [(0, True), (3, True), (4, False)])
def test_a_locator_is_a_place_after_a_cue_at_most_three_characters_after_a_town(cue, gap, locates):
    town = at(CITY, 0, "settlement", length=6)  # ends at 6
    other = at(CITY2, 6 + gap + 5, cue, cue_start=6 + gap)
    f = frame(0, [town, other])
    assert (_locator(f, other) == 3) is locates
    # without a cue_start the mention's own start is the cue's
    assert (_locator(f, at(CITY2, 6 + gap, cue)) == 3) is locates
    # a town that ends after the cue does not count
    assert _locator(frame(0, [at(CITY, 0, length=20), other]), other) is None
    # no town before it
    assert _locator(frame(0, [other]), other) is None
    # the same with a settlement cue or none: no locator
    assert _locator(f, at(CITY2, 6 + gap + 5, "settlement", cue_start=6 + gap)) is None
    assert _locator(f, at(CITY2, 6 + gap + 5, None, cue_start=6 + gap)) is None


def test_a_locator_after_the_second_town_of_a_sentence():
    # towns end at 6 and 30; a locator's cue at 32 locates the second one, at 10 the first
    f = frame(0, [at(CITY, 0, length=6), at(CITY, 24, length=6)])
    assert _locator(f, at(CITY2, 37, "direction", cue_start=32)) == 3
    assert _locator(f, at(CITY2, 15, "direction", cue_start=10)) is None  # 4 after the first
    assert _locator(f, at(CITY2, 12, "direction", cue_start=8)) == 3


def test_places_inside_an_actor_or_of_origin_are_no_event_place_unless_nothing_else():
    inside = at(CITY2, 48, inside_actor=True)  # "شرطة X"
    origin = at(CITY2, 52, "origin")  # "انطلقت من X"
    f = frame(0, [inside, origin, at(PROVINCE, 90)])
    assert place_of([f], f, 50) == ("province", 3)
    f = frame(0, [at(PROVINCE, 90), origin, inside])
    assert place_of([f], f, 50) == ("province", 3)
    # nothing else: the actor's place is a fallback hint (never the place of origin)
    f = frame(0, [origin, inside])
    assert place_of([f], f, 50) == ("city2", 1)
    assert place_of([frame(0, [origin])], frame(0, [origin]), 50) is None
    # of two fallbacks the town (a province named inside an actor ranks below), then the nearest
    f = frame(0, [at(PROVINCE, 50, inside_actor=True), at(CITY, 90, inside_actor=True)])
    assert place_of([f], f, 50) == ("city", 1)
    f = frame(0, [at(CITY, 20, inside_actor=True), at(CITY2, 60, inside_actor=True)])
    assert place_of([f], f, 50) == ("city2", 1)
    f = frame(0, [at(CITY, 42, inside_actor=True), at(CITY2, 60, inside_actor=True)])
    assert place_of([f], f, 50) == ("city", 1)
    # and the primary sentence's before another's
    p, o = frame(3, [at(CITY, 500, inside_actor=True)], start=400), frame(2, [at(CITY2, 210, inside_actor=True)], start=200)
    assert place_of([o, p], p, 410) == ("city", 1)
    # a fallback town in another sentence still ranks above a province of the primary: 3 - 1 > 1 - 1
    p, o = frame(3, [at(PROVINCE, 410, inside_actor=True)], start=400), frame(2, [at(CITY2, 210, inside_actor=True)], start=200)
    assert place_of([o, p], p, 410) == ("city2", 1)


def test_the_primary_sentence_first_then_the_nearest_other_sentence():
    primary = frame(4, [at(CITY, 480)], start=400)
    assert place_of([frame(5, [at(CITY2, 510)], start=500), primary], primary, 410) == ("city", 1)
    assert place_of([primary, frame(5, [at(CITY2, 510)], start=500)], primary, 410) == ("city", 1)
    # the primary names no town: a town of another sentence beats its province; of two the nearer
    # sentence (5 is one away from 4, 2 two away)
    primary = frame(4, [at(PROVINCE, 405)], start=400)
    two, five = frame(2, [at(CITY, 210)], start=200), frame(5, [at(CITY2, 510)], start=500)
    assert place_of([two, five, primary], primary, 410) == ("city2", 1)
    assert place_of([five, two, primary], primary, 410) == ("city2", 1)
    # other sentences by their distance in sentences, not in characters: the place of sentence 5 is 180
    # characters after the trigger, that of sentence 2 120 before it
    two, five = frame(2, [at(CITY, 290)], start=200), frame(5, [at(CITY2, 590)], start=500)
    assert place_of([two, five, primary], primary, 410) == ("city2", 1)
    # a province in the primary before a province in another sentence
    primary = frame(4, [at(pl("p1", "admin1", a1="AA-1"), 405)], start=400)
    other = frame(5, [at(pl("p2", "admin1", a1="AA-2"), 505)], start=500)
    assert place_of([other, primary], primary, 410) == ("p1", 3)


@pytest.mark.parametrize("place,cue,meta,prec", [
    (CITY, None, {}, 1),
    (CITY, "settlement", {}, 1),
    (CITY, "near", {}, 2),  # "قرب X"
    (CITY, "direction", {}, 2),  # "شرق X"
    (CITY, "countryside", {}, 2),  # "ريف X"
    (CITY, None, {"direction_after": "الشرقي"}, 2),  # "X الشرقي"
    (CITY, "settlement", {"unlisted": True}, 2),  # a village the gazetteer lacks, at its anchor's point
    (DISTRICT, None, {}, 2),
    (PROVINCE, "countryside", {}, 3),
    (COUNTRY, "direction", {}, 3),
])
def test_the_precision_of_the_place(place, cue, meta, prec):
    f = frame(0, [at(place, 10, cue, **meta)])
    assert _place_of([f], f, 0)[2] == prec


# --------------------------------------------------------------------------- place_date: the event's date

def dm(start: int, first: date, last: date | None = None, since: bool = False, window: bool = True) -> Mention:
    w = DateWindow(first, last or first, 1 if last is None else 2) if window else None
    return Mention("date", start, start + 6, "x" * 6, "", value=None, rule="", meta={"window": w, "since": since})


D1, D2, D3 = date(2023, 3, 1), date(2023, 3, 2), date(2023, 3, 3)


def date_of(frames, primary, trig, doc=None):
    got = _date_of(frames, primary, trig, doc)
    return got and (got[0].start, got[0].end)


def test_the_narrowest_date_of_the_primary_sentence_then_the_nearest():
    p = frame(0, dates=[dm(10, D1, D3), dm(80, D2)])  # three days near the trigger at 20, one day far
    assert date_of([p], p, 20) == (D2, D2)
    p = frame(0, dates=[dm(80, D2), dm(10, D1, D3)])
    assert date_of([p], p, 20) == (D2, D2)
    # two days: the nearer, before or after the trigger at 50
    p = frame(0, dates=[dm(30, D1), dm(60, D2)])
    assert date_of([p], p, 50) == (D2, D2)
    p = frame(0, dates=[dm(45, D1), dm(60, D2)])
    assert date_of([p], p, 50) == (D1, D1)


def test_the_primary_sentences_date_before_a_narrower_one_of_another():
    p = frame(2, dates=[dm(210, D1, D3)], start=200)
    o = frame(1, dates=[dm(110, D2)], start=100)
    assert date_of([o, p], p, 220) == (D1, D3)
    assert date_of([p, o], p, 220) == (D1, D3)
    # the primary has none: the narrowest of the others
    p = frame(2, start=200)
    o2 = frame(3, dates=[dm(310, D1, D3)], start=300)
    assert date_of([o, o2, p], p, 220) == (D2, D2)
    assert date_of([o2, o, p], p, 220) == (D2, D2)
    assert date_of([p], p, 220) is None


def test_a_date_since_which_or_without_a_window_does_not_date_the_event():
    p = frame(0, dates=[dm(40, D1, since=True), dm(90, D1, D3)])  # "منذ 1 آذار"
    assert date_of([p], p, 45) == (D1, D3)
    p = frame(0, dates=[dm(40, D1, window=False), dm(90, D1, D3)])
    assert date_of([p], p, 45) == (D1, D3)
    assert date_of([frame(0, dates=[dm(40, D1, since=True)])], frame(0), 45) is None


def test_the_latest_date_of_the_document():
    assert _latest_date([frame(0, dates=[dm(0, D1), dm(10, D1, D3)]), frame(1, dates=[dm(0, D2)])]) == D3
    # a date since which and a date without a window are not read
    assert _latest_date([frame(0, dates=[dm(0, D1), dm(10, D3, since=True), dm(20, D3, window=False)])]) == D1
    assert _latest_date([frame(0), frame(1, dates=[dm(0, D2, since=True)])]) is None


# no verb of telling in the five words before the date: only the "أن" after it says it is an announcement's
REPORTED = "جاء في بيان الجيش الصادر يوم 3 آذار {} طائرة قصفت مخزنا للذخيرة في 28 شباط."


def _frame_of_doc(text: str, res, strength: str = "strong", published: str = "2023-03-10"):
    from types import SimpleNamespace

    doc = doc_of(text, published)
    r = recognize(doc, res)
    trig = next(m for m in r["triggers"] if m.surface.endswith("قصفت") or m.surface.startswith("قتل"))
    f = frame(0, dates=r["dates"], triggers=[(trig, SimpleNamespace(strength=strength))])
    return doc, f, trig.start


@pytest.mark.parametrize("that", ["أن", "بأن", "أنه", "أنها", "بأنه"])
def test_the_date_of_an_announcement_does_not_date_the_event(that, res):
    doc, f, trig = _frame_of_doc(REPORTED.format(that), res)
    # the announcement's date (3 March) is nearer the trigger than the strike's (28 February)
    assert date_of([f], f, trig, doc) == (date(2023, 2, 28),) * 2
    assert date_of([f], f, trig) == (date(2023, 3, 3),) * 2  # without the document no date is an announcement's
    d3 = next(m for m in f.dates if m.surface == "3 آذار")
    assert _report_date(doc, d3, trig)


def test_the_date_of_an_announcement_dates_a_strong_event_that_has_no_other(res):
    text = "أعلن الجيش في 3 آذار وأكد في 5 آذار أن طائرة قصفت مخزنا للذخيرة."
    doc, f, trig = _frame_of_doc(text, res)
    assert date_of([f], f, trig, doc) == (date(2023, 3, 5),) * 2  # of the two the nearer
    doc, f, trig = _frame_of_doc(text, res, "weak")
    assert date_of([f], f, trig, doc) is None
    # in another sentence than the primary, an announcement's date is no fallback
    doc, f, trig = _frame_of_doc(text, res)
    p = frame(1, start=200)
    assert date_of([f, p], p, 210, doc) is None


def test_a_date_after_a_verb_of_telling(res):
    for verb in ("صرح", "وصرح", "فصرح", "قال"):
        doc, f, trig = _frame_of_doc(f"{verb} الناطق العسكري يوم 3 آذار: قصفت طائراتنا مخزنا للذخيرة في 28 شباط.", res)
        d3 = next(m for m in f.dates if m.surface == "3 آذار")
        assert _report_date(doc, d3, trig), verb
        assert date_of([f], f, trig, doc) == (date(2023, 2, 28),) * 2
    # no verb of telling: the nearer date
    doc, f, trig = _frame_of_doc("شوهد الناطق العسكري يوم 3 آذار: قصفت طائراتنا مخزنا للذخيرة في 28 شباط.", res)
    assert date_of([f], f, trig, doc) == (date(2023, 3, 3),) * 2
    # the verb among the five words before the date counts, the sixth word before it does not
    doc, f, trig = _frame_of_doc("صرح الناطق في الجنوب يوم 3 آذار: قصفت طائراتنا مخزنا للذخيرة في 28 شباط.", res)
    assert date_of([f], f, trig, doc) == (date(2023, 2, 28),) * 2
    doc, f, trig = _frame_of_doc("صرح الناطق في المنطقة الجنوبية يوم 3 آذار: قصفت طائراتنا مخزنا للذخيرة في 28 شباط.",
                                 res)
    assert date_of([f], f, trig, doc) == (date(2023, 3, 3),) * 2


def test_a_report_date_in_another_sentence_is_read_against_that_sentences_own_act(res):
    # the other sentence's act (its trigger at 30, or a death there) comes after the announcement's date;
    # the primary sentence (no date) has its trigger at 0, so that 3 March (at 14) is the nearer date
    doc, f, _ = _frame_of_doc(REPORTED.format("أن"), res)
    p = frame(1, start=0)
    assert date_of([f, p], p, 0, doc) == (date(2023, 2, 28),) * 2
    death = f.triggers[0][0]
    g = frame(0, dates=f.dates, deaths=[death])
    assert date_of([g, p], p, 0, doc) == (date(2023, 2, 28),) * 2
    # a sentence with no act: no anchor, its dates are read as they are
    h = frame(0, dates=f.dates)
    assert date_of([h, p], p, 0, doc) == (date(2023, 3, 3),) * 2


def test_an_event_placed_in_a_country_takes_the_place_of_another_sentence_with_its_date():
    from rasd.events.base import Cand
    from rasd.events.place_date import _codated_place

    w = DateWindow(D1, D1, 1)
    own = frame(0, [at(COUNTRY, 10)], [dm(20, D1)])
    same = frame(1, [at(PROVINCE, 110, "admin")], [dm(120, D1)], start=100)
    other_day = frame(2, [at(CITY, 210)], [dm(220, D2)], start=200)
    abroad = frame(3, [at(pl("bbt", iso="BB", a1="BB-1"), 310)], [dm(320, D1)], start=300)
    c = Cand([own], Counter())
    place = (COUNTRY, own.places[0], 3)
    got = _codated_place([own, other_day, abroad, same], c, w, place)
    assert (got[0].id, got[2]) == ("province", 3)
    assert _codated_place([own, other_day], c, w, place) is None
    assert _codated_place([own, abroad], c, w, place) is None
    # no place at all: a place of any country with that date
    got = _codated_place([own, abroad], c, w, None)
    assert got[0].id == "bbt"
    # a sentence of the event itself, or one placed only in a country, gives nothing
    assert _codated_place([own, frame(4, [at(COUNTRY, 410)], [dm(420, D1)], start=400)], c, w, place) is None
    assert _codated_place([same], Cand([same], Counter()), w, place) is None


# --------------------------------------------------------------------------- find_places and its cues

def raw(text: str, res) -> list[Mention]:
    return P.find_places(doc_of(text), res)


def only(text: str, res) -> Mention:
    ms = raw(text, res)
    assert len(ms) == 1, [m.surface for m in ms]
    return ms[0]


def test_a_gazetteer_mention_and_what_it_keeps(res):
    text = "قصف على ريف حلب الشمالي"
    m = only(text, res)
    assert (m.kind, m.rule, m.surface, m.start, m.end, m.entry_id) == ("place", "gazetteer", "حلب", 12, 15, "a1:SY-HL")
    assert [p.id for p in m.value] == ["a1:SY-HL", "gn:170063"]  # the province, then the city
    assert m.meta == {"cue": "countryside", "cue_start": 8, "form": "حلب", "direction_after": "الشمالي",
                      "nstart": 12, "nend": 15, "names_country": False,
                      "locative": False, "stopword": False, "within": False, "locates": False}
    # "within": the place is told as holding what is named before it
    assert only("حي سكني وسط مدينة حلب", res).meta["within"] is True
    assert only("حي سكني بمدينة حلب", res).meta["within"] is True
    assert only("حي سكني في مدينة حلب", res).meta["within"] is True
    assert only("حي سكني في حلب", res).meta["within"] is False  # a bare "في" is no more than where
    assert only("قصف على مدينة حلب", res).meta["within"] is False
    assert only("حي سكني شمال حلب", res).meta["within"] is False
    # the end is the end of the surface, through a normalized letter
    m = only("قصف على إدلب", res)
    assert (m.surface, m.start, m.end) == ("إدلب", 8, 12)


@pytest.mark.parametrize("word", ["الشرقي", "الغربي", "الشمالي", "الجنوبي", "الأوسط", "الشمالية", "الشرقية",
                                  "الغربية", "الجنوبية"])
def test_a_direction_word_after_a_place(word, res):
    from rasd.normalize import normalize

    m = next(m for m in raw(f"قصف على ريف حماة {word} اليوم", res) if m.surface == "حماة")
    assert m.meta["direction_after"] == normalize(word)


def test_no_direction_word_after_a_place(res):
    assert only("قصف على ريف حماة اليوم", res).meta["direction_after"] is None
    assert only("قصف على ريف حماة", res).meta["direction_after"] is None


@pytest.mark.parametrize("text,surface,names", [
    ("اشتباكات في شمال سيناء", "شمال سيناء", True),  # a direction and a province
    ("اشتباكات في جنوب لبنان", "جنوب لبنان", True),
    ("اشتباكات في كردستان العراق", "كردستان العراق", True),  # a region with its country's name
    ("اشتباكات في رام الله", "رام الله", False),
    ("اشتباكات في النيل الأزرق", "النيل الأزرق", False),  # a province of two words, no direction
    ("اشتباكات في حلب", "حلب", False),
])
def test_a_name_that_names_its_country(text, surface, names, res):
    m = only(text, res)
    assert (m.surface, m.meta["names_country"]) == (surface, names)


@pytest.mark.parametrize("text,cue,cue_word", [
    ("اشتباكات في حلب", None, None),
    ("اشتباكات بالقرب من حلب", "near", "بالقرب من"),
    ("اشتباكات جنوب شرقي حلب", "direction", "جنوب شرقي"),  # two words before one ("شرقي")
    ("جنوب شرقي حلب", "direction", "جنوب شرقي"),  # at the start of the text
    ("ريف حلب", "countryside", "ريف"),
    ("قصفت الطائرات وريف حلب", "countryside", "وريف"),
    ("قصفت الطائرات فريف حلب", "countryside", "فريف"),
    ("قصفت الطائرات بريف حلب", "countryside", "بريف"),
    ("قصفت الطائرات لريف حلب", "countryside", "لريف"),
    ("قصفت الطائرات وبريف حلب", "countryside", "وبريف"),
    ("قصفت الطائرات ولريف حلب", "countryside", "ولريف"),
    ("قصفت الطائرات فبريف حلب", "countryside", "فبريف"),
    ("قصفت المدفعية المتمركزة في محيط حلب", "origin", "المتمركزة في محيط"),  # three words before one ("محيط")
    ("تواصل القصف في شمال وجنوب لبنان", "direction", "شمال"),
    ('قصفت الطائرات مدينة "إدلب"', "settlement", "مدينة"),  # a quotation mark before the name is no cue
    # (regression: the cue's start was one character into the cue word where a mark stood before the name)
])
def test_the_cue_before_a_place_and_where_it_starts(text, cue, cue_word, res):
    m = raw(text, res)[-1]
    assert m.meta["cue"] == cue
    assert m.meta["cue_start"] == (text.index(cue_word) if cue_word else m.start)


def test_cue_words_and_common_words_are_no_places(res):
    assert raw("سقطت قذيفة في المدينة، وقتل شخص في الحي", res) == []
    # "خيام" is Khiam (الخيام) and tents: without a settlement or admin cue the common word
    assert raw("قصفت الطائرات خيام النازحين", res) == []
    assert raw("قصفت الطائرات الخيام", res) == []
    # "الجزيرة" is a Sudanese state and a television channel: the state after an admin word
    m = only("اشتباكات في محافظة الجزيرة", res)
    assert [p.id for p in m.value][-1] == "a1:SD-GZ" and m.meta["cue"] == "admin"
    assert raw("اشتباكات في شمال الجزيرة", res) == []
    # "إسرائيل" is an actor's name too: after a direction word it names the country, not after "قرب"
    m = only("سقط صاروخ في وسط إسرائيل", res)
    assert [p.id for p in m.value] == ["c:IL"] and m.meta["cue"] == "direction"
    assert raw("سقط صاروخ قرب إسرائيل", res) == []


def test_a_name_like_a_kunya_needs_a_cue_or_a_town_of_five_thousand(res):
    # "أبو قش" (1,385 people) reads as a person's kunya without a cue; the place after it still counts
    assert [m.surface for m in raw("اعتقل شاب من أبو قش شمال رام الله", res)] == ["رام الله"]
    assert [m.surface for m in raw("اعتقل شاب من قرية أبو قش شمال رام الله", res)] == ["أبو قش", "رام الله"]
    assert [m.surface for m in raw("قتل شخص في أبو كمال", res)] == ["أبو كمال"]  # 57,572


# --------------------------------------------------------------------------- country_evidence

def actor(aid: str, atype: str = "rebel", country: str | None = "SY", theatres: tuple[str, ...] = (),
          start: int = 0, rule: str = "form") -> Mention:
    from rasd.resources import ActorEntry

    a = ActorEntry(aid, aid, atype, country, None, None, theatres)
    return Mention("actor", start, start + 4, "xxxx", aid, value=a, rule=rule, meta={"nstart": start, "nend": start + 4})


def test_the_countries_of_the_actors_named(res):
    doc = doc_of("نص بلا كلمة تدل على بلد")
    force = actor("force", "external", "RU", ("SY", "LY", "SD"))
    votes, home = P.country_evidence(doc, res, [force, force])  # named twice, counted once
    assert votes == Counter({"SY": 0.75, "LY": 0.5, "SD": 0.5}) and home == set()
    votes, home = P.country_evidence(doc, res, [actor("a"), actor("a"), actor("b", "state"), actor("c", country="IQ")])
    assert votes == Counter({"SY": 3.0, "IQ": 1.5}) and home == {"SY", "IQ"}
    # a local actor and a force that fights there add up
    votes, _ = P.country_evidence(doc, res, [actor("a"), force])
    assert votes == Counter({"SY": 2.25, "LY": 0.5, "SD": 0.5})
    # a force without theatres, civilians, an actor found by its generic word: no vote
    votes, home = P.country_evidence(doc, res, [actor("x", "external", "FR"), actor("y", "civilians", "SY"),
                                                actor("z", rule="generic"), actor("a")])
    assert votes == Counter({"SY": 1.5}) and home == {"SY"}


def test_nationality_words_outside_the_actors_names(res):
    text = "قصفت طائرة لبنانية الحدود اللبنانية والسورية، وقال الجيش اللبناني إن المدفعية اللبنانية ردت."
    doc = doc_of(text)
    # Lebanese four times (twice counted), Syrian once
    votes, _ = P.country_evidence(doc, res, [])
    assert votes == Counter({"LB": 1.0, "SY": 0.5})
    # the army's "اللبناني" is inside the actor's name: three left, still two counted
    army = text.index("الجيش")
    a = actor("lb-army", "state", "LB", start=army)
    a.meta.update(nstart=army, nend=text.index(" إن"))
    votes, home = P.country_evidence(doc, res, [a])
    assert votes == Counter({"LB": 2.5, "SY": 0.5}) and home == {"LB"}
    # one Lebanese word outside: a foreign force's theatre and the word add up
    doc = doc_of("قصفت الطائرات مواقع في الأراضي اللبنانية")
    votes, _ = P.country_evidence(doc, res, [actor("force", "external", "IL", ("LB", "PS"))])
    assert votes == Counter({"LB": 1.25, "PS": 0.5})
    # an adjective inside an actor's name, then one outside it
    text = "قال الجيش اللبناني إن قصفا طال الأراضي اللبنانية"
    doc = doc_of(text)
    a = actor("lb-army", "state", "LB", start=text.index("الجيش"))
    a.meta.update(nstart=text.index("الجيش"), nend=text.index(" إن"))
    assert P.country_evidence(doc, res, [a])[0] == Counter({"LB": 2.0})


def test_the_tables_of_nationality_words_are_built_from_the_data_once(res):
    fresh = replace(res, extra={})
    table = P.nationality_adjectives(fresh)
    assert table["لبناني"] == table["اللبناني"] == table["اللبنانيه"] == table["لبنانيه"] == "LB"
    assert table["سوريه"] == "SY"
    assert P.nationality_adjectives(fresh) is table and fresh.extra["adjectives"] is table
    # nationalities.tsv adds the adjectives of peoples without a row in countries.tsv
    from rasd.data import read_tsv, split_forms
    from rasd.normalize import normalize

    for _, r in read_tsv("nationalities.tsv", ("iso", "adjectives_ar")):
        for form in split_forms(r["adjectives_ar"]):
            assert table[normalize(form)] == r["iso"]
    lex = P._adjective_lex(fresh)
    assert P._adjective_lex(fresh) is lex and fresh.extra["country_adjectives"] is lex
    assert [h.payloads for h in lex.find(normalize("الحدود اللبنانية"))] == [("LB",)]


# --------------------------------------------------------------------------- find_unlisted and its helpers
# made-up village names: كرنبوط, زنبوط, ترنبوط, فرنبوط, سرنبوط

ALEPPO_PROVINCE = (36.2021, 37.1343)  # the point of the province (its capital's), from admin1_names.tsv
ALEPPO_CITY = (36.2012, 37.1612)  # the city's point in the gazetteer


def unlisted(text: str, res) -> list[Mention]:
    return [m for m in recognize(doc_of(text), res)["places"] if m.meta.get("unlisted")]


def names(text: str, res) -> list[str]:
    return [m.surface for m in unlisted(text, res)]


def test_an_unlisted_village_located_in_the_countryside_of_a_province(res):
    text = "قصفت الطائرات قرى كرنبوط وزنبوط بريف حلب."
    ms = unlisted(text, res)
    assert [(m.surface, m.start, m.end) for m in ms] == [("كرنبوط", 18, 24), ("زنبوط", 26, 31)]
    m = ms[0]
    assert (m.kind, m.rule, m.entry_id) == ("place", "unlisted", "u:SY:كرنبوط")
    assert m.meta == {"cue": "settlement", "cue_start": 14, "form": "كرنبوط", "direction_after": None,
                      "nstart": 18, "nend": 24, "unlisted": True, "anchor": "a1:SY-HL"}
    p = m.value
    assert (p.id, p.name, p.kind, p.country, p.iso, p.admin1, p.admin1_code, p.admin2) == (
        "u:SY:كرنبوط", "Karnbut", "village", "Syria", "SY", "Aleppo", "SY-HL", None)
    assert (p.lat, p.lon) == ALEPPO_PROVINCE


def test_an_unlisted_village_beside_the_town_that_locates_it(res):
    ms = unlisted('قصفت الطائرات قرية "تل وردة" غربي حلب.', res)
    assert [m.surface for m in ms] == ["تل وردة"]  # one name after a singular cue, "و" and all
    p = ms[0].value
    assert (p.id, p.kind, p.admin1_code, p.admin2) == ("u:SY:تل ورده", "village_near", "SY-HL", "Al-Safira")
    assert (p.lat, p.lon) == ALEPPO_CITY
    assert ms[0].meta["anchor"] == "gn:170063"
    # "قرب" as well; "في" places it in the town
    assert unlisted("قصفت الطائرات قرية كرنبوط قرب حلب.", res)[0].value.kind == "village_near"
    assert unlisted("قصفت الطائرات حي كرنبوط في إدلب.", res)[0].value.kind == "village"


def test_a_village_named_with_its_nationality_only(res):
    ms = unlisted("قصفت الطائرات بلدة كرنبوط اللبنانية.", res)
    p = ms[0].value
    assert (p.id, p.kind, p.country, p.iso, p.admin1, p.admin1_code) == ("u:LB:كرنبوط", "village", "Lebanon", "LB",
                                                                          None, None)
    country = next(c for c in res.places if c.kind == "country" and c.iso == "LB")
    assert (p.lat, p.lon) == (country.lat, country.lon)
    # the nationality word as a mention of the country
    text = "بلدة كرنبوط اللبنانية"
    doc = doc_of(text)
    m = P._country_after(doc, res, len("بلدة كرنبوط"))
    assert (m.kind, m.start, m.end, m.surface, m.entry_id, m.rule) == ("place", 12, 21, "اللبنانية", "c:LB", "adjective")
    assert m.value is country and m.meta == {"cue": None, "nstart": 12, "nend": 21}
    assert P._country_after(doc, res, len("بلدة")) is None  # "كرنبوط" is no nationality
    assert P._country_after(doc, res, len(text)) is None


@pytest.mark.parametrize("text", [
    'قصفت الطائرات قريتي "كرنبوط" و"زنبوط" بريف حلب.',
    'قصفت الطائرات قريتي "كرنبوط" و "زنبوط" بريف حلب.',
    'قصفت الطائرات قريتي "كرنبوط"، "زنبوط" بريف حلب.',
    'قصفت الطائرات قريتي "كرنبوط"،"زنبوط" بريف حلب.',
    "قصفت الطائرات قرى كرنبوط، زنبوط بريف حلب.",
    'قصفت الطائرات قرى "كرنبوط وزنبوط" بريف حلب.',
])
def test_two_villages_after_a_plural_cue(text, res):
    ms = unlisted(text, res)
    assert [m.surface for m in ms] == ["كرنبوط", "زنبوط"]
    assert all(m.value.admin1_code == "SY-HL" for m in ms)


def test_a_singular_cue_takes_one_name(res):
    assert names("قصفت الطائرات قرية كرنبوط وزنبوط بريف حلب.", res) == ["كرنبوط"]
    assert names("قصفت الطائرات قرية كرنبوط، زنبوط بريف حلب.", res) == ["كرنبوط"]


def test_a_cue_without_a_name_does_not_end_the_reading(res):
    assert names("استهدفت غارة حي سكني، ثم قرية كرنبوط غربي حلب.", res) == ["كرنبوط"]


def test_a_name_without_an_anchor_does_not_end_the_reading(res):
    assert names("قتل رجل في قرية زنبوط. وقصفت الطائرات قرية كرنبوط غربي حلب.", res) == ["كرنبوط"]
    # nor one the gazetteer knows nearby ("الرمثا", Jordan)
    assert names("قصفت المدفعية قرى الرمثا وكرنبوط جنوب درعا.", res) == ["كرنبوط"]


def test_a_quoted_cue_takes_only_a_quoted_name(res):
    assert names("قصف محيط كرنبوط بريف حلب.", res) == []
    assert names("سيطر الجيش على مناطق كرنبوط في ريف حلب.", res) == []
    assert names('قصف محيط "كرنبوط" بريف حلب.', res) == ["كرنبوط"]


@pytest.mark.parametrize("text,want", [
    ('سيطر الجيش على مناطق "كرنبوط، تل وردة" في ريف حلب.', ["كرنبوط", "تل وردة"]),  # two words after a comma: one name
    ('سيطر الجيش على مناطق "كرنبوط، وزنبوط" في ريف حلب.', ["كرنبوط", "زنبوط"]),  # the و of an item is the conjunction
    ('سيطر الجيش على مناطق "كرنبوط، وتل زنبوط" في ريف حلب.', ["كرنبوط", "تل زنبوط"]),
    ('سيطر الجيش على مناطق "كرنبوط، دير زنبوط الشرقية" في ريف حلب.', ["كرنبوط", "دير زنبوط الشرقية"]),  # three words
    ('سيطر الجيش على مناطق "كرنبوط، دير زنبوط الشرقية الكبرى" في ريف حلب.', []),  # four: no list of names
    ('سيطر الجيش على مناطق "كرنبوط، المجاورة" في ريف حلب.', []),  # "المجاورة" is no name
    ('قصفت الطائرات قرى "كرنبوط 2 وزنبوط" بريف حلب.', []),  # a number
    ('قصفت الطائرات قرى "كرنبوط. وزنبوط" بريف حلب.', []),  # a full stop
    ('قصفت الطائرات قرى "كرنبوط وأطراف زنبوط" بريف حلب.', ["كرنبوط", "زنبوط"]),  # a part of a village
    ('قصفت الطائرات قرى "كرنبوط، وأطراف زنبوط" بريف حلب.', ["كرنبوط", "زنبوط"]),
    ('قصفت الطائرات قرى "كرنبوط وزنبوط" بريف حلب، وقالت إن "المعارك مستمرة".', ["كرنبوط", "زنبوط"]),
])
def test_a_quoted_list_of_names(text, want, res):
    ms = unlisted(text, res)
    assert [m.surface for m in ms] == want
    assert all(text[m.start:m.end] == m.surface for m in ms)


@pytest.mark.parametrize("text,want", [
    ('قصفت الطائرات قرية "كرنبوط زنبوط ترنبوط فرنبوط" غربي حلب.', ["كرنبوط زنبوط ترنبوط فرنبوط"]),  # four words
    ('قصفت الطائرات قرية "كرنبوط زنبوط ترنبوط فرنبوط سرنبوط" غربي حلب.', []),  # five
    ('قصفت الطائرات قرية "كرنبوط، زنبوط" غربي حلب.', []),  # a comma after a singular cue
    ('قصفت الطائرات قرية "ج. زنبوط" غربي حلب.', []),
    ('قصفت الطائرات قرية "كرنبوط غربي حلب.', []),  # no closing quotation mark
    ('قصفت الطائرات قرية "المجاورة" غربي حلب.', []),
    ("قصفت الطائرات بلدة الخربة زنبوط غربي حلب.", ["الخربة زنبوط"]),  # a head word with its article
    ("قصفت الطائرات قرية بيت، غربي حلب.", []),  # a head word alone
    ("قصفت الطائرات قرية زبد غربي حلب.", ["زبد"]),  # three letters
    ("أقيم مخيم للمهجرين قرب حلب.", []),
    ("هاجم مسلحون ثكنة لقواتهم في ريف حلب.", []),
    ("هاجم مسلحون ثكنة لجنودكم في ريف حلب.", []),
    ("أقيم مخيم لهن قرب حلب.", []),
])
def test_a_name_after_a_cue(text, want, res):
    assert names(text, res) == want


@pytest.mark.parametrize("text,want", [
    # the known place after the name within the clause; a country there is passed over
    ("قصفت الطائرات قرية كرنبوط في سوريا قرب حلب.", ("SY-HL", "gn:170063")),
    # after a full stop it does not count: the province before the name does
    ("في ريف حلب، قصفت الطائرات قرية كرنبوط. وفي إدلب قتل شخص.", ("SY-HL", "a1:SY-HL")),
    # before the name: in the same sentence, and no country
    ("قصف على حلب. وقصفت الطائرات قرية كرنبوط.", None),
    ("في سوريا، قصفت الطائرات قرية كرنبوط.", None),
    ("قصفت الطائرات مدينة إدلب وقرية كرنبوط.", ("SY-ID", "gn:169389")),
    # no more than 80 characters before it
    ("في ريف حلب، قصفت الطائرات الحربية التابعة لقوات النظام صباح يوم أمس ولأكثر من ثلاث ساعات متتالية "
     "قرية كرنبوط.", None),
    ("في ريف حلب، قصفت الطائرات الحربية التابعة لقوات النظام صباح يوم أمس قرية كرنبوط.", ("SY-HL", "a1:SY-HL")),
    # a place inside an actor's name locates nothing
    ("اعتقلت شرطة ديالى مطلوبا في قرية كرنبوط.", None),
])
def test_the_known_place_that_locates_a_name(text, want, res):
    ms = unlisted(text, res)
    assert [(m.value.admin1_code, m.meta["anchor"]) for m in ms] == ([want] if want else [])


def test_the_anchor_before_a_name_in_a_long_document(res):
    intro = "وصلت تعزيزات عسكرية جديدة إلى المنطقة خلال الأسبوع الماضي وسط توتر متصاعد بين الأطراف. " * 6
    text = intro + "في ريف حلب، قصفت الطائرات قرية كرنبوط. وتستمر الاشتباكات. ويتواصل النزوح."
    assert len(intro) > 400
    assert [(m.surface, m.meta["anchor"]) for m in unlisted(text, res)] == [("كرنبوط", "a1:SY-HL")]


def test_a_quoted_list_is_located_by_a_province_of_the_sentence_before_but_not_by_a_town(res):
    after = ' وقال الجيش إن قواته طهرت مناطق "كرنبوط، وزنبوط، وأم ترنبوط" من المسلحين.'
    got = unlisted("سيطر الجيش على مواقع في ريف حلب." + after, res)
    assert [(m.surface, m.value.admin1_code) for m in got] == [("كرنبوط", "SY-HL"), ("زنبوط", "SY-HL"),
                                                                ("أم ترنبوط", "SY-HL")]
    assert unlisted("سيطر الجيش على مدينة حلب." + after, res) == []


def test_a_name_the_gazetteer_knows_in_a_country_of_the_region_is_no_unlisted_place(res):
    # "الرمثا" is a town of Jordan: on a page about Daraa not a Syrian village of that name
    assert unlisted("قصفت المدفعية بلدة الرمثا جنوب درعا.", res) == []


def test_one_name_told_twice_is_one_place(res):
    ms = unlisted("قصفت الطائرات قرية كرنبوط غربي حلب، ثم قصفت قرية كرنبوط شمال إدلب.", res)
    assert [(m.value.admin1_code, m.entry_id) for m in ms] == [("SY-HL", "u:SY:كرنبوط")] * 2
    # the reading without a province takes the province of the other; not across countries
    ms = unlisted("قصفت الطائرات بلدة كرنبوط اللبنانية. ثم قصفت بلدة كرنبوط جنوب لبنان.", res)
    assert [(m.value.iso, m.value.admin1_code) for m in ms] == [("LB", "LB-JA")] * 2
    ms = unlisted("قصفت الطائرات بلدة كرنبوط اللبنانية. ثم قصفت بلدة كرنبوط غربي حلب.", res)
    assert [(m.value.iso, m.value.admin1_code) for m in ms] == [("LB", None), ("SY", "SY-HL")]
