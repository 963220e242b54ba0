"""ViewState <-> query parameters: every field round-trips; hostile links never crash."""
from __future__ import annotations

import random
from dataclasses import fields, replace
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard import filters as F
from dashboard.filters import ViewState, from_query_params
from dashboard.schema import EVENT_TYPES, SUB_EVENT_TYPES
from dashboard.share.link import notice_html, notice_markdown, params_to_view, share_url, view_to_params

WORDS = ["Syrian Army", "Free Syrian Army", "Jabhat Fateh al-Sham", "Sheikh Sa'eed", "al-Kalaseh",
         "Reuters", "SOHR", "قوات النظام", "حلب", "Ça, va; ok", "a&b=c?d#e", "100% + 1", "x/y\\z",
         "<script>alert(1)</script>", "'quoted' \"double\"", "emoji 🔥", "  spaced  "]


SIDES = ["government", "opposition", "kurdish", "islamic-state", "russia", "coalition", "turkey", "civilians"]
FAMILIES = ["state-forces", "rebel-groups", "political-militias", "civilians", "external-forces"]


def random_view(rng: random.Random) -> ViewState:
    def some(pool, k=4):
        return tuple(rng.sample(pool, rng.randint(0, min(k, len(pool)))))

    d0 = date(2011, 1, 1) + timedelta(days=rng.randint(0, 5000))
    d1 = d0 + timedelta(days=rng.randint(0, 900))
    return ViewState(
        date_from=d0 if rng.random() < 0.6 else None,
        date_to=d1 if rng.random() < 0.6 else None,
        actors=some(WORDS), event_types=some(list(EVENT_TYPES)), sub_event_types=some(list(SUB_EVENT_TYPES)),
        districts=some(WORDS), precisions=some([1, 2, 3], 3),
        min_fatalities=rng.choice([0, 0, 1, 5, 1000]), text=rng.choice(["", "", *WORDS]),
        sources=some(WORDS),
        center=(rng.uniform(-90, 90), rng.uniform(-180, 180)) if rng.random() < 0.7 else F.DEFAULT_CENTER,
        zoom=rng.randint(1, 20), layers=some(list(F.LAYERS), 5),
        shade=rng.choice(F.SHADES), coarsen=rng.random() < 0.5, lang=rng.choice(["en", "ar"]),
        sides=some(SIDES, 3), families=some(FAMILIES, 3),
        step=rng.choice(["day", "week", "month"]),
        at=d0 + timedelta(days=rng.randint(0, (d1 - d0).days)) if rng.random() < 0.5 else None,
    )


def test_random_views_round_trip_through_params_and_url():
    rng = random.Random(7)
    changed = {f.name: 0 for f in fields(ViewState)}
    for _ in range(600):
        view = random_view(rng)
        for f in fields(ViewState):
            changed[f.name] += getattr(view, f.name) != getattr(ViewState(), f.name)
        back, notices = params_to_view(view_to_params(view))
        assert (back, notices) == (view, [])
        # Through a real URL: encoded, then parsed the way a browser/server does.
        url = share_url("http://localhost:8501/?old=1#frag", view)
        parsed = parse_qs(urlsplit(url).query, keep_blank_values=True)
        assert params_to_view(parsed) == (view, [])
    assert all(changed.values()), changed  # every field was exercised


@pytest.mark.parametrize("field, value", [
    ("date_from", date(2016, 10, 7)), ("date_to", date(2016, 12, 22)), ("actors", ("A", "B")),
    ("event_types", ("Battles",)), ("sub_event_types", ("Air/drone strike",)),
    ("districts", ("Sheikh Sa'eed",)), ("precisions", (1, 3)), ("min_fatalities", 3),
    ("text", "barrel bomb"), ("sources", ("Reuters",)), ("center", (36.21, 37.16)), ("zoom", 15),
    ("layers", ()), ("layers", ("tiles", "heat", "landmarks", "points", "areas")),
    ("shade", "fatalities"), ("coarsen", True), ("lang", "ar"),
    ("sides", ("government", "kurdish")), ("families", ("state-forces",)),
    ("shade", "fatalities"), ("coarsen", True), ("lang", "ar"), ("step", "month"), ("at", date(2016, 10, 3)),
])
def test_each_field_round_trips(field, value):
    view = replace(ViewState(), **{field: value})
    assert getattr(view, field) == value
    assert from_query_params(view.to_query_params()) == (view, [])


def test_an_unknown_language_is_ignored_with_a_notice():
    view, notices = from_query_params({"lang": "xx<script>"})
    assert view.lang == "en" and len(notices) == 1 and "lang" in notices[0]
    assert ViewState(lang="ar").filters_only().lang == "en"  # not a filter: cached queries ignore it


def test_default_view_has_empty_params_and_clean_url():
    assert view_to_params(ViewState()) == {}
    assert share_url("https://x.org/app?a=1", ViewState()) == "https://x.org/app"


def test_share_url_is_fully_encoded():
    url = share_url("http://h/", ViewState(text="a&b=c#d <x>", actors=("p q",)))
    assert "#" not in url and "<" not in url and " " not in url
    assert parse_qs(urlsplit(url).query) == {"actor": ["p q"], "q": ["a&b=c#d <x>"]}


