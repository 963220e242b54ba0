"""Event words (triggers) and the kind of event each signals.

A *kind* is one row of ``classify.KINDS`` (ACLED event and sub-event type), except
``capture`` (settled by the actor's side), ``attack`` (only between two armed sides), ``kill``
(only by a named armed actor), ``arrest`` (settled by who detained) and ``bombing`` / ``raid``
(air when the sentence names aircraft). The words cover what narrative accounts of the 2016
battles write, in their inflections:

* ground gains: capture, seize, storm, overrun, take (control of / parts of / over), retake,
  regain, recapture, secure, enter, cut (a road), advance into, force / push / drive out, liberate;
* fighting: clash, fight, battle, push into, launch an offensive / a counter-attack / an assault
  on, counter-attack, raid (on the ground), repel / repulse / fight off, a failed attempt to retake;
* remote violence: air strike, air raid, strikes on, sortie, barrel bomb, vacuum / thermobaric /
  incendiary / cluster munitions, bunker buster, parachute bomb; shelling, mortar, rocket, Grad,
  hell cannon, artillery, missile; car bomb, IED, tunnel bomb, blew up, vehicles packed with
  explosives; suicide bomber / attack; chlorine, toxic gas / chemicals;
* violence against civilians: execution, massacre, sniper, beheading, opened fire on;
  abduction, kidnapping; detention and arrest;
* strategic developments: agreement, deal, truce or ceasefire reached / agreed / signed,
  surrender; evacuation began, convoy left, people able to leave; siege imposed, encircled.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .arabic import is_arabic, refine_triggers

_AIRCRAFT = r"(?:war\s*planes?|jets?|aircraft|planes?|helicopters?|drones?|bombers?)"
_CAP = r"(?=\s+(?:the\s+)?(?:(?:al|el|as|ash|ad|ar|an|at|az)-|(?-i:[A-Z0-9\u0600-\u06ff])))"
TRIGGERS: list[tuple[str, str]] = [
    ("chemical", r"chlorine|chemical\s+(?:weapons?|attack|bombs?|agents?|gas|munitions)|toxic\s+(?:gas(?:es)?|chemicals?|substances?)"
                 r"|poison(?:ous)?\s+gas|sarin|غاز\s+الكلور|الكلور|كيماوي|كيميائي|غازات\s+سامة"),
    ("suicide", r"suicide\s+(?:bomb(?:er|ers|ing|ings)?|attacks?|car\s+bombs?|vehicles?|trucks?)|انتحاري(?:ة)?|انتحاريين"),
    ("air", r"air\s*[-]?\s*strikes?|airstrikes?|air\s+raids?|air\s+attacks?|aerial\s+(?:bombardments?|bombings?|attacks?|strikes?)"
            r"|bombing\s+raids?|barrel[\s-]+bombs?|barrel[\s-]+bombed|barrel[\s-]+bombing|drone\s+strikes?|vacuum\s+(?:bombs?|missiles?)"
            r"|thermobaric\s+(?:bombs?|missiles?|weapons?)|(?:incendiary|cluster)\s+(?:bombs?|munitions?|weapons?|rockets?)"
            r"|bunker[\s-]+busters?|parachute\s+bombs?|napalm|sorties|(?<!\w)strikes?(?=\s+(?:on|against|in|hit|targeting)\b)"
            rf"|{_AIRCRAFT}\s+(?:\w+\s+)?(?:struck|hit|bombed|pounded|targeted|attacked|raided|dropped|fired|carried\s+out|launched)"
            r"|غارة|غارات|غارتين|غارتان|براميل|برميل|(?:ال)?صواريخ\s+(?:ال)?(?:فراغية|ارتجاجية)|صاروخ\s+فراغي|(?:ال)?قنابل\s+(?:ال)?ارتجاجية"
            r"|الطيران\s+(?:الحربي|المروحي)|الطائرات\s+الحربية"),
    ("shelling", r"shell(?:ing|ed|s)|mortars?|artillery|rockets?|missiles?|grads?|howitzers?|tank\s+fire"
                 r"|hell[\s-]+cannons?|gas[\s-]+cylinder\s+bombs|projectiles|قذيفة|قذائف|هاون|مدفعي(?:ة)?|صاروخ|صواريخ|راجمات"),
    ("explosive", r"car[\s-]+bombs?|booby[\s-]+trapped|IEDs?|VBIEDs?|improvised\s+explosive|roadside\s+bombs?|explosive\s+devices?"
                  r"|land\s*mines?|tunnel\s+bomb(?:s|ing)?|blew\s+up|blown\s+up|blows\s+up|(?:vehicles?|cars?|trucks?)\s+(?:packed|laden|loaded|rigged)\s+with\s+explosives"
                  r"|blasts?|explosions?|exploded|detonated|مفخخة|مفخخ|عبوة\s+ناسفة|لغم|انفجار|تفجير"),
    ("grenade", r"grenades?|قنبلة\s+يدوية"),
    ("agreement", r"(?<!under\sa\s)(?<!under\sthe\s)(?<!under\san\s)(?:agreement|deal|accord|truce|ceasefire)\s+(?:was\s+|is\s+|had\s+been\s+|has\s+been\s+)?(?:reached|agreed|struck|signed|concluded|brokered)"
                  r"|agree[ds]?\s+(?:\S+\s+){0,4}?(?:on|to)\s+(?:a|an|the)\s+(?:\w+\s+)?(?:ceasefire|truce|deal|evacuation|withdrawal|agreement)"
                  r"|agree[ds]?\s+(?:\S+\s+){0,3}?to\s+(?:leave|withdraw|evacuate|surrender|hand\s+over)"
                  r"|(?:signed|reached|struck|concluded|brokered|negotiated)\s+(?:a|an|the)\s+(?:\w+\s+)?(?:deal|agreement|ceasefire|truce|accord)"
                  r"|surrender(?:ed|s)?|laid\s+down\s+their\s+(?:arms|weapons)|اتفاق|اتفاقية|تسوية"),
    ("evacuation", r"evacuations?\s+(?:\w+\s+){0,6}?(?:began|started|resumed|got\s+under\s+way|ended|was\s+completed|continued)"
                   r"|(?:convoys?|buses)\s+(?:of\s+[\w\s]{0,30}?)?(?:left|leaves?|depart(?:ed|s)?|pulled\s+out|carrying)"
                   r"|(?:were|was)\s+evacuated|(?:were|was)\s+able\s+to\s+leave|تهجير|إجلاء|اجلاء"),
    ("siege", r"(?:imposed|laid|reimposed|re-imposed|tightened)\s+(?:a\s+|the\s+|its\s+)?(?:full\s+|total\s+)?siege\s+(?:on|to|of|around)"
              r"|(?<!the\s)(?<!its\s)(?<!an\s)encircled(?=\s+(?:the\s+)?(?:rebel|opposition|eastern|western|(?:al|el)-|(?-i:[A-Z])))|completed\s+(?:the|its)\s+encirclement\s+of|حصار|حاصرت"),
    ("clash", r"clash(?:es|ed|ing)?|fighting|fought|battles?|battled|firefights?|gun\s*battles?|gunfights?|skirmish(?:es|ed)?"
              r"|street\s+battles|counter-?attacked"
              r"|(?:launched|began|started|mounted|opened|carried\s+out|staged)\s+(?:a|an|the|its|their)\s+(?:[\w-]+\s+){0,2}?(?:offensive|counter-?offensive"
              r"|counter-?attack|attack|assault|push|operation)(?=\s+(?:on|against|in|into|at|along|towards)\b)"
              r"|repell?(?:ed)?\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:attack|assault|offensive|attempt|advance|incursion|push)"
              r"|(?:was|were|been|being)\s+(?:repell?ed|beaten\s+(?:off|back))|repulsed|fought\s+off|beat(?:en)?\s+(?:back|off)|held\s+(?:them|it)\s+back"
              r"|ambush(?:ed|es)?(?=\s+(?:near|on|in|at|by)\b)"
              r"|(?:thwarted|foiled)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:attack|assault|attempt|infiltration|offensive|advance)"
              r"|(?:failed|unsuccessful|abortive)\s+(?:attempt|bid|effort|assault|attack|push)|raid(?:ed|s)?(?=\s+(?:a|an|the|on|their|its)\b)"
              r"|push(?:ed|ing)\s+(?:deep(?:er)?\s+|further\s+)?into|broke\s+into|swept\s+into|اشتباك|اشتباكات|معارك|مواجهات|تصدت|صد\s+هجوم"),
    ("capture", r"captur(?:e|ed|es|ing)|seiz(?:e|ed|es|ing)|(?:took|takes|taking|take|taken|gain(?:ed|s|ing)?|wrest(?:ed|s|ing)?|assum(?:ed|es))"
                r"\s+(?:full\s+|complete\s+|total\s+)?control|retook|retakes?|retaken|retaking|recaptur(?:e|ed|es|ing)"
                r"|regain(?:ed|s|ing)?|overr(?:an|un|uns|unning)|storm(?:ed|s|ing)|storm(?=\s+(?:the\s+)?(?:(?:al|el)-|(?-i:[A-Z])|rebel|government|army))|(?:took|takes|taking)\s+over|f[ae]ll(?:s)?\s+to"
                r"|advanc(?:ed|es|ing)\s+(?:into|in)|made\s+(?:\w+\s+)?(?:advances|gains|inroads)\s+(?:in|into)"
                r"|gained\s+ground\s+in|liberat(?:ed|es|ing)"
                r"|secured(?!\s+(?:the\s+)?(?:release|support|funding|agreement|passage|safe|a\s+deal))"
                r"|enter(?:ed|s|ing)(?!\s+(?:its|their|a|the|into)\s+(?:\w+\s+)?(?:week|day|month|year|phase|stage|talks|negotiations|force))"
                r"(?!\s+(?:\w+\s+)?(?:homes|houses|buildings|shelters|hospitals|a\s+house|the\s+building))"
                r"|(?:was|were|been|being)\s+(?:\w+ly\s+)?(?:re)?taken(?!\s+(?:to|into|away|prisoner|hostage|captive|ill))"
                r"|(?:forced|forces|pushed|pushes|driven|drove|drives|expelled|expels|ousted|ousts)\s+(?:\w+\s+){0,2}?out\b|lost(?=\s+(?:it|them|control|the\s|(?:al|el)-|(?-i:[A-Z]))[^,;.]{0,60}?\bto\b)|cut(?=\s+(?:off\s+)?the\s+(?:\w+\s+){1,2}(?:road|highway|route))"
                r"|severed|(?:had|have|has)\s+(?:also\s+)?taken(?=\s+(?:the\s+)?(?:(?:al|el|as|ash|ad|ar|an|at|az)-|(?-i:[A-Z0-9])))"
                r"|(?:took|takes|take|taking)\s+(?:(?:the\s+)?(?:rest|most|much|parts?|half|all|remainder)\s+of|several)"
                rf"|(?:took|takes|take|taking){_CAP}(?!\s+(?:Reuters|AFP|AP|SANA)\b)|سيطرت|سيطرة\s+\S+\s+على|استعادت|استعادة|تقدم|تقدمت"),
    ("vac", r"execut(?:ed|ion|ions)|shot\s+dead|massacre[ds]?|sniper(?:s|\s+fire)?|snip(?:ed|ing)|tortured\s+to\s+death|behead(?:ed|ing|ings)"
            r"|opened\s+fire\s+(?:on|at)|fired\s+(?:on|at)(?=\s+(?:a|an|the)\s+(?:\w+\s+)?(?:convoy|bus|buses|car|crowd|queue|civilians|family|families|people|residents|ambulance))"
            r"|إعدام|اعدام|قناص|قنص|مجزرة"),
    ("abduction", r"abduct(?:ed|ion|s)?|kidnapp?(?:ed|ing|s)?|اختطاف|خطف"),
    ("arrest", r"detained|arrested|rounded\s+up|اعتقال|اعتقلت"),
    ("bombing", r"bombardments?|bombing|bombed|pounded|pounds|pounding|bombs?\s+(?:fell|landed|hit|rained|struck)|munitions?\s+(?:struck|hit|fell|landed)|قصف|(?:ال)?قنابل\s+(?:ال)?عنقودية"),
    ("attack", r"attack(?:ed|s)?|assaults?|هجوم|هاجمت"),
    # a killing with no weapon word, in the active voice ("gunmen killed a doctor", "murdered", "assassinated")
    ("kill", r"killed(?=\s+(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|several|dozens|the|his|her|their)\b)"
             r"|killing(?=\s+(?:\w+\s+)?(?:civilians|residents|people|men|women|children|families|detainees|prisoners)\b)"
             r"|murder(?:ed|s)?|assassinat(?:ed|ion)|اغتيال|اغتالت"),
]
# Latin letters bound a trigger on both sides ("ied" is not in "intensified"); Arabic triggers may carry
# proclitics and suffixes (بقصف، الغارات، غاراتها).
_LAT = "A-Za-z0-9_\u00c0-\u024f"
# one look-behind for all the alternatives: inside a word the engine fails at once
_TRIGGER_RX = re.compile(f"(?<![{_LAT}-])(?:" + "|".join(f"(?P<{k}{i}>(?:{rx})(?![{_LAT}]))" for i, (k, rx) in enumerate(TRIGGERS)) + ")",
                         re.IGNORECASE)
AIR_WORDS = re.compile(rf"\b(?:air|aerial|barrel|barrels|{_AIRCRAFT}|dropped|bunker[\s-]+busters?|cluster|incendiary|vacuum|thermobaric"
                       r"|parachute|sorties)\b|جوي|طيران|طائرات|مروحي|الحربي|براميل|برميل|غارة|غارات|فراغي|ارتجاجي",
                       re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Trigger:
    """An event word in a sentence and the kind of event it signals."""

    start: int
    end: int
    text: str
    kind: str


def find_triggers(text: str) -> list[Trigger]:
    """Every event word in text, in order (a sentence's are asked for more than once: cached)."""
    return list(_find_triggers(text))


def clear_trigger_cache() -> None:
    """Forget the event words found so far (each report starts afresh)."""
    _find_triggers.cache_clear()


@lru_cache(maxsize=2048)
def _find_triggers(text: str) -> tuple[Trigger, ...]:
    out = []
    air = None
    for m in _TRIGGER_RX.finditer(text):
        kind = m.lastgroup.rstrip("0123456789")
        if kind in ("bombing", "raid") or (kind == "clash" and m.group(0).lower().startswith("raid")):
            air = bool(AIR_WORDS.search(text)) if air is None else air
            kind = "air" if air else ("clash" if kind != "bombing" else "shelling")
        out.append(Trigger(m.start(), m.end(), m.group(0), kind))
    return tuple(refine_triggers(text, out) if is_arabic(text) else out)
