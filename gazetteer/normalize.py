"""Normalisation of place names in Latin and Arabic script.

``normalize(text)`` turns any spelling into a *key*: space-separated tokens in which
the usual transliteration differences are folded away (case, diacritics, apostrophes
and ʿayn/hamza marks, the Arabic article and its assimilated forms, Sheikh/Shaykh/Cheikh,
ou/oo/u, ee/i, q/k, final -ah/-a/-eh, doubled letters, hyphens). ``skeleton(key)`` goes
further (consonants only) and is used only to *propose* fuzzy candidates.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from operator import itemgetter

_GROUP1 = itemgetter(1)  # a C-level replacement for r"\1" (no template parsing per call)

# ---------------------------------------------------------------- Latin
_APOSTROPHES = "'’‘`´ʿʾʼʻ′"
_LATIN_ARTICLES = frozenset(
    "al el il ul l a ad ag ah aj ak an ar as ash at ath az adh "
    "ed en er es esh et ez ej ech ich ec ".split()
)
# Words dropped from every key (they never distinguish one Aleppo place from another).
_LATIN_DROP = frozenset("the of in at hay hayy hai haiy de du la le les des".split())
# Words that may follow or precede a name ("Sheikh Saeed district"): stripped on lookup only.
CUE_WORDS = frozenset(
    "district districts neighbourhood neighborhood neighbourhoods neighborhoods quarter "
    "quartier quarters area areas suburb".split()
)
_SHEIKH = frozenset(
    "sheikh shaykh shaikh sheik shekh cheikh cheik shiekh sheykh shaich scheich scheikh "
    "sjeik seikh shk sh".split()
)
# Generic heads: they never carry a fuzzy match on their own.
GENERIC = frozenset(
    "sheikh bab bustan karm jabal tal masakin masaken hay ard suk jisr dawar hara kala "
    "madrasa jami masjid mosque khan hamam sahat sahat shari street road camp new old "
    "abu bani ibn bin ben umm um tariq kasr kasar mashad bayt bait dar harat hart "
    "industrial zone housing project city aleppo halab mintaka mantika".split()
)

_PRE_RULES: tuple[tuple[str, str], ...] = (
    ("ee", "i"), ("oo", "u"), ("ou", "u"), ("ae", "a"),
)
_LETTER_RULES: tuple[tuple[str, str], ...] = (
    ("sch", "sh"), ("tch", "sh"), ("ch", "sh"), ("dj", "j"), ("dh", "d"), ("th", "t"),
    ("gh", "g"), ("g", "k"), ("ph", "f"), ("q", "k"), ("ck", "k"), ("c", "k"), ("x", "ks"),
    ("o", "u"), ("w", "u"), ("ie", "i"), ("ei", "ai"),
    ("ey", "ai"), ("ay", "ai"), ("e", "a"), ("y", "i"), ("ii", "i"), ("aa", "a"),
    ("uu", "u"), ("iia", "ia"),
)
_ENDING = re.compile(r"(?:iy+e?h|iy+ah?|iy+e|ie+h|iah?|ije|ieh|ie|iyat|iat)$")


def _fold(text: str) -> str:
    if text.isascii():  # most queries: nothing to decompose
        return text.casefold()
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5"}
# One word, two written vowel patterns: كرم is Karm, Kerm and Karam ("Karam al-Jabal").
_SAME_WORD = {"karam": "karm"}
_DOUBLED = re.compile(r"(.)\1+")


# Tokens repeat far more than whole names (al, sheikh, bab, ...): cache per token.
@lru_cache(maxsize=131072)
def _latin_token(tok: str) -> str:
    if tok in _ROMAN:
        return _ROMAN[tok]
    if tok in _SHEIKH:
        return "sheikh"
    if tok in ("mosque", "masjid", "jami", "jama", "jamaa", "jame"):
        return "mosque"
    t = tok
    if len(t) > 4:
        t = _ENDING.sub("ia", t)
    for a, b in _PRE_RULES:
        t = t.replace(a, b)
    t = _DOUBLED.sub(_GROUP1, t)  # doubled letters
    if t in ("mosque", "mosk", "mosqe"):  # "Mossque"
        return "mosque"
    for a, b in _LETTER_RULES:
        t = t.replace(a, b)
    t = _DOUBLED.sub(_GROUP1, t)
    # final -ah/-eh -> -a (taa marbuta); -at/-et kept (construct state is written both ways)
    if len(t) > 4 and t.endswith("h") and t[-2] in "aiu":
        t = t[:-1]
    return _SAME_WORD.get(t, t)


def _split_article(tok: str) -> list[str]:
    """'alsukkari' -> ['sukkari']; 'el-' forms already split on the hyphen."""
    for art in ("al", "el"):
        if tok.startswith(art) and len(tok) > len(art) + 3 and tok not in _KEEP_AL:
            return [tok[len(art):]]
    return [tok]


_KEEP_AL = frozenset("aleppo alep aleppos alaa alan albert almaji alep".split())


_NON_ALNUM = re.compile(r"[^0-9a-z]+")


_NO_APOSTROPHES = str.maketrans("", "", _APOSTROPHES)


# ASCII text in one pass: lower case, apostrophes dropped, anything else but letters and digits a space.
_ASCII_FOLD = str.maketrans({c: (chr(c).lower() if chr(c).isalnum() else None if chr(c) in _APOSTROPHES else " ")
                             for c in range(128)})
_SKIP_INNER = _LATIN_ARTICLES | _LATIN_DROP  # an article is dropped unless it is the last word


@lru_cache(maxsize=131072)
def _word(tok: str) -> str:
    """A folded word as written -> its key token ('' for none); 'alsukkari' -> 'sukari'."""
    if tok[:2] in ("al", "el") and len(tok) > 5 and tok not in _KEEP_AL:  # (see _split_article)
        tok = tok[2:]
    return _latin_token(tok)


def normalize_latin(text: str) -> str:
    if text.isascii():
        raw = text.translate(_ASCII_FOLD).split()
    else:
        raw = _NON_ALNUM.sub(" ", _fold(text).translate(_NO_APOSTROPHES)).split()
    if not raw:
        return ""
    last = raw.pop()
    out = [_word(tok) for tok in raw if tok not in _SKIP_INNER]
    if last not in _LATIN_DROP:
        out.append(_word(last))
    return " ".join(filter(None, out))


# ---------------------------------------------------------------- Arabic
_AR_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_AR_MAP = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    "ء": "", "ک": "ك", "ی": "ي", "ھ": "ه", "ۀ": "ه", "ہ": "ه", "ے": "ي", "ې": "ي", "ٸ": "ي",
    "گ": "ك", "پ": "ب", "چ": "ج", "ژ": "ز", "ڤ": "ف",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
})
_AR_DROP = frozenset("حي منطقه".split())
AR_CUE_WORDS = frozenset("حي منطقة منطقه احياء أحياء حارة".split())
_AR_TOKEN = re.compile(r"[\u0621-\u064a0-9]+")


_AR_REPEAT = re.compile(r"([\u0621-\u064a])\1+")


def _arabic_token(tok: str) -> str:
    if tok.startswith("ال") and len(tok) > 3:
        tok = tok[2:]
    return _AR_REPEAT.sub(_GROUP1, tok)  # a letter typed twice (a written doubled letter takes a shadda)


def normalize_arabic(text: str) -> str:
    text = _AR_DIACRITICS.sub("", text).translate(_AR_MAP)
    toks = [_arabic_token(t) for t in _AR_TOKEN.findall(text)]
    toks = [t for t in toks if t not in _AR_DROP]
    # شيخ/الشيخ are the same word once the article is gone
    return " ".join(toks)


_ARABIC_CHARS = re.compile("[\u0600-\u06ff]")


def is_arabic(text: str) -> bool:
    return bool(_ARABIC_CHARS.search(text))


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """The matching key of a name (Latin or Arabic script). '' when nothing is left."""
    if is_arabic(text):
        latin = _ARABIC_CHARS.sub(" ", text)
        ar = normalize_arabic(text)
        lat = normalize_latin(latin) if latin.strip() else ""
        return " ".join(p for p in (ar, lat) if p)
    return normalize_latin(text)


_NO_AR_VOWELS = str.maketrans("", "", "اويه ")
_NO_VOWELS = str.maketrans("", "", "aeiouyh")
_REPEATS = re.compile(r"(.)\1+")


def skeleton(key: str) -> str:
    """Consonant skeleton of a key (no spaces, no vowels, no non-initial h)."""
    if is_arabic(key):
        return key.translate(_NO_AR_VOWELS)
    out = []
    for tok in key.split():
        t = tok.replace("sh", "$").replace("kh", "x")
        out.append(t[0] + t[1:].translate(_NO_VOWELS))
    return _REPEATS.sub(_GROUP1, "".join(out))


def distinctive(key: str) -> str:
    """The key without generic heads (Sheikh, Bab, Karm, ...): what fuzzy matching compares."""
    toks = [t for t in key.split() if t not in GENERIC_KEYS]
    return " ".join(toks)


def generic_part(key: str) -> frozenset[str]:
    return frozenset(t for t in key.split() if t in GENERIC_KEYS)


# Generic words after normalisation (Latin and Arabic).
GENERIC_KEYS = frozenset(
    {_latin_token(w) for w in GENERIC}
    | {"sheikh"}
    | {normalize_arabic(w) for w in "شيخ باب بستان كرم جبل تل مساكن ارض سوق جسر دوار جامع مسجد خان حمام ساحه شارع طريق مخيم حلب مدرسه ابو بني ابن بن ام قصر مشهد بيت دار".split()}
)
