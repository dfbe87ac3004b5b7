"""Tolls as real pages write them (issue 7, class 3), on sentences of our own."""

import pytest

from rasd import extract


def _toll(text: str) -> tuple[int | None, int | None]:
    recs = extract([{"id": "t", "text": text, "published": "2023-09-23"}])
    assert len(recs) == 1, recs
    return recs[0]["fatalities"], recs[0]["injuries"]


@pytest.mark.parametrize("text,dead,injured", [
    # the victim named before the verb, the injured told after it
    ("وقال المراسل إن مدنيا قتل وأصيب عدد من المدنيين صباح اليوم جراء قصف على قرية سرمين.", 1, None),
    ("وأفاد المراسل بأن سيدة قتلت وجرح آخرون إثر غارة على بلدة سرمين اليوم.", 1, None),
    # a count and noun before the verb, a subset ("بينهم") and injured girls after it
    ("أفاد المراسل بأن خمسة مدنيين بينهم امرأتان قتلوا صباح اليوم وأصيبت طفلتين جراء غارة على قرية سرمين.", 5, 2),
    # the figure after the death word counts the injured
    ("أسفر القصف عن سقوط قتيل وثلاثة جرحى في بلدة سرمين بريف إدلب اليوم.", 1, 3),
    # a plural noun and its number joined to the first victim
    ("مقتل جندي ومدنيين اثنين في قصف على بلدة سرمين اليوم.", 3, 0),
    # "أحد عشر" / "إحدى عشرة" is eleven, not "one of"
    ("قتل أحد عشر شخصا في هجوم لمسلحين على قرية سرمين اليوم.", 11, 0),
    ("قتلت إحدى عشرة امرأة في قصف على قرية سرمين اليوم.", 11, 0),
    ("قتل أربعة أشخاص وأصيب أحد عشر آخرون في قصف على قرية سرمين اليوم.", 4, 11),
    ("قتل أحد عناصر الشرطة في هجوم لمسلحين على قرية سرمين اليوم.", 1, 0),
    # "ارتقى شهيدان" / "ارتقاء شهيدين": the martyrs counted by their own dual
    ("ارتقى شهيدان من العسكريين جراء قصف على قرية سرمين اليوم.", 2, 0),
    ("ارتقاء شهيدين عسكريين جراء قصف على قرية سرمين اليوم", 2, 0),
    # the subject between the kill verb and its victims, who are a plural noun and its number
    ("قتل مسلحون مجهولون مدنيين اثنين في قرية سرمين اليوم.", 2, 0),
    ("قتل قناص مدنيين ثلاثة في قرية سرمين اليوم.", 3, 0),
    # "اغتيل" is a killing told in the passive: the one assassinated is dead
    ("اغتيل عنصر من الشرطة برصاص مسلحين مجهولين في قرية سرمين اليوم.", 1, 0),
])
def test_counts(text, dead, injured):
    got_dead, got_injured = _toll(text)
    assert got_dead == dead
    if injured is not None:
        assert got_injured == injured


def test_the_dead_of_an_act_told_by_its_means_stay_with_that_act():
    # a headline of two acts: the three dead are the shelling's ("بقصف"), the sniper killed one
    from conftest import doc_of

    from rasd.events.frames import _frames, recognize
    from rasd.events.tolls import _tolls
    from rasd.resources import resources

    res = resources()
    doc = doc_of("مقتل ثلاثة مدنيين بقصف مدفعي على سوق شعبي وقناص يقتل امرأة في حمص")
    frames = _frames(doc, recognize(doc, res))
    shell, _, _ = _tolls(doc, res, frames, "death", "Shelling/artillery/missile attack")
    sniper, _, _ = _tolls(doc, res, frames, "death", "Attack")
    assert shell is not None and shell.value == 3
    assert sniper is not None and sniper.value == 1
    # without the event's kind, the figure the report leads with
    lead, _, _ = _tolls(doc, res, frames, "death")
    assert lead is not None and lead.value == 3


@pytest.mark.parametrize("text,deaths,injuries", [
    # from eleven on the counted noun is a singular accusative: "60 قتيلا" is sixty, not one
    ("سقوط 60 قتيلا جراء غارة على بلدة سراقب.", 60, 0),
    ("أسفرت غارة على بلدة سراقب عن سقوط أكثر من 40 قتيلا.", 40, 0),
    ("سقط 15 شهيدا و120 جريحا جراء غارة على بلدة سراقب.", 15, 120),
    # below eleven, a singular is one
    ("قتل شخص واحد و 25 جريحا في غارة على بلدة سراقب", 1, 25),
])
def test_a_singular_accusative_after_a_number_takes_the_number(text, deaths, injuries):
    from rasd import extract

    out = extract([{"id": "t", "text": text, "published": "2024-05-05"}])
    assert [(e["fatalities"], e["injuries"]) for e in out] == [(deaths, injuries)]


