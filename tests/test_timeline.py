"""The time slider's calendar arithmetic, its link parameters, typed dates, and the timeline's
bars with ACLED time precision (events known to a week or month spread over their span)."""
from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import pytest

from dashboard import timeline as tl
from dashboard.charts import timeline_bars
from dashboard.filters import ViewState, from_query_params

D = date.fromisoformat


@pytest.mark.parametrize("day, step, start, end", [
    ("2016-10-01", "day", "2016-10-01", "2016-10-01"),
    ("2016-10-01", "week", "2016-09-26", "2016-10-02"),  # a Saturday: its Monday-to-Sunday week
    ("2016-10-03", "week", "2016-10-03", "2016-10-09"),  # a Monday starts its own week
    ("2016-10-09", "week", "2016-10-03", "2016-10-09"),  # a Sunday ends it
    ("2016-10-17", "month", "2016-10-01", "2016-10-31"),
    ("2016-02-10", "month", "2016-02-01", "2016-02-29"),  # leap year
    ("2015-02-10", "month", "2015-02-01", "2015-02-28"),
    ("2016-12-31", "week", "2016-12-26", "2017-01-01"),  # a week across the new year
    ("9999-12-31", "week", "9999-12-27", "9999-12-31"),  # the calendar's end: cut, no overflow
    ("0001-01-01", "month", "0001-01-01", "0001-01-31"),
])
def test_periods(day, step, start, end):
    assert tl.period_start(D(day), step) == D(start)
    assert tl.period_end(D(day), step) == D(end)


def test_an_unknown_step_is_an_error():
    with pytest.raises(ValueError):
        tl.period_start(D("2016-10-01"), "fortnight")


@pytest.mark.parametrize("first, last, step, starts", [
    ("2016-10-01", "2016-10-31", "week",
     ["2016-09-26", "2016-10-03", "2016-10-10", "2016-10-17", "2016-10-24", "2016-10-31"]),
    ("2016-10-01", "2016-10-03", "day", ["2016-10-01", "2016-10-02", "2016-10-03"]),
    ("2016-11-15", "2017-02-01", "month", ["2016-11-01", "2016-12-01", "2017-01-01", "2017-02-01"]),
    ("2016-10-05", "2016-10-05", "month", ["2016-10-01"]),
    ("2016-10-05", "2016-10-04", "day", []),
])
def test_windows_cover_the_period(first, last, step, starts):
    got = tl.windows(D(first), D(last), step)
    assert got == [D(s) for s in starts]
    assert tl.count_windows(D(first), D(last), step) == len(starts)


@pytest.mark.parametrize("first, last", [("2012-01-01", "2016-12-31"), ("2016-02-29", "2016-03-01"),
                                         ("2015-12-28", "2016-01-03")])
@pytest.mark.parametrize("step", tl.STEPS)
def test_windows_partition_the_period_day_by_day(first, last, step):
    """Every day of the period is in exactly one window (so each event counts in one step)."""
    a, b = D(first), D(last)
    days = []
    for at in tl.windows(a, b, step):
        start, end = tl.window_bounds(at, step, a, b)
        days.extend(start + timedelta(n) for n in range((end - start).days + 1))
    assert days == [a + timedelta(n) for n in range((b - a).days + 1)]
    assert tl.count_windows(a, b, step) == len(tl.windows(a, b, step))


def test_windows_are_capped():
    assert len(tl.windows(D("1900-01-01"), D("2100-01-01"), "day", limit=50)) == 50
    assert tl.windows(None, D("2016-01-01"), "day") == []


@pytest.mark.parametrize("at, delta, expected", [
    (None, 1, "2016-10-03"), (None, -1, "2016-10-17"), ("2016-10-03", 1, "2016-10-10"),
    ("2016-10-17", 1, "2016-10-17"), ("2016-10-03", -1, "2016-10-03"), ("2016-10-10", -1, "2016-10-03"),
    ("2015-01-05", 1, "2016-10-03"),  # not a window of the period: from its start
])
def test_step_buttons(at, delta, expected):
    starts = [D("2016-10-03"), D("2016-10-10"), D("2016-10-17")]
    assert tl.shifted_window(starts, D(at) if at else None, delta) == D(expected)


