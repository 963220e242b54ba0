"""Aleppo conflict events: the Streamlit dashboard (widgets only; the logic lives in dashboard/).

Run with ``make run`` (or ``streamlit run app.py``). The database is ``$ALEPPO_DB``
(a SQLite path/URL or a PostgreSQL URL), by default ``var/events.sqlite``.
The whole view (filters, map centre/zoom, layers, shading) lives in the page's
query parameters, so the address bar is always a shareable link.
"""
from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import charts
from dashboard import view_controls as vc
from dashboard.errors import DashboardError
from dashboard.filters import DEFAULT_CENTER, DEFAULT_ZOOM, SHADES, ViewState
from dashboard.schema import EVENT_TYPES, EXPORT_COLUMNS, PRECISIONS, SUB_EVENT_TYPES
from dashboard.share_link import notice_markdown, params_to_view, share_url, view_to_params
from gazetteer.errors import GazetteerError

ROOT = Path(__file__).resolve().parent
ATTRIBUTION = (
    "Neighbourhood polygons, landmarks and damage sites: Columbia University Center for Spatial "
    "Research, Conflict Urbanism: Aleppo (MIT licence); damage sites: UNITAR-UNOSAT damage assessment."
)
TABLE_ROWS = 10_000  # rows sent to the table widget; the CSV has every filtered row
MAP_HEIGHT = 620
PRECISION_LABELS = {1: "1 · the named place", 2: "2 · near / part of the city", 3: "3 · city only"}
LAYER_LABELS = {
    "points": "Events at exact places (points)", "areas": "Imprecise events (area halos)",
    "heat": "Heat map", "landmarks": "Cultural landmarks", "tiles": "Web map tiles (needs network)",
}
FILTER_DEFAULTS = {
    "f_range": vc.RANGE_ALL, "f_year": None, "f_custom": (), "f_actors": [], "f_types": [],
    "f_subtypes": [], "f_districts": [], "f_precisions": [], "f_minfat": 0, "f_text": "", "f_sources": [],
}
# Our own constant CSS (never user text): tighter top padding for an all-day analyst screen.
STYLE = """<style>
[data-testid="stMainBlockContainer"] {padding-top: 1.2rem; padding-bottom: 1rem;}
[data-testid="stSidebarUserContent"] {padding-top: 0.8rem;}
h1 {padding-top: 0.2rem !important;}
</style>"""
TABS = ("Map", "Timeline & top", "Events table", "Unresolved places", "Upload", "Share")


def md(text: object) -> str:
    """Untrusted text made literal for Streamlit markdown."""
    return notice_markdown(str(text))


# --- resources and cached queries --------------------------------------------------------------

def db_url() -> str | None:
    return os.environ.get("ALEPPO_DB") or None


def alias_path() -> Path:
    return Path(os.environ.get("ALEPPO_ALIASES") or ROOT / "var" / "aliases.csv")


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@st.cache_resource(show_spinner="Loading the gazetteer…", max_entries=2)
def get_gazetteer(path: str, mtime: float):
    import gazetteer

    return gazetteer.load(alias_file=path if os.path.exists(path) else None)


@st.cache_resource(show_spinner="Opening the event store…", max_entries=4)
def get_store(url: str | None):
    from dashboard.store import EventStore

    return EventStore(url)


@st.cache_data(show_spinner=False, max_entries=8)
def cached_facets(url: str | None, version: tuple):
    return get_store(url).facets()


@st.cache_data(show_spinner=False, max_entries=64)
def cached_totals(url: str | None, version: tuple, key: str, _view: ViewState) -> tuple[int, int]:
    events, fatalities = get_store(url).totals(_view)
    return int(events or 0), int(fatalities or 0)


# A resource, not data: shared read-only frames (build_map copies), no pickle copy per rerun
# (at 100k events that copy is ~40 MB and 0.1 s on every pan of the map).
@st.cache_resource(show_spinner=False, max_entries=6)
def cached_map_data(url: str | None, version: tuple, key: str, _view: ViewState):
    store = get_store(url)
    return store.map_points(_view), store.district_stats(_view)


@st.cache_data(show_spinner="Querying events…", max_entries=8)
def cached_events(url: str | None, version: tuple, key: str, _view: ViewState) -> pd.DataFrame:
    return get_store(url).query(_view)


@st.cache_data(show_spinner=False, max_entries=4)
def cached_unresolved(url: str | None, version: tuple) -> pd.DataFrame:
    return get_store(url).unresolved()


