"""The whole region: the first-level divisions of every country rasd covers in depth, their Arabic
names, the towns conflict news names in each, names shared across countries resolved by what the
article says, the actors of each conflict, and Maghrebi and Hijri months. The sentences are ours."""

from datetime import date

import pytest
from conftest import doc_of

from rasd.data import read_tsv
from rasd.events import recognize
from rasd.normalize import normalize
from rasd.recognize.dates import find, resolve
from rasd.resources import load_places

REGION = ("LB", "PS", "IL", "JO", "YE", "SD", "LY", "SO", "EG", "SY", "IQ")


@pytest.fixture(scope="module")
def gaz():
    return load_places()


@pytest.mark.parametrize("iso", REGION)
def test_admin1_are_iso_3166_2(gaz, iso):
    pycountry = pytest.importorskip("pycountry")
    _, _, admin1 = gaz
    subs = list(pycountry.subdivisions.get(country_code=iso))
    # the provinces themselves, not a region above them (Iraq's Kurdistan Region)
    want = {s.code for s in subs if not any(t.parent_code == s.code for t in subs)}
    have = {c for c in admin1 if c.startswith(iso + "-")}
    assert have == want


def test_region_admin1_rows_have_english_names_and_a_source():
    rows = [r for _, r in read_tsv("admin1_names.tsv", ("code", "name", "names_ar", "capital_lat", "capital_lon"))]
    codes = {r["code"] for r in rows}
    for iso in ("LB", "PS", "IL", "JO", "YE", "SD", "LY", "SO", "EG"):
        assert any(c.startswith(iso + "-") for c in codes), iso
    for r in rows:
        if r["code"][:2] in {"SY", "IQ"}:
            continue
        assert r["name"].isascii() and r["names_ar"] and r["source"].startswith("GeoNames:"), r["code"]
        assert -90 <= float(r["capital_lat"]) <= 90 and -180 <= float(r["capital_lon"]) <= 180


def _admin1_of(form: str, gaz) -> set[str]:
    _, lex, _ = gaz
    n = normalize(form)
    hits = [h for h in lex.find(n) if h.start == 0 and h.end == len(n)]
    return {p.admin1_code for h in hits for p in h.payloads if p.kind == "admin1"}


@pytest.mark.parametrize("form,code", [
    ("جنوب لبنان", "LB-JA"), ("الجنوب اللبناني", "LB-JA"), ("النبطية", "LB-NA"), ("البقاع", "LB-BI"),
    ("بعلبك الهرمل", "LB-BH"), ("عكار", "LB-AK"), ("جبل لبنان", "LB-JL"), ("شمال لبنان", "LB-AS"),
    ("بيروت", "LB-BA"),
    ("جنين", "PS-JEN"), ("طوباس", "PS-TBS"), ("طولكرم", "PS-TKM"), ("نابلس", "PS-NBS"), ("قلقيلية", "PS-QQA"),
    ("سلفيت", "PS-SLT"), ("رام الله والبيرة", "PS-RBH"), ("محافظة أريحا", "PS-JRH"), ("محافظة القدس", "PS-JEM"),
    ("بيت لحم", "PS-BTH"), ("الخليل", "PS-HBN"), ("شمال غزة", "PS-NGZ"), ("غزة", "PS-GZA"), ("دير البلح", "PS-DEB"),
    ("خان يونس", "PS-KYS"), ("رفح", "PS-RFH"),
    ("الحديدة", "YE-HU"), ("مأرب", "YE-MA"), ("تعز", "YE-TA"), ("صعدة", "YE-SD"), ("شبوة", "YE-SH"),
    ("أبين", "YE-AB"), ("حضرموت", "YE-HD"), ("الضالع", "YE-DA"), ("أمانة العاصمة", "YE-SA"), ("سقطرى", "YE-SU"),
    ("الخرطوم", "SD-KH"), ("شمال دارفور", "SD-DN"), ("الجزيرة", "SD-GZ"), ("شمال كردفان", "SD-KN"),
    ("غرب كردفان", "SD-GK"), ("جنوب كردفان", "SD-KS"), ("النيل الأزرق", "SD-NB"), ("سنار", "SD-SI"),
    ("بنغازي", "LY-BA"), ("مصراتة", "LY-MI"), ("الجبل الغربي", "LY-JG"), ("الجفارة", "LY-JI"), ("سرت", "LY-SR"),
    ("الزاوية", "LY-ZA"), ("درنة", "LY-DR"), ("وادي الشاطئ", "LY-WS"),
    ("بنادر", "SO-BN"), ("شبيلي السفلى", "SO-SH"), ("شبيلي الوسطى", "SO-SD"), ("جوبا السفلى", "SO-JH"),
    ("جوبا الوسطى", "SO-JD"), ("جدو", "SO-GE"), ("هيران", "SO-HI"), ("جلجدود", "SO-GA"), ("إقليم باي", "SO-BY"),
    ("شمال سيناء", "EG-SIN"), ("جنوب سيناء", "EG-JS"), ("الإسماعيلية", "EG-IS"), ("القاهرة", "EG-C"),
    ("المفرق", "JO-MA"), ("إربد", "JO-IR"), ("الزرقاء", "JO-AZ"), ("معان", "JO-MN"), ("الكرك", "JO-KA"),
    ("حيفا", "IL-HA"), ("المنطقة الشمالية", "IL-Z"),
])
def test_arabic_names_of_provinces(gaz, form, code):
    assert code in _admin1_of(form, gaz)


