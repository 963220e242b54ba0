"""Calendar arithmetic behind the time slider, the timeline chart and typed dates (no Streamlit).

Periods are calendar-aligned: a day, a week from Monday to Sunday (ISO weeks, as the
timeline's weekly bars), a calendar month. The time slider steps through the periods that
overlap the filtered dates; its window is ``[start, start + step)``, cut to those dates.

An event's time precision (ACLED's ``time_precision``: 1 day, 2 week, 3 month) gives its
*span*: the day itself, the Monday-to-Sunday week holding the coded date, or the calendar
month holding it. Whatever day inside the week or month a source codes (ACLED's middle of
the period, the extractor's publication day or last day of the month), the span is the same.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Iterator

from .i18n import N_

STEPS: tuple[str, ...] = ("day", "week", "month")
DEFAULT_STEP = "week"
PRECISION_STEP = {1: "day", 2: "week", 3: "month"}  # ACLED time_precision -> the span of an event
MAX_WINDOWS = 5000  # slider positions; more (e.g. days over decades) asks for a longer step

_SEP = r"[-/.\s]"
_YMD = re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})$")
_DMY = re.compile(rf"^(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}})$")
_YM = re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}})$")
_Y = re.compile(r"^(\d{4})$")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def period_start(day: date, step: str) -> date:
    """The first day of the ``step`` period holding ``day``."""
    if step == "week":
        return day - timedelta(days=day.weekday())
    if step == "month":
        return day.replace(day=1)
    if step == "day":
        return day
    raise ValueError(f"step must be one of {', '.join(STEPS)}")


def period_end(day: date, step: str) -> date:
    """The last day (inclusive) of the ``step`` period holding ``day``."""
    start = period_start(day, step)
    if step == "week":
        return start + timedelta(days=6) if start <= date.max - timedelta(days=6) else date.max
    if step == "month":
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return start


def next_start(day: date, step: str) -> date:
    """The first day of the period after the one holding ``day`` (None after the calendar's end)."""
    end = period_end(day, step)
    return end + timedelta(days=1) if end < date.max else None


def iter_windows(first: date, last: date, step: str) -> Iterator[date]:
    """Starts of the ``step`` periods overlapping ``[first, last]``, oldest first."""
    if first > last:
        return
    at: date | None = period_start(first, step)
    while at is not None and at <= last:
        yield at
        at = next_start(at, step)


def windows(first: date | None, last: date | None, step: str, *, limit: int = MAX_WINDOWS) -> list[date]:
    """:func:`iter_windows` as a list of at most ``limit`` starts (empty without both dates)."""
    if not first or not last:
        return []
    out: list[date] = []
    for at in iter_windows(first, last, step):
        if len(out) >= limit:
            break
        out.append(at)
    return out


def count_windows(first: date | None, last: date | None, step: str) -> int:
    """How many ``step`` periods overlap ``[first, last]`` (without listing them)."""
    if not first or not last or first > last:
        return 0
    a, b = period_start(first, step), period_start(last, step)
    if step == "day":
        return (b - a).days + 1
    if step == "week":
        return (b - a).days // 7 + 1
    return (b.year - a.year) * 12 + b.month - a.month + 1


def window_bounds(at: date, step: str, first: date | None = None,
                  last: date | None = None) -> tuple[date, date]:
    """The days ``[start, end]`` of the window at ``at``, cut to ``[first, last]`` when given
    (start > end when the window lies outside them)."""
    start, end = period_start(at, step), period_end(at, step)
    if first and first > start:
        start = first
    if last and last < end:
        end = last
    return start, end


def event_span(day: date, time_precision: int | None) -> tuple[date, date]:
    """The days an event may have happened on, from its coded date and time precision."""
    step = PRECISION_STEP.get(int(time_precision or 1), "day")
    return period_start(day, step), period_end(day, step)


def pick_period(first: date | None, last: date | None) -> str:
    """The bar period that suits a span: days up to ~3 months, weeks up to ~2 years, else months."""
    if not first or not last:
        return "month"
    days = (last - first).days
    if days <= 92:
        return "day"
    if days <= 731:
        return "week"
    return "month"


def parse_typed_date(text: str, *, end: bool = False) -> date | None:
    """A date typed by hand; None for an empty text. Raises ``ValueError`` (a short reason).

    Accepts 2016-10-03 (or with / . or spaces), 3/10/2016 (day first, as written in Syria),
    2016-10 (a month) and 2016 (a year); Arabic-Indic digits too. A month or a year means its
    first day, or its last day with ``end`` (a "to" date).
    """
    raw = (text or "").translate(_DIGITS).strip()
    if not raw:
        return None
    if len(raw) > 40:
        raise ValueError(N_("too long to be a date"))
    try:
        if m := _YMD.match(raw):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DMY.match(raw):
            return date(int(m[3]), int(m[2]), int(m[1]))
        if m := _YM.match(raw):
            start = date(int(m[1]), int(m[2]), 1)
            return period_end(start, "month") if end else start
        if m := _Y.match(raw):
            return date(int(m[1]), 12, 31) if end else date(int(m[1]), 1, 1)
    except ValueError:
        raise ValueError(N_("no such day in the calendar")) from None
    raise ValueError(N_("not a date"))


def month_options(first: date | None, last: date | None) -> list[str]:
    """The months of the data as ``YYYY-MM``, newest first (empty when there is no data)."""
    if not first or not last:
        return []
    return [f"{m:%Y-%m}" for m in reversed(windows(first, last, "month"))]


def month_range(month: str) -> tuple[date, date] | None:
    """``YYYY-MM`` -> its first and last days (None when malformed)."""
    m = _YM.match((month or "").strip())
    if not m:
        return None
    try:
        start = date(int(m[1]), int(m[2]), 1)
    except ValueError:
        return None
    return start, period_end(start, "month")


def shifted_window(starts: list[date], at: date | None, delta: int) -> date | None:
    """The window ``delta`` steps from ``at`` among ``starts``, kept inside them; from the whole
    period (``at`` None) one step forward is the first window and one back the last."""
    if not starts:
        return None
    if at not in starts:
        return starts[0] if delta >= 0 else starts[-1]
    return starts[min(max(starts.index(at) + delta, 0), len(starts) - 1)]


def next_window(starts: list[date], at: date | None) -> tuple[date | None, bool]:
    """The player's next window and whether playing is done (it stops on the last window)."""
    if not starts:
        return None, True
    if at not in starts:
        return starts[0], len(starts) == 1
    i = starts.index(at) + 1
    if i >= len(starts):
        return at, True
    return starts[i], i == len(starts) - 1
