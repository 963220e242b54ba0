"""AppTest runs of the time slider: its step and window in the session, the counts and the link."""
from __future__ import annotations

import pytest

from tests.test_app import app_env, counts, new_app, qp, run  # noqa: F401 - app_env is a fixture

OCT = {"from": "2016-10-01", "to": "2016-10-31"}  # the fixture's October 2016: 1 Oct, 5 Oct, 7 Oct


def ok(at):
    """The app after an action: no exception, no error message."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def caption_with(at, text: str) -> str:
    """The time slider's label (it says where the window is)."""
    label = at.select_slider(key="t_slider").label
    assert text in label, label
    return label


def test_the_slider_steps_through_the_period_and_the_link_follows(app_env):
    at = run(new_app(OCT))
    assert counts(at) == (3, 6)
    assert at.session_state["t_at"] is None and at.select_slider(key="t_slider").value == "whole"
    assert "Whole period: 2016-10-01 to 2016-10-31 (6 weeks)." in caption_with(at, "Whole period")
    seen = []
    for _ in range(6):
        ok(at.button(key="t_next").click().run())
        seen.append((qp(at)["at"][0], counts(at)[0]))
    assert seen == [("2016-09-26", 1), ("2016-10-03", 2), ("2016-10-10", 0), ("2016-10-17", 0),
                    ("2016-10-24", 0), ("2016-10-31", 0)]
    assert qp(at)["step"] == ["week"] and qp(at)["from"] == ["2016-10-01"]
    assert "Week 6 of 6: 2016-10-31 to 2016-10-31." in caption_with(at, "Week 6")
    assert at.button(key="t_next").disabled
    ok(at.button(key="t_prev").click().run())
    assert qp(at)["at"] == ["2016-10-24"]
    ok(at.select_slider(key="t_slider").set_value("whole").run())
    assert counts(at) == (3, 6) and "at" not in qp(at)


@pytest.mark.parametrize("step, window, expected", [
    ("day", "2016-10-05", (1, 1)), ("week", "2016-10-03", (2, 6)), ("month", "2016-10-01", (3, 6)),
])
def test_each_step_from_the_slider(app_env, step, window, expected):
    at = run(new_app(OCT))
    ok(at.segmented_control(key="t_step").set_value(step).run())
    if step == "month":  # (AppTest sets a select slider by its shown label: the month shows as 2016-10)
        ok(at.button(key="t_next").click().run())
    else:
        ok(at.select_slider(key="t_slider").set_value(window).run())
    assert counts(at) == expected
    assert qp(at)["step"] == [step] and qp(at)["at"] == [window]


def test_a_new_step_keeps_the_window_where_it_was(app_env):
    at = run(new_app({**OCT, "step": "day", "at": "2016-10-05"}))
    assert counts(at) == (1, 1)
    ok(at.segmented_control(key="t_step").set_value("week").run())
    assert qp(at)["at"] == ["2016-10-03"] and counts(at) == (2, 6)
    ok(at.segmented_control(key="t_step").set_value("month").run())
    assert qp(at)["at"] == ["2016-10-01"] and counts(at) == (3, 6)


def test_play_starts_at_the_first_window_and_pause_stops(app_env):
    at = run(new_app(OCT))
    ok(at.button(key="t_play").click().run())
    assert at.session_state["t_playing"] is True
    assert qp(at)["at"] == ["2016-09-26"] and counts(at) == (1, 0)
    assert at.button(key="t_play").label == "Pause"
    ok(at.button(key="t_play").click().run())
    assert at.session_state["t_playing"] is False and at.button(key="t_play").label == "Play"


def test_a_link_window_outside_its_dates_is_a_notice_not_an_error(app_env):
    at = run(new_app({**OCT, "step": "fortnight", "at": "2017-05-01"}))
    warnings = " ".join(w.value for w in at.warning)
    assert "step" in warnings and "time window" in warnings
    assert counts(at) == (3, 6) and "at" not in qp(at)


def test_a_filter_change_that_leaves_the_window_returns_to_the_whole_period(app_env):
    at = run(new_app({**OCT, "at": "2016-10-03"}))
    assert counts(at) == (2, 6)
    ok(at.selectbox(key="f_range").set_value("All dates").run())
    assert at.session_state["t_at"] == __import__("datetime").date(2016, 10, 3)  # still inside all dates
    assert counts(at) == (2, 6)
    assert at.button(key="t_next").disabled  # the data's last week
    ok(at.button(key="t_prev").click().run())
    assert qp(at)["at"] == ["2016-09-26"] and counts(at) == (1, 0)
    ok(at.selectbox(key="f_range").set_value("A calendar year").run())
    ok(at.selectbox(key="f_year").set_value(2014).run())
    assert at.session_state["t_at"] is None and "at" not in qp(at) and counts(at) == (1, 10)


def test_the_timeline_chart_shows_the_whole_period_with_the_window(app_env):
    from tests.test_app import open_tab

    at = run(new_app({**OCT, "at": "2016-10-03"}))
    open_tab(at, "Timeline & top")
    charts = [e for e in at.main if "vega" in type(e).__name__.lower() or "vega" in str(getattr(e, "type", ""))]
    assert len(charts) == 1
    spec = str(charts[0].proto)
    assert "2016-10-03" in spec and "2016-10-10" in spec  # the window, shaded
    assert "brush" in spec and "pick" in spec  # the selections that set the dates
    assert at.segmented_control(key="t_period").value == "day"  # a month of data: bars by day
    assert counts(at) == (2, 6)
