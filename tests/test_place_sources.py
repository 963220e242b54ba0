"""Issue 11 §1: every place names its source; a map popup says which place and source located
each event ("Located by: Handarat (UNOSAT, precision 1)"), as text, in English and Arabic."""
from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

import gazetteer
from dashboard.filters import ViewState
from dashboard.map.encode import PointEncoder
from dashboard.map.data import normalise
from dashboard.map.view import build_map, map_html
from dashboard.sources import cited_places, place_lookup, source_label, sources_table
from gazetteer.sources import SOURCE_KEYS, short_label, source_counts, source_key
from tests.map_fixtures import fixture_stats
from tests.xss import PAYLOADS


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.load()


@pytest.mark.parametrize("pid, key, label", [
    ("sheikh-saeed", "csr", "CSR"),                      # a CSR polygon (UNOSAT's "Sheikh Said" joined to it)
    ("site-umayyad-mosque", "csr", "CSR"),               # a CSR cultural site
    ("tariq-al-bab", "csr-unosat", "CSR + UNOSAT"),      # a CSR name that UNOSAT's points locate
    ("handarat", "unosat", "UNOSAT"),                    # a place only UNOSAT outlines
    ("owaija", "unosat", "UNOSAT"),
    ("castello-road", "cited", "Shafaq News"),           # cited per place
    ("nayrab-airbase", "cited", "Wikipedia"),
    ("kafr-hamra", "cited", "German Wikipedia"),
    ("aleppo", "cited", "covecollective.org"),
    ("eastern-aleppo", "area", "CSR"),                   # a union of CSR neighbourhoods
])
def test_each_kind_of_place_names_its_source(gaz, pid, key, label):
    place = gaz.place(pid)
    assert source_key(place) == key and short_label(place) == label


def test_every_place_has_a_known_source_and_a_citation(gaz):
    for p in gaz.places.values():
        assert source_key(p) in SOURCE_KEYS and short_label(p) and len(p.source) > 10, p.id
    counts = source_counts(gaz.places.values())
    assert counts["csr"] > 300 and counts["unosat"] >= 15 and counts["cited"] >= 9 and counts["area"] == 6
    assert sum(counts.values()) == len(gaz.places)


def test_a_user_place_is_named_as_the_users(gaz):
    from gazetteer.userplaces import UserPlace

    raw = UserPlace("user-x", "Farm X", None, 1, 36.25, 37.19, None, "field survey by the Aleppo desk, 2016",
                    "2026-12-02T10:00:00Z").raw()  # as the gazetteer merges a place a user added
    user = replace(gaz.place("handarat"), id=raw["id"], name=raw["name"], kind=raw["kind"], source=raw["source"])
    assert source_key(user) == "user" and short_label(user) == "user: field survey by the Aleppo desk"
    assert short_label(replace(user, source="")) == "user"
    assert source_label(user, "ar") == "مستخدم: field survey by the Aleppo desk"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_sources_table_counts_every_place(gaz, lang):
    rows = sources_table(gaz, lang)
    assert sum(r["places"] for r in rows) == len(gaz.places)
    assert all(r["source"] and r["citation"] for r in rows)
    if lang == "ar":
        assert all(any("\u0600" <= ch <= "\u06ff" for ch in r["source"]) for r in rows)
    cited = cited_places(gaz, lang)
    assert {"castello-road", "nubl", "aleppo"} <= {r["id"] for r in cited}
    castello = next(r for r in cited if r["id"] == "castello-road")
    assert "shafaq.com" in castello["citation"]


def events(gaz, rows) -> pd.DataFrame:
    """One event per (place id or None, latitude, longitude, precision)."""
    return pd.DataFrame([dict(
        event_id=f"e{i}", event_date=f"2016-0{1 + i % 9}-01", event_type="Battles", sub_event_type="Armed clash",
        actor1="A", actor2="", fatalities=1, location=f"as written {i}", place_id=pid, district="",
        latitude=lat, longitude=lon, geo_precision=prec, source="SOHR", source_url="", notes="n")
        for i, (pid, lat, lon, prec) in enumerate(rows)])


def test_the_payload_names_the_place_of_each_row_once(gaz):
    h, c = gaz.place("handarat"), gaz.place("castello-road")
    frame = normalise(events(gaz, [("handarat", h.lat, h.lon, 1)] * 50 + [("castello-road", c.lat, c.lon, 2),
                                                                          (None, 36.21, 37.15, 1)]))
    pay = PointEncoder(frame).payload()
    s, k, p = pay["s"], pay["k"], pay["p"]
    got = [(s[pay["lp"][p[i * k + 8]][0]], pay["lp"][p[i * k + 8]][1]) for i in range(pay["n"])]
    assert got == [("handarat", 1)] * 50 + [("castello-road", 2), ("", 1)]
    assert len(pay["lp"]) == 3 and s.count("handarat") == 1  # a table of places, not a string per event
    sub = PointEncoder(frame).payload([51, 0])
    assert [(sub["s"][sub["lp"][sub["p"][i * k + 8]][0]]) for i in range(2)] == ["", "handarat"]