@pytest.mark.parametrize("form,code,lat,lon", [
    ("صريفا", "LB-JA", 33.29, 35.39), ("برج الشمالي", "LB-JA", 33.27, 35.24), ("مشغرة", "LB-BI", 33.53, 35.65),
    ("بنت جبيل", "LB-NA", 33.12, 35.43), ("عيتا الشعب", "LB-NA", 33.10, 35.33), ("كفركلا", "LB-NA", 33.28, 35.55),
    ("مرجعيون", "LB-NA", 33.36, 35.59), ("حارة حريك", "LB-JL", 33.85, 35.51), ("مخيم عين الحلوة", "LB-JA", 33.54, 35.38),
    ("جباليا", "PS-NGZ", 31.53, 34.48), ("النصيرات", "PS-DEB", 31.45, 34.39), ("بيت لاهيا", "PS-NGZ", 31.55, 34.50),
    ("الشجاعية", "PS-GZA", 31.50, 34.48), ("مخيم الشاطئ", "PS-GZA", 31.53, 34.45), ("مخيم جنين", "PS-JEN", 32.46, 35.29),
    ("نور شمس", "PS-TKM", 32.32, 35.06), ("طمون", "PS-TBS", 32.28, 35.38), ("ترمسعيا", "PS-RBH", 32.04, 35.29),
    ("حوارة", "PS-NBS", 32.15, 35.26), ("معبر كرم أبو سالم", "PS-RFH", 31.23, 34.27),
    ("رأس عيسى", "YE-HU", 15.12, 42.83), ("الصليف", "YE-HU", 15.31, 42.67), ("المخا", "YE-TA", 13.32, 43.25),
    ("الفاشر", "SD-DN", 13.63, 25.35), ("أم درمان", "SD-KH", 15.64, 32.48), ("ود مدني", "SD-GZ", 14.40, 33.52),
    ("الأبيض", "SD-KN", 13.18, 30.22), ("الجنينة", "SD-DW", 13.45, 22.45), ("مخيم زمزم", "SD-DN", 13.49, 25.31),
    ("بنغازي", "LY-BA", 32.11, 20.07), ("ترهونة", "LY-MB", 32.43, 13.63), ("غريان", "LY-JG", 32.17, 13.02),
    ("مصراتة", "LY-MI", 32.38, 15.09), ("السدرة", "LY-SR", 30.63, 18.35),
    ("مقديشو", "SO-BN", 2.04, 45.34), ("كسمايو", "SO-JH", -0.36, 42.55), ("بلدوين", "SO-HI", 4.74, 45.20),
    ("بيدوا", "SO-BY", 3.11, 43.65), ("جوهر", "SO-SD", 2.78, 45.50), ("مركا", "SO-SH", 1.72, 44.77),
    ("العريش", "EG-SIN", 31.13, 33.80), ("الشيخ زويد", "EG-SIN", 31.22, 34.11), ("بئر العبد", "EG-SIN", 31.02, 33.01),
    ("رفح المصرية", "EG-SIN", 31.28, 34.24),
    ("الرويشد", "JO-MA", 32.50, 38.20), ("الرمثا", "JO-IR", 32.56, 36.01),
])
def test_towns_lie_in_their_province(gaz, form, code, lat, lon):
    _, lex, _ = gaz
    n = normalize(form)
    hits = [h for h in lex.find(n) if h.start == 0 and h.end == len(n)]
    cands = [p for h in hits for p in h.payloads if p.kind not in {"admin1", "admin2", "country"}]
    assert any(p.admin1_code == code and abs(p.lat - lat) < 0.1 and abs(p.lon - lon) < 0.1 for p in cands), \
        [(p.name, p.admin1_code, p.lat, p.lon) for p in cands]


