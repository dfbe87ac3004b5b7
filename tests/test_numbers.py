import pytest

from rasd.normalize import normalize
from rasd.recognize.numbers import parse_count
from rasd.recognize.tokens import tokenize


def count(text):
    toks = tokenize(normalize(text))
    r = parse_count(toks, 0)
    return (r[1].value, r[1].low, r[1].high) if r else None


@pytest.mark.parametrize("text,expected", [
    ("30 عنصرا", (30, 30, 30)),
    ("٣ مدنيين", (3, 3, 3)),
    ("ثلاثة عشر", (13, 13, 13)),
    ("أحد عشر شابا", (11, 11, 11)),
    ("اثنا عشر", (12, 12, 12)),
    ("خمسة وعشرين", (25, 25, 25)),
    ("ثمانية عشر مدنيا", (18, 18, 18)),
    ("مئة وخمسون", (150, 150, 150)),
    ("ثلاثة آلاف", (3000, 3000, 3000)),
    ("نحو 30", (30, 27, 33)),
    ("أكثر من عشرة", (10, 11, 20)),
    ("ما لا يقل عن خمسة", (5, 5, 10)),
    ("العشرات", (10, 10, 99)),
    ("المئات", (100, 100, 999)),
])
def test_counts(text, expected):
    assert count(text) == expected


def test_one_of_is_not_a_count():
    assert count("أحد المدنيين") is None
