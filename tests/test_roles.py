"""Who acted and who was acted on (actor1 / actor2), on sentences of our own."""

import pytest

from rasd import extract


def _roles(text: str, published: str = "2025-11-17") -> list[tuple[str | None, str | None]]:
    out = extract([{"id": "t", "text": text, "published": published}])
    return [((e["actor1"] or {}).get("name"), (e["actor2"] or {}).get("name")) for e in out]


@pytest.mark.parametrize("text,actor1", [
    # a quantity before the actor ("مجموعة من"): its "من" does not make the actor the target
    ("أقدمت مجموعة من المستوطنين على إحراق منازل ومركبات في قرية المغير شرق رام الله فجر اليوم.", "Settlers (Israel)"),
    ("وأضرم عدد من المستوطنين النار في مركبات فلسطينية في قرية المغير شرق رام الله فجر اليوم.", "Settlers (Israel)"),
])
def test_a_quantity_of_an_actor_is_still_the_side_that_acted(text, actor1):
    assert [a1 for a1, _ in _roles(text)] == [actor1]


def test_fire_set_by_marchers_is_the_protest_not_property_destruction():
    out = extract([{"id": "t", "published": "2025-08-10", "text": (
        "أغلق محتجون الطريق الرئيسي في وسط تل أبيب مساء السبت وأضرموا النيران في إطارات، "
        "قبل أن تتدخل الشرطة وتعتقل عددا منهم.")}])
    assert [e["event_type"] for e in out] == ["Protests"]


def test_a_crowd_that_beats_a_man_and_burns_his_house_is_not_made_a_peaceful_gathering():
    # "تجمهر" is only a weak word of protest: the fire it set still tells violence
    out = extract([{"id": "t", "published": "2024-06-02", "text": (
        "تجمهر العشرات من الأهالي الغاضبين مساء أمس أمام منزل رجل في حي النصر بمدينة الحلة، "
        "وانهالوا عليه بالضرب ثم أضرموا النار في منزله وسيارته.")}])
    assert out and all(e["event_type"] != "Protests" for e in out), [e["sub_event_type"] for e in out]


def test_an_adjective_inside_an_actors_name_is_not_another_actor():
    # "طيران التحالف السعودي": the coalition's aircraft, not Saudi Arabia's army beside the coalition
    roles = _roles("قتل 20 مدنيا في غارات شنها طيران التحالف السعودي على سوق شعبي في مدينة صعدة أمس.",
                   "2022-01-21")
    assert len(roles) == 1
    a1, a2 = roles[0]
    assert a1 is not None and a1.startswith("Saudi-led Coalition")
    assert a2 != a1 and (a2 is None or not a2.startswith("Military Forces of Saudi Arabia"))


def test_the_nationality_of_a_weapon_downed_is_the_side_acted_on():
    roles = _roles("أعلنت الدفاعات الجوية إسقاط طائرة أمريكية مسيرة فوق محافظة مأرب صباح اليوم.", "2024-05-05")
    assert [a2 for _, a2 in roles] == ["Military Forces of the United States"]


@pytest.mark.parametrize("text,actor1,actor2", [
    # the subject before its verb (a name of several words, "قد" between): the side after the verb is its object
    ("وكان جهاز مكافحة الإرهاب العراقي قد اعتقل المسلحين في بغداد مساء أمس.",
     "Counter-Terrorism Service of Iraq", "Unidentified Armed Group"),
    ("اعتقل جهاز مكافحة الإرهاب العراقي المسلحين في بغداد مساء أمس.",
     "Counter-Terrorism Service of Iraq", "Unidentified Armed Group"),
])
def test_the_subject_before_its_verb_acted(text, actor1, actor2):
    assert _roles(text, "2024-05-05") == [(actor1, actor2)]


@pytest.mark.parametrize("text,source", [
    ("أفادت وسائل إعلام فلسطينية بأن مستوطنين أحرقوا ثلاث مركبات في قرية المغير شرق رام الله فجر اليوم.",
     "Palestinian media"),
    ("شنت الطائرات الأمريكية أربع غارات على ميناء رأس عيسى في محافظة الحديدة اليوم، وفقا لوسائل إعلام حوثية.",
     "Houthi media"),
    ("قال مصدر مطلع إن مسيرة تركية استهدفت سيارة عسكرية في ريف القامشلي صباح اليوم.", "Informed source"),
    ("قتل مدنيان بقصف مدفعي على بلدة كفرنبل صباح اليوم، بحسب المرصد السوري لحقوق الإنسان.",
     "Syrian Observatory for Human Rights (SOHR)"),
])
def test_who_the_text_attributes_the_account_to(text, source):
    out = extract([{"id": "t", "text": text, "published": "2025-05-02"}])
    assert out and source in out[0]["reported_by"], [e["reported_by"] for e in out]


def test_an_adjective_inside_a_trigger_phrase_names_the_side():
    # "غارة إسرائيلية" is one entry of the trigger lexicon: its adjective still says who struck
    assert [a1 for a1, _ in _roles("استشهد خمسة فلسطينيين في غارة إسرائيلية على منزل في حي الزيتون بمدينة غزة.",
                                   "2024-05-05")] == ["Military Forces of Israel"]
