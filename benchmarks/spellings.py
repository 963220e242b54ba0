"""Real-world spellings of Aleppo place names: the way news and ACLED actually write them.

Given a scholarly transliteration from the data ("Sheikh Sa’eed", "al-Hamidiyeh") this
produces the variants seen in reports (Sheikh Saeed, Sheikh Said, Cheikh Saïd, al-Sheikh
Saeed, Hamidiya, el-Hamidiyah, ...), typos, and Arabic forms (with or without ال, حي,
hamza and taa marbuta variants). Everything is driven by a ``random.Random``.
"""
from __future__ import annotations

import random
import re

# Spellings found in news reports for the most reported places (keys: the data's NAME).
KNOWN: dict[str, tuple[str, ...]] = {
    "Sheikh Sa’eed": ("Sheikh Saeed", "Sheikh Said", "Shaykh Sa'id", "Cheikh Saïd", "al-Sheikh Saeed",
                      "Sheikh Sa'eed", "Shaikh Said"),
    "ash-Sheikh Maqsoud": ("Sheikh Maqsoud", "Sheikh Maksoud", "Sheikh Maqsud", "Cheikh Maksoud",
                           "Shaykh Maqsud", "al-Sheikh Maqsoud"),
    "Salah ad-Deen": ("Salaheddine", "Salah al-Din", "Salahuddin", "Salah el-Din", "Salaheddin",
                      "Salah al-Deen"),
    "Bustan al-Qaser": ("Bustan al-Qasr", "Bustan al-Kasr", "Boustan al-Qasr", "Bustan al Qasr"),
    "al-Ansari": ("Ansari", "al-Ansari", "el-Ansari"),
    "as-Sukkari": ("Sukkari", "al-Sukkari", "Al-Sukari", "Sukkary"),
    "ash-Sha'ar": ("Shaar", "al-Shaar", "al-Sha'ar", "Chaar"),
    "al-Kallaseh": ("Kallaseh", "al-Kalasa", "Kalasah", "al-Kallasa"),
    "al-Hamdaniyeh I": ("Hamdaniyeh", "Hamdaniya", "al-Hamdaniyah", "Hamdania"),
    "Ad-Ramouseh Industrial District I": ("Ramouseh", "Ramousah", "Ramouseh", "al-Ramousa", "Ramosa"),
    "al-Midan": ("Midan", "al-Maydan", "Meydan"),
    "al-Jamiliyeh": ("Jamiliyeh", "Jamiliya", "al-Jamiliyah"),
    "Hanano": ("Hanano", "Hananu", "Masaken Hanano"),
    "as-Sakhour": ("Sakhour", "al-Sakhour", "Sakhur", "al-Sakhur"),
    "Karm al-Myassar": ("Karm al-Maysar", "Karm al-Myassar", "Karm al Mayssar"),
    "al-Fardos": ("Firdous", "al-Firdous", "Ferdous", "Fardous"),
    "al-Ashrafiyeh": ("Ashrafiyeh", "Ashrafieh", "al-Ashrafiya"),
    "al-Hamidiyeh": ("Hamidiyeh", "Hamidiya", "el-Hamidiyah"),
    "Qadi Askar": ("Qadi Askar", "Kadi Askar", "Qadi Asker"),
    "Tariq al-Bab": ("Tariq al-Bab", "Tareeq al-Bab"),
    "Bab al-Maqam": ("Bab al-Makam", "Bab al-Maqam"),
    "al-Mash-had": ("Mashhad",),
    "Bustan al-Basha": ("Bustan al-Pasha", "Bustan al-Basha"),
    "Aleppo Citadel": ("the Citadel", "Aleppo Citadel", "Citadel of Aleppo"),
    "Aleppo International Airport": ("Aleppo airport", "Aleppo International Airport"),
    "University of Aleppo": ("Aleppo University", "University of Aleppo"),
    "New Aleppo": ("New Aleppo", "Halab al-Jadida", "Aleppo al-Jadida"),
}

_APOS = "’'‘ʿʼ`´"
_ARTICLE = re.compile(r"\b([Aa][lnsdtzjr]|[Ee]l|[Aa]sh)-", re.U)
_LATIN_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"iyeh\b", ("iya", "iyah", "ieh", "iyye")),
    (r"eh\b", ("a", "ah", "e")),
    (r"ou", ("u", "oo")),
    (r"ee", ("i",)),
    (r"aa", ("a",)),
    (r"q(?!ue)", ("k",)),  # Qaser -> Kaser, Souq -> Souk; never "Mosque" -> "Moskue"
    (r"Q", ("K",)),
    (r"\bSheikh\b", ("Shaykh", "Cheikh", "Shekh", "Sheik", "Shaikh")),
    (r"\bBustan\b", ("Boustan",)),
    (r"([bdklmnrst])\1", (r"\1",)),
)
_ROMAN = re.compile(r"\s+(?:I{1,3}|IV|V)$")


