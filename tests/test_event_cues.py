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
