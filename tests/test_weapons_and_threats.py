"""Typing on the vocabulary of real pages (issue 7, class 4), on sentences of our own: a drone laden
with explosives, a weapon named as a threat, an attack named by its weapon, acts told as habitual."""

import pytest

from rasd import extract


def _events(text: str, published: str = "2026-05-26") -> list[dict]:
    return extract([{"id": "t", "text": text, "published": published}])


def test_an_explosive_laden_drone_is_an_air_strike_not_an_ied():
    recs = _events("استهدف حزب الله اليوم دبابة إسرائيلية بمحلقة انقضاضية مفخخة عند أطراف بلدة الخيام، "
                   "وقال إن الطائرة المسيّرة المفخخة أصابت هدفها.")
    assert [r["sub_event_type"] for r in recs] == ["Air/drone strike"]


def test_a_car_bomb_stays_an_ied():
    recs = _events("قتل ثلاثة مدنيين بانفجار سيارة مفخخة وسط مدينة منبج اليوم.")
    assert [r["sub_event_type"] for r in recs] == ["Remote explosive/landmine/IED"]


def test_a_weapon_named_as_a_threat_is_no_event():
    text = ("يسعى الجيش الإسرائيلي إلى إبعاد خطر المسيرات المفخخة عن مستوطنات الشمال، وتقول تقارير إن "
            "اعتماد الحزب على الطائرات المسيرة المفخخة يقلق المؤسسة العسكرية.")
    assert _events(text) == []


def test_attacks_named_by_their_weapon_take_its_type():
    recs = _events("أعلن حزب الله مسؤوليته عن أربع هجمات بطائرات مسيرة استهدفت ثكنة برانيت في شمال "
                   "إسرائيل صباح اليوم.")
    assert [r["sub_event_type"] for r in recs] == ["Air/drone strike"]
    assert recs[0]["actor1"]["name"] == "Hezbollah"


def test_a_battle_word_keeps_a_battle_whatever_weapons_it_names():
    recs = _events("اندلعت اشتباكات عنيفة بين حزب الله والقوات الإسرائيلية بالصواريخ والأسلحة الرشاشة "
                   "في بلدة زوطر الشرقية اليوم.")
    assert [r["sub_event_type"] for r in recs] == ["Armed clash"]


def test_an_accusation_of_repeated_acts_is_no_event():
    assert _events("واتُّهم النظام السابق مرارا باستخدام أسلحة كيميائية خلال سنوات الحرب.") == []


def test_a_dated_act_told_with_a_word_of_repetition_stays():
    recs = _events("قصفت قوات النظام مرارا بلدة سرمين في ريف إدلب يوم 23 أيلول 2023، ما أدى إلى مقتل مدنيين.",
                   "2023-09-24")
    assert len(recs) == 1 and recs[0]["event_date"] == "2023-09-23"


def test_places_of_a_country_named_only_after_a_direction_word_are_kept():
    # "شمال إسرائيل": Israel is named as a country, so its towns are no foreign homonyms on a page
    # about Lebanon
    recs = _events("شنت طائرات إسرائيلية غارات على بلدة الخيام في جنوب لبنان اليوم، فيما أعلن حزب الله "
                   "مسؤوليته عن هجوم بطائرة مسيرة على ثكنة شوميرا في شمال إسرائيل.")
    by_place = {r["admin1_code"]: r for r in recs}
    assert "IL-Z" in by_place, [(r["location"], r["admin1_code"]) for r in recs]
    assert by_place["IL-Z"]["sub_event_type"] == "Air/drone strike"


def test_who_claims_the_act_did_it_and_a_backer_is_no_side():
    recs = _events("أعلن حزب الله المدعوم من إيران مسؤوليته عن هجوم بطائرة مسيرة على ثكنة برانيت في شمال "
                   "إسرائيل صباح اليوم.")
    assert len(recs) == 1
    r = recs[0]
    assert r["actor1"]["name"] == "Hezbollah"
    assert (r["actor2"] or {}).get("name") != "Military Forces of Iran"


def test_a_suicide_car_bomb_told_again_as_the_attack_stays_a_suicide_bomb():
    recs = _events("قتل عشرة جنود في تفجير انتحاري استهدف معسكرا للجيش في مديرية مودية بمحافظة أبين صباح اليوم. "
                   "وقال مصدر إن هجوما انتحاريا بسيارة مفخخة يقودها انتحاري استهدف المعسكر. "
                   "ولم تعلن أي جهة مسؤوليتها عن الهجوم، وأدان المجلس الهجوم.", "2024-08-16")
    assert [r["sub_event_type"] for r in recs] == ["Suicide bomb"]


