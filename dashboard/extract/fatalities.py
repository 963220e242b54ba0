"""The number reported killed in a sentence, by ACLED's conventions.

Only numbers tied to a killing word count ("killed four people and wounded many
more" → 4; "20 people were killed and 100 people were wounded" → 20). Vague
quantities: "a few", "several", "a number of" → 3; "many" → 10; "dozens",
"scores" → 12; "hundreds" → 100. "a man", "a child" → 1. None when the
sentence reports no deaths. The first figure wins (later figures are usually
breakdowns: "killed 10 people, including three children").
"""
from __future__ import annotations

import re

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12,
    "a": 1, "an": 1, "a few": 3, "few": 3, "several": 3, "a number of": 3, "many": 10, "dozens": 12,
    "scores": 12, "hundreds": 100, "a hundred": 100, "one hundred": 100,
    "واحد": 1, "اثنين": 2, "اثنان": 2, "ثلاثة": 3, "أربعة": 4, "اربعة": 4, "خمسة": 5, "ستة": 6, "سبعة": 7,
    "ثمانية": 8, "تسعة": 9, "عشرة": 10, "عدد من": 3, "عشرات": 12, "مئات": 100,
}
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_AR_MARKS = dict.fromkeys([*range(0x064B, 0x0653), 0x0640])  # harakat and tatweel (قُتل = قتل); offsets shift a little
_WORDS = "|".join(sorted((re.escape(k) for k in _UNITS), key=len, reverse=True))
NUM = rf"(?:\d[\d,]*|(?:{_WORDS})(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?)"
_QUAL = r"(?:(?:at\s+least|up\s+to|around|about|some|nearly|almost|more\s+than|over|roughly|an\s+estimated|a\s+total\s+of)\s+)?"
_VICTIM = r"(?:(?!(?:that|which|who|when|and|in|on|at|by|after|as|were|was)\b)[\w'’-]+\s+){0,3}?"
# "85 people, including children, have been killed": a parenthetical between victims and verb
_ASIDE = r"(?:[\w'’-]+,\s*(?:including|among\s+them|most\s+of\s+them|mostly)\b[^,.;]{0,60},\s*)?"
_ONE = re.compile(r"\b(?:a|an|one)\s+(?:\w+\s+)?(?:man|woman|child|boy|girl|civilian|person|baby|doctor|nurse|fighter|soldier|rebel)\s+"
                  r"(?:was\s+)?(?:killed|died|dead)\b"
                  r"|\b(?:shot|stabbed|beaten)\s+(?:dead|to\s+death)\s+(?:a|an|one)\s+", re.IGNORECASE)
_KILL_VERB = r"(?:kill(?:ed|ing|s)?|shot\s+dead|shooting\s+dead|murder(?:ed|ing)|assassinat(?:ed|ing)|claim(?:ed|ing)\s+the\s+lives\s+of|le(?:ft|aving)\s+(?=\S+\s+(?:\w+\s+)?dead)|massacr(?:ed|ing))"
_PATTERNS = [
    re.compile(rf"\b{_KILL_VERB}\s+{_QUAL}(?P<n>{NUM})\b", re.IGNORECASE),
    re.compile(rf"(?<![\w.,])(?!(?:a|an)\s(?!number|few|dozen))(?P<n>{NUM})\s+{_VICTIM}{_ASIDE}(?:(?:were|was|have\s+been|had\s+been|being|are)\s+)?"
               r"(?:killed|dead|died|slain|perished|lost\s+their\s+lives|martyred)\b", re.IGNORECASE),
    re.compile(rf"\b(?:death\s+toll|toll)\s+(?:\w+\s+){{0,3}}?(?:to|of|at|reached|is|was)\s+{_QUAL}(?P<n>{NUM})\b", re.IGNORECASE),
    # "the number of people killed in the shelling rose to 11", "documented the death(s) of 4 people"
    re.compile(rf"\bnumber\s+of\s+(?:people\s+|civilians\s+|victims\s+)?(?:killed|dead|deaths)\b[^.;]{{0,60}}?"
               rf"\b(?:rose|risen|climbed|increased|reached|went\s+up|is|was|stood\s+at)\s+(?:to\s+)?{_QUAL}(?P<n>{NUM})\b",
               re.IGNORECASE),
    re.compile(rf"\bdeaths?\s+of\s+{_QUAL}(?P<n>{NUM})\b", re.IGNORECASE),
    re.compile(rf"(?<![\w.,])(?P<n>{NUM})\s+(?:deaths|fatalities|dead\b)", re.IGNORECASE),
    re.compile(rf"(?:مقتل|استشهاد|استشهد|سقوط|مصرع|قتل|قضى|وفاة|ارتقاء|ارتقى|بحياة)\s+(?:نحو\s+|أكثر\s+من\s+|اكثر\s+من\s+)?(?P<n>{NUM})"),
    re.compile(rf"(?P<n>{NUM})\s+(?:قتلى|قتيلا|قتيلاً|قتيل|شهداء|شهيدا|شهيداً|شهيد|ضحايا|مدنيين\s+قتلوا)"),
    re.compile(rf"حصيلة\s+(?:\S+\s+){{0,4}}?(?:إلى|الى)\s+(?P<n>{NUM})"),
]
# "مقتل طفلين" (two children): the Arabic dual, two deaths
_TWO_AR = re.compile(r"(?:مقتل|استشهاد|استشهد|مصرع|قتل|وفاة|ارتقاء|ارتقى)\s+"
                     r"(?:طفلين|طفلتين|شخصين|رجلين|امرأتين|امراتين|سيدتين|شابين|مواطنين\s+اثنين|مدنيين\s+اثنين)(?![\u0621-\u064a])")
