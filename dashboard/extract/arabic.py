"""Arabic headlines and sentences: what the shared rules need to know about Arabic reporting.

Civil-defence and monitor headlines ("غارات جوية على حي الصاخور توقع 4 شهداء",
"مجزرة في الفردوس جراء قصف الطيران الحربي", "استهداف الأنصاري بصواريخ أرض أرض") put
the place between the attack word and a verb of consequence, often without حي. Rules:

* A place name ends where the verb begins: ``NAME_ENDS`` (توقع، يوقع، تخلف، أسفر، يودي ...,
  and the casualty words شهداء، جرحى ...) stop an unknown place phrase, so that
  "على حي الصاخور توقع 4 شهداء" is الصاخور, not "الصاخور توقع".
* Names that are also ordinary words (الفردوس، الشعار، الصالحين، الميسر ...; the
  gazetteer reports them only after حي/منطقة) are places right after an attack cue
  (استهداف X، يستهدف X، قصف X) or after على/في in a headline with an attack word
  (مجزرة في الشعار، غارات على المرجة، براميل على الصالحين), and in a list that follows
  one ("على الفردوس والصالحين"): ``cue_place_spans``. Only exact or alias matches of the
  gazetteer count; never a fuzzy one.
* One incident, one event (``refine_triggers``): a chemical word makes the attack a
  Chemical weapon attack (the bombs or shells carried the gas); missiles with an air word
  are the aircraft's (صواريخ فراغية، "الطيران الحربي ... بصاروخين") unless surface-to-surface
  (أرض أرض، راجمات); "massacre" (مجزرة) names the outcome of the weapon named with it.
* Where the fire came from is context (``LAUNCH_AR``): "قصف من مواقع النظام في الشيخ سعيد
  على حي الصالحين" is an attack on al-Salihin.
* Headlines that report no attack give nothing (``NON_EVENT``): anniversaries, awareness
  campaigns, drills and simulations, training courses and workshops, funerals and
  condolences, protests, monthly statistics, disposal of unexploded ordnance, openings and
  graduations, warnings and calls to stop the bombing. The cue blocks the event words after it, unless an attack word comes first
  ("استهداف خيمة عزاء ببرميل متفجر" is an attack on a wake).
"""
from __future__ import annotations

import re
from typing import Any, NamedTuple

_ARABIC = re.compile("[\u0600-\u06ff]")
_WORD = re.compile(r"[\u0621-\u064a]+")

# Verbs and outcome words that follow a place in a headline: never part of its name.
NAME_ENDS = frozenset(
    "توقع يوقع أوقع اوقع أوقعت اوقعت وتوقع ويوقع تخلف يخلف خلف خلفت ويخلف وتخلف تسفر يسفر أسفر اسفر أسفرت اسفرت "
    "تودي يودي أودى اودى أودت اودت تؤدي يؤدي تحصد يحصد حصد حصدت تقتل يقتل قتلت ترتكب يرتكب ارتكب ارتكبت "
    "تستهدف يستهدف استهدف استهدفت يطال تطال طال طالت تصيب يصيب أصاب أصابت تدمر يدمر دمر تهز يهز هز "
    "يسقط تسقط سقط سقطت ينفجر تنفجر انفجر انفجرت يتسبب تتسبب تسبب تسببت يستشهد تستشهد يرتقي ترتقي "
    "شهداء شهيد شهيدا شهيدان شهيدين شهيدة قتلى قتيل قتيلا قتيلان قتيلين جرحى جريح جريحا جريحان جريحين "
    "مصابين إصابات اصابات ضحايا ضحية دمار أضرار اضرار بينهم منهم وسط دون".split())

