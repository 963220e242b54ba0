"""Unit tests of the extraction rules, with a small in-memory gazetteer of the real one's shape."""
from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from datetime import date

import pytest
from click.testing import CliRunner

from dashboard.cli import main
from dashboard.errors import ExtractError
from dashboard.extract import extract_events, read_report, read_report_meta
from dashboard.extract.actors import load_actors
from dashboard.extract.dates import find_dates
from dashboard.extract.fatalities import find_fatalities
from dashboard.extract.sentences import split_sentences

P = date(2016, 10, 7)  # a Friday


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    name_ar: str
    kind: str
    precision: int
    lat: float
    lon: float
    district: str | None


@dataclass(frozen=True)
class Match:
    place: Place
    kind: str = "exact"
    score: float = 100.0
    query: str = ""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str
    match: Match


class FakeGazetteer:
    """find_places/resolve over a handful of places (names → Place)."""

    def __init__(self) -> None:
        rows = [
            ("sakhour", "Sakhour", "الصاخور", "neighbourhood", 1, 36.217, 37.189, "as-Sakhour", ["Sakhour", "الصاخور"]),
            ("sheikh-saeed", "Sheikh Saeed", "شيخ سعيد", "neighbourhood", 1, 36.16, 37.17, "Sheikh Sa'eed", ["Sheikh Saeed"]),
            ("ramouseh", "Ramouseh", "الراموسة", "neighbourhood", 1, 36.166, 37.16, "Ramouseh", ["Ramousah", "Ramouseh"]),
            ("bustan-al-qasr", "Bustan al-Qasr", "بستان القصر", "neighbourhood", 1, 36.195, 37.145, "Bustan al-Qaser", ["Bustan al-Qasr"]),
            ("midan", "Midan", "الميدان", "neighbourhood", 1, 36.215, 37.16, "al-Midan", ["Midan"]),
            ("haydariyeh", "Haydariyeh", "الحيدرية", "neighbourhood", 1, 36.23, 37.18, "al-Haydariyeh", ["Haydariyeh"]),
            ("aleppo", "Aleppo", "حلب", "city", 3, 36.2, 37.15, None, ["Aleppo", "حلب"]),
            ("eastern-aleppo", "eastern Aleppo", "", "area", 2, 36.2, 37.18, None, ["eastern Aleppo"]),
            ("western-aleppo", "western Aleppo", "", "area", 2, 36.2, 37.12, None, ["western Aleppo"]),
            ("southern-aleppo", "southern Aleppo", "", "area", 2, 36.17, 37.15, None, ["southern Aleppo"]),
        ]
        self.names: dict[str, Place] = {}
        for pid, name, ar, kind, prec, lat, lon, district, names in rows:
            place = Place(pid, name, ar, kind, prec, lat, lon, district)
            for n in names:
                self.names[n.lower()] = place
        alts = sorted(self.names, key=len, reverse=True)
        self._rx = re.compile("|".join(rf"(?<![\w]){re.escape(n)}(?![\w])" for n in alts), re.IGNORECASE)

    def resolve(self, name: str):
        place = self.names.get(name.strip().lower())
        return Match(place, query=name) if place else None

    def find_places(self, text: str):
        return [Span(m.start(), m.end(), m.group(0), Match(self.names[m.group(0).lower()]))
                for m in self._rx.finditer(text)]


@pytest.fixture(scope="module")
def g():
    return FakeGazetteer()


def ev(text, g, published=P, **kw):
    return extract_events(text, published=published, gazetteer=g, **kw)


@pytest.mark.parametrize("text,day,precision", [
    ("clashes on Friday", date(2016, 10, 7), 1),
    ("clashes on Thursday", date(2016, 10, 6), 1),
    ("clashes on Saturday", date(2016, 10, 1), 1),
    ("last night air strikes", date(2016, 10, 6), 1),
    ("yesterday", date(2016, 10, 6), 1),
    ("over the past 24 hours", date(2016, 10, 7), 1),
    ("earlier this week", date(2016, 10, 7), 2),
    ("last week", date(2016, 9, 30), 2),
    ("on October 3", date(2016, 10, 3), 1),
    ("on 3 October 2015", date(2015, 10, 3), 1),
    ("on December 12", date(2015, 12, 12), 1),  # a December before an October publication
    ("in September", date(2016, 9, 30), 3),
    ("31/5/2016", date(2016, 5, 31), 1),
    ("٣١/٥/٢٠١٦", date(2016, 5, 31), 1),
    ("يوم الخميس", date(2016, 10, 6), 1),
    ("ليلة أمس", date(2016, 10, 6), 1),
    ("3 تشرين الأول", date(2016, 10, 3), 1),
])
def test_dates(text, day, precision):
    found = find_dates(text, P)
    assert found and (found[0].value, found[0].precision) == (day, precision)


