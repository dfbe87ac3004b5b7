"""Page structure (rasd.segment): stories, the menu, sentence breaks; and what extraction makes of it."""

import re
import time

from conftest import cpu_seconds
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd import extract
from rasd.segment import _STAMP, apply_breaks, segment
from rasd.types import Span

LIVE_PAGE = (
    "https://news.example.org/p/A1 إعلان تخطي إلى الجزء التالي ملف الحرب أسعار الوقود ترتفع مجددا "
    "غارة إسرائيلية على مدينة صور قمة اقتصادية في الدوحة تخطي إلى الجزء التالي أسعار الوقود ترتفع مجددا "
    "2025/3/14 ١٤ مارس ٢٠٢٥ أسعار الوقود ترتفع مجددا رفعت الحكومة أسعار البنزين بنسبة عشرة في المئة "
    "اعتبارا من صباح اليوم. وقال وزير الطاقة إن القرار مؤقت. "
    "https://news.example.org/p/B2 تخطي إلى الجزء التالي غارات على بلدات الجنوب 2025/3/14 ١٤ مارس ٢٠٢٥ "
    "غارات على بلدات الجنوب قتل ثلاثة أشخاص اليوم الجمعة جراء غارة إسرائيلية على بلدة عيتا الشعب في جنوب "
    "لبنان، وفق وزارة الصحة اللبنانية. واستهدفت غارة أخرى بلدة الخيام من دون أن تسفر عن إصابات.")


def test_live_page_has_a_menu_and_two_stories():
    seg = segment(LIVE_PAGE)
    menus = [s for s in seg.stories if s.menu]
    stories = [s for s in seg.stories if not s.menu]
    assert len(menus) == 1 and "قمة اقتصادية" in LIVE_PAGE[menus[0].start:menus[0].end]
    assert len(stories) == 2
    assert "الخيام" in LIVE_PAGE[stories[1].start:stories[1].end]


def test_repeated_headline_becomes_its_own_sentence():
    seg = segment(LIVE_PAGE)
    spans = apply_breaks([Span(0, len(LIVE_PAGE))], seg.breaks, LIVE_PAGE)
    texts = [LIVE_PAGE[s.start:s.end] for s in spans]
    assert "غارات على بلدات الجنوب" in texts
    assert any(t.startswith("قتل ثلاثة أشخاص") for t in texts)


def test_menu_titles_are_never_events_and_stories_stay_apart():
    recs = extract([{"id": "live", "text": LIVE_PAGE, "published": "2025-03-14"}])
    places = sorted(r["location"] for r in recs)
    # the menu's "غارات على بلدات الجنوب" is no event; the two towns of the round-up are two events
    assert len(recs) == 2, [(r["location"], r["evidence"][0]["text"][:40]) for r in recs]
    assert all(r["admin1_code"] in {"LB-JA", "LB-NA"} for r in recs), places
    tolls = {r["fatalities"] for r in recs}
    assert tolls == {3, 0}


def test_header_line_ends_the_headline():
    text = ("تفجير سيارة مفخخة في سوق شعبي Published 3 مايو/ أيار 2024، 10:15 GMT آخر تحديث 3 مايو/ أيار 2024، "
            "11:00 GMT مدة القراءة: 3 دقائق انفجرت سيارة مفخخة صباح اليوم في سوق شعبي بمدينة منبج.")
    seg = segment(text)
    spans = apply_breaks([Span(0, len(text))], seg.breaks, text)
    texts = [text[s.start:s.end] for s in spans]
    assert texts[0] == "تفجير سيارة مفخخة في سوق شعبي"
    assert texts[-1].startswith("انفجرت سيارة مفخخة")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابت ثجح.:/2019https:/ ٢٠مايو\n")) , max_size=400))
def test_segmentation_is_total_and_ordered(text):
    seg = segment(text)
    assert all(0 < b < len(text) for b in seg.breaks)
    assert seg.breaks == sorted(set(seg.breaks))
    ends = [(s.start, s.end) for s in seg.stories]
    assert all(a < b for a, b in ends) and ends == sorted(ends)
    for s in apply_breaks([Span(0, len(text))], seg.breaks, text):
        assert 0 <= s.start <= s.end <= len(text)


