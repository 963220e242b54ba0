"""Narrative prose about the 2016 battles (issue 12, classes 2-6 and 8), through the real gazetteer.

Every sentence is ours, modelled on encyclopedia accounts and news features of the battles; the
events they describe follow those accounts (dates and places), the wording does not.
"""
from __future__ import annotations

from datetime import date

import pytest

import gazetteer
from dashboard.extract import extract_events

SYRIA = "Military Forces of Syria (2000-)"
REBELS = "Opposition Rebels (Syria)"
YPG = "YPG: People's Protection Units"
GRT = "Government regains territory"
NSO = "Non-state actor overtakes territory"
CLASH = "Armed clash"
AIR = "Air/drone strike"
SHELLING = "Shelling/artillery/missile attack"
ENCYCLOPEDIA = date(2017, 2, 1)  # a later account: every date is written out


@pytest.fixture(scope="module")
def g():
    return gazetteer.load()


def run(g, text, published=ENCYCLOPEDIA):
    return extract_events(text, published=published, gazetteer=g)


def summary(events):
    return [(e.event_date, e.sub_event_type, e.actor1, e.place_id or e.location) for e in events]


# --- class 2: a number, a date or a count is never a place -------------------------------------
@pytest.mark.parametrize("text", [
    "On 25 September, Russian jets carried out 50 strikes on the city and 30 in the surrounding areas.",
    "On 25 September, 1,070 shells fell on 12 districts, 30 of them in the east.",
    "The army took 3 positions and 30 on 25 September.",
])
def test_numbers_are_never_places(g, text):
    assert all(not any(ch.isdigit() for ch in e.location) for e in run(g, text))


# --- class 3: the verbs of ground gains, fighting, weapons and strategic developments -----------
@pytest.mark.parametrize("text, sub, place", [
    ("On 28 November, the army captured al-Sakhour.", GRT, "sakhour"),
    ("On 28 November, the army has taken al-Sakhour.", GRT, "sakhour"),
    ("On 28 November, the army seized al-Sakhour.", GRT, "sakhour"),
    ("On 28 November, the army stormed al-Sakhour.", GRT, "sakhour"),
    ("On 28 November, the army overran al-Sakhour.", GRT, "sakhour"),
    ("On 28 November, the army secured al-Sakhour.", GRT, "sakhour"),
    ("On 28 November, the army advanced into al-Sakhour.", GRT, "sakhour"),
    ("On 28 November, the army recaptured al-Sakhour.", GRT, "sakhour"),
    ("On 28 November, the army took control of al-Sakhour.", GRT, "sakhour"),
    ("On 28 November, the army took parts of al-Sakhour.", GRT, "sakhour"),
    ("On 28 November, the army pushed the rebels out of al-Sakhour.", GRT, "sakhour"),
    ("On 17 July, the army cut the Castello Road.", GRT, "castello-road"),
    ("On 28 November, the YPG took over Sheikh Fares.", NSO, "sheikh-fares"),
    ("On 28 November, the army pushed into al-Sakhour.", CLASH, "sakhour"),
    ("On 28 November, the army launched an offensive on al-Sakhour.", CLASH, "sakhour"),
    ("On 28 November, rebels launched a counter-attack on al-Sakhour.", CLASH, "sakhour"),
    ("On 28 November, the army repelled a rebel attack on al-Sakhour.", CLASH, "sakhour"),
    ("On 28 November, Liwa al-Quds fighters raided a rebel position in al-Sakhour.", CLASH, "sakhour"),
    ("On 28 November, jets dropped cluster munitions on al-Sakhour.", AIR, "sakhour"),
    ("On 28 November, aircraft struck al-Sakhour with vacuum missiles.", AIR, "sakhour"),
    ("On 28 November, a thermobaric bomb hit al-Sakhour.", AIR, "sakhour"),
    ("On 28 November, helicopters barrel-bombed al-Sakhour.", AIR, "sakhour"),
    ("On 28 November, rebels fired Grad rockets at al-Hamdaniyah.", SHELLING, "hamdaniyeh"),
    ("On 28 November, rebels fired hell-cannon shells at al-Hamdaniyah.", SHELLING, "hamdaniyeh"),
    ("On 28 November, a mortar round hit al-Hamdaniyah.", SHELLING, "hamdaniyeh"),
    ("On 28 November, a car bomb exploded in al-Hamdaniyah.", "Remote explosive/landmine/IED", "hamdaniyeh"),
    ("On 28 November, rebels blew up a tunnel under army positions in the Old City.", "Remote explosive/landmine/IED", "old-city"),
    ("On 28 November, a sniper killed a woman in Bustan al-Qasr.", "Attack", "bustan-al-qasr"),
    ("On 13 December, an agreement was reached for the evacuation of eastern Aleppo.", "Agreement", "eastern-aleppo"),
    ("On 13 December, rebels in al-Mashhad surrendered to the army.", "Agreement", "ansari-mashhad"),
    ("On 15 December, the first evacuation convoy left al-Amiriyah.", "Other", "amiriyeh"),
    ("On 8 December, the army entered the Old City without a fight.", "Non-violent transfer of territory", "old-city"),
])
def test_event_verbs(g, text, sub, place):
    (e,) = run(g, text)
    assert (e.sub_event_type, e.place_id or e.location) == (sub, place)


