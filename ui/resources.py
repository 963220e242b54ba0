"""Cached loaders: the gazetteer and the store are shared resources, query results cached data.

Every query is keyed by the store URL, a data ``version`` (event count, alias-file mtime) and
the view's filters (``repr`` of ``view.filters_only()``), so map moves never re-query.
"""
from __future__ import annotations

import copy
import os
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import actor_sides
from dashboard.config import default_alias_path
from dashboard.filters import ViewState
from dashboard.map.data import ROW_BUDGET

from .i18n import tr

INDEX_LIMIT = 400_000  # events; above this the map index would hold too much text: the lean index instead
ROWS_URL = "/app/static/cache/rows/"  # where the app serves older popup rows (dashboard.map.pages)
# $ALEPPO_MAP_ROWS: popup rows a map page carries (default ROW_BUDGET); the app serves the others.


def db_url() -> str | None:
    """The store's URL from ``$ALEPPO_DB`` (None: the library's default)."""
    return os.environ.get("ALEPPO_DB") or None


def alias_path() -> Path:
    """The user's alias CSV (``$ALEPPO_ALIASES``, by default ``var/aliases.csv``): the same file
    the command-line tools read (``dashboard.config.default_alias_path``)."""
    return default_alias_path()


def mtime(path: Path) -> float:
    """The file's modification time, 0.0 when it does not exist."""
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def user_files():
    """The user's places, aliases, rejected matches and journal (``$ALEPPO_PLACES`` or ``var/``)."""
    from dashboard.config import user_files as _user_files

    return _user_files()


def gazetteer():
    """The gazetteer with the user's places and names (reloaded when one of their files changes)."""
    files = user_files()
    with st.spinner(tr("Loading the gazetteer…")):
        return _gazetteer(files.signature(), files)


def reload_gazetteer():
    """Drop the cached gazetteer (after a change to the user's files) and load it again."""
    _gazetteer.clear()
    return gazetteer()


@st.cache_resource(show_spinner=False, max_entries=2)
def _gazetteer(signature: tuple, _files):
    import gazetteer as gz

    return gz.load(user=_files)


@st.cache_resource(show_spinner=False, max_entries=4)
def _store(url: str | None):
    from dashboard.store import EventStore

    return EventStore(url)


_OPENED: set = set()  # store URLs already opened by this process (no spinner for them)


def get_store(url: str | None):
    """The shared :class:`~dashboard.store.EventStore` for ``url`` (opened once)."""
    if url in _OPENED:
        return _store(url)
    with st.spinner(tr("Opening the event store…")):
        store = _store(url)
    _OPENED.add(url)
    return store


def data_version(url: str | None) -> tuple:
    """What every cached query depends on besides the view: event count, the user's gazetteer
    files (their content), the number of damage sites (evidence), the store's place changes and
    the mtime of the user's actor sides (var/actor-sides.csv)."""
    store = get_store(url)
    return (int(store.count()), user_files().signature(), int(store.damage_count()), _geo_epoch(),
            actor_sides.user_mtime())


def data_changed() -> None:
    """Forget every cached query (after an upload or a re-geocode)."""
    _epoch()[0] += 1  # resources keyed by the data version (the map's index) are built again
    st.cache_data.clear()


@st.cache_resource(show_spinner=False)
def _epoch() -> list[int]:
    return [0]


def _geo_epoch() -> int:
    """Bumped by :func:`data_changed`: a re-geocode moves events without changing their count."""
    return _epoch()[0]


@st.cache_data(show_spinner=False, max_entries=8)
def facets(url: str | None, version: tuple):
    return get_store(url).facets()


def totals(url: str | None, version: tuple, view: ViewState) -> tuple[int, int]:
    """(events, fatalities) under the view's filters."""
    f = view.filters_only()
    if version[0] > INDEX_LIMIT:  # the lean index counts them with the map's data (one scan)
        with st.spinner(tr("Preparing the map's events…")):
            return _map_data(url, version, repr(f), f)[2]
    return _totals(url, version, repr(f), f)


def map_data(url: str | None, version: tuple, view: ViewState) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(map points, district stats) under the view's filters; shared read-only frames."""
    f = view.filters_only()
    with st.spinner(tr("Preparing the map's events…")):
        return _map_data(url, version, repr(f), f)[:2]


def events(url: str | None, version: tuple, view: ViewState) -> pd.DataFrame:
    """Every filtered event (EXPORT_COLUMNS)."""
    f = view.filters_only()
    with st.spinner(tr("Querying events…")):
        return _events(url, version, repr(f), f)


def damage(url: str | None, version: tuple, view: ViewState) -> pd.DataFrame:
    """The damage sites (evidence) under the view's dates and districts, the only filters they answer."""
    start, end = view.date_bounds()  # the time slider's window when one is set
    key = ViewState(date_from=start, date_to=end, districts=view.districts)
    return _damage(url, version, repr(key), key)


