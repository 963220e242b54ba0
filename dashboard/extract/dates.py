"""Dates in a sentence, resolved against the report's publication date.

Conventions (ACLED-like, documented so that coders can check them):

* "today", "this morning", "on Friday" (the most recent Friday on or before the
  publication day; the publication day itself if it is a Friday) → that day,
  ``time_precision`` 1.
* "yesterday", "last night", "overnight" → the day before publication, precision 1.
* "over the past 24 hours" / "in the past day" → the publication day, precision 1
  (the period ends on it, and ACLED codes a report's "past 24 hours" on its date).
* "over the past two/48 hours/few days", "this week", "earlier this week" →
  publication day, precision 2; "last week" → seven days earlier, precision 2.
* "5 October", "October 5(, 2016)", "Oct. 5" → that date (previous year when it
  would be after publication), precision 1; "in October" → last day of that month
  not after publication, precision 3.
* Numeric dates are D/M/Y as written in Syria ("31/5/2016", "31-5-2016"), or ISO.
* Arabic: اليوم، أمس، ليلة أمس، يوم الجمعة، month names (Levantine and Egyptian).
* "last month", "late last month" → the month before publication, precision 3; "this month" → precision 3.

Relative to the last stated date (the *anchor*: an earlier date in the same sentence, else the last
date the report stated before it, else the publication date), as narrative accounts write them:

* "the next day", "the following morning", "two days later", "ten days later" → anchor + n days;
  "the same day", "that night", "later that day", "by the evening", "within hours" → the anchor;
  "the day before", "two days earlier" → anchor − n; all with the anchor's precision.
* "the following week", "a week later" → anchor + 7 days, precision 2; "over the following days"
  → the anchor, precision 2.
* "two days after <event>" → that event is n days before the sentence's own date (the mention's
  span starts at "after", so that it belongs to the clause it introduces).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..schema import TIME_DAY, TIME_MONTH, TIME_WEEK

WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الاربعاء": 2, "الخميس": 3,
    "الجمعة": 4, "الجمعه": 4, "السبت": 5, "الأحد": 6, "الاحد": 6,
}
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    "كانون الثاني": 1, "يناير": 1, "شباط": 2, "فبراير": 2, "آذار": 3, "اذار": 3, "مارس": 3,
    "نيسان": 4, "أبريل": 4, "ابريل": 4, "أيار": 5, "ايار": 5, "مايو": 5, "حزيران": 6, "يونيو": 6,
    "تموز": 7, "يوليو": 7, "آب": 8, "أغسطس": 8, "اغسطس": 8, "أيلول": 9, "ايلول": 9,
    "سبتمبر": 9, "تشرين الأول": 10, "تشرين الاول": 10, "أكتوبر": 10, "اكتوبر": 10,
    "تشرين الثاني": 11, "نوفمبر": 11, "كانون الأول": 12, "كانون الاول": 12, "ديسمبر": 12,
}
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_EN_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_AR_MONTH = "|".join(sorted((k for k in MONTHS if not k.isascii()), key=len, reverse=True))
_MONTH = rf"(?:{_EN_MONTH}|{_AR_MONTH})"
_WD_EN = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_WD_AR = "|".join(k for k in WEEKDAYS if not k.isascii())
_FEW = r"(?:two|three|four|five|six|several|few|2|3|4|5|6)"

_RULES: list[tuple[str, str]] = [
    ("numeric_dmy", r"\b(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>(?:19|20)\d{2})\b"),
    ("iso", r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b"),
    ("day_month", rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH})(?:,?\s+(?P<y>(?:19|20)\d{{2}}))?"),
    ("month_day", rf"\b(?P<mon>{_EN_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:19|20)\d{{2}}))?"),
    ("in_month", rf"\b(?:in|during|since|early|late|mid-?|end of|في|خلال|شهر)\s+(?P<mon>{_MONTH})(?:\s+(?P<y>(?:19|20)\d{{2}}))?"),
    ("past_day", r"\b(?:over|in|during|within)\s+the\s+(?:past|last)\s+(?:24\s+hours|day)\b|خلال\s+(?:ال)?24\s+ساعة|خلال\s+الساعات\s+(?:ال)?24"),
    ("past_days", rf"\b(?:over|in|during|within)\s+the\s+(?:past|last)\s+(?:48|72|{_FEW})\s+(?:hours|days)\b|\b(?:over|in|during)\s+the\s+(?:past|last)\s+week\b"),
    ("this_week", r"\b(?:earlier\s+|later\s+)?this\s+week\b|هذا\s+الأسبوع"),
    ("last_week", r"\blast\s+week\b|الأسبوع\s+الماضي"),
    ("last_night", r"\blast\s+night\b|\bovernight\b|ليل(?:ة|ا)?\s+(?:أمس|امس|البارحة)|الليلة\s+الماضية"),
    ("yesterday", r"\byesterday\b|(?<![\w])(?:أمس|امس|البارحة)(?![\w])"),
    ("today", r"\b(?:today|this\s+(?:morning|afternoon|evening)|tonight)\b|(?<![\w])(?:اليوم|صباح\s+اليوم|مساء\s+اليوم)(?![\w])"),
    ("weekday", rf"\b(?P<wd>{_WD_EN})\b|(?:يوم\s+)?(?P<wdar>{_WD_AR})(?![\w])"),
]
_RULES += [
    ("last_month", r"\b(?:(?:early|late|earlier|later)\s+)?(?:last|the\s+previous)\s+month\b"),
    ("this_month", r"\b(?:(?:early|earlier|later)\s+)?this\s+month\b"),
]
_COMPILED = [(name, re.compile(rx, re.IGNORECASE)) for name, rx in _RULES]
_N = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|\d{1,2})"
_NUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14}
# (rule, pattern, days from the anchor (None: the number matched), precision or None = the anchor's)
_RELATIVE: list[tuple[str, str, int | None, int | None]] = [
    ("next_day", r"\b(?:the\s+|on\s+the\s+)?(?:next|following)\s+(?:day|morning|afternoon|evening|night)\b|\bthe\s+day\s+after\b(?!\s+\w+\s+(?:was|were|had))", 1, None),
    ("days_later", rf"\b(?P<n>{_N})\s+days?\s+later\b|\bafter\s+(?P<n2>{_N})\s+days\b", None, None),
    ("weeks_later", rf"\b(?P<w>{_N})\s+weeks?\s+later\b|\b(?:the\s+)?(?:following|next)\s+week\b", 7, 2),
    ("following_days", r"\b(?:over|in|during)\s+the\s+(?:following|next|subsequent)\s+(?:few\s+|two\s+|three\s+)?days\b", 0, 2),
    ("same_day", r"\b(?:(?:on|later|earlier)\s+)?(?:the\s+same|that)\s+(?:day|morning|afternoon|evening|night)\b"
                 r"|\blater\s+in\s+the\s+day\b|\bby\s+(?:the\s+)?(?:evening|nightfall|the\s+end\s+of\s+the\s+day)\b|\bwithin\s+hours\b", 0, None),
    ("day_before", rf"\b(?:the\s+)?(?:previous|preceding)\s+day\b|\bthe\s+day\s+before\b|\b(?P<b>{_N})\s+days?\s+(?:earlier|before)\b", -1, None),
    ("days_after", rf"\b(?P<a>{_N})\s+days?\s+after\b", None, None),
]
_RELATIVE_RX = [(name, re.compile(rx, re.IGNORECASE), days, prec) for name, rx, days, prec in _RELATIVE]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A resolved date expression: the date, ACLED time_precision and its span."""

    value: date
    precision: int
    start: int
    end: int
    rule: str


