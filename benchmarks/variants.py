"""The spelling categories of issue 11 §2, generated from the data's names (made up, never
copied from reports): each category is one way real reporting departs from the names the
gazetteer holds. ``categories(place, rng)`` gives {category: [spelling, ...]} for one place;
``NEAR_MISSES`` are names of *other* places that must abstain (or find their own place).
"""
from __future__ import annotations

import random
import re

from .spellings import clean, latin_variant

CATEGORIES = ("title word", "surname only", "glued article", "stray space or hyphen", "transliteration",
              "generic head", "ordinal sub-area", "arabic letters")

_ARTICLE = re.compile(r"\b(?:[Aa][lnsdtzjr]|[Ee]l|[Aa]sh)-")
_SWAPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"ee", ("i", "ei")), (r"(?<=[^aeiou])i(?=[^aeiouy])", ("e", "ee")), (r"e(?=[^aeiouhy])", ("i",)),
    (r"ou", ("u", "o", "w")), (r"(?<=[^aeiou])u", ("ou", "o")), (r"(?<![aeiou])o", ("u", "ou")),
    (r"q", ("k", "g")), (r"k(?!h)", ("q",)), (r"th", ("s",)), (r"dh", ("z",)), (r"eh\b", ("ah", "a")),
    (r"ah\b", ("eh",)), (r"ay", ("ei", "ai")), (r"ei", ("ay",)), (r"w(?=[aeiou])", ("ou",)),
)
_HEADS_BEFORE = ("Masaken {}", "quartier de {}", "le quartier {}", "Stadtteil {}", "barrio de {}", "Hay {}",
                 "the {} neighbourhood", "the {} district")
_HEADS_AFTER = ("{} District", "{} Camp", "{} Youth Housing Complex", "{} Industriegebiet", "{} quarter",
                "{} neighborhood", "{} area", "{} suburb", "{} housing project")
_ORDINALS = (("1st", "first"), ("2nd", "second"), ("3rd", "third"), ("4th", "fourth"), ("5th", "fifth"))
_ORDINAL_FORMS = ("{o} neighbourhood of {x}", "{x} {n}", "the {o} {x}", "{x} - {O} sector", "{o} district of {x}")
_AR_PERSIAN = str.maketrans({"ي": "ی", "ك": "ک", "ه": "ه", "ة": "ۀ"})


def _latin(name: str) -> str:
    return clean(name)[0]


def title_word(name: str, rng: random.Random) -> list[str]:
    """Sheikh dropped or abbreviated ("Shk Najjar", "Najjar"); a title or article added to a name."""
    base = _latin(name)
    m = re.match(r"^(?:ash-|al-|as-)?Sheikh\s+(.+)$", base, re.I)
    if m:
        rest = _ARTICLE.sub("", m.group(1))
        return [f"Shk {rest}", f"Shk. {rest}", rest, f"Sh. {rest}"]
    return []


def surname_only(name: str, rng: random.Random) -> list[str]:
    """The last word of a two-word name ("Halabi" for Suleiman al-Halabi)."""
    base = _latin(name)
    words = base.split()
    if len(words) == 2 and not re.match(r"(?i)^(sheikh|bab|karm|bustan|jabal|tal|ard|souq|qal|new)", words[0]):
        last = _ARTICLE.sub("", words[1])
        return [last, f"al-{last}"] if len(last) >= 5 else []
    return []


def glued_article(name: str, rng: random.Random) -> list[str]:
    """The article written onto the word ("alKallaseh", "Bab alHadid", "AlSukkari")."""
    base = _latin(name)
    if not _ARTICLE.search(base):
        base = "al-" + base if " " not in base else base
    out = [_ARTICLE.sub("al", base), _ARTICLE.sub("Al", base), _ARTICLE.sub("el", base)]
    return [o for o in dict.fromkeys(out) if o != base and _ARTICLE.search(o) is None and re.search(r"(?i)\b(al|el)[a-z]", o)]


def stray_space(name: str, rng: random.Random) -> list[str]:
    """A space or hyphen inside the name ("Bab al- Hadid", "Kal-laseh", "Sheikh Sa eed")."""
    base = _latin(name).replace("’", "'")
    out = []
    if _ARTICLE.search(base):
        out.append(_ARTICLE.sub(lambda m: m.group(0) + " ", base, count=1))
    words = base.split()
    i = max(range(len(words)), key=lambda k: len(words[k]))
    w = words[i]
    if "'" in w:
        out.append(" ".join(words[:i] + [w.replace("'", " ")] + words[i + 1:]))
    elif len(w) >= 7:
        k = rng.randrange(3, len(w) - 3)
        out.append(" ".join(words[:i] + [w[:k] + rng.choice(("-", " ")) + w[k:]] + words[i + 1:]))
    return out


