"""Search that understands spellings and actor sides, pushed down to SQLite and PostgreSQL.

The fixture is an ACLED export (``acled_sides.csv``, current columns with inter1/inter2 as
words) with four Sheikh Saeed events: three located there under three spellings, one
located only at city level whose notes name the place in Arabic.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from dashboard.filters import ViewState
from dashboard.ingest import ingest_path
from dashboard.schema import Event
from dashboard.search import plan
from dashboard.store import EventStore
from dashboard.textfold import fold

FIXTURE = Path(__file__).parent / "fixtures" / "ingest" / "acled_sides.csv"
SHEIKH_SAEED = {"SYR1001", "SYR1002", "SYR1003", "SYR1004"}
GOVERNMENT = {"SYR1001", "SYR1003", "SYR1004", "SYR1009"}


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = EventStore(tmp_path / "events.sqlite")
    else:
        s = EventStore(request.getfixturevalue("pg_schema_url"))
        with s.engine.begin() as c:
            for table in ("events", "ingests", "actor_codes"):
                c.exec_driver_sql(f"DELETE FROM {table}")
    report = ingest_path(s, FIXTURE)
    assert report.loaded == 10
    yield s
    s.close()


def ids(store: EventStore, view: ViewState) -> set[str]:
    return set(store.query(view)["event_id"])


@pytest.mark.parametrize("text, lang", [("a", "en"), ("Café", "en"), ("CAFÉ", "en"), ("al-Sukkari", "en"),
                                        ("Hay’at", "en"), ("الشَّيْخ سَعِيد", "ar"), ("أحياء", "ar"),
                                        ("مدرسة", "ar"), ("مستشفى", "ar"), ("إدلب", "ar"), ("مؤسسة", "ar")])
def test_folding_is_idempotent_and_drops_marks(text, lang):
    f = fold(text)
    assert fold(f) == f and f == f.casefold()
    assert not any(ch in f for ch in "ًٌٍَُِّْـأإآةى’-")


@pytest.mark.parametrize("a, b", [
    ("Cheikh Saïd", "cheikh said"), ("al-Sukkari", "Al Sukkari"), ("Hay'at Tahrir", "Hayat tahrir"),
    ("الشَّيْخ سَعِيد", "الشيخ سعيد"), ("أحياء حلب الشرقية", "احياء حلب الشرقيه"), ("إدلب", "ادلب"),
    ("مستشفى", "مستشفي"), ("مؤسسة", "موسسه"), ("قوّات", "قوات"),
])
def test_spellings_fold_together(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("query", ["Cheikh Saïd", "الشيخ سعيد", "Sheikh Said", "Sheikh Saeed", "sheikh sa'eed",
                                   "SHEIKH SAEED", "Shaykh Said", "شيخ سعيد", "حي الشيخ سعيد",
                                   "Sheikh Saeed district"])
def test_a_place_in_any_spelling_finds_every_event_there(store, query):
    assert ids(store, ViewState(text=query)) == SHEIKH_SAEED
    assert store.totals(ViewState(text=query))[0] == 4
    at = store.map_points(ViewState(text=query))["place_id"].value_counts().to_dict()
    assert at == {"sheikh-saeed": 3, "aleppo": 1}  # the fourth is known only to the city


def test_the_literal_search_found_one_of_the_four():
    # What the issue saw: a plain substring finds only the row spelled as typed.
    import csv

    rows = list(csv.DictReader(FIXTURE.open(encoding="utf-8")))
    literal = {r["event_id_cnty"] for r in rows
               if "sheikh said" in (r["notes"] + " " + r["location"]).lower()}
    assert literal == {"SYR1001"}


@pytest.mark.parametrize("query, expected", [
    ("تحرير الشام", {"SYR1008"}),             # Arabic words in English notes
    ("تحریر الشام", {"SYR1008"}),             # a Persian ya
    ("hayat tahrir", set()),                   # actors are not notes
    ("checkpoint", {"SYR1007"}),
    ("CHECKPOINT", {"SYR1007"}),
    ("little known", {"SYR1007"}),             # the hyphen folded
    ("براميل", {"SYR1004"}),
    ("بستان القصر", {"SYR1004"}),
    ("Salah al-Din", {"SYR1009"}),
    ("Salaheddine", {"SYR1009"}),              # the place, by its other spelling
    ("100%", set()),
])
def test_notes_are_searched_folded(store, query, expected):
    assert ids(store, ViewState(text=query)) == expected


def test_the_search_plan_names_the_place():
    p = plan("Cheikh Saïd")
    assert p.place is not None and p.place.id == "sheikh-saeed"
    assert "sheikh-saeed" in p.place_ids and "Sheikh Saeed" in p.districts
    assert any(n in fold("حي الشيخ سعيد") for n in p.needles)  # the Arabic spelling is looked for
    assert not any(a != b and a in b for a in p.needles for b in p.needles)  # no needle covers another
    assert plan("barrel bomb").place is None and plan("ab").place is None


def test_an_area_matches_its_neighbourhoods():
    p = plan("eastern Aleppo")
    assert p.place.kind == "area" and "Sheikh Saeed" in p.districts and "sheikh-saeed" in p.place_ids


@pytest.mark.parametrize("view, expected", [
    (ViewState(actors=["regime"]), GOVERNMENT),
    (ViewState(actors=["قوات النظام"]), GOVERNMENT),
    (ViewState(actors=["government"]), GOVERNMENT),
    (ViewState(sides=["government"]), GOVERNMENT),
    (ViewState(actors=["SAA"]), {"SYR1001", "SYR1003", "SYR1004"}),
    (ViewState(actors=["الجيش السوري"]), {"SYR1001", "SYR1003", "SYR1004"}),
    (ViewState(actors=["opposition"]), {"SYR1001", "SYR1003", "SYR1005"}),
    (ViewState(actors=["الفصائل"]), {"SYR1001", "SYR1003", "SYR1005"}),
    (ViewState(actors=["jihadists"]), {"SYR1001", "SYR1003", "SYR1005", "SYR1006", "SYR1010"}),
    (ViewState(actors=["Kurds"]), {"SYR1005"}),
    (ViewState(sides=["russia"]), {"SYR1002"}),
    (ViewState(sides=["turkey"]), {"SYR1006"}),
    (ViewState(sides=["coalition"]), {"SYR1010"}),
    (ViewState(sides=["unassigned"]), {"SYR1007"}),
    (ViewState(families=["state-forces"]), GOVERNMENT),
    (ViewState(families=["protesters"]), {"SYR1009"}),
    (ViewState(families=["political-militias"]), {"SYR1001", "SYR1007", "SYR1008"}),
    (ViewState(sides=["kurdish"], actors=["Hezbollah"]), {"SYR1005", "SYR1001"}),
    (ViewState(sides=["government"], text="Cheikh Saïd"), {"SYR1001", "SYR1003", "SYR1004"}),
])
def test_sides_families_and_synonyms_select_their_actors(store, view, expected):
    assert ids(store, view) == expected


def test_a_side_counts_exactly_what_its_actors_count(store):
    members = store.actor_values(ViewState(sides=["government"]))
    assert set(members) == {"Military Forces of Syria (2000-)", "NDF: National Defence Forces", "Hezbollah",
                            "Police Forces of Syria (2000-)"}
    side = ViewState(sides=["government"])
    assert store.totals(side) == store.totals(ViewState(actors=members)) == (4, 5)
    one_by_one = set().union(*(ids(store, ViewState(actors=[a])) for a in members))
    assert ids(store, side) == one_by_one
    # Russia's one actor shares no event with another Russian actor: the side is the plain sum.
    russia = store.actor_values(ViewState(sides=["russia"]))
    assert store.totals(ViewState(sides=["russia"]))[0] == sum(store.totals(ViewState(actors=[a]))[0] for a in russia)


def test_the_files_codes_are_kept(store):
    codes = store.actor_codes()
    assert codes["Military Forces of Syria (2000-)"] == 1 and codes["Xanadu Brigade"] == 3
    assert codes["Civilians (Syria)"] == 7 and codes["Military Forces of Russia (2000-)"] == 8
    table = store.actor_table().set_index("actor")
    assert table.loc["Xanadu Brigade", "side"] == "unassigned"
    assert table.loc["Xanadu Brigade", "family"] == "political-militias"
    assert table.loc["Hezbollah", "events"] == 1  # an associated actor counts too


def test_the_users_choice_moves_an_actor(store, tmp_path, monkeypatch):
    from dashboard import actor_sides as AS

    monkeypatch.setenv("ALEPPO_ACTOR_SIDES", str(tmp_path / "sides.csv"))
    assert ids(store, ViewState(sides=["opposition"])) == {"SYR1001", "SYR1003", "SYR1005"}
    AS.assign({"Xanadu Brigade": "opposition"})
    assert ids(store, ViewState(sides=["opposition"])) == {"SYR1001", "SYR1003", "SYR1005", "SYR1007"}
    assert ids(store, ViewState(sides=["unassigned"])) == set()


def test_a_side_of_many_actors_goes_through_one_bound_list(store):
    extra = [Event(event_date=date(2016, 11, 1), event_type="Battles", sub_event_type="Armed clash",
                   actor1=f"NDF: National Defence Forces - unit {i}", actor2="Civilians (Syria)",
                   location="Hanano", notes=f"unit {i}") for i in range(60)]
    store.insert_events(extra)
    members = store.actor_values(ViewState(sides=["government"]))
    assert len(members) > 60
    assert store.totals(ViewState(sides=["government"]))[0] == len(GOVERNMENT) + 60
    assert store.totals(ViewState(actors=["regime"])) == store.totals(ViewState(actors=members))


def test_a_side_without_actors_in_the_store_matches_nothing(store):
    assert store.totals(ViewState(sides=["turkey"], actors=[]))[0] == 1
    assert store.totals(ViewState(families=["identity-militias"])) == (0, 0)


def test_an_older_store_gets_its_search_text_on_open(tmp_path):
    path = tmp_path / "old.sqlite"
    s = EventStore(path)
    ingest_path(s, FIXTURE)
    s.close()
    con = sqlite3.connect(path)  # what a store made before the column existed looks like
    con.execute("ALTER TABLE events DROP COLUMN search_text")
    con.commit()
    con.close()
    reopened = EventStore(path)
    assert reopened.folded == 10
    assert ids(reopened, ViewState(text="تحرير الشام")) == {"SYR1008"}
    assert ids(reopened, ViewState(text="Cheikh Saïd")) == SHEIKH_SAEED
    assert EventStore(path).folded == 0  # once


def test_an_older_postgresql_store_gets_its_search_text_on_open(pg_schema_url):
    s = EventStore(pg_schema_url)
    with s.engine.begin() as c:
        for table in ("events", "ingests", "actor_codes"):
            c.exec_driver_sql(f"DELETE FROM {table}")
    ingest_path(s, FIXTURE)
    with s.engine.begin() as c:
        c.exec_driver_sql("ALTER TABLE events DROP COLUMN search_text")
    s.close()
    reopened = EventStore(pg_schema_url)
    assert reopened.folded == 10
    assert ids(reopened, ViewState(text="تحرير الشام")) == {"SYR1008"}
    reopened.close()


@pytest.mark.parametrize("view", [ViewState(sides=["government"]), ViewState(sides=["opposition", "kurdish"]),
                                  ViewState(families=["political-militias"]), ViewState(actors=["SAA"]),
                                  ViewState(sides=["civilians"], actors=["Hezbollah"])])
def test_a_side_matched_by_its_stored_cells_counts_as_by_its_names(store, view):
    """The store matches associated actors of a side by the stored cells that name them (one
    exact list); searching every cell for every name must give the same events."""
    import sqlalchemy as sa

    from dashboard.store.tables import events
    from dashboard.store.where import clauses

    names = store.actor_values(view)
    cells = store.assoc_cells(names)
    assert "NDF: National Defence Forces; Hezbollah" in cells or not {"Hezbollah", "NDF: National Defence Forces"} & set(names)
    by_names = sa.select(events.c.event_id).where(*clauses(view, sqlite=store.is_sqlite, actor_names=names))
    with store.engine.connect() as conn:
        expected = {r[0] for r in conn.execute(by_names)}
    assert ids(store, view) == expected
