"""`python -m gazetteer add-place / remove-place / places / aliases / matches / undo / history`
(click CliRunner, temporary files and store)."""
from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner

import gazetteer
from gazetteer.cli import main


@pytest.fixture()
def env(tmp_path, monkeypatch):
    """A folder of user files and a store holding events that await "Mallah Farms"."""
    from dashboard.geocode import Geocoder
    from dashboard.schema import Event
    from dashboard.store import EventStore

    monkeypatch.delenv("ALEPPO_ALIASES", raising=False)
    monkeypatch.setenv("ALEPPO_PLACES", str(tmp_path / "places"))
    db = f"sqlite:///{tmp_path / 'events.sqlite'}"
    monkeypatch.setenv("ALEPPO_DB", db)
    geo = Geocoder(gazetteer.load())
    evs = []
    for day, loc in enumerate(["Mallah Farms", "Mallah Farms", "Mallah", "Shaihk Said", "Hanano Camp"], start=1):
        e = Event(event_date=date(2016, 8, day), event_type="Battles", sub_event_type="Armed clash", actor1="A",
                  location=loc, fatalities=0, source="test", notes=loc, origin="t.csv")
        geo.apply(e)
        evs.append(e)
    store = EventStore(db)
    store.insert_events(evs)
    store.close()
    return tmp_path


def cli(*args: str, ok: bool = True):
    r = CliRunner().invoke(main, list(args))
    if ok:
        assert r.exit_code == 0, r.output
    return r


def unresolved(env) -> set[str]:
    from dashboard.store import EventStore

    s = EventStore(f"sqlite:///{env / 'events.sqlite'}")
    try:
        return set(s.unresolved()["location"])
    finally:
        s.close()


def place_of(env, location: str) -> str | None:
    from dashboard.store import EventStore

    s = EventStore(f"sqlite:///{env / 'events.sqlite'}")
    try:
        df = s.query(None)
    finally:
        s.close()
    pids = set(df.loc[df["location"] == location, "place_id"])
    assert len(pids) == 1, pids
    return pids.pop()


def test_add_place_regeocodes_and_undo_reverts(env):
    assert unresolved(env) == {"Mallah Farms", "Mallah"}  # "Mallah" alone is no name the gazetteer knows
    r = cli("add-place", "Mallah Farms", "--lat", "36.2655", "--lon", "37.1205", "--precision", "2",
            "--source", "test: our own sketch", "--ar", "مزارع الملاح", "--alias", "Mazare al-Mallah")
    # the two that awaited the name; "Mallah" alone stays for the user to decide
    assert r.output.splitlines() == ["user-mallah-farms", "added place Mallah Farms (user-mallah-farms)",
                                     "2 events re-geocoded"]
    assert gazetteer.load(user=gazetteer.UserFiles.default()).resolve("Mallah") is None
    assert unresolved(env) == {"Mallah"} and place_of(env, "Mallah Farms") == "user-mallah-farms"
    assert (env / "places" / "user-places.csv").exists() and (env / "places" / "aliases.csv").exists()
    out = json.loads(cli("resolve", "مزارع الملاح").output)
    assert out["id"] == "user-mallah-farms" and out["kind"] == "exact"
    places = cli("places", "--json").stdout.splitlines()
    assert [json.loads(x)["id"] for x in places] == ["user-mallah-farms"]
    assert cli("aliases").stdout.splitlines() == ["Mazare al-Mallah\tuser-mallah-farms\tMallah Farms"]
    assert "add-place" in cli("history").output
    r = cli("undo")
    assert r.output.splitlines() == ["undid: added place Mallah Farms (user-mallah-farms)", "2 events re-geocoded"]
    assert unresolved(env) == {"Mallah Farms", "Mallah"}
    r = cli("undo", ok=False)
    assert r.exit_code == 2 and "nothing to undo" in r.output


