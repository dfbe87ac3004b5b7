"""Date expressions found and resolved (rasd/recognize/dates.py), written to kill the mutants that survived
the older tests (docs/mutation.md): each case asserts the kind, the words taken and the window. Expressions
written for these tests; publication on Sunday 14 May 2023 unless said otherwise."""

from __future__ import annotations

from datetime import date

import pytest

from rasd.normalize import normalize
from rasd.recognize.dates import find, read_dateline, resolve

PUB = date(2023, 5, 14)  # a Sunday

Found = list[tuple[str, str, tuple[str, str, int] | None]]


def _read(text: str, pub: date | None = PUB, ctx_year: int | None = None) -> Found:
    n = normalize(text)
    out: Found = []
    for e in find(n):
        w = resolve(e, pub, ctx_year)
        out.append((e.kind, n[e.start:e.end], (w.start.isoformat(), w.end.isoformat(), w.precision) if w else None))
    return out


def _one(kind: str, words: str, lo: str, hi: str, prec: int) -> Found:
    return [(kind, normalize(words), (lo, hi, prec))]


CASES = [
    # a day and a month, with a year, a paired month name, a range of days
    ("قتل في 3 أيار 2021 جندي", _one("md", "3 أيار 2021", "2021-05-03", "2021-05-03", 1)),
    ("في العاشر من تشرين الأول/ أكتوبر 2022", _one("md", "العاشر من تشرين الأول/ أكتوبر 2022", "2022-10-10",
                                                  "2022-10-10", 1)),
    ("في الخامس عشر من أيار 2020", _one("md", "الخامس عشر من أيار 2020", "2020-05-15", "2020-05-15", 1)),
    ("في 10-12 آذار", _one("md", "10-12 آذار", "2023-03-10", "2023-03-12", 2)),
    ("في 10 و11 آذار", _one("md", "10 و11 آذار", "2023-03-10", "2023-03-11", 2)),
    # without a year: this year's, unless that is after publication; the publication day itself is this year's
    ("في 20 أيار", _one("md", "20 أيار", "2022-05-20", "2022-05-20", 1)),
    ("في 14 أيار", _one("md", "14 أيار", "2023-05-14", "2023-05-14", 1)),
    ("في 20 أيار 2023", _one("md", "20 أيار 2023", "2023-05-20", "2023-05-20", 1)),  # a stated year is kept
    ("في 31 نيسان", [("md", normalize("31 نيسان"), None)]),  # no such day
    # a day of this or last month
    ("في السادس من الشهر الجاري", _one("day_of", "السادس من الشهر الجاري", "2023-05-06", "2023-05-06", 1)),
    ("في السادس والعشرين من الشهر الماضي", _one("day_of", "السادس والعشرين من الشهر الماضي", "2023-04-26",
                                                 "2023-04-26", 1)),
    # parts of months and years
    ("مطلع أيار", _one("mpart", "مطلع أيار", "2023-05-01", "2023-05-10", 2)),
    ("منتصف أيار", _one("mpart", "منتصف أيار", "2023-05-11", "2023-05-14", 2)),  # cut at publication
    ("أواخر أيار", [("mpart", normalize("أواخر أيار"), None)]),  # wholly after publication
    ("أواخر حزيران الماضي", _one("mpart", "أواخر حزيران الماضي", "2022-06-21", "2022-06-30", 2)),
    ("منتصف آب 2021", _one("mpart", "منتصف آب 2021", "2021-08-11", "2021-08-20", 2)),
    ("مطلع تشرين الثاني 2020", _one("mpart", "مطلع تشرين الثاني 2020", "2020-11-01", "2020-11-10", 2)),
    ("منتصف الشهر الماضي", _one("ppart", "منتصف الشهر الماضي", "2023-04-11", "2023-04-20", 2)),
    ("أواخر العام الماضي", _one("ppart", "أواخر العام الماضي", "2022-10-01", "2022-12-31", 3)),
    ("مطلع العام", _one("ppart", "مطلع العام", "2023-01-01", "2023-03-31", 3)),
    ("منتصف عام 2020", _one("ypart", "منتصف عام 2020", "2020-04-01", "2020-09-30", 3)),
    ("مطلع الأسبوع الماضي", _one("ppart", "مطلع الأسبوع الماضي", "2023-05-06", "2023-05-12", 2)),
    # periods: weeks start on Saturday
    ("الأسبوع الماضي", _one("period", "الأسبوع الماضي", "2023-05-06", "2023-05-12", 2)),
    ("الأسبوع الجاري", _one("period", "الأسبوع الجاري", "2023-05-13", "2023-05-14", 2)),
    ("الشهر الجاري", _one("period", "الشهر الجاري", "2023-05-01", "2023-05-14", 3)),
    ("العام الجاري", _one("period", "العام الجاري", "2023-01-01", "2023-05-14", 3)),
    ("العام الماضي", _one("period", "العام الماضي", "2022-01-01", "2022-12-31", 3)),
    # weekdays: the last one on or before publication; الماضي never the publication day
    ("يوم الخميس الماضي", _one("weekday", "يوم الخميس الماضي", "2023-05-11", "2023-05-11", 1)),
    ("الجمعة الماضية", _one("weekday", "الجمعة الماضية", "2023-05-12", "2023-05-12", 1)),
    ("يوم الأحد", _one("weekday", "يوم الأحد", "2023-05-14", "2023-05-14", 1)),
    ("ليلة السبت", _one("weekday", "ليلة السبت", "2023-05-13", "2023-05-13", 1)),
    ("صباح يوم الجمعة", _one("weekday", "صباح يوم الجمعة", "2023-05-12", "2023-05-12", 1)),
    ("اليوم الثلاثاء 9 أيار", _one("md", "اليوم الثلاثاء 9 أيار", "2023-05-09", "2023-05-09", 1)),
    # days counted from publication
    ("فجر اليوم", _one("rel_day", "فجر اليوم", "2023-05-14", "2023-05-14", 1)),
    ("مساء أمس", _one("rel_day", "مساء أمس", "2023-05-13", "2023-05-13", 1)),
    ("أول أمس", _one("rel_day", "أول أمس", "2023-05-12", "2023-05-12", 1)),
    ("قبل ثلاثة أيام", _one("ago", "قبل ثلاثة أيام", "2023-05-11", "2023-05-11", 1)),
    ("قبل 4 أيام", _one("ago", "قبل 4 أيام", "2023-05-10", "2023-05-10", 1)),
    ("قبل عشرة أيام", _one("ago", "قبل عشرة أيام", "2023-05-04", "2023-05-04", 1)),
    ("قبل يومين", _one("ago", "قبل يومين", "2023-05-12", "2023-05-12", 1)),
    ("قبل أيام", _one("ago", "قبل أيام", "2023-05-13", "2023-05-14", 2)),
    ("قبل أسبوعين", _one("ago", "قبل أسبوعين", "2023-04-29", "2023-05-03", 2)),
    ("قبل ثلاثة أسابيع", _one("ago", "قبل ثلاثة أسابيع", "2023-04-22", "2023-04-26", 2)),
    ("قبل شهر", _one("ago", "قبل شهر", "2023-04-07", "2023-04-29", 2)),
    # months
    ("في أيار الجاري", _one("month", "أيار الجاري", "2023-05-01", "2023-05-14", 3)),
    ("في حزيران الماضي", _one("month", "حزيران الماضي", "2022-06-01", "2022-06-30", 3)),
    ("في أيار المقبل", [("month", normalize("أيار المقبل"), None)]),
    ("عام 2019", _one("year", "عام 2019", "2019-01-01", "2019-12-31", 3)),
    # Hijri and numeric dates
    ("في 5 رمضان 1444", _one("hijri", "5 رمضان 1444", "2023-03-27", "2023-03-27", 1)),
    ("في 2022.02.10", _one("ymd", "2022.02.10", "2022-02-10", "2022-02-10", 1)),
    ("في 26/05/2022", _one("ymd", "26/05/2022", "2022-05-26", "2022-05-26", 1)),
    # not dates, or not the publication day
    ("في 15 شعبان", []),  # a Hijri day without its year
    ("في 30/02/2022", []),
    ("في 2022-13-01", []),
    ("في ذلك اليوم", []),
    ("في اليوم التالي", []),
    ("عند معبر باب الهوى", []),
    ("الشهر المقبل", []),
]