@st.cache_resource(show_spinner=False, max_entries=6)
def _damage(url: str | None, version: tuple, key: str, _view: ViewState) -> pd.DataFrame:
    return get_store(url).damage_points(_view)


@st.cache_data(show_spinner=False, max_entries=4)
def unresolved(url: str | None, version: tuple) -> pd.DataFrame:
    return get_store(url).unresolved()


@st.cache_data(show_spinner=False, max_entries=64)
def _totals(url: str | None, version: tuple, key: str, _view: ViewState) -> tuple[int, int]:
    n_events, n_fatalities = get_store(url).totals(_view)
    return int(n_events or 0), int(n_fatalities or 0)


# Resources, not data: shared read-only frames (build_map copies), no pickle copy per rerun
# (at 100k events that copy is ~40 MB and 0.1 s on every pan of the map).
@st.cache_resource(show_spinner=False, max_entries=6)
def _map_data(url: str | None, version: tuple, key: str, _view: ViewState):
    """(points, district stats, (events, fatalities) or None) of a view: the database filters,
    an index per data version gives the rows (the lean one above ``INDEX_LIMIT`` events)."""
    store = get_store(url)
    if version[0] > INDEX_LIMIT:
        return _lean_index(url, version).select(store.row_keys(_view) if _view.is_filtered() else None)
    index = _map_index(url, version)
    return index.select(store.located_ids(_view)), store.district_stats(_view), None


@st.cache_resource(show_spinner=False, max_entries=2)
def _map_index(url: str | None, version: tuple):
    from dashboard.map.index import MapIndex

    return MapIndex.from_store(get_store(url), gazetteer())


@st.cache_resource(show_spinner=False, max_entries=2)
def _lean_index(url: str | None, version: tuple):
    from dashboard.map.lean import LeanIndex

    return LeanIndex.from_store(get_store(url), gazetteer())


@st.cache_resource(show_spinner=False)
def _row_views() -> dict:
    """token -> the view a map was built for (popups ask for older rows by token)."""
    return {}


def rows_view(token: str) -> ViewState | None:
    """The filters of the map whose popups carry ``token``."""
    return _row_views().get(token)


def rows_folder():
    """The folder Streamlit serves at ``ROWS_URL``."""
    from dashboard.assets import STATIC_DIR

    return STATIC_DIR / "cache" / "rows"


@st.cache_data(show_spinner=False, max_entries=8)
def _events(url: str | None, version: tuple, key: str, _view: ViewState) -> pd.DataFrame:
    return get_store(url).query(_view)


def built_map(url: str | None, version: tuple, view: ViewState, gaz):
    """The folium map for ``view`` (filters, layers, shading, centre and zoom), built once.

    st_folium re-numbers the elements of the map it is given, so each call gets its own copy
    (about 1 ms: the element tree is small, the large payload strings are shared). Without this
    cache the rerun that follows every new map (st_folium reporting its first view) would build
    the same map again: 0.1-0.5 s of CPU at 100k events while the browser is drawing.
    """
    return copy.deepcopy(_built_map(url, version, repr(view), view, gaz))


@st.cache_resource(show_spinner=False, max_entries=4)
def _built_map(url: str | None, version: tuple, key: str, _view: ViewState, _gaz):
    from dashboard.map.pages import CHUNK, view_token
    from dashboard.map.view import build_map

    points, stats = map_data(url, version, _view)
    token = view_token(url, version, repr(_view.filters_only()))
    _row_views()[token] = _view.filters_only()
    return build_map(points, stats, _view, _gaz, assets="served", total_events=totals(url, version, _view)[0],
                     row_budget=int(os.environ.get("ALEPPO_MAP_ROWS") or ROW_BUDGET),
                     more={"token": token, "base": ROWS_URL, "chunk": CHUNK}, damage=damage(url, version, _view))


def period(url: str | None, version: tuple, view: ViewState):
    """The time slider's period: the view's dates, an open end filled with the first/last event
    date under the other filters (None, None when nothing matches)."""
    if view.date_from and view.date_to:
        return view.date_from, view.date_to
    f = view.whole_period().filters_only()
    first, last = _date_span(url, version, repr(f), f)
    return view.date_from or first, view.date_to or last


@st.cache_data(show_spinner=False, max_entries=16)
def _date_span(url: str | None, version: tuple, key: str, _view: ViewState):
    return get_store(url).date_span(_view)


def date_counts(url: str | None, version: tuple, view: ViewState) -> pd.DataFrame:
    """Events per day, time precision and type over the whole filtered period (no window)."""
    f = view.whole_period().filters_only()
    return _date_counts(url, version, repr(f), f)


@st.cache_data(show_spinner=False, max_entries=8)
def _date_counts(url: str | None, version: tuple, key: str, _view: ViewState) -> pd.DataFrame:
    return get_store(url).date_counts(_view)
