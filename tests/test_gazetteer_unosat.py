"""Places from UNITAR-UNOSAT's damage points: reviewed joins to the CSR places, new places with
an extent outlined by their points, and the CSR polygons left exactly as CSR drew them."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from shapely.geometry import Point, shape
from shapely.ops import unary_union

import gazetteer
from gazetteer import build_unosat, unosat

SHARED_CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "aleppo" / "unosat-damage-2015.csv"
ROWS = build_unosat.read_table()
EXTENTS = json.loads(build_unosat.EXTENTS.read_text(encoding="utf-8"))["names"]


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.load()


def _geom(coords):
    return shape({"type": "MultiPolygon", "coordinates": coords})


def test_every_unosat_name_has_one_reviewed_row():
    names = [r["unosat_name"] for r in ROWS]
    assert len(names) == len(set(names)) == 112
    assert set(names) == set(EXTENTS)


@pytest.mark.parametrize("row", [r for r in ROWS if r["action"] != "skip"], ids=lambda r: r["unosat_name"])
def test_unosat_spelling_resolves_to_its_reviewed_place(gaz, row):
    m = gaz.resolve(row["unosat_name"])
    assert m is not None and m.place.id == row["place_id"]


@pytest.mark.parametrize("name", ["Unknown", "Agricultural Area", "Al Myassar Jazmati"])
def test_skipped_labels_are_no_place_of_their_own(gaz, name):
    m = gaz.resolve(name)
    assert m is None or m.place.id in ("karm-al-myassar", "karm-al-jazmati")


@pytest.mark.parametrize("row", [r for r in ROWS if r["action"] == "join"], ids=lambda r: r["unosat_name"])
def test_a_join_with_little_overlap_was_reviewed(row):
    """A join where most of UNOSAT's points lie outside the CSR place must say why (boundary)."""
    share = EXTENTS[row["unosat_name"]]["csr_overlap"].get(row["place_id"], 0.0)
    assert share >= 0.5 or row["note"], (row["unosat_name"], share)


def test_csr_polygons_and_points_are_not_moved_by_unosat(gaz):
    raw = json.loads((gazetteer.DATA / "neighbourhoods.geojson").read_text(encoding="utf-8"))["features"]
    with open(gazetteer.DATA / "curated" / "neighbourhoods.csv", encoding="utf-8", newline="") as fh:
        ids = {r["source_name"]: r["id"] for r in csv.DictReader(fh)}
    by_id: dict[str, list] = {}
    for f in raw:
        by_id.setdefault(ids[f["properties"]["NAME"]], []).append(shape(f["geometry"]))
    for pid, parts in by_id.items():
        csr = unary_union(parts)
        ours = _geom(gaz.extent(pid)["coordinates"])
        assert abs(ours.area - csr.area) < 1e-7 and ours.symmetric_difference(csr).area < 1e-7, pid
        p = gaz.place(pid)
        assert csr.buffer(1e-6).contains(Point(p.lon, p.lat)), pid
        assert "UNOSAT" not in p.source


# id -> (kind, district, precision)
NEW = {
    "handarat": ("neighbourhood", "Handarat", 1),
    "owaija": ("neighbourhood", "Owaija", 1),
    "ard-al-hamra": ("neighbourhood", "Ard al-Hamra", 1),
    "shqayyef": ("neighbourhood", "Shqayyef Industrial Area", 1),
    "dahiyat-al-assad": ("neighbourhood", "Dahiyat al-Assad", 2),  # 13 points on the villas only
    "rashidin": ("neighbourhood", "Rashidin", 2),  # a straggling cloud
    "mansoura": ("neighbourhood", "Mansoura", 1),
    "duwayrina": ("neighbourhood", "Duwayrina", 1),  # CSR named it under Jibreen without a polygon
    "bab-al-nairab": ("sub-area", "Muhammad Bek", 1),
    "tariq-al-bab": ("sub-area", "Helwaniyeh", 1),  # was Shaar's point: east of Shaar in fact
    "souq-al-hal": ("sub-area", "Kallaseh", 2),
    "karm-al-qasr": ("sub-area", "Bustan al-Qasr", 2),
    "mishatiyeh": ("sub-area", "Dallaleen", 1),
    "malkiyeh": ("sub-area", "Jibreen Industrial Area", 2),
    "bab-antakia-park": ("landmark", "Kallaseh", 1),
    "baghdad-station": ("landmark", "Sheikh Taha", 2),  # one point
}