@pytest.mark.parametrize("text,n", [
    ("rebel shelling killed four people and wounded many more", 4),
    ("20 people were killed and 100 people were wounded", 20),
    ("air strikes killed at least 25 people, including three children", 25),
    ("several civilians were killed", 3),
    ("dozens of people were killed", 12),
    ("hundreds were killed", 100),
    ("a dozen fighters were killed", 12),
    ("killing twenty-five civilians", 25),
    ("a child was killed by sniper fire", 1),
    ("the death toll rose to 32", 32),
    ("an air strike that killed 5 people", 5),
    ("مقتل 7 أشخاص", 7),
    ("مما أدى لمقتل طفلين", 2),  # the Arabic dual
    ("استشهاد امرأتين وإصابة آخرين", 2),
    ("إصابة مدنيين اثنين", None),  # wounded, not killed
    ("a number of air strikes hit Sakhour", None),
    ("the army captured several positions", None),
    ("wounding 30 people", None),
    ("more than 250,000 people are trapped", None),
])
def test_fatalities(text, n):
    assert find_fatalities(text) == n


@pytest.mark.parametrize("text,names", [
    ("the Syrian army clashed with rebels", ["Military Forces of Syria (2000-)", "Opposition Rebels (Syria)"]),
    ("rebel-held eastern Aleppo", []),
    ("districts held by the rebels", []),
    ("A Syrian military source said", []),
    ("Syrian state TV reported", []),
    ("Russian warplanes and Islamic State and YPG fighters", ["Military Forces of Russia (2000-)",
                                                             "Islamic State (Syria)", "YPG: People's Protection Units"]),
    ("this is it", []),  # "is" is not IS
    ("Nusra Front", ["Jabhat Fateh al-Sham"]),
    ("بقصف لقوات النظام والفصائل", ["Military Forces of Syria (2000-)", "Opposition Rebels (Syria)"]),
    ("الأحياء الخاضعة لسيطرة المعارضة", []),
])
def test_actor_forms(text, names):
    assert [m.actor.name for m in load_actors().find(text)] == names


def test_user_actor_file_csv_and_json(tmp_path, g):
    csv_file = tmp_path / "actors.csv"
    csv_file.write_text("form,name,side\nTiger Squad,Tiger Squad (Syria),government\nLocal Radio,source\n", encoding="utf-8")
    d = load_actors(csv_file)
    assert [m.actor.name for m in d.find("the Tiger Squad and Local Radio")] == ["Tiger Squad (Syria)"]
    js = tmp_path / "actors.json"
    js.write_text(json.dumps({"actors": [{"name": "Military Forces of Syria (2000-)", "forms": ["the Tigers"]}]}))
    events = ev("The Tigers clashed with rebels in Sakhour on Friday.", g, actors_file=js)
    assert events[0].actor1 == "Military Forces of Syria (2000-)"
    bad = tmp_path / "bad.csv"
    bad.write_text("only-one-column\n")
    with pytest.raises(ExtractError):
        load_actors(bad)


def test_sentences_quotes_and_abbreviations():
    text = ("The U.N. said on Friday that talks failed. “Today there’s no bombardment. We don’t know,” he said.\n"
            "Air strikes hit Sakhour؟ وقصف مدفعي على حي الصاخور.")
    got = [(s.text, s.quoted, s.line) for s in split_sentences(text)]
    assert got[0] == ("The U.N. said on Friday that talks failed.", False, 1)
    assert got[1][1] and got[2][1]  # inside the quotation
    assert [s[2] for s in got[3:]] == [2, 2]


