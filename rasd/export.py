"""Exports: ACLED's 31 export columns (CSV), GeoJSON and JSON Lines."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date
from typing import Any

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

INTER = {"state": "State forces", "rebel": "Rebel group", "political_militia": "Political militia",
         "identity_militia": "Identity militia", "rioters": "Rioters", "protesters": "Protesters",
         "civilians": "Civilians", "external": "External/Other forces", "unknown": "Political militia"}
ISO_NUMERIC = {"SY": 760, "IQ": 368, "LB": 422, "JO": 400, "PS": 275, "IL": 376, "TR": 792, "IR": 364, "SA": 682,
               "YE": 887, "KW": 414, "EG": 818, "LY": 434, "TN": 788, "DZ": 12, "MA": 504, "SD": 729, "SS": 728,
               "SO": 706}
REGION = {"SY": "Middle East", "IQ": "Middle East", "LB": "Middle East", "JO": "Middle East", "PS": "Middle East",
          "IL": "Middle East", "TR": "Middle East", "IR": "Middle East", "SA": "Middle East", "YE": "Middle East",
          "KW": "Middle East", "EG": "Northern Africa", "LY": "Northern Africa", "TN": "Northern Africa",
          "DZ": "Northern Africa", "MA": "Northern Africa", "SD": "Northern Africa", "SS": "Eastern Africa",
          "SO": "Eastern Africa"}


def _disorder(event_type: str, sub: str) -> str:
    if event_type == "Strategic developments":
        return "Strategic developments"
    if event_type in {"Protests", "Riots"}:
        return "Demonstrations" if event_type == "Protests" or sub == "Violent demonstration" else "Political violence"
    return "Political violence"


def acled_row(r: dict[str, Any]) -> dict[str, Any]:
    a1, a2 = r.get("actor1") or {}, r.get("actor2") or {}
    assoc = r.get("assoc_actors") or []
    inter1 = INTER.get(a1.get("type", ""), "") if a1 else ""
    inter2 = INTER.get(a2.get("type", ""), "") if a2 else ""
    year = ""
    if r.get("event_date"):
        year = str(date.fromisoformat(r["event_date"]).year)
    return {
        "event_id_cnty": f"{(r.get('iso') or 'XX')}{r['event_id'][:8].upper()}",
        "event_date": r.get("event_date") or "",
        "year": year,
        "time_precision": r.get("time_precision") or "",
        "disorder_type": _disorder(r["event_type"], r["sub_event_type"]),
        "event_type": r["event_type"],
        "sub_event_type": r["sub_event_type"],
        "actor1": a1.get("name", ""),
        "assoc_actor_1": "; ".join(a["name"] for a in assoc[:1]),
        "inter1": inter1,
        "actor2": a2.get("name", ""),
        "assoc_actor_2": "; ".join(a["name"] for a in assoc[1:]),
        "inter2": inter2,
        "interaction": "-".join(x for x in (inter1, inter2) if x) if inter1 else "",
        "civilian_targeting": "Civilian targeting" if a2.get("type") == "civilians" else "",
        "iso": ISO_NUMERIC.get(r.get("iso") or "", ""),
        "region": REGION.get(r.get("iso") or "", ""),
        "country": r.get("country") or "",
        "admin1": r.get("admin1") or "",
        "admin2": r.get("admin2") or "",
        "admin3": "",
        "location": r.get("location") or "",
        "latitude": r.get("latitude") if r.get("latitude") is not None else "",
        "longitude": r.get("longitude") if r.get("longitude") is not None else "",
        "geo_precision": r.get("geo_precision") or "",
        "source": "; ".join(x for x in [r.get("source") or "", *(r.get("reported_by") or [])] if x),
        "source_scale": "",
        "notes": r.get("notes") or "",
        "fatalities": r.get("fatalities") if r.get("fatalities") is not None else 0,
        "tags": "",
        "timestamp": "",
    }


def _safe_cell(v: Any) -> Any:
    """Spreadsheet formula injection: a cell starting with = + - @ is quoted as text."""
    if isinstance(v, str) and v[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + v
    return v


def to_acled_csv(records: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(ACLED_COLUMNS), lineterminator="\n")
    w.writeheader()
    for r in records:
        w.writerow({k: _safe_cell(v) for k, v in acled_row(r).items()})
    return out.getvalue()


def to_geojson(records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    feats = []
    for r in records:
        if r.get("latitude") is None or r.get("longitude") is None:
            continue
        props = {k: v for k, v in r.items() if k not in {"evidence"}}
        feats.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
                      "properties": props})
    return {"type": "FeatureCollection", "features": feats}


def to_jsonl(records: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
