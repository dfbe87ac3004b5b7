"""No document stops a batch: the inputs that once raised or ran without bound, each kept as a test."""

from __future__ import annotations

import json
import time

import pytest

from rasd import extract
from rasd.clean import _image_spans, clean_text, looks_like_mojibake
from rasd.io import RawDoc, read_input, short_reason
from rasd.pipeline import run_one, truncate

# sentences written for these tests
BASE = "قتل خمسة مدنيين في قصف مدفعي استهدف قرية قرب مدينة إدلب صباح اليوم، بحسب مصادر محلية."
PUB = "2024-02-10"


def one(text: str = BASE, **kw: object) -> RawDoc:
    return RawDoc("t1", {"id": "t1", "text": text, "published": PUB, **kw}, "test.jsonl:1")


@pytest.mark.parametrize("odd", ["⑤", "²", "③", "²⑤③", "¹²³⁴"])
def test_digit_like_signs_that_int_rejects_are_no_numbers(odd):
    out = run_one(one(f"قتل {odd} أشخاص في غارة جوية على بلدة قرب إدلب، وأصيب {odd} آخرون عام {odd}."))
    assert out.problem is None


def test_arabic_indic_digits_still_count():
    from rasd.recognize.numbers import word_value

    assert word_value("٥") == 5 and word_value("⑤") is None and word_value("²") is None


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01"])
def test_a_publication_date_outside_the_years_read_is_refused_with_a_reason(day):
    out = run_one(one(published=day))
    assert out.records == [] and out.trace is None
    assert "outside the years 1900-2100" in out.problem and day in out.problem


@pytest.mark.parametrize("day", ["1900-01-01", "2100-12-31"])
def test_the_edge_years_are_read(day):
    out = run_one(one(published=day))
    assert out.problem is None and out.records
    for r in out.records:
        rec = r.to_json()
        assert rec["event_date"] is None or rec["event_date"] <= day


def test_lone_surrogates_never_reach_the_output():
    recs = extract([{"id": "s\udc00", "text": BASE.replace("مدنيين", "مدنيين\ud800"), "published": PUB,
                     "source": "وكالة\udc01"}])
    assert recs
    json.dumps(recs, ensure_ascii=False).encode("utf-8")  # raises on a lone surrogate
    assert recs[0]["source"] == "وكالة\ufffd"


def test_a_bug_in_extraction_is_one_skipped_document_naming_the_stage(monkeypatch):
    import rasd.events

    def broken(doc):  # noqa: ANN001, ANN202
        raise IndexError("list index out of range")

    monkeypatch.setattr(rasd.events, "extract_events", broken)
    out = run_one(one())
    assert out.problem == "internal error in extraction: IndexError: list index out of range"
    assert "Traceback" in out.trace and "IndexError" in out.trace
    assert out.describe() == ("document 't1' (test.jsonl:1): internal error in extraction: IndexError: "
                              "list index out of range")
    assert short_reason(out.problem) == "internal error in extraction"


def test_a_runaway_document_is_stopped_by_the_time_limit(monkeypatch):
    import rasd.events

    def slow(doc):  # noqa: ANN001, ANN202
        while True:
            time.sleep(0.01)

    monkeypatch.setattr(rasd.events, "extract_events", slow)
    monkeypatch.setenv("RASD_DOC_SECONDS", "0.3")
    t0 = time.monotonic()
    out = run_one(one())
    assert time.monotonic() - t0 < 5
    assert out.problem.startswith("took longer than 0.3 s in extraction")


def test_text_over_the_budget_is_cut_at_a_sentence_end_with_a_warning(monkeypatch):
    monkeypatch.setenv("RASD_MAX_CHARS", "1000")
    out = run_one(one(" ".join([BASE] * 40)))
    assert out.problem is None and out.document is not None
    assert len(out.document.text) <= 1000 and out.document.text.endswith(".")
    assert any("cut to" in w and "1,000" in w for w in out.warnings)


def test_a_candidates_towns_are_read_once_per_sentence():
    # 5,000 bullet sentences at one town merge into one candidate: reading all its towns again for
    # every new sentence made the merge quadratic (800 KB took 40 s). The towns are kept as read.
    from collections import Counter

    from rasd.events.base import Cand, Frame
    from rasd.events.merge import _towns
    from rasd.types import Place

    town = Place(id="t1", name="T", country="Syria", iso="SY", admin1=None, admin1_code="SY-ID", admin2=None,
                 lat=35.9, lon=36.6, kind="place", population=1000)

    def frame(i: int) -> Frame:
        f = Frame(i, i * 10, i * 10 + 9, i * 10, i * 10 + 9)
        f.own_place = town
        return f

    c = Cand([frame(0), frame(1)], Counter())
    assert [p.id for p in _towns(c)] == ["t1"] and c.towns_seen[0] == 2
    c.frames.extend(frame(i) for i in range(2, 5000))
    assert [p.id for p in _towns(c)] == ["t1"] and c.towns_seen[0] == 5000
    assert len(c.towns_seen[1]) == 1


