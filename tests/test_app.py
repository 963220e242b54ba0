"""AppTest runs of app.py over a temp SQLite store with six known events (tests/app_server.py)."""
from __future__ import annotations

import re
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from tests.app_server import APP, district_of, make_db
from tests.seeds import SEED_REPORT

ALL = (6, 18)


@pytest.fixture()
def app_env(tmp_path, monkeypatch):
    url = make_db(tmp_path / "events.sqlite")
    monkeypatch.setenv("ALEPPO_DB", url)
    monkeypatch.setenv("ALEPPO_ALIASES", str(tmp_path / "aliases.csv"))
    return tmp_path


def new_app(params: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=90)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    return at


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def counts(at: AppTest) -> tuple[int, int]:
    m = {x.label: int(str(x.value).replace(",", "")) for x in at.main.metric if x.label in ('Events', 'Fatalities')}
    return m["Events"], m["Fatalities"]


def qp(at: AppTest) -> dict[str, list[str]]:
    """The app's query parameters, every value as a list."""
    return {k: list(v) if isinstance(v, (list, tuple)) else [v] for k, v in at.query_params.items()}


def plain(markdown: str) -> str:
    """Markdown with backslash escapes removed (what the reader sees)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def map_script(at: AppTest) -> str:
    """The st_folium component's arguments (the map script lives in there)."""
    elems = [e for e in at.main if type(e).__name__ == "UnknownElement"]
    args = [e.proto.component_instance.json_args for e in elems if hasattr(e.proto, "component_instance")]
    args = args or [str(e.proto) for e in elems]
    assert args, "no map component on the page"
    return "\n".join(args)


def test_opens_on_all_events_with_map_and_attribution(app_env):
    at = run(new_app())
    assert counts(at) == ALL
    script = map_script(at)
    assert "Clashes near the old city." in script and "Shells fell on as-Salheen." in script  # points
    assert district_of("Sheikh Maqsoud") in script  # a district polygon without events
    assert "Shops looted." not in script  # the unresolved event has no place on the map
    assert any("1 filtered event has no map location" in plain(c.value) for c in at.caption)
    captions = " ".join(c.value for c in at.caption)
    assert "Conflict Urbanism" in captions and "UNITAR" in captions
    assert qp(at) == {}


def test_date_filter_changes_counts_and_map(app_env):
    at = run(new_app())
    before = map_script(at)
    at.selectbox(key="f_range").set_value("A calendar year")
    run(at)
    at.selectbox(key="f_year").set_value(2014)
    run(at)
    assert counts(at) == (1, 10)
    after = map_script(at)
    assert after != before
    assert "Clashes near the old city" in before and "Clashes near the old city" not in after
    assert qp(at)["from"] == ["2014-01-01"] and qp(at)["to"] == ["2014-12-31"]


@pytest.mark.parametrize("key, kind, value, expected", [
    ("f_actors", "multiselect", ["Military Forces of Syria"], (3, 17)),
    ("f_actors", "multiselect", ["Civilians (Syria)"], (2, 11)),  # actor2 side
    ("f_types", "multiselect", ["Battles"], (2, 7)),
    ("f_subtypes", "multiselect", ["Attack"], (1, 1)),
    ("f_districts", "multiselect", ["as-Salheen"], (2, 1)),  # spelled as written; canonical below
    ("f_precisions", "multiselect", [3], (1, 5)),
    ("f_minfat", "number_input", 5, (2, 15)),
    ("f_text", "text_input", "shells", (1, 0)),
    ("f_text", "text_input", "100%_", (0, 0)),  # LIKE wildcards are literal
    ("f_sources", "multiselect", ["Reuters"], (3, 15)),
])
def test_every_filter(app_env, key, kind, value, expected):
    if key == "f_districts":
        value = [district_of(v) for v in value]
    at = run(new_app())
    getattr(at, kind)(key=key).set_value(value)
    run(at)
    assert counts(at) == expected
    assert at.query_params, "the link must follow the filter"


@pytest.mark.parametrize("choice, custom, expected", [
    ("Last 30 days of data", None, (3, 6)),
    ("Last 12 months of data", None, (3, 6)),
    ("Custom range", (date(2014, 1, 1), date(2015, 12, 31)), (2, 10)),
    ("All dates", None, ALL),
])
def test_quick_ranges(app_env, choice, custom, expected):
    at = run(new_app())
    at.selectbox(key="f_range").set_value(choice)
    run(at)
    if custom:
        at.date_input(key="f_custom").set_value(custom)
        run(at)
    assert counts(at) == expected


