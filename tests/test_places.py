from conftest import doc_of

from rasd.events import recognize


def places(text, res):
    doc = doc_of(text)
    ms = recognize(doc, res)
    return doc, [(m.surface, m.value.name, m.value.admin1_code, m.meta.get("cue"), m.meta.get("inside_actor", False))
                 for m in ms["places"]]


def test_clitics_and_countryside(res):
    doc, ps = places("اشتباكات بريف درعا الشرقي ووسط حمص.", res)
    names = {p[1]: p for p in ps}
    assert "Daraa" in names and names["Daraa"][2] == "SY-DR" and names["Daraa"][3] == "countryside"
    assert "Homs" in names


def test_offsets_point_at_the_surface(res):
    doc, _ = places("قصف على مدينة جسر الشغور غربي إدلب", res)
    from rasd.events import recognize as rec
    for m in rec(doc, res)["places"]:
        assert doc.text[m.start:m.end] == m.surface


def test_common_words_are_not_places(res):
    _, ps = places("أصدر التحالف بيانا يوم الأحد قال فيه إن الفصائل لن تنسحب مرات عدة", res)
    assert ps == []


def test_place_inside_an_actor_name_is_a_hint(res):
    _, ps = places("قالت قوات سوريا الديمقراطية إن شرطة ديالى اعتقلت مطلوبا", res)
    assert all(p[4] for p in ps)


def test_ambiguous_name_resolved_by_province_named_nearby(res):
    # "الرمال" is a Gaza neighbourhood and elsewhere a common word: with Gaza named it is the place
    _, ps = places("قصفت طائرات حربية عمارة سكنية في حي الرمال وسط مدينة غزة", res)
    assert any(p[1] for p in ps)


def test_foreign_village_without_a_cue_is_dropped(res):
    # a Syrian article: a village abroad that shares a common word's spelling must not appear
    _, ps = places("قتل عنصران من قوات النظام في ريف درعا، وأضاف المصدر أن مرات الهجوم تكررت", res)
    assert [p[1] for p in ps] == ["Daraa"]


def test_a_local_actor_does_not_move_a_place_abroad(res):
    # Hezbollah is Lebanese, the settlement it strikes is in Israel: the places decide the country
    _, ps = places("استهدف حزب الله مستوطنة المطلة بصواريخ موجهة", res)
    assert [(p[1], p[2]) for p in ps] == [("Metula", "IL-Z")]


def test_a_foreign_force_keeps_the_places_of_the_country_it_strikes(res):
    _, ps = places("قصف الجيش الإسرائيلي محيط بلدة جباتا الخشب في ريف القنيطرة", res)
    assert {p[2] for p in ps} == {"SY-QU"}


def test_actors_decide_a_name_the_places_leave_open(res):
    # "طرابلس" alone is Tripoli of Libya or of Lebanon; the army named says which
    _, lb = places("داهمت دورية من الجيش اللبناني منزلا في طرابلس", res)
    _, ly = places("داهمت قوة من جهاز الردع منزلا في طرابلس", res)
    assert [p[2] for p in lb] == ["LB-AS"] and [p[2] for p in ly] == ["LY-TB"]