# --- view state: link <-> widgets --------------------------------------------------------------

def init_state(facets) -> None:
    """First run of a session: the widgets start from the link's view (with notices)."""
    if st.session_state.get("_ready"):
        return
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    view, notices = params_to_view(params)
    st.session_state["_notices"] = notices
    choice, year = vc.range_choice_for(view, min_date=facets.min_date, max_date=facets.max_date)
    st.session_state.update({
        "f_range": choice, "f_year": year, "f_custom": tuple(d for d in (view.date_from, view.date_to) if d),
        "f_actors": list(view.actors), "f_types": list(view.event_types),
        "f_subtypes": list(view.sub_event_types), "f_districts": list(view.districts),
        "f_precisions": list(view.precisions), "f_minfat": view.min_fatalities, "f_text": view.text,
        "f_sources": list(view.sources), "m_shade": view.shade, "m_coarsen": view.coarsen,
        **{f"m_layer_{name}": name in view.layers for name in LAYER_LABELS},
        "live_view": (view.center, view.zoom), "_ready": True,
    })
    if choice == vc.RANGE_CUSTOM and not (view.date_from and view.date_to):
        st.session_state["f_custom"] = (view.date_from or facets.min_date or view.date_to,
                                        view.date_to or facets.max_date or view.date_from)


def clear_filters() -> None:
    for key, value in FILTER_DEFAULTS.items():
        st.session_state[key] = value


def apply_pending() -> None:
    """A district clicked on the map becomes the district filter (set before the widget exists)."""
    district = st.session_state.pop("_pending_district", None)
    if district:
        st.session_state["f_districts"] = [district]


def current_view() -> ViewState:
    s = st.session_state
    center, zoom = s.get("live_view") or (DEFAULT_CENTER, DEFAULT_ZOOM)
    return ViewState(
        date_from=s["_dates"][0], date_to=s["_dates"][1], actors=s["f_actors"], event_types=s["f_types"],
        sub_event_types=s["f_subtypes"], districts=s["f_districts"], precisions=s["f_precisions"],
        min_fatalities=s["f_minfat"] or 0, text=s["f_text"], sources=s["f_sources"],
        center=center, zoom=zoom, layers=tuple(n for n in LAYER_LABELS if s.get(f"m_layer_{n}")),
        shade=s["m_shade"], coarsen=s["m_coarsen"],
    )


def sync_link(view: ViewState) -> None:
    """Keep the address bar equal to the view (only written when it differs)."""
    wanted = view_to_params(view)
    have = {k: st.query_params.get_all(k) for k in st.query_params}
    norm = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    if have != norm:
        st.query_params.from_dict(wanted)


# --- sidebar -------------------------------------------------------------------------------------

def sidebar(facets, gaz) -> None:
    sb = st.sidebar
    sb.subheader("Filters")
    sb.selectbox("Dates", vc.QUICK_RANGES, key="f_range")
    choice = st.session_state["f_range"]
    years = vc.data_years(facets.min_date, facets.max_date)
    custom = None
    if choice == vc.RANGE_YEAR:
        if st.session_state.get("f_year") not in years:
            st.session_state["f_year"] = years[0] if years else None
        sb.selectbox("Year", years, key="f_year")
    elif choice == vc.RANGE_CUSTOM:
        if not st.session_state.get("f_custom"):
            st.session_state["f_custom"] = tuple(d for d in (facets.min_date, facets.max_date) if d)
        custom = sb.date_input("From – to", key="f_custom", min_value=date(1900, 1, 1),
                               max_value=date(2100, 12, 31), format="YYYY-MM-DD")
    dates = vc.quick_range(choice, min_date=facets.min_date, max_date=facets.max_date,
                           year=st.session_state.get("f_year"), custom=custom)
    st.session_state["_dates"] = dates
    if choice in (vc.RANGE_30, vc.RANGE_365, vc.RANGE_YEAR) and dates[0]:
        sb.caption(f"{dates[0]} to {dates[1]}")

    s = st.session_state
    sb.multiselect("Actor (either side)", vc.with_selected(facets.actors, s["f_actors"]), key="f_actors",
                   placeholder="Any actor — type to search")
    sb.multiselect("Event type", vc.with_selected(EVENT_TYPES, s["f_types"]), key="f_types", placeholder="Any type")
    subs = [x for t in (s["f_types"] or EVENT_TYPES) for x in EVENT_TYPES.get(t, ())]
    sb.multiselect("Sub-event type", vc.with_selected(subs, s["f_subtypes"]), key="f_subtypes",
                   placeholder="Any sub-type")
    districts = sorted({p.name for p in gaz.districts()} | set(facets.districts or ()), key=str.casefold)
    sb.multiselect("District", vc.with_selected(districts, s["f_districts"]), key="f_districts",
                   placeholder="Any district (or click one on the map)")
    sb.multiselect("Geo precision", list(PRECISIONS), key="f_precisions", placeholder="Any precision",
                   format_func=lambda p: PRECISION_LABELS.get(p, str(p)))
    sb.number_input("Minimum fatalities", min_value=0, max_value=1_000_000, step=1, key="f_minfat")
    sb.text_input("Text in notes or place names", key="f_text", max_chars=200)
    sb.multiselect("Source", vc.with_selected(facets.sources, s["f_sources"]), key="f_sources",
                   placeholder="Any source")
    sb.button("Clear filters", on_click=clear_filters, icon=":material/filter_alt_off:", width="stretch")

    sb.subheader("Map")
    sb.radio("Shade districts by", SHADES, key="m_shade", horizontal=True, format_func=str.capitalize)
    for name, label in LAYER_LABELS.items():
        sb.checkbox(label, key=f"m_layer_{name}")
    sb.toggle("Coarsen locations in exports", key="m_coarsen",
              help="Snap every point to its district's representative point in snapshots and CSV.")
    sb.divider()
    sb.caption(ATTRIBUTION)


