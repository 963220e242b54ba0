"""Relative dates in narrative prose (issue 12, class 8): resolved against the last stated date or
the publication date, with ACLED's time_precision (1 day, 2 week, 3 month) on the event."""
from __future__ import annotations

from datetime import date

import pytest

from dashboard.extract.dates import DateMention, find_dates

PUBLISHED = date(2017, 2, 1)
ANCHOR = DateMention(date(2016, 7, 25), 1, 0, 0, "day_month")


@pytest.mark.parametrize("text, day, precision", [
    ("The next day, rebels were pushed out of Marjeh.", date(2016, 7, 26), 1),
    ("On the following morning the army entered the Old City.", date(2016, 7, 26), 1),
    ("Two days later, the army captured Bani Zeid.", date(2016, 7, 27), 1),
    ("Ten days later, Liwa al-Quds fighters raided a position.", date(2016, 8, 4), 1),
    ("On the same day, the YPG shelled the road.", date(2016, 7, 25), 1),
    ("By the evening, rebels had captured the school.", date(2016, 7, 25), 1),
    ("Within hours, aircraft had carried out 40 strikes.", date(2016, 7, 25), 1),
    ("The day before, rebels had shelled Midan.", date(2016, 7, 24), 1),
    ("Three days earlier, rebels had shelled Midan.", date(2016, 7, 22), 1),
    ("The following week, government forces overran the north.", date(2016, 8, 1), 2),
    ("Over the following days, jets bombed Sukkari.", date(2016, 7, 25), 2),
    ("Late last month, a barrel bomb hit al-Marja.", date(2017, 1, 31), 3),
    ("In February 2016, the YPG captured Shuqayyif.", date(2016, 2, 29), 3),
    ("Early December saw the army take the Old City.", date(2016, 12, 31), 3),
])
def test_relative_to_the_last_stated_date(text, day, precision):
    (d, *_) = find_dates(text, PUBLISHED, ANCHOR)
    assert (d.value, d.precision) == (day, precision)


def test_an_earlier_date_in_the_same_sentence_is_the_anchor():
    text = "On 11 August, the army recaptured the college, but rebels stormed it again two days later."
    assert [d.value for d in find_dates(text, PUBLISHED, ANCHOR)] == [date(2016, 8, 11), date(2016, 8, 13)]


def test_n_days_after_dates_the_clause_it_introduces():
    # published on a Tuesday: Monday is 26 September, the capture two days before it
    text = "Two days after the army captured the Handarat camp, pro-government forces advanced on Monday."
    after, monday = find_dates(text, date(2016, 9, 27))
    assert (monday.value, after.value) == (date(2016, 9, 26), date(2016, 9, 24))
    assert text[after.start:].startswith("after the army captured")


def test_without_an_anchor_the_publication_date():
    (d,) = find_dates("The next day, clashes erupted.", date(2016, 10, 7))
    assert (d.value, d.precision) == (date(2016, 10, 8), 1)
