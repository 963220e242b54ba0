"""Arabic civil-defence / monitor headlines (issue 12, class 7), through the real gazetteer.

Every headline here is our own, modelled on the 2016 titles of the Syrian Civil Defence and
local monitors; the larger gold sets are in tests/fixtures/arabic_headlines/.
"""
from __future__ import annotations

from datetime import date

import pytest

import gazetteer
from benchmarks import arabic_headlines as ah
from dashboard.extract import extract_events
from dashboard.extract.arabic import refine_triggers
from dashboard.extract.classify import find_triggers

P = date(2016, 10, 7)
AIR, SHELLING, CHEM = "Air/drone strike", "Shelling/artillery/missile attack", "Chemical weapon"


@pytest.fixture(scope="module")
def g():
    return gazetteer.load()


def run(g, text):
    return [(e.location, e.place_id, e.sub_event_type, e.fatalities) for e in extract_events(text, published=P, gazetteer=g)]


# (headline, [(location as written, place id, sub-type, deaths)])
HEADLINES = [
    # the place ends where the verb begins
    ("غارات جوية على حي الصاخور توقع 4 شهداء", [("الصاخور", "sakhour", AIR, 4)]),
    ("انفجار سيارة مفخخة في حي الأنصاري يوقع 5 شهداء", [("الأنصاري", "ansari", "Remote explosive/landmine/IED", 5)]),
    ("قذائف هاون على حي الميدان توقع شهيدين", [("الميدان", "midan", SHELLING, 2)]),
    ("سقوط برميل متفجر على حي الشيخ خضر دون إصابات", [("الشيخ خضر", "sheikh-khodr", AIR, None)]),
    # names that are also words are places after an attack cue, not only after حي
    ("قصف مدفعي على الشعار يوقع 3 جرحى", [("الشعار", "shaar", SHELLING, None)]),
    ("مجزرة في الشعار: 12 شهيدا بغارات الطيران الحربي", [("الشعار", "shaar", AIR, 12)]),
    ("براميل متفجرة على الصالحين وأنباء عن إصابات", [("الصالحين", "salihin", AIR, None)]),
    ("الطيران الحربي يستهدف الميسر بصاروخين فراغيين", [("الميسر", "karm-al-myassar", AIR, None)]),
    ("استهداف الأنصاري بصواريخ أرض أرض", [("الأنصاري", "ansari", SHELLING, None)]),
    ("قصف جوي مكثف على الفردوس والصالحين", [("الفردوس", "fardous", AIR, None), ("الصالحين", "salihin", AIR, None)]),
    ("غارات على الشعار", [("الشعار", "shaar", AIR, None)]),  # three words are a headline
    # one incident, one event
    ("مجزرة في حي الفردوس جراء قصف الطيران الحربي الروسي بالصواريخ الفراغية", [("الفردوس", "fardous", AIR, None)]),
    ("قصف بالكلور على الصاخور وعشرات حالات الاختناق", [("الصاخور", "sakhour", CHEM, None)]),
    ("الطيران المروحي يلقي براميل محملة بغاز الكلور على حي السكري", [("السكري", "sukkari", CHEM, None)]),
    ("غارات جوية وقصف مدفعي على حي الشعار", [("الشعار", "shaar", AIR, None), ("الشعار", "shaar", SHELLING, None)]),
    # where the fire came from is context
    ("قصف مدفعي من مواقع النظام في الشيخ سعيد على حي الصالحين", [("الصالحين", "salihin", SHELLING, None)]),
    # deaths: the dual, the singular, "claimed the lives of"
    ("شهيدان برصاص قناص في حي بستان القصر", [("بستان القصر", "bustan-al-qasr", "Attack", 2)]),
    ("شهيد وجرحى بقصف على حي بني زيد", [("بني زيد", "bani-zeid", SHELLING, 1)]),
    ("غارات على الحيدرية تودي بحياة 4 مدنيين", [("الحيدرية", "haydariyeh", AIR, 4)]),
    ("قناص يقتل طفلة في حي الشيخ مقصود", [("الشيخ مقصود", "sheikh-maqsoud", "Attack", 1)]),
    # an attack on a wake is an attack
    ("استهداف خيمة عزاء في حي المعادي ببرميل متفجر", [("المعادي", "maadi", AIR, None)]),
]


@pytest.mark.parametrize("text,want", HEADLINES)
def test_headline(g, text, want):
    got = run(g, text)
    assert sorted(got, key=str) == sorted(want, key=str)


@pytest.mark.parametrize("text", [
    "الدفاع المدني يطلق حملة توعية من مخلفات الحرب في حي الشعار",  # awareness campaign
    "حملة توعية بمخاطر البراميل المتفجرة في حي الفردوس",  # ... naming a weapon
    "تمرين وهمي يحاكي غارة جوية في حي الشعار",  # drill
    "الذكرى السنوية الأولى لمجزرة حي الشعار",  # anniversary
    "تشييع شهداء القصف وسط دعاء بأن يسكنهم الله الفردوس الأعلى",  # funeral; الفردوس is paradise
    "الدفاع المدني يزيل مخلفات قذائف غير منفجرة في حي الشيخ خضر",  # unexploded ordnance
    "إحصائية: أكثر من 400 غارة على أحياء حلب الشرقية خلال الشهر الماضي",  # statistics
    "وقفة احتجاجية في حي صلاح الدين تنديدا بالقصف",  # protest
    "الدفاع المدني يحذر من استمرار الغارات على الأحياء الشرقية",  # warning
    "مطالبات بوقف القصف على حي الشعار",  # demand
    "تدريبات على إخماد الحرائق الناتجة عن القصف في حي الأنصاري",  # training
    "دورة تدريبية للمتطوعين في حي بستان القصر",
    "فرق الدفاع المدني تخمد حريقا في سوق حي الكلاسة",  # rescue without an attack
])
def test_non_attack_headline_gives_nothing(g, text):
    assert run(g, text) == []


@pytest.mark.parametrize("text", [
    "تصعيد القصف في المشهد السوري يثير القلق",  # the Syrian scene, not al-Mashhad
    "المتطوع محمد الأنصاري يروي قصة إنقاذ طفل من تحت الأنقاض",  # a surname
    "الدفاع المدني يعلن عن الشعار الجديد لحملة أنقذوا حلب",  # a slogan
])
def test_name_that_is_a_word_is_no_place(g, text):
    assert [p for _, p, _, _ in run(g, text) if p not in (None, "aleppo")] == []


def test_refine_only_touches_arabic():
    text = "Helicopters dropped chlorine barrel bombs on Sakhour on Friday."
    assert {t.kind for t in find_triggers(text)} == {"chemical", "air"}
    assert refine_triggers("غارات جوية", []) == []


@pytest.mark.parametrize("name", ["dev", "heldout", "heldout2"])
def test_gold_sets_meet_the_targets(g, name):
    score = ah.evaluate(ah.load(name), g)
    assert score.hit_rate >= 0.90, score.misses
    assert score.wrong_rate <= 0.03, score.misses
    assert score.false_events == 0, score.misses
