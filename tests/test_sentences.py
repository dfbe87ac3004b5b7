"""Sentence splitting on scraped text, and what a sentence's clauses say about dates and acts."""

import pytest

from rasd import extract
from rasd.pipeline import split_sentences


@pytest.mark.parametrize("text,expected", [
    # a full stop glued to the next sentence, as scraped pages often have it
    ("وقضت على اثنين آخرين.وقالت الوزارة في بيان", ["وقضت على اثنين آخرين.", "وقالت الوزارة في بيان"]),
    ("كانت تنشط في المحافظة».وأوضحت الوزارة", ["كانت تنشط في المحافظة».", "وأوضحت الوزارة"]),
    # not an abbreviation, a decimal or a web address
    ("قال د.محمد إن الوزن 3.5 كغ", ["قال د.محمد إن الوزن 3.5 كغ"]),
    ("نشر الخبر على موقع p.dw.com أمس", ["نشر الخبر على موقع p.dw.com أمس"]),
])
def test_split_sentences(text, expected):
    assert [text[s.start:s.end] for s in split_sentences(text)] == expected


def test_a_date_after_a_response_cue_dates_the_act_responded_to():
    from conftest import doc_of

    from rasd.events.frames import _frames, recognize
    from rasd.events.place_date import _date_of
    from rasd.resources import resources

    doc = doc_of("تم استهداف منشآت في محيط أربيل ردا على الهجوم الذي وقع في 3 يناير في مدينة كرمان.")
    (f,) = [f for f in _frames(doc, recognize(doc, resources())) if f.triggers]
    trig = f.triggers[0][0]
    assert trig.surface == "استهداف"
    assert _date_of([f], f, trig.start, doc) is None  # 3 January dates the attack responded to
    doc = doc_of("تم استهداف منشآت في محيط أربيل في 3 يناير.")
    (f,) = [f for f in _frames(doc, recognize(doc, resources())) if f.triggers]
    assert _date_of([f], f, f.triggers[0][0].start, doc) is not None


def test_an_attempt_to_detonate_is_no_bombing():
    text = "قتلت قوات الأمن مسلحا في بلدة الضمير أثناء محاولته تفجير حزام ناسف كان يرتديه صباح اليوم."
    out = extract([{"id": "t", "text": text, "published": "2025-10-18"}])
    assert all(e["sub_event_type"] != "Suicide bomb" for e in out), [e["sub_event_type"] for e in out]
