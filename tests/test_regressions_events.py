"""Inputs that once broke event extraction (issue 8): each must extract without raising, in time
that grows about linearly with the text."""

from conftest import cpu_seconds

from rasd import extract


def _run(text: str, published: str = "2024-05-02") -> list[dict]:
    return extract([{"id": "r", "text": text, "published": published}])


def test_pair_trigger_whose_second_word_ends_the_text():
    # the pair "فجر ... نفسه" with the second word as the last token looked at raised IndexError
    assert isinstance(_run("فجر نفسه"), list)
    recs = _run("قالت مصادر محلية إن مسلحا فجر نفسه قرب حاجز للشرطة في مدينة الرمادي يوم الثلاثاء")
    assert [r["sub_event_type"] for r in recs] == ["Suicide bomb"]


def test_many_triggers_in_one_sentence_is_linear():
    small, big = cpu_seconds(_run, "قتل " * 10_000), cpu_seconds(_run, "قتل " * 40_000)
    # four times the text: well under sixteen times the time (quadratic took 112 s at 100k)
    assert big < max(1.0, small * 10), (small, big)


def test_many_names_in_one_sentence_is_linear():
    # a fuzz mutant (repeated words) made the persons' clause reading walk back over every name
    # before each one: 60 s for 76 KB; the look back is bounded now
    unit = "اختطف مسلحون الطبيب سامر خليل الحسن و"
    small, big = cpu_seconds(_run, unit * 500), cpu_seconds(_run, unit * 2000)
    assert big < max(2.0, small * 10), (small, big)


def test_many_drones_villages_and_threats_in_one_sentence_is_linear():
    # the drone-borne adjective, the threat look-back and the unlisted villages of a quoted list
    # walk bounded neighbourhoods, not every weapon word or place of the sentence
    unit = "وخطر الطائرات المسيرة المفخخة على قرية “زنبوطة” غربي حماة و"
    small, big = cpu_seconds(_run, unit * 300), cpu_seconds(_run, unit * 1200)
    assert big < max(2.0, small * 10), (small, big)


def test_many_dead_and_acts_by_their_means_in_one_sentence_is_linear():
    # a fuzz mutant (repeated words on one long line) took 52 s: every death word looked at every act
    # word of the sentence (whose dead they are), and every act word searched the sentence from its
    # start for a crime charged
    for unit in ("قتل مدني بقصف على بلدة سراقب ", "أسفر القصف عن مقتل ثلاثة مدنيين بتهمة "):
        # eight times the text: about eight times the time (it was sixty-four)
        small, big = cpu_seconds(_run, unit * 500), cpu_seconds(_run, unit * 4000)
        assert big < max(2.0, small * 14), (unit, small, big)


def test_many_pair_first_words_and_places_inside_actors_is_linear():
    # a fuzz mutant of 781 KB spent most of its time reading the words after every first word of a
    # two-word trigger ("قصف", "شن", "فكك"); one of 1.3 MB compared every place with every actor
    unit = "شن الطيران قصفا وفكك عناصر شرطة ديالى عبوة في قوات سوريا الديمقراطية "
    small, big = cpu_seconds(_run, unit * 500), cpu_seconds(_run, unit * 4000)
    assert big < max(2.0, small * 14), (small, big)
