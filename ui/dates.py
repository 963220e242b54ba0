"""The sidebar's dates: quick ranges, the calendar picker, and From / To typed by hand.

A typed date applies as soon as it is a valid date (after a short pause in typing), without
waiting for a picker to close: it turns the range into a custom one. A text that is not a date
leaves the dates as they were and says why, beside the fields. Whatever sets the dates (a quick
range, the picker, the timeline's brush), the fields then show them.
"""
from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import timeline as tl, view_controls as vc

from .i18n import in_language, num, tr
from .messages import md

TYPED = ("t_from_text", "t_to_text")  # the two text fields' keys
TYPING_PAUSE = "600ms"  # a typed date applies after this pause (no rerun per keystroke)


def _typed_changed() -> None:
    """A typed From/To: valid dates become a custom range; otherwise a notice, nothing changes."""
    s = st.session_state
    texts = [s.get(k) or "" for k in TYPED]
    problems, dates = [], []
    for text, end in zip(texts, (False, True)):
        try:
            dates.append(tl.parse_typed_date(text, end=end))
        except ValueError as exc:
            problems.append((text, str(exc)))
            dates.append(None)
    s["_typed_problems"] = problems
    if problems:
        return
    start, end = dates
    if start and end and start > end:
        start, end = end, start
    s["_typed_for"] = (start, end)  # the fields keep the text as typed (no rewrite mid-typing)
    if not start and not end:
        s["f_range"] = vc.RANGE_ALL
        return
    s["f_range"] = vc.RANGE_CUSTOM
    if end and not start:  # up to a day: from the data's first day (the picker holds no open start)
        start = min(s.get("_data_first") or end, end)
    s["f_custom"] = (start, end) if end else (start,)


def set_dates(start: date, end: date) -> None:
    """Make ``[start, end]`` the date filter (from a callback, before the widgets are drawn)."""
    s = st.session_state
    s["f_range"], s["f_custom"] = vc.RANGE_CUSTOM, (start, end)
    s["_typed_problems"] = []


def _sync_typed(dates: tuple[date | None, date | None]) -> None:
    """The fields show the dates in force when those changed by other means than typing."""
    s = st.session_state
    if s.get("_typed_for") != tuple(dates):
        s[TYPED[0]], s[TYPED[1]] = (d.isoformat() if d else "" for d in dates)
        s["_typed_for"] = tuple(dates)
        s["_typed_problems"] = []


def date_controls(facets) -> None:
    """The date-range controls; the resolved (from, to) goes to ``st.session_state['_dates']``."""
    sb, s = st.sidebar, st.session_state
    sb.selectbox(tr("Dates"), vc.QUICK_RANGES, key="f_range", format_func=in_language(tr))
    choice = s["f_range"]
    custom = None
    if choice == vc.RANGE_YEAR:
        years = vc.data_years(facets.min_date, facets.max_date)
        if s.get("f_year") not in years:
            s["f_year"] = years[0] if years else None
        sb.selectbox(tr("Year"), years, key="f_year", format_func=in_language(lambda y: num(y, group=False)))
    elif choice == vc.RANGE_MONTH:
        months = tl.month_options(facets.min_date, facets.max_date)
        if s.get("f_month") not in months:
            held = s.get("f_custom") or ()
            wanted = f"{held[0]:%Y-%m}" if held and isinstance(held[0], date) else None
            s["f_month"] = wanted if wanted in months else (months[0] if months else None)
        sb.selectbox(tr("Month"), months, key="f_month")
    elif choice == vc.RANGE_CUSTOM:
        if not s.get("f_custom"):
            s["f_custom"] = tuple(d for d in (facets.min_date, facets.max_date) if d)
        custom = sb.date_input(tr("From – to"), key="f_custom", min_value=date(1900, 1, 1),
                               max_value=date(2100, 12, 31), format="YYYY-MM-DD")
    dates = vc.quick_range(choice, min_date=facets.min_date, max_date=facets.max_date,
                           year=s.get("f_year"), month=s.get("f_month"), custom=custom)
    s["_dates"], s["_data_first"] = dates, facets.min_date
    if choice not in (vc.RANGE_ALL, vc.RANGE_CUSTOM) and dates[0]:
        sb.caption(tr("{start} to {end}", start=dates[0], end=dates[1]))
    _sync_typed(dates)
    left, right = sb.columns(2)
    hint = tr("Type a date: 2016-10-03, 3/10/2016, a month (2016-10) or a year (2016); it applies at once.")
    left.text_input(tr("From"), key=TYPED[0], max_chars=40, live=TYPING_PAUSE, on_change=_typed_changed,
                    placeholder=tr("first day"), help=hint)
    right.text_input(tr("To"), key=TYPED[1], max_chars=40, live=TYPING_PAUSE, on_change=_typed_changed,
                     placeholder=tr("last day"), help=hint)
    for text, why in s.get("_typed_problems") or ():
        sb.warning(tr("“{text}” is not a date ({why}): type it as 2016-10-03, 3/10/2016, 2016-10 or 2016.",
                      text=md(text), why=tr(why)), icon=":material/event_busy:")
