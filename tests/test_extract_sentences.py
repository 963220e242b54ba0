"""Sentence splitting of real narrative prose (issue 12, class 1): citation markers, bullets,
datelines, quotations and abbreviations. The sentences are ours, modelled on encyclopedia
accounts and wire reports of the 2016 battles."""
from __future__ import annotations

import pytest

from dashboard.extract.sentences import blank_markers, split_sentences


def texts(text: str) -> list[str]:
    return [" ".join(s.text.split()) for s in split_sentences(blank_markers(text))]


@pytest.mark.parametrize("text, want", [
    # a citation marker after the full stop does not glue two sentences
    ("The market in al-Shaar was left in flames.[45] Since then the road has been closed.",
     ["The market in al-Shaar was left in flames.", "Since then the road has been closed."]),
    ("Rebels took the hill.[12][13] The army shelled Sakhour.[b][citation needed]",
     ["Rebels took the hill.", "The army shelled Sakhour."]),
    # nor does one inside a sentence split it
    ("The army took Layramoun,[17] and the Tiger Forces reached the junction.",
     ["The army took Layramoun, and the Tiger Forces reached the junction."]),
    # abbreviations and initials
    ("Dr. Hassan al-Ahmad and Brig. Gen. Deeb were in the U.S. Embassy on Sept. 22. Mr. Abu al-Leith was not.",
     ["Dr. Hassan al-Ahmad and Brig. Gen. Deeb were in the U.S. Embassy on Sept. 22.", "Mr. Abu al-Leith was not."]),
])
def test_markers_and_abbreviations(text, want):
    assert texts(text) == want


@pytest.mark.parametrize("line, first", [
    ("BEIRUT (AP) — Syrian troops captured the camp on Saturday.", "Syrian troops captured the camp on Saturday."),
    ("ALEPPO, Syria, July 28 (Reuters) - Syrian forces took Bani Zeid on Thursday.", "Syrian forces took Bani Zeid on Thursday."),
    ("BEIRUT, Dec 8 (Reuters) - Rebels called for a truce.", "Rebels called for a truce."),
    ("MOSCOW/BEIRUT (Reuters) – Russia said on Friday that it would veto.", "Russia said on Friday that it would veto."),
    ("ISTANBUL — Rebel commanders said on Sunday that they held the road.", "Rebel commanders said on Sunday that they held the road."),
    ("* The M10 hospital was hit.", "The M10 hospital was hit."),
    ("- Air strikes hit al-Sakhour on Sunday.", "Air strikes hit al-Sakhour on Sunday."),
    ("2. Rebels shelled Midan.", "Rebels shelled Midan."),
])
def test_datelines_and_bullets_are_not_part_of_the_sentence(line, first):
    (s, *_) = split_sentences(line)
    assert s.text == first and line[s.start:s.end] == first


def test_offsets_survive_blanked_markers():
    text = "Rebels took the hill.[12] The army shelled Sakhour."
    clean = blank_markers(text)
    assert len(clean) == len(text)
    s = split_sentences(clean)[1]
    assert text[s.start:s.end] == "The army shelled Sakhour."


def test_quotations_are_marked():
    got = split_sentences("“We have not slept for three nights,” said a volunteer. “The planes come every hour.”\n"
                          "Rebels shelled Midan on Friday.")
    assert [s.quoted for s in got] == [True, True, False]
