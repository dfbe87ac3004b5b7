#!/usr/bin/env python3
"""Write a seeded synthetic corpus of Arabic conflict news (JSON Lines, the input of rasd extract/ingest).

usage: python scripts/make_corpus.py N OUT.jsonl [--seed 7] [--start 2022-01-01]

Articles are composed from the sentence frames in scripts/corpus/frames.tsv filled with the project's
own lexicons (actors.tsv, gazetteer.tsv, sources.tsv, date_words.tsv, months.tsv): each story (an
event at a place and day) is told by one to four outlets in their own words (another frame, another
date phrase, sometimes another toll), and each article carries one to six stories (its own and
recent ones), filler sentences and site furniture (navigation, share buttons, copyright lines).
Streams: memory stays flat from 1k to 1M articles. The same seed gives the same file.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FRAMES = Path(__file__).resolve().parent / "corpus" / "frames.tsv"
COUNTRIES = ("SY", "IQ")
ACTOR_TYPES = {"state", "rebel", "external", "political_militia", "identity_militia"}
NEEDS_ACTORS = {"Armed clash", "Air/drone strike", "Remote explosive/landmine/IED", "Shelling/artillery/missile attack",
                "Arrests"}


@dataclass
class Lexicons:
    events: dict[str, list[str]]
    headlines: list[str]
    fillers: list[str]
    noise: list[str]
    actors: dict[str, list[str]]  # country -> Arabic actor names
    towns: dict[str, list[tuple[str, str]]]  # country -> (town, province)
    sources: list[str]  # Arabic attributions
    outlets: list[str]
    weekdays: list[tuple[str, int]]  # (word, ISO weekday)
    given: list[str]  # given names, for the persons some stories name
    months: dict[int, str]


def _rows(name: str) -> Iterator[dict[str, str]]:
    from rasd.data import data_path

    yield from _tsv(data_path(name))


def _tsv(path: Path) -> Iterator[dict[str, str]]:
    header: list[str] | None = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            yield dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))


def load_lexicons() -> Lexicons:
    events: dict[str, list[str]] = {}
    headlines, fillers, noise = [], [], []
    for r in _tsv(FRAMES):
        if r["kind"] == "event":
            events.setdefault(r["sub_event_type"], []).append(r["frame"])
        else:
            {"headline": headlines, "filler": fillers, "noise": noise}[r["kind"]].append(r["frame"])
    actors: dict[str, list[str]] = {c: [] for c in COUNTRIES}
    for r in _rows("actors.tsv"):
        if r["type"] not in ACTOR_TYPES or r["end"] or not r["forms_ar"]:
            continue
        form = r["forms_ar"].split("|")[0]
        for c in COUNTRIES:
            if r["country"] in ("", c):
                actors[c].append(form)
    provinces: dict[str, str] = {}
    towns: dict[str, list[tuple[str, str]]] = {c: [] for c in COUNTRIES}
    gaz = list(_rows("gazetteer.tsv"))
    for r in gaz:
        if r["kind"] == "admin1" and r["iso"] in COUNTRIES and r["names_ar"]:
            provinces[r["admin1_code"]] = r["names_ar"].split("|")[0]
    for r in gaz:
        if (r["iso"] in COUNTRIES and r["kind"] not in {"admin1", "admin2", "country"} and r["names_ar"]
                and r["admin1_code"] in provinces):
            towns[r["iso"]].append((r["names_ar"].split("|")[0], provinces[r["admin1_code"]]))
    sources, outlets = [], []
    for r in _rows("sources.tsv"):
        forms = r["forms_ar"].split("|")
        if r["kind"] in {"monitor", "local", "agency"}:
            sources.append(forms[0])
        if r["kind"] in {"media", "local", "agency"}:
            outlets.append(r["name"])
    weekdays = [(r["form"], int(r["value"])) for r in _rows("date_words.tsv") if r["kind"] == "weekday"]
    months: dict[int, str] = {}
    for r in _rows("months.tsv"):
        if r["calendar"] == "gregorian" and r["family"] == "levantine":
            months.setdefault(int(r["month"]), r["form"])
    given = [r["name"] for r in _rows("given_names.tsv")]
    return Lexicons(events, headlines, fillers, noise, actors, towns, sources, outlets, weekdays, given, months)


@dataclass
class Story:
    n: int
    sub: str
    country: str
    town: str
    province: str
    day: date
    a1: str
    a2: str
    toll: int
    person: str


def _story(rnd: random.Random, lex: Lexicons, n: int, day: date) -> Story:
    country = rnd.choice(COUNTRIES)
    town, prov = rnd.choice(lex.towns[country])
    a1, a2 = rnd.sample(lex.actors[country], 2)
    person = " ".join(rnd.sample(lex.given, 3))
    return Story(n, rnd.choice(sorted(lex.events)), country, town, prov, day, a1, a2, rnd.choice([1, 2, 3, 4, 5, 7, 9, 12]),
                 person)


def _day_phrase(rnd: random.Random, lex: Lexicons, d: date, published: date) -> str:
    ago = (published - d).days
    if ago == 0 and rnd.random() < 0.5:
        return rnd.choice(["اليوم", "فجر اليوم", "صباح اليوم"])
    if ago == 1 and rnd.random() < 0.5:
        return rnd.choice(["أمس", "مساء أمس"])
    names = [w for w, iso in lex.weekdays if iso == d.isoweekday()]
    if ago <= 6 and names and rnd.random() < 0.5:
        return f"يوم {names[0]}"
    return f"في {d.day} {lex.months[d.month]} {d.year}"


def _sentence(rnd: random.Random, lex: Lexicons, s: Story, published: date, toll: int) -> str:
    frame = rnd.choice(lex.events[s.sub])
    return frame.format(a1=s.a1, a2=s.a2, person=s.person, place=s.town, prov=s.province, n=toll, src=rnd.choice(lex.sources),
                        day=_day_phrase(rnd, lex, s.day, published), outlet="")


def _article(rnd: random.Random, lex: Lexicons, idx: int, outlet: str, main: Story, others: list[Story],
             published: date) -> dict[str, Any]:
    toll = main.toll if rnd.random() < 0.8 else main.toll + rnd.choice([1, 2])  # outlets disagree sometimes
    lines = []
    if rnd.random() < 0.7:
        lines.append(rnd.choice(lex.noise).format(outlet=outlet))
    lines.append(rnd.choice(lex.headlines).format(n=toll, place=main.town, prov=main.province))
    lines.append(f"{main.province} – {outlet}")
    body = [_sentence(rnd, lex, main, published, toll)]
    body.extend(rnd.sample(lex.fillers, 3))
    for o in others:
        body.append(_sentence(rnd, lex, o, published, o.toll))
        if rnd.random() < 0.5:
            body.append(rnd.choice(lex.fillers))
    lines.extend(body[i] + (" " + body[i + 1] if i + 1 < len(body) else "") for i in range(0, len(body), 2))
    lines.extend(rnd.sample(lex.fillers, 4))
    if rnd.random() < 0.7:
        lines.append(rnd.choice(lex.noise).format(outlet=outlet))
    return {"id": f"syn-{idx:07d}", "text": "\n".join(lines), "published": published.isoformat(), "source": outlet}


def generate(n: int, seed: int = 7, start: date = date(2022, 1, 1)) -> Iterator[dict[str, Any]]:
    """n articles; streams (a window of recent stories is all it keeps)."""
    rnd = random.Random(seed)
    lex = load_lexicons()
    recent: deque[Story] = deque(maxlen=400)
    made = 0
    k = 0
    while made < n:
        k += 1
        day = start + timedelta(days=k * 730 // max(1, n // 2))  # about two years, whatever n
        main = _story(rnd, lex, k, day)
        for outlet in rnd.sample(lex.outlets, rnd.choice([1, 1, 2, 3, 4])):
            if made >= n:
                break
            published = main.day + timedelta(days=rnd.choice([0, 0, 1, 1, 2]))
            near = [s for s in recent if abs((s.day - main.day).days) <= 5 and s is not main]
            others = rnd.sample(near, min(len(near), rnd.choice([0, 0, 1, 1, 2, 3, 4, 5])))
            yield _article(rnd, lex, made, outlet, main, others, published)
            made += 1
        recent.append(main)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("out", type=Path, help="the JSON Lines file to write ('-': standard output)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--start", type=date.fromisoformat, default=date(2022, 1, 1), help="the first story's day")
    args = ap.parse_args()
    out = sys.stdout if str(args.out) == "-" else open(args.out, "w", encoding="utf-8")  # noqa: SIM115
    try:
        for a in generate(args.n, args.seed, args.start):
            out.write(json.dumps(a, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