# --- class 4: who did it --------------------------------------------------------------------------
@pytest.mark.parametrize("text, actor1", [
    # the grammatical subject, back to the first of a list; a backer is not the agent
    ("On 24 September, Syrian troops and allied Palestinian fighters captured the Handarat camp.", SYRIA),
    ("On 4 September, Syrian forces backed by Iranian militias and Hezbollah retook Ramouseh.", SYRIA),
    # the passive agent
    ("On 25 September, the Handarat camp was captured by Fatah Halab.", "Fatah Halab"),
    ("On 5 April, Sheikh Maqsoud was shelled by rebel groups.", REBELS),
    # the named armed groups of both sides
    ("On 30 November, Liwa al-Quds captured Ard al-Hamra.", "Liwa al-Quds"),
    ("On 2 August, Jaish al-Fatah seized the 1070 apartment project.", "Jaish al-Fatah"),
    ("On 5 August, the Army of Conquest seized the 1070 apartment project.", "Jaish al-Fatah"),
    ("On 5 August, Ahrar al-Sham fighters stormed the Artillery College in Ramouseh.", "Ahrar al-Sham"),
    ("On 11 December, Jabhat Fateh al-Sham shelled Sheikh Saeed.", "Jabhat Fateh al-Sham"),
    ("On 8 April, the Nour al-Din al-Zenki Movement shelled Sheikh Maqsoud.", "Nour al-Din al-Zenki Movement"),
    ("On 11 April, the Free Syrian Army's Sultan Murad Division shelled Sheikh Maqsoud.", "Sultan Murad Division"),
    ("On 12 November, Iraqi militiamen took the Minyan district.", "Iraqi militias"),
    ("On 28 November, the YPG took Sheikh Fares from the rebels.", YPG),
    # a weapon never overrides the named perpetrator
    ("On 7 April, Jaish al-Islam fighters fired shells containing chlorine into Sheikh Maqsoud.", "Jaish al-Islam"),
    # the relative clause describes the actor, it is not the place nor the actor
    ("On 27 July, the YPG, which holds Sheikh Maqsoud, shelled rebel positions on the Castello Road.", YPG),
])
def test_who_did_it(g, text, actor1):
    events = run(g, text)
    assert events and {e.actor1 for e in events} == {actor1}, summary(events)


def test_they_is_the_previous_sentences_subject(g):
    events = run(g, "Pro-government forces pressed their offensive in the east on 29 November. "
                    "They captured the Jabal Badro hill and then advanced towards al-Shaar.")
    assert summary(events) == [(date(2016, 11, 29), GRT, SYRIA, "jabal-badro")]


def test_a_passive_without_agent_is_the_previous_subject(g):
    events = run(g, "On 10 December, government troops took Bab al-Maqam. "
                    "The next day, rebels were pushed out of al-Marjeh.")
    assert summary(events)[-1] == (date(2016, 12, 11), GRT, SYRIA, "marjeh")