def _month_of(name: str) -> int:
    name = name.lower().rstrip(".")
    return MONTHS.get(name) or MONTHS[name[:3]]


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _resolve(rule: str, m: re.Match, published: date) -> tuple[date, int] | None:
    g = m.groupdict()
    if rule in ("numeric_dmy", "iso"):
        d = _safe(int(g["y"]), int(g["m"]), int(g["d"]))
        return (d, TIME_DAY) if d else None
    if rule in ("day_month", "month_day"):
        mon, day = _month_of(g["mon"]), int(g["d"])
        year = int(g["y"]) if g.get("y") else published.year
        d = _safe(year, mon, day)
        if d and not g.get("y") and d > published:
            d = _safe(year - 1, mon, day)
        return (d, TIME_DAY) if d else None
    if rule == "in_month":
        mon = _month_of(g["mon"])
        year = int(g["y"]) if g.get("y") else published.year
        if not g.get("y") and mon > published.month:
            year -= 1
        nxt = date(year + (mon == 12), mon % 12 + 1, 1)
        return min(nxt - timedelta(days=1), published), TIME_MONTH
    if rule == "past_day" or rule == "today":
        return published, TIME_DAY
    if rule in ("past_days", "this_week"):
        return published, TIME_WEEK
    if rule == "last_week":
        return published - timedelta(days=7), TIME_WEEK
    if rule in ("last_night", "yesterday"):
        return published - timedelta(days=1), TIME_DAY
    if rule == "last_month":
        return date(published.year, published.month, 1) - timedelta(days=1), TIME_MONTH
    if rule == "this_month":
        return published, TIME_MONTH
    if rule == "weekday":
        wd = WEEKDAYS[(g.get("wd") or g.get("wdar") or "").lower()]
        return published - timedelta(days=(published.weekday() - wd) % 7), TIME_DAY
    return None