def test_add_place_from_a_geojson_area_and_remove_it(env):
    area = env / "area.geojson"
    area.write_text(json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
                    "geometry": {"type": "Polygon", "coordinates": [[[37.11, 36.26], [37.13, 36.26], [37.13, 36.27],
                                                                     [37.11, 36.27], [37.11, 36.26]]]}}]}))
    r = cli("add-place", "Mallah Farms", "--area", str(area), "--precision", "2", "--source", "test")
    assert "2 events re-geocoded" in r.output
    r = cli("remove-place", "user-mallah-farms")
    assert r.output.splitlines() == ["removed place Mallah Farms (user-mallah-farms)", "2 events re-geocoded"]
    assert unresolved(env) == {"Mallah Farms", "Mallah"}


@pytest.mark.parametrize("args,text", [
    (["--lat", "36.2", "--lon", "39.5"], "lat: (36.20000, 39.50000) lies outside the Aleppo area"),
    (["--lat", "36.2"], "give --lat and --lon, or --area FILE"),
    (["--lat", "36.2", "--lon", "37.1", "--area", "{f}"], "not both"),
    (["--area", "{f}"], "{f}: area: a Point, not a polygon"),
])
def test_add_place_refusals_are_one_clear_line(env, args, text):
    f = env / "point.geojson"
    f.write_text('{"type": "Point", "coordinates": [37.1, 36.2]}')
    args = [a.replace("{f}", str(f)) for a in args]
    r = cli("add-place", "Mallah Farms", "--precision", "1", "--source", "test", *args, ok=False)
    assert r.exit_code == 2 and text.replace("{f}", str(f)) in r.output and "Traceback" not in r.output
    assert not (env / "places" / "user-places.csv").exists()


def test_add_place_needs_a_source(env):
    r = cli("add-place", "Mallah Farms", "--lat", "36.2", "--lon", "37.1", "--precision", "1", ok=False)
    assert r.exit_code == 2 and "--source" in r.output


def test_aliases_add_remove(env):
    r = cli("aliases", "add", "Mallah", "user-nowhere", ok=False)
    assert r.exit_code == 2 and "unknown place id 'user-nowhere'" in r.output
    r = cli("aliases", "add", "Mallah", "hanano")
    assert r.output.splitlines() == ["mapped Mallah → Hanano", "1 event re-geocoded"]  # it was unresolved
    assert place_of(env, "Mallah") == "hanano"
    assert cli("aliases").stdout.splitlines() == ["Mallah\thanano\tHanano"]
    r = cli("aliases", "remove", "Mallah")
    assert r.output.splitlines() == ["removed alias Mallah", "1 event re-geocoded"]
    assert cli("aliases").stdout == "" and "Mallah" in unresolved(env)


def test_matches_list_accept_reject(env):
    lines = cli("matches").stdout.splitlines()
    names = [ln.split("\t")[1] for ln in lines]
    assert {"Shaihk Said", "Hanano Camp"} <= set(names) and "Mallah" not in names  # unresolved, not a match
    r = cli("matches", "accept", "Hanano Camp")
    assert r.output.splitlines() == ["accepted Hanano Camp → Hanano", "0 events re-geocoded"]
    r = cli("matches", "reject", "Shaihk Said", "--no-regeocode")
    assert r.output.splitlines() == ["rejected Shaihk Said → Sheikh Saeed"]
    names = [ln.split("\t")[1] for ln in cli("matches").stdout.splitlines()]
    assert "Hanano Camp" not in names and "Shaihk Said" not in names
    assert json.loads(cli("resolve", "Shaihk Said").output)["match"] is False
    r = cli("matches", "reject", "Shaihk Said", ok=False)
    assert r.exit_code == 2 and "does not resolve" in r.output


def test_a_broken_places_file_is_named_with_its_line(env):
    (env / "places").mkdir()
    (env / "places" / "user-places.csv").write_text(
        "id,name,name_ar,precision,lat,lon,area,source,added_at\nuser-x,X,,1,36.2,37.1,,,\n", encoding="utf-8")
    r = cli("resolve", "Sheikh Said", ok=False)
    assert r.exit_code == 2 and f"{env / 'places' / 'user-places.csv'}:2: source:" in r.output
