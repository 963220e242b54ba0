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
    "menagh-airbase": ("landmark", 1, None, "36.52194, 37.04111"),
    "nubl": ("landmark", 1, None, "36.37556, 36.99417"),
    "castello-road": ("road", 2, None, "links the Leramoun and Jandoul roundabouts"),
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
    ("Menagh", "menagh-airbase"), ("Menagh airbase", "menagh-airbase"), ("Menagh air base", "menagh-airbase"),
    ("Menagh military airport", "menagh-airbase"), ("Minnigh airbase", "menagh-airbase"), ("Mennegh", "menagh-airbase"),
    ("Minakh", "menagh-airbase"), ("مطار منغ", "menagh-airbase"), ("مطار منغ العسكري", "menagh-airbase"),
    ("Nubl", "nubl"), ("Nubbul", "nubl"), ("Nubbol", "nubl"), ("نبل", "nubl"), ("بلدة نبل", "nubl"),
    ("Castello Road", "castello-road"), ("the Castello road", "castello-road"), ("Castillo Road", "castello-road"),
    ("Castelo road", "castello-road"), ("Castello highway", "castello-road"), ("al-Castello Road", "castello-road"),
    ("Castello Road, Aleppo", "castello-road"), ("Aleppo - Castello Road", "castello-road"),
    ("طريق الكاستيلو", "castello-road"), ("الكاستيلو", "castello-road"), ("طريق الكاستلو", "castello-road"),
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


# a few km north-west of the city (Nubl some 20 km), not on top of it
@pytest.mark.parametrize("pid,lat,lon", [("anadan", (36.22, 36.32), (37.00, 37.11)),
                                         ("kafr-hamra", (36.22, 36.32), (37.00, 37.11)),
                                         ("nubl", (36.33, 36.42), (36.95, 37.05))])
def test_towns_outside_the_city_polygons(gaz, pid, lat, lon):
    p = gaz.place(pid)
    assert gaz.district_at(p.lat, p.lon) is None
    assert lat[0] < p.lat < lat[1] and lon[0] < p.lon < lon[1]


def test_menagh_lies_north_of_the_city_near_azaz(gaz):
    p = gaz.place("menagh-airbase")
    assert gaz.district_at(p.lat, p.lon) is None and gaz.extent(p.id) is None
    assert 36.45 < p.lat < 36.6 and 37.0 < p.lon < 37.1


def test_castello_road_is_an_area_spanning_its_two_named_ends(gaz):
    """No source gives the road's line: its extent is the hull of the districts of the two roundabouts
    the cited source says it links, and its point lies inside that extent, not on a made-up spot."""
    from shapely.geometry import Point, shape

    road = gaz.place("castello-road")
    ext = gaz.extent("castello-road")
    assert ext["type"] == "MultiPolygon"
    hull = shape(ext)
    for end in ("layramoun-roundabout", "jandoul"):
        e = gaz.place(end)
        assert hull.contains(Point(e.lon, e.lat)), end
    assert hull.contains(Point(road.lon, road.lat))
    assert hull.covers(shape(gaz.extent("layramoun"))) and hull.covers(shape(gaz.extent("ayn-al-tal")))
    assert hull.area < 0.003  # about 9 x 3 km, not the north of the city
    assert road.id not in {d.id for d in gaz.districts()}  # an area of precision 2, never a district


def test_an_extent_needs_cited_polygons_and_an_area_precision():
    from gazetteer.build import _extent_of

    places = {"a": {"geometry": [[[[37.1, 36.2], [37.11, 36.2], [37.11, 36.21], [37.1, 36.2]]]]}, "b": {"geometry": None}}
    row = {"id": "x", "extent_of": "a|b", "precision": "2"}
    with pytest.raises(SystemExit):
        _extent_of(places, row, 36.205, 37.105)  # b has no polygon
    with pytest.raises(SystemExit):
        _extent_of(places, dict(row, extent_of="a", precision="1"), 36.205, 37.105)  # a point precision
    with pytest.raises(SystemExit):
        _extent_of(places, dict(row, extent_of="a"), 36.3, 37.3)  # the point outside the extent
    assert _extent_of(places, dict(row, extent_of="a"), 36.203, 37.107)["district"] is None


@pytest.mark.parametrize("text,pid", [
    ("Russian jets struck Anadan and Hraytan on Friday", "anadan"),
    ("قصف جوي على بلدة عندان شمال حلب", "anadan"),
    ("Government forces advanced on Kafr Hamra", "kafr-hamra"),
    ("Shells fell near the Layramoun roundabout", "layramoun-roundabout"),
    ("اشتباكات على محور جمعية الزهراء", "zahraa-association"),
    ("On 17 July, the army cut the Castello Road", "castello-road"),
    ("استهداف طريق الكاستيلو بالمدفعية", "castello-road"),
    ("Rebels stormed the Menagh airbase", "menagh-airbase"),
    ("shells fell in Nubl", "nubl"),
    ("قصف على بلدة نبل", "nubl"),
])
def test_found_in_prose(gaz, text, pid):
    assert pid in [s.match.place.id for s in gaz.find_places(text)]


@pytest.mark.parametrize("name,pid", [
    ("Zahraa", "zahraa"), ("الزهراء", "zahraa"), ("Layramoun", "layramoun"), ("الليرمون", "layramoun"),
])
def test_neighbourhood_names_unchanged(gaz, name, pid):
    assert gaz.resolve(name).place.id == pid


@pytest.mark.parametrize("name", ["Nubl and Zahraa", "Zahraa town", "Association", "Hamra", "castle", "the Castle",
                                  "Castel", "Kastel", "Castello Rd junction", "Nubl Street"])
def test_not_captured_by_the_new_names(gaz, name):
    m = gaz.resolve(name)
    assert m is None or m.place.id not in EXTRA


@pytest.mark.parametrize("text", ["نبل الأخلاق وكرم الضيافة", "Nubl and Zahraa are Shi'ite towns", "fighting near the castle"])
def test_common_words_are_not_the_new_places(gaz, text):
    assert [s.match.place.id for s in gaz.find_places(text) if s.match.place.id in EXTRA] == []