def test_invisible_joiners_do_not_break_words_and_authorities_are_the_state():
    # scraped pages carry U+2060 and U+200C inside phrases ("السلطات \u200cالسورية", "18 \u2060شخصا")
    recs = _events("قال مسؤول إن السلطات \u200cالسورية اعتقلت 18 \u2060شخصا للاشتباه بتورطهم في برنامج "
                   "الأسلحة الكيميائية للنظام السابق.")
    assert len(recs) == 1 and recs[0]["sub_event_type"] == "Arrests"
    assert recs[0]["actor1"]["name"] == "Military Forces of Syria (2024-)"


def test_a_raid_names_what_a_generic_bombardment_was_but_artillery_stays_shelling():
    recs = _events("إسرائيل تقصف بنى تحتية لحزب الله\nوقتل مسعف اليوم جراء غارة إسرائيلية على بلدة صريفا في جنوب لبنان.")
    assert [r["sub_event_type"] for r in recs] == ["Air/drone strike"]
    recs = _events("قصفت مدفعية الجيش التركي أمس قرى في ريف حلب، ويبرر الجيش هذه الضربات بملاحقة مسلحين.")
    assert [r["sub_event_type"] for r in recs] == ["Shelling/artillery/missile attack"]


def test_a_span_two_patterns_found_is_one_trigger(res):
    from conftest import doc_of

    from rasd.events import recognize

    doc = doc_of("انسحبت الفصائل من المدينة مع استمرار القصف الجوي العنيف.")
    trig = [(m.start, m.end) for m in recognize(doc, res)["triggers"] if "الجوي" in m.surface]
    assert len(trig) == len(set(trig)) == 1


def test_taking_a_town_told_with_two_verbs_of_control_is_taking_territory():
    recs = _events("الجيش يسيطر على خان شيخون\nسيطرت قوات الجيش السوري أمس على مدينة خان شيخون في ريف إدلب، "
                   "كما استعادت مناطق في محيطها، وسط استمرار القصف الجوي العنيف على المنطقة.", "2019-08-22")
    assert [r["sub_event_type"] for r in recs] == ["Government regains territory"]


def test_an_agreement_reached_is_an_event_without_armed_sides_named():
    recs = _events("توصلت الأطراف الليبية اليوم الجمعة إلى اتفاق دائم لوقف إطلاق النار في جميع أنحاء ليبيا، "
                   "بحسب البعثة الأممية.", "2020-10-23")
    assert [(r["sub_event_type"], r["event_date"]) for r in recs] == [("Agreement", "2020-10-23")]
    assert _events("دعت البعثة الأممية الأطراف الليبية إلى احترام اتفاق وقف إطلاق النار.", "2020-10-23") == []


def test_an_arrest_told_after_the_bombing_named_again_is_an_arrest():
    text = ("قتل عشرة أشخاص بانفجار سيارة مفخخة في سوق مدينة إعزاز يوم الثلاثاء.\n"
            "وقال مصدر أمني إن التحقيقات تشير إلى تورط خلية لداعش في التفجير، وإن دورية اعتقلت يوم الأربعاء "
            "شابا يشتبه بنقله السيارة المفخخة في قرية زنبوطة شمالي إعزاز.")
    recs = _events(text, "2023-10-19")
    subs = sorted(r["sub_event_type"] for r in recs)
    assert subs == ["Arrests", "Remote explosive/landmine/IED"], subs


def test_a_state_of_things_since_a_past_event_is_no_event():
    assert _events("ومنذ وقوعها تحت سيطرة الدعم السريع لم تحدث معارك برية، حيث اعتمد الجيش على الطيران الحربي "
                   "لتوجيه غارات جوية على مواقعها في نيالا.", "2024-09-16") == []


def test_a_battle_named_as_what_came_before_the_act_does_not_type_it():
    recs = _events("سيطرت قوات الجيش اليوم على بلدة كفرنبودة في ريف حماة بعد اشتباكات مع الفصائل.", "2019-05-20")
    assert [r["sub_event_type"] for r in recs] == ["Government regains territory"]


def test_arrests_at_a_protest_are_the_protest_with_intervention_and_demands_are_no_acts():
    text = ("وفي تل أبيب، أغلق محتجون شارع أيالون الرئيسي مساء السبت مطالبين بإبرام صفقة تبادل، في حين تدخلت "
            "الشرطة الإسرائيلية واعتقلت عددا من المشاركين.")
    recs = _events(text, "2025-08-10")
    assert [r["sub_event_type"] for r in recs] == ["Protest with intervention"]