def test_filters_combine_and_clear(app_env):
    at = run(new_app())
    at.multiselect(key="f_types").set_value(["Battles"])
    at.multiselect(key="f_sources").set_value(["Reuters"])
    run(at)
    assert counts(at) == (1, 5)
    at.sidebar.button[0].click()
    run(at)
    assert counts(at) == ALL
    assert at.multiselect(key="f_types").value == [] and at.multiselect(key="f_sources").value == []
    assert qp(at) == {}


def test_pending_district_click_becomes_the_filter(app_env):
    at = new_app()
    bek = district_of("Muhammad Bek")
    at.session_state["_pending_district"] = bek
    run(at)
    assert counts(at) == (1, 10)
    assert at.multiselect(key="f_districts").value == [bek]
    assert qp(at)["district"] == [bek]


def open_tab(at: AppTest, label: str) -> AppTest:
    at.session_state["tab"] = label
    return run(at)


def test_table_tab_shows_exactly_the_filtered_rows(app_env):
    at = run(new_app())
    at.multiselect(key="f_sources").set_value(["Reuters"])
    run(at)
    open_tab(at, "Events table")
    df = at.dataframe[0].value
    assert len(df) == 3 and set(df["source"]) == {"Reuters"}
    from dashboard.schema import EXPORT_COLUMNS

    assert list(df.columns) == list(EXPORT_COLUMNS)
    assert any("CSV" in b.label for b in at.get("download_button"))


def test_charts_tab(app_env):
    at = run(new_app())
    open_tab(at, "Timeline & top")
    actors = at.dataframe[0].value
    assert actors.iloc[0]["actor"] == "Military Forces of Syria" and actors.iloc[0]["events"] == 3
    districts = at.dataframe[1].value
    assert districts.iloc[0].to_dict()["district"] == district_of("as-Salheen")
    charts = [e for e in at.main if "vega" in type(e).__name__.lower() or "vega" in str(getattr(e, "type", ""))]
    assert charts, "timeline chart missing"


def test_share_tab_offers_link_and_snapshots(app_env):
    salihin = district_of("as-Salheen")
    at = run(new_app({"district": salihin}))
    open_tab(at, "Share")
    assert f"district={salihin}" in at.code[0].value
    labels = [b.label for b in at.get("download_button")]
    assert any("HTML" in x for x in labels)
    assert any("PNG" in x for x in labels) or any("Chromium" in i.value for i in at.info)