def transliteration(name: str, rng: random.Random) -> list[str]:
    """Vowel and consonant swaps between transliteration traditions."""
    base = _latin(name).replace("’", "'").replace("‘", "'")
    out = []
    for _ in range(8):
        s = base
        for pattern, subs in rng.sample(_SWAPS, len(_SWAPS)):
            if re.search(pattern, s) and rng.random() < 0.5:
                s = re.sub(pattern, rng.choice(subs), s, count=1)
        if s != base:
            out.append(latin_variant(s, rng) if rng.random() < 0.3 else s)
    return list(dict.fromkeys(o for o in out if o != base))[:4]


def generic_head(name: str, rng: random.Random) -> list[str]:
    """The name under another generic head or language ("X District", "quartier de X", "X Camp")."""
    base = _ARTICLE.sub("", _latin(name)) if rng.random() < 0.5 else _latin(name)
    forms = rng.sample(_HEADS_BEFORE, 2) + rng.sample(_HEADS_AFTER, 3)
    return [f.format(base) for f in forms]


def ordinal(name: str, rng: random.Random) -> list[str]:
    """An ordinal sub-area of a place ("2nd neighbourhood of X", "X 3")."""
    base = _ARTICLE.sub("", _latin(name))
    n = rng.randrange(1, 4)
    o, word = _ORDINALS[n - 1]
    return [f.format(o=rng.choice((o, word)), O=word.capitalize(), x=base, n=n) for f in rng.sample(_ORDINAL_FORMS, 2)]


def arabic_letters(name_ar: str, rng: random.Random) -> list[str]:
    """Arabic spellings: a repeated letter, ال or حي added or dropped, hamza and taa marbuta,
    Persian/Urdu letter forms, tatweel."""
    s = name_ar
    if not s:
        return []
    out = []
    k = rng.randrange(1, len(s))
    if s[k] != " ":
        out.append(s[:k] + s[k] + s[k:])  # a repeated letter
    out.append(s[2:] if s.startswith("ال") else "ال" + s)
    out.append("حي " + (s[2:] if s.startswith("ال") else s))
    out.append(s.replace("أ", "ا").replace("إ", "ا").replace("ة", "ه").replace("ى", "ي"))
    if "ا" in s[2:]:
        out.append(s[:2] + s[2:].replace("ا", "أ", 1))  # a hamza where none is written
    out.append(s.translate(_AR_PERSIAN))
    j = rng.randrange(1, len(s))
    out.append(s[:j] + "\u0640" + s[j:] if s[j - 1] != " " and s[j:j + 1] != " " else s + "\u0640")
    return [o for o in dict.fromkeys(out) if o != s]


def categories(name: str, name_ar: str, rng: random.Random) -> dict[str, list[str]]:
    """{category: spellings} of one place (some categories are empty for some names)."""
    return {
        "title word": title_word(name, rng), "surname only": surname_only(name, rng),
        "glued article": glued_article(name, rng), "stray space or hyphen": stray_space(name, rng),
        "transliteration": transliteration(name, rng), "generic head": generic_head(name, rng),
        "ordinal sub-area": ordinal(name, rng), "arabic letters": arabic_letters(name_ar, rng),
    }


# Names of other places that look like a gazetteer name: must abstain (never the look-alike).
NEAR_MISSES: tuple[tuple[str, str], ...] = (
    ("Sheikh Taher", "sheikh-taha"), ("Sheikh Saad", "sheikh-saeed"),
    ("al-Bab", "bab-al-nairab"), ("al-Bab town", "tariq-al-bab"), ("Bab", "bab-al-nairab"), ("Saeed Sheikh", "sheikh-saeed"),
    ("Sheikh Lutfi", "sheikh-taha"), ("Sheikh Ali", "sheikh-fares"), ("Sheikh Issa", "sheikh-saeed"),
    ("Hamra", "ard-al-hamra"), ("Kafr Naha", "kafr-hamra"), ("Bab al-Hawa", "bab-al-hadid"), ("Tal Rifaat", "tal-al-zarazir"),
    ("Nubl", "nayrab"), ("Zahraa town", "zahraa"), ("Mayer", "maysaloun"), ("Azaz", "aziziyeh"), ("Hayyan", "hanano"),
    ("Bayanoun", "bayyada"), ("Safira", "sabil"), ("الشيخ لطفي", "sheikh-taha"), ("الباب", "bab-al-nairab"),
    ("نبل", "nayrab"), ("حيان", "hanano"), ("الشيخ عيسى", "sheikh-saeed"),
)
