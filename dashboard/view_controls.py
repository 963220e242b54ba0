"""Plain-Python helpers behind the app's controls (no Streamlit here).

Quick date ranges, multiselect options that always contain the current
selection, reading what the map reports back (a clicked district, the
live centre and zoom) from streamlit-folium's return value, and the short
texts/tables the app shows about a view or an upload.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Iterable, Mapping

import pandas as pd

from .filters import ViewState
from .i18n import N_, t
from .schema import EVENT_TYPES
from .timeline import month_range

RANGE_ALL = N_("All dates")
RANGE_7 = N_("Last 7 days of data")
RANGE_30 = N_("Last 30 days of data")
RANGE_365 = N_("Last 12 months of data")
RANGE_MONTH = N_("A month")
RANGE_YEAR = N_("A calendar year")
RANGE_CUSTOM = N_("Custom range")
QUICK_RANGES: tuple[str, ...] = (RANGE_ALL, RANGE_7, RANGE_30, RANGE_365, RANGE_MONTH, RANGE_YEAR, RANGE_CUSTOM)
_LAST_DAYS = {RANGE_7: 7, RANGE_30: 30, RANGE_365: 365}

# Property names a district polygon may carry in the map's GeoJSON.
_DISTRICT_KEYS = ("district", "name", "name_en", "id")


def quick_range(
    choice: str,
    *,
    min_date: date | None,
    max_date: date | None,
    year: int | None = None,
    custom: tuple[date | None, date | None] | None = None,
    month: str | None = None,
) -> tuple[date | None, date | None]:
    """The (from, to) dates of a quick range; relative ranges end at the last date in the data;
    ``month`` is ``YYYY-MM``."""
    if choice in _LAST_DAYS and max_date:
        return max_date - timedelta(days=_LAST_DAYS[choice] - 1), max_date
    if choice == RANGE_MONTH and month and (span := month_range(month)):
        return span
    if choice == RANGE_YEAR and year:
        return date(year, 1, 1), date(year, 12, 31)
    if choice == RANGE_CUSTOM and custom:
        start, end = (tuple(custom) + (None, None))[:2]
        if start and end and start > end:
            start, end = end, start
        return start, end
    return None, None


def data_years(min_date: date | None, max_date: date | None) -> list[int]:
    """Calendar years spanned by the data, newest first (empty when there is no data)."""
    if not min_date or not max_date:
        return []
    return list(range(max_date.year, min_date.year - 1, -1))


def range_choice_for(view: ViewState, *, min_date: date | None, max_date: date | None) -> tuple[str, int | None]:
    """Which quick range (and year) reproduces the view's dates; custom when none does."""
    start, end = view.date_from, view.date_to
    if not start and not end:
        return RANGE_ALL, None
    if start and end and start.year == end.year and start == date(start.year, 1, 1) and end == date(end.year, 12, 31):
        return RANGE_YEAR, start.year
    if start and end and month_range(f"{start:%Y-%m}") == (start, end):
        return RANGE_MONTH, None  # the month is the view's (see ``month_of``)
    for choice in _LAST_DAYS:
        if (start, end) == quick_range(choice, min_date=min_date, max_date=max_date):
            return choice, None
    return RANGE_CUSTOM, None


def month_of(view: ViewState) -> str | None:
    """The ``YYYY-MM`` of a view whose dates are one whole month, else None."""
    start, end = view.date_from, view.date_to
    return f"{start:%Y-%m}" if start and end and month_range(f"{start:%Y-%m}") == (start, end) else None


def with_selected(options: Iterable[str], selected: Iterable[str]) -> list[str]:
    """``options`` plus any selected value missing from them (e.g. from a link), in order."""
    out = list(dict.fromkeys(o for o in options if o))
    seen = set(out)
    out.extend(s for s in dict.fromkeys(selected) if s and s not in seen)
    return out


def subtype_options(event_types: Iterable[str]) -> list[str]:
    """Sub-event types of the chosen event types (of every type when none is chosen)."""
    chosen = list(event_types) or list(EVENT_TYPES)
    return [sub for t in chosen for sub in EVENT_TYPES.get(t, ())]