def test_every_curated_place_cites_a_source():
    for lineno, r in read_tsv("places_curated.tsv", ("name", "lat", "lon", "source")):
        assert r["source"], f"places_curated.tsv:{lineno}"


def places_of(text, res):
    return [(m.value.name, m.value.iso, m.value.admin1_code, m.value.lat, m.value.lon)
            for m in recognize(doc_of(text), res)["places"]]


def actors_of(text, res):
    return [(m.value.name, m.value.type) for m in recognize(doc_of(text), res)["actors"]]


@pytest.mark.parametrize("text,code,lat,lon", [
    ("أغارت طائرة مسيرة على دراجة نارية عند مدخل بلدة كفركلا صباح اليوم", "LB-NA", 33.28, 35.55),
    ("انتشلت فرق الإنقاذ جثامين من تحت الأنقاض في مخيم النصيرات", "PS-DEB", 31.45, 34.39),
    ("اقتحمت آليات عسكرية بلدة طمون وحاصرت منزلا فيها", "PS-TBS", 32.28, 35.38),
    ("استهدفت غارات جوية ميناء رأس عيسى النفطي مساء الخميس", "YE-HU", 15.12, 42.83),
    ("قصفت مسيرة سوقا شعبيا في مدينة الأبيض", "SD-KN", 13.18, 30.22),
    ("اندلعت اشتباكات عنيفة في مدينة ترهونة جنوب شرق العاصمة", "LY-MB", 32.43, 13.63),
    ("انفجرت عبوة ناسفة بسيارة عسكرية في مدينة جوهر", "SO-SD", 2.78, 45.50),
    ("هاجم مسلحون كمينا أمنيا على الطريق الدولي قرب مدينة بئر العبد", "EG-SIN", 31.02, 33.01),
    ("أحبطت قوة عسكرية محاولة تسلل قرب بلدة الرويشد", "JO-MA", 32.50, 38.20),
    ("قصفت المدفعية قرية قرب مدينة بعلبك", "LB-BH", 34.01, 36.21),
])
def test_a_sentence_per_country_resolves_place_and_province(res, text, code, lat, lon):
    ps = places_of(text, res)
    assert any(c == code and abs(a - lat) < 0.1 and abs(b - lon) < 0.1 for _, _, c, a, b in ps), ps


@pytest.mark.parametrize("text,iso,code", [
    # أريحا: Jericho (Palestine) or Ariha (Idlib)
    ("اقتحمت قوات الاحتلال مدينة أريحا فجر اليوم واعتقلت ثلاثة شبان", "PS", "PS-JRH"),
    ("قصفت قوات النظام السوري مدينة أريحا وجبل الأربعين", "SY", "SY-ID"),
    # الزاوية: the Libyan city, with a Libyan actor
    ("تجددت الاشتباكات بين جهاز دعم الاستقرار ومجموعة مسلحة في مدينة الزاوية", "LY", "LY-ZA"),
    # ذيبان: Deir ez-Zor or Madaba
    ("هاجم عناصر من داعش نقطة لقسد في بلدة ذيبان شرقي دير الزور", "SY", "SY-DY"),
    ("ضبطت القوات المسلحة الأردنية شحنة أسلحة في بلدة ذيبان", "JO", "JO-MD"),
    # رفح: Gaza or Sinai
    ("قصفت مدفعية الاحتلال منازل في رفح جنوبي قطاع غزة", "PS", "PS-RFH"),
    ("هاجم عناصر من ولاية سيناء دورية للجيش المصري قرب مدينة رفح", "EG", "EG-SIN"),
    # طرابلس: Libya or Lebanon
    ("دهم الجيش اللبناني منزل مطلوب في مدينة طرابلس", "LB", "LB-AS"),
    ("اندلعت اشتباكات بين قوة الردع وجهاز دعم الاستقرار في طرابلس", "LY", "LY-TB"),
    # الخيام: the south Lebanon town
    ("استهدف حزب الله تجمعا لجنود الاحتلال قرب بلدة الخيام", "LB", "LB-NA"),
    # الشيخ زويد: Sinai
    ("قتل مجندان في هجوم على كمين للجيش المصري جنوب الشيخ زويد", "EG", "EG-SIN"),
])
def test_shared_names_resolved_by_the_article(res, text, iso, code):
    ps = places_of(text, res)
    assert ps and all(i == iso for _, i, _, _, _ in ps), ps
    assert any(c == code for _, _, c, _, _ in ps), ps


