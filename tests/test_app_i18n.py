"""The app in Arabic (AppTest, lang=ar in the link): every label Arabic, the language kept in the
link and across reruns, the switch in the sidebar, Arabic-Indic digits on request, Arabic CSV."""
from __future__ import annotations

import re

import pytest

from dashboard.i18n import t
from tests.test_app import app_env, new_app, plain, qp, run  # noqa: F401 - fixture

# Latin text allowed in the Arabic interface: proper names with no Arabic form, formats, data values.
ALLOWED = (
    "Columbia University Center for Spatial Research", "Conflict Urbanism: Aleppo", "UNITAR-UNOSAT", "MIT",
    "OpenStreetMap", "tile.openstreetmap.org", "Chromium", "Leaflet", "ACLED", "CSV", "HTML", "PNG", "Excel",
    "JSON", "GeoJSON", "YYYY-MM-DD", "SOHR", "Reuters",
    "English",  # the language switch names each language in its own language
)
# Options that are data values: actor, source and place names as written, gazetteer ids.
DATA_OPTIONS = {"f_actors", "f_sources", "u_name", "u_place"}


def _no_arabic_form() -> tuple[str, ...]:
    """Gazetteer places with no Arabic name: shown as they are (longest first)."""
    import gazetteer

    names = {p.name for p in gazetteer.load().places.values() if not p.name_ar}
    return tuple(sorted(names, key=len, reverse=True))
LATIN = re.compile(r"[A-Za-z]{2,}")
TABS = ("Map", "Timeline & top", "Events table", "Unresolved places", "Upload", "Share")


@__import__("functools").lru_cache(maxsize=1)
def _allowed() -> tuple[str, ...]:
    return tuple(sorted(ALLOWED + _no_arabic_form(), key=len, reverse=True))


def latin_left(text: str) -> list[str]:
    """Latin words in ``text`` once the allowed names are taken out."""
    for name in _allowed():
        text = text.replace(name, " ")
    text = re.sub(r"[^\s(]*\.(txt|md|html|csv|xlsx|json|png)\b", " ", text)  # file names and endings
    return LATIN.findall(text)


def shown_texts(at) -> list[str]:
    """Every label, caption, message, placeholder and help text on the page (not table cells)."""
    out: list[str] = []
    kinds = ("markdown", "caption", "title", "info", "success", "warning", "error", "subheader", "header")
    for kind in kinds:
        out += [plain(str(e.value)) for e in at.get(kind)]
    for kind in ("button", "download_button", "checkbox", "toggle", "radio", "selectbox", "multiselect",
                 "text_input", "number_input", "date_input", "metric", "segmented_control", "file_uploader"):
        for e in at.get(kind):
            proto = getattr(e, "proto", None)
            out += [str(getattr(e, "label", "") or "")]
            out += [str(getattr(proto, name, "") or "") for name in ("placeholder", "help") if proto is not None]
            if kind in ("radio", "selectbox", "multiselect", "segmented_control") and proto is not None \
                    and getattr(e, "key", None) not in DATA_OPTIONS:
                out += [str(getattr(o, "content", o)) for o in getattr(proto, "options", [])]
    out += [str(e.label) for e in at.get("tab")]
    return [x for x in out if x.strip() and not x.lstrip().startswith("<style>")]  # (our CSS is no text)


def english_left(at) -> list[str]:
    return [f"{text[:80]!r}: {words}" for text in shown_texts(at) if (words := latin_left(text))]


def open_tab(at, name: str):
    at.session_state["tab"] = t(name, "ar")
    return run(at)


def test_the_arabic_link_opens_an_arabic_page_and_keeps_the_language(app_env):
    at = run(new_app({"lang": "ar"}))
    assert at.title[0].value == "أحداث النزاع في حلب"
    assert {m.label for m in at.metric} >= {"الأحداث", "القتلى", "مواقع الأضرار"}
    assert [x.label for x in at.get("tab")] == [t(name, "ar") for name in TABS]
    assert at.multiselect(key="f_types").label == "نوع الحدث"
    assert qp(at).get("lang") == ["ar"]
    left = english_left(at)
    assert not left, "English left in the Arabic interface:\n" + "\n".join(left)
    at.multiselect(key="f_types").set_value(["Battles"])
    run(at)  # a rerun keeps the language, and the link keeps it next to the filter
    assert qp(at).get("lang") == ["ar"] and qp(at).get("type") == ["Battles"]
    assert at.title[0].value == "أحداث النزاع في حلب"
    assert any("النوع: معارك" in plain(c.value) for c in at.caption)  # the filter in words, in Arabic


