"""Spelling variants resolved by rule, between the exact lookup and fuzzy matching.

Each rule rewrites a normalised key and looks the result up in the name index; a hit is a
``fuzzy`` match (score ``RULE_SCORE``), so it stays visible for review. In order:

1. **Generic heads** in another form or language are dropped: "X Camp", "X Youth Housing
   Complex", "Masaken X", "X Industriegebiet", "Stadtteil X", "barrio de X" (the district/
   neighbourhood/quartier cue words are already stripped by the core).
2. **Ordinal sub-areas**: "2nd neighbourhood of X", "the third X", "X - Second sector", "X 2"
   resolve to the numbered part of X when the data has one (Hamdaniyeh III), else to X.
3. **Common words mistyped**: a token found in no name is corrected to the one *common* token
   (used by ``COMMON_MIN_PLACES`` places or more: Sheikh, Mosque, District, Industrial, ...)
   within one edit (two for 6+ letters). Distinctive words are never corrected here: that is
   fuzzy matching's job, with its margins ("Sheikh Taher" is not Sheikh Taha).
4. **A dropped title** ("Najjar" for Sheikh Najjar) and a **surname-only** form ("Halabi" for
   Suleiman al-Halabi): the rest of a two-part name, when it has 5 letters or more, belongs
   to one place only and is no name of its own. Only in ``resolve``; never in running text,
   where such words are mostly people's names.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .normalize import CUE_WORDS, GENERIC_KEYS, _fold, is_arabic, normalize

RULE_SCORE = 90.0
CUE_KEYS = frozenset(normalize(w) for w in CUE_WORDS)
_GENERIC_OR_CUE = GENERIC_KEYS | CUE_KEYS
_WORD = re.compile(r"[a-z]+")
COMMON_MIN_PLACES = 3
MIN_REST = 5
LONG_TOKEN = 5  # a word this long may be one edit off another place's word only by a typo
_HEADS = frozenset(normalize(w) for w in (
    "camp", "camps", "mukhayyam", "mukhayam", "youth", "housing", "complex", "project", "projects",
    "compound", "masaken", "masakin", "industriegebiet", "industrial", "zone", "stadtteil", "viertel",
    "barrio", "bairro", "colonia", "sector", "part", "section", "phase", "neighbourhood", "neighborhood",
    "district", "quarter", "quartier", "area", "suburb", "village", "town", "mahalla", "mintaqa",
    "مخيم", "مساكن", "ضاحية", "قطاع", "جزء", "حي", "منطقة", "بلدة", "قرية")) - {""}
_ORDINALS = {
    **{w: n for n, ws in enumerate((
        ("1st", "first", "premier", "premiere", "erste", "primero", "الاول", "الأول", "الأولى", "الاولى"),
        ("2nd", "second", "deuxieme", "zweite", "segundo", "الثاني", "الثانية"),
        ("3rd", "third", "troisieme", "dritte", "tercero", "الثالث", "الثالثة"),
        ("4th", "fourth", "quatrieme", "vierte", "cuarto", "الرابع", "الرابعة"),
        ("5th", "fifth", "cinquieme", "funfte", "quinto", "الخامس", "الخامسة"),
    ), start=1) for w in ws},
}
_ORDINAL_KEYS = {normalize(w): n for w, n in _ORDINALS.items() if normalize(w)}
_DIGITS = {str(n): n for n in range(1, 6)}
# Words that are no name by themselves even when they end one place's name ("Ansari Sharqi").
_NOT_A_NAME = frozenset(normalize(w) for w in (
    "sharqi", "gharbi", "shamali", "janoubi", "jadida", "qadima", "kabir", "saghir", "east", "west", "north",
    "south", "eastern", "western", "northern", "southern", "new", "old", "great", "little", "cemetery", "park",
    "street", "square", "mosque", "school", "market", "hospital", "airport", "university", "barracks",
    "roundabout", "association", "station", "garden", "citadel", "Aleppo", "الشرقي", "الغربي", "الجديدة"))


def _squeeze(key: str) -> str:
    """A key without spaces or doubled letters: "suk kari" and "sukari" meet."""
    return re.sub(r"(.)\1+", r"\1", key.replace(" ", ""))


class VariantRules:
    """The rule-based variants over a {key: place id} vocabulary (see the module docstring)."""

    def __init__(self, names: Iterable[tuple[str, str]], lookup: Callable[[str], str | None],
                 written: Iterable[tuple[str, str]] = ()):
        self._lookup = lookup
        # common words as written (before normalisation folds a typo away from its word)
        words: dict[str, set[str]] = defaultdict(set)
        for name, pid in written:
            if name.isascii():
                for w in _WORD.findall(name.lower()):
                    words[w].add(pid)
            elif not is_arabic(name):
                for w in _WORD.findall(_fold(name)):
                    words[w].add(pid)
        # targets: generic words (two edits off when 6+ letters long), words common to several places
        # (one edit) and long words (two edits: a typo does not turn one long word into another)
        self._written = {}
        for w, p in words.items():
            if len(w) < 4:
                continue
            generic = normalize(w) in _GENERIC_OR_CUE
            if generic or len(p) >= COMMON_MIN_PLACES or len(w) >= 8:
                self._written[w] = 2 if (len(w) >= 6 if generic else len(w) >= 8) else 1
        self._written_set = frozenset(words)
        self._written_by_len = _by_length(self._written)
        places_of: dict[str, set[str]] = defaultdict(set)
        rests: dict[str, set[str]] = defaultdict(set)
        keys: set[str] = set()
        for key, pid in names:
            keys.add(key)
            toks = key.split()
            for t in toks:
                places_of[t].add(pid)
            rest = [t for t in toks if t != "sheikh" and t != "شيخ"] if toks[0] in ("sheikh", "شيخ") else toks[1:]
            titled = toks[0] in ("sheikh", "شيخ") or toks[0] not in GENERIC_KEYS  # not "Bab X", "Karm X"
            if len(toks) == 2 and len(rest) == 1 and titled and rest[0] not in GENERIC_KEYS and toks[0] not in _HEADS:
                rests[rest[0]].add(pid)
        self._vocab = frozenset(places_of)
        self._generic = _by_length(t for t in places_of if t in GENERIC_KEYS and not is_arabic(t))
        self._vocab_list = _by_length(t for t in places_of if len(t) >= LONG_TOKEN and not is_arabic(t))
        self._common = _by_length(t for t, p in places_of.items() if (len(p) >= COMMON_MIN_PLACES or t in GENERIC_KEYS)
                                  and not t.isdigit() and not is_arabic(t))
        self._rest = {r: next(iter(p)) for r, p in rests.items()
                      if len(places_of[r]) == 1 and len(r) >= MIN_REST and r not in keys and r not in _NOT_A_NAME
                      and not r.isdigit()}
        compact: dict[str, set[str]] = defaultdict(set)
        for key, pid in names:
            compact[_squeeze(key)].add(pid)
        self._compact = {k: next(iter(p)) for k, p in compact.items() if len(p) == 1 and len(k) >= MIN_REST}
        self.match = lru_cache(maxsize=50_000)(self._match)
        # typed words repeat across distinct queries: each is corrected once
        self._correct = lru_cache(maxsize=65_536)(self._correct_token)
        self._fix_word = lru_cache(maxsize=65_536)(self._fix_word)

    def _match(self, key: str) -> tuple[str, float] | None:
        """(place id, score) for a normalised key that a rule explains, or None."""
        toks = key.split()
        if not toks:
            return None
        pid = self._compact.get(_squeeze(key)) if len(toks) > 1 else None  # "Bab al- Hadid", "Sa eed"
        if pid is not None:
            return pid, RULE_SCORE
        for cand in self._rewrites(toks):
            pid = self._lookup(" ".join(cand)) if cand else None
            if pid is None and len(cand) == 1:
                pid = self._rest.get(cand[0])
            if pid is not None:
                return pid, RULE_SCORE
        return None

    def _rewrites(self, toks: list[str]) -> Iterable[list[str]]:
        number = None
        rest = []
        for t in toks:
            n = _ORDINAL_KEYS.get(t)
            if n is not None and number is None:
                number = n
            else:
                rest.append(t)
        if number is None and len(rest) > 1 and rest[-1] in _DIGITS:
            number = _DIGITS[rest.pop()]
        core = [t for t in rest if t not in _HEADS] or rest
        core = [t for t in core if len(t) > 2 or t in self._vocab] or core  # "ao-Kallaseh": a mangled article
        if number is not None:
            yield core + [str(number)]
        yield core
        # A lone short word one letter off a name is another name ("Mallah" is not "Qalaa"):
        # typos are corrected in longer words or inside a longer name ("Jbal Badro").
        fixed = [self._correct(t) for t in core] if len(core) > 1 or (core and len(core[0]) >= 5) else core
        if fixed != core:
            yield fixed
            if number is not None:
                yield fixed + [str(number)]

    def fix_common_words(self, query: str) -> str | None:
        """The query with mistyped common words written right ("Mosue Qiqan", "Shaihk Said"), or None."""
        out, changed = [], False
        for m in re.finditer(r"[a-z]+|[^a-z]+", _fold(query)):
            w = m.group()
            if w[0].isalpha() and len(w) >= 5 and w not in self._written_set:
                fixed = self._fix_word(w)
                changed = changed or fixed != w
                w = fixed
            out.append(w)
        return "".join(out) if changed else None

    def _fix_word(self, w: str) -> str:
        near = [(c, d) for c, d in _near(w, self._written_by_len, 2) if d <= self._written[c]]
        return near[0][0] if near and (len(near) == 1 or near[0][1] < near[1][1]) else w  # one word nearest

    def _correct_token(self, tok: str) -> str:
        """A token found in no name, corrected to the single common token within reach."""
        if tok in self._vocab or len(tok) < 4 or is_arabic(tok):
            return tok
        near = _near(tok, self._common, 1)
        if not near and len(tok) >= 6:  # two edits only onto a generic word ("Shaihk", "Industiral")
            near = _near(tok, self._generic, 2)
        if not near and len(tok) >= LONG_TOKEN:  # one edit off a long name word ("Jamiliiyeh")
            near = _near(tok, self._vocab_list, 1)
        return near[0][0] if len(near) == 1 else tok


class _ByLength:
    """Words by length; ``window(n, reach)``: those within ``reach`` letters of ``n`` long (kept)."""

    def __init__(self, words: Iterable[str]):
        self._by: dict[int, list[str]] = defaultdict(list)
        for w in words:
            self._by[len(w)].append(w)
        self._windows: dict[tuple[int, int], list[str]] = {}

    def window(self, n: int, reach: int) -> list[str]:
        got = self._windows.get((n, reach))
        if got is None:
            got = self._windows[(n, reach)] = [c for m in range(n - reach, n + reach + 1) for c in self._by.get(m, ())]
        return got


def _by_length(words: Iterable[str]) -> _ByLength:
    return _ByLength(words)


def _near(word: str, by_len: _ByLength, reach: int) -> list[tuple[str, int]]:
    """Up to three words of ``by_len`` within ``reach`` edits (OSA distance) of ``word``, nearest first."""
    cands = by_len.window(len(word), reach)
    return [(c, d) for c, d, _ in process.extract(word, cands, scorer=OSA.distance, score_cutoff=reach, limit=3)]
