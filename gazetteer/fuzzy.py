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

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache

from rapidfuzz import fuzz, process

from .normalize import GENERIC_KEYS, distinctive, generic_part, is_arabic, skeleton

THRESHOLD = 85.0
MARGIN = 8.0
SKELETON_SCORE = 88.0
SKELETON_FLOOR = 60.0  # a candidate sharing the query's skeleton needs at least this ratio to be lifted
CUTOFF = THRESHOLD - MARGIN  # 77: lower scores neither win nor come within MARGIN of a winner
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
        # Each group's keys per place, to score a skeleton candidate that the cut-off left out.
        self._keys_of: dict[tuple, dict[str, list[str]]] = {}
        for g, (keys, pids) in self._choices.items():
            per: dict[str, list[str]] = defaultdict(list)
            for key, ps in zip(keys, pids):
                for pid in ps:
                    per[pid].append(key)
            self._keys_of[g] = dict(per)
        # Each group's names by length: a name too much shorter or longer than the query cannot
        # reach CUTOFF (fuzz.ratio <= 200 * shorter / (sum of lengths)), so only a window is scored.
        self._by_length = {}
        for g, (keys, pids) in self._choices.items():
            order = sorted(range(len(keys)), key=lambda i: len(keys[i]))
            self._by_length[g] = ([len(keys[i]) for i in order], [keys[i] for i in order], [pids[i] for i in order])
        self._windows: dict[tuple, tuple[list[str], list[set[str]]]] = {}
        # Many spellings share a key ("Sheikh Sa'eed", "sheikh saeed"): score each key once.
        self.match = lru_cache(maxsize=_MEMO_LIMIT)(self._match)

    def _window(self, group: tuple, n: int) -> tuple[list[str], list[set[str]]]:
        """The names of a group whose length lets them score CUTOFF against a query of ``n`` characters."""
        got = self._windows.get((group, n))
        if got is None:
            lengths, keys, pids = self._by_length[group]
            lo = bisect_left(lengths, math.ceil(n * CUTOFF / (200 - CUTOFF) - 1e-9))
            hi = bisect_right(lengths, math.floor(n * (200 - CUTOFF) / CUTOFF + 1e-9))
            got = self._windows[(group, n)] = (keys[lo:hi], pids[lo:hi])
        return got

    def _match(self, key: str) -> tuple[str, float] | None:
        """(place id, score) for a normalised key, or None when unsure (``match`` caches it)."""
        toks = key.split()
        rest = [t for t in toks if t not in GENERIC_KEYS]
        d = " ".join(rest)
        letters = len(d) - len(rest) + 1 if rest else 0  # len(d.replace(" ", ""))
        if letters < MIN_LENGTH:
            return None
        ar = is_arabic(key)
        g = _shape(key) if len(rest) < len(toks) else _NO_HEADS  # no generic word: no heads
        if (ar, g) not in self._choices:
            return None
        keys, pids = self._window((ar, g), len(d))
        best: dict[str, float] = {}
        # Only scores >= CUTOFF can win (>= THRESHOLD) or stop a winner (within MARGIN of it):
        # a higher cut-off lets rapidfuzz skip most names early.
        for _, score, idx in process.extract(d, keys, scorer=fuzz.ratio, limit=12, score_cutoff=CUTOFF):
            for pid in pids[idx]:
                best[pid] = max(best.get(pid, 0.0), score)
        sk = skeleton(d)
        for pid in self._skel.get((ar, g, sk), ()) if len(sk) >= 4 else ():
            if pid not in best:  # below the cut-off: a shared skeleton still counts from SKELETON_FLOOR
                score = max(fuzz.ratio(d, k, score_cutoff=SKELETON_FLOOR) for k in self._keys_of[(ar, g)][pid])
                if score < SKELETON_FLOOR:
                    continue
            best[pid] = max(best.get(pid, 0.0), SKELETON_SCORE)
        if not best:
            return None
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        top_pid, top = ranked[0]
        runner = ranked[1][1] if len(ranked) > 1 else 0.0
        need = SHORT_THRESHOLD if letters <= SHORT else THRESHOLD
        if top >= need and top - runner >= MARGIN:
            return top_pid, top
        return None


_NO_HEADS = (frozenset(), ())  # _shape of a key without generic words
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
