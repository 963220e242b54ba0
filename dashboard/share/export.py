"""Safe sharing of event tables: coarsened locations and spreadsheet-safe CSV.

Coarsening snaps every point to the representative point of the district
(neighbourhood polygon) it lies in, or the nearest within 300 m, so that a shared file
does not give the exact location of anything; a point farther from every district is
rounded to 0.01° (about 1 km), as the app's map does.
Only coordinates and ``place_id`` change: free text (``location``, ``notes``)
is kept as reported, so review it before sharing sensitive data.

CSV files are UTF-8 *with* a byte-order mark: Excel otherwise reads UTF-8 as
the local code page and garbles Arabic names; LibreOffice, pandas and Python's
``csv`` (``encoding="utf-8-sig"``) read it fine. Text cells starting with
``= + - @`` (or tab / carriage return) get a leading ``'`` so that a
spreadsheet shows them instead of evaluating them as formulas (CSV injection).
"""
from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd

from ..errors import DashboardError
from ..headers import headers

__all__ = ["coarsen_points", "export_csv", "coordinate_columns", "district_points", "shareable", "spreadsheet_safe"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def coordinate_columns(df: pd.DataFrame) -> tuple[str, str]:
    """The (latitude, longitude) column names of ``df`` (``latitude``/``lat`` ...)."""
    for lat, lon in (("latitude", "longitude"), ("lat", "lon"), ("lat", "lng")):
        if lat in df.columns and lon in df.columns:
            return lat, lon
    raise DashboardError(f"no coordinate columns in {list(df.columns)[:12]}")


def district_points(gazetteer: Any) -> dict[str, Any]:
    """Case-insensitive district name (English or Arabic) -> district Place."""
    out: dict[str, Any] = {}
    for place in gazetteer.districts():
        for name in (place.name, getattr(place, "district", None), getattr(place, "name_ar", None), place.id):
            if name:
                out.setdefault(str(name).casefold(), place)
    return out


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA:
        return True
    try:
        return isinstance(value, float) and math.isnan(value)
    except TypeError:
        return False


COARSE_GAP_M = 300.0  # as ingest: a point between polygons belongs to the nearest this close
COARSE_DECIMALS = 2  # a point far from every district: 0.01° (about 1 km)


def _rounded(value: Any) -> float:
    try:
        return round(float(value), COARSE_DECIMALS) if not _is_missing(value) else math.nan
    except (TypeError, ValueError):
        return math.nan


def coarsen_points(points: pd.DataFrame, gazetteer: Any) -> pd.DataFrame:
    """A copy of ``points`` with every point moved to its district's representative point.

    The district comes from the ``district`` column, or, when that is empty, from the
    polygon the point lies in (or the nearest within 300 m). A point with no district is
    rounded to 0.01° (about 1 km); ``place_id`` (if present) becomes the district's id.
    """
    if points.empty and len(points.columns) == 0:
        return points.copy()
    lat_col, lon_col = coordinate_columns(points)
    index = district_points(gazetteer)
    out = points.copy()
    lats: list[float] = []
    lons: list[float] = []
    ids: list[Any] = []
    names: list[Any] = []
    has_district = "district" in out.columns
    for row_lat, row_lon, district in zip(out[lat_col], out[lon_col],
                                          out["district"] if has_district else [None] * len(out)):
        place = None
        if not _is_missing(district) and str(district).strip():
            place = index.get(str(district).strip().casefold())
        if place is None and not (_is_missing(row_lat) or _is_missing(row_lon)):
            try:
                place = gazetteer.district_at(float(row_lat), float(row_lon), within_m=COARSE_GAP_M)
            except (TypeError, ValueError):
                place = None
        lats.append(float(place.lat) if place else _rounded(row_lat))
        lons.append(float(place.lon) if place else _rounded(row_lon))
        ids.append(place.id if place else None)
        names.append(place.name if place else None)
    out[lat_col] = pd.Series(lats, index=out.index, dtype="float64")
    out[lon_col] = pd.Series(lons, index=out.index, dtype="float64")
    if "place_id" in out.columns:
        out["place_id"] = pd.Series(ids, index=out.index, dtype="object")
    if has_district:  # the polygon actually used, in its canonical spelling
        out["district"] = pd.Series([n if n is not None else d for n, d in zip(names, out["district"])],
                                    index=out.index, dtype="object")
    return out


def spreadsheet_safe(value: Any) -> Any:
    """``value`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def shareable(df: pd.DataFrame, *, coarsen: bool = False, gazetteer: Any = None) -> pd.DataFrame:
    """``df`` as it may be shown or shared under the view: with ``coarsen``, coordinates snapped
    to district points (needs ``gazetteer``) and ``origin`` cut to the file's name."""
    if not coarsen:
        return df
    if gazetteer is None:
        raise DashboardError("coarsened export needs the gazetteer (district points)")
    has_coords = any(a in df.columns and b in df.columns
                     for a, b in (("latitude", "longitude"), ("lat", "lon"), ("lat", "lng")))
    df = coarsen_points(df, gazetteer) if has_coords else df.copy()
    if "origin" in df.columns:
        df["origin"] = df["origin"].map(lambda v: v if _is_missing(v) else re.split(r"[\\/]", str(v))[-1])
    return df


def export_csv(df: pd.DataFrame, *, coarsen: bool = False, gazetteer: Any = None, lang: str = "en") -> bytes:
    """``df`` as spreadsheet-safe CSV bytes (UTF-8 with BOM, CRLF-free ``\\n`` lines).

    With ``coarsen=True`` the coordinates are snapped to district points first
    (needs ``gazetteer``) and ``origin`` keeps only the file's name, not the folder it was
    ingested from. Numeric columns are written as numbers; text cells that would start a
    formula are prefixed with ``'``. In Arabic (``lang="ar"``) the headers are Arabic
    (:mod:`dashboard.headers`, read back by ingest); cell values stay as stored.
    """
    out = shareable(df, coarsen=coarsen, gazetteer=gazetteer).copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map(spreadsheet_safe)
    out = out.rename(columns=headers(out.columns, lang))
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")
