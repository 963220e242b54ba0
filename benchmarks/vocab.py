"""Fixed vocabularies for the generator: actors, sources, event-type mix, note templates.

Proportions are rough figures for Aleppo city in ACLED's 2012-2016 data (shelling and
air strikes dominate, then armed clashes); they only need to look like real data.
"""
from __future__ import annotations

# (event_type, sub_event_type, weight). Weights sum to ~100.
TYPE_MIX: tuple[tuple[str, str, float], ...] = (
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 30.0),
    ("Explosions/Remote violence", "Air/drone strike", 22.0),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", 2.0),
    ("Explosions/Remote violence", "Suicide bomb", 0.5),
    ("Explosions/Remote violence", "Chemical weapon", 0.3),
    ("Explosions/Remote violence", "Grenade", 0.2),
    ("Battles", "Armed clash", 31.0),
    ("Battles", "Government regains territory", 1.0),
    ("Battles", "Non-state actor overtakes territory", 1.0),
    ("Violence against civilians", "Attack", 5.0),
    ("Violence against civilians", "Abduction/forced disappearance", 1.0),
    ("Violence against civilians", "Sexual violence", 0.1),
    ("Protests", "Peaceful protest", 2.5),
    ("Protests", "Protest with intervention", 0.3),
    ("Protests", "Excessive force against protesters", 0.2),
    ("Riots", "Violent demonstration", 0.3),
    ("Riots", "Mob violence", 0.2),
    ("Strategic developments", "Looting/property destruction", 0.8),
    ("Strategic developments", "Arrests", 0.6),
    ("Strategic developments", "Non-violent transfer of territory", 0.3),
    ("Strategic developments", "Agreement", 0.2),
    ("Strategic developments", "Headquarters or base established", 0.2),
    ("Strategic developments", "Disrupted weapons use", 0.2),
    ("Strategic developments", "Change to group/activity", 0.1),
    ("Strategic developments", "Other", 0.1),
)

YEAR_WEIGHTS = {2012: 14, 2013: 20, 2014: 19, 2015: 20, 2016: 27}

# Real ACLED-style actor names for Syria (category in ACLED's inter codes).
STATE = (
    "Military Forces of Syria (2000-)", "Police Forces of Syria (2000-)",
    "Military Forces of Syria (2000-) Air Force", "Military Forces of Syria (2000-) Republican Guard",
    "Military Forces of Syria (2000-) 4th Armoured Division", "Military Forces of Syria (2000-) Tiger Forces",
    "Military Forces of Syria (2000-) Air Force Intelligence", "Military Forces of Syria (2000-) Military Intelligence",
)
EXTERNAL = (
    "Military Forces of Russia (2000-)", "Military Forces of Russia (2000-) Air Force",
    "Military Forces of Iran (1989-)", "Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps",
    "Military Forces of Turkey (2016-)", "Military Forces of the United States (2009-2017)",
)
MILITIA = (
    "NDF: National Defence Forces", "Hezbollah", "Liwa al Quds", "Harakat al Nujaba",
    "Liwa Fatemiyoun", "Liwa Zainebiyoun", "Kataib Hezbollah", "Baqir Brigade",
    "Shabiha Militia", "Popular Committees (Syria)", "YPG: Peoples Protection Units",
    "SDF: Syrian Democratic Forces", "Asayish", "Jaysh al Thuwar",
)
REBEL = (
    "Rebel Forces", "Opposition Rebels (Syria)", "Free Syrian Army", "Jabhat al Nusra",
    "Jabhat Fateh al Sham", "Hayat Tahrir al Sham", "Islamic State (Syria)", "Ahrar al Sham",
    "Harakat Nour al Din al Zenki", "Jaysh al Mujahideen", "Fastaqim Kama Umirt", "Al Jabha al Shamiya",
    "Liwa al Tawhid", "Jaish al Fateh", "Jaish al Islam", "Suqur al Sham", "Faylaq al Sham",
    "Jaish al Nasr", "Liwa Ahrar Souriya", "Kataib Abu Amara", "Turkistan Islamic Party",
    "Jund al Aqsa", "Liwa Suqur al Jabal", "Division 16", "Sultan Murad Division",
    "Fatah Halab", "Jaish Halab", "Harakat Hazm", "Kataib Thuwar al Sham", "Liwa Shuhada Badr",
)
CIVILIANS = ("Civilians (Syria)", "Civilians (International)", "Unidentified Armed Group (Syria)",
             "Protesters (Syria)", "Rioters (Syria)", "Journalists (Syria)", "Health Workers (Syria)")

_WORDS = ("Fajr", "Nasr", "Ansar", "Shuhada", "Tawhid", "Haq", "Furqan", "Sham", "Halab", "Islam",
          "Umma", "Ahrar", "Thuwar", "Mujahideen", "Salah al Din", "Omar", "Khalid ibn al Walid",
          "Hamza", "Badr", "Yarmouk", "Qadisiya", "Huda", "Jihad", "Ezz", "Karama", "Tahrir",
          "Shahba", "Asala", "Tanmiya", "Amjad", "Fursan", "Saif", "Ghuraba", "Hittin", "Abbas",
          "Muhajirin", "Sahaba", "Khilafa", "Rashidin", "Ayyubi")
_PREFIXES = ("Liwa al", "Kataib al", "Tajammu al", "Jabhat al", "Harakat al", "Firqat al")


