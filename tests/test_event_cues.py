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
