"""Column headers of event tables in the interface language, and back.

English keeps ACLED's column names (``event_date``, ``actor1``...), so an English export is
an ACLED-style file. In Arabic the app's tables and the CSV download carry Arabic headers
(:func:`header`); :func:`column_for_header` reads them back, so an exported Arabic file can be
ingested again (``dashboard.mappings`` treats an Arabic header as the column it names). Cell
values stay as stored (ACLED's English event types), except in tables shown on screen
(:func:`localized`).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Mapping

import pandas as pd

from .i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, t

COLUMN_LABELS: dict[str, str] = {
    "event_id": N_("Event ID"), "event_date": N_("Event date"), "time_precision": N_("Date precision"),
    "event_type": N_("Event type"), "sub_event_type": N_("Sub-event type"), "actor1": N_("Actor 1"),
    "assoc_actor_1": N_("Associated with actor 1"), "actor2": N_("Actor 2"),
    "assoc_actor_2": N_("Associated with actor 2"), "location": N_("Place as written"),
    "place_id": N_("Place ID"), "district": N_("District"), "latitude": N_("Latitude"),
    "longitude": N_("Longitude"), "geo_precision": N_("Geo precision"), "fatalities": N_("Fatalities"),
    "source": N_("Source"), "source_url": N_("Source link"), "notes": N_("Notes"), "origin": N_("Origin file"),
    "origin_line": N_("Line in origin file"), "ingested_at": N_("Ingested at"),
}


def header(column: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The header of ``column`` in ``lang`` (English: the column name itself)."""
    if lang == DEFAULT_LANGUAGE or column not in COLUMN_LABELS:
        return column
    return t(COLUMN_LABELS[column], lang)


def headers(columns: Iterable[str], lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
    """column -> header in ``lang``, for ``DataFrame.rename(columns=...)``."""
    return {c: header(c, lang) for c in columns}


@lru_cache(maxsize=1)
def _reverse() -> dict[str, str]:
    out: dict[str, str] = {}
    for lang in LANGUAGES:
        if lang == DEFAULT_LANGUAGE:
            continue
        for column in COLUMN_LABELS:
            out.setdefault(_key(header(column, lang)), column)
    return out


def _key(name: str) -> str:
    return " ".join(str(name).replace("\ufeff", "").split()).casefold()


def column_for_header(name: str) -> str | None:
    """The column a translated header names (``"تاريخ الحدث"`` -> ``event_date``), else None."""
    return _reverse().get(_key(name))


def localized(frame: pd.DataFrame, lang: str, place_names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """A table to show on screen in ``lang``: event types, sub-types and districts in that language,
    headers translated (the data itself is untouched)."""
    if lang == DEFAULT_LANGUAGE:
        return frame
    out = frame.copy()
    for col in ("event_type", "sub_event_type"):
        if col in out.columns:
            out[col] = out[col].map(lambda v: t(v, lang) if isinstance(v, str) and v else v)
    if place_names and "district" in out.columns:
        out["district"] = out["district"].map(lambda v: place_names.get(v, v) if isinstance(v, str) else v)
    return out.rename(columns=headers(out.columns, lang))