def test_the_map_carries_a_name_and_source_for_the_places_it_shows(gaz):
    h = gaz.place("handarat")
    m = build_map(events(gaz, [("handarat", h.lat, h.lon, 1)] * 3), fixture_stats(gaz), ViewState(), gaz,
                  assets="inline")
    marks = next(c for c in m._children.values() if type(c).__name__ == "EventMarks")
    assert '"pl":{"handarat":["Handarat","UNOSAT"]}' in marks.data
    assert place_lookup(gaz, "ar", ["handarat"]) == {"handarat": [h.name_ar, "UNOSAT"]}


class _Hostile:
    """The real gazetteer, with one place whose name and source are hostile text (a user place)."""

    def __init__(self, gaz, text):
        self._gaz = gaz
        bad = replace(gaz.place("handarat"), id="user-bad", name=text, kind="user", source="user " + text)
        self.places = {**gaz.places, "user-bad": bad}

    def __getattr__(self, name):
        return getattr(self._gaz, name)


@pytest.mark.browser
@pytest.mark.parametrize("lang, want", [
    ("en", ["Located by: Handarat (UNOSAT, precision 1)", "Located by: Sheikh Saeed (CSR, precision 1)",
            "Located by: coordinates given in the file (precision 1)"]),
    ("ar", ["حُدّد موقعه بواسطة: حندرات (UNOSAT، الدقة 1)"]),
])
def test_the_popup_says_which_place_and_source_located_each_event(browser, gaz, tmp_path, lang, want):
    from tests.test_map_marks_browser import layer_of, opened

    at = (36.25, 37.19)  # one spot for all three, so one popup lists them (marks show precision 1 only)
    pts = events(gaz, [("handarat", *at, 1), ("sheikh-saeed", *at, 1), (None, *at, 1)])
    m = build_map(pts, fixture_stats(gaz), ViewState(center=at, zoom=13, lang=lang), gaz, assets="inline")
    page, external, errors = opened(browser, m, tmp_path)
    try:
        page.evaluate(f"{layer_of(m)}.aleppoOpen(0)")
        pop = page.wait_for_selector(".aleppo-popup .ev-pop", timeout=10_000)
        text = pop.inner_text()
        for line in want:
            assert line in text
        assert external == [] and errors == []
    finally:
        page.close()


@pytest.mark.browser
def test_a_hostile_place_name_in_a_popup_is_text(browser, gaz, tmp_path):
    from tests.test_map_marks_browser import layer_of, opened

    text = " ".join(PAYLOADS)
    hostile = _Hostile(gaz, text)
    pts = events(gaz, [("user-bad", 36.25, 37.19, 1)])
    m = build_map(pts, fixture_stats(gaz), ViewState(center=(36.25, 37.19), zoom=13), hostile, assets="inline")
    page, external, errors = opened(browser, m, tmp_path)
    try:
        page.evaluate(f"{layer_of(m)}.aleppoOpen(0)")
        pop = page.wait_for_selector(".aleppo-popup .ev-pop", timeout=10_000)
        assert text in pop.inner_text()  # shown as written, never run
        assert page.evaluate("window.__xss") is None and pop.query_selector("img, svg, script") is None
        assert external == [] and errors == []
    finally:
        page.close()


@pytest.mark.parametrize("lang, title, unosat", [
    ("en", "About the places: their sources", "UNITAR-UNOSAT damage assessment (places its points outline)"),
    ("ar", "عن الأماكن: مصادرها", "تقييم الأضرار من يونيتار-يونوسات (أماكن ترسمها نقاطه)"),
])
def test_the_app_lists_the_sources_of_the_places(tmp_path, monkeypatch, gaz, lang, title, unosat):
    from tests.test_app import new_app, run
    from tests.app_server import make_db

    monkeypatch.setenv("ALEPPO_DB", make_db(tmp_path / "events.sqlite"))
    monkeypatch.setenv("ALEPPO_ALIASES", str(tmp_path / "aliases.csv"))
    at = new_app({"lang": lang})
    at.session_state["lang"] = lang  # what the sidebar's language switch keeps
    at = run(at)
    about = [e for e in at.main.expander if e.label == title]
    assert len(about) == 1
    tables = [tb.value for tb in about[0].table]
    sources, cited = tables[0], tables[1]
    row = sources[sources.iloc[:, 0] == unosat]
    assert len(row) == 1 and int(row.iloc[0, 1]) == source_counts(gaz.places.values())["unosat"]
    assert int(sources.iloc[:, 1].sum()) == len(gaz.places)
    assert "castello-road" in set(cited.iloc[:, 1])