# Where fire came from is context, not the event's place: "من مواقع النظام في الشيخ سعيد",
# "قوات النظام المتمركزة في حندرات" (a pattern for ``places._CONTEXT``, before the name).
LAUNCH_AR = r"(?:مواقع|مواقعها|مقرات|نقاط|ثكنة)\s+(?:[\u0621-\u064a]+\s+){0,2}?في|المتمركزة\s+في|المتمركز\s+في|المتمركزين\s+في"
_ATTACK_VERB = r"(?:استهداف|استهدف|استهدفت|يستهدف|تستهدف|قصف|قصفت|يقصف|تقصف|طال|طالت|يطال|تطال|ضرب|ضربت|يضرب|تضرب)"
# An attack word anywhere before the name (its own clause or the headline's lead).
_ATTACK_CUE = re.compile(
    r"(?<![\u0621-\u064a])[وفبل]?(?:ال)?(?:"
    r"قصف|غارة|غارات|غارتين|غارتان|مجزرة|مجزرتين|مجازر|استهداف|استهدف|استهدفت|يستهدف|تستهدف|يقصف|تقصف|"
    r"براميل|برميل|برميلين|برميلان|صاروخ|صواريخ|صاروخين|قذائف|قذيفة|قذيفتين|هاون|مدفعي|مدفعية|راجمات|"
    r"طيران|الطيران|طائرات|مروحي|مروحية|اشتباكات|معارك|قنص|قناص|تفجير|انفجار|مفخخة|عبوة|كلور|غازات|غاز)"
    r"(?![\u0621-\u064a])")
_BEFORE_NAME = re.compile(rf"(?:(?<![\u0621-\u064a])(?:على|في|علي)|(?<![\u0621-\u064a])[وف]?{_ATTACK_VERB})\s+(?:(?:حي|حيي|منطقة|أحياء|احياء)\s+)?$")

# Non-attack headlines (see module doc).
NON_EVENT = re.compile(
    r"(?<![\u0621-\u064a])[وفبل]?(?:ال)?(?:"
    r"ذكرى|ذكرى\s+سنوية|سنوية|حملة\s+(?:ال)?توعي\S*|حملات\s+(?:ال)?توعي\S*|توعية|توعوية|توعوي|"
    r"تدريب|تدريبات|تدريبية|تدريبي|دورة|دورات|ورشة|ورشات|محاضرة|محاضرات|جلسة|ندوة|ندوات|مؤتمر|تمرين|تمارين|محاكاة|يحاكي|تحاكي|وهمي|"
    r"تشييع|تأبين|تابين|عزاء|جنازة|جنازات|دفن|وقفة|وقفات|مظاهرة|مظاهرات|احتجاج|احتجاجية|تنديدا|تنديداً|"
    r"إحصائية|احصائية|إحصائيات|احصائيات|تقرير\s+شهري|حصاد\s+(?:ال)?شهر|"
    r"غير\s+منفجرة|غير\s+المنفجرة|مخلفات|يتلف|تتلف|إتلاف|اتلاف|تفكيك|"
    r"افتتاح|حفل|تخريج|مسابقة|مبادرة|"
    r"يحذر|تحذر|تحذير|تحذيرات|مطالبات|مطالبة|يطالب|تطالب|دعوات|يدعو|تدعو|مناشدة|يناشد)(?![\u0621-\u064a])")
# Totals over a period: "خلال الشهر الماضي", "خلال أسبوع".
_PERIOD = re.compile(r"خلال\s+(?:ال)?(?:شهر|أسبوع|اسبوع|عام|سنة|أشهر|اشهر|أسابيع|اسابيع)(?:\s+(?:ال)?(?:ماضي|الماضي|فائت|الفائت|الماضية|الفائتة))?")
_MISSILE = re.compile(r"صاروخ|صواريخ")
_SURFACE = re.compile(r"أرض[\s-]*أرض|ارض[\s-]*ارض|راجمات|راجمة")
_AIR_WORD = re.compile(r"غارة|غارات|غارتين|غارتان|طيران|طائرة|طائرات|مروحي|حربي|جوي|فراغي|ارتجاجي|براميل|برميل")
_AFTER_NAME = frozenset(
    "في على من إلى الى عن مع جراء إثر اثر بعد قبل نتيجة عند قرب شرقي غربي شمالي جنوبي شرق غرب شمال جنوب وسط "
    "المحاصر المحاصرة الخاضع الخاضعة الواقع الواقعة السكني السكنية دون مساء صباح ظهر فجر عصر ليلة ليل اليوم أمس امس "
    "يوم منذ خلال حيث الذي التي الاثنين الإثنين الثلاثاء الأربعاء الاربعاء الخميس الجمعة السبت الأحد الاحد".split())
_CUE_WORDS = frozenset("حي حيي منطقة أحياء احياء".split())
_WEAPON_KINDS = frozenset({"air", "shelling", "explosive", "suicide", "chemical", "grenade", "clash"})


def is_arabic(text: str) -> bool:
    """Whether ``text`` has Arabic letters."""
    return bool(_ARABIC.search(text))