# "قتل مدني" (a civilian was killed): one death, like "a man was killed"
_ONE_AR = re.compile(r"(?<![\u0621-\u064a])(?:مقتل|استشهاد|استشهد|مصرع|قتل|يقتل|تقتل|قتلت|وفاة|ارتقاء|ارتقى)\s+"
                     r"(?:مدني|طفل|طفلة|امرأة|امراة|سيدة|رجل|شاب|شخص|مواطن|عنصر|مقاتل|متطوع|مسعف|ممرض|طبيب)(?![\u0621-\u064a])")
# Headline nouns: "شهيدان برصاص قناص" (two martyrs), "يوقع شهيدا" (one); a number before them is read above
_TWO_AR_NOUN = re.compile(r"(?<![\w])(?<!\d\s)(?:شهيدان|شهيدين|قتيلان|قتيلين)(?![\u0621-\u064a])")
_ONE_AR_NOUN = re.compile(r"(?<![\w])(?<!\d\s)(?:شهيد|شهيدا|شهيدة|قتيل|قتيلا)(?![\u0621-\u064a])")
_NOT_PEOPLE = re.compile(r"^\s*(?:of\s+)?(?:hours?|days?|weeks?|months?|years?|km|kilometres|kilometers|miles|metres|meters|percent|%)\b",
                         re.IGNORECASE)


def number_value(token: str) -> int | None:
    """'15' → 15, 'four' → 4, 'twenty-five' → 25, 'dozens' → 12; None if not a number."""
    t = " ".join(token.lower().translate(_ARABIC_DIGITS).replace("-", " ").split())
    if re.fullmatch(r"\d[\d,]*", t):
        digits = t.replace(",", "")
        return int(digits) if len(digits) <= 12 else None  # a 5,000-digit "number" is no toll (int() refuses it)
    if t in _UNITS:
        return _UNITS[t]
    parts = t.split()
    if len(parts) == 2 and parts[0] in _UNITS and parts[1] in _UNITS:
        return _UNITS[parts[0]] + _UNITS[parts[1]]
    return None


def find_fatalities(text: str) -> int | None:
    """The first death figure in text (see module doc), or None."""
    return find_fatalities_at(text)[0]


def find_fatalities_at(text: str) -> tuple[int | None, int]:
    """The first death figure in text and its offset ((None, -1) when none)."""
    best: tuple[int, int] | None = None
    t = text.translate(_ARABIC_DIGITS).translate(_AR_MARKS)
    for rx in _PATTERNS:
        for m in rx.finditer(t):
            if _NOT_PEOPLE.match(t, m.end("n")):
                continue
            value = number_value(m.group("n"))
            if value is None:
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), value)
            break
    two = _TWO_AR.search(t) or _TWO_AR_NOUN.search(t)
    if two and (best is None or two.start() < best[0]):
        best = (two.start(), 2)
    one = _ONE.search(t) or _ONE_AR.search(t) or _ONE_AR_NOUN.search(t)
    if one and (best is None or one.start() < best[0]):
        return 1, one.start()
    return (best[1], best[0]) if best else (None, -1)
