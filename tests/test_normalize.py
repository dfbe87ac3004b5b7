from hypothesis import given
from hypothesis import strategies as st

from rasd.normalize import _table, _translate, normalize, normalize_with_map


def test_folds_alef_hamza_ta_marbuta_alef_maqsura_and_digits():
    assert normalize("أإآٱ") == "اااا"
    assert normalize("مدرسة") == "مدرسه"
    assert normalize("مستشفى") == "مستشفي"
    assert normalize("مؤتمر رئيس") == "موتمر رييس"
    assert normalize("١٢٣ ۴۵") == "123 45"
    assert normalize("کرکووک گ ی") == "كركووك ك ي"


def test_removes_diacritics_and_tatweel_and_keeps_offsets():
    text = "قُتِلَ عنصرـــان في درعا"
    norm, nmap = normalize_with_map(text)
    assert norm == "قتل عنصران في درعا"
    assert len(nmap) == len(norm) + 1 and nmap[-1] == len(text)
    i = norm.index("درعا")
    assert text[nmap[i]:nmap[i + 3] + 1] == "درعا"


@given(st.text(alphabet="قتلَُِّـ درعاأإةى١٢ A", max_size=60))
def test_offset_map_is_monotone_and_points_at_source_characters(text):
    norm, nmap = normalize_with_map(text)
    assert len(nmap) == len(norm) + 1
    assert all(a < b for a, b in zip(nmap, nmap[1:], strict=False))
    for i, ch in enumerate(norm):
        assert normalize(text[nmap[i]]) in (ch, "")  or ch == " "


_MAPPED = "".join(sorted(chr(cp) for cp in _table()))


@given(st.text(alphabet=st.sampled_from(_MAPPED) | st.characters(), max_size=80))
def test_fast_translation_is_the_character_map(text):
    # the list-indexed table and the pattern for characters past the Arabic block give what the map says
    assert _translate(text) == text.translate(_table())
