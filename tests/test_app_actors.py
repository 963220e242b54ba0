"""AppTest: the actor filter (sides first, synonyms in English and Arabic), the spelling-aware
search and the actors-without-a-side section, over the ACLED fixture ``acled_sides.csv``."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_server import APP

FIXTURE = Path(__file__).parent / "fixtures" / "ingest" / "acled_sides.csv"
ALL = (10, 10)
GOVERNMENT = (4, 5)  # SYR1001, 1003, 1004, 1009
SHEIKH_SAEED = (4, 9)


@pytest.fixture(scope="module")
def db_file(tmp_path_factory):
    from dashboard.ingest import ingest_path
    from dashboard.store import EventStore

    path = tmp_path_factory.mktemp("actors") / "events.sqlite"
    store = EventStore(path)
    ingest_path(store, FIXTURE)
    store.close()
    return path


@pytest.fixture()
def app_env(db_file, tmp_path, monkeypatch):
    monkeypatch.setenv("ALEPPO_DB", f"sqlite:///{db_file}")
    monkeypatch.setenv("ALEPPO_ALIASES", str(tmp_path / "aliases.csv"))
    monkeypatch.setenv("ALEPPO_ACTOR_SIDES", str(tmp_path / "actor-sides.csv"))
    return tmp_path


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def new_app(params: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=90)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    return run(at)


def counts(at: AppTest) -> tuple[int, int]:
    m = {x.label: int(str(x.value).replace(",", "")) for x in at.main.metric if x.label in ("Events", "Fatalities")}
    return m["Events"], m["Fatalities"]


def qp(at: AppTest) -> dict[str, list[str]]:
    return {k: list(v) if isinstance(v, (list, tuple)) else [v] for k, v in at.query_params.items()}


@pytest.mark.parametrize("typed", ["regime", "قوات النظام", "government", "Assad forces", "الحكومة"])
def test_typing_a_name_of_the_government_selects_its_side(app_env, typed):
    at = new_app()
    assert counts(at) == ALL
    at.text_input(key="f_actor_find").input(typed)
    run(at)
    assert at.multiselect(key="f_actors").value == ["side:government"]
    assert counts(at) == GOVERNMENT
    assert qp(at)["side"] == ["government"] and "actor" not in qp(at)
    assert at.text_input(key="f_actor_find").value == ""


@pytest.mark.parametrize("typed, events", [("المعارضة", 3), ("الفصائل", 3), ("opposition", 3), ("insurgents", 3),
                                           ("jihadists", 5), ("Kurds", 1)])
def test_other_sides_by_their_common_names(app_env, typed, events):
    at = new_app()
    at.text_input(key="f_actor_find").input(typed)
    run(at)
    assert counts(at)[0] == events


def test_picking_the_side_counts_what_its_actors_count(app_env):
    at = new_app()
    at.multiselect(key="f_actors").set_value(["side:government"])
    run(at)
    side = counts(at)
    at.multiselect(key="f_actors").set_value(["Military Forces of Syria (2000-)", "NDF: National Defence Forces",
                                              "Hezbollah", "Police Forces of Syria (2000-)"])
    run(at)
    assert counts(at) == side == GOVERNMENT


def test_the_filter_offers_sides_and_families_before_actors(app_env):
    at = new_app()
    options = at.multiselect(key="f_actors").options
    assert options[0].startswith("Side: Government and allies") and "regime" in options[0]
    assert "قوات النظام" in options[0]  # the built-in search finds the Arabic too
    first_family = next(i for i, o in enumerate(options) if o.startswith("Family:"))
    first_actor = next(i for i, o in enumerate(options) if not o.startswith(("Side:", "Family:")))
    assert first_family < first_actor


def test_a_word_that_is_no_side_lists_the_matching_actors(app_env):
    at = new_app()
    at.text_input(key="f_actor_find").input("Syrian")
    run(at)
    assert at.multiselect(key="f_actors").value == []
    assert any("Military Forces of Syria (2000-)" in re.sub(r"\\(.)", r"\1", c.value) for c in at.sidebar.caption)
    next(b for b in at.sidebar.button if b.label.startswith("Add these")).click()
    run(at)
    assert "Military Forces of Syria (2000-)" in at.multiselect(key="f_actors").value


def test_typed_text_is_shown_as_text(app_env):
    at = new_app()
    at.text_input(key="f_actor_find").input("**zz**[x](http://example.org)")
    run(at)
    shown = [c.value for c in at.sidebar.caption if "No actor or side matches" in c.value]
    assert shown and "\\*\\*zz\\*\\*" in shown[0] and "](http" not in shown[0]


@pytest.mark.parametrize("params, events", [({"actor": "regime"}, GOVERNMENT), ({"actor": "قوات النظام"}, GOVERNMENT),
                                            ({"side": "government"}, GOVERNMENT), ({"actor": "SAA"}, (3, 5)),
                                            ({"family": "state-forces"}, GOVERNMENT)])
def test_links_take_sides_and_synonyms(app_env, params, events):
    at = new_app(params)
    assert counts(at) == events
    assert not at.warning
    if "SAA" not in params.values():
        assert "actor" not in qp(at)


@pytest.mark.parametrize("text", ["Cheikh Saïd", "الشيخ سعيد", "Sheikh Said"])
def test_search_finds_every_sheikh_saeed_event_and_the_link_restores_it(app_env, text):
    at = new_app()
    at.text_input(key="f_text").input(text)
    run(at)
    assert counts(at) == SHEIKH_SAEED
    params = qp(at)
    assert params["q"] == [text]
    again = new_app(params)
    assert counts(again) == SHEIKH_SAEED and again.text_input(key="f_text").value == text


def open_tab(at: AppTest, label: str) -> AppTest:
    at.session_state["tab"] = label
    return run(at)


def test_unknown_actors_are_listed_for_a_side(app_env):
    at = new_app()
    open_tab(at, "Unresolved places")
    editors = [e for e in at.main if type(e).__name__ in ("Dataframe", "UnknownElement")
               and "Xanadu Brigade" in str(getattr(e, "proto", ""))]
    assert editors, "the unassigned actor is not listed"
    assert any("actors are on no side yet" in c.value for c in at.caption)


def test_top_actors_group_by_side(app_env):
    at = new_app()
    open_tab(at, "Timeline & top")
    at.segmented_control(key="t_actor_by").set_value("side")
    run(at)
    table = at.dataframe[0].value
    rows = dict(zip(table["group"], table["events"]))
    assert rows["Government and allies"] == GOVERNMENT[0] and rows["Unassigned"] == 1
