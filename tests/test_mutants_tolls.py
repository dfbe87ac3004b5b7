"""Tolls read word by word (rasd/events/tolls.py), written to kill the mutants that survived the older tests
(docs/mutation.md). Each case asserts the whole reading: the count with its bounds, whether the toll was
mentioned at all and the victims' group. Sentences written for these tests."""

from __future__ import annotations

import pytest
from conftest import doc_of

from rasd.events.frames import _frames, recognize
from rasd.events.tolls import _tolls
from rasd.resources import resources

Reading = tuple[tuple[int, int, int, bool] | None, bool, str | None]


def _read(text: str, kind: str) -> Reading:
    doc = doc_of(text)
    res = resources()
    cnt, mentioned, group = _tolls(doc, res, _frames(doc, recognize(doc, res)), kind)
    return ((cnt.value, cnt.low, cnt.high, cnt.vague) if cnt else None), mentioned, group


def _n(n: int) -> tuple[int, int, int, bool]:
    return n, n, n, False


NONE_KILLED = ((0, 0, 0, False), False, None)
HIT = "قصفت طائرة مسيرة سيارة في مدينة جاسم ما أدى إلى "

DEATHS = [
    # a negation before the death word: none killed, and the toll counts as not mentioned
    ("سقطت قذيفة هاون على حي المشارقة في مدينة حلب بدون قتلى.", NONE_KILLED),
    ("سقطت قذيفة هاون على حي المشارقة في مدينة حلب دونما قتلى.", NONE_KILLED),
    ("سقطت قذيفة هاون على حي المشارقة في مدينة حلب لم تسفر عن قتلى.", NONE_KILLED),
    ("قال مصدر في الدفاع المدني إنه لا قتلى في القصف على حي المشارقة في مدينة حلب.", NONE_KILLED),
    ("أكد مصدر عدم وقوع قتلى في قصف على حي المشارقة في مدينة حلب.", NONE_KILLED),
    # with و or ف before the negation (a bug the surviving mutants of this list led to)
    ("سقطت قذيفة هاون على حي المشارقة في مدينة حلب ولم يسفر ذلك عن قتلى.", NONE_KILLED),
    ("سقطت قذيفة هاون على حي المشارقة في مدينة حلب فلم تسفر عن قتلى.", NONE_KILLED),
    # a pronoun on the death word: one victim, of no known group
    ("أطلق مسلحون النار على شاب في مدينة جاسم ما أدى إلى مقتله.", (_n(1), True, None)),
    ("أطلق مسلحون النار على امرأة في مدينة جاسم ما أدى إلى مقتلها.", (_n(1), True, None)),
    ("انقلبت سيارة عسكرية في مدينة جاسم ما أدى إلى مصرعه.", (_n(1), True, None)),
    ("أطلق مسلحون النار على شاب في مدينة جاسم ما أدى إلى استشهاده.", (_n(1), True, None)),
    # a toll noun with its own number, or a count before a plural toll noun
    ("قصفت طائرة مسيرة سيارة في مدينة جاسم ما أسفر عن قتيلين.", (_n(2), True, "any")),
    ("قصفت طائرة مسيرة سيارة في مدينة جاسم وسقط فيها ثلاثة قتلى.", (_n(3), True, "any")),
    (HIT + "سقوط 3 قتلى.", (_n(3), True, "any")),
    # the count after the death word, a plural noun and its number, a noun with its own number
    (HIT + "مقتل مدنيين ثلاثة.", (_n(3), True, "civilian")),
    (HIT + "مقتل مدنيين اثنين.", (_n(2), True, "civilian")),
    (HIT + "مقتل طفلين.", (_n(2), True, "civilian")),
    (HIT + "مقتل طفل.", (_n(1), True, "civilian")),
    (HIT + "مقتل جندي واحد.", (_n(1), True, "fighter")),
    (HIT + "مقتل امرأة وطفلها.", (_n(2), True, "civilian")),
    # a second group of victims joined by و adds up; the injured after و do not
    (HIT + "مقتل ثلاثة جنود وطفلين.", (_n(5), True, "fighter")),
    (HIT + "مقتل 3 جنود وثلاثة من المدنيين.", (_n(6), True, "fighter")),
    (HIT + "مقتل جنديين وأحد أبناء البلدة.", (_n(3), True, "fighter")),
    (HIT + "مقتل مقاتلين اثنين من الفصيل ومدني.", (_n(3), True, "fighter")),
    (HIT + "مقتل القيادي في الفصيل وثلاثة من مرافقيه.", (_n(4), True, "fighter")),
    (HIT + "مقتل ثلاثة جنود وجرح اثنين.", (_n(3), True, "fighter")),
    ("قتل جندي في هجوم على حاجز في بلدة تلمنس بريف إدلب، ومقتل أربعة من المهاجمين.", (_n(5), True, "fighter")),
    # vague counts keep their bounds
    (HIT + "مقتل نحو عشرة مدنيين.", ((10, 9, 11, True), True, "civilian")),
    (HIT + "مقتل عشرات المدنيين.", ((10, 10, 99, True), True, "civilian")),
    # dead and injured counted together: no death toll, but one was mentioned
    (HIT + "مقتل وجرح العشرات.", (None, True, None)),
    ("قصفت طائرة مسيرة سيارة في مدينة جاسم وأسفر القصف عن قتلى.", (None, True, None)),
    # a killing verb: its subject may stand between the verb and the victim
    ("قتل قناص متمركز على سطح بناء في مدينة جاسم طفلة.", (_n(1), True, "civilian")),
    ("قتلت قوات النظام المتمركزة في مدينة جاسم 4 مدنيين.", (_n(4), True, "civilian")),
    ("قصفت طائرة مسيرة سيارة في مدينة جاسم فقتلت خمسة من عناصر الفصيل.", (_n(5), True, "fighter")),
    # the count and the noun before the word
    ("ثلاثة مدنيين قتلوا في قصف على مدينة جاسم.", (_n(3), True, "civilian")),
    ("قالت الشرطة إن 3 من عناصرها قتلوا في هجوم على مدينة جاسم.", (_n(3), True, None)),
    ("قالت الشرطة إن طفلة قتلت في هجوم على مدينة جاسم.", (_n(1), True, "civilian")),
    ("قالت الشرطة إن مدنيا قتل في هجوم على مدينة جاسم.", (_n(1), True, "civilian")),
    ("قتل طالبا جامعيا في هجوم على مدينة جاسم.", (_n(1), True, "civilian")),
    # no toll at all
    ("قصفت طائرة مسيرة سيارة في مدينة جاسم صباح اليوم.", (None, False, None)),
]


