"""AppTest of the Unresolved places tab: no place pre-selected, mapping a name, adding a place
(a pin given as the map would report it), the source note required, undo, and the review of
fuzzy matches."""
from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

import gazetteer
from tests.app_server import APP, make_db
from tests.test_app import click, counts, open_tab, plain, run

NAME = "Bustan al-Zahra-ish"  # the fixture's unresolved event
PIN = (36.2148, 37.1512)  # a point of our choosing inside the city, for the tests


@pytest.fixture()
def env(tmp_path, monkeypatch):
    url = make_db(tmp_path / "events.sqlite")
    from dashboard.schema import Event
    from dashboard.store import EventStore

    store = EventStore(url)  # one event carried by a fuzzy match ("Shaihk Said" -> Sheikh Saeed)
    g = gazetteer.load()
    p = g.resolve("Shaihk Said").place
    store.insert_events([Event(event_date=date(2016, 9, 9), event_type="Battles", sub_event_type="Armed clash",
                               actor1="A", location="Shaihk Said", place_id=p.id, district=p.district,
                               latitude=p.lat, longitude=p.lon, geo_precision=1, fatalities=0, source="test",
                               notes="Fuzzy one.", origin="t.csv")])
    store.close()
    monkeypatch.setenv("ALEPPO_DB", url)
    monkeypatch.delenv("ALEPPO_ALIASES", raising=False)
    monkeypatch.setenv("ALEPPO_PLACES", str(tmp_path / "places"))
    return tmp_path


def tab(at=None) -> AppTest:
    at = at or run(AppTest.from_file(str(APP), default_timeout=90))
    return open_tab(at, "Unresolved places")


def unresolved_names(at: AppTest) -> list[str]:
    frames = [d.value for d in at.dataframe if "location" in d.value.columns]
    return frames[0]["location"].tolist() if frames else []


def test_no_place_is_preselected_and_an_empty_choice_maps_nothing(env):
    at = tab()
    assert at.selectbox(key="u_name").value == NAME
    assert at.selectbox(key="u_place").value is None  # one careless click must not map to the first place
    click(at, "Map name and re-geocode")
    assert any("Choose a place first" in w.value for w in at.warning)
    assert not (env / "places" / "aliases.csv").exists() and unresolved_names(at) == [NAME]
    assert at.selectbox(key="u_match").value is None  # nor is a match


def test_map_a_name_then_undo(env):
    at = tab()
    at.selectbox(key="u_place").set_value("hanano")
    click(at, "Map name and re-geocode")
    assert any(f"Mapped “{NAME}” to Hanano. 1 event re-geocoded." in plain(s.value) for s in at.success)
    assert unresolved_names(at) == [] and counts(at) == (7, 18)
    at.multiselect(key="f_districts").set_value(["Hanano"])
    run(at)
    assert counts(at)[0] == 1
    click(at, "Undo the last change")
    assert any(f"Undone: mapped {NAME} → Hanano. 1 event re-geocoded." in plain(s.value) for s in at.success)
    assert counts(at)[0] == 0 and unresolved_names(at) == [NAME]
    assert (env / "places" / "aliases.csv").read_text(encoding="utf-8") == "alias,place_id\n"


def test_add_a_new_place_from_a_pin_needs_a_source_and_can_be_undone(env):
    at = tab()
    at.radio(key="u_mode").set_value("new")
    run(at)
    assert any("No pin or area yet" in i.value for i in at.info)
    click(at, "Add the place and re-geocode")
    assert any("Drop a pin or draw an area" in w.value for w in at.warning)
    at.session_state["u_pin"] = PIN  # what a click on the small map leaves (see dashboard.map.placing)
    run(at)
    assert any(f"Pin at {PIN[0]:.5f}, {PIN[1]:.5f}" in m.value for m in at.markdown)
    at.text_input(key=f"u_new_name:{NAME}").set_value("Zahra Orchards")
    click(at, "Add the place and re-geocode")
    assert any("never added without a source" in w.value for w in at.warning)
    assert not (env / "places" / "user-places.csv").exists()
    at.text_area(key=f"u_new_source:{NAME}").set_value("test: a point we chose")
    click(at, "Add the place and re-geocode")
    assert any("Added the place “Zahra Orchards”. 1 event re-geocoded." in plain(s.value) for s in at.success)
    assert unresolved_names(at) == []
    g = gazetteer.load(user=gazetteer.UserFiles.default())
    m = g.resolve(NAME)  # the unresolved spelling became an alias of the new place
    assert m.place.id == "user-zahra-orchards" and (m.place.lat, m.place.lon) == PIN
    assert m.place.source == "user: test: a point we chose"
    click(at, "Undo the last change")
    assert unresolved_names(at) == [NAME]
    assert gazetteer.load(user=gazetteer.UserFiles.default()).resolve(NAME) is None


@pytest.mark.parametrize("button,after", [("Accept the match", "alias"), ("Reject the match", None)])
def test_review_a_fuzzy_match(env, button, after):
    at = tab()
    review = next(d.value for d in at.dataframe if "Matched place" in d.value.columns)
    assert review[["Name in the events", "Matched place", "Events"]].values.tolist() == [
        ["Shaihk Said", "Sheikh Saeed", 1]]
    assert next(b for b in at.button if b.label == button).disabled  # nothing chosen yet
    at.selectbox(key="u_match").set_value("Shaihk Said\x00sheikh-saeed")
    run(at)
    click(at, button)
    m = gazetteer.load(user=gazetteer.UserFiles.default()).resolve("Shaihk Said")
    assert (m.kind if m else None) == after
    assert not [d for d in at.dataframe if "Matched place" in d.value.columns]  # nothing left to review
    assert ("Shaihk Said" in unresolved_names(at)) == (after is None)