# --- main sections -------------------------------------------------------------------------------

@st.fragment
def map_section(url, version, view: ViewState, gaz, district_names: list[str]) -> None:
    """The map. Panning/zooming reruns only this fragment; a district click reruns the app."""
    from streamlit_folium import st_folium

    from dashboard.mapview import build_map

    points, stats = cached_map_data(url, version, repr(view.filters_only()), view.filters_only())
    # The map is built at an "anchor" view: the live view at the moment its content (filters,
    # layers, shading) last changed. While the user pans, the anchor and so the map script stay
    # the same (no redraw); after a filter change the new map opens where the user was. The
    # centre/zoom are not pushed back into st_folium: echoing the map's own reports back to it
    # makes it oscillate between stale and new views.
    content = (repr(view.filters_only()), view.layers, view.shade)
    anchor = st.session_state.get("_anchor")
    if not anchor or anchor[0] != content:
        anchor = (content, st.session_state.get("live_view") or (view.center, view.zoom))
        st.session_state["_anchor"] = anchor
    center, zoom = anchor[1]
    fmap = build_map(points, stats, replace(view, center=center, zoom=zoom), gaz, assets="served")
    out = st_folium(fmap, key="map", height=MAP_HEIGHT, use_container_width=True,
                    returned_objects=["last_active_drawing", "last_object_clicked", "center", "zoom"])
    live = vc.live_view(out)
    if live and not vc.same_view(live, st.session_state.get("live_view")):
        st.session_state["live_view"] = live
        sync_link(replace(view, center=live[0], zoom=live[1]))
    district = _district_click(out, district_names)
    click = (district, str((out or {}).get("last_object_clicked")))
    if district and click != st.session_state.get("_last_click"):
        st.session_state["_last_click"] = click
        if [district] != st.session_state.get("f_districts"):
            st.session_state["_pending_district"] = district
            st.rerun(scope="app")
    note = map_caption(points, cached_totals(url, version, repr(view.filters_only()), view.filters_only())[0])
    st.caption((note + " " if note else "") + md(ATTRIBUTION))


def _district_click(out, names: list[str]) -> str | None:
    from dashboard import mapview

    reader = getattr(mapview, "district_from_click", None)  # the map's own reading of its clicks
    return (reader(out, names) if reader else None) or vc.clicked_district(out, names)


def map_caption(points: pd.DataFrame, total: int) -> str:
    missing = max(total - len(points), 0)
    if not missing:
        return ""
    return (f"{missing:,} filtered event{'s have' if missing != 1 else ' has'} no map location (place name "
            "not resolved): see *Unresolved places*.")


