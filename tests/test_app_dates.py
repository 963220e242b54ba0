"""AppTest runs of the sidebar's dates: typed From / To apply at once, quick ranges, notices."""
from __future__ import annotations

import pytest

from tests.test_app import ALL, app_env, counts, new_app, qp, run  # noqa: F401 - app_env is a fixture
from tests.test_app_timeline import ok

# The fixture: 2013-05-01, 2014-02-10 (10 fatalities), 2015-06-01, 2016-10-01, 2016-10-05 (1), 2016-10-07 (5).


def typed(at, start: str | None = None, end: str | None = None):
    if start is not None:
        at.text_input(key="t_from_text").input(start)
    if end is not None:
        at.text_input(key="t_to_text").input(end)
    return ok(at.run())


@pytest.mark.parametrize("start, end, link, expected", [
    ("2016-10-05", "2016-10-07", ("2016-10-05", "2016-10-07"), (2, 6)),
    ("3/10/2016", "7.10.2016", ("2016-10-03", "2016-10-07"), (2, 6)),  # day first, as written in Syria
    ("2016-10", "2016-10", ("2016-10-01", "2016-10-31"), (3, 6)),  # a month: its first and last days
    ("2014", "2015", ("2014-01-01", "2015-12-31"), (2, 10)),
    ("2016-10-07", "2016-10-05", ("2016-10-05", "2016-10-07"), (2, 6)),  # the wrong way round: swapped
    ("٢٠١٦-١٠-٠٥", "", ("2016-10-05", None), (2, 6)),  # Arabic-Indic digits; no end: to the last event
    ("", "2014-12-31", ("2013-05-01", "2014-12-31"), (2, 12)),  # no start: from the first event
])
def test_typed_dates_apply_at_once(app_env, start, end, link, expected):
    at = run(new_app())
    typed(at, start, end)
    assert counts(at) == expected
    assert qp(at).get("from", [None])[0] == link[0] and qp(at).get("to", [None])[0] == link[1]
    assert at.selectbox(key="f_range").value in ("Custom range", "A month", "A calendar year")
    assert not at.warning


@pytest.mark.parametrize("text", ["2016-13-01", "2016-02-30", "yesterday", "10/2016/03", "<b>x</b> [a](b)"])
def test_a_text_that_is_not_a_date_says_so_and_changes_nothing(app_env, text):
    at = run(new_app({"from": "2016-10-01", "to": "2016-10-31"}))
    typed(at, start=text)
    assert counts(at) == (3, 6) and qp(at)["from"] == ["2016-10-01"]
    (warning,) = at.warning
    assert "is not a date" in warning.value and "2016-10-03" in warning.value
    assert "<b>" not in warning.value and "](" not in warning.value  # the text is shown as text
    assert at.text_input(key="t_from_text").value == text  # kept for the user to correct
    typed(at, start="2016-10-05")
    assert counts(at) == (2, 6) and not at.warning


def test_the_fields_show_the_dates_of_a_quick_range(app_env):
    at = run(new_app())
    assert at.text_input(key="t_from_text").value == "" and at.text_input(key="t_to_text").value == ""
    ok(at.selectbox(key="f_range").set_value("Last 7 days of data").run())
    assert counts(at) == (3, 6)
    assert (at.text_input(key="t_from_text").value, at.text_input(key="t_to_text").value) == (
        "2016-10-01", "2016-10-07")


@pytest.mark.parametrize("month, expected", [("2016-10", (3, 6)), ("2014-02", (1, 10)), ("2013-06", (0, 0))])
def test_a_month(app_env, month, expected):
    at = run(new_app())
    ok(at.selectbox(key="f_range").set_value("A month").run())
    assert at.selectbox(key="f_month").value == "2016-10"  # the newest month first
    ok(at.selectbox(key="f_month").set_value(month).run())
    assert counts(at) == expected and qp(at)["from"] == [f"{month}-01"]


def test_a_link_to_a_whole_month_opens_on_that_month(app_env):
    at = run(new_app({"from": "2014-02-01", "to": "2014-02-28"}))
    assert at.selectbox(key="f_range").value == "A month" and at.selectbox(key="f_month").value == "2014-02"
    assert counts(at) == (1, 10)


def test_every_quick_range_with_the_data(app_env):
    at = run(new_app())
    for choice in ("All dates", "Last 7 days of data", "Last 30 days of data", "Last 12 months of data",
                   "A month", "A calendar year", "Custom range"):
        ok(at.selectbox(key="f_range").set_value(choice).run())
        assert counts(at)[0] == (6 if choice in ("All dates", "Custom range") else 3), choice
    assert counts(run(at)) == ALL
