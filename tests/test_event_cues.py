"""The cue lists of event assembly load from data/event_cues.tsv and steer the rules that read them."""

import pytest

from rasd.data import DataError
from rasd.events.base import cues

LISTS = ["agent", "target", "result", "byline", "report_verb", "kill_verb", "skip_after_death", "own_correspondent",
         "threat", "demand", "habitual", "backer", "charges", "two_sided", "generic_bombard", "march", "laden", "claim"]


@pytest.mark.parametrize("name", LISTS)
def test_every_list_loads_and_is_normalized(name):
    forms = cues(name)
    assert forms
    for f in forms:
        assert f == f.strip() and "ة" not in f and "أ" not in f and "إ" not in f, f


def test_every_form_is_given_as_the_normalized_text_reads_it():
    # the file is written as a linguist writes ("بين عائلتين", "على يد", "المئات من"); the rules look
    # for the forms in normalized text ("بين عايلتين"), so the loader normalizes them
    from rasd.events.base import _cue_lists
    from rasd.normalize import normalize

    for name, forms in _cue_lists().items():
        for f in forms:
            assert f.strip() == normalize(f.strip()), (name, f)
    assert "بين عايلتين" in cues("two_sided") and "علي يد" in cues("agent")


def test_a_fight_between_two_families_is_a_battle_with_its_civilian_dead():
    from rasd import extract

    text = ("قتل رجلان وأصيب أربعة آخرون بينهم طفل، مساء أمس، في اشتباكات بالأسلحة الخفيفة بين عائلتين "
            "من عشيرة واحدة في بلدة البصيرة بريف دير الزور الشرقي.")
    rec = extract([{"id": "cue-2", "text": text, "published": "2024-03-12"}])
    assert [r["sub_event_type"] for r in rec] == ["Armed clash"], rec


def test_unknown_list_is_an_error():
    with pytest.raises(DataError):
        cues("no-such-list")


def test_agent_cue_makes_the_actor_the_attacker():
    from rasd import extract

    text = ("مقتل ثلاثة مدنيين برصاص قوات النظام السوري في مدينة درعا\n"
            "قتل ثلاثة مدنيين يوم الأحد برصاص قوات النظام السوري في حي طريق السد بمدينة درعا.")
    rec = extract([{"id": "cue-1", "text": text, "published": "2024-03-11"}])
    assert rec and rec[0]["actor1"] and "Syria" in rec[0]["actor1"]["name"]
    assert rec[0]["actor2"] and rec[0]["actor2"]["name"] == "Civilians"


def test_a_fight_between_two_armed_groups_is_a_battle_with_a_civilian_among_the_dead():
    from rasd import extract

    text = ("قتل شخصان بينهم مدني في اشتباكات اندلعت مساء أمس بين مجموعتين مسلحتين في منطقة تاجوراء شرقي "
            "العاصمة طرابلس.")
    rec = extract([{"id": "cue-3", "text": text, "published": "2024-06-10"}])
    assert [(r["sub_event_type"], r["fatalities"]) for r in rec] == [("Armed clash", 2)], rec


def test_civil_police_in_egypt_are_not_the_syrian_interim_governments():
    from rasd import extract

    text = ("وتبادلت القوات إطلاق النار مع العناصر الإرهابية في مدينة رفح بشمال سيناء أمس ما أسفر عن مقتل 11 منهم. "
            "وأكد المتحدث العسكري استمرار ملاحقة العناصر التكفيرية بشمال سيناء بالتعاون مع الشرطة المدنية.")
    rec = extract([{"id": "cue-4", "text": text, "published": "2019-10-12"}])
    names = {(r.get(k) or {}).get("name") for r in rec for k in ("actor1", "actor2", "assoc_actors")
             if isinstance(r.get(k), dict)} | {a["name"] for r in rec for a in r["assoc_actors"]}
    assert rec and "Civil Police (Syrian Interim Government)" not in names, rec
    # Egypt's military statements: law-enforcement forces against "terrorist elements" in Sinai
    text = ("تبادلت قوات إنفاذ القانون إطلاق النار مع عناصر إرهابية جنوب مدينة الشيخ زويد بشمال سيناء أمس، "
            "ما أسفر عن مقتل 11 منهم.")
    rec = extract([{"id": "cue-5", "text": text, "published": "2019-10-12"}])
    assert [(r["sub_event_type"], r["actor1"]["name"], r["actor2"]["name"], r["fatalities"]) for r in rec] == [
        ("Armed clash", "Military Forces of Egypt", "Islamic State - Sinai Province", 11)], rec


def test_a_cell_that_planned_an_attack_tells_no_attack():
    from rasd import extract

    text = ("المحكمة العسكرية في لبنان تصدر أحكاما بحق خلية داعشية خططت لاستهداف الجيش في طرابلس\n"
            "وكشفت وقائع المحاكمة أن أفراد الخلية ناقشوا إمكانية تنفيذ هجوم انتحاري في المدينة.")
    assert extract([{"id": "cue-6", "text": text, "published": "2021-05-27"}]) == []