def charts_section(url, version, view: ViewState) -> None:
    fview = view.filters_only()
    events = cached_events(url, version, repr(fview), fview)
    if events.empty:
        st.info("No events under the current filters.")
        return
    dates = pd.to_datetime(events["event_date"], errors="coerce")
    default = charts.pick_freq(dates.min(), dates.max())
    freq = st.segmented_control("Timeline by", list(charts.FREQS), default=default, key="t_freq") or default
    st.bar_chart(charts.timeline(events, freq=freq), height=320, y_label="events", x_label=freq)
    left, right = st.columns(2)
    with left:
        st.markdown("**Top actors (either side)**")
        actors = charts.top_actors(events, n=15)
        if actors.empty:
            st.caption("No actors are recorded for these events.")
        else:
            st.dataframe(actors, hide_index=True, width="stretch")
    with right:
        st.markdown("**Top districts**")
        _, stats = cached_map_data(url, version, repr(fview), fview)
        st.dataframe(charts.top_districts(stats, n=15), hide_index=True, width="stretch")


def table_section(url, version, view: ViewState, gaz) -> None:
    from dashboard.share_export import export_csv

    fview = view.filters_only()
    events = cached_events(url, version, repr(fview), fview)
    cols = [c for c in EXPORT_COLUMNS if c in events.columns]
    shown = events[cols].head(TABLE_ROWS)
    note = "" if len(events) <= TABLE_ROWS else f" (the first {TABLE_ROWS:,} shown; the CSV has all)"
    st.caption(f"{len(events):,} filtered events{note}. Click a column header to sort.")
    st.dataframe(shown, hide_index=True, width="stretch", height=520,
                 column_config={"event_date": st.column_config.DateColumn("event_date", format="YYYY-MM-DD"),
                                **{c: st.column_config.TextColumn(c) for c in ("notes", "source_url", "actor1", "actor2")}})
    st.download_button(
        "Download these events (CSV)", data=lambda: export_csv(events[cols], coarsen=view.coarsen, gazetteer=gaz),
        file_name="aleppo-events.csv", mime="text/csv", icon=":material/download:", key="dl_csv")


def unresolved_section(url, version, gaz) -> None:
    from gazetteer.aliases import append_alias

    names = cached_unresolved(url, version)
    if names.empty:
        st.success("Every place name in the store is resolved.")
        return
    st.caption(f"{len(names):,} place names could not be matched to the gazetteer. Map one to a place "
               "and every event with that name is re-geocoded.")
    st.dataframe(names, hide_index=True, width="stretch", height=260)
    places = sorted(gaz.places.values(), key=lambda p: (p.name.casefold(), p.id))
    with st.form("alias_form"):
        counts = dict(zip(names["location"], names["events"]))
        name = st.selectbox("Unresolved name", list(counts), key="u_name", format_func=lambda n: f"{n} ({counts[n]} events)")
        place = st.selectbox("Gazetteer place", [p.id for p in places], key="u_place",
                             format_func=lambda i: f"{gaz.place(i).name} · {gaz.place(i).name_ar or ''} "
                                                   f"({gaz.place(i).kind}, {i})")
        if st.form_submit_button("Map name and re-geocode"):
            append_alias(alias_path(), name, place)
            get_gazetteer.clear()
            fresh = get_gazetteer(str(alias_path()), _mtime(alias_path()))
            changed = get_store(url).regeocode(fresh)
            st.cache_data.clear()
            st.session_state["_flash"] = f"Mapped “{name}” to {gaz.place(place).name}: {changed} event{'' if changed == 1 else 's'} re-geocoded."
            st.rerun()


def upload_section(url, gaz) -> None:
    from dashboard.ingest import ingest_file

    st.caption("Event tables (CSV, Excel, JSON/GeoJSON, ACLED exports) or report text (.txt, .md, .html). "
               "For a report, give the date it was published.")
    with st.form("upload_form"):
        upload = st.file_uploader("File to ingest", key="u_file")
        # Explicit bounds: Streamlit's default window (today ± 10 years) would refuse 2012-2016 reports.
        published = st.date_input("Report published on (for prose reports)", value=None, key="u_published",
                                  min_value=date(1990, 1, 1), max_value=date(2100, 12, 31), format="YYYY-MM-DD")
        source = st.text_input("Source name (optional)", key="u_source")
        submitted = st.form_submit_button("Ingest", icon=":material/upload:")
    if submitted and upload is not None:
        opts = {k: v for k, v in (("published", published), ("source", source.strip())) if v}
        try:
            report = ingest_file(get_store(url), upload, name=upload.name, gazetteer=gaz, **opts)
        except (DashboardError, GazetteerError) as exc:
            text = str(exc) if upload.name in str(exc) else f"{upload.name}: {exc}"
            st.error(md(text), icon=":material/error:")
            return
        st.session_state["_report"] = (upload.name, report)
        st.cache_data.clear()
        st.rerun()
    last = st.session_state.get("_report")
    if last:
        show_report(*last)


