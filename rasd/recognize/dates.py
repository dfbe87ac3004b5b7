"""Date expressions in Arabic news and their resolution into ACLED date windows.

Recognition is token based and driven by data (months.tsv, date_words.tsv, number_words.tsv):
Gregorian dates with Levantine, Egyptian/Gulf and Maghrebi month names and paired forms
("تشرين الأول/ أكتوبر"), Hijri dates, numeric dates (2022.02.10, 26/05/2026), weekdays, relative
days (أمس، أول أمس، فجر اليوم), "N days ago", relative periods (الأسبوع الماضي، الشهر الجاري) and
parts of months and years (مطلع، منتصف، أواخر). Resolution follows SCHEMA.md's conventions.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from rasd.data import read_tsv
from rasd.recognize.numbers import parse_exact, parse_ordinal_day
from rasd.recognize.tokens import PhraseTable, Token, tokenize
from rasd.types import DateWindow

# the leading look-ahead (what the match starts with anyway) lets the scan skip to those characters
_NUMERIC_YMD = re.compile(r"(?=[12])(?<!\d)((?:19|20)\d\d)[./-](\d{1,2})[./-](\d{1,2})(?!\d)")
_NUMERIC_DMY = re.compile(r"(?=\d)(?<!\d)(\d{1,2})[./-](\d{1,2})[./-]((?:19|20)\d\d)(?!\d)")


@dataclass(frozen=True)
class W:
    kind: str
    value: object


@lru_cache(maxsize=1)
def words() -> PhraseTable:
    t = PhraseTable()
    for lineno, row in read_tsv("months.tsv", ("form", "month", "calendar")):
        m = int(row["month"])
        if not 1 <= m <= 12 or row["calendar"] not in {"gregorian", "hijri"}:
            raise ValueError(f"months.tsv:{lineno}: bad row {row}")
        t.add(row["form"], W("hmonth" if row["calendar"] == "hijri" else "month", m))
    for lineno, row in read_tsv("date_words.tsv", ("form", "kind", "value")):
        kind, value = row["kind"], row["value"]
        val: object = value
        if kind in {"weekday", "day"}:
            val = int(value)
        elif kind == "unit":
            val = (int(value), int(row.get("count") or 0))
        elif kind not in {"part", "period", "relmonth", "timeofday", "ago", "hijri", "year", "month_word"}:
            raise ValueError(f"date_words.tsv:{lineno}: unknown kind {kind!r}")
        t.add(row["form"], W(kind, val))
    return t


@dataclass(frozen=True)
class DateExpr:
    """A date expression before resolution. Offsets index the normalized text."""

    start: int
    end: int
    kind: str  # ymd | md | day_of | month | mpart | year | ypart | rel_day | weekday | ago | period | hijri
    year: int | None = None
    month: int | None = None
    day: int | None = None
    day_end: int | None = None
    part: str | None = None
    rel: str | None = None  # past | current | next for months; period name; weekday 'past'
    offset: int | None = None  # days (rel_day, ago)
    span: int = 0  # for 'ago' with a vague count: width of the window
    weekday: int | None = None
    tod: str | None = None

    @property
    def explicit_year(self) -> bool:
        return self.year is not None


def _year_at(toks: list[Token], i: int, hijri: bool = False) -> tuple[int, int] | None:
    """(tokens used, year) for 'YEAR', 'عام YEAR', 'سنة YEAR' at i."""
    j = i
    if j < len(toks):
        m = words().match(toks, j)
        if m and any(v.kind == "year" for v in m[1]):
            j += m[0]
    if j < len(toks) and toks[j].text.isdecimal() and len(toks[j].text) == 4:
        y = int(toks[j].text)
        if (1300 <= y <= 1500) if hijri else (1900 <= y <= 2100):
            return j + 1 - i, y
    return None


def _kinds(toks: list[Token], i: int) -> tuple[int, list[W]] | None:
    if i >= len(toks):
        return None
    m = words().match(toks, i)
    if not m:
        return None
    return m[0], m[1]


def _first(vals: list[W], kind: str) -> W | None:
    return next((v for v in vals if v.kind == kind), None)


def _month_at(toks: list[Token], i: int) -> tuple[int, int, str] | None:
    """(tokens used, month, 'month'|'hmonth') for 'شهر? MONTH (/ MONTH)?' at i."""
    j = i
    k = _kinds(toks, j)
    if k and _first(k[1], "month_word") and not (_first(k[1], "month") or _first(k[1], "hmonth")):
        j += k[0]
        k = _kinds(toks, j)
    if not k:
        return None
    mv = _first(k[1], "month") or _first(k[1], "hmonth")
    if not mv:
        return None
    m = words().match(toks, j)
    # "باب" is a door, not ب + آب: a short month name takes no clitic unless a day precedes it
    if (m and m[2] and m[0] == 1 and len(toks[j].text) <= 4 and j == i
            and (i == 0 or not toks[i - 1].text.isdigit())):
        return None
    j += k[0]
    # paired form: تشرين الأول/ أكتوبر, تشرين الأول أكتوبر, أكتوبر (تشرين الأول)
    sep = 1 if j + 1 < len(toks) and toks[j].text in {"/", "-", "،", "("} else 0
    k2 = _kinds(toks, j + sep) if j + sep < len(toks) else None
    if k2 and _first(k2[1], mv.kind) and _first(k2[1], mv.kind).value == mv.value:  # type: ignore[union-attr]
        j += sep + k2[0]
    return j - i, int(mv.value), mv.kind  # type: ignore[arg-type]


def _tail(toks: list[Token], j: int, hijri_month: bool = False) -> tuple[int, int | None, str | None, bool]:
    """After a month: optional year, optional الماضي/الجاري, optional Hijri marker."""
    year = None
    rel = None
    hijri = False
    y = _year_at(toks, j, hijri_month)
    if y:
        j += y[0]
        year = y[1]
    k = _kinds(toks, j)
    if k and _first(k[1], "hijri"):
        hijri = True
        j += k[0]
        k = _kinds(toks, j)
    if k and _first(k[1], "relmonth") and year is None:
        rel = str(_first(k[1], "relmonth").value)  # type: ignore[union-attr]
        j += k[0]
    return j, year, rel, hijri


def _day_number(toks: list[Token], i: int) -> tuple[int, int] | None:
    ex = parse_exact(toks, i) or parse_ordinal_day(toks, i)
    if ex and 1 <= ex[1] <= 31 and (not toks[i].text.isdigit() or len(toks[i].text) <= 2):
        return ex
    return None


_BEFORE_MONTH = frozenset({"في", "فى", "وفي", "خلال", "منذ", "مطلع", "اوايل", "اواسط", "منتصف", "اواخر", "بدايه",
                           "نهايه", "اخر", "حتي", "حتى", "قبل", "بعد", "من", "الى", "الي", "و", "او", "شهري", "بين"})


def find(norm: str, start: int = 0, end: int | None = None) -> list[DateExpr]:
    """Date expressions in norm[start:end], left to right, not overlapping."""
    end = len(norm) if end is None else end
    out: list[DateExpr] = []
    taken: list[tuple[int, int]] = []
    for rx, order in ((_NUMERIC_YMD, "ymd"), (_NUMERIC_DMY, "dmy")):
        for m in rx.finditer(norm, start, end):
            a, b, c = (int(x) for x in m.groups())
            y, mo, d = (a, b, c) if order == "ymd" else (c, b, a)
            if 1 <= mo <= 12 and 1 <= d <= calendar.monthrange(y, mo)[1]:
                out.append(DateExpr(m.start(), m.end(), "ymd", year=y, month=mo, day=d))
                taken.append((m.start(), m.end()))
    toks = tokenize(norm, start, end)
    if taken:
        toks = [t for t in toks if not any(a <= t.start < b for a, b in taken)]
    wt = words()
    from rasd.recognize.numbers import table as number_table

    nt = number_table()
    ws, ns = wt.starters(), nt.starters()
    # the grammar is tried only where a date can start: a number, يوم, a date or number word
    cands = [k for k, t in enumerate(toks) if (w := t.text) in ws or w in ns or w == "يوم" or w.isdigit()]
    i = 0
    for k in cands:
        if k < i:
            continue
        w = toks[k].text
        if not w.isdigit() and w != "يوم" and wt.match(toks, k) is None and nt.match(toks, k) is None:
            # a word that starts no date or number phrase here ("خلال" not followed by "الاسبوع"):
            # every rule of _at begins with one of these two lookups, so it would find nothing
            i = k + 1
            continue
        e, n = _at(toks, k)
        if e is not None:
            out.append(e)
            i = k + n
        else:
            i = k + 1
    out.sort(key=lambda e: e.start)
    return out


def _at(toks: list[Token], i: int) -> tuple[DateExpr | None, int]:  # noqa: C901 - one grammar
    s = toks[i].start
    tod = None
    j = i
    k = _kinds(toks, j)
    # time of day: فجر اليوم، مساء أمس، ليلة الأحد
    if k and _first(k[1], "timeofday") and not _first(k[1], "part"):
        tod = str(_first(k[1], "timeofday").value)  # type: ignore[union-attr]
        j += k[0]
        if j < len(toks) and toks[j].text in {"يوم", "اليوم"} and j + 1 < len(toks):
            k2 = _kinds(toks, j + 1)
            if k2 and _first(k2[1], "weekday"):
                j += 1
        k = _kinds(toks, j)
    elif toks[j].text == "يوم" and j + 1 < len(toks):
        k2 = _kinds(toks, j + 1)
        if k2 and (_first(k2[1], "weekday")):
            j += 1
            k = k2
    # part of a month or year: مطلع / منتصف / أواخر
    if k and _first(k[1], "part"):
        part = str(_first(k[1], "part").value)  # type: ignore[union-attr]
        p = j + k[0]
        mo = _month_at(toks, p)
        if mo:
            q, year, rel, _ = _tail(toks, p + mo[0])
            return DateExpr(s, toks[q - 1].end, "mpart", year=year, month=mo[1], part=part, rel=rel), q - i
        k2 = _kinds(toks, p)
        if k2:
            per = _first(k2[1], "period")
            if per:
                return DateExpr(s, toks[p + k2[0] - 1].end, "ppart", part=part, rel=str(per.value)), p + k2[0] - i
            if _first(k2[1], "year"):
                y = _year_at(toks, p)
                if y:
                    return DateExpr(s, toks[p + y[0] - 1].end, "ypart", year=y[1], part=part), p + y[0] - i
                # مطلع العام (this year)
                return DateExpr(s, toks[p + k2[0] - 1].end, "ppart", part=part, rel="this_year"), p + k2[0] - i
            if _first(k2[1], "month_word"):
                q = p + k2[0]
                k3 = _kinds(toks, q)
                rel = str(_first(k3[1], "relmonth").value) if k3 and _first(k3[1], "relmonth") else "current"  # type: ignore[union-attr]
                q += k3[0] if k3 and _first(k3[1], "relmonth") else 0
                name = {"past": "last_month", "current": "this_month", "next": "next_month"}[rel]
                return DateExpr(s, toks[q - 1].end, "ppart", part=part, rel=name), q - i
        y = _year_at(toks, p)
        if y:
            return DateExpr(s, toks[p + y[0] - 1].end, "ypart", year=y[1], part=part), p + y[0] - i
        return None, 1
    if k:
        per = _first(k[1], "period")
        if per:
            return DateExpr(s, toks[j + k[0] - 1].end, "period", rel=str(per.value), tod=tod), j + k[0] - i
        rd = _first(k[1], "day")
        if rd and rd.value == 0 and (
                (i > 0 and toks[i - 1].text in {"ذلك", "نفس", "ذات"})
                or (j + 1 < len(toks) and toks[j + 1].text in {"التالي", "نفسه", "ذاته", "السابق"})):
            return None, 1  # "في ذلك اليوم", "اليوم التالي": not the publication day
        if rd:
            q = j + k[0]
            wd = None
            k2 = _kinds(toks, q)
            if k2 and _first(k2[1], "weekday"):
                wd = int(_first(k2[1], "weekday").value)  # type: ignore[arg-type, union-attr]
                q += k2[0]
            # اليوم الثلاثاء 11 جوان: an explicit date right after wins
            if rd.value == 0 and wd is not None:
                e, n = _explicit(toks, q, s)
                if e:
                    return replace(e, weekday=wd, tod=tod), q + n - i
            return DateExpr(s, toks[q - 1].end, "rel_day", offset=int(rd.value), weekday=wd, tod=tod), q - i  # type: ignore[arg-type]
        wdw = _first(k[1], "weekday")
        if wdw:
            q = j + k[0]
            e, n = _explicit(toks, q, s)
            if e:
                return replace(e, weekday=int(wdw.value), tod=tod), q + n - i  # type: ignore[arg-type]
            rel = None
            k2 = _kinds(toks, q)
            if k2 and _first(k2[1], "relmonth"):
                rel = str(_first(k2[1], "relmonth").value)  # type: ignore[union-attr]
                q += k2[0]
            return DateExpr(s, toks[q - 1].end, "weekday", weekday=int(wdw.value), rel=rel, tod=tod), q - i  # type: ignore[arg-type]
        if _first(k[1], "ago"):
            q = j + k[0]
            cnt = None
            ex = parse_exact(toks, q)
            if ex:
                cnt = ex[1]
                q += ex[0]
            k2 = _kinds(toks, q)
            unit = _first(k2[1], "unit") if k2 else None
            if unit:
                days, dual = unit.value  # type: ignore[misc]
                q += k2[0]  # type: ignore[index]
                if cnt is None and dual:
                    cnt = dual
                if cnt is None:  # قبل أيام: a few days
                    return DateExpr(s, toks[q - 1].end, "ago", offset=days, span=days * 6, tod=tod), q - i
                return DateExpr(s, toks[q - 1].end, "ago", offset=cnt * days, span=0 if days == 1 else days // 2,
                                tod=tod), q - i
            return None, 1
    if tod:
        return None, 1
    e, n = _explicit(toks, i, s)
    if e:
        return e, n
    return None, 1


def _explicit(toks: list[Token], i: int, s: int) -> tuple[DateExpr | None, int]:
    """DAY (- DAY)? (من)? MONTH ... | MONTH ... | عام YEAR, starting at i."""
    if i >= len(toks):
        return None, 0
    d = _day_number(toks, i)
    if d:
        j = i + d[0]
        day_end = None
        if j + 1 < len(toks) and toks[j].text in {"-", "و", "/"}:
            d2 = _day_number(toks, j + 1)
            if d2 and d2[1] > d[1]:
                day_end = d2[1]
                j += 1 + d2[0]
        elif j < len(toks) and toks[j].text.startswith("و") and len(toks[j].text) > 1:
            from rasd.recognize.numbers import word_value
            v = word_value(toks[j].text)
            if v and d[1] < v <= 31 and j + 1 < len(toks) and _month_at(toks, j + 1):
                day_end = v
                j += 1
        if j < len(toks) and toks[j].text in {"من"}:
            j += 1
        k = _kinds(toks, j) if j < len(toks) else None
        per = _first(k[1], "period") if k else None
        if per and per.value in {"this_month", "last_month"} and toks[j - 1].text == "من":
            # "في السادس عشر من الشهر الجاري": a day of this (or last) month
            q = j + k[0]  # type: ignore[index]
            return DateExpr(s if s <= toks[i].start else toks[i].start, toks[q - 1].end, "day_of", day=d[1],
                            day_end=day_end, rel=str(per.value)), q - i
        mo = _month_at(toks, j)
        if mo:
            q, year, rel, hijri = _tail(toks, j + mo[0], mo[2] == "hmonth")
            kind = "hijri" if mo[2] == "hmonth" else "md"
            if kind == "hijri" and year is None:
                return None, 0
            return DateExpr(s if s <= toks[i].start else toks[i].start, toks[q - 1].end, kind, year=year,
                            month=mo[1], day=d[1], day_end=day_end, rel=rel), q - i
        return None, 0
    mo = _month_at(toks, i)
    if mo:
        if mo[2] == "hmonth":
            return None, 0  # a Hijri month name alone is usually a season (رمضان)
        q, year, rel, _ = _tail(toks, i + mo[0])
        if year is None and rel is None and mo[0] == 1 and not (i and toks[i - 1].text in _BEFORE_MONTH):
            # a month name alone, with no year, no "الماضي" and no preposition of time before it, is
            # a word: "مناطق أب دقلة", "مارس الجيش ضغوطا", "سيارة نيسان"
            return None, 0
        return DateExpr(toks[i].start, toks[q - 1].end, "month", year=year, month=mo[1], rel=rel), q - i
    k = _kinds(toks, i)
    if k and _first(k[1], "year"):
        y = _year_at(toks, i)
        if y:
            return DateExpr(toks[i].start, toks[i + y[0] - 1].end, "year", year=y[1]), y[0]
    return None, 0


# --------------------------------------------------------------------------- resolution


def _month_window(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])


def _part_of_month(y: int, m: int, part: str) -> tuple[date, date]:
    last = calendar.monthrange(y, m)[1]
    lo, hi = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}[part]
    return date(y, m, lo), date(y, m, hi)


def _part_of_year(y: int, part: str) -> tuple[date, date]:
    lo, hi = {"early": (1, 3), "mid": (4, 9), "late": (10, 12)}[part]
    return date(y, lo, 1), date(y, hi, calendar.monthrange(y, hi)[1])


def _week_start(d: date) -> date:
    """Weeks start on Saturday (weekday() == 5)."""
    return d - timedelta(days=(d.weekday() - 5) % 7)


def _year_for_month(m: int, rel: str | None, pub: date | None, ctx_year: int | None,
                    day: int | None = None) -> int | None:
    if pub is None:
        return ctx_year
    if rel == "current":
        return pub.year
    if rel == "next":
        return pub.year if m > pub.month else pub.year + 1
    y = pub.year
    probe = date(y, m, min(day or 1, calendar.monthrange(y, m)[1]))
    if rel == "past":
        if m >= pub.month:
            y -= 1
        return y
    if probe > pub:
        y -= 1
    return y


def resolve(e: DateExpr, pub: date | None, ctx_year: int | None = None) -> DateWindow | None:
    """The window of an expression given the publication date (or None where it cannot be known)."""
    w = _resolve(e, pub, ctx_year)
    if w is None:
        return None
    lo, hi, prec = w
    if pub is not None and hi > pub and e.kind not in {"ymd", "hijri"} and not (e.kind == "md" and e.year):
        if lo > pub:
            return None  # wholly after publication: a plan or a forecast, not an event date
        hi = pub
    if hi < lo:
        return None
    return DateWindow(lo, hi, prec)


def _resolve(e: DateExpr, pub: date | None, ctx_year: int | None) -> tuple[date, date, int] | None:  # noqa: C901
    try:
        if e.kind == "ymd":
            d = date(e.year, e.month, e.day)  # type: ignore[arg-type]
            return d, d, 1
        if e.kind == "hijri":
            from hijridate import Hijri

            g = Hijri(e.year, e.month, e.day).to_gregorian()  # type: ignore[arg-type]
            d = date(g.year, g.month, g.day)
            return d, d, 1
        if e.kind == "md":
            y = e.year or _year_for_month(e.month, e.rel, pub, ctx_year, e.day)  # type: ignore[arg-type]
            if y is None:
                return None
            lo = date(y, e.month, e.day)  # type: ignore[arg-type]
            hi = date(y, e.month, e.day_end) if e.day_end else lo  # type: ignore[arg-type]
            return lo, hi, 1 if hi == lo else 2
        if e.kind == "month":
            y = e.year or _year_for_month(e.month, e.rel, pub, ctx_year)  # type: ignore[arg-type]
            if y is None:
                return None
            lo, hi = _month_window(y, e.month)  # type: ignore[arg-type]
            return lo, hi, 3
        if e.kind == "mpart":
            y = e.year or _year_for_month(e.month, e.rel, pub, ctx_year)  # type: ignore[arg-type]
            if y is None:
                return None
            lo, hi = _part_of_month(y, e.month, e.part)  # type: ignore[arg-type]
            return lo, hi, 2
        if e.kind == "year":
            return date(e.year, 1, 1), date(e.year, 12, 31), 3  # type: ignore[arg-type]
        if e.kind == "ypart":
            lo, hi = _part_of_year(e.year, e.part)  # type: ignore[arg-type]
            return lo, hi, 3
        if pub is None:
            return None
        if e.kind == "day_of":
            y, m = pub.year, pub.month
            if e.rel == "last_month":
                y, m = (y - 1, 12) if m == 1 else (y, m - 1)
            last = calendar.monthrange(y, m)[1]
            if e.day > last:  # type: ignore[operator]
                return None
            lo = date(y, m, e.day)  # type: ignore[arg-type]
            hi = date(y, m, min(e.day_end, last)) if e.day_end else lo
            return lo, hi, 1 if hi == lo else 2
        if e.kind == "rel_day":
            d = pub + timedelta(days=e.offset or 0)
            return d, d, 1
        if e.kind == "weekday":
            back = (pub.isoweekday() - (e.weekday or 1)) % 7
            if e.rel == "past" and back == 0:
                back = 7
            d = pub - timedelta(days=back)
            return d, d, 1
        if e.kind == "ago":
            d = pub - timedelta(days=e.offset or 0)
            if e.span:
                return d - timedelta(days=e.span // 2 if e.offset != 1 else 0), min(pub, d + timedelta(days=e.span)), 2
            return d, d, 1
        if e.kind in {"period", "ppart"}:
            r = e.rel
            if r == "this_week":
                return _week_start(pub), pub, 2
            if r == "last_week":
                ws = _week_start(pub)
                return ws - timedelta(days=7), ws - timedelta(days=1), 2
            if r in {"this_month", "last_month", "next_month"}:
                y, m = pub.year, pub.month
                if r == "last_month":
                    y, m = (y - 1, 12) if m == 1 else (y, m - 1)
                if e.kind == "ppart":
                    lo, hi = _part_of_month(y, m, e.part)  # type: ignore[arg-type]
                    return lo, hi, 2
                lo, hi = _month_window(y, m)
                return lo, (pub if r == "this_month" else hi), 3
            if r in {"this_year", "last_year"}:
                y = pub.year - (r == "last_year")
                if e.kind == "ppart":
                    lo, hi = _part_of_year(y, e.part)  # type: ignore[arg-type]
                    return lo, hi, 3
                return date(y, 1, 1), (pub if r == "this_year" else date(y, 12, 31)), 3
        return None
    except (ValueError, OverflowError, TypeError):
        return None


# --------------------------------------------------------------------------- publication date


_DATELINE_HINT = re.compile(r"تاريخ النشر|نشر في|نشر بتاريخ|اخر تحديث|تحديث|published", re.I)


def read_dateline(norm_head: str) -> date | None:
    """The publication date written in a page's head: '2022.02.10 | 10:00 دمشق',
    'الأربعاء 3 تموز 2024', 'تاريخ النشر: 26.05.2026'. ``norm_head`` is normalized text of the
    first lines of the page (one line per line)."""
    for line in norm_head.split("\n")[:15]:
        line = line.strip()
        if not line:
            continue
        short = sum(1 for w in line.split() if any(c.isalnum() for c in w)) <= 10 or bool(_DATELINE_HINT.search(line))
        if not short:
            continue
        for e in find(line):
            if e.kind == "ymd" or (e.kind == "md" and e.year) or (e.kind == "hijri"):
                w = resolve(e, None)
                if w:
                    return w.start
    return None