@pytest.mark.parametrize(("text", "want"), CASES)
def test_date_found_and_resolved(text: str, want: Found) -> None:
    assert _read(text) == want


def test_a_month_named_in_its_own_month_as_past_is_last_years() -> None:
    assert _read("في أيار الماضي") == _one("month", "أيار الماضي", "2022-05-01", "2022-05-31", 3)
    assert _read("في نيسان الماضي") == _one("month", "نيسان الماضي", "2023-04-01", "2023-04-30", 3)


def test_next_month_of_december_is_januarys_of_next_year() -> None:
    e = find(normalize("في كانون الثاني المقبل"))[0]
    assert (e.kind, e.month, e.rel) == ("month", 1, "next")
    assert resolve(e, date(2023, 12, 20)) is None  # all of it after publication
    last = find(normalize("في الخامس من الشهر الماضي"))[0]
    w = resolve(last, date(2024, 1, 9))
    assert (w.start, w.end) == (date(2023, 12, 5), date(2023, 12, 5))


def test_without_a_publication_date_only_what_is_stated_resolves() -> None:
    assert _read("في 3 أيار", None, 2020) == _one("md", "3 أيار", "2020-05-03", "2020-05-03", 1)
    assert _read("في 3 أيار", None) == [("md", normalize("3 أيار"), None)]
    assert _read("مساء أمس", None) == [("rel_day", normalize("مساء أمس"), None)]
    assert _read("عام 2019", None) == _one("year", "عام 2019", "2019-01-01", "2019-12-31", 3)


@pytest.mark.parametrize(("head", "want"), [
    ("2022.02.10 | 10:00 دمشق", date(2022, 2, 10)),
    ("الأربعاء 3 تموز 2024", date(2024, 7, 3)),
    ("تاريخ النشر: 26.05.2026", date(2026, 5, 26)),
    ("عنوان الخبر\n\nآخر تحديث: 4 آذار 2021 - 10:45", date(2021, 3, 4)),
    ("وقال المتحدث باسم الشرطة في بيان نشر اليوم إن الهجوم الذي وقع في 3 أيار 2021 قرب البلدة أوقع قتلى", None),
    ("الأربعاء 3 تموز", None),  # no year: not a publication date
])
def test_read_dateline(head: str, want: date | None) -> None:
    assert read_dateline(normalize(head)) == want
