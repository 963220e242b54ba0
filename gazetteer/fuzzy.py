"""Fuzzy matching that abstains: distinctive part only, threshold and margin.

A name is split into its generic heads (Sheikh, Bab, Karm, Jabal, ...) and its
distinctive rest. Only names with the *same* generic heads compete, and they are
compared on the distinctive rest with ``rapidfuzz.fuzz.ratio``: "Sheikh Maqsoud"
is compared with "maksud" against "said" and never lands on Sheikh Saeed, and
"Bab al-Nairab" (head "bab") cannot match an-Nayrab (no head). A candidate wins
only with a score >= THRESHOLD and a lead of MARGIN over the best other place.
Candidates that share the query's consonant skeleton get a floor of SKELETON_SCORE
(vowels are the least reliable part of a transliteration).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache

from rapidfuzz import fuzz, process

from .normalize import distinctive, generic_part, is_arabic, skeleton

THRESHOLD = 85.0
MARGIN = 8.0
SKELETON_SCORE = 88.0
MIN_LENGTH = 4  # distinctive parts shorter than this never match fuzzily
SHORT, SHORT_THRESHOLD = 5, 90.0  # one letter off a 4-5 letter name ("Taher" for Taha) is another name
_MEMO_LIMIT = 100_000


class FuzzyMatcher:
    """Fuzzy candidates over (key, place id) pairs."""

    def __init__(self, names: Iterable[tuple[str, str]], kind_of: Callable[[str], str]):
        groups: dict[tuple[bool, frozenset[str]], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        skel: dict[tuple[bool, frozenset[str], str], set[str]] = defaultdict(set)
        for key, pid in names:
            d = distinctive(key)
            if len(d.replace(" ", "")) < MIN_LENGTH:
                continue
            g = _shape(key)
            ar = is_arabic(key)
            groups[(ar, g)][d].add(pid)
            skel[(ar, g, skeleton(d))].add(pid)
        self._choices = {k: (list(v.keys()), list(v.values())) for k, v in groups.items()}
        self._skel = dict(skel)
        # Many spellings share a key ("Sheikh Sa'eed", "sheikh saeed"): score each key once.
        self.match = lru_cache(maxsize=_MEMO_LIMIT)(self._match)

    def _match(self, key: str) -> tuple[str, float] | None:
        """(place id, score) for a normalised key, or None when unsure (``match`` caches it)."""
        d = distinctive(key)
        if len(d.replace(" ", "")) < MIN_LENGTH:
            return None
        ar = is_arabic(key)
        g = _shape(key)
        group = self._choices.get((ar, g))
        if not group:
            return None
        keys, pids = group
        best: dict[str, float] = {}
        for _, score, idx in process.extract(d, keys, scorer=fuzz.ratio, limit=12, score_cutoff=60):
            for pid in pids[idx]:
                best[pid] = max(best.get(pid, 0.0), score)
        sk = skeleton(d)
        for pid in self._skel.get((ar, g, sk), ()) if len(sk) >= 4 else ():
            if best.get(pid, 0.0) >= 60:
                best[pid] = max(best[pid], SKELETON_SCORE)
        if not best:
            return None
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        top_pid, top = ranked[0]
        runner = ranked[1][1] if len(ranked) > 1 else 0.0
        need = SHORT_THRESHOLD if len(d.replace(" ", "")) <= SHORT else THRESHOLD
        if top >= need and top - runner >= MARGIN:
            return top_pid, top
        return None


_PERSON_HEADS = frozenset({"sheikh", "abu", "ibn", "bin", "ben", "um", "umm", "bani"})


def _shape(key: str) -> tuple:
    """The generic heads, and for the heads of person names (Sheikh, Abu, Ibn ...) where the
    distinctive words stand: "sheikh saeed" and "saeed sheikh" (a person's name) never compete,
    while "Ansari Mashhad" and "Mashhad al-Ansari" do."""
    generic = generic_part(key)
    order: list[str] = []
    for tok in key.split():
        mark = tok if tok in generic and tok in _PERSON_HEADS else "*"
        if not (mark == "*" and order and order[-1] == "*"):
            order.append(mark)
    return (generic, tuple(order) if any(m != "*" for m in order) else ())