@pytest.mark.parametrize("text,place,precision", [
    ("Rebels fired mortars from Bustan al-Qasr at the government-held Midan district on Friday.", "midan", 1),
    ("Clashes erupted near Ramousah on Friday.", "ramouseh", 2),
    ("The fighting on Friday was in Sheikh Saeed, next to Ramousah.", "sheikh-saeed", 1),
    ("Air strikes on Friday hit eastern Aleppo.", "eastern-aleppo", 2),
    ("Air strikes on Friday hit the south of Aleppo.", "southern-aleppo", 2),
    ("Shelling hit the city on Friday, killing three people in Aleppo.", "aleppo", 3),
])
def test_event_location_not_context(g, text, place, precision):
    events = ev(text, g)
    assert [(e.place_id, e.geo_precision) for e in events] == [(place, precision)]


def test_several_places_give_one_event_each_and_split_fatalities(g):
    events = ev("Air strikes on Friday hit Sakhour and Haydariyeh, killing 5 people.", g)
    assert sorted(e.place_id for e in events) == ["haydariyeh", "sakhour"]
    assert sum(e.fatalities for e in events) == 5


def test_no_place_no_event_and_quotes_need_a_place(g):
    assert ev("Last night, the regime attacked yet another hospital and 20 people were killed.", g) == []
    assert ev("Aleppo residents fled.\n“Air strikes hit the city today,” a resident said.", g) == []
    assert ev("Aleppo residents fled.\nAir strikes hit the city today, a resident said.", g)[0].geo_precision == 3
    assert ev("Air strikes hit the city today, a resident said.", g) == []  # which city?


def test_merge_one_event_per_place_day_type_actors(g):
    text = ("Air strikes hit Sakhour on Friday, killing 3 people.\n"
            "Russian warplanes struck Sakhour again on Friday.\n"
            "Air strikes hit Sakhour on Thursday.")
    events = ev(text, g)
    assert [(e.event_date.day, e.fatalities, e.origin_line) for e in events] == [(7, 3, 1), (6, None, 3)]
    assert "Russian warplanes struck Sakhour again" in events[0].notes
    assert events[0].actor1 == "Military Forces of Russia (2000-)"


def test_relative_date_carries_to_next_sentence(g):
    events = ev("Rebels clashed with the army in Midan on Wednesday. Later, shelling hit Sakhour.", g)
    assert {e.place_id: e.event_date for e in events} == {"midan": date(2016, 10, 5), "sakhour": date(2016, 10, 5)}


def test_capture_sub_types(g):
    gov = ev("The army captured Sakhour on Friday.", g)[0]
    reb = ev("Rebels captured Midan on Friday.", g)[0]
    disputed = ev("The army captured Sakhour on Friday, but rebels said the gains had been reversed.", g)[0]
    assert gov.sub_event_type == "Government regains territory"
    assert reb.sub_event_type == "Non-state actor overtakes territory"
    assert disputed.sub_event_type == "Armed clash"


def test_html_report_strips_scripts_and_reads_meta_date():
    html = ("<html><head><meta property='article:published_time' content='2016-10-07T10:00:00Z'>"
            "<title>Aleppo</title><script>alert('Air strikes hit Sakhour')</script></head><body>"
            "<p>Air strikes hit <b>Sakhour</b> on Friday.</p><style>p{}</style><p>Second &amp; last.</p></body></html>")
    report = read_report_meta(io.BytesIO(html.encode()), "r.html")
    assert report.text == "Air strikes hit Sakhour on Friday.\nSecond & last."
    assert report.published == date(2016, 10, 7) and report.title == "Aleppo"


def test_markdown_and_unknown_suffix():
    md = "# Aleppo\n\n**Air strikes** hit [Sakhour](http://x) on Friday.\n"
    assert read_report(io.StringIO(md), "r.md") == "Aleppo\n\nAir strikes hit Sakhour on Friday.\n"
    with pytest.raises(ExtractError):
        read_report(io.StringIO("x"), "r.pdf")


def test_cli_prints_json_lines_and_requires_a_date(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text("غارات جوية على حي العامرية 31/5/2016\n", encoding="utf-8")
    runner = CliRunner()
    missing = runner.invoke(main, ["extract", str(f)])
    assert missing.exit_code == 2 and "--published" in missing.output
    invalid = runner.invoke(main, ["extract", str(f), "--published", "2016-31-05"])
    assert invalid.exit_code == 2
    ok = runner.invoke(main, ["extract", str(f), "--published", "2016-06-01", "--source", "Civil Defence"])
    assert ok.exit_code == 0, ok.output
    rows = [json.loads(line) for line in ok.output.splitlines()]
    assert rows[0]["event_date"] == "2016-05-31" and rows[0]["source"] == "Civil Defence"
    assert "العامرية" in ok.output  # not \\u-escaped


def test_cli_uses_html_meta_date(tmp_path):
    f = tmp_path / "r.html"
    f.write_text("<meta name='date' content='2016-10-07'><p>The army clashed with rebels in Sheikh Saeed on Thursday.</p>")
    ok = CliRunner().invoke(main, ["extract", str(f)])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.stdout.splitlines()[0])["event_date"] == "2016-10-06"
    assert "taken from the page's publication metadata" in ok.stderr


