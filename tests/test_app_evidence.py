"""The app with evidence in the store: damage sites never in event counts, fatalities, the events
table, the timeline or the actor filter; their own layer, legend and count; the first-run panel."""
from __future__ import annotations

from datetime import date

import pytest

from dashboard.evidence import DamageSite
from dashboard.store import EventStore
from tests.app_server import make_db
from tests.test_app import ALL, counts, map_script, new_app, open_tab, plain, run

SITES = [  # two in 2014, one window across 2015-2016, one in no district
    DamageSite(latitude=36.2262, longitude=37.2013, window_start=date(2014, 2, 6), window_end=date(2014, 2, 20),
               damage_level=1, damage="Destroyed (bld)", district="Hanano", source="UNOSAT test"),
    DamageSite(latitude=36.2270, longitude=37.2020, window_start=date(2014, 5, 1), window_end=date(2014, 5, 1),
               damage_level=2, damage="2", district="Hanano", source="UNOSAT test"),
    DamageSite(latitude=36.2000, longitude=37.1600, window_start=date(2015, 11, 1), window_end=date(2016, 2, 1),
               damage_level=None, damage="Impact Crater (Damage to Road)", district="al-Farafra", source="UNOSAT test"),
    DamageSite(latitude=36.3000, longitude=37.3000, window_start=date(2016, 10, 2), window_end=date(2016, 10, 2),
               damage_level=3, damage="3", district=None, source="UNOSAT test"),
]


@pytest.fixture()
def evidence_env(tmp_path, monkeypatch):
    url = make_db(tmp_path / "events.sqlite")
    store = EventStore(url)
    store.insert_damage(SITES)
    store.close()
    monkeypatch.setenv("ALEPPO_DB", url)
    monkeypatch.setenv("ALEPPO_ALIASES", str(tmp_path / "aliases.csv"))
    return url


def test_damage_sites_never_count_as_events(evidence_env):
    at = run(new_app())
    assert counts(at) == ALL  # 6 events, 18 fatalities: the four sites are not in them
    assert {m.label: m.value for m in at.main.metric}["Damage sites"] == "4"
    assert any("6 events · 18 fatalities · 4 damage sites" in c.value for c in at.caption)
    script = map_script(at)
    assert "aleppoDamageCount" in script and "Damage sites (satellite evidence)" in script
    assert "Destroyed (bld)" in script and "Impact Crater (Damage to Road)" in script
    actors = at.multiselect(key="f_actors").options
    assert actors and not any("UNOSAT" in a or "damage" in a.lower() for a in actors)
    open_tab(at, "Events table")  # events only
    assert len(at.dataframe[0].value) == 6
    open_tab(at, "Timeline & top")
    assert not any("UNOSAT" in str(d.value) for d in at.dataframe)
    assert not any("This map holds no events yet" in m.value for m in at.markdown)  # events: no first-run panel


def test_the_date_range_filters_sites_by_imagery_window(evidence_env):
    at = run(new_app({"from": "2014-01-01", "to": "2014-12-31"}))
    assert counts(at) == (1, 10)
    assert {m.label: m.value for m in at.main.metric}["Damage sites"] == "2"
    at = run(new_app({"from": "2016-01-01", "to": "2016-01-31"}))  # inside the 2015-2016 window
    assert {m.label: m.value for m in at.main.metric}["Damage sites"] == "1"
    at = run(new_app({"district": "Hanano"}))
    assert {m.label: m.value for m in at.main.metric}["Damage sites"] == "2"


def test_shading_by_damage_sites_per_district(evidence_env):
    at = run(new_app({"shade": "damage"}))
    assert at.radio(key="m_shade").value == "damage"
    assert "Districts: damage sites (filtered)" in map_script(at)


def test_a_fresh_install_shows_the_evidence_and_a_first_run_panel(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    store = EventStore(url)
    store.insert_damage(SITES)
    store.close()
    monkeypatch.setenv("ALEPPO_DB", url)
    monkeypatch.setenv("ALEPPO_ALIASES", str(tmp_path / "aliases.csv"))
    at = run(new_app())
    assert counts(at) == (0, 0)
    text = " ".join(m.value for m in at.markdown)
    assert "This map holds no events yet" in text and "4 damage sites" in text and "Upload" in text
    assert "python -m dashboard ingest" in text
    assert "aleppoDamageCount" in map_script(at)
    at.button(key="load_example").click()
    run(at)
    n, _ = counts(at)
    assert n >= 3  # the example report's events, read by the report extraction
    assert not any("This map holds no events yet" in m.value for m in at.markdown)
    events = EventStore(url).query()
    assert set(events["source"]) == {"Example report (written for this project)"}
    assert set(events["event_date"].dt.year) == {2016} and events["district"].notna().sum() >= 3
    assert any(f"Loaded {n} events from the example report" in plain(s.value) for s in at.success), at.success
