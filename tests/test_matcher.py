from rasd.matcher import Lexicon
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