@pytest.mark.parametrize("text,name,typ", [
    ("أعلن حزب الله استهداف موقع عسكري", "Hezbollah", "political_militia"),
    ("انتشرت وحدات الجيش اللبناني في البلدة", "Military Forces of Lebanon", "state"),
    ("اقتحم جيش الاحتلال الإسرائيلي المخيم", "Military Forces of Israel", "external"),
    ("أحرق مستوطنون محاصيل زراعية في قرية جنوب نابلس", "Settlers (Israel)", "identity_militia"),
    ("اعتدى عناصر من حرس الحدود الإسرائيلي على المصلين", "Police Forces of Israel", "external"),
    ("أعلنت كتائب القسام تفجير عبوة بقوة راجلة", "Al-Qassam Brigades", "rebel"),
    ("قالت سرايا القدس إنها قصفت موقعا عسكريا", "Saraya al-Quds", "rebel"),
    ("اعتقلت الأجهزة الأمنية الفلسطينية ناشطا في المدينة", "Police Forces of Palestine (Palestinian Authority)", "state"),
    ("اشتبكت كتيبة جنين مع القوات المقتحمة", "Jenin Brigade", "rebel"),
    ("شنت جماعة الحوثي هجوما بطائرات مسيرة", "Houthi Movement (Ansar Allah)", "rebel"),
    ("أعلنت قوات الحزام الأمني ضبط خلية في المدينة", "Southern Transitional Council", "political_militia"),
    ("تقدمت ألوية العمالقة في مديرية بيحان", "Giants Brigades", "political_militia"),
    ("تبنى تنظيم القاعدة في جزيرة العرب الهجوم", "Al-Qaeda in the Arabian Peninsula", "rebel"),
    ("شن طيران التحالف العربي غارات على مواقع الجماعة", "Saudi-led Coalition (Operation Restoring Hope)", "external"),
    ("قصفت قوات الدعم السريع أحياء المدينة", "Rapid Support Forces", "rebel"),
    ("استعادت القوات المسلحة السودانية السيطرة على الجسر", "Military Forces of Sudan", "state"),
    ("هاجمت قوات الجيش الوطني الليبي مواقع المسلحين", "Military Forces of Libya - Libyan National Army (Haftar)", "state"),
    ("أعلنت حركة الشباب مسؤوليتها عن التفجير", "Al-Shabaab", "rebel"),
    ("اشتبك الجيش الوطني الصومالي مع المسلحين", "Military Forces of Somalia", "state"),
    ("تبنى تنظيم ولاية سيناء الهجوم على الكمين", "Islamic State - Sinai Province", "rebel"),
    ("أعلنت القوات المسلحة الأردنية مقتل مهربين على الحدود", "Military Forces of Jordan", "state"),
])
def test_an_actor_per_conflict(res, text, name, typ):
    assert (name, typ) in actors_of(text, res)


def test_settlers_are_kept_in_a_west_bank_article_without_the_army(res):
    assert ("Settlers (Israel)", "identity_militia") in actors_of("هاجم مستوطنون منازل في بلدة ترمسعيا شمال رام الله", res)


@pytest.mark.parametrize("text,expected", [
    ("في 3 جانفي 2024", "2024-01-03"), ("يوم 12 فيفري 2023", "2023-02-12"), ("في 7 أفريل 2022", "2022-04-07"),
    ("في 2 ماي 2021", "2021-05-02"), ("في 14 جويلية 2020", "2020-07-14"), ("في 9 يوليوز 2023", "2023-07-09"),
    ("في 20 غشت 2022", "2022-08-20"), ("يوم 8 شتنبر 2023", "2023-09-08"), ("في 3 نونبر 2021", "2021-11-03"),
    ("في 25 دجنبر 2022", "2022-12-25"),
    ("في 10 محرم 1445", "2023-07-28"), ("في 1 المحرم 1445 هـ", "2023-07-19"),
    ("في 12 ربيع الأول 1445", "2023-09-27"), ("في 3 جمادى أولى 1444", "2022-11-27"),
    ("في 9 ذي الحجة 1444", "2023-06-27"),
])
def test_maghrebi_and_hijri_months(text, expected):
    found = find(normalize(text))
    assert found
    w = resolve(found[0], date(2024, 12, 1), None)
    assert w and w.start.isoformat() == expected == w.end.isoformat()


