from hypothesis import given
from hypothesis import strategies as st

from rasd.matcher import Lexicon, LexiconGroup
from rasd.normalize import normalize


def _find(lex, text):
    norm = normalize(text)
    return [norm[h.start:h.end] for h in lex.find(norm)]


def test_clitics_and_article_do_not_stop_a_match():
    lex = Lexicon()
    lex.add("درعا", "DR")
    lex.add("داعش", "IS")
    lex.add("التنظيم", "IS")
    assert _find(lex, "بريف درعا") == ["درعا"]
    assert _find(lex, "في درعا ولداعش وللتنظيم") == ["درعا", "ولداعش", "وللتنظيم"]


def test_word_boundaries_and_required_article():
    lex = Lexicon()
    lex.add("الجيش السوري", "SAA")
    lex.add("درعا", "DR")
    assert _find(lex, "ودرعاوي ومدرعا") == []
    assert _find(lex, "جيش السوري") == []  # the form needs its article
    assert _find(lex, "والجيش السوري") == ["والجيش السوري"]


def test_longest_match_wins():
    lex = Lexicon()
    lex.add("دمشق", "DI")
    lex.add("ريف دمشق", "RD")
    hits = Lexicon.find(lex, normalize("في ريف دمشق"))
    assert [h.payloads for h in hits] == [("RD",)]


_GROUP_FORMS = ["درعا", "ريف درعا", "الجيش", "الجيش السوري", "جيش", "داعش", "التنظيم", "قصف", "القصف المدفعي",
                "عبوة", "عبوة ناسفة", "مقتل", "السوري", "ابو", "ابو كمال", "2", "22"]


def _lexicons(seed: int) -> list[Lexicon]:
    import random

    rnd = random.Random(seed)
    out = []
    for k in range(3):
        lex = Lexicon()
        for form in rnd.sample(_GROUP_FORMS, 9):
            lex.add(form, f"{k}:{form}")
        out.append(lex)
    return out


@given(st.lists(st.sampled_from(_GROUP_FORMS + ["و", "ب", "لل", "وال", " ", "،", "x", "في", "1"]), max_size=25),
       st.integers(0, 20))
def test_a_group_finds_what_each_lexicon_finds_alone(words, seed):
    # one pass of the merged automaton gives each lexicon its own hits, in its own order
    norm = normalize(" ".join(words)) + "".join(words[:3])
    alone, grouped = _lexicons(seed), _lexicons(seed)
    LexiconGroup(grouped)
    for a, b in zip(alone, grouped, strict=True):
        assert a.find(norm, longest=False) == b.find(norm, longest=False)
        assert a.find(norm) == b.find(norm)
    grouped[0].add("درعا البلد", "new")  # a lexicon that grows is matched with its new forms
    alone[0].add("درعا البلد", "new")
    assert alone[0].find(norm) == grouped[0].find(norm)