def show_report(name: str, report) -> None:
    st.markdown(f"**Last upload:** {md(name)}")
    cols = st.columns(5)
    for col, label in zip(cols, ("read", "loaded", "rejected", "duplicates", "unresolved")):
        col.metric(label.capitalize(), f"{int(getattr(report, label, 0) or 0):,}")
    problems = list(getattr(report, "problems", []) or [])
    if problems:
        st.markdown("**Rejected or flagged rows**")
        st.dataframe(pd.DataFrame([{"line": p.line, "field": p.field, "reason": p.reason, "value": p.value}
                                   for p in problems]), hide_index=True, width="stretch")


def share_section(url, version, view: ViewState, gaz) -> None:
    from dashboard import share

    link = share_url(st.context.url or "http://localhost:8501/", view)
    st.markdown("**Link to this view** (the address bar always holds it too)")
    st.code(link, language=None, wrap_lines=True)
    st.caption(md(view.describe()))
    html_once = {}

    def make_html() -> str:
        if "html" not in html_once:
            html_once["html"] = share.snapshot_html(get_store(url), view, gaz)
        return html_once["html"]

    left, right = st.columns(2)
    left.download_button("Download HTML snapshot", data=make_html, file_name="aleppo-map.html",
                         mime="text/html", icon=":material/map:", key="dl_html")
    if share.chromium_available():
        right.download_button("Download PNG snapshot", data=lambda: share.snapshot_png(make_html(), width=1600,
                                                                                        height=1000),
                              file_name="aleppo-map.png", mime="image/png", icon=":material/image:", key="dl_png")
    else:
        right.info("PNG snapshots need Chromium, which is not installed here: download the HTML snapshot "
                   "instead (it opens offline in any browser).")


# --- page --------------------------------------------------------------------------------------

def main() -> None:
    url = db_url()
    store = get_store(url)
    gaz = get_gazetteer(str(alias_path()), _mtime(alias_path()))
    version = (int(store.count()), _mtime(alias_path()))
    facets = cached_facets(url, version)
    init_state(facets)
    apply_pending()

    sidebar(facets, gaz)
    view = current_view()
    sync_link(view)
    fview = view.filters_only()
    n_events, n_fat = cached_totals(url, version, repr(fview), fview)

    st.markdown(STYLE, unsafe_allow_html=True)
    head, events_box, fat_box = st.columns([5, 1.4, 1.4], vertical_alignment="bottom")
    with head:
        st.title("Aleppo conflict events", anchor=False)
        st.caption("Filters: " + md(view.describe()))
    events_box.metric("Events", f"{n_events:,}", border=True)
    fat_box.metric("Fatalities", f"{n_fat:,}", border=True)
    for notice in st.session_state.get("_notices", []):
        st.warning(md(notice), icon=":material/link_off:")
    if flash := st.session_state.pop("_flash", None):
        st.success(md(flash))

    tabs = st.tabs(TABS, key="tab", on_change="rerun")
    district_names = [p.name for p in gaz.districts()]
    sections = (
        lambda: map_section(url, version, view, gaz, district_names),
        lambda: charts_section(url, version, view),
        lambda: table_section(url, version, view, gaz),
        lambda: unresolved_section(url, version, gaz),
        lambda: upload_section(url, gaz),
        lambda: share_section(url, version, view, gaz),
    )
    if tabs[0].open is False:
        st.session_state.pop("_anchor", None)  # the map re-opens at the live view
    for tab, draw in zip(tabs, sections):
        if tab.open is not False:
            with tab:
                guarded(draw)


def guarded(draw) -> None:
    """Run one section; the library's errors become a message, never a traceback."""
    try:
        draw()
    except (DashboardError, GazetteerError) as exc:
        st.error(md(exc), icon=":material/error:")


# No page_icon: Streamlit fetches material/emoji favicons from a CDN; the default one is local.
st.set_page_config(page_title="Aleppo conflict events", layout="wide",
                   initial_sidebar_state="expanded")
guarded(main)
