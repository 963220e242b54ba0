"""Upgrading: a store whose damage sites were loaded as events (before the evidence layer)
moves them into the evidence table when it is opened, once, losing nothing."""
from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

import gazetteer
from dashboard.cli import main
from dashboard.schema import Event
from tests.conftest import pg_schema
from dashboard.store import EventStore

CSR = Path(__file__).resolve().parent.parent / "dashboard" / "data" / "damage-sites-2013-2015.csv"
OLD_SOURCE = "UNITAR-UNOSAT damage assessment (via Columbia CSR)"


@pytest.fixture
def pg_schema_url(pg_url):
    with pg_schema(pg_url, "test_migrate") as url:
        yield url


def old_style_events(n: int) -> list[Event]:
    """The first ``n`` bundled sites as the old ``init`` stored them (the old mapping's fields)."""
    gz = gazetteer.load()
    out = []
    with open(CSR, newline="", encoding="utf-8-sig") as fh:
        for line, r in enumerate(csv.DictReader(fh), start=2):
            if len(out) == n:
                break
            lat, lon = float(r["Lat"]), float(r["Long"])
            d = gz.district_at(lat, lon)
            seen = datetime.strptime(r["DatePeriodEnd"], "%m/%d/%y").date()
            out.append(Event(
                event_id=f"unosat-aleppo-2013-2015-{r['OBJECTID']}", event_date=seen,
                event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", latitude=lat,
                longitude=lon, geo_precision=1, district=d.name if d else None, source=OLD_SOURCE,
                notes=f"Satellite damage assessment: {r['DamageID1']}, {r['SiteID']}. Cause: {r['DamageCause']}.",
                origin="damage-sites-2013-2015.csv", origin_line=line, ingested_at="2026-11-01T10:00:00+00:00"))
    return out


@pytest.fixture(params=["sqlite", "postgresql"])
def old_store(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    else:
        url = request.getfixturevalue("pg_schema_url")
    s = EventStore(url)
    user_event = Event(event_date=date(2016, 10, 7), event_type="Battles", sub_event_type="Armed clash",
                       actor1="Military Forces of Syria", location="Hanano", latitude=36.226, longitude=37.201,
                       geo_precision=1, district="Hanano", fatalities=4, notes="Clashes in Hanano.")
    foreign = Event(event_id="unosat-aleppo-2013-2015-999999", event_date=date(2014, 5, 7),
                    event_type="Explosions/Remote violence", latitude=36.21, longitude=37.16, geo_precision=1,
                    district="al-Farafra", source=OLD_SOURCE,
                    notes="Satellite damage assessment: Severe Damage (bld), Road. Cause: Unknown.")
    s.insert_events([*old_style_events(40), foreign, user_event])
    # A store made by an older version already has its tables; opening it again migrates.
    s.close()
    return url


def test_opening_an_old_store_moves_its_damage_sites_out_of_events(old_store):
    s = EventStore(old_store)
    assert s.migrated == 41
    assert s.count() == 1 and s.totals() == (1, 4)  # only the user's own event is an event
    assert s.facets().event_types == ["Battles"]
    assert s.damage_count() == 41
    sites = s.damage_points(columns=("window_start", "window_end", "damage_level", "district", "origin",
                                     "origin_line", "ingested_at", "source"))
    first = sites[sites.origin_line == 2].iloc[0]  # OBJECTID 1: "Before 31OCT13"
    assert (first.window_start, first.window_end, first.damage_level) == ("2001-01-01", "2013-10-31", 1)
    assert first.ingested_at == "2026-11-01T10:00:00+00:00" and first.origin == "damage-sites-2013-2015.csv"
    odd = sites[sites.origin_line.isna()].iloc[0]  # not in the bundled file: rebuilt from the event itself
    assert (odd.window_start, odd.window_end, odd.damage_level, odd.district) == (
        "2014-05-07", "2014-05-07", 2, "al-Farafra")
    log = s.ingests()
    assert log.iloc[-1]["format"] == "migration" and log.iloc[-1]["loaded"] == 41
    s.close()
    again = EventStore(old_store)
    assert again.migrated == 0 and again.damage_count() == 41 and again.count() == 1
    again.close()


def test_init_after_an_upgrade_adds_only_what_is_missing(old_store):
    runner = CliRunner()
    res = runner.invoke(main, ["init", "--db", old_store])
    assert res.exit_code == 0, res.output
    assert "moved 41 damage sites" in res.output
    # The bundled CSR file counts as ingested (the migration recorded it); the UNOSAT points load.
    assert "loaded 14,058 damage sites from unosat-damage-2015.csv" in res.output
    assert "damage-sites-2013-2015.csv" not in res.output
    s = EventStore(old_store)
    assert s.count() == 1 and s.damage_count() == 41 + 14058
    s.close()
    res = runner.invoke(main, ["init", "--db", old_store])
    assert res.exit_code == 0 and "nothing to do" in res.output
