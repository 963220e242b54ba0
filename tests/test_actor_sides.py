"""Actor families and sides: ACLED names → side/family, what people type → sides, the user's file."""
from __future__ import annotations

import pytest

from dashboard import actor_sides as AS
from dashboard import actor_terms as T
from dashboard.filters import ViewState, from_query_params


@pytest.mark.parametrize("name, code, side, family", [
    ("Military Forces of Syria (2000-)", 1, "government", "state-forces"),
    ("Military Forces of Syria (2000-2024)", None, "government", "state-forces"),
    ("Police Forces of Syria (2000-)", None, "government", "state-forces"),
    ("NDF: National Defence Forces", 3, "government", "political-militias"),
    ("Hezbollah", None, "government", "external-forces"),
    ("Liwa al-Quds", None, "government", "political-militias"),
    ("Military Forces of Iran (1989-)", None, "government", "external-forces"),
    ("Allied Syrian and/or Russian Forces", None, "government", "external-forces"),
    ("Military Forces of Russia (2000-)", 8, "russia", "external-forces"),
    ("HTS: Hayat Tahrir al Sham", 2, "opposition", "rebel-groups"),
    ("Hay'at Tahrir al-Sham", None, "opposition", "rebel-groups"),
    ("Jabhat Fateh al-Sham", None, "opposition", "rebel-groups"),
    ("Jabhat al Nusra", None, "opposition", "rebel-groups"),
    ("Ahrar al Sham", None, "opposition", "rebel-groups"),
    ("Ahrar al-Sham", None, "opposition", "rebel-groups"),
    ("FSA", None, "opposition", "rebel-groups"),
    ("Free Syrian Army", None, "opposition", "rebel-groups"),
    ("Opposition Rebels (Syria)", None, "opposition", "rebel-groups"),
    ("Nour al-Din al-Zenki Movement", None, "opposition", "rebel-groups"),
    ("Turkistan Islamic Party", None, "opposition", "rebel-groups"),
    ("YPG: Peoples Protection Units", None, "kurdish", "rebel-groups"),
    ("YPG: People's Protection Units", None, "kurdish", "rebel-groups"),
    ("SDF: Syrian Democratic Forces", None, "kurdish", "rebel-groups"),
    ("IS: Islamic State", None, "islamic-state", "rebel-groups"),
    ("Islamic State (Syria)", None, "islamic-state", "rebel-groups"),
    ("Global Coalition Against Daesh", None, "coalition", "external-forces"),
    ("Military Forces of the United States (2021-)", None, "coalition", "external-forces"),
    ("Military Forces of Turkey (2016-)", None, "turkey", "external-forces"),
    ("Unidentified Military Forces", None, "civilians", "external-forces"),
    ("Unidentified Armed Group (Syria)", 3, "civilians", "political-militias"),
    ("Civilians (Syria)", 7, "civilians", "civilians"),
    ("Protesters (Syria)", 6, "civilians", "protesters"),
    ("Rioters (Syria)", None, "civilians", "rioters"),
])
def test_acled_names_get_their_side_and_family(name, code, side, family):
    a = AS.classify(name, code)
    assert (a.side, a.family) == (side, family)


@pytest.mark.parametrize("name, code, side, family, how", [
    ("Liwa al Fursan", 2, "opposition", "rebel-groups", "rule"),   # a brigade coded as a rebel group
    ("Liwa al Fursan", 3, "unassigned", "political-militias", "none"),  # a militia: could be either side
    ("Liwa al Fursan", None, "unassigned", None, "none"),
    ("Liwa Zainebiyoun", 3, "government", "political-militias", "rule"),
    ("Popular Committees (Syria)", 3, "government", "political-militias", "rule"),
    ("Xanadu Brigade", None, "unassigned", None, "none"),      # nothing tells
    ("Xanadu Brigade", 3, "unassigned", "political-militias", "none"),  # the code gives the family only
    ("Some Villagers", 7, "civilians", "civilians", "code"),   # civilians, whoever they are
    ("Hezbollah", 3, "government", "political-militias", "rule"),  # the file's code wins over the rule's family
])
def test_codes_and_unknown_names(name, code, side, family, how):
    assert AS.classify(name, code) == AS.Assignment(side, family, how)


@pytest.mark.parametrize("term, sides, families", [
    ("regime", ("government",), ()),
    ("government", ("government",), ()),
    ("Assad forces", ("government",), ()),
    ("قوات النظام", ("government",), ()),
    ("قوّات النظام", ("government",), ()),      # a shadda
    ("النظام", ("government",), ()),
    ("opposition", ("opposition",), ()),
    ("insurgents", ("opposition",), ()),
    ("rebels", ("opposition",), ()),
    ("المعارضة", ("opposition",), ()),
    ("الفصائل", ("opposition",), ()),
    ("jihadists", ("opposition", "islamic-state"), ()),
    ("Kurds", ("kurdish",), ()),
    ("الأكراد", ("kurdish",), ()),
    ("الاكراد", ("kurdish",), ()),              # without the hamza
    ("Daesh", ("islamic-state",), ()),
    ("داعش", ("islamic-state",), ()),
    ("coalition", ("coalition",), ()),
    ("Turks", ("turkey",), ()),
    ("Russians", ("russia",), ()),
    ("REGIME", ("government",), ()),
    ("Side: Government and allies", ("government",), ()),
    ("side:kurdish", ("kurdish",), ()),
    ("الحكومة وحلفاؤها", ("government",), ()),
    ("State forces", (), ("state-forces",)),
    ("militias", (), ("political-militias",)),
    ("family:protesters", (), ("protesters",)),
])
def test_synonyms_name_sides_and_families(term, sides, families):
    hit = T.resolve(term)
    assert (hit.sides, hit.families) == (sides, families)


