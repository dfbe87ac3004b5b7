"""Places the gazetteer lacks, read from their cue word (issue 7: villages of round-ups), on sentences
of our own with village names made up for the test (no gazetteer has them)."""

import pytest
from conftest import assert_names_bad_line, doc_of

from rasd import extract
from rasd.events import recognize
from rasd.recognize import places as places_mod


def _unlisted(text, res):
    doc = doc_of(text)
    return [m for m in recognize(doc, res)["places"] if m.meta.get("unlisted")]


def test_a_quoted_village_after_its_cue_is_a_place_located_by_the_next_known_place(res):
    text = "قتل ثلاثة مدنيين بغارة على قرية “كفرزنبوط” غربي حماة صباح اليوم."
    ms = _unlisted(text, res)
    assert [m.surface for m in ms] == ["كفرزنبوط"]
    p = ms[0].value
    assert p.admin1_code == "SY-HM" and p.iso == "SY" and p.lat is not None
    assert p.name == "Kafrznbut" or p.name.lower().startswith("kafr")
    assert text[ms[0].start:ms[0].end] == ms[0].surface


def test_bare_names_with_head_and_tail_words(res):
    ms = _unlisted("اقتحم مستوطنون قرية بيت زعرور الشرقية جنوب نابلس وأحرقوا مركبات.", res)
    assert [m.surface for m in ms] == ["بيت زعرور الشرقية"]
    assert ms[0].value.admin1_code and ms[0].value.admin1_code.startswith("PS-")


@pytest.mark.parametrize("text", [
    "ألقت طائرة براميل على حي يقطنه نازحون في ريف حماة.",
    "قصفت المدفعية قرى تقع شرق مدينة الفاشر.",
    "استهدفت غارة مخيما للنازحين قرب إدلب.",
    "سقطت قذيفة على حي سكني في مدينة درعا.",
    "دمرت الغارات مزارع ومنشآت في ريف إدلب.",
    "انقطعت الكهرباء عن عدة بلدات بالكهرباء في البقاع.",
    "هاجم مسلحون ثكنة لقواتنا في محافظة أبين.",
])
def test_words_after_a_cue_that_are_no_names(text, res):
    assert _unlisted(text, res) == []


def test_no_place_without_a_known_place_to_locate_it(res):
    assert _unlisted("قتل رجل في قرية “زنبوطة” فجر اليوم.", res) == []


def test_a_quoted_list_of_villages_is_one_event_per_village():
    text = ("قتل مدني بالقصف المروحي بالبراميل المتفجرة على بلدة كفرنبل صباح اليوم، وطال القصف قرى "
            "“زنبوطة ودير خرنوبة وكفرعجور، وأطراف شلختا” جنوبي إدلب.")
    recs = extract([{"id": "t", "text": text, "published": "2019-05-03"}])
    places = sorted(r["location"] for r in recs)
    assert len(recs) == 5, places
    villages = [r for r in recs if r["location"] != "Kafranbel"]
    assert len(villages) == 4
    assert all(r["admin1_code"] == "SY-ID" and r["geo_precision"] == 2 for r in villages)
    assert all(r["sub_event_type"] == "Air/drone strike" and r["fatalities"] == 0 for r in villages)
    assert len({r["event_id"] for r in recs}) == 5


def test_two_villages_of_one_anchor_are_two_events_but_a_village_and_its_anchor_one():
    text = ("قتل خمسة مدنيين بغارة روسية على قرية “زنبوطة” غربي حماة اليوم، فيما قتلت سيدة بغارة على قرية "
            "“دير خرنوبة” شمالي حماة.")
    recs = extract([{"id": "t", "text": text, "published": "2019-05-03"}])
    assert sorted(r["fatalities"] for r in recs) == [1, 5]


def test_unknown_kind_in_the_data_file_names_its_line(tmp_path, monkeypatch):
    assert_names_bad_line(monkeypatch, tmp_path, "unlisted_places.tsv", "form\tkind\nقريه\tcue\nحي\tvillage\n",
                          places_mod.unlisted_words, 3)


def test_every_kind_of_the_data_file_is_used():
    w = places_mod.unlisted_words()
    assert all(w[k] for k in places_mod._UNLISTED_KINDS)


def test_a_village_in_the_district_of_the_town_joins_the_strike_told_at_the_town():
    text = ("قتل ثلاثة أشخاص في قصف لطائرات حربية تركية استهدف قضاء سنجار اليوم الأربعاء.\n"
            "واستهدفت الطائرات التركية اليوم الأربعاء مجمعا سكنيا في ناحية زنبوطة التابعة لقضاء سنجار.")
    recs = extract([{"id": "t", "text": text, "published": "2020-01-15"}])
    assert len(recs) == 1 and recs[0]["sub_event_type"] == "Air/drone strike"


