"""Trigger kinds → ACLED type/sub-type, and the cues that cancel an event word (``triggers``).

A trigger counts only when its clause has no cue of:

* negation  — "no bombardment", "did not", "an end to", "stop the", لا، لم، دون
* modality  — could, would, may, will, expected to, threatened to, "to storm" (infinitive), if
* habit / history / trend — "over the past year", "in recent weeks", "since the start",
  "this summer", "two weeks of", daily, often, "thousands", "remained lighter than"
* diplomacy — "such as bombing hospitals", accused, investigation, resolution
* not an event — funerals, burials, drills and exercises, awareness campaigns, anniversaries,
  commemorations, exhibitions

Sub-types follow ACLED: air strikes and barrel bombs → Air/drone strike;
shelling, mortars, rockets, missiles → Shelling/artillery/missile attack;
car bombs, IEDs, explosions → Remote explosive/landmine/IED; chlorine → Chemical weapon;
clashes, fighting → Armed clash; captures → Government regains territory (state
actor) or Non-state actor overtakes territory; executions, sniping of civilians →
Violence against civilians/Attack; kidnapping → Abduction/forced disappearance.
A capture that the same sentence says was reversed or disputed is an Armed clash.
Strategic developments: agreements, deals, ceasefires and surrenders → Agreement; evacuations
and sieges → Other; a place entered "without a fight" → Non-violent transfer of territory;
detention by the state's forces → Arrests (by anyone else: Abduction/forced disappearance).
"""
from __future__ import annotations

import re

from .triggers import AIR_WORDS, TRIGGERS, Trigger, find_triggers  # noqa: F401 - re-exported

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
    "agreement": ("Strategic developments", "Agreement"),
    "evacuation": ("Strategic developments", "Other"),
    "siege": ("Strategic developments", "Other"),
    "transfer": ("Strategic developments", "Non-violent transfer of territory"),
    "arrest": ("Violence against civilians", "Abduction/forced disappearance"),  # by the state: Arrests
}
STRATEGIC = {"agreement", "evacuation", "siege", "transfer"}
STATE_FORCES = {"Military Forces of Syria (2000-)", "Police Forces of Syria (2000-)"}
_DISPUTED = re.compile(r"revers(?:ed|al)|repell?ed|repulsed|denied|conflicting|pushed\s+back|recaptured\s+by|retaken\s+by|still\s+held",
                       re.IGNORECASE)

_CUES: dict[str, str] = {
    "negation": r"\b(?:no|not|never|without|nor|neither|denied|deny|denies|free\s+of|an\s+end\s+to|lessen|ceasefire|truce"
                # "stop the bombardment", "halted air strikes", "ended its offensive" (not "stopped a convoy")
                r"|(?:halt|stop|end|pause|suspend)(?:s|ed|ing|ped|ping)?(?=\s+(?:the\s+|all\s+|its\s+|their\s+|any\s+)?(?:\w+\s+)?"
                r"(?:bombing|bombardments?|shelling|air\s*strikes|strikes|attacks?|fighting|offensive|hostilities|raids|flights|assault)))\b|n['’]t\b"
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
             r"|frequent|frequently|(?:after|following|amid)\s+(?:(?:a|one|two|three|four|several|many|\d+)\s+)?(?:days?|weeks?|months?|years?|nights?)\s+of"
             r"|every\s+(?:day|night|week)|daily|routinely|regularly|frequently|often|usually|continu(?:e|es|ed|ing)\s+to|keep\s+\w+ing"
             r"|this\s+(?:summer|spring|winter|autumn|year)|last\s+(?:year|summer|spring|winter|autumn)|previous|(?:two|three|several|\d+)\s+(?:weeks|months|years)\s+(?:of|ago)"
             r"|(?:tens\s+of\s+|hundreds\s+of\s+)?thousands|remain(?:s|ed)?\s+(?:significantly\s+|much\s+|far\s+)?(?:lighter|heavier|calmer|quieter|lower|higher)\b|(?:lighter|heavier|fewer|calmer|quieter|worse)\s+than|than\s+(?:during|before)|tall(?:y|ies)"
             r"|so\s+far\s+this|throughout|in\s+(?:19|20)\d{2}|years?\s+ago|history|historic)\b"
             r"|(?<![\w])(?:منذ|يوميا|يومياً|بشكل\s+يومي|العام\s+الماضي|خلال\s+الأشهر|خلال\s+الأسابيع)(?![\w])",
    "nonevent": r"\b(?:funerals?|buried|burials?|mourners?|mourning|drills?|exercises?|awareness|campaign\s+to\s+(?:raise|warn)"
                r"|anniversary|commemorat\w*|memorial|vigil|exhibition|workshop|training\s+(?:course|session)|trial\s+of)\b",
    "diplomacy": r"\b(?:such\s+as|accus(?:e|es|ed|ing)|investigat\w*|resolution|sanctions|war\s+crimes|condemn\w*|for\s+bombing|veto|negotiat\w*)\b",
}
_CUE_RX = {name: re.compile(rx, re.IGNORECASE) for name, rx in _CUES.items()}
_CONTINUED = re.compile(r"continu(?:e|es|ed|ing)\s+to", re.IGNORECASE)
_ONE_DAY = re.compile(r"\b(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight"
                      r"|last\s+night|overnight|this\s+morning)\b", re.IGNORECASE)
_INFINITIVE = re.compile(r"\bto\s+(?:\w+ly\s+)?$", re.IGNORECASE)


def blocking_cue(clause: str, trigger_at: int) -> str | None:
    """Why the trigger at ``trigger_at`` (offset in ``clause``) is not an event, or None.

    Negation and modality count before the trigger; history, trend and diplomacy
    anywhere in the clause. An infinitive ("to retake") is modality too.
    """
    before = clause[:trigger_at]
    for name in ("negation", "modality"):
        m = _CUE_RX[name].search(clause)
        if m is not None and m.start() < trigger_at:
            return name
    if _INFINITIVE.search(before) and not re.search(r"\b(?:due|led|lead|leading|subjected|exposed|response|reaction|addition|prior|similar|thanks|owing"
                                                    r"|according|managed|managing|only|proceeded|went\s+on)\s+to\s+(?:be\s+)?$", before, re.I) \
            and not re.search(r"\bonly\s+for\s+[^,;]{1,50}\s+to\s+$", before, re.I):  # "only for the Nusra Front to recapture it"
        return "modality"
    for name in ("habit", "diplomacy", "nonevent"):
        found = [m.group(0) for m in _CUE_RX[name].finditer(clause)]
        if name == "habit" and found and all(_CONTINUED.fullmatch(f) for f in found) and _ONE_DAY.search(clause):
            continue  # "continued to fire mortars ... on Friday": that day's event
        if found:
            return name
    return None


def is_disputed(text: str) -> bool:
    """The sentence says a claimed capture was reversed, repelled or disputed."""
    return bool(_DISPUTED.search(text))


def event_type_for(kind: str, actor1_side: str | None, disputed: bool = False, actor1: str = "") -> tuple[str, str]:
    """ACLED (event_type, sub_event_type) for a trigger kind given the first actor's side."""
    if kind == "arrest" and actor1 in STATE_FORCES:
        return "Strategic developments", "Arrests"
    if kind == "capture":
        if disputed:
            return KINDS["clash"]
        if actor1_side in ("government", "turkey", "coalition"):
            return "Battles", "Government regains territory"
        return "Battles", "Non-state actor overtakes territory"
    return KINDS[kind]
