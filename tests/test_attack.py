"""The attack run's own parts (``python -m attack``): what it generates and how it counts."""
from __future__ import annotations

from attack.files import cases
from attack.harness import Tally
from attack.payloads import XSS, hostile_links


def test_at_least_a_thousand_distinct_hostile_links():
    links = hostile_links(1200)
    assert len(set(links)) == 1200 and any(len(q) > 10_000 for q in links)


def test_payloads_each_announce_themselves():
    assert len(XSS) >= 50 and all("__xss" in p or "alert" in p for p in XSS)


def test_every_file_case_is_made_and_says_what_must_load():
    names = [c.name for c in cases()]
    assert len(names) == len(set(names)) >= 50
    quick = cases(quick=True)
    assert {c.finding for c in cases() if c.finding} == {"1", "4", "5", "6", "10"} and len(quick) < len(names)
    for c in quick:
        assert isinstance(c.make(), bytes) and (c.refuse or c.valid >= 0)


def test_tally_counts_failures_by_kind():
    t = Tally()
    t["a"].ok()
    t["a"].fail("hang", "x")
    t["b"].fail("execution", "y")
    table = t.table()
    assert t.failed == 2 and "| a | 2 | 1 | 0 | 0 | 1 | 0 |" in table and "| **total** | **3** | **2** |" in table