def find_dates(text: str, published: date, anchor: "DateMention | None" = None) -> list[DateMention]:
    """Every date expression in ``text``, resolved, in text order (non-overlapping).

    ``anchor``: the last date the report stated before ``text`` (for "the next day" and the like)."""
    text = text.translate(_ARABIC_DIGITS)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for rule, rx in _COMPILED:
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            res = _resolve(rule, m, published)
            if res is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(DateMention(res[0], res[1], m.start(), m.end(), rule))
    if any(w in text for w in ("day", "week", "hours", "even", "morn", "night")):
        found += _relative(text, published, anchor, sorted(found, key=lambda d: d.start), taken)
    return sorted(found, key=lambda d: d.start)


def _relative(text: str, published: date, anchor: DateMention | None, absolute: list[DateMention],
              taken: list[tuple[int, int]]) -> list[DateMention]:
    out: list[DateMention] = []
    for rule, rx, days, prec in _RELATIVE_RX:
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            g = m.groupdict()
            n = next((g[k] for k in ("n", "n2", "w", "b", "a") if g.get(k)), None)
            step = days if n is None else (_NUM.get(n.lower()) or int(n)) * (days or 1)
            if rule == "days_after":  # "two days after the army took X": X is that much before the sentence's date
                base = next((d for d in absolute if d.precision == TIME_DAY), None) or anchor
                if base is None:
                    continue
                start = m.end() - len("after")
                out.append(DateMention(base.value - timedelta(days=step), base.precision, start, m.end(), rule))
                taken.append((m.start(), m.end()))
                continue
            before = [d for d in absolute + out if d.end <= m.start()]
            base = before[-1] if before else anchor
            value, precision = (base.value, base.precision) if base else (published, TIME_DAY)
            out.append(DateMention(value + timedelta(days=step), max(prec or precision, precision), m.start(), m.end(),
                                   rule))
            taken.append((m.start(), m.end()))
    return out


def parse_published(value: str) -> date:
    """An ISO (YYYY-MM-DD) or D/M/YYYY publication date; ValueError when neither."""
    value = value.strip().translate(_ARABIC_DIGITS)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?", value)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", value)
    if m:
        return date(int(m[3]), int(m[2]), int(m[1]))
    raise ValueError(f"not a date (want YYYY-MM-DD): {value!r}")