def test_a_page_many_times_the_budget_is_cut_before_cleaning(monkeypatch):
    # fuzz seed 61 (fz001064): a 100 MB page took 41 s, all of it cleaning text that was then cut
    monkeypatch.setenv("RASD_MAX_CHARS", "1000")
    page = "\n".join([BASE] * 20_000)
    t0 = time.monotonic()
    out = run_one(one(page))
    assert time.monotonic() - t0 < 5
    assert out.problem is None and out.document is not None and len(out.document.text) <= 1000
    assert any("before cleaning" in w for w in out.warnings), out.warnings


def test_truncate():
    assert truncate("أ. ب. ج.", 100) == "أ. ب. ج."
    assert truncate("جملة أولى. جملة ثانية. جملة ثالثة", 25) == "جملة أولى. جملة ثانية."
    assert truncate("كلمة " * 10, 12) == "كلمة كلمة"
    assert len(truncate("ب" * 50, 10)) == 10


@pytest.mark.parametrize("token", ["." * 200_000, "1" * 200_000, "a.jpg" * 40_000, "x" * 200_000 + ".png"])
def test_cleaning_is_linear_on_long_runs_without_spaces(token):
    t0 = time.monotonic()
    clean_text("كلمة " + token + " نهاية")
    assert time.monotonic() - t0 < 5  # the backtracking pattern took minutes


@pytest.mark.parametrize("s, spans", [
    ("صورة.jpg", [(0, 8)]), ("a .png b", []), ("x.jpg,y.PNG z.gif", [(0, 11), (12, 17)]),
    (".jpg.jpg", [(0, 8)]), ("a.jpgs", []), ("ب.jpeg.", [(0, 6)]),
])
def test_image_names(s, spans):
    assert _image_spans(s) == spans


@pytest.mark.parametrize("codec, name", [("utf-8", None), ("utf-8-sig", None), ("utf-16", "utf-16"),
                                         ("cp1256", "windows-1256"), ("iso8859_6", "iso-8859-6")])
def test_encodings_of_files_and_pages(tmp_path, codec, name):
    line = json.dumps({"id": "e1", "text": BASE, "published": PUB}, ensure_ascii=False) + "\n"
    (tmp_path / "in.jsonl").write_bytes((line * 2).replace('"e1"', '"e2"', 1).encode(codec))
    docs = list(read_input(tmp_path / "in.jsonl"))
    assert [d.fields["text"] for d in docs] == [BASE, BASE] and {d.encoding for d in docs} == {name}
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "a.txt").write_bytes(BASE.encode(codec))
    (folder / "b.html").write_bytes(f'<html><head><meta charset="{codec}"></head><body><p>{BASE}</p></body>'
                                    "</html>".encode(codec))
    got = {d.id: d for d in read_input(folder)}
    assert got["a"].fields["text"] == BASE and BASE in got["b"].fields["html"]
    assert got["a"].encoding == name and got["b"].encoding == name
    out = run_one(got["a"])
    assert out.problem is None and out.records
    assert (f"read as {name} text" in out.warnings) if name else not out.warnings


@pytest.mark.parametrize("wrong", ["cp1256", "latin-1", "cp1252"])
def test_mojibake_is_refused_not_stored(wrong):
    garbled = (BASE + " ") .encode("utf-8").decode(wrong, errors="replace") * 2
    assert looks_like_mojibake(garbled) and not looks_like_mojibake(BASE * 3)
    out = run_one(one(garbled))
    assert out.problem is not None and out.problem.startswith("mojibake")


def test_utf32_and_binary_are_not_text(tmp_path):
    for i, body in enumerate([b"\xff\xfe\x00\x00garbage", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50]):
        p = tmp_path / f"b{i}.jsonl"
        p.write_bytes(body)
        items = list(read_input(p))
        assert len(items) == 1 and "binary data" in str(items[0])


def test_an_article_scraped_onto_one_line_with_a_copyright_notice_is_kept():
    line = " ".join([BASE] * 12) + " جميع الحقوق محفوظة لموقع الأخبار 2024"
    kept = clean_text(line)
    assert kept.startswith(BASE) and "الحقوق" not in kept
    assert clean_text("جميع الحقوق محفوظة لموقع الأخبار 2024\n" + BASE) == BASE  # a short line still goes


def test_a_sentence_crowded_with_actors_costs_no_more_than_its_length():
    crowd = " و".join(["الجيش السوري", "قوات سوريا الديمقراطية", "تنظيم داعش", "الشرطة"] * 400)
    t0 = time.monotonic()
    out = run_one(one(f"قتل خمسة عناصر من {crowd} في اشتباكات قرب مدينة إدلب."))
    assert out.problem is None and time.monotonic() - t0 < 20  # tens of seconds when the gaps were tokenized


def test_a_short_fuzz_run_finds_nothing():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import fuzz

    assert fuzz.main(["--docs", "40", "--seed", "3", "--max-seconds", "20"]) == 0


def test_a_one_line_page_with_many_dates_costs_no_more_than_its_length():
    text = "في 3 آذار قال مصدر " * 4000 + "قتل خمسة مدنيين في قصف على بلدة قرب إدلب."
    t0 = time.monotonic()
    out = run_one(one(text))
    assert out.problem is None and time.monotonic() - t0 < 6  # 15 s when each date read the rest of the line