@pytest.mark.parametrize("tab", TABS[1:])
def test_every_tab_is_arabic(app_env, tab):
    at = open_tab(run(new_app({"lang": "ar"})), tab)
    left = english_left(at)
    assert not left, f"English left in the {tab} tab:\n" + "\n".join(left)


def test_the_sidebar_switch_changes_the_language_and_keeps_the_open_tab(app_env):
    at = run(new_app())
    at.session_state["tab"] = "Share"
    run(at)
    assert at.text_input(key="share_title").value == "Reported conflict events in Aleppo"
    at.radio(key="lang").set_value("ar")
    run(at)
    assert qp(at).get("lang") == ["ar"]
    assert at.session_state["tab"] == t("Share", "ar")
    assert at.text_input(key="share_title").value == "أحداث النزاع المبلّغ عنها في حلب"  # the default title follows
    assert at.subheader[0].value == "عوامل التصفية"
    at.radio(key="lang").set_value("en")
    run(at)
    assert "lang" not in qp(at) and at.session_state["tab"] == "Share"
    assert at.subheader[0].value == "Filters"


def test_event_types_are_shown_in_arabic_but_stored_in_english(app_env):
    at = run(new_app({"lang": "ar"}))
    ms = at.multiselect(key="f_types")
    assert "معارك" in ms.proto.options and "Battles" not in ms.proto.options
    ms.set_value(["Battles"])
    run(at)
    assert at.session_state["f_types"] == ["Battles"]


def test_arabic_indic_digits_on_request(app_env):
    at = run(new_app({"lang": "ar"}))
    assert {m.label: m.value for m in at.metric}["الأحداث"] == "6"
    at.toggle(key="digits_ar").set_value(True)
    run(at)
    values = {m.label: m.value for m in at.metric}
    assert values["الأحداث"] == "٦" and values["القتلى"] == "١٨"


def test_the_arabic_events_table(app_env):
    at = open_tab(run(new_app({"lang": "ar"})), "Events table")
    shown = at.dataframe[0].value
    assert "تاريخ الحدث" in shown.columns and "نوع الحدث" in shown.columns and "event_date" not in shown.columns
    assert "معارك" in set(shown["نوع الحدث"])
    data = next(b for b in at.get("download_button") if "CSV" in b.label)
    assert data.label == "تنزيل هذه الأحداث (CSV)"


def test_link_notices_follow_the_language(app_env):
    at = run(new_app({"lang": "ar", "zoom": "99", "type": "Nope"}))
    warnings = [plain(w.value) for w in at.warning]
    assert "تم تجاهل معامل الرابط 'zoom' = '99': مستوى التكبير من 1 إلى 20." in warnings
    assert "تم تجاهل معامل الرابط 'type' = 'Nope': ليس من أنواع الأحداث في ACLED." in warnings
    at.radio(key="lang").set_value("en")
    run(at)
    assert "Ignored link parameter 'zoom' = '99': zoom is 1 to 20." in [plain(w.value) for w in at.warning]


def test_reviewing_a_report_in_arabic(app_env):
    at = open_tab(run(new_app({"lang": "ar"})), "Upload")
    text = "Government forces clashed with rebels in Khan Tuman on Friday, activists said.".encode()
    at.file_uploader(key="u_file").set_value(("2016-10-07.txt", text, "text/plain"))
    at.run()
    next(b for b in at.button if b.label == t("Find events", "ar")).click()
    run(at)
    review = next(e for e in at.dataframe if "sentence" in e.value.columns).value
    assert list(review["event_type"]) == [t("Battles", "ar")]  # the type as the reader sees it
    left = english_left(at)
    assert not left, "English left while reviewing:\n" + "\n".join(left)
    next(b for b in at.button if b.label == t("Store {n} kept events", "ar", n=1)).click()
    run(at)
    assert {m.label: m.value for m in at.metric}["الأحداث"] == "7"
    from dashboard.filters import ViewState
    from dashboard.store import EventStore

    stored = EventStore().query(ViewState())  # the stored event keeps ACLED's English type
    assert "Battles" in set(stored["event_type"]) and t("Battles", "ar") not in set(stored["event_type"])