def clean(name: str) -> list[str]:
    """The base spellings of a data NAME: split ``A / B``, drop ``(...)`` and roman parts."""
    parts = [p.strip() for p in re.split(r"\s*/\s*", name)]
    out = []
    for p in parts:
        m = re.match(r"^(.*?)\s*\((.*)\)$", p)
        out += [m.group(1), m.group(2)] if m else [p]
    return [_ROMAN.sub("", p).strip() for p in out if p.strip()]


def latin_variant(name: str, rng: random.Random) -> str:
    """One random news-style variant of a Latin-script name."""
    s = name
    if rng.random() < 0.7:
        s = "".join(ch for ch in s if ch not in _APOS)
    elif rng.random() < 0.5:
        s = s.replace("’", "'").replace("‘", "'")
    r = rng.random()
    if r < 0.3:
        s = _ARTICLE.sub("", s)  # "al-Hamidiyeh" -> "Hamidiyeh"
    elif r < 0.5:
        s = _ARTICLE.sub(lambda m: "al-", s)  # sun letters written unassimilated
    elif r < 0.6:
        s = _ARTICLE.sub(lambda m: "el-", s)
    elif r < 0.7:
        s = _ARTICLE.sub(lambda m: "al ", s)
    for pattern, subs in _LATIN_RULES:
        if rng.random() < 0.35 and re.search(pattern, s):
            s = re.sub(pattern, rng.choice(subs), s, count=1)
    if rng.random() < 0.15:
        s = s.replace("-", " ")
    if rng.random() < 0.1:
        s = s.lower()
    if s and s[0].islower() and rng.random() < 0.5:
        s = s[0].upper() + s[1:]
    return s.strip()


def typo(name: str, rng: random.Random) -> str:
    """One keyboard-style edit (drop, double, swap or change a vowel) inside the longest word."""
    words = name.split(" ")
    i = max(range(len(words)), key=lambda k: len(words[k]))
    w = words[i]
    if len(w) < 5:
        return name
    j = rng.randrange(1, len(w) - 1)
    op = rng.randrange(4)
    if op == 0:
        w = w[:j] + w[j + 1:]
    elif op == 1:
        w = w[:j] + w[j] + w[j:]
    elif op == 2:
        w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    else:
        w = w[:j] + rng.choice("aeiou") + w[j + 1:]
    words[i] = w
    return " ".join(words)


_AR_DIACRITICS = "\u064e\u064f\u0650\u0651\u0652"


def arabic_variant(name: str, rng: random.Random) -> str:
    """One real-world variant of an Arabic name (hamza/alef, taa marbuta, ال, حي, tatweel)."""
    s = name
    if rng.random() < 0.5:
        s = s.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا")
    if rng.random() < 0.3:
        s = re.sub("ة\\b", "ه", s)
    if rng.random() < 0.3:
        s = re.sub("ي\\b", "ى", s)
    r = rng.random()
    if r < 0.25:
        s = "حي " + s
    elif r < 0.35 and s.startswith("ال"):
        s = s[2:]
    elif r < 0.42:
        s = "منطقة " + s
    if rng.random() < 0.08 and len(s) > 3:
        k = rng.randrange(1, len(s) - 1)
        s = s[:k] + "\u0640" + s[k:]  # tatweel
    if rng.random() < 0.08 and len(s) > 3:
        k = rng.randrange(1, len(s))
        s = s[:k] + rng.choice(_AR_DIACRITICS) + s[k:]
    return s


def variants(name: str, name_ar: str, rng: random.Random, *, alternatives_en=(), alternatives_ar=(),
             n_latin: int = 8, n_arabic: int = 3, n_typos: int = 2) -> dict[str, list[str]]:
    """Spellings of one place by family: ``canonical``, ``latin``, ``arabic``, ``typo``."""
    bases = clean(name)
    canonical = list(dict.fromkeys(bases + list(KNOWN.get(name, ())) + list(alternatives_en)))
    latin: list[str] = []
    for _ in range(n_latin * 3):
        v = latin_variant(rng.choice(canonical), rng)
        if v and v not in canonical and v not in latin:
            latin.append(v)
        if len(latin) >= n_latin:
            break
    ar_base = [a for a in dict.fromkeys([name_ar, *alternatives_ar]) if a]
    arabic = list(ar_base)
    for _ in range(n_arabic * 3 if ar_base else 0):
        v = arabic_variant(rng.choice(ar_base), rng)
        if v not in arabic:
            arabic.append(v)
        if len(arabic) >= len(ar_base) + n_arabic:
            break
    typos = []
    for _ in range(n_typos * 3):
        v = typo(rng.choice(canonical + latin), rng)
        if v not in canonical and v not in latin and v not in typos:
            typos.append(v)
        if len(typos) >= n_typos:
            break
    return {"canonical": canonical, "latin": latin, "arabic": arabic, "typo": typos}