def test_missing_published_is_an_error(g):
    with pytest.raises(ExtractError):
        extract_events("Air strikes hit Sakhour.", published=None, gazetteer=g)  # type: ignore[arg-type]


def test_enumerated_places_after_commas(g):
    events = ev("Air strikes on Friday hit the Sakhour, Midan and Haydariyeh districts, activists said.", g)
    assert [e.place_id for e in events] == ["sakhour", "midan", "haydariyeh"]


def test_backing_actor_is_associate_not_agent(g):
    e = ev("Government forces backed by Russian warplanes retook Sakhour on Friday.", g)[0]
    assert (e.actor1, e.assoc_actor_1) == ("Military Forces of Syria (2000-)", "Military Forces of Russia (2000-)")


def test_capture_after_fighting_is_one_event(g):
    events = ev("سيطرت قوات النظام على حي الصاخور بعد اشتباكات مع الفصائل", g)
    assert [e.sub_event_type for e in events] == ["Government regains territory"]


def test_relative_to_the_city_is_outside_it(g):
    assert ev("Islamic State militants seized a village north of Aleppo on Monday.", g) == []


# --- deaths reported in the sentence after the event -------------------------------------------
@pytest.mark.parametrize("follow_up, expected, victims", [
    ("At least 20 people were killed, the civil defence said.", 20, "Civilians (Syria)"),
    ("Seven civilians died in the attack, activists said.", 7, "Civilians (Syria)"),
    ("Dozens were killed in the strikes on Sakhour.", 12, ""),  # the same place again; victims unsaid
    ("No one was killed, the civil defence said.", None, ""),  # no death figure
    ("Three people were killed in Midan.", None, ""),  # another place: not this event's toll
    ("The war has killed more than 300,000 people since 2011.", None, ""),  # a trend
    ("Shelling killed two people in Midan.", None, ""),  # an event of its own
    ("If the bombing continues, hundreds could be killed.", None, ""),  # hypothetical
])
def test_deaths_in_the_next_sentence_join_the_event(g, follow_up, expected, victims):
    events = ev(f"A barrel bomb hit a market in Sakhour on Sunday. {follow_up}", g)
    e = next(x for x in events if x.place_id == "sakhour")
    assert e.fatalities == expected and e.actor2 == victims
    if expected is not None:
        assert follow_up in e.notes and "barrel bomb" in e.notes


def test_deaths_in_the_next_sentence_never_replace_a_toll(g):
    e = ev("Air strikes killed five people in Sakhour on Monday. Twelve people were killed, a monitor said.", g)[0]
    assert e.fatalities == 5


def test_deaths_in_the_next_sentence_split_over_the_places(g):
    events = ev("Air strikes hit Sakhour and Midan on Friday. Nine people were killed, activists said.", g)
    assert sorted(e.fatalities for e in events) == [4, 5] and sum(e.fatalities for e in events) == 9


def test_arabic_place_then_a_verb_of_consequence(g):
    e = ev("غارات جوية على حي الصاخور أدت إلى مقتل 8 مدنيين يوم الأحد", g)[0]
    assert (e.place_id, e.fatalities, e.actor2, e.event_date) == ("sakhour", 8, "Civilians (Syria)", date(2016, 10, 2))
    e = ev("استهدفت الفصائل بقذائف الهاون حي الصاخور مما أدى لمقتل طفلين", g)[0]
    assert (e.place_id, e.fatalities, e.actor2) == ("sakhour", 2, "Civilians (Syria)")


@pytest.mark.parametrize("text, expected", [
    ("Insurgents launched an attack on the Air Force Intelligence building in Sakhour on Friday.",
     [("Battles", "Armed clash", "Opposition Rebels (Syria)", "Military Forces of Syria (2000-)")]),
    ("Militants attacked a school in Sakhour on Friday.", []),  # one armed side, no state target: not coded
])
def test_attack_on_a_state_site_is_a_battle_with_its_forces(g, text, expected):
    assert [(e.event_type, e.sub_event_type, e.actor1, e.actor2) for e in ev(text, g)] == expected


