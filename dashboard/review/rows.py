"""A reviewed table back into events: kept rows only, every cell checked, places resolved again."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Iterable

import pandas as pd

from ..errors import RowProblem
from ..geocode import Geocoder, Placed
from ..schema import EVENT_TYPES, PRECISIONS, SUB_EVENT_TYPES, TIME_DAY, Event
from .table import place_edited, geocode_name, clean_text

KEEP_WORDS = {"keep", "yes", "y", "true", "1", "x", "✓", "✔", "نعم", "احتفظ", "إبقاء", "ابقاء"}
DROP_WORDS = {"drop", "no", "n", "false", "0", "", "-", "لا", "حذف", "احذف", "استبعاد"}


@dataclass
class Reviewed:
    """What a reviewed table gives: the events to store, the rows dropped, the rows rejected
    (``problems``) and remarks on stored rows (``notices``)."""

    events: list[Event] = field(default_factory=list)
    dropped: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    notices: list[RowProblem] = field(default_factory=list)

    @property
    def read(self) -> int:
        return len(self.events) + self.dropped + len(self.problems)


class _Bad(ValueError):
    def __init__(self, fld: str, reason: str, value: Any = ""):
        super().__init__(reason)
        self.field, self.reason, self.value = fld, reason, clean_text(value)


def _keep(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = clean_text(value).lower()
    if word in KEEP_WORDS:
        return True
    if word in DROP_WORDS:
        return False
    raise _Bad("keep", "not keep or drop", value)


def _date(value: Any) -> date:
    from ..extract.dates import parse_published

    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return parse_published(clean_text(value))
    except ValueError:
        raise _Bad("event_date", "not a date (YYYY-MM-DD or D/M/YYYY)", value) from None


def _small_int(value: Any, fld: str, allowed: Iterable[int] | None, default: int | None) -> int | None:
    text = clean_text(value)
    if not text:
        return default
    try:
        number = float(text)
    except ValueError:
        raise _Bad(fld, "not a number", value) from None
    if number != int(number) or number < 0 or (allowed is not None and int(number) not in allowed):
        raise _Bad(fld, f"not one of {', '.join(map(str, allowed))}" if allowed else "not a whole number ≥ 0", value)
    return int(number)


def _types(row: Any) -> tuple[str, str]:
    sub, etype = clean_text(row.get("sub_event_type")), clean_text(row.get("event_type"))
    if sub:
        if sub not in SUB_EVENT_TYPES:
            raise _Bad("sub_event_type", "not an ACLED sub-event type", sub)
        return SUB_EVENT_TYPES[sub], sub  # a sub-type belongs to one type: it settles the type
    if etype not in EVENT_TYPES:
        raise _Bad("event_type", "not an ACLED event type", etype)
    return etype, ""


def _placement(row: Any, gazetteer: Any, geo: Geocoder, problems: list[RowProblem], file: str,
               line: int) -> Placed:
    location = clean_text(row.get("location"))
    if place_edited(row):
        return geocode_name(geo, location)
    pid = clean_text(row.get("place_id"))
    if pid:
        place = gazetteer.places.get(pid)
        if place is not None:
            precision = _small_int(row.get("geo_precision"), "geo_precision", PRECISIONS, None) or place.precision
            return Placed(place.id, place.district, place.lat, place.lon, max(precision, place.precision or 1))
        problems.append(RowProblem(file, line, "place_id", "not a place the gazetteer knows; placed by its name", pid))
    return geocode_name(geo, location)


def event_from_row(row: Any, gazetteer: Any, geo: Geocoder, *, file: str, line: int,
                   problems: list[RowProblem]) -> Event:
    """One kept row as an event (raises ``_Bad`` for a cell that cannot be read)."""
    etype, sub = _types(row)
    placed = _placement(row, gazetteer, geo, problems, file, line)
    ev = Event(
        event_date=_date(row.get("event_date")), event_type=etype, sub_event_type=sub,
        time_precision=_small_int(row.get("time_precision"), "time_precision", (1, 2, 3), TIME_DAY),
        actor1=clean_text(row.get("actor1")), assoc_actor_1=clean_text(row.get("assoc_actor_1")),
        actor2=clean_text(row.get("actor2")), assoc_actor_2=clean_text(row.get("assoc_actor_2")),
        location=clean_text(row.get("location")), place_id=placed.place_id, district=placed.district,
        latitude=placed.latitude, longitude=placed.longitude, geo_precision=placed.geo_precision,
        fatalities=_small_int(row.get("fatalities"), "fatalities", None, None),
        source=clean_text(row.get("source")), source_url=clean_text(row.get("source_url")), notes=clean_text(row.get("sentence")),
        origin=clean_text(row.get("origin")) or file,
        origin_line=_small_int(row.get("origin_line"), "origin_line", None, None) or None,
    )
    ev.event_id = _same_or_new_id(ev, clean_text(row.get("event_id")))
    return ev


def _same_or_new_id(ev: Event, given: str) -> str:
    """The row's own id when its content is unchanged (the id is a hash of that content, with or
    without the coordinates, as the report's plain ingest computes it), else the new content's."""
    from ..schema import content_id

    new = content_id(ev)
    if given and given != new:
        bare = Event(**{**{f: getattr(ev, f) for f in ("event_date", "event_type", "sub_event_type", "actor1",
                                                       "actor2", "location", "place_id", "fatalities", "notes")}})
        if content_id(bare) == given:
            return given
    return new


def events_from_rows(rows: Iterable[tuple[int, Any]], gazetteer: Any, *, file: str) -> Reviewed:
    """The kept rows (line number, mapping) as events; dropped rows are counted, never stored."""
    out = Reviewed()
    geo = Geocoder(gazetteer)
    for line, row in rows:
        try:
            if not _keep(row.get("keep")):
                out.dropped += 1
                continue
            out.events.append(event_from_row(row, gazetteer, geo, file=file, line=line, problems=out.notices))
        except _Bad as bad:
            out.problems.append(RowProblem(file, line, bad.field, bad.reason, bad.value))
    return out


def events_from_frame(frame: pd.DataFrame, gazetteer: Any, *, file: str) -> Reviewed:
    """:func:`events_from_rows` over the app's table (row numbers from 1)."""
    return events_from_rows(((i + 1, row) for i, (_, row) in enumerate(frame.iterrows())), gazetteer, file=file)


def store_reviewed(store: Any, reviewed: Reviewed, *, name: str) -> tuple[int, int]:
    """Store the kept events in one transaction (recorded as an ingest of ``name``): (inserted, duplicates)."""
    from ..store import utc_now

    started = utc_now()
    with store.transaction() as w:
        inserted, duplicates = w.insert(reviewed.events)
        w.record_ingest(file=name, format="review", sha256="", source="", started_at=started,
                        finished_at=utc_now(), read=reviewed.read, loaded=inserted,
                        rejected=len(reviewed.problems), duplicates=duplicates,
                        unresolved=sum(1 for e in reviewed.events if e.place_id is None))
    return inserted, duplicates
