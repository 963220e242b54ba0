"""Places, aliases and rejections the user adds (gazetteer.userfiles / userplaces / changes):
files, validation, matching, undo, and the store's re-geocoding after a change."""
from __future__ import annotations

import json
import shutil
from datetime import date

import pandas as pd
import pytest

import gazetteer
from gazetteer import changes
from gazetteer.errors import NothingToUndo, UserPlaceError
from gazetteer.userfiles import UserFiles
from gazetteer.userplaces import HEADER, read_places

# Mallah farms: no public coordinate is bundled (gazetteer/README.md); this one is made up for the tests.
MALLAH = dict(lat=36.2655, lon=37.1205, precision=2, source="test: a point read off our own sketch")
SQUARE = [[37.13, 36.24], [37.15, 36.24], [37.15, 36.25], [37.13, 36.25], [37.13, 36.24]]


@pytest.fixture()
def files(tmp_path) -> UserFiles:
    return UserFiles.default(folder=tmp_path / "places")


def gaz(files):
    return gazetteer.load(user=files)


def test_a_new_place_is_matched_like_a_bundled_one(files):
    assert gaz(files).resolve("Mallah Farms") is None
    ch = changes.add_place(files, "Mallah Farms", name_ar="مزارع الملاح", aliases=["Mazare al-Mallah"], **MALLAH)
    assert ch.place_id == "user-mallah-farms"
    g = gaz(files)
    for spelling in ("Mallah Farms", "mallah farms", "al-Mallah Farms", "مزارع الملاح", "حي مزارع الملاح",
                     "مزارع الملّاح", "Mazare al-Mallah", "Mallah Farms, Aleppo"):
        m = g.resolve(spelling)
        assert m is not None and m.place.id == "user-mallah-farms", spelling
    p = g.place("user-mallah-farms")
    assert (p.kind, p.precision, p.lat, p.lon) == ("user", 2, 36.2655, 37.1205)
    assert p.source == "user: test: a point read off our own sketch"
    assert [s.match.place.id for s in g.find_places("Shells fell on Mallah Farms today")] == ["user-mallah-farms"]
    assert gazetteer.load().resolve("Mallah Farms") is None  # the bundled gazetteer alone is untouched


def test_files_are_plain_sorted_csv_with_a_header(files):
    changes.add_place(files, "Zeta Hill", **MALLAH)
    changes.add_place(files, "Alpha Hill", lat=36.25, lon=37.12, precision=1, source="test")
    changes.add_alias(files, "Zeta Heights", "user-zeta-hill")
    changes.add_alias(files, "Alpha Heights", "user-alpha-hill")
    lines = files.places.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(HEADER)
    assert [ln.split(",")[0] for ln in lines[1:]] == ["user-alpha-hill", "user-zeta-hill"]
    assert files.aliases.read_text(encoding="utf-8").splitlines() == [
        "alias,place_id", "Alpha Heights,user-alpha-hill", "Zeta Heights,user-zeta-hill"]


def test_a_copied_folder_gives_the_same_places(files, tmp_path):
    changes.add_place(files, "Mallah Farms", **MALLAH)
    shutil.copytree(files.folder, tmp_path / "colleague")
    other = gaz(UserFiles.default(folder=tmp_path / "colleague"))
    assert other.resolve("Mallah Farms").place == gaz(files).resolve("Mallah Farms").place


@pytest.mark.parametrize("area", [
    json.dumps({"type": "Polygon", "coordinates": [SQUARE]}),
    json.dumps({"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [SQUARE]}}),
    json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [SQUARE]}}]}),
    "POLYGON ((37.13 36.24, 37.15 36.24, 37.15 36.25, 37.13 36.25, 37.13 36.24))",
    {"type": "Polygon", "coordinates": [SQUARE]},
])
def test_an_area_in_geojson_or_wkt(files, area):
    ch = changes.add_place(files, "North Test Strip", area=area, precision=2, source="test")
    g = gaz(files)
    p = g.place(ch.place_id)
    assert (p.lat, p.lon) == (36.245, 37.14)  # inside the area
    ext = g.extent(ch.place_id)
    assert ext["type"] == "MultiPolygon" and sorted(map(tuple, ext["coordinates"][0][0][:4])) == sorted(
        map(tuple, SQUARE[:4]))


@pytest.mark.parametrize("kwargs,field,text", [
    (dict(lat=36.2, lon=39.0), "lat", "outside the Aleppo area"),
    (dict(lat=37.13, lon=36.2), "lat", "look swapped"),
    (dict(lat=float("nan"), lon=37.1), "lat", "not a point"),
    (dict(lat=36.2, lon=37.1, source=" "), "source", "where the coordinates come from"),
    (dict(lat=36.2, lon=37.1, precision=4), "precision", "not 1, 2 or 3"),
    (dict(), "lat", "needs a point"),
    (dict(area="LINESTRING (37.1 36.2, 37.2 36.2)"), "area", "not a polygon"),
    (dict(area="{not json"), "area", "neither GeoJSON nor WKT"),
    (dict(area="POLYGON ((39 36, 39.1 36, 39.1 36.1, 39 36))"), "area", "outside the Aleppo area"),
])
def test_refused_places_say_which_field(files, kwargs, field, text):
    args = {"precision": 1, "source": "test", **kwargs}
    with pytest.raises(UserPlaceError) as exc:
        changes.add_place(files, "Test Place", **args)
    assert exc.value.field == field and text in str(exc.value)
    assert not files.places.exists()  # nothing written