@pytest.mark.parametrize("at, expected, done", [
    (None, "2016-10-03", False), ("2016-10-03", "2016-10-10", False), ("2016-10-10", "2016-10-17", True),
    ("2016-10-17", "2016-10-17", True),
])
def test_the_player_moves_on_and_stops_on_the_last_window(at, expected, done):
    starts = [D("2016-10-03"), D("2016-10-10"), D("2016-10-17")]
    assert tl.next_window(starts, D(at) if at else None) == (D(expected), done)
    assert tl.next_window([], None) == (None, True)


@pytest.mark.parametrize("text, end, expected", [
    ("2016-10-03", False, "2016-10-03"), (" 2016/10/3 ", False, "2016-10-03"), ("2016.10.03", False, "2016-10-03"),
    ("3/10/2016", False, "2016-10-03"), ("03-10-2016", False, "2016-10-03"),  # day first, as in Syria
    ("2016-10", False, "2016-10-01"), ("2016-10", True, "2016-10-31"), ("2016-02", True, "2016-02-29"),
    ("2016", False, "2016-01-01"), ("2016", True, "2016-12-31"),
    ("٢٠١٦-١٠-٠٣", False, "2016-10-03"),  # Arabic-Indic digits
])
def test_typed_dates(text, end, expected):
    assert tl.parse_typed_date(text, end=end) == D(expected)


@pytest.mark.parametrize("text", ["2016-13-01", "2016-02-30", "31/31/2016", "yesterday", "2016-10-", "16-10-03",
                                  "2016-10-03T10:00", "1" * 100, "10/2016/03"])
def test_typed_dates_that_are_not_dates(text):
    with pytest.raises(ValueError):
        tl.parse_typed_date(text)


@pytest.mark.parametrize("text", ["", "   ", None])
def test_an_empty_typed_date_is_none(text):
    assert tl.parse_typed_date(text) is None


@pytest.mark.parametrize("first, last, period", [
    ("2016-10-01", "2016-10-31", "day"), ("2016-10-01", "2016-12-31", "day"), ("2016-10-01", "2017-03-31", "week"),
    ("2015-01-01", "2016-12-31", "week"), ("2012-01-01", "2016-12-31", "month"), (None, None, "month"),
])
def test_the_bars_fit_the_span(first, last, period):
    assert tl.pick_period(D(first) if first else None, D(last) if last else None) == period


def test_months_of_the_data():
    assert tl.month_options(D("2016-11-20"), D("2017-01-02")) == ["2017-01", "2016-12", "2016-11"]
    assert tl.month_range("2016-02") == (D("2016-02-01"), D("2016-02-29"))
    assert tl.month_range("2016-13") is None and tl.month_range("x") is None


# -- the view and the link -----------------------------------------------------------------

OCT = {"from": "2016-10-01", "to": "2016-10-31"}


@pytest.mark.parametrize("params, step, at, bounds", [
    ({**OCT, "step": "week", "at": "2016-10-05"}, "week", "2016-10-03", ("2016-10-03", "2016-10-09")),
    ({**OCT, "step": "week", "at": "2016-09-26"}, "week", "2016-09-26", ("2016-10-01", "2016-10-02")),
    ({**OCT, "step": "WEEK", "at": "2016-10-31"}, "week", "2016-10-31", ("2016-10-31", "2016-10-31")),
    ({**OCT, "step": "month", "at": "2016-10-20"}, "month", "2016-10-01", ("2016-10-01", "2016-10-31")),
    ({**OCT, "step": "day", "at": "2016-10-20"}, "day", "2016-10-20", ("2016-10-20", "2016-10-20")),
    ({"step": "day", "at": "2016-10-20"}, "day", "2016-10-20", ("2016-10-20", "2016-10-20")),
    ({**OCT, "at": "2016-10-20"}, "week", "2016-10-17", ("2016-10-17", "2016-10-23")),  # week by default
    ({**OCT, "step": "month"}, "month", None, ("2016-10-01", "2016-10-31")),
])
def test_link_window(params, step, at, bounds):
    view, notices = from_query_params(params)
    assert notices == []
    assert (view.step, view.at) == (step, D(at) if at else None)
    assert view.date_bounds() == tuple(D(b) for b in bounds)
    assert from_query_params(view.to_query_params()) == (view, [])
    assert view.whole_period().date_bounds() == (view.date_from, view.date_to)