def test_a_lone_short_name_needs_more_than_itself(res):
    # "لوقف" reads as Egypt's al-Waqf; nothing else in the text is Egyptian, so it is no place
    assert places_of("تدخل رئيس الجلسة لوقف السجال بين النواب", res) == []


def test_an_adverb_is_not_a_village(res):
    # "جويًا" (by air) is spelled like the village Jwaya
    assert all(n != "Jwaya" for n, *_ in places_of("شن الحزب هجوما جويا على موقع عسكري", res))


def test_a_generic_form_goes_to_the_actor_the_article_names(res):
    # "الجيش الليبي" is both governments' army: where the article names the LNA, it is the LNA
    text = "قصفت قوات الجيش الوطني الليبي أحياء في طرابلس، وقال الجيش الليبي إن القصف استهدف مواقع عسكرية"
    names = {n for n, _ in actors_of(text, res)}
    assert "Military Forces of Libya - Libyan National Army (Haftar)" in names
    assert "Military Forces of Libya - Government of National Unity" not in names


def test_a_generic_form_of_a_foreign_force_where_it_fights(res):
    # "الاحتلال" alone is Israel's army in a Gaza article (Palestine is where it fights)
    assert ("Military Forces of Israel", "external") in actors_of("قصف الاحتلال منزلا في خان يونس", res)
    # and "الاحتلال التركي" is Turkey's, whatever weapon comes before it
    assert [n for n, _ in actors_of("قصفت مدفعية الاحتلال التركي قرى في ريف الحسكة", res)] == ["Military Forces of Turkey"]


def test_curated_places_lie_in_a_province_of_their_country_near_its_capital(gaz):
    import math

    _, _, admin1 = gaz
    far = {"SD", "LY", "SO", "YE", "EG", "SA", "IQ", "DZ", "SY", "JO"}  # provinces of 200 km or more
    for lineno, r in read_tsv("places_curated.tsv", ("name", "iso", "admin1_code", "lat", "lon")):
        code = r["admin1_code"]
        assert code in admin1 and code.startswith(r["iso"] + "-"), f"places_curated.tsv:{lineno}: {code}"
        cap = admin1[code]
        lat, lon = float(r["lat"]), float(r["lon"])
        d = 111 * math.hypot(lat - cap.lat, (lon - cap.lon) * math.cos(math.radians(lat)))
        assert d < (700 if r["iso"] in far else 120), f"places_curated.tsv:{lineno}: {r['name']} {d:.0f} km from {cap.name}"


def test_tel_aviv_is_a_place_not_the_israeli_army(res):
    text = "أعلنت جماعة الحوثي استهداف تل أبيب بطائرة مسيرة"
    assert [(c, n) for n, _, c, _, _ in places_of(text, res)] == [("IL-TA", "Tel Aviv")]
    assert "Military Forces of Israel" not in {n for n, _ in actors_of(text, res)}


def test_iraqi_kurdistan_is_in_iraq_not_the_iranian_province():
    from rasd import extract

    recs = extract([{"id": "t", "published": "2024-01-16", "text":
                     "شن الحرس الثوري الإيراني هجوما صاروخيا على مقرات في كردستان العراق اليوم الثلاثاء."}])
    assert [r["iso"] for r in recs] == ["IQ"] and recs[0]["admin1_code"] == "IQ-AR"


def test_a_page_from_gaza_reads_the_israeli_towns_it_names(res):
    from conftest import doc_of

    from rasd.events import recognize

    doc = doc_of("أطلقت سرايا القدس اليوم رشقة صواريخ على مدينة عسقلان ردا على اغتيال قائدها في حي الشجاعية بغزة.")
    assert {m.value.iso for m in recognize(doc, res)["places"]} == {"PS", "IL"}


def test_theatres_file_names_its_bad_line(tmp_path, monkeypatch):
    from conftest import assert_names_bad_line

    from rasd.recognize import places

    assert_names_bad_line(monkeypatch, tmp_path, "theatres.tsv", "country\talso\nPS\tIL\nLBN\tIL\n",
                          places.theatres, 3)