@pytest.mark.parametrize("name", ["Sheikh Said", "الشيخ سعيد", ""])
def test_a_name_the_gazetteer_knows_is_not_a_new_place(files, name):
    with pytest.raises(UserPlaceError):
        changes.add_place(files, name, **MALLAH)


GOOD = "user-x,X Hill,,1,36.25,37.12,,test,2026-01-01T00:00:00+00:00"


@pytest.mark.parametrize("text,line,field", [
    ("id,name\n", 1, None),
    (f"{','.join(HEADER)}\nuser-x,X Hill,,1\n", 2, None),
    (f"{','.join(HEADER)}\n{GOOD}\nX Hill,X Hill,,1,36.25,37.12,,test,\n", 3, "id"),
    (f"{','.join(HEADER)}\nsheikh-saeed,X Hill,,1,36.25,37.12,,test,\n", 2, "id"),
    (f"{','.join(HEADER)}\nuser-sheikh-saeed,X Hill,,1,36.25,37.12,,test,\n{GOOD}\n{GOOD}\n", 4, "id"),
    (f"{','.join(HEADER)}\n{GOOD.replace(',1,', ',5,', 1)}\n", 2, "precision"),
    (f"{','.join(HEADER)}\n{GOOD.replace('36.25', 'north')}\n", 2, "lat"),
    (f"{','.join(HEADER)}\n{GOOD.replace('37.12', '3.12')}\n", 2, "lat"),
    (f"{','.join(HEADER)}\n{GOOD.replace(',test,', ',,')}\n", 2, "source"),
    (f"{','.join(HEADER)}\n{GOOD.replace(',,1,', ',,1,', 1).replace('37.12,,', '37.12,POINT (1 2),')}\n", 2, "area"),
])
def test_a_bad_places_file_names_file_line_and_field(files, text, line, field):
    files.folder.mkdir(parents=True)
    files.places.write_text(text, encoding="utf-8")
    with pytest.raises(UserPlaceError) as exc:
        gaz(files)
    assert (exc.value.file, exc.value.line, exc.value.field) == (str(files.places), line, field)
    assert str(exc.value).startswith(f"{files.places}:{line}:")


def test_spreadsheet_formulas_are_written_harmless_and_read_back(files):
    name = "=HYPERLINK(\"http://x\")+Hill"
    changes.add_place(files, name, lat=36.25, lon=37.12, precision=1, source="@me, by hand")
    text = files.places.read_text(encoding="utf-8")
    assert ",\"'=HYPERLINK(" in text and "\"'@me, by hand\"" in text
    (p,) = read_places(files.places, gazetteer.load().places)
    assert (p.name, p.source) == (name, "@me, by hand")


def test_accept_and_reject_a_fuzzy_match_then_undo(files):
    assert gaz(files).resolve("Hanano Camp").kind == "fuzzy"
    changes.accept_match(files, "Hanano Camp", "hanano")
    assert gaz(files).resolve("Hanano Camp").kind == "alias"
    changes.undo(files)
    assert gaz(files).resolve("Shaihk Said").place.id == "sheikh-saeed"
    changes.reject_match(files, "Shaihk Said", "sheikh-saeed")
    g = gaz(files)
    assert g.resolve("Shaihk Said") is None and g.resolve("Aleppo - Shaihk Said") is None
    assert g.resolve("Sheikh Saeed").place.id == "sheikh-saeed"  # only that spelling abstains
    changes.undo(files)
    assert gaz(files).resolve("Shaihk Said").place.id == "sheikh-saeed"


def test_undo_reverts_changes_newest_first(files):
    changes.add_place(files, "Mallah Farms", **MALLAH)
    changes.add_alias(files, "Mallah farmland", "user-mallah-farms")
    changes.remove_place(files, "user-mallah-farms")  # takes its alias with it
    assert gaz(files).resolve("Mallah farmland") is None and changes.user_aliases(files) == []
    assert [h["action"] for h in changes.history(files)] == ["add-place", "add-alias", "remove-place"]
    ch = changes.undo(files)
    assert ch.summary == "undid: removed place Mallah Farms (user-mallah-farms)"
    assert gaz(files).resolve("Mallah farmland").place.id == "user-mallah-farms"
    changes.undo(files)
    assert gaz(files).resolve("Mallah farmland") is None and gaz(files).resolve("Mallah Farms") is not None
    changes.undo(files)
    assert gaz(files).resolve("Mallah Farms") is None
    with pytest.raises(NothingToUndo):
        changes.undo(files)