@pytest.mark.parametrize("params", [
    {**OCT, "step": "fortnight"}, {**OCT, "step": "<script>"}, {**OCT, "at": "tomorrow"},
    {**OCT, "at": "2016-13-40"}, {**OCT, "at": "2017-01-09"}, {**OCT, "step": "day", "at": "2016-09-30"},
    {**OCT, "step": ["week", "x" * 10_000]}, {**OCT, "at": "9999-99-99"},
])
def test_hostile_or_stale_windows_are_ignored_with_a_notice(params):
    view, notices = from_query_params(params)
    assert len(notices) == 1 and all(n.isprintable() for n in notices)
    assert view.date_bounds() == (D("2016-10-01"), D("2016-10-31"))  # the dates still apply


def test_the_window_is_a_filter_and_says_so():
    view = ViewState(date_from=D("2016-10-01"), date_to=D("2016-10-31"), step="week", at=D("2016-10-05"))
    assert view.is_filtered() and view.filters_only().at == D("2016-10-03")
    assert "week of 2016-10-03: 2016-10-03 to 2016-10-09" in view.describe()
    # Without a window the step is not part of the query's key (cached results are shared).
    assert ViewState(step="month").filters_only() == ViewState().filters_only()
    assert ViewState(step="month").to_query_params() == {"step": "month"}


# -- the timeline's bars and time precision -------------------------------------------------

def counts(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["event_date", "time_precision", "event_type", "events"]).assign(
        event_date=lambda f: pd.to_datetime(f["event_date"]))


def bar(bars: pd.DataFrame, start: str, dated: str | None = None) -> float:
    sel = bars["start"] == pd.Timestamp(start)
    if dated:
        sel &= bars["dated"] == dated
    return round(float(bars.loc[sel, "events"].sum()), 6)


def test_a_week_event_is_spread_over_its_days_not_a_spike():
    c = counts(("2016-10-05", 2, "Battles", 7), ("2016-10-05", 1, "Battles", 2))
    days = timeline_bars(c, period="day")
    assert [bar(days, f"2016-10-0{d}", "spread") for d in range(3, 10)] == [1.0] * 7
    assert bar(days, "2016-10-05", "exact") == 2.0
    weeks = timeline_bars(c, period="week")
    assert bar(weeks, "2016-10-03") == 9.0 and len(weeks) == 2  # one week, exact and spread parts


def test_a_month_event_is_spread_over_its_month_and_cut_to_the_dates():
    c = counts(("2016-10-31", 3, "Battles", 31))
    days = timeline_bars(c, period="day")
    assert len(days) == 31 and bar(days, "2016-10-17") == 1.0
    weeks = timeline_bars(c, period="week")
    assert bar(weeks, "2016-09-26") == 2.0 and bar(weeks, "2016-10-31") == 1.0
    cut = timeline_bars(c, period="day", first=D("2016-10-20"), last=D("2016-10-31"))
    assert len(cut) == 12 and bar(cut, "2016-10-20") == round(31 / 12, 6)
    assert timeline_bars(c, period="month")["events"].tolist() == [31.0]


@pytest.mark.parametrize("period", tl.STEPS)
def test_every_event_adds_up_to_one(period):
    c = counts(("2016-10-01", 1, "Battles", 3), ("2016-10-01", 2, "Riots", 5), ("2016-10-20", 3, None, 4),
               ("2016-12-31", 2, "Battles", 1))
    bars = timeline_bars(c, period=period, first=D("2016-10-01"), last=D("2016-12-31"))
    assert bars["events"].sum() == pytest.approx(13)
    assert set(bars["event_type"]) == {"Battles", "Riots", "Unknown"}
    assert (bars["end"] > bars["start"]).all()


def test_no_events_no_bars():
    assert timeline_bars(counts(), period="week").empty
    with pytest.raises(ValueError):
        timeline_bars(counts(), period="year")


# -- the store's time queries ---------------------------------------------------------------