def test_seizing_a_ship_is_an_abduction():
    recs = _events("أعلن المتحدث العسكري باسم الحوثيين مساء اليوم الأحد تنفيذ عملية عسكرية في البحر الأحمر كان من "
                   "نتائجها الاستيلاء على سفينة تجارية واقتيادها إلى الساحل اليمني.", "2023-11-19")
    assert [r["sub_event_type"] for r in recs] == ["Abduction/forced disappearance"]
    assert recs[0]["actor1"]["name"].startswith("Houthi")


def test_the_disengagement_line_is_no_clash():
    recs = _events("قامت جرافة تابعة للجيش الإسرائيلي اليوم بتجريف أراض في محيط بلدة الرفيد قرب خط فض الاشتباك "
                   "في ريف القنيطرة الجنوبي.", "2026-05-26")
    assert [r["sub_event_type"] for r in recs] == ["Looting/property destruction"]


def test_a_word_inside_a_place_name_is_no_act():
    recs = _events("أكدت السلطات أن تفجيرين انتحاريين هزا سوقا شعبية في ساحة الطيران وسط بغداد اليوم الخميس.",
                   "2021-01-21")
    assert [r["sub_event_type"] for r in recs] == ["Suicide bomb"]


def test_no_trigger_is_read_inside_a_place_name(res):
    from conftest import doc_of

    from rasd.events import recognize

    doc = doc_of("هز تفجيران انتحاريان سوقا شعبية في ساحة الطيران وسط بغداد.")
    assert not [m.surface for m in recognize(doc, res)["triggers"] if "الطيران" in m.surface]


def test_settlers_burning_homes_is_property_destruction_and_an_air_strike_that_destroys_homes_stays_one():
    recs = _events("وذكرت الوكالة أن مستوطنين إسرائيليين أحرقوا 3 منازل و3 مركبات في قرية الجبعة جنوب غرب بيت لحم.",
                   "2025-11-17")
    assert [r["sub_event_type"] for r in recs] == ["Looting/property destruction"]
    recs = _events("شنت طائرات إسرائيلية غارة على بلدة الخيام اليوم دمرت ثلاثة منازل.", "2025-11-17")
    assert [r["sub_event_type"] for r in recs] == ["Air/drone strike"]


def test_the_act_responded_to_is_no_act_of_the_sentence():
    assert _events("وسارعت بغداد إلى تقديم شكوى إلى مجلس الأمن، مؤكدة أنها تحتفظ بحقها الكامل بالرد على "
                   "الاعتداءات التركية.", "2022-07-21") == []


def test_a_tribal_fight_is_a_battle_and_arrests_only_intended_are_none():
    recs = _events("أفاد مصدر أمني بأن نزاعا عشائريا اندلع صباح اليوم في قضاء سيد دخيل بين عشيرتي آل زنبوط وآل "
                   "خرنوب، ما أسفر عن مقتل شخص وإصابة طبيب. وأكد أن القوات الأمنية بدأت بإجراءات ملاحقة "
                   "المتورطين وإلقاء القبض عليهم.", "2025-10-26")
    assert [r["sub_event_type"] for r in recs] == ["Armed clash"], [r["sub_event_type"] for r in recs]


def test_crimes_charged_are_no_events():
    text = ("تمكنت مديرية المخابرات اليوم من توقيف المواطن (ن.ز.) على طريق بعلبك. وأضاف البيان أن "
            "الموقوف مطلوب بموجب عدد كبير من مذكرات التوقيف، بجرائم تأليف عصابات والسلب والسرقة بقوة السلاح "
            "وإطلاق النار على دوريات للجيش وخطف مواطنين مقابل فدية مالية.")
    recs = _events(text, "2025-11-20")
    assert [r["sub_event_type"] for r in recs] == ["Arrests"], [r["sub_event_type"] for r in recs]


def test_a_mass_grave_found_is_an_event_and_the_dead_of_an_attack_buried_in_one_are_not_another():
    recs = _events("أعلن الدفاع المدني اليوم العثور على مقبرة جماعية في بلدة خان شيخون بريف إدلب.", "2025-01-10")
    assert [r["sub_event_type"] for r in recs] == ["Other"]
    recs = _events("قتل عشرات المدنيين اليوم في هجوم لقوات الدعم السريع على قرية ود النورة بولاية الجزيرة، "
                   "وأظهرت صور الأهالي وهم يدفنون الموتى في مقبرة جماعية.", "2024-06-05")
    assert [r["sub_event_type"] for r in recs] == ["Attack"]


