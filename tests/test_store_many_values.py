"""Filters with many values (issue 15, finding 2): a link or a snapshot with hundreds of actors,
districts, sources or types works on SQLite and PostgreSQL and selects exactly what a few do."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from dashboard.cli import main
from dashboard.filters import from_query_params, ViewState
from tests.test_store import SAMPLE, ev, store  # noqa: F401 - fixtures (pg_schema_url: tests/conftest.py)

NOISE = [f"Unknown group {i} \"'%_;" for i in range(600)]


@pytest.mark.parametrize("field, real", [
    ("actors", ("Hezbollah",)),  # an associated actor: "Hezbollah; Liwa al Quds"
    ("actors", ("Jaish al Fateh",)),
    ("districts", ("Hanano",)),
    ("sources", ("Reuters",)),
    ("event_types", ("Explosions/Remote violence",)),
    ("sub_event_types", ("Air/drone strike",)),
])
def test_many_values_select_what_a_few_select(store, field, real):  # noqa: F811
    store.insert_events(SAMPLE)
    few = ViewState(**{field: real})
    many = ViewState(**{field: NOISE + list(real) + NOISE[:7]})
    assert len(getattr(many, field)) > 600  # far beyond what is written inline
    expected = store.totals(few)
    assert expected[0] > 0
    assert store.totals(many) == expected
    assert sorted(store.located_ids(many)) == sorted(store.located_ids(few))
    assert store.district_stats(many).equals(store.district_stats(few))
    assert len(store.query(many)) == expected[0]


def test_many_precisions_and_everything_at_once(store):  # noqa: F811
    store.insert_events(SAMPLE + [ev(6, assoc_actor_2="Liwa al Quds; Hezbollah", actor1="X", actor2="Y")])
    view = ViewState(actors=NOISE + ["Hezbollah"], districts=NOISE + ["Hanano", "Sheikh Maqsoud"],
                     sources=NOISE + ["SOHR"], precisions=(1, 2, 3), text="a")
    assert store.totals(view)[0] == 2


def test_a_link_with_500_actors_is_one_query(store):  # noqa: F811
    store.insert_events(SAMPLE)
    view, notices = from_query_params({"actor": NOISE[:499] + ["Hezbollah"]})
    assert not notices and len(view.actors) == 500
    assert store.totals(view)[0] == 1


def test_snapshot_with_200_actor_flags(tmp_path):
    from dashboard.store import EventStore

    db = tmp_path / "e.sqlite"
    s = EventStore(db)
    s.insert_events(SAMPLE)
    s.close()
    args = ["snapshot", "--out", str(tmp_path / "m.html"), "--db", str(db)]
    for a in NOISE[:200] + ["Hezbollah"]:
        args += ["--actor", a]
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 0, r.output
    assert "1 events" in r.output
