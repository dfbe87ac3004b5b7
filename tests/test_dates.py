from datetime import date

import pytest

from rasd.normalize import normalize
from rasd.recognize.dates import find, read_dateline, resolve

PUB = date(2022, 12, 2)  # a Friday


def window(text, pub=PUB, ctx_year=None):
    n = normalize(text)
    found = find(n)
    assert found, f"no date found in {text!r}"
    w = resolve(found[0], pub, ctx_year)
    return (w.start.isoformat(), w.end.isoformat(), w.precision) if w else None


@pytest.mark.parametrize("text,expected", [
    ("في 14- 15 تشرين الأول/ أكتوبر الماضي", ("2022-10-14", "2022-10-15", 2)),
    ("في شهر تشرين الأول الماضي", ("2022-10-01", "2022-10-31", 3)),
    ("منتصف شهر تشرين الأول/ أكتوبر", ("2022-10-11", "2022-10-20", 2)),
    ("مطلع تموز/يوليو2018", ("2018-07-01", "2018-07-10", 2)),
    ("أواخر عام 2021", ("2021-10-01", "2021-12-31", 3)),
    ("مطلع العام الجاري", ("2022-01-01", "2022-03-31", 3)),
    ("في 1 ديسمبر/ كانون الأول الجاري", ("2022-12-01", "2022-12-01", 1)),
    ("في 20 من كانون الثاني الماضي", ("2022-01-20", "2022-01-20", 1)),
    ("يوم ١٤ آذار ٢٠٢٣", ("2023-03-14", "2023-03-14", 1)),
    ("في الخامس عشر من آذار 2023", ("2023-03-15", "2023-03-15", 1)),
    ("الحادي والعشرين من أيلول 2021", ("2021-09-21", "2021-09-21", 1)),
    ("الثلاثاء 11 جوان 2024", ("2024-06-11", "2024-06-11", 1)),
    ("في 5 أوت 2021", ("2021-08-05", "2021-08-05", 1)),
    ("في 15 رمضان 1443 هـ", ("2022-04-16", "2022-04-16", 1)),
    ("عام 2019", ("2019-01-01", "2019-12-31", 3)),
    ("أمس", ("2022-12-01", "2022-12-01", 1)),
    ("أول أمس", ("2022-11-30", "2022-11-30", 1)),
    ("فجر اليوم", ("2022-12-02", "2022-12-02", 1)),
    ("مساء أمس الخميس", ("2022-12-01", "2022-12-01", 1)),
    ("مساء الثلاثاء", ("2022-11-29", "2022-11-29", 1)),
    ("الجمعة الماضي", ("2022-11-25", "2022-11-25", 1)),  # on a Friday: seven days before
    ("قبل يومين", ("2022-11-30", "2022-11-30", 1)),
    ("قبل ثلاثة أيام", ("2022-11-29", "2022-11-29", 1)),
    ("هذا الأسبوع", ("2022-11-26", "2022-12-02", 2)),  # weeks start on Saturday
    ("الأسبوع الماضي", ("2022-11-19", "2022-11-25", 2)),
    ("الشهر الماضي", ("2022-11-01", "2022-11-30", 3)),
    ("مطلع الشهر الجاري", ("2022-12-01", "2022-12-02", 2)),  # clipped at publication
    ("منتصف الشهر الجاري", None),  # wholly after publication
])
def test_windows(text, expected):
    assert window(text) == expected


def test_no_window_ends_after_publication():
    lo, hi, _ = window("الشهر الجاري")
    assert hi == "2022-12-02"


def test_relative_dates_need_a_publication_date():
    assert window("أمس", pub=None) is None
    assert window("في شهر تشرين الأول", pub=None, ctx_year=2022) == ("2022-10-01", "2022-10-31", 3)


def test_not_today():
    assert find(normalize("قتل في ذلك اليوم")) == []
    assert find(normalize("وفي اليوم التالي")) == []


@pytest.mark.parametrize("head,expected", [
    ("icon\nالتغطية الحية\n2022.02.10 | 10:00 دمشق", date(2022, 2, 10)),
    ("الأربعاء 3 تموز 2024", date(2024, 7, 3)),
    ("أخبار العالم تاريخ النشر: 26.05.2026 | 18:12 GMT", date(2026, 5, 26)),
    ("عين دجلة | صلاح الدين – الإثنين 7 حزيران 2021", date(2021, 6, 7)),
])
def test_datelines(head, expected):
    assert read_dateline("\n".join(normalize(x) for x in head.split("\n"))) == expected


def test_short_month_names_take_no_clitic():
    # "باب" (a gate) is not ب + آب (August); "في 5 آب" is
    assert find(normalize("عند معبر باب الهوى")) == []
    assert window("في 5 آب 2021") == ("2021-08-05", "2021-08-05", 1)


@pytest.mark.parametrize("text,months", [
    # a month name alone is a word unless a year, "الماضي"/"الجاري" or a preposition of time goes with it
    ('تمكنت القوات من تطهير مناطق "أب دقلة، وأدي واشمبو"', []),
    ("مارس الجيش ضغوطا على السكان", []),
    ("وصلت سيارة نيسان بيضاء", []),
    ("قتل في آب الماضي", [8]),
    ("في شهر آب", [8]),
    ("خلال أيار", [5]),
    ("تموز 2023", [7]),
    ("بين آذار", [3]),
])
def test_a_month_name_alone_needs_a_year_or_a_word_of_time(text, months):
    assert [e.month for e in find(normalize(text)) if e.kind == "month"] == months