def test_store_date_span_and_counts(tmp_path):
    from dashboard.schema import Event
    from dashboard.store import EventStore

    store = EventStore(f"sqlite:///{tmp_path / 'e.sqlite'}")
    evs = [Event(event_date=D("2016-10-03"), event_type="Battles", notes="a"),
           Event(event_date=D("2016-10-03"), event_type="Battles", notes="b"),
           Event(event_date=D("2016-10-31"), event_type="Battles", time_precision=3, notes="c"),
           Event(event_date=D("2016-12-01"), event_type="Riots", notes="d")]
    store.insert_events(evs)
    assert store.date_span() == (D("2016-10-03"), D("2016-12-01"))
    assert store.date_span(ViewState(event_types=("Riots",))) == (D("2016-12-01"),) * 2
    assert store.date_span(ViewState(text="nothing like it")) == (None, None)
    got = store.date_counts(ViewState(date_to=D("2016-10-31")))
    assert sorted(map(tuple, got.assign(event_date=got["event_date"].dt.date).values.tolist())) == [
        (D("2016-10-03"), 1, "Battles", 2), (D("2016-10-31"), 3, "Battles", 1)]
    window = ViewState(date_from=D("2016-10-01"), date_to=D("2016-12-31"), step="week", at=D("2016-10-04"))
    assert store.totals(window)[0] == 2 and store.totals(window.whole_period())[0] == 4
    store.close()


# -- the chart's brush and click -> dates (what Streamlit reports from Vega) -----------------

def ms(day: str, hours: float = 0) -> float:
    from datetime import datetime, timezone

    d = D(day)
    return datetime(d.year, d.month, d.day, tzinfo=timezone.utc).timestamp() * 1000 + hours * 3_600_000


@pytest.mark.parametrize("selection, period, expected", [
    ({"brush": {"start": [ms("2016-10-10", 1.7), ms("2016-10-20", 22.8)]}}, "day", ("2016-10-10", "2016-10-20")),
    ({"brush": {"start": [ms("2016-10-20", 22.8), ms("2016-10-10", 1.7)]}}, "day", ("2016-10-10", "2016-10-20")),
    ({"brush": {"start": [ms("2016-10-10"), ms("2016-10-21")]}}, "day", ("2016-10-10", "2016-10-20")),  # bar edges
    ({"brush": {"start": [ms("2016-10-05", 3), ms("2016-10-12", 3)]}}, "week", ("2016-10-03", "2016-10-16")),
    ({"brush": {"start": [ms("2016-02-05"), ms("2016-03-02")]}}, "month", ("2016-02-01", "2016-03-31")),
    ({"brush": {"start": ["2016-10-05", "2016-10-07"]}}, "day", ("2016-10-05", "2016-10-07")),  # ISO text
    ({"pick": [{"start": ms("2016-10-11")}]}, "day", ("2016-10-11", "2016-10-11")),
    ({"pick": [{"start": ms("2016-10-03")}]}, "week", ("2016-10-03", "2016-10-09")),
    ({"pick": [{"start": ms("2016-02-01")}]}, "month", ("2016-02-01", "2016-02-29")),
])
def test_a_brush_or_a_click_gives_whole_bars(selection, period, expected):
    from ui.timeline_chart import selected_dates

    assert selected_dates({"selection": selection}, period) == (D(expected[0]), D(expected[1]))


@pytest.mark.parametrize("selection", [None, {}, {"selection": {}}, {"selection": {"brush": {}}},
                                       {"selection": {"brush": {"start": [1]}}}, {"selection": {"pick": []}},
                                       {"selection": {"pick": [{"start": "soon"}]}},
                                       {"selection": {"brush": {"start": [1e300, 2e300]}}}])
def test_an_empty_or_odd_selection_sets_nothing(selection):
    from ui.timeline_chart import selected_dates

    assert selected_dates(selection, "day") is None


@pytest.mark.parametrize("args, expected", [
    ([], "3 events"), (["--step", "week", "--at", "2016-10-05"], "2 events"), (["--at", "2016-10-12"], "1 events"),
    (["--step", "month", "--at", "2016-10-31"], "3 events"), (["--step", "day", "--at", "2016-10-03"], "2 events"),
])
def test_the_snapshot_command_takes_the_links_window(tmp_path, args, expected):
    from click.testing import CliRunner

    from dashboard.cli import main
    from dashboard.schema import Event
    from dashboard.store import EventStore

    url = f"sqlite:///{tmp_path / 'e.sqlite'}"
    store = EventStore(url)
    store.insert_events([Event(event_date=D(day), event_type="Battles", notes=day + n) for day, n in
                         (("2016-10-03", "a"), ("2016-10-03", "b"), ("2016-10-12", "c"))])
    store.close()
    result = CliRunner().invoke(main, ["snapshot", "--out", str(tmp_path / "s.html"), "--db", url,
                                       "--from", "2016-10-01", "--to", "2016-10-31", *args])
    assert result.exit_code == 0, result.output
    assert f"; {expected}, " in result.output
