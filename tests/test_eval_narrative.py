"""The narrative development set (benchmarks/data/narrative.txt) and its scorer: the set is well
formed, the scorer counts right, and the extraction keeps the issue 12 targets on it (a regression
floor; the maintainers re-check on passages we do not have)."""
from __future__ import annotations

from datetime import date

import pytest

import gazetteer
from benchmarks.eval_narrative import Passage, _gold, evaluate, load, score_passage
from dashboard.extract.actors import load_actors
from dashboard.schema import SUB_EVENT_TYPES, Event


@pytest.fixture(scope="module")
def g():
    return gazetteer.load()


@pytest.fixture(scope="module")
def scores(g):
    return evaluate(load(), g)


def test_the_set_is_well_formed(g):
    passages = load()
    assert len(passages) >= 50 and {p.split for p in passages} == {"dev", "holdout"}
    assert len({p.id for p in passages}) == len(passages)
    for p in passages:
        assert p.text.strip() and p.published.year in (2016, 2017), p.id
        for gold in p.gold:
            assert gold.sub_event_type in SUB_EVENT_TYPES, (p.id, gold.line)
            assert gold.precision in (1, 2, 3)
            for place in gold.places:
                assert place.startswith("~") or place in g.places, (p.id, gold.line, place)
    assert sum(len(p.gold) for p in passages if p.split == "holdout") >= 60


def _event(sub, place_id=None, location="", actor1="", day=date(2016, 11, 28)):
    return Event(event_date=day, event_type=SUB_EVENT_TYPES[sub], sub_event_type=sub, actor1=actor1,
                 place_id=place_id, location=location)


def test_the_scorer_counts_matches_misses_and_false_events():
    p = Passage("T", "dev", date(2016, 11, 29), "news", "text", [
        _gold("2016-11-28 | Government regains territory | Military Forces of Syria (2000-) | government | sakhour", 1),
        _gold("2016-11-28 | Air/drone strike | Allied Syrian and/or Russian Forces | government | ~Bab al-Nairab", 2),
        _gold("?2016-11-28 | Armed clash | Opposition Rebels (Syria) | opposition | hanano", 3),
    ])
    actors = load_actors()
    s = score_passage(p, [
        _event("Government regains territory", "sakhour", "al-Sakhour", "Military Forces of Syria (2000-)"),
        _event("Air/drone strike", None, "the Bab al-Nairab", "Opposition Rebels (Syria)"),  # wrong side
        _event("Armed clash", "hanano", "Hanano"),  # optional: neither way
        _event("Shelling/artillery/missile attack", "midan", "Midan"),  # false event, wrong place
    ], actors)
    assert (s.tp, s.fp, s.fn) == (2, 1, 0)
    assert (s.placed_right, s.predicted) == (3, 4)
    assert (s.side_right, s.side_scored) == (1, 2)


def test_dev_set_targets(scores):
    dev = scores["dev"]
    assert dev.f1 >= 0.90 and dev.placed_right / dev.predicted >= 0.95 and dev.side_right / dev.side_scored >= 0.95


def test_held_back_set_targets(scores):
    held = scores["holdout"]
    assert held.f1 >= 0.80 and held.placed_right / held.predicted >= 0.90 and held.side_right / held.side_scored >= 0.90