def district_options(polygon_names: Iterable[str], stored: Iterable[str] | None) -> list[str]:
    """Every district polygon name plus any district stored on events, sorted case-insensitively."""
    return sorted({n for n in polygon_names if n} | {n for n in (stored or ()) if n}, key=str.casefold)


def unmapped_note(total: int, mapped: int, lang: str = "en") -> str:
    """A sentence on how many filtered events have no map location ('' when none), in ``lang``."""
    missing = max(total - mapped, 0)
    if not missing:
        return ""
    if missing == 1:
        return t("1 filtered event has no map location (place name not resolved): see *Unresolved places*.", lang)
    return t("{n} filtered events have no map location (place name not resolved): see *Unresolved places*.",
             lang, n=f"{missing:,}")


def file_error(name: str, exc: BaseException) -> str:
    """An ingest error's text, naming the file once."""
    text = str(exc)
    return text if name in text else f"{name}: {exc}"


def problems_frame(problems: Iterable[Any]) -> pd.DataFrame:
    """Rejected or flagged rows (``RowProblem``) as a table: line, field, reason, value."""
    return pd.DataFrame([{"line": p.line, "field": p.field, "reason": p.reason, "value": p.value}
                         for p in problems], columns=["line", "field", "reason", "value"])


def unresolved_frame(names: Mapping[str, int]) -> pd.DataFrame:
    """An upload's unresolved place names with their event counts, most frequent first."""
    rows = sorted(((str(n), int(c)) for n, c in dict(names).items()), key=lambda r: (-r[1], r[0]))
    return pd.DataFrame(rows, columns=["place name", "events"])


def clicked_district(returned: Mapping[str, Any] | None, districts: Iterable[str]) -> str | None:
    """The district a map click selected, or None.

    The map's own reading of its clicks (:func:`dashboard.map.view.district_from_click`) comes
    first. Failing that, reads ``last_active_drawing`` (the GeoJSON feature clicked) and, failing that,
    ``last_object_clicked_tooltip``; only a known district name counts, matched
    case-insensitively, so a click on an event marker or a landmark is ignored.
    """
    if not returned:
        return None
    from .map.view import district_from_click  # lazy: the controls need no folium until a map exists

    districts = [d for d in districts if d]
    if found := district_from_click(returned, districts):
        return found
    index = {d.casefold(): d for d in districts}
    feature = returned.get("last_active_drawing")
    if isinstance(feature, Mapping):
        props = feature.get("properties")
        geom = feature.get("geometry") or {}
        if isinstance(props, Mapping) and str(geom.get("type", "")).endswith("Polygon"):
            for key in _DISTRICT_KEYS:
                value = props.get(key)
                if isinstance(value, str) and value.casefold() in index:
                    return index[value.casefold()]
    tooltip = returned.get("last_object_clicked_tooltip")
    if isinstance(tooltip, str):
        for line in tooltip.splitlines():
            for part in (line.strip(), line.split(":", 1)[-1].strip()):
                if part.casefold() in index:
                    return index[part.casefold()]
    return None


def live_view(returned: Mapping[str, Any] | None) -> tuple[tuple[float, float], int] | None:
    """The map's current (centre, zoom) from streamlit-folium's return value, if reported."""
    if not returned:
        return None
    center, zoom = returned.get("center"), returned.get("zoom")
    try:
        lat, lon = float(center["lat"]), float(center["lng"])  # type: ignore[index]
        z = int(zoom)  # type: ignore[arg-type]
    except (TypeError, KeyError, ValueError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 1 <= z <= 20):
        return None
    return (round(lat, 6), round(lon, 6)), z


def same_view(a: tuple[tuple[float, float], int] | None, b: tuple[tuple[float, float], int] | None) -> bool:
    """True when two (centre, zoom) views differ by less than a screen pixel.

    The map reports its centre with sub-pixel noise (e.g. 36.199958 for 36.2); treating
    that as a move would put a meaningless centre into every link.
    """
    if a is None or b is None:
        return a is b
    (lat1, lon1), z1 = a
    (lat2, lon2), z2 = b
    if z1 != z2:
        return False
    pixel = 360.0 / (256 * 2 ** z1)  # degrees of longitude per pixel at this zoom
    return abs(lat1 - lat2) < pixel and abs(lon1 - lon2) < pixel