@pytest.mark.parametrize("term", ["SAA", "Syrian army", "Syrian Arab Army", "الجيش السوري", "الجيش العربي السوري",
                                  "جيش النظام"])
def test_army_names_stand_for_the_syrian_military_not_the_whole_side(term):
    names = ["Military Forces of Syria (2000-)", "Military Forces of Syria (2000-2024)", "Police Forces of Syria (2000-)",
             "Hezbollah", "Civilians (Syria)"]
    assert T.expand_value(term, names)[1:] == ["Military Forces of Syria (2000-)", "Military Forces of Syria (2000-2024)"]
    actors, sides, _ = T.split_values([term])
    assert (actors, sides) == ([term], [])


@pytest.mark.parametrize("query, first", [
    ("regime", "side:government"), ("قوات النظام", "side:government"), ("gov", "side:government"),
    ("kurd", "side:kurdish"), ("state", "family:state-forces"),
    ("Assad", "side:government"), ("hezb", "Hezbollah"), ("SAA", "Military Forces of Syria (2000-)"),
])
def test_the_finder_offers_sides_first_then_actors(query, first):
    names = ["Civilians (Syria)", "Hezbollah", "Military Forces of Syria (2000-)"]
    assert T.find(query, names)[0] == first


def test_the_finder_finds_every_syrian_actor_by_the_adjective():
    names = ["Military Forces of Syria (2000-)", "Military Forces of Russia (2000-)", "Civilians (Syria)"]
    assert set(T.find("Syrian", names)) >= {"Military Forces of Syria (2000-)", "Civilians (Syria)"}
    assert "Military Forces of Russia (2000-)" not in T.find("Syrian", names)


@pytest.mark.parametrize("params, sides, actors", [
    ({"actor": "regime"}, ("government",), ()),
    ({"actor": "قوات النظام"}, ("government",), ()),
    ({"actor": ["regime", "Hezbollah"]}, ("government",), ("Hezbollah",)),
    ({"side": "government"}, ("government",), ()),
    ({"side": "Kurds"}, ("kurdish",), ()),
    ({"actor": "SAA"}, (), ("SAA",)),
])
def test_links_take_synonyms_and_record_sides(params, sides, actors):
    view, notices = from_query_params(params)
    assert (view.sides, view.actors, notices) == (sides, actors, [])
    assert from_query_params(view.to_query_params()) == (view, [])
    if sides:
        assert view.to_query_params()["side"] == list(sides)


def test_an_unknown_side_in_a_link_is_a_notice():
    view, notices = from_query_params({"side": "martians"})
    assert view.sides == () and len(notices) == 1 and "side" in notices[0]


def test_filter_values_split_into_sides_families_and_actors():
    view = ViewState(actors=["side:government", "family:civilians", "Hezbollah"])
    assert (view.sides, view.families, view.actors) == (("government",), ("civilians",), ("Hezbollah",))
    assert "Government and allies" in view.describe()


def test_short_labels_never_look_alike():
    names = ["Military Forces of Syria (2000-) Air Force", "Military Forces of Syria (2000-) Air Force Intelligence",
             "Military Forces of Syria (2000-) Special Forces", "Military Forces of Syria (2000-)",
             "Military Forces of Syria (2000-2024) Air Force", "Military Forces of Syria (2011-2024) Air Force"]
    labels = T.short_labels(names, width=30)
    assert len(set(labels.values())) == len(names)
    assert all(len(v) <= 36 for v in labels.values())


def test_the_user_file_assigns_sides(tmp_path, monkeypatch):
    path = tmp_path / "actor-sides.csv"
    monkeypatch.setenv("ALEPPO_ACTOR_SIDES", str(path))
    assert AS.user_path() == path and AS.read_user() == {}
    AS.assign({"Xanadu Brigade": "opposition", "=cmd|x": "government"})
    assert AS.read_user() == {"Xanadu Brigade": "opposition", "=cmd|x": "government"}
    assert "'=cmd" in path.read_text(encoding="utf-8")  # a spreadsheet never runs it
    assert AS.classify("Xanadu Brigade", None, AS.read_user()).side == "opposition"
    with pytest.raises(ValueError):
        AS.assign({"X": "martians"})


def test_the_table_is_consistent():
    t = AS.table()
    assert sorted(f.code for f in t.families.values()) == list(range(1, 9))
    assert {r.side for r in t.rules} <= set(t.sides)
    assert len(t.sides) == 8 and all(g.label_ar for g in (*t.sides.values(), *t.families.values()))