@pytest.mark.parametrize("call,text", [
    (lambda f: changes.remove_place(f, "sheikh-saeed"), "bundled place"),
    (lambda f: changes.remove_place(f, "user-nothing"), "no user place"),
    (lambda f: changes.add_alias(f, "Somewhere", "no-such-place"), "unknown place id"),
    (lambda f: changes.add_alias(f, "Sheikh Said", "sheikh-saeed"), "already names"),
    (lambda f: changes.remove_alias(f, "Never added"), "no user alias"),
])
def test_refused_changes(files, call, text):
    with pytest.raises(UserPlaceError, match=text):
        call(files)
    assert changes.history(files) == []


def test_user_alias_wins_over_a_fuzzy_match_and_over_a_bundled_one(files):
    changes.add_alias(files, "Hanano Camp", "sheikh-saeed")  # the user's word is final
    assert gaz(files).resolve("Hanano Camp").place.id == "sheikh-saeed"


# ------------------------------------------------------------------ the store re-geocodes at once
def _event(location, lat=None, lon=None, prec=None, day=1):
    from dashboard.schema import Event

    return Event(event_date=date(2016, 9, day), event_type="Battles", sub_event_type="Armed clash",
                 actor1="A", actor2="", location=location, latitude=lat, longitude=lon, geo_precision=prec,
                 fatalities=0, source="test", notes=location, origin="t.csv")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    from dashboard.store import EventStore

    if request.param == "sqlite":
        s = EventStore(tmp_path / "events.sqlite")
    else:
        s = EventStore(request.getfixturevalue("pg_schema_url"))
        with s.engine.begin() as c:
            c.exec_driver_sql("DELETE FROM events")
            c.exec_driver_sql("DELETE FROM ingests")
    from dashboard.geocode import Geocoder

    evs = [_event("Mallah Farms"), _event("Mallah Farms", day=2), _event("Aleppo - Mallah Farms", 36.2021, 37.1343, 3),
           _event("Shaihk Said"), _event("Sheikh Saeed", 36.17, 37.15, 1)]
    geo = Geocoder(gazetteer.load())
    for e in evs:
        geo.apply(e)
    s.insert_events(evs)
    yield s
    s.close()


def located(store, location):
    df = store.query(None)
    rows = df.loc[df["location"] == location, ["place_id", "latitude", "longitude"]].itertuples(index=False, name=None)
    return sorted(tuple(None if pd.isna(v) else v for v in r) for r in rows)


def test_store_follows_add_remove_reject_and_undo(store, files):
    ch = changes.add_place(files, "Mallah Farms", **MALLAH)
    assert store.regeocode(gaz(files), before=ch.before) == 3
    assert located(store, "Mallah Farms") == [("user-mallah-farms", 36.2655, 37.1205)] * 2
    assert located(store, "Aleppo - Mallah Farms") == [("user-mallah-farms", 36.2655, 37.1205)]
    assert store.unresolved().empty
    ch = changes.undo(files)
    assert store.regeocode(gaz(files), before=ch.before) == 3
    assert located(store, "Mallah Farms") == [(None, None, None)] * 2
    assert set(store.unresolved()["location"]) == {"Mallah Farms", "Aleppo - Mallah Farms"}
    city = gazetteer.load().place("aleppo")
    assert located(store, "Aleppo - Mallah Farms") == [(None, city.lat, city.lon)]  # back to the city's point
    assert located(store, "Sheikh Saeed")[0][0] == "sheikh-saeed"
    ch = changes.reject_match(files, "Shaihk Said", "sheikh-saeed")
    assert store.regeocode(gaz(files), before=ch.before) == 1
    assert located(store, "Shaihk Said") == [(None, None, None)]
    assert located(store, "Sheikh Saeed") == [("sheikh-saeed", 36.17, 37.15)]  # its own point stays


def test_fuzzy_matches_lists_what_events_use(store, files):
    from dashboard.placereview import fuzzy_matches

    df = fuzzy_matches(store, gaz(files))
    assert df[["name", "place_id", "events"]].values.tolist() == [["Shaihk Said", "sheikh-saeed", 1]]
    assert 0 < df["score"][0] < 100
    changes.accept_match(files, "Shaihk Said", "sheikh-saeed")
    assert fuzzy_matches(store, gaz(files)).empty


@pytest.mark.parametrize("spelling", ["as-Salheen", "Hanano", "Sheikh Maqsoud", "al-Jdeideh"])
def test_a_user_point_takes_the_district_it_lies_in(files, spelling):
    bundled = gazetteer.load()
    d = bundled.resolve(spelling).place
    changes.add_place(files, "Test Spot", lat=d.lat, lon=d.lon, precision=1, source="test")
    p = gaz(files).resolve("Test Spot").place
    at = bundled.district_at(d.lat, d.lon)
    assert p.district == (at.district or at.name)


def test_a_point_outside_every_district_has_none(files):
    changes.add_place(files, "Far Test Farm", lat=36.35, lon=37.0, precision=1, source="test")
    assert gaz(files).resolve("Far Test Farm").place.district is None