def test_raids_on_one_target_are_one_event_not_a_total():
    from rasd import extract

    text = ("شن طيران التحالف غارات على السجن المركزي في صعدة فجر اليوم.\n\n"
            "وأفادت مصادر طبية بسقوط 35 قتيلا جراء الغارات التي استهدفت السجن المركزي في صعدة.")
    out = extract([{"id": "t", "text": text, "published": "2022-01-21"}])
    assert [(e["sub_event_type"], e["fatalities"]) for e in out] == [("Air/drone strike", 35)]


@pytest.mark.parametrize("text,deaths", [
    ("أودت الغارة بحياة 7 أشخاص في بلدة سراقب أمس.", 7),  # the subject between "أودت" and "بحياة"
    ("لقي شخصان مصرعهما في غارة على بلدة سراقب أمس.", 2),
    ("لقي شخصان حتفهما في غارة على بلدة سراقب أمس.", 2),
])
def test_death_phrases_with_the_subject_between_or_a_dual_pronoun(text, deaths):
    from rasd import extract

    assert [e["fatalities"] for e in extract([{"id": "t", "text": text, "published": "2024-05-05"}])] == [deaths]


@pytest.mark.parametrize("text,deaths,injuries", [
    ("قتل أحد عناصر الشرطة في هجوم على حاجز قرب الرمثا.", 1, 0),  # "one of"
    ("استشهد أحد أفراد حرس الحدود وأصيب ثلاثة آخرون في اشتباك مع مهربين قرب الرمثا.", 1, 3),
    # a second group after "فيما" adds up; a death word that begins with و ("وفاة") is no second group
    ("قتل جندي في اشتباك مع مهربين قرب الرمثا، فيما قتل اثنان من المهربين.", 3, 0),
    ("ارتفعت حصيلة انفجار العبوة الناسفة قرب الرمثا إلى قتيلين بعد وفاة أحد الجريحين.", 2, None),
    # "ليرتفع" is an update too, and the figure of the dead is not the injured's
    ("أعلنت وزارة الصحة استشهاد شاب متأثرا بجروح أصيب بها خلال اقتحام مخيم جنين فجر أمس، ليرتفع عدد "
     "شهداء العملية إلى أربعة.", 4, 0),
    ("ارتفع عدد الجرحى إلى ثمانية في القصف على بلدة سراقب أمس.", 0, 8),
])
def test_one_of_them_second_groups_and_updates(text, deaths, injuries):
    from rasd import extract

    out = extract([{"id": "t", "text": text, "published": "2024-05-05"}])
    assert len(out) == 1 and out[0]["fatalities"] == deaths
    if injuries is not None:
        assert out[0]["injuries"] == injuries


def test_a_lead_toll_over_two_provinces_is_a_total_not_the_first_towns():
    from rasd import extract

    text = ("قتل ثمانية مدنيين، اليوم الاثنين، في غارات جوية روسية وأخرى لمروحيات النظام على ريفي إدلب "
            "الجنوبي وحماة الشمالي.\n\n"
            "وقال مراسلنا إن غارة روسية على السوق الشعبي في مدينة كفرنبل أدت إلى مقتل ثلاثة مدنيين.\n\n"
            "وفي خان شيخون، قتل خمسة مدنيين جراء إلقاء مروحيات النظام براميل متفجرة على حي سكني.")
    out = extract([{"id": "t", "text": text, "published": "2019-05-20"}])
    tolls = {e["location"]: e["fatalities"] for e in out}
    assert tolls.get("Kafranbel") == 3 and tolls.get("Khan Shaykhun") == 5, tolls


@pytest.mark.parametrize("text,deaths", [
    ("قتل مسلح مجهول طفلين في بلدة سراقب.", 2),  # the gunman is the subject, the two children the dead
    ("قتل مسلح في اشتباك مع الشرطة في بلدة سراقب.", 1),
    ("قتل عنصران من قسد ومسلح من داعش في اشتباك قرب هجين.", 3),
])
def test_a_gunman_before_his_victims_is_the_subject(text, deaths):
    from rasd import extract

    assert [e["fatalities"] for e in extract([{"id": "t", "text": text, "published": "2024-05-05"}])] == [deaths]
