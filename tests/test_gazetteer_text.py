"""find_places: names in running text (Latin and Arabic)."""
from __future__ import annotations

import pytest

import gazetteer


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.load()


CASES = [
    ("The fighting was concentrated in Sheikh Saeed, a rebel-held district of the city next to Ramousah",
     [("Sheikh Saeed", "sheikh-saeed"), ("Ramousah", "ramouseh")]),
    ("غارات جوية على حي العامرية", [("العامرية", "amiriyeh")]),
    ("The Syrian army clashed on Friday in the south of Aleppo with rebels", [("south of Aleppo", "southern-aleppo")]),
    ("Air strikes on rebel-held eastern Aleppo", [("rebel-held eastern Aleppo", "eastern-aleppo")]),
    ("rebel shelling of government-held neighbourhoods killed four people",
     [("government-held neighbourhoods", "western-aleppo")]),
    ("Air strikes hit al-Sukkari and Bab al-Hadid", [("al-Sukkari", "sukkari"), ("Bab al-Hadid", "bab-al-hadid")]),
    ("قصف على بستان القصر والكلاسة", [("بستان القصر", "bustan-al-qasr"), ("والكلاسة", "kallaseh")]),
    ("fighting in the northern Aleppo countryside and Aleppo province", []),
    ("سقط شهداء في ريف حلب", []),
    ("Nubl and Zahraa are Shi'ite towns", []),
    ("the Zahraa district was shelled", [("Zahraa district", "zahraa")]),
    ("قصف على حي الشهداء", [("الشهداء", "shuhada")]),
    ("في شهر تشرين الأول سقط الشهداء", []),
    ("Bashar al-Assad met Nusra Front envoys in Idlib", []),
    # a cue-only name after a place preposition is a place, unless it is one elsewhere too
    ("Shells fell near Midan on Friday", [("Midan", "midan")]),
    ("clashes in al-Jdeideh", [("al-Jdeideh", "jdeideh")]),
    ("rebels attacked positions in Zahraa, a Shi'ite town", []),
    ("the talks in Basel ended", []),
    ("Midan, the Damascus district", []),
    # a gate name does not swallow the next name after a comma or "and"
    ("Regime forces shelled Tariq al-Bab, Karm al-Jabal and Qadi Askar.",
     [("Tariq al-Bab", "tariq-al-bab"), ("Karm al-Jabal", "karm-al-jabal"), ("Qadi Askar", "qadi-askar")]),
    ("سقوط قذائف على طريق الباب وكرم الجبل", [("طريق الباب", "tariq-al-bab"), ("وكرم الجبل", "karm-al-jabal")]),
    # cue words with a proclitic, and in the dual
    ("قصف على حي الشيخ سعيد وحي السكري", [("الشيخ سعيد", "sheikh-saeed"), ("السكري", "sukkari")]),
    ("قصف بحي السكري", [("السكري", "sukkari")]),
    ("حيي السكري والفردوس", [("السكري", "sukkari")]),
    # "et" is French "and", not the article of es-/et- forms
    ("Cheikh Saïd et Salaheddine ont été bombardés.", [("Cheikh Saïd", "sheikh-saeed"), ("Salaheddine", "salaheddine")]),
    ("fighting in es-Sukkari", [("es-Sukkari", "sukkari")]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_find_places(gaz, text, expected):
    spans = gaz.find_places(text)
    assert [(s.text, s.match.place.id) for s in spans] == expected
    for s in spans:
        assert text[s.start:s.end] == s.text


def test_longest_match_wins_and_spans_do_not_overlap(gaz):
    spans = gaz.find_places("Clashes in Sheikh Maqsoud and Sheikh Saeed, Ansari Sharqi and Ansari")
    assert [s.match.place.id for s in spans] == ["sheikh-maqsoud", "sheikh-saeed", "ansari-sharqi", "ansari"]
    ends = [(s.start, s.end) for s in spans]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:]))


def test_city_found(gaz):
    spans = gaz.find_places("More than 250,000 people are trapped in Aleppo.")
    assert [(s.text, s.match.place.precision) for s in spans] == [("Aleppo", 3)]


def test_empty_text(gaz):
    assert gaz.find_places("") == []