def refine_triggers(text: str, triggers: list[Any]) -> list[Any]:
    """The event words of an Arabic sentence that stand for attacks (see module doc).

    ``triggers``: ``classify.Trigger``-like objects (``start``, ``end``, ``text``, ``kind``).
    """
    if not triggers:
        return triggers
    cue = NON_EVENT.search(text)
    if cue is not None:
        lead = [t for t in triggers if t.start < cue.start()] or [
            m for m in _ATTACK_CUE.finditer(text, 0, cue.start())]
        if not lead:
            return []
    if _PERIOD.search(text):
        return []
    kinds = {t.kind for t in triggers}
    out = []
    for t in triggers:
        if t.kind in ("air", "shelling") and "chemical" in kinds:
            continue  # the bombs or shells carried the gas: one chemical attack
        if t.kind == "shelling" and _MISSILE.search(t.text) and not _SURFACE.search(text) \
                and ("air" in kinds or _AIR_WORD.search(text)):
            continue  # missiles fired by the aircraft named with them
        if t.kind == "vac" and "مجزر" in t.text and kinds & _WEAPON_KINDS:
            continue  # the massacre is the weapon's outcome, not another event
        out.append(t)
    return out


class CueSpan(NamedTuple):
    """A place found after an attack cue: what ``find_places`` returns, with a gazetteer match."""

    start: int
    end: int
    text: str
    match: Any


def cue_place_spans(text: str, spans: list[Any], gazetteer: Any) -> list[Any]:
    """``spans`` (from ``find_places``) plus the names that only an attack cue makes places."""
    if not is_arabic(text) or not _ATTACK_CUE.search(text):
        return spans
    words = list(_WORD.finditer(text))
    taken = [(s.start, s.end) for s in spans]
    added: list[CueSpan] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w.group(0) in _CUE_WORDS or any(s < w.end() and w.start() < e for s, e in taken):
            i += 1
            continue
        before = text[max(0, w.start() - 40):w.start()]
        listed = bool(added) and w.group(0).startswith("و") and _listed_after(text, added[-1].end, w.start())
        if not listed and not (_BEFORE_NAME.search(before) and _ATTACK_CUE.search(text, 0, w.start())):
            i += 1
            continue
        hit = _longest_name(text, words, i, gazetteer, strip_and=listed)
        if hit is None:
            i += 1
            continue
        span, n = hit
        if any(s < span.end and span.start < e for s, e in taken):
            i += 1
            continue  # part of a longer name the gazetteer already found
        added.append(span)
        taken.append((span.start, span.end))
        i += n
    if not added:
        return spans
    return sorted([*spans, *added], key=lambda s: s.start)


def _listed_after(text: str, prev_end: int, start: int) -> bool:
    """Only a space between the previous cue place and this و-word ("الفردوس والصالحين")."""
    return not text[prev_end:start].strip(" ،,")


def _longest_name(text: str, words: list[re.Match], i: int, gazetteer: Any, *,
                  strip_and: bool) -> tuple[CueSpan, int] | None:
    """The longest run of 1-3 words from ``words[i]`` that the gazetteer knows exactly."""
    for n in (3, 2, 1):
        run = words[i:i + n]
        if len(run) < n or any(w.group(0) in NAME_ENDS for w in run):
            continue
        if any(text[a.end():b.start()].strip() for a, b in zip(run, run[1:])):
            continue  # a digit or punctuation inside: not one name
        start = run[0].start() + (1 if strip_and else 0)
        name = text[start:run[-1].end()]
        if words[i - 1:i] and words[i - 1].group(0) in ("باب", "بباب"):
            return None  # "باب النيرب" is a gate name of its own
        if not _name_ends(text, words[i + n] if i + n < len(words) else None, run[-1].end()):
            continue
        m = gazetteer.resolve(name)
        if m is None or getattr(m, "kind", "exact") not in ("exact", "alias") or m.place.precision != 1:
            continue
        return CueSpan(start, run[-1].end(), name, m), n
    return None


def _name_ends(text: str, nxt: re.Match | None, end: int) -> bool:
    """What follows a name closes it: the end, punctuation or a digit, a verb or casualty
    word, a preposition, a direction, a time word, a proclitic (بالبراميل، وسقوط). An
    adjective or a genitive does not ("في المشهد السوري" is the Syrian scene)."""
    if nxt is None or text[end:nxt.start()].strip():
        return True
    word = nxt.group(0)
    return word in NAME_ENDS or word in _AFTER_NAME or (word[0] in "وبلف" and len(word) > 3)
