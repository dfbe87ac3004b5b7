"""Extraction end to end on short articles written for these tests."""

from conftest import events_of

RAID = ("فصائل درعا تقتل قيادياً في داعش بعد حصار منزله\n\n"
        "حاصرت الفصائل المحلية فجر الأحد منزلاً في مدينة جاسم بريف درعا الشمالي لجأ إليه أبو عمر الشامي، "
        "القيادي في تنظيم داعش، ودارت اشتباكات عنيفة بين الجانبين لنحو ساعتين، ثم فجر القيادي نفسه بحزام "
        "ناسف كان يرتديه، ما أدى إلى مقتله وإصابة ثلاثة عناصر من الفصائل.")


def test_a_raid_and_the_self_detonation_that_ended_it_are_one_battle():
    evs = events_of(RAID, "2022-10-17")
    main = [e for e in evs if e["salience"] == "main"]
    assert len(main) == 1
    e = main[0]
    assert (e["event_type"], e["sub_event_type"]) == ("Battles", "Armed clash")
    assert e["admin1_code"] == "SY-DR" and e["location"] == "Jasim" and e["geo_precision"] == 1
    assert e["event_date"] == e["date_end"] == "2022-10-16" and e["time_precision"] == 1
    assert e["fatalities"] == 1 and e["injuries"] == 3
    names = {a["name"] for a in [e["actor1"], e["actor2"], *e["assoc_actors"]] if a}
    assert "Islamic State" in names and any("opposition" in n.lower() or "Syrian" in n for n in names)
    assert any(p["name_ar"] == "أبو عمر الشامي" for p in e["persons"])


def test_evidence_offsets_point_at_the_cleaned_text():
    from rasd.io import RawDoc
    from rasd.pipeline import run_one

    out = run_one(RawDoc("t1", {"id": "t1", "text": RAID, "published": "2022-10-17"}, "t"))
    for r in out.records:
        for ev in r.evidence:
            assert out.document.text[ev["start"]:ev["end"]] == ev["text"]
        for m in r.mentions:
            assert out.document.text[m.start:m.end] == m.surface


def test_same_input_same_ids_same_order():
    a = events_of(RAID, "2022-10-17")
    b = events_of(RAID, "2022-10-17")
    assert [x["event_id"] for x in a] == [x["event_id"] for x in b]
    assert a == b


def test_sport_article_with_war_words_gives_no_event():
    text = ("الزوراء يقصف شباك الطلبة بثلاثية ويشعل صراع الصدارة\n\n"
            "شن الزوراء هجوماً كاسحاً منذ الدقيقة الأولى، وقتل لاعبوه المباراة مبكراً بهدفين في الشوط الأول، "
            "قبل أن يضيف المهاجم هدفاً ثالثاً بتسديدة صاروخية في مرمى الحارس، لتنفجر المدرجات فرحاً.\n\n"
            "وقال مدرب الطلبة إن فريقه تعرض لمجزرة كروية، فيما تستمر حرب الانتقالات في الدوري.")
    assert events_of(text, "2024-02-10") == []


def test_arrests_and_protest_and_vague_toll():
    text = ("اعتقلت قوات الأمن العراقية، صباح اليوم، خمسة مطلوبين بتهمة الانتماء لتنظيم داعش في قضاء "
            "الحويجة غربي كركوك.\n\n"
            "وفي البصرة، تظاهر المئات من أهالي قضاء الزبير أمام مبنى القائمقامية احتجاجاً على انقطاع "
            "الكهرباء، قبل أن تفرقهم قوات الشرطة بالغاز المسيل للدموع.")
    evs = {e["sub_event_type"]: e for e in events_of(text, "2023-07-20")}
    assert "Arrests" in evs and evs["Arrests"]["admin1_code"] == "IQ-KI" and evs["Arrests"]["fatalities"] is None
    assert "Protest with intervention" in evs and evs["Protest with intervention"]["admin1_code"] == "IQ-BA"
    assert evs["Protest with intervention"]["actor1"]["type"] == "protesters"


def test_background_event_recalled_with_an_old_date():
    text = ("استهدفت المدفعية التركية صباح اليوم قريتين قرب مدينة تل رفعت في ريف حلب الشمالي، ما أدى إلى "
            "إصابة مدنيين اثنين.\n\n"
            "وكانت القريتان قد تعرضتا في أواخر آب 2021 لقصف مشابه أدى إلى مقتل ثلاثة مدنيين.")
    evs = events_of(text, "2022-11-24")
    main = [e for e in evs if e["salience"] == "main"]
    bg = [e for e in evs if e["salience"] == "background"]
    assert main and main[0]["sub_event_type"] == "Shelling/artillery/missile attack"
    assert main[0]["event_date"] == "2022-11-24" and main[0]["fatalities"] == 0 and main[0]["injuries"] == 2
    assert "Turkey" in main[0]["actor1"]["name"]
    assert bg and bg[0]["event_date"] == "2021-08-21" and bg[0]["fatalities"] == 3


def test_toll_that_rises_replaces_the_earlier_one():
    text = ("انفجرت عبوة ناسفة بآلية عسكرية على طريق يصل بلدة الصنمين بمدينة إنخل في ريف درعا، ما أسفر عن "
            "مقتل عنصر وإصابة اثنين آخرين.\n\n"
            "وبعد ساعات ارتفعت حصيلة التفجير إلى قتيلين إثر وفاة أحد المصابين.")
    evs = [e for e in events_of(text, "2022-11-24") if e["salience"] == "main"]
    assert len(evs) == 1 and evs[0]["fatalities"] == 2
    assert evs[0]["sub_event_type"] == "Remote explosive/landmine/IED"


def test_reported_by_names_the_teller_not_every_actor():
    text = ("قصفت قوات النظام بلدة كفرنبل جنوبي إدلب صباح اليوم، ما أدى إلى مقتل مدنيين اثنين، بحسب المرصد "
            "السوري لحقوق الإنسان، فيما هاجم تنظيم داعش نقطة عسكرية في البادية.")
    evs = [e for e in events_of(text, "2023-05-14") if e["sub_event_type"] == "Shelling/artillery/missile attack"]
    assert evs and evs[0]["reported_by"] == ["Syrian Observatory for Human Rights (SOHR)"]
    assert evs[0]["fatalities"] == 2 and evs[0]["admin1_code"] == "SY-ID"