def click(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click()
    return run(at)


def test_unresolved_tab_maps_a_name_and_regeocodes(app_env):
    import gazetteer

    target = gazetteer.load().resolve("as-Salheen").place
    at = run(new_app())
    open_tab(at, "Unresolved places")
    assert at.dataframe[0].value["location"].tolist() == ["Bustan al-Zahra-ish"]
    at.selectbox(key="u_name").set_value("Bustan al-Zahra-ish")
    at.selectbox(key="u_place").set_value(target.id)
    click(at, "Map name and re-geocode")
    assert any("1 event re-geocoded" in plain(s.value) for s in at.success)
    assert "Bustan al-Zahra-ish" in (app_env / "aliases.csv").read_text(encoding="utf-8")
    assert any("Every place name" in s.value for s in at.success) or not at.dataframe
    at.multiselect(key="f_districts").set_value([target.district])
    run(at)
    assert counts(at)[0] == 3  # the re-geocoded event now counts in its district


CSV = (
    "event_date,event_type,sub_event_type,actor1,actor2,location,latitude,longitude,geo_precision,fatalities,"
    "source,notes\n"
    "2016-10-06,Battles,Armed clash,Test Actor,,as-Salheen,36.18834,37.16421,1,4,Upload test,Uploaded row\n"
    "not-a-date,Battles,Armed clash,Test Actor,,as-Salheen,36.18834,37.16421,1,4,Upload test,Bad row\n"
)


def test_upload_ingests_and_shows_the_report(app_env):
    at = run(new_app())
    open_tab(at, "Upload")
    at.file_uploader(key="u_file").set_value(("upload.csv", CSV.encode(), "text/csv"))
    click(at, "Ingest")
    assert counts(at) == (7, 22)
    report = {m.label: m.value for m in at.main.metric}
    assert report["Loaded"] == "1" and report["Rejected"] == "1"
    assert "not-a-date" in at.dataframe[0].value.to_csv() or len(at.dataframe[0].value) == 1


def test_store_error_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    # A folder cannot be made under a regular file, so this store can never open.
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ALEPPO_DB", f"sqlite:///{blocker}/dir/<x>.sqlite")
    at = new_app()
    at.run()
    assert not at.exception
    assert at.error and "event store" in at.error[0].value


SEED = SEED_REPORT


def published_input(at: AppTest):
    return next(d for d in at.date_input if d.label == "Report published on")


def review_table(at: AppTest):
    """The review editor's data (AppTest shows st.data_editor as a data frame)."""
    return next(e for e in at.dataframe if "sentence" in e.value.columns).value


def test_upload_of_a_prose_report_is_reviewed_before_storing(app_env):
    if not SEED.exists():
        pytest.skip("seed report not available")
    at = run(new_app())
    open_tab(at, "Upload")
    at.file_uploader(key="u_file").set_value(("reuters.txt", SEED.read_bytes(), "text/plain"))
    at.run()
    assert published_input(at).value is None  # "reuters.txt" states no date: none is guessed
    published_input(at).set_value(date(2016, 10, 7))
    click(at, "Find events")
    found = review_table(at)
    assert len(found) >= 3 and found["keep"].all()
    assert counts(at)[0] == 6  # nothing stored before the user says so
    click(at, f"Store {len(found)} kept events")
    assert counts(at)[0] == 6 + len(found)
    assert any(f"{len(found)} events stored" in plain(s.value) for s in at.success)


def test_upload_of_a_report_offers_the_date_in_its_name_and_keeps_unresolved_places(app_env):
    at = run(new_app())
    open_tab(at, "Upload")
    text = b"Government forces clashed with rebels in Khan Tuman on Friday, activists said."
    at.file_uploader(key="u_file").set_value(("wire-2016-10-07.txt", text, "text/plain"))
    at.run()
    assert published_input(at).value == date(2016, 10, 7)
    assert any("taken from the file name" in c.value for c in at.caption)
    click(at, "Find events")
    found = review_table(at)
    assert list(found["location"]) == ["Khan Tuman"] and list(found["place"]) == [""]
    click(at, "Store 1 kept events")
    assert counts(at)[0] == 7


def test_upload_of_an_unreadable_file_is_a_message(app_env):
    at = run(new_app())
    open_tab(at, "Upload")
    at.file_uploader(key="u_file").set_value(("bad.xlsx", b"PK\x03\x04 not really a workbook", "application/octet-stream"))
    click_allowing_error(at, "Ingest")
    assert not at.exception
    assert at.error and "bad.xlsx" in plain(at.error[0].value)
    assert counts(at) == ALL


def click_allowing_error(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click()
    at.run()
    return at


def test_empty_store_opens(tmp_path, monkeypatch):
    monkeypatch.setenv("ALEPPO_DB", f"sqlite:///{tmp_path}/empty.sqlite")
    monkeypatch.setenv("ALEPPO_ALIASES", str(tmp_path / "aliases.csv"))
    at = run(new_app({"from": "2016-01-01"}))
    assert counts(at) == (0, 0)
    for choice in ("Last 30 days of data", "A calendar year", "Custom range"):
        at.selectbox(key="f_range").set_value(choice)
        run(at)
        assert counts(at) == (0, 0)
    for tab in ("Timeline & top", "Events table", "Unresolved places", "Share"):
        open_tab(at, tab)


def test_tables_cannot_be_exported_raw_and_follow_coarsening(app_env):
    """Issue 15, finding 3: the table toolbar's own CSV download is off (it bypassed formula
    neutralising and coarsening) and, coarsened, the table shows district points and file names."""
    from streamlit import config

    import gazetteer

    at = run(new_app({"coarsen": "1"}))
    open_tab(at, "Events table")
    assert config.get_option("client.disableDataExport") is True
    df = at.dataframe[0].value
    points = {(round(p.lat, 5), round(p.lon, 5)) for p in gazetteer.load().districts()}
    located = df.dropna(subset=["latitude"])
    assert len(located) >= 4
    assert all((round(a, 5), round(b, 5)) in points for a, b in zip(located["latitude"], located["longitude"])
               if a != 36.2021)  # the city-level point has no district
    assert 36.20238 not in set(df["latitude"])  # the exact point of the al-Farafra event