def test_a_repelled_attack_is_the_attackers(g):
    (e,) = run(g, "On 8 April, the YPG and the army repelled an attack by the Nusra Front on the Layramoun roundabout.")
    assert (e.sub_event_type, e.actor1, e.actor2) == (CLASH, "Jabhat Fateh al-Sham", YPG)
    (e,) = run(g, "Rebels seized the Minyan sawmills on 28 October. An assault on al-Zahraa was repelled by the army.")[1:]
    assert (e.actor1, e.actor2, e.place_id) == (REBELS, SYRIA, "zahraa")


# --- class 5: the place governed by the event verb ----------------------------------------------
@pytest.mark.parametrize("text, places", [
    ("On 17 July, the army cut the Castello Road, leaving the rebel-held east of the city under siege.", ["castello-road"]),
    ("On 31 July, Jaish al-Fatah launched an assault on the 1070 apartment project in an attempt to lift the siege of "
     "eastern Aleppo.",
     ["1070 apartment project"]),
    ("On 6 August, rebels took Ramouseh, which would open the road to eastern Aleppo.", ["ramouseh"]),
    ("On 12 April, rebels clashed with the YPG in Sheikh Maqsoud after an assault from the nearby Bani Zeid area.",
     ["sheikh-maqsoud"]),
    ("On 9 November, government snipers positioned in the Citadel shot dead two men in Bustan al-Qasr.", ["bustan-al-qasr"]),
    ("On 7 July, government troops seized the southern part of the Mallah farms and came within a kilometre of the "
     "Castello Road.", ["Mallah farms"]),
    ("On 3 October, the army advanced into Bustan al-Basha from the Kindi hospital area.", ["bustan-al-basha"]),
])
def test_which_place(g, text, places):
    assert sorted(e.place_id or e.location for e in run(g, text)) == places


def test_the_camp_is_the_camp_named_before(g):
    events = run(g, "Government troops captured the Handarat camp on 24 September. They lost the camp to Fatah Halab the "
                    "next day. They recaptured the camp on 29 September.")
    assert [(e.event_date.day, e.location) for e in events] == [(24, "Handarat camp"), (25, "Handarat camp"),
                                                                (29, "Handarat camp")]


# --- class 6: one incident, one event; non-events give nothing ------------------------------------
@pytest.mark.parametrize("text, sub", [
    ("On 3 October, the M10 hospital in al-Sakhour was hit by two barrel bombs and a missile.", AIR),
    ("On 3 October, an air raid with a parachute bomb hit al-Sakhour.", AIR),
    ("On 30 October, rebels fired shells containing chlorine at al-Hamdaniyah.", "Chemical weapon"),
    ("On 19 November, helicopters dropped chlorine-filled barrels on al-Sakhour.", "Chemical weapon"),
    ("On 28 October, suicide bombers drove vehicles packed with explosives into army positions in al-Hamdaniyah.",
     "Suicide bomb"),
    ("On 1 September, the army launched the counter-attack with a wave of air strikes on al-Amiriyah.", AIR),
])
def test_one_incident_one_event(g, text, sub):
    assert [e.sub_event_type for e in run(g, text)] == [sub]


@pytest.mark.parametrize("text", [
    "Funerals were held in al-Hamdaniyah on 29 November for the victims of rebel rocket fire.",
    "On 2 December, the civil defence held an awareness campaign about cluster bombs in al-Kallaseh.",
    "On 1 December, residents of al-Sakhour marked the anniversary of the air strike on the M10 hospital.",
    "On 4 December, the Red Crescent rescued 30 people from the rubble in al-Kallaseh.",
    "On 5 December, the army held a drill with artillery in al-Hamdaniyah.",
    "The Civil Defence held a training session for volunteers in al-Mashhad on 14 August.",
    "On 13 December, Russia and Turkey held talks on Aleppo; no agreement was reached.",
    "On 14 December, the first buses are expected to leave eastern Aleppo.",
])
def test_non_events_give_nothing(g, text):
    assert run(g, text) == []


