"""Tests for the small deliberate bugs that once got through every test (tolls, dates, linking):
each case below fails when the rule it names is taken out. Sentences written for these tests."""

from __future__ import annotations

from conftest import events_of

from rasd import extract
from rasd.link import link


def main(text: str, pub: str = "2023-05-14") -> list[dict]:
    return [e for e in events_of(text, pub) if e["salience"] == "main"]


def test_a_toll_update_replaces_a_lead_figure_above_one():
    evs = main("قصفت طائرات حربية سوقاً شعبية في بلدة سرمدا شمالي إدلب ظهر اليوم، ما أدى إلى مقتل ثلاثة مدنيين.\n\n"
               "وفي وقت لاحق ارتفعت حصيلة القصف إلى خمسة قتلى بعد وفاة اثنين من الجرحى.")
    assert len(evs) == 1 and evs[0]["fatalities"] == 5


def test_no_dead_is_a_toll_of_zero():
    evs = main("انفجرت عبوة ناسفة بدورية للشرطة في مدينة الرمادي بمحافظة الأنبار صباح اليوم دون وقوع قتلى أو إصابات.")
    assert len(evs) == 1 and evs[0]["fatalities"] == 0


def test_sources_that_disagree_give_the_smaller_figure():
    evs = main("قتل أربعة مدنيين في قصف مدفعي على بلدة تلمنس بريف إدلب اليوم، بحسب وكالة سانا.\n\n"
               "وقال المرصد السوري لحقوق الإنسان إن سبعة مدنيين قتلوا في قصف تلمنس.")
    assert len(evs) == 1 and evs[0]["fatalities"] == 4
    assert set(evs[0]["reported_by"]) == {"SANA", "Syrian Observatory for Human Rights (SOHR)"}


def test_a_dual_pronoun_counts_two_dead():
    evs = main("هاجم مسلحون مجهولون شقيقين في بلدة الحراك بريف درعا الشرقي مساء اليوم، وأطلقوا النار عليهما ما أدى "
               "إلى مقتلهما على الفور.")
    assert len(evs) == 1 and evs[0]["fatalities"] == 2


def test_last_month_named_in_its_own_month_is_last_years():
    evs = main("أعلنت الشرطة العثور على جثة رجل قتل بالرصاص في آذار الماضي قرب مدينة الرقة.", "2023-03-10")
    assert len(evs) == 1 and (evs[0]["event_date"], evs[0]["date_end"]) == ("2022-03-01", "2022-03-31")


def test_a_day_and_month_on_the_publication_day_is_that_day():
    evs = main("قتل جنديان بانفجار لغم أرضي في 10 آذار قرب مدينة تدمر بريف حمص الشرقي.", "2023-03-10")
    assert len(evs) == 1 and evs[0]["event_date"] == evs[0]["date_end"] == "2023-03-10"
    later = main("قتل جنديان بانفجار لغم أرضي في 12 آذار قرب مدينة تدمر بريف حمص الشرقي.", "2023-03-10")
    assert later[0]["event_date"] == "2022-03-12"  # after publication: last year's


def test_the_same_story_in_two_provinces_is_two_events():
    def doc(i: str, town: str, source: str) -> dict:
        return {"id": i, "source": source, "published": "2023-05-14",
                "text": f"قتل خمسة مدنيين وأصيب ثمانية آخرون في قصف مدفعي استهدف {town} ظهر اليوم."}

    same = link(extract([doc("a", "بلدة سرمدا بريف إدلب", "وكالة أ"), doc("b", "بلدة سرمدا شمالي إدلب", "وكالة ب")]))
    assert len({r["cluster_id"] for r in same.records}) == 1  # the control: one story, two outlets
    apart = link(extract([doc("a", "بلدة سرمدا بريف إدلب", "وكالة أ"), doc("b", "بلدة الحراك بريف درعا", "وكالة ب")]))
    assert {r["admin1_code"] for r in apart.records} == {"SY-ID", "SY-DR"}
    assert len({r["cluster_id"] for r in apart.records}) == 2
