"""A day of this or last month: "في السادس عشر من الشهر الجاري", "في 5 من الشهر الماضي"."""

from datetime import date

import pytest

from rasd.normalize import normalize
from rasd.recognize import dates


@pytest.mark.parametrize("text,pub,want", [
    ("في السادس عشر من الشهر الجاري", date(2022, 6, 29), date(2022, 6, 16)),
    ("في الثالث من الشهر الماضي", date(2022, 6, 29), date(2022, 5, 3)),
    ("في 5 من الشهر الماضي", date(2023, 1, 10), date(2022, 12, 5)),
    ("في الحادي والعشرين من الشهر الحالي", date(2024, 3, 22), date(2024, 3, 21)),
])
def test_day_of_relative_month(text, pub, want):
    exs = dates.find(normalize(text))
    assert len(exs) == 1
    w = dates.resolve(exs[0], pub, pub.year)
    assert w is not None and w.start == w.end == want and w.precision == 1


def test_day_after_publication_or_past_month_end_is_unresolved():
    for text, pub in (("يوم 30 من الشهر الجاري", date(2022, 6, 29)), ("في 31 من الشهر الماضي", date(2022, 7, 5))):
        exs = dates.find(normalize(text))
        assert exs and dates.resolve(exs[0], pub, pub.year) is None
