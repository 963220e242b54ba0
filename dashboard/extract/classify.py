"""Event words (triggers) → ACLED type/sub-type, and the cues that cancel them.

A trigger counts only when its clause has no cue of:

* negation  — "no bombardment", "did not", "an end to", "stop the", لا، لم، دون
* modality  — could, would, may, will, expected to, threatened to, "to storm" (infinitive), if
* habit / history / trend — "over the past year", "in recent weeks", "since the start",
  "this summer", "two weeks of", daily, often, "thousands", "remained lighter than"
* diplomacy — "such as bombing hospitals", accused, investigation, resolution

Sub-types follow ACLED: air strikes and barrel bombs → Air/drone strike;
shelling, mortars, rockets, missiles → Shelling/artillery/missile attack;
car bombs, IEDs, explosions → Remote explosive/landmine/IED; chlorine → Chemical weapon;
clashes, fighting → Armed clash; captures → Government regains territory (state
actor) or Non-state actor overtakes territory; executions, sniping of civilians →
Violence against civilians/Attack; kidnapping → Abduction/forced disappearance.
A capture that the same sentence says was reversed or disputed is an Armed clash.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .arabic import is_arabic, refine_triggers

# kind -> (event_type, sub_event_type); "capture" is settled by the actor, "attack" by the sides.
KINDS: dict[str, tuple[str, str]] = {
    "chemical": ("Explosions/Remote violence", "Chemical weapon"),
    "suicide": ("Explosions/Remote violence", "Suicide bomb"),
    "air": ("Explosions/Remote violence", "Air/drone strike"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "explosive": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "grenade": ("Explosions/Remote violence", "Grenade"),
    "clash": ("Battles", "Armed clash"),
    "capture": ("Battles", "Government regains territory"),
    "vac": ("Violence against civilians", "Attack"),
    "abduction": ("Violence against civilians", "Abduction/forced disappearance"),
    "bombing": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),  # air if air words
    "attack": ("Battles", "Armed clash"),  # only between two armed sides
    "kill": ("Violence against civilians", "Attack"),  # "gunmen killed a doctor": by a named armed actor only
}
_AIRCRAFT = r"(?:war\s*planes?|jets?|aircraft|planes?|helicopters?|drones?|bombers?)"
TRIGGERS: list[tuple[str, str]] = [
    ("chemical", r"chlorine|chemical\s+(?:weapons?|attack|bombs?|agents?|gas)|toxic\s+gas|poison(?:ous)?\s+gas|sarin|غاز\s+الكلور|الكلور|كيماوي|كيميائي|غازات\s+سامة"),
    ("suicide", r"suicide\s+(?:bomb(?:er|ers|ing|ings)?|attacks?|car\s+bombs?|vehicle|truck)|انتحاري(?:ة)?|انتحاريين"),
    ("air", r"air\s*[-]?\s*strikes?|airstrikes?|air\s+raids?|air\s+attacks?|aerial\s+(?:bombardments?|bombings?|attacks?|strikes?)"
            r"|bombing\s+raids?|barrel[\s-]+bombs?|barrel[\s-]+bombed|barrel[\s-]+bombing|drone\s+strikes?|vacuum\s+(?:bombs?|missiles?)"
            rf"|{_AIRCRAFT}\s+(?:\w+\s+)?(?:struck|hit|bombed|pounded|targeted|attacked|raided|dropped|fired|carried\s+out|launched)"
            r"|غارة|غارات|غارتين|غارتان|براميل|برميل|(?:ال)?صواريخ\s+(?:ال)?(?:فراغية|ارتجاجية)|صاروخ\s+فراغي|(?:ال)?قنابل\s+(?:ال)?ارتجاجية|الطيران\s+(?:الحربي|المروحي)|الطائرات\s+الحربية"),
    ("shelling", r"shell(?:ing|ed|s)|mortars?|artillery|rockets?|missiles?|grad\s+rockets|howitzers?|tank\s+fire"
                 r"|hell\s+cannons?|gas[\s-]+cylinder\s+bombs|projectiles|قذيفة|قذائف|هاون|مدفعي(?:ة)?|صاروخ|صواريخ|راجمات"),
    ("explosive", r"car[\s-]+bombs?|booby[\s-]+trapped|IEDs?|improvised\s+explosive|roadside\s+bombs?|explosive\s+devices?"
                  r"|land\s*mines?|tunnel\s+bombs?|blasts?|explosions?|exploded|detonated|مفخخة|مفخخ|عبوة\s+ناسفة|لغم|انفجار|تفجير"),
    ("grenade", r"grenades?|قنبلة\s+يدوية"),
    ("clash", r"clash(?:es|ed|ing)?|fighting|fought|battles?|battled|firefights?|gun\s*battles?|gunfights?|skirmish(?:es|ed)?"
              r"|street\s+battles|repell?(?:ed)?\s+(?:an?\s+)?(?:attack|assault|offensive)|repulsed"
              r"|push(?:ed|ing)\s+(?:deep(?:er)?\s+|further\s+)?into|broke\s+into|swept\s+into|اشتباك|اشتباكات|معارك|مواجهات|تصدت|صد\s+هجوم"),
    ("capture", r"captur(?:ed|es|ing)|seiz(?:ed|es|ing)|took\s+(?:full\s+)?control|taken\s+(?:full\s+)?control|retook|retaken|recaptur(?:ed|es)"
                r"|regain(?:ed|s)|overr(?:an|un)|stormed|took\s+over|fell\s+to|advanced\s+(?:into|in)"
                r"|(?:took|take|taking)(?=\s+(?:the\s+)?(?-i:[A-Z\u0600-\u06ff]))(?!\s+(?:Reuters|AFP|AP|SANA)\b)|سيطرت|سيطرة\s+\S+\s+على|استعادت|استعادة|تقدم|تقدمت"),
    ("vac", r"execut(?:ed|ion|ions)|shot\s+dead|massacre[ds]?|sniper(?:s|\s+fire)?|snip(?:ed|ing)|tortured\s+to\s+death|إعدام|اعدام|قناص|قنص|مجزرة"),
    ("abduction", r"abduct(?:ed|ion|s)?|kidnapp?(?:ed|ing|s)?|اختطاف|خطف|اعتقال"),
    ("bombing", r"bombardments?|bombing|bombed|pounded|قصف|(?:ال)?قنابل\s+(?:ال)?عنقودية"),
    ("attack", r"attack(?:ed|s)?|assaults?|هجوم|هاجمت"),
    # a killing with no weapon word, in the active voice ("gunmen killed a doctor", "murdered", "assassinated")
    ("kill", r"killed(?=\s+(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|several|dozens|the|his|her|their)\b)"
             r"|murder(?:ed|s)?|assassinat(?:ed|ion)|اغتيال|اغتالت"),
]
# Latin letters bound a trigger on both sides ("ied" is not in "intensified"); Arabic triggers may carry
# proclitics and suffixes (بقصف، الغارات، غاراتها).
_LAT = "A-Za-z0-9_\u00c0-\u024f"
_TRIGGER_RX = re.compile("|".join(f"(?P<{k}{i}>(?<![{_LAT}-])(?:{rx})(?![{_LAT}]))" for i, (k, rx) in enumerate(TRIGGERS)),
                         re.IGNORECASE)
_AIR_WORDS = re.compile(rf"\b(?:air|aerial|barrel|{_AIRCRAFT})\b|جوي|طيران|طائرات|مروحي|الحربي|براميل|برميل|غارة|غارات|فراغي|ارتجاجي", re.IGNORECASE)
_DISPUTED = re.compile(r"revers(?:ed|al)|repell?ed|repulsed|denied|conflicting|pushed\s+back|recaptured\s+by|retaken\s+by|still\s+held",
                       re.IGNORECASE)

_CUES: dict[str, str] = {
    "negation": r"\b(?:no|not|never|without|nor|neither|denied|deny|denies|free\s+of|halt(?:ed|ing)?|stop(?:ped|ping)?"
                r"|end(?:ed|ing)?|an\s+end\s+to|lessen|pause[ds]?|suspend(?:ed)?|ceasefire|truce)\b|n['’]t\b"
                r"|(?<![\w])(?:لا|لم|لن|عدم|دون|توقف|وقف|هدوء)(?![\w])",
    "modality": r"\b(?:could|would|might|(?<!in\s)(?<!on\s)(?<!of\s)may(?!\s+\d)|will|shall|should|must|expected\s+to|plan(?:s|ned|ning)?\s+to|threat(?:en|ens|ened)\s+to"
                r"|vow(?:s|ed)?\s+to|aim(?:s|ed|ing)?\s+to|seek(?:s|ing)?\s+to|attempt(?:s|ed)?\s+to|tr(?:y|ies|ying)\s+to"
                r"|prepar(?:e|es|ing)\s+(?:to|for)|ready\s+to|if|unless|possible|possibly|likely|fear(?:s|ed)?|warn(?:s|ed)?"
                r"|call(?:s|ed)?\s+for|demand(?:s|ed|ing)?|urg(?:e|es|ed)|risk\s+of|threat\s+of|in\s+order\s+to)\b"
                r"|(?<![\w])(?:سوف|قد|ربما|يتوقع|محتمل)(?![\w])",
    "habit": r"\b(?:(?:over|in|during|for)\s+the\s+(?:past|last|previous)\s+(?:(?:two|three|four|several|few|\d+)\s+)?(?:weeks?|months?|years?)"
             r"|in\s+recent\s+(?:days|weeks|months|years)|for\s+(?:weeks|months|years)|since\s+(?:the\s+(?:start|beginning|war|conflict|uprising|collapse)|\d{4}|last\b)"
             # "have killed more than 300 people since the government launched its offensive": a running total
             r"|since\s+(?!(?:dawn|daybreak|morning|this\s+morning|early\s+morning|midnight|noon|monday|tuesday|wednesday"
             r"|thursday|friday|saturday|sunday|yesterday|last\s+night|overnight)\b)(?:the\s+|its\s+|their\s+)?[a-z]+"
             r"|frequent|frequently"
             r"|every\s+(?:day|night|week)|daily|routinely|regularly|frequently|often|usually|continu(?:e|es|ed|ing)\s+to|keep\s+\w+ing"
             r"|this\s+(?:summer|spring|winter|autumn|year)|last\s+(?:year|summer|spring|winter|autumn|month)|previous|(?:two|three|several|\d+)\s+(?:weeks|months|years)\s+(?:of|ago)"
             r"|(?:tens\s+of\s+|hundreds\s+of\s+)?thousands|remain(?:s|ed)?\s+(?:significantly\s+|much\s+|far\s+)?(?:lighter|heavier|calmer|quieter|lower|higher)\b|(?:lighter|heavier|fewer|calmer|quieter|worse)\s+than|than\s+(?:during|before)|tall(?:y|ies)"
             r"|so\s+far\s+this|throughout|in\s+(?:19|20)\d{2}|years?\s+ago|history|historic)\b"
             r"|(?<![\w])(?:منذ|يوميا|يومياً|بشكل\s+يومي|العام\s+الماضي|خلال\s+الأشهر|خلال\s+الأسابيع)(?![\w])",
    "diplomacy": r"\b(?:such\s+as|accus(?:e|es|ed|ing)|investigat\w*|resolution|sanctions|war\s+crimes|condemn\w*|for\s+bombing|veto|negotiat\w*)\b",
}
_CUE_RX = {name: re.compile(rx, re.IGNORECASE) for name, rx in _CUES.items()}
_CONTINUED = re.compile(r"continu(?:e|es|ed|ing)\s+to", re.IGNORECASE)
_ONE_DAY = re.compile(r"\b(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight"
                      r"|last\s+night|overnight|this\s+morning)\b", re.IGNORECASE)
_INFINITIVE = re.compile(r"\bto\s+(?:\w+ly\s+)?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Trigger:
    """An event word in a sentence and the ACLED kind it signals."""

    start: int
    end: int
    text: str
    kind: str


def find_triggers(text: str) -> list[Trigger]:
    """Every event word in text, in order."""
    out = []
    for m in _TRIGGER_RX.finditer(text):
        kind = m.lastgroup.rstrip("0123456789")
        if kind == "bombing":
            kind = "air" if _AIR_WORDS.search(text) else "shelling"
        out.append(Trigger(m.start(), m.end(), m.group(0), kind))
    return refine_triggers(text, out) if is_arabic(text) else out


def blocking_cue(clause: str, trigger_at: int) -> str | None:
    """Why the trigger at ``trigger_at`` (offset in ``clause``) is not an event, or None.

    Negation and modality count before the trigger; history, trend and diplomacy
    anywhere in the clause. An infinitive ("to retake") is modality too.
    """
    before = clause[:trigger_at]
    for name in ("negation", "modality"):
        if _CUE_RX[name].search(before):
            return name
    if _INFINITIVE.search(before) and not re.search(r"\b(?:due|led|lead|leading|subjected|exposed|response|reaction|addition|prior|similar|thanks|owing|according)\s+to\s+$", before, re.I):
        return "modality"
    for name in ("habit", "diplomacy"):
        found = [m.group(0) for m in _CUE_RX[name].finditer(clause)]
        if name == "habit" and found and all(_CONTINUED.fullmatch(f) for f in found) and _ONE_DAY.search(clause):
            continue  # "continued to fire mortars ... on Friday": that day's event
        if found:
            return name
    return None


def is_disputed(text: str) -> bool:
    """The sentence says a claimed capture was reversed, repelled or disputed."""
    return bool(_DISPUTED.search(text))


def event_type_for(kind: str, actor1_side: str | None, disputed: bool = False) -> tuple[str, str]:
    """ACLED (event_type, sub_event_type) for a trigger kind given the first actor's side."""
    if kind == "capture":
        if disputed:
            return KINDS["clash"]
        if actor1_side in ("government", "turkey", "coalition"):
            return "Battles", "Government regains territory"
        return "Battles", "Non-state actor overtakes territory"
    return KINDS[kind]