def test_linear_on_long_pages():
    unit = "https://x.example.org/p/1 تخطي إلى الجزء التالي خبر 2025/1/2 ٢ يناير ٢٠٢٥ خبر نص الخبر هنا. "
    small, big = cpu_seconds(segment, unit * 500), cpu_seconds(segment, unit * 2000)
    assert big < max(1.0, small * 12)  # four times the text; quadratic would be sixteen times
    t0 = time.process_time()
    segment("." * 200_000)
    segment("1" * 200_000)
    segment("https://" + "a" * 200_000)
    assert time.process_time() - t0 < 3


def test_photo_captions_are_no_story():
    from rasd.segment import captions

    text = ("هدم خمسة منازل جنوب الخليل\n\nجرافات تهدم منزلا في الخليل في نوفمبر الماضي (Getty)\n\n"
            "هدمت قوات الاحتلال اليوم خمسة منازل في مسافر يطا (وفق مصادر محلية).")
    got = [text[s.start:s.end] for s in captions(text)]
    assert got == ["جرافات تهدم منزلا في الخليل في نوفمبر الماضي (Getty)"]
    recs = extract([{"id": "cap", "text": text, "published": "2023-01-03"}])
    assert all(r["event_date"] != "2022-11-01" for r in recs), [r["event_date"] for r in recs]


_READABLE_STAMP = re.compile(r"(?<![\d/])\d{4}/\d{1,2}/\d{1,2}(?![\d/])|(?<![\d.])\d{1,2}\.\d{1,2}\.\d{4}(?![\d.])")


@given(st.text(alphabet="0123456789١٢/. a", max_size=40))
def test_date_stamp_pattern_finds_what_the_readable_one_finds(text):
    # the stamp pattern starts with a digit so that the scan skips to digits; it must match the same spans
    assert [m.span() for m in _STAMP.finditer(text)] == [m.span() for m in _READABLE_STAMP.finditer(text)]


_TWO_STORIES = """الرئيسية | أخبار | سياسة | اقتصاد | رياضة | فيديو
بيروت - الأحد 12 أيار 2024
غارة إسرائيلية على بلدة عيتا الشعب تقتل مواطنين
استشهد مواطنان، صباح اليوم الأحد، جراء غارة شنتها مسيرة إسرائيلية على منزل في بلدة عيتا الشعب جنوبي لبنان، بحسب الوكالة الوطنية للإعلام.
اقرأ أيضا: مقتل خمسة في انفجار عبوة ناسفة بمدينة درعا
اقرأ أيضا: الجيش السوداني يستعيد السيطرة على مدينة ود مدني
دمشق - السبت 11 أيار 2024
اشتباكات بين الجيش وخلايا داعش في بادية حمص
قتل ثلاثة جنود من الجيش السوري أمس الجمعة في اشتباكات مع خلايا تنظيم داعش في بادية السخنة شرقي حمص، بحسب مصدر عسكري.
شارك على: فيسبوك | تويتر | واتساب"""


def test_datelines_start_the_stories_of_a_page():
    from rasd.segment import datelines

    starts = datelines(_TWO_STORIES)
    assert [_TWO_STORIES[i:i + 4] for i in starts] == ["بيرو", "دمشق"]
    assert datelines("قال إن الوضع - كما في 12 أيار 2024 - هادئ") == []  # not a line of its own


def test_each_story_reads_its_relative_dates_from_its_own_dateline():
    from rasd import extract

    out = extract([{"id": "p", "text": _TWO_STORIES, "published": "2024-05-12"}])
    got = sorted((e["location"], e["event_date"], e["fatalities"]) for e in out)
    # "أمس الجمعة" of the second story is the day before its dateline (Saturday 11 May): Friday 10 May;
    # the teasers after "اقرأ أيضا" are no events, the next story's dateline ends them
    assert got == [("Aita al-Shaab", "2024-05-12", 2), ("As Sukhnah", "2024-05-10", 3)]