def test_a_village_beside_a_town_is_another_place_than_the_town():
    text = ("قتل تسعة مدنيين اليوم في قصف بطائرة مسيرة لقوات الدعم السريع على سوق في مدينة الفاشر.\n"
            "في المقابل، شن الطيران الحربي للجيش السوداني اليوم غارات على بلدة زنبوطة شرق الفاشر.")
    recs = extract([{"id": "t", "text": text, "published": "2025-01-25"}])
    assert len(recs) == 2


def test_a_village_named_with_its_nationality_is_in_that_country_and_takes_the_province_told_elsewhere():
    text = ("أطلق حزب الله صباح اليوم رشقة صواريخ على مستوطنة كريات شمونة في شمال إسرائيل ردا على المجزرة في بلدة زنبوطة جنوب لبنان.\n"
            "وأسفر القصف الإسرائيلي الليلة الماضية على بلدة زنبوطة اللبنانية عن استشهاد 7 مسعفين.")
    recs = extract([{"id": "t", "text": text, "published": "2024-03-27"}])
    by = {r["iso"]: r for r in recs}
    assert set(by) == {"IL", "LB"}, [(r["location"], r["iso"]) for r in recs]
    assert by["LB"]["fatalities"] == 7 and by["LB"]["admin1_code"] == "LB-JA"
    assert by["IL"]["actor1"]["name"] == "Hezbollah"
    assert by["LB"]["actor1"]["name"] == "Military Forces of Israel"


def test_areas_of_a_quoted_list_after_a_province_named_the_sentence_before():
    text = ("أعلن الجيش السوداني الثلاثاء سيطرته على 3 مناطق بولاية النيل الأزرق بعد معارك مع الدعم السريع. "
            "وقال الجيش إن قواته تمكنت الثلاثاء من تطهير مناطق \"زنبوطة، ودير خرنوبة، وأم كرنب\" من قوات الدعم السريع.")
    recs = extract([{"id": "t", "text": text, "published": "2026-05-26"}])
    villages = sorted(r["location"] for r in recs if r["admin1_code"] == "SD-NB" and r["geo_precision"] == 2)
    assert len(villages) == 3, [(r["location"], r["admin1_code"]) for r in recs]


def test_a_name_known_only_far_away_is_read_as_a_local_area():
    # "دوكان" is a town of Iraq; on a page from Sudan it is a Sudanese area
    text = "وتمكن الجيش السوداني الأسبوع الماضي من السيطرة على منطقتي \"كرنبوط\" و\"دوكان\" بولاية النيل الأزرق."
    recs = extract([{"id": "t", "text": text, "published": "2026-05-26"}])
    assert all(r["iso"] == "SD" for r in recs) and len(recs) == 2, [(r["location"], r["iso"]) for r in recs]


def test_a_name_that_ends_like_a_pronoun_is_still_a_name(res):
    ms = _unlisted("استهدفت مجموعات مسلحة عناصر للجيش قرب بلدة بيت عانا في ريف اللاذقية.", res)
    assert [m.surface for m in ms] == ["بيت عانا"]


def test_an_area_named_after_its_cue_and_an_open_area_that_is_no_name(res):
    ms = _unlisted("يسود الهدوء الحذر منطقة الطيونة في بيروت اليوم بعد اشتباكات عنيفة.", res)
    assert [m.surface for m in ms] == ["الطيونة"] and ms[0].value.admin1_code == "LB-BA"
    assert _unlisted("سقطت قذيفة في منطقة مفتوحة قرب مدينة صفد.", res) == []


def test_the_first_word_of_a_name_is_never_a_place_alone():
    # "وادي" (GeoNames lists it for the Algerian town El Oued) begins "وادي الربيع"; "التل" is a town
    from conftest import doc_of

    from rasd.events import recognize
    from rasd.resources import resources

    res = resources()
    places = recognize(doc_of("قتل سبعة عمال في غارة على منطقة وادي الربيع جنوب العاصمة الليبية طرابلس"), res)["places"]
    assert ("وادي الربيع", "LY") in [(m.surface, m.value.iso) for m in places]
    assert all(m.value.iso != "DZ" for m in places)
    places = recognize(doc_of("سقطت قذائف على مدينة التل في ريف دمشق"), res)["places"]
    assert [m.value.name for m in places][:1] == ["At Tall"] or places[0].value.admin1_code == "SY-RD"


def test_the_second_word_of_a_name_the_gazetteer_lacks_is_not_a_place_of_its_own():
    # "أبو حمام" (a town of Deir ez-Zor) is not the Israeli village "حمام"
    from conftest import doc_of

    from rasd.events import recognize
    from rasd.resources import resources

    places = recognize(doc_of("قصف على بلدة أبو حمام في ريف دير الزور"), resources())["places"]
    assert all(m.value.iso == "SY" for m in places), [(m.surface, m.value.iso) for m in places]