# --- audit cases: who did what, trends, leads, deaths, captures, killings ---------------------------
@pytest.mark.parametrize("text, expected", [
    # victims are the target, never the one who acted
    ("A car bomb exploded in Sakhour on Friday, killing four soldiers.",
     [("Remote explosive/landmine/IED", "Unidentified Armed Group (Syria)", "Military Forces of Syria (2000-)", "sakhour", 4)]),
    # who speaks is the source
    ("The opposition said that government forces shelled Sakhour on Friday.",
     [("Shelling/artillery/missile attack", "Military Forces of Syria (2000-)", "", "sakhour", None)]),
    # where the fire came from is context, even as "rebel positions in X"
    ("Rockets fired from rebel positions in Sakhour hit the Midan district on Friday, killing three people.",
     [("Shelling/artillery/missile attack", "Opposition Rebels (Syria)", "Civilians (Syria)", "midan", 3)]),
    # barrel bombs: Syrian helicopters
    ("A barrel bomb hit Sakhour on Friday.", [("Air/drone strike", "Military Forces of Syria (2000-)", "", "sakhour", None)]),
    # running totals, habits and history are not events
    ("Air raids on Sakhour have killed more than 300 people since the government launched its offensive.", []),
    ("In 2012, rebels seized much of Sakhour.", []),
    ("Since the summer of 2012 rebels have held Sakhour, where fighting is frequent.", []),
    # death figures in other words
    ("A sniper shot dead a woman in Sakhour on Friday.",
     [("Attack", "Unidentified Armed Group (Syria)", "Civilians (Syria)", "sakhour", 1)]),
    ("The number of people killed in the shelling of Sakhour on Friday rose to 11.",
     [("Shelling/artillery/missile attack", "Unidentified Armed Group (Syria)", "Civilians (Syria)", "sakhour", 11)]),
    # captures and pushes
    ("The army and its allies took Sakhour after heavy fighting on Friday.",
     [("Government regains territory", "Military Forces of Syria (2000-)", "", "sakhour", None)]),
    ("Syrian troops pushed into Sakhour on Friday.",
     [("Armed clash", "Military Forces of Syria (2000-)", "", "sakhour", None)]),
    # killings with no weapon word, by a named armed actor
    ("Gunmen killed a doctor in Sakhour on Friday.",
     [("Attack", "Unidentified Armed Group (Syria)", "Civilians (Syria)", "sakhour", 1)]),
    ("Gunmen killed three soldiers in Sakhour on Friday.",
     [("Armed clash", "Unidentified Armed Group (Syria)", "Military Forces of Syria (2000-)", "sakhour", 3)]),
    ("Four of its volunteers were killed in Sakhour on Friday.", []),  # nobody named: not codable
])
def test_coder_rules(g, text, expected):
    got = [(e.sub_event_type, e.actor1, e.actor2, e.place_id, e.fatalities) for e in ev(text, g, published=date(2016, 11, 28))]
    assert got == expected


def test_a_vague_or_other_paragraph_date_does_not_carry(g):
    text = ("Air strikes hit Sakhour earlier this week, activists said. Rebel shelling killed three people in Midan.\n\n"
            "Clashes erupted in Haydariyeh on Sunday.\n\nRebels shelled houses in Ramousah.")
    by_place = {e.place_id: e for e in ev(text, g, published=date(2016, 11, 28))}
    assert by_place["midan"].event_date == date(2016, 11, 28) and by_place["midan"].time_precision == 1
    assert by_place["ramouseh"].event_date == date(2016, 11, 28)


def test_a_city_wide_toll_next_to_the_same_events_toll_is_one_event_with_the_lower_figure(g):
    text = ("Rebel shelling of western Aleppo killed four people on Friday. "
            "The Observatory said rebel shelling had killed 15 people in Aleppo on Friday.")
    events = ev(text, g)
    assert [(e.place_id, e.fatalities) for e in events] == [("western-aleppo", 4)]
    alone = ev("Rebel shelling killed 15 people in Aleppo on Friday.", g)
    assert [(e.place_id, e.geo_precision, e.fatalities) for e in alone] == [("aleppo", 3, 15)]
