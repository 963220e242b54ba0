"""Curated extra places (outside or inside the polygons): spellings -> id, precision, source, district."""
from __future__ import annotations

import pytest

import gazetteer


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.load()


# place id -> (kind, precision, district, a fragment the recorded source must contain)
EXTRA = {
    "anadan": ("landmark", 1, None, "36.29361, 37.04444"),
    "kafr-hamra": ("landmark", 2, None, "de.wikipedia.org/wiki/Kafr_Hamrah"),
    "layramoun-roundabout": ("sub-area", 1, "Layramoun", "Columbia University Center for Spatial Research"),
    "zahraa-association": ("sub-area", 1, "Zahraa", "Columbia University Center for Spatial Research"),
}

SPELLINGS = [
    ("Anadan", "anadan"), ("anadan", "anadan"), ("Enadan", "anadan"), ("'Anadan", "anadan"), ("عندان", "anadan"),
    ("بلدة عندان", "anadan"), ("Anadan, Aleppo", "anadan"),
    ("Kafr Hamra", "kafr-hamra"), ("Kafr Hamrah", "kafr-hamra"), ("Kfar Hamra", "kafr-hamra"),
    ("Kafer Hamra", "kafr-hamra"), ("كفر حمرة", "kafr-hamra"), ("كفرحمرة", "kafr-hamra"),
    ("Layramoun roundabout", "layramoun-roundabout"), ("al-Layramoun roundabout", "layramoun-roundabout"),
    ("Leramoun roundabout", "layramoun-roundabout"), ("Lairamoun roundabout", "layramoun-roundabout"),
    ("دوار الليرمون", "layramoun-roundabout"), ("rond-point de Layramoun", "layramoun-roundabout"),
    ("Zahraa Association", "zahraa-association"), ("al-Zahraa Association", "zahraa-association"),
    ("Zahra Association", "zahraa-association"), ("Jamiat al-Zahraa", "zahraa-association"),
    ("Jamiyat al-Zahra", "zahraa-association"), ("جمعية الزهراء", "zahraa-association"),
    ("حي جمعية الزهراء", "zahraa-association"),
]


@pytest.mark.parametrize("name,pid", SPELLINGS)
def test_spelling_resolves(gaz, name, pid):
    m = gaz.resolve(name)
    assert m is not None, name
    assert m.place.id == pid


@pytest.mark.parametrize("pid", sorted(EXTRA))
def test_kind_precision_district_source(gaz, pid):
    kind, precision, district, source_part = EXTRA[pid]
    p = gaz.place(pid)
    assert (p.kind, p.precision, p.district) == (kind, precision, district)
    assert source_part in p.source


@pytest.mark.parametrize("pid", ["layramoun-roundabout", "zahraa-association"])
def test_subarea_point_lies_in_its_district(gaz, pid):
    p = gaz.place(pid)
    assert gaz.district_at(p.lat, p.lon).name == p.district


@pytest.mark.parametrize("pid", ["anadan", "kafr-hamra"])
def test_towns_outside_the_city_polygons(gaz, pid):
    p = gaz.place(pid)
    assert gaz.district_at(p.lat, p.lon) is None
    # a few km north-west of the city, not on top of it
    assert 36.22 < p.lat < 36.32 and 37.00 < p.lon < 37.11


@pytest.mark.parametrize("text,pid", [
    ("Russian jets struck Anadan and Hraytan on Friday", "anadan"),
    ("قصف جوي على بلدة عندان شمال حلب", "anadan"),
    ("Government forces advanced on Kafr Hamra", "kafr-hamra"),
    ("Shells fell near the Layramoun roundabout", "layramoun-roundabout"),
    ("اشتباكات على محور جمعية الزهراء", "zahraa-association"),
])
def test_found_in_prose(gaz, text, pid):
    assert pid in [s.match.place.id for s in gaz.find_places(text)]


@pytest.mark.parametrize("name,pid", [
    ("Zahraa", "zahraa"), ("الزهراء", "zahraa"), ("Layramoun", "layramoun"), ("الليرمون", "layramoun"),
])
def test_neighbourhood_names_unchanged(gaz, name, pid):
    assert gaz.resolve(name).place.id == pid


@pytest.mark.parametrize("name", ["Nubl and Zahraa", "Zahraa town", "Association", "Hamra"])
def test_not_captured_by_the_new_names(gaz, name):
    m = gaz.resolve(name)
    assert m is None or m.place.id not in EXTRA