HOSTILE = [
    {"nope": "1"},
    {"from": "2016-02-30"}, {"to": "yesterday"}, {"from": ""},
    {"lat": "nan", "lon": "37"}, {"lat": "inf", "lon": "-inf"}, {"lat": "1e400", "lon": "0"},
    {"lat": "36.2"}, {"zoom": "1e3"}, {"zoom": "0"}, {"zoom": "-5"}, {"minfat": "-1"},
    {"minfat": "9" * 5000}, {"minfat": "NaN"}, {"precision": ["1", "4"]}, {"precision": "x"},
    {"type": "<script>window.__xss=1</script>"}, {"subtype": "javascript:alert(1)"},
    {"layers": "points,<img src=x onerror=alert(1)>"}, {"shade": "\"><svg onload=alert(1)>"},
    {"coarsen": "maybe"}, {"q": "\x00\x1b[31m"}, {"actor": ["x"] * 100_000},
    {"actor": "a" * 1_000_000}, {"district": None}, {"district": 5}, {"q": b"bytes \xff"},
    {"<script>": "<script>"}, {"type": ["Battles", "Battles", "battles"]},
]


@pytest.mark.parametrize("params", HOSTILE)
def test_hostile_params_never_raise_and_say_why(params):
    view, notices = from_query_params(params)
    assert isinstance(view, ViewState)
    for n in notices:
        assert isinstance(n, str) and n.isprintable() and len(n) < 300
        assert "<" not in notice_html(n) and "<" not in notice_markdown(n).replace("\\<", "")


@pytest.mark.parametrize("params, expected_notices", [
    ({"nope": "1"}, 1), ({"lat": "36.2"}, 1), ({"zoom": "0"}, 1), ({"coarsen": "maybe"}, 1),
    ({"type": ["Battles", "Nope"]}, 1), ({"actor": ["x"] * 600}, 1), ({"embed": "true"}, 0),
    ({"from": "2016-12-01", "to": "2016-01-01"}, 1), ({"from": "2016-01-01"}, 0),
])
def test_notice_counts(params, expected_notices):
    assert len(from_query_params(params)[1]) == expected_notices


@pytest.mark.parametrize("params, field, expected", [
    ({"type": "battles"}, "event_types", ("Battles",)),
    ({"type": ["Battles", "Riots", "Battles"]}, "event_types", ("Battles", "Riots")),
    ({"from": "2016-12-01", "to": "2016-01-01"}, "date_from", date(2016, 1, 1)),
    ({"from": "2016-10-07T12:00:00"}, "date_from", date(2016, 10, 7)),
    ({"q": ["first", "last"]}, "text", "last"),
    ({"q": "  x\x00y  "}, "text", "xy"),
    ({"actor": ["x"] * 600}, "actors", ("x",)),
    ({"actor": "a" * 100_000}, "actors", ("a" * F.MAX_TEXT,)),
    ({"layers": "none"}, "layers", ()),
    ({"layers": "HEAT, points"}, "layers", ("heat", "points")),
    ({"coarsen": "0"}, "coarsen", False),
    ({"coarsen": "on"}, "coarsen", True),
    ({"lat": "nan", "lon": "37"}, "center", F.DEFAULT_CENTER),
    ({"lat": "36.2"}, "center", F.DEFAULT_CENTER),
    ({"precision": ["3", "1", "1"]}, "precisions", (1, 3)),
    ({"minfat": "9" * 5000}, "min_fatalities", 0),
    ({"shade": "Fatalities"}, "shade", "fatalities"),
])
def test_forgiving_parsing(params, field, expected):
    assert getattr(from_query_params(params)[0], field) == expected


def test_unreadable_params_object():
    class Broken:
        def items(self):
            raise RuntimeError("boom")

    view, notices = from_query_params(Broken())  # type: ignore[arg-type]
    assert view == ViewState() and notices


def test_notice_markdown_neutralises_links_and_images():
    _, notices = from_query_params({"zz": "![x](http://evil.example/p.png) [a](javascript:1) :red[x]"})
    md = notice_markdown(notices[0])
    assert "![" not in md and "](" not in md and ":red[" not in md


def test_viewstate_normalises_equal_views():
    a = ViewState(actors=["b", "a", "a", " "], precisions=[3, 1], center=(36.2000000001, 37.15))
    assert a == ViewState(actors=("b", "a"), precisions=(1, 3))
    assert hash(a) == hash(ViewState(actors=("b", "a"), precisions=(1, 3)))
    assert not a.filters_only().coarsen and a.is_filtered()


def test_known_districts_only_and_plain_words_in_notices():
    view, notices = from_query_params({"district": ["sukkari", "Nowhere"], "from": "notadate", "zoom": "1.5",
                                       "lat": "abc", "lon": "37"}, districts=["Sukkari", "Hanano"])
    assert view.districts == ("Sukkari",)  # canonical spelling
    text = " ".join(notices)
    assert "'Nowhere'" in text and "not a district" in text
    assert "not a date (want YYYY-MM-DD)" in text and "not a whole number" in text and "not a number" in text
    assert "isoformat" not in text and "literal" not in text and "convert" not in text


@pytest.mark.parametrize("params", [
    {"from": "9999-12-31"}, {"to": "0001-01-01"}, {"from": "Infinity", "to": "9999-12-31"},
    {"from": "9999-12-31", "to": "1900-01-01"}, {"to": "2101-01-01"},
])
def test_a_link_date_outside_the_pickers_range_is_a_notice(params):
    # The attack run found from=9999-12-31 crashing the date picker (value above its max_value).
    view, notices = from_query_params(params)
    for d in (view.date_from, view.date_to):
        assert d is None or date(1900, 1, 1) <= d <= date(2100, 12, 31)
    assert notices and any("outside the dates" in n or "not a date" in n for n in notices)