def test_a_weekly_march_fired_on_is_a_protest_with_intervention_not_a_drone_strike():
    recs = _events("إصابة 4 مواطنين بالرصاص المعدني والعشرات بالاختناق في مسيرة كفر قدوم الأسبوعية اليوم الجمعة.",
                   "2020-10-09")
    assert [r["sub_event_type"] for r in recs] == ["Protest with intervention"]
    recs = _events("استهدفت مسيرة إسرائيلية سيارة في بلدة الخيام اليوم.", "2024-03-27")
    assert [r["sub_event_type"] for r in recs] == ["Air/drone strike"]


def test_a_thing_demanded_anywhere_in_the_clause_is_no_act():
    recs = _events("شهدت مدينة تل أبيب مساء السبت احتجاجات واسعة، حيث خرج مئات المتظاهرين مطالبين بوقف الحرب على "
                   "قطاع غزة وإبرام صفقة تبادل للأسرى مع حركة حماس.", "2025-08-10")
    assert [r["sub_event_type"] for r in recs] == ["Peaceful protest"]


def test_a_side_announcing_its_control_over_a_place_took_it():
    recs = _events("أعلنت قوات الدعم السريع اليوم السبت سيطرتها على مطار مروي في الولاية الشمالية.", "2023-04-15")
    assert [r["sub_event_type"] for r in recs] == ["Non-state actor overtakes territory"]


def test_a_suicide_bombing_told_as_an_attack_is_a_suicide_bombing():
    recs = _events("أكدت السلطات أن تفجيرين انتحاريين هزا سوقا شعبية وسط بغداد اليوم الخميس في هجوم أسفر عن "
                   "سقوط 32 قتيلا.", "2021-01-21")
    assert [(r["sub_event_type"], r["fatalities"]) for r in recs] == [("Suicide bomb", 32)]


def test_weapons_seized_after_a_deadly_firefight_leave_the_firefight():
    recs = _events("قتل ثلاثة مسلحين في تبادل لإطلاق النار مع قوات الشرطة خلال مداهمة وكر لهم في حي الصفا "
                   "بمدينة العريش فجر اليوم، وضبطت بحوزتهم أسلحة آلية وعبوات ناسفة.")
    assert [(r["sub_event_type"], r["fatalities"]) for r in recs] == [("Armed clash", 3)]


def test_weapons_seized_in_a_raid_without_a_fight_are_disrupted_weapons_use():
    recs = _events("داهمت قوات الشرطة وكرا لمسلحين في حي الصفا بمدينة العريش فجر اليوم، وضبطت بداخله أسلحة "
                   "آلية وعبوات ناسفة.")
    assert [r["sub_event_type"] for r in recs] == ["Disrupted weapons use"]


def test_acts_someone_is_held_responsible_for_are_no_events():
    recs = _events("وقال البيان إن القيادي كان مسؤولا عن قتل واختطاف العديد من المدنيين خلال السنوات الماضية.")
    assert recs == []


@pytest.mark.parametrize("text", [
    "قتل ثمانية مسلحين في قصف نفذته الطائرات التركية على مجمع سكني في قضاء سنجار صباح اليوم.",
    "قصفت طائرات تركية مواقع لمسلحي الحزب في جبل قنديل صباح اليوم.",
])
def test_a_bombardment_by_aircraft_is_an_air_strike(text):
    assert [r["sub_event_type"] for r in _events(text)] == ["Air/drone strike"]


def test_an_attack_in_the_accusative_is_read_and_a_verbal_one_is_not():
    recs = _events("شنت حركة الشباب هجوما على قاعدة عسكرية للجيش الصومالي في إقليم شبيلي السفلى فجر اليوم.")
    assert [(r["sub_event_type"], r["admin1_code"]) for r in recs] == [("Armed clash", "SO-SH")]
    assert _events("وشن أحد النواب هجوما كلاميا على رئيس الحكومة، فرد نائب آخر بصاروخ كلامي مماثل.") == []


@pytest.mark.parametrize("text,sub", [
    ("خاض مقاتلو الفصائل اشتباكا عنيفا مع قوات النظام على أطراف بلدة كفرنبودة فجر اليوم.", "Armed clash"),
    ("نفذ مسلحون مجهولون اغتيالا جديدا بحق قيادي سابق في بلدة طفس صباح اليوم.", "Attack"),
])
def test_verbal_nouns_in_the_accusative(text, sub):
    assert [r["sub_event_type"] for r in _events(text, "2019-05-20")] == [sub]