def actors(n: int = 200) -> tuple[tuple[str, str], ...]:
    """``n`` distinct (actor, ACLED inter category) pairs: real names, then brigade-style ones."""
    out: list[tuple[str, str]] = [(a, "State forces") for a in STATE]
    out += [(a, "External/Other forces") for a in EXTERNAL]
    out += [(a, "Political militia" if "Forces" not in a else "Identity militia") for a in MILITIA]
    out += [(a, "Rebel group") for a in REBEL]
    out += [(a, "Civilians" if a.startswith(("Civ", "Jour", "Health")) else
             "Protesters" if a.startswith("Prot") else "Rioters" if a.startswith("Riot")
             else "Political militia") for a in CIVILIANS]
    i = 0
    while len(out) < n:
        w = _WORDS[i % len(_WORDS)]
        p = _PREFIXES[(i // len(_WORDS)) % len(_PREFIXES)]
        name = f"{p} {w}" if p.endswith("al") else f"{p} {w}"
        out.append((name, "Rebel group"))
        i += 1
    return tuple(out[:n])


SOURCES: tuple[tuple[str, str], ...] = (
    ("Syrian Observatory for Human Rights", "National"), ("SOHR", "National"),
    ("SANA", "National"), ("Aleppo Media Center", "Local partner-Other"),
    ("Step News Agency", "New media"), ("Smart News Agency", "New media"),
    ("Qasioun News Agency", "New media"), ("Shaam News Network", "New media"),
    ("Reuters", "International"), ("AFP", "International"), ("Al Masdar News", "National"),
    ("Syrian Network for Human Rights", "Other-National"), ("Local Coordination Committees", "Local partner-Other"),
    ("SOHR; Aleppo Media Center", "Other-National"), ("Enab Baladi", "National"),
)

# Note templates per sub-type ({d} date words, {p} place, {a1} {a2} actors, {f} fatalities text).
NOTES: dict[str, tuple[str, ...]] = {
    "Shelling/artillery/missile attack": (
        "On {d}, {a1} shelled the {p} neighbourhood of Aleppo city. {f}",
        "On {d}, mortar shells fired by {a1} hit {p} in Aleppo. {f}",
        "On {d}, {a1} fired rockets at {p}, Aleppo city. {f}",
    ),
    "Air/drone strike": (
        "On {d}, {a1} warplanes carried out air strikes on {p} in Aleppo city. {f}",
        "On {d}, barrel bombs dropped by {a1} helicopters hit {p}, Aleppo. {f}",
        "On {d}, suspected Russian or regime jets struck {p} in eastern Aleppo. {f}",
    ),
    "Armed clash": (
        "On {d}, clashes took place between {a1} and {a2} in {p}, Aleppo city. {f}",
        "On {d}, {a1} and {a2} fought on the {p} front in Aleppo. {f}",
    ),
    "Attack": ("On {d}, {a1} shot and killed a civilian in {p}, Aleppo. {f}",
               "On {d}, a sniper of {a1} targeted civilians in {p} (Aleppo). {f}"),
}
DEFAULT_NOTES = ("On {d}, {a1} was reported active in {p}, Aleppo city ({t}). {f}",
                 "On {d}, an event involving {a1} and {a2} was reported in {p}, Aleppo. {f}")
# A few notes contain characters that break naive HTML (report text is untrusted).
ODD_NOTES = ('Residents said "heavy" shelling <hit> the area & fires broke out.',
             "Activists' video shows <b>damage</b>; source: 'local' reports.")

# Places that are not in the gazetteer (villages near Aleppo, misspellings beyond repair).
UNRESOLVABLE = (
    "Maarat al-Numan", "Saraqib", "Jisr al-Shughur", "Khan Shaykhun", "Kafr Nabl", "Palmyra",
    "Deir ez-Zor", "Qamishli", "Douma", "Daraya", "Muadamiyat al-Sham", "Talbiseh", "Rastan",
    "Qaryat Xanbu", "Tall Shghib Zabr", "Wadi Barada", "Zabadani", "Qusayr", "Salamiyah", "Busra al-Harir",
)
# Not places at all: must never resolve (used in the gazetteer query mix).
NON_PLACES = (
    "Bashar al-Assad", "Ammar al-Selmo", "Nusra Front", "Nour al-Din al-Zenki", "Jaish al-Fatah",
    "Idlib", "Azaz", "al-Bab", "Manbij", "hospital", "the city", "Sheikh", "Bab", "Karm",
    "Syrian Observatory", "Russian jets", "Damascus", "Homs", "Raqqa", "the regime",
)

# Broad areas (precision 2) and the city (precision 3): spellings and a representative point.
AREAS: dict[str, tuple[int, tuple[float, float], tuple[str, ...]]] = {
    "eastern-aleppo": (2, (36.2050, 37.1850), ("eastern Aleppo", "east Aleppo", "rebel-held eastern Aleppo",
                       "Eastern Aleppo", "the eastern districts of Aleppo", "شرق حلب", "أحياء حلب الشرقية")),
    "western-aleppo": (2, (36.2080, 37.1250), ("western Aleppo", "west Aleppo", "government-held western Aleppo",
                       "Western Aleppo", "غرب حلب")),
    "old-city": (2, (36.1990, 37.1580), ("the Old City", "Old City of Aleppo", "Aleppo Old City",
                 "old city", "حلب القديمة")),
    "southern-aleppo": (2, (36.1700, 37.1500), ("southern Aleppo", "south of Aleppo", "the south of Aleppo",
                        "جنوب حلب")),
    "aleppo": (3, (36.2021, 37.1343), ("Aleppo", "Aleppo city", "Aleppo City", "Halab", "Alep",
               "حلب", "مدينة حلب")),
}
