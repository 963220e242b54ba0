"""Finding gazetteer names in running text by token n-gram lookup.

The text is split into word tokens (Latin or Arabic), each normalised on its own
(articles such as "al-"/"ال" fold away, Arabic proclitics و/ب/ل/ف are tried off).
Every known name is stored under its first token; at each position the longest name
that matches wins, and scanning resumes after it. Names that are also common words
("الشهداء" martyrs, "تشرين" October, "Tishreen", "Midan" ...; see
``data/curated/prose_cue_only.txt``) are reported only next to a cue word: حي/منطقة
before, or district/neighbourhood/quarter/area after, or (Latin script) after a place
preposition ("in al-Zahraa", "near Midan"). "Aleppo" followed by
province/governorate/countryside, or preceded by ريف/محافظة, is not the city.
A name right after "Bab"/باب that is not itself a "Bab ..." name is part of another,
unknown gate name ("Bab al-Nairab" is not an-Nayrab): not reported.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator

from .normalize import _LATIN_ARTICLES, AR_CUE_WORDS, CUE_WORDS, normalize

_WORD = re.compile(r"[^\W_]+(?:['’ʿʾ][^\W_]+)*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_PROCLITICS = ("و", "ب", "ل", "ف", "ك")
_LATIN_CUES = frozenset(w.lower() for w in CUE_WORDS)
_REGION_AFTER = frozenset({"province", "governorate", "countryside", "countryside's", "region", "suburbs", "airport"})
_REGION_BEFORE = frozenset({"ريف", "محافظة", "محافظه"})
_GATE = frozenset({normalize("Bab"), normalize("باب")})
_CITY_KEYS = frozenset({normalize("Aleppo"), normalize("حلب"), normalize("Alep"), normalize("Halab")})
# "fighting in al-Jdeideh", "shells fell near Midan": after these a Latin cue-only name is a place,
# unless it is also a well-known place elsewhere (Zahraa the town north of Aleppo, Basel, Mashhad,
# Damascus's Marjeh) or an everyday word ("in Tishreen"): those still need a cue word.
_PLACE_PREPOSITIONS = frozenset("in into at on over near around inside outside toward towards across through".split())
_PREPOSITION_NOT_ENOUGH = frozenset(normalize(w) for w in (
    "Basel", "Bassel", "Besel", "Saladin", "University", "Tishreen", "Shuhada", "Public Park", "Youth Housing",
    "Zahraa", "Mashhad", "Aqabeh", "Marjeh", "Andalus"))
_THE = frozenset({"the"})


def _forms(word: str) -> tuple[str, ...] | None:
    """Normalised forms of one word; None for an article ("al", "el", ...), () for a dropped word."""
    if word.lower() in _LATIN_ARTICLES:
        return None
    word = _POSSESSIVE.sub("", word)
    key = normalize(word)
    forms = [key] if key else []
    if word[:1] in _PROCLITICS and len(word) > 3:
        alt = normalize(word[1:])
        if alt and alt != key:
            forms.append(alt)
    return tuple(forms)


class SpanFinder:
    """Longest-match scanner over a {key: place id} vocabulary."""

    def __init__(self, names: Iterable[tuple[str, str]], *, cue_only: set[str]):
        by_first: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        for key, _pid in names:
            toks = tuple(key.split())
            if toks:
                by_first[toks[0]].add(toks)
        self._by_first = {k: sorted(v, key=len, reverse=True) for k, v in by_first.items()}
        self._cue_only = cue_only

    def scan(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Yield (start, end, key) of each name found, in text order."""
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
        toks: list[tuple[int, int, tuple[str, ...], int]] = []  # start, end, forms, word index
        pending_start = None
        for wi, (s, e, w) in enumerate(words):
            forms = _forms(w)
            if forms is None:  # an article: the next name may start here ("al-Sukkari")
                # "et"/"es"/"an"... are articles only joined on ("es-Sukkari"); "et Salaheddine" is French "and"
                if w.lower() in ("al", "el") or text[e:e + 1] in "-'’":
                    pending_start = s if pending_start is None else pending_start
                else:
                    pending_start = None
                continue
            if not forms:
                pending_start = None
                continue
            toks.append((pending_start if pending_start is not None and s - 1 <= words[wi - 1][1] + 1 else s,
                         e, forms, wi))
            pending_start = None
        i = 0
        while i < len(toks):
            hit = self._match_at(toks, i)
            if hit is None:
                i += 1
                continue
            n, key = hit
            start, end = toks[i][0], toks[i + n - 1][1]
            first_w, last_w = toks[i][3], toks[i + n - 1][3]
            if self._acceptable(key, words, first_w, last_w, text):
                yield start, end, key
                i += n
            else:
                i += 1

    def _match_at(self, toks, i) -> tuple[int, str] | None:
        for first in toks[i][2]:
            for cand in self._by_first.get(first, ()):
                n = len(cand)
                if i + n > len(toks):
                    continue
                if all(cand[j] in toks[i + j][2][:1] for j in range(1, n)):
                    return n, " ".join(cand)
        return None

    def _acceptable(self, key: str, words, first_w: int, last_w: int, text: str = "") -> bool:
        before = words[first_w - 1][2] if first_w > 0 else ""
        # "وحي السكري", "بحي", "حيي" (two districts): the cue word with a proclitic or in the dual
        if before[:1] in _PROCLITICS and before[1:] in AR_CUE_WORDS:
            before = before[1:]
        if before in ("حيي", "وحيي", "بحيي"):
            before = "حي"
        after = words[last_w + 1][2].lower() if last_w + 1 < len(words) else ""
        k = first_w - 1
        while k >= 0 and words[k][2].lower() in _LATIN_ARTICLES:
            k -= 1
        if k >= 0 and not key.startswith(tuple(_GATE)) and set(_forms(words[k][2]) or ()) & _GATE \
                and not re.search(r"[,;:.،()]", text[words[k][1]:words[first_w][0]]) \
                and not words[first_w][2].startswith("و"):  # "طريق الباب وكرم الجبل": "and Karm al-Jabal"
            return False  # "Bab al-Nairab" is not an-Nayrab; "Tariq al-Bab, Karm al-Jabal" is two names
        if key in self._cue_only:
            if before in AR_CUE_WORDS or before.lower() in ("hay", "hayy") or after in _LATIN_CUES:
                return True
            while k >= 0 and words[k][2].lower() in _THE:
                k -= 1
            return (k >= 0 and words[k][2].lower() in _PLACE_PREPOSITIONS and key not in _PREPOSITION_NOT_ENOUGH
                    and words[first_w][2].isascii())
        if key in _CITY_KEYS or key.endswith(tuple(" " + c for c in _CITY_KEYS)):
            if after in _REGION_AFTER or before in _REGION_BEFORE or before.startswith(("بريف", "وريف")):
                return False
        return True