# --- class 8: relative dates and their precision, through the whole report ------------------------
def test_relative_dates_in_an_account(g):
    text = ("On 11 August, the army recaptured the Air Force Technical College, but rebels stormed it again two days "
            "later.\nOver the following days, Russian and Syrian aircraft struck al-Sukkari.\n"
            "On 22 September the offensive began. The next day, barrel bombs fell on al-Ansari.")
    got = [(e.event_date, e.time_precision, e.sub_event_type, e.place_id or e.location) for e in run(g, text)]
    assert got == [(date(2016, 8, 11), 1, GRT, "Air Force Technical College"),
                   (date(2016, 8, 13), 1, NSO, "Air Force Technical College"),
                   (date(2016, 8, 13), 2, AIR, "sukkari"),
                   (date(2016, 9, 23), 1, AIR, "ansari")]


def test_a_list_takes_the_date_of_the_line_that_introduces_it(g):
    text = ("A Syrian government offensive on the east of Aleppo entered its second week on Monday, with these developments:\n"
            "* Ground forces captured the Kindi hospital area.\n"
            "* Rebels fired rockets at al-Hamdaniyah.")
    events = run(g, text, published=date(2016, 10, 4))
    assert [(e.event_date, e.actor1) for e in events] == [(date(2016, 10, 3), SYRIA), (date(2016, 10, 3), REBELS)]


@pytest.mark.parametrize("text, day, precision", [
    ("Late last month, a barrel bomb hit a bread queue in al-Marja.", date(2016, 11, 30), 3),
    ("In early November, jets struck al-Sakhour.", date(2016, 11, 30), 3),
    ("On Tuesday night, rebels shelled al-Hamdaniyah.", date(2016, 11, 29), 1),
])
def test_precision_is_recorded(g, text, day, precision):
    (e,) = run(g, text, published=date(2016, 12, 2))
    assert (e.event_date, e.time_precision) == (day, precision)


def test_notes_say_which_rule_coded_the_event(g):
    (e,) = run(g, "On 25 September, the Handarat camp was captured by Fatah Halab.")
    assert e.notes.startswith("On 25 September, the Handarat camp was captured by Fatah Halab.")
    assert '"captured" (capture)' in e.notes and "actor1 by agent" in e.notes and "date day_month" in e.notes


# --- every inflection: timelines are written in the present tense -----------------------------------
def test_a_timeline_in_the_present_tense(g):
    text = ("Timeline of the battle for Aleppo:\n"
            "- 28 November: Government forces take al-Sakhour and Haydariya; the YPG takes Sheikh Fares.\n"
            "- 7 December: The army enters the Old City after rebels withdraw.\n"
            "- 13 December: A ceasefire deal is reached; rebels agree to leave the city.\n"
            "- 22 December: The last buses leave al-Ramouseh.")
    got = [(e.event_date.day, e.sub_event_type, e.actor1, e.place_id) for e in run(g, text)]
    assert got == [(28, GRT, SYRIA, "sakhour"), (28, GRT, SYRIA, "haydariyeh"), (28, NSO, YPG, "sheikh-fares"),
                   (7, GRT, SYRIA, "old-city"), (13, "Agreement", REBELS, "aleppo"), (22, "Other", "", "ramouseh")]


@pytest.mark.parametrize("text, sub, actor1, place", [
    ("On 26 November, the Tiger Forces wrested control of Masakin Hanano from Fatah Halab.", GRT, SYRIA, "hanano"),
    ("On 27 November, Kurdish fighters made advances in Bustan al-Basha.", NSO, YPG, "bustan-al-basha"),
    ("On 1 August, the rebels managed to capture the Huweiz hill.", NSO, REBELS, "Huweiz"),
    ("On 23 October, regime shelling on Bustan al-Qasr killed 6 civilians.", SHELLING, SYRIA, "bustan-al-qasr"),
    ("On 4 August, rebel forces attacked the government-held Salaheddine district.", CLASH, REBELS, "salaheddine"),
    ("On 29 September, bunker-buster bombs rained down on al-Kallaseh.", AIR, "Allied Syrian and/or Russian Forces",
     "kallaseh"),
    ("On 17 December, militiamen from the NDF arrested 30 men in the Hanano district.",
     "Abduction/forced disappearance", "NDF: National Defence Forces", "hanano"),
])
def test_more_verbs_and_actors(g, text, sub, actor1, place):
    (e,) = run(g, text)
    assert (e.sub_event_type, e.actor1, e.place_id or e.location) == (sub, actor1, place)