@pytest.mark.parametrize(("text", "want"), DEATHS)
def test_death_toll_read_in_full(text: str, want: Reading) -> None:
    assert _read(text, "death") == want


INJURIES = [
    ("أطلق مسلحون النار على امرأة في مدينة جاسم ما أدى إلى إصابتها.", (_n(1), True, None)),
    (HIT + "مقتل ثلاثة جنود وجرح اثنين.", (_n(2), True, None)),
    ("أصيب خمسة مدنيين بجروح في قصف على بلدة تلمنس بريف إدلب، وأصيب اثنان آخران في قصف على البلدة نفسها.",
     (_n(7), True, "civilian")),
    (HIT + "مقتل ثلاثة جنود.", (None, False, None)),
]


@pytest.mark.parametrize(("text", "want"), INJURIES)
def test_injury_toll_read_in_full(text: str, want: Reading) -> None:
    assert _read(text, "injury") == want


def test_sources_that_disagree_give_the_smaller_figure_even_when_the_lead_gives_the_larger() -> None:
    text = ("قتل سبعة مدنيين في قصف على بلدة تلمنس بريف إدلب اليوم، بحسب المرصد السوري لحقوق الإنسان.\n\n"
            "وقالت وكالة سانا إن أربعة مدنيين قتلوا في قصف تلمنس.")
    assert _read(text, "death") == (_n(4), True, "civilian")


@pytest.mark.parametrize(("update", "n"), [
    ("وارتفع عدد القتلى إلى ستة.", 6),
    ("وأعلن الدفاع المدني ارتفاع حصيلة القتلى إلى سبعة.", 7),
    ("وارتفعت حصيلة القصف لاحقا مع مقتل خمسة مدنيين.", 5),  # no إلى: the update's own figure
])
def test_a_toll_update_replaces_the_lead_figure(update: str, n: int) -> None:
    text = "قتل ثلاثة مدنيين في قصف على بلدة تلمنس بريف إدلب اليوم.\n\n" + update
    assert _read(text, "death") == (_n(n), True, None)


def test_a_later_figure_without_a_word_of_rising_is_no_update() -> None:
    # "بلغ عدد القتلى": a figure of another shelling, not an update; the lead figure (3) stands
    text = ("قتل ثلاثة مدنيين في قصف على بلدة تلمنس بريف إدلب اليوم.\n\n"
            "وبلغ عدد القتلى في قصف آخر على البلدة نفسها خمسة مدنيين.")
    assert _read(text, "death") == (_n(3), True, "civilian")


def test_an_update_figure_after_ila_wins_over_the_sentence_figures() -> None:
    text = ("قتل ثلاثة مدنيين في قصف على بلدة تلمنس بريف إدلب اليوم.\n\n"
            "وارتفعت حصيلة القصف إلى تسعة قتلى بينهم طفلان.")
    assert _read(text, "death") == (_n(9), True, None)
