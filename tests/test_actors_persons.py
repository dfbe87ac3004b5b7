from conftest import doc_of

from rasd.events import recognize
from rasd.recognize.persons import fold_name


def actors(text, res, published="2022-05-01"):
    doc = doc_of(text, published)
    return [(m.surface, m.value.name, m.value.type) for m in recognize(doc, res)["actors"]]


def test_specific_forms_with_clitics(res):
    got = actors("اشتبكت قوات سوريا الديمقراطية مع خلايا لداعش قرب الحسكة", res)
    names = [g[1] for g in got]
    assert "Syrian Democratic Forces" in names and "Islamic State" in names


def test_generic_form_needs_the_actor_or_its_country(res):
    # "التنظيم" is the Islamic State only where the article names it
    assert [g[1] for g in actors("قال التنظيم في بيان إنه سيواصل", res)] == []
    assert "Islamic State" in [g[1] for g in actors("هاجم داعش حاجزا، وقال التنظيم إنه قتل جنديين", res)]


def test_period_of_validity_picks_the_actor(res):
    before = actors("قصف الجيش السوري بلدة في ريف إدلب", res, "2023-01-01")
    after = actors("قصف الجيش السوري بلدة في ريف إدلب", res, "2025-03-01")
    assert before and after and before[0][1] != after[0][1]
    assert "2000-2024" in before[0][1] and "2024-" in after[0][1]


def test_actor_types_are_acled_types(res):
    for a in res.actors.values():
        assert a.type in {"state", "rebel", "political_militia", "identity_militia", "rioters", "protesters",
                          "civilians", "external", "unknown"}


def test_at_least_80_actors_with_arabic_forms(res):
    assert len(res.actors) >= 80


def test_kunya_aliases_and_folding(res):
    text = ('أعلن تنظيم داعش مقتل زعيمه أبو الحسن الهاشمي القرشي، الذي اتخذ عدداً من الأسماء منها '
            '"أبو عبد الرحمن العراقي" و"سيف بغداد".')
    doc = doc_of(text)
    ps = recognize(doc, res)["persons"]
    main = [p for p in ps if p.meta.get("alias_of") is None]
    assert main[0].surface == "أبو الحسن الهاشمي القرشي"
    assert set(main[0].meta["aliases"]) >= {"أبو عبد الرحمن العراقي", "سيف بغداد"}
    for p in ps:
        assert doc.text[p.start:p.end] == p.surface


def test_fold_name_case_forms_and_nisba_variants():
    assert fold_name("أبي الحسن القريشي") == fold_name("أبو الحسن القرشي") == fold_name("أبا الحسن القرشي")


def test_titles_and_stated_aliases(res):
    doc = doc_of("ويتزعم الخلية المدعو رامي الخطيب، الملقب بـ\"الذيب\" كما يعرف بكنية \"أبو حمزة\" بين عناصره.")
    ps = recognize(doc, res)["persons"]
    first = [p for p in ps if p.meta.get("alias_of") is None][0]
    assert first.surface == "رامي الخطيب"
    assert "الذيب" in first.meta["aliases"]