def test_seized_then_retaken_is_two_events(g):
    events = run(g, "The Handarat camp was seized by government forces on 24 September, only to be retaken by "
                    "insurgents hours later.")
    assert sorted(e.actor1 for e in events) == [SYRIA, REBELS] and {e.place_id for e in events} == {"handarat"}


def test_an_unknown_building_in_a_known_district_is_placed_in_the_district(g):
    (e,) = run(g, "On 3 October, an air strike destroyed the M10 hospital in al-Sakhour, killing two patients.")
    assert (e.place_id, e.location) == ("sakhour", "al-Sakhour")


def test_listed_places_keep_their_own_precision(g):
    events = run(g, "On 12 July, government forces shelled the Old City and the al-Kallaseh district.")
    assert sorted((e.place_id, e.geo_precision) for e in events) == [("kallaseh", 1), ("old-city", 2)]


def test_the_district_named_in_the_sentence_before(g):
    text = ("Fighting around the Sheikh Maqsoud district has killed dozens since February, residents said. On 8 March, "
            "rebels fired rockets into the district's main market, killing five people.")
    (e,) = run(g, text, published=date(2016, 3, 10))
    assert (e.event_date, e.sub_event_type, e.place_id) == (date(2016, 3, 8), SHELLING, "sheikh-maqsoud")


def test_deaths_in_the_next_sentence_keep_the_day_for_the_next_line(g):
    text = ("Rebels attacked government positions near the Castello Road on Tuesday. At least 20 rebels were killed.\n"
            "Government artillery also pounded al-Shaar.")
    events = run(g, text, published=date(2016, 7, 20))
    assert [(e.event_date, e.place_id or e.location) for e in events][-1] == (date(2016, 7, 19), "shaar")


@pytest.mark.parametrize("text, want", [
    # "only for X to recapture it": a capture, then its reversal by X
    ("On 7 October, government troops captured the Sheikh Saeed hill, only for the Nusra Front to recapture it the "
     "same night.", [(GRT, SYRIA, "sheikh-saeed"), (NSO, "Jabhat Fateh al-Sham", "sheikh-saeed")]),
    # an agentless "was taken by" and "the district" of the sentence before
    ("Sheikh Saeed changed hands several times. The district was finally taken by the army on 12 December.",
     [(GRT, SYRIA, "sheikh-saeed")]),
    # "beaten back": a repelled attack, the attacker first
    ("On 7 August, rebels said they had beaten back two government counter-attacks on al-Amiriya.",
     [(CLASH, SYRIA, "amiriyeh")]),
    # killing civilians in their homes, not a capture of homes
    ("On 12 December, pro-government forces entered homes and killed 11 civilians in al-Fardous.",
     [("Attack", SYRIA, "fardous")]),
    # "hitting X and Y": the participle names the targets of the strikes on the wider area
    ("On 15 November, jets resumed heavy strikes on eastern Aleppo, hitting al-Sakhour and al-Shaar.",
     [(AIR, "Allied Syrian and/or Russian Forces", "sakhour"), (AIR, "Allied Syrian and/or Russian Forces", "shaar")]),
    # "which was captured ... together with X": the place before "which", and X
    ("The army pressed on in the east. On 4 December, fighting raged in al-Shaar, which was captured on 5 December "
     "together with Karm al-Qaterji.",
     [(CLASH, "", "shaar"), (GRT, "", "shaar"), (GRT, "", "karm-al-qaterji")]),
    # a name the gazetteer reports only after a cue, listed after a known place
    ("On 23 September, jets pounded the districts of Bustan al-Qasr, al-Kalaseh and al-Mashhad.",
     [(AIR, "Allied Syrian and/or Russian Forces", p) for p in ("bustan-al-qasr", "kallaseh", "ansari-mashhad")]),
    # the attempt's place is where the repelled attack was fought
    ("Rebel factions tried to retake Layramoun on 26 July, but their attack was repelled with heavy losses.",
     [(CLASH, REBELS, "layramoun")]),
])
def test_more_narrative_turns(g, text, want):
    got = [(e.sub_event_type, e.actor1 if want[0][1] else "", e.place_id) for e in run(g, text)]
    assert sorted(got) == sorted(want), summary(run(g, text))