@pytest.mark.parametrize("text,expected", [
    # a short name of a province or a large city, told as where ("في", a clitic و/ب), is read even
    # where the text names another town of the country
    ("قصفت طائرات حربية مدينة حلب أمس، كما قصفت طائرات أخرى أحياء في حمص", ["SY-HL", "SY-HI"]),
    ("قتل شخصان في تعز وأصيب ثلاثة في عدن جراء قصف حوثي", ["YE-TA", "YE-AD"]),
    ("تظاهر المئات في تل أبيب والقدس مساء السبت", ["IL-TA", "IL-JM"]),
    ("اعتقلت الشرطة شابين بالقدس بعد مواجهات في يافا", ["IL-JM", "IL-TA"]),
])
def test_a_short_city_name_told_as_where_is_read(res, text, expected):
    assert [code for _, _, code, *_ in places_of(text, res)] == expected


@pytest.mark.parametrize("text", [
    "دخلوا جنات عدن في الآخرة",  # Eden, not Aden: no preposition of place before it
    "قال إن عدن مدينة السلام",  # no preposition, and nothing else says Yemen
    "وقف إطلاق النار في غزة ولوقف الحرب",  # "لوقف": a clitic ل is no place preposition
])
def test_a_name_that_is_also_a_word_needs_a_preposition_of_place(res, text):
    assert all(code not in {"YE-AD", "EG-MT"} for _, _, code, *_ in places_of(text, res))


def test_a_dual_names_both_towns_of_one_act(res):
    from rasd import extract

    text = "شهدت مدينتا تل أبيب والقدس، مساء السبت، احتجاجات واسعة ضد الحكومة."
    out = extract([{"id": "d", "text": text, "published": "2025-08-10"}])
    assert sorted((e["admin1_code"], e["sub_event_type"]) for e in out) == [
        ("IL-JM", "Peaceful protest"), ("IL-TA", "Peaceful protest")]
    assert {e["event_date"] for e in out} == {"2025-08-09"}


@pytest.mark.parametrize("text,expected", [
    # one act at two towns joined by و: one event at each, as ACLED codes them
    ("قصفت قوات النظام بالمدفعية بلدتي كفرنبل وسراقب في ريف إدلب صباح اليوم", 2),
    ("قصفت قوات النظام بالمدفعية قرية معرتحرمة وبلدة حيش في ريف إدلب صباح اليوم", 2),
    # the second town of a dual is a town even where its name is also a word ("الخيام": the tents);
    # after a singular cue it is not read
    ("شن الطيران الإسرائيلي غارات على بلدتي كفركلا والخيام جنوبي لبنان صباح اليوم", 2),
    ("شن الطيران الإسرائيلي غارات على بلدة كفركلا والخيام جنوبي لبنان صباح اليوم", 1),
    # the two ends of a road are one place
    ("فككت فرق الهندسة عبوة ناسفة على الطريق الواصل بين سرمدا ومعبر باب الهوى صباح اليوم", 1),
])
def test_one_act_at_two_towns(text, expected):
    from rasd import extract

    out = extract([{"id": "d", "text": text, "published": "2025-08-10"}])
    assert len(out) == expected, [(e["location"], e["sub_event_type"]) for e in out]
    assert len({e["event_id"] for e in out}) == expected


@pytest.mark.parametrize("text,expected", [
    # nothing but the name says the country: the province of that name, else the largest town
    ("قتل ثلاثة مدنيين في قصف على مدينة الرقة أمس.", "SY"),
    ("قتل ثلاثة مدنيين في قصف على مدينة القنيطرة أمس.", "SY"),
    ("قتل ثلاثة في رفح أمس", "PS"),
    # a nationality word or an actor still decides
    ("قتل جنديان في هجوم على كمين في مدينة رفح المصرية أمس.", "EG"),
    ("اعتقلت الشرطة المغربية شخصين في مدينة القنيطرة", "MA"),
])
def test_a_name_shared_by_countries_with_nothing_else_to_go_by(res, text, expected):
    assert [iso for _, iso, *_ in places_of(text, res)] == [expected]


def test_the_black_market_is_no_village(res):
    assert [code for _, _, code, *_ in places_of("ارتفع سعر الطحين في السوق السوداء في دير الزور", res)] == ["SY-DY"]


def test_a_short_province_name_after_a_preposition_of_direction(res):
    # "على رفح", "إلى عدن": told as where, like "في رفح"
    assert [code for _, _, code, *_ in places_of("أصيب عشرة في قصف مدفعي على رفح", res)] == ["PS-RFH"]