@pytest.mark.parametrize("pid", sorted(NEW))
def test_new_and_located_places(gaz, pid):
    p = gaz.place(pid)
    assert (p.kind, p.district, p.precision) == NEW[pid]
    assert "UNITAR-UNOSAT damage assessment, via Columbia CSR" in p.source
    ext = gaz.extent(pid)
    assert ext is not None and _geom(ext["coordinates"]).buffer(1e-6).contains(Point(p.lon, p.lat))


@pytest.mark.parametrize("pid", [pid for pid, v in NEW.items() if v[0] == "neighbourhood"])
def test_new_districts_take_points_and_overlap_no_csr_polygon(gaz, pid):
    p = gaz.place(pid)
    assert gaz.district_at(p.lat, p.lon).id == pid
    assert p in gaz.districts()
    mine = _geom(gaz.extent(pid)["coordinates"])
    for other in gaz.districts():
        if other.id != pid:
            assert mine.intersection(_geom(gaz.extent(other.id)["coordinates"])).area < 1e-8, other.id


def test_tariq_al_bab_lies_east_of_shaar(gaz):
    tb, shaar = gaz.place("tariq-al-bab"), gaz.place("shaar")
    assert tb.lon > shaar.lon + 0.005
    assert gaz.district_at(tb.lat, tb.lon).name == tb.district == "Helwaniyeh"


@pytest.mark.parametrize("name,pid", [
    ("Handarat", "handarat"), ("حندرات", "handarat"), ("مخيم حندرات", "handarat"), ("Handarat camp", "handarat"),
    ("Owaija", "owaija"), ("العويجة", "owaija"), ("عويجة", "owaija"), ("Uwayjah", "owaija"),
    ("Ard al-Hamra", "ard-al-hamra"), ("أرض الحمرا", "ard-al-hamra"), ("ارض الحمراء", "ard-al-hamra"),
    ("Bab al-Nairab", "bab-al-nairab"), ("Bab al-Nayrab", "bab-al-nairab"), ("باب النيرب", "bab-al-nairab"),
    ("حي باب النيرب", "bab-al-nairab"), ("Dahiyat al-Assad", "dahiyat-al-assad"), ("ضاحية الأسد", "dahiyat-al-assad"),
    ("Assad suburb", "dahiyat-al-assad"), ("الشقيف", "shqayyef"), ("Shqayyef", "shqayyef"), ("al-Shaqif", "shqayyef"),
    ("طريق الباب", "tariq-al-bab"), ("Tareeq al-Bab", "tariq-al-bab"), ("الراشدين", "rashidin"),
    ("Rashideen", "rashidin"), ("المنصورة", "mansoura"), ("تلة السودا", "tallet-al-sawda"),
])
def test_new_places_resolve_in_both_scripts(gaz, name, pid):
    m = gaz.resolve(name)
    assert m is not None and m.place.id == pid


@pytest.mark.parametrize("name,not_pid", [
    ("Bab al-Nairab", "nayrab"), ("Nairab", "bab-al-nairab"), ("al-Bab", "tariq-al-bab"), ("Bab", "bab-al-nairab"),
    ("Hamra", "ard-al-hamra"), ("Assad", "dahiyat-al-assad"), ("Bashar al-Assad", "dahiyat-al-assad"),
])
def test_near_names_do_not_land_on_the_new_places(gaz, name, not_pid):
    m = gaz.resolve(name)
    assert m is None or m.place.id != not_pid


def test_every_place_names_its_source(gaz):
    assert all(p.source for p in gaz.places.values())


def test_derived_extents_are_reproducible_from_the_shared_csv():
    """The committed file is what ``python -m gazetteer.unosat`` makes of the shared data."""
    fresh = json.loads(json.dumps(unosat.derive(SHARED_CSV)["names"]))
    assert fresh == EXTENTS


def test_outliers_are_dropped_and_precision_follows_the_cloud():
    base = [(36.20 + i * 1e-4, 37.15 + (i % 7) * 1e-4) for i in range(40)]
    compact = unosat.extent(base)
    assert compact["precision"] == 1 and compact["kept"] == 40
    straggling = unosat.extent(base + [(36.30, 37.30), (36.10, 37.00)])
    assert straggling["kept"] == 40  # the two far points are not part of the place
    hull = shape(straggling["extent"])
    assert not hull.contains(Point(37.30, 36.30)) and hull.contains(Point(straggling["lon"], straggling["lat"]))
    sparse = unosat.extent(base[:5])
    assert sparse["precision"] == 2
