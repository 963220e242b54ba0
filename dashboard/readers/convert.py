"""One input row (list or dict) → an :class:`Event` or a :class:`RowProblem`, by a mapping.

No geocoding here (see ``dashboard.geocode``): only parsing and checking of values.
"""
from __future__ import annotations

import string
from typing import Any, Callable

from ..errors import RowProblem
from ..mappings import Mapping
from ..schema import TIME_DAY, TIME_MONTH, TIME_WEEK, Event
from . import fields as F

_TEXT_FIELDS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "location", "source",
                "source_url", "notes")


class _Cells(dict):
    """Template values: a missing column renders as ''."""

    def __missing__(self, key: str) -> str:
        return ""


class RowConverter:
    """Converts the rows of one file. ``columns`` is the header (for list rows)."""

    def __init__(self, mapping: Mapping, columns: list[str], *, file: str, dict_rows: bool,
                 date_order: str = "dmy", source: str | None = None, url: str | None = None):
        self.m, self.file, self.columns = mapping, file, columns
        self.dates = F.DateParser(fmt=mapping.date_format, order=date_order)
        self.source_default, self.url_default = source or "", url or ""
        self.dict_rows = dict_rows
        index = {c: i for i, c in enumerate(columns)}
        self._get: dict[str, Callable[[Any], Any]] = {}
        for f, col in mapping.columns.items():
            if dict_rows:
                self._get[f] = (lambda r, c=col: r.get(c))
            else:
                i = index[col]
                self._get[f] = (lambda r, i=i: r[i] if i < len(r) else None)
        self._fmt = string.Formatter()
        self._needs_cells = bool(mapping.templates)

    def has(self, field: str) -> bool:
        return field in self._get or field in self.m.constants or field in self.m.templates

    def _raw(self, row: Any, f: str, cells: dict | None) -> Any:
        if f in self.m.templates and cells is not None:
            return self._fmt.vformat(self.m.templates[f], (), cells).strip()
        get = self._get.get(f)
        value = get(row) if get is not None else self.m.constants.get(f)
        if f in self.m.values:
            table = self.m.values[f]
            key = F.text(value)
            value = table.get(key, table.get("*", value))
        return value

    def convert(self, line: int, row: Any) -> Event | RowProblem:
        """The event of one row, or the first problem found in it."""
        cells = None
        if self._needs_cells:
            items = row.items() if self.dict_rows else zip(self.columns, row)
            cells = _Cells((k, F.text(v)) for k, v in items)
        col = self.m.columns.get

        def problem(f: str, reason: str, value: Any = "") -> RowProblem:
            return RowProblem(self.file, line, col(f, f), reason, F.text(value)[:200])

        raw_date = self._raw(row, "event_date", cells)
        try:
            when = self.dates(raw_date)
        except ValueError as exc:
            fallback = self._raw(row, "date_fallback", cells) if self.has("date_fallback") else None
            try:
                if F.is_null(fallback):
                    raise ValueError
                when = self.dates(fallback)
            except ValueError:
                return problem("event_date", str(exc), raw_date)
        try:
            etype, sub = F.event_type(F.text(self._raw(row, "event_type", cells)),
                                      F.text(self._raw(row, "sub_event_type", cells)))
        except ValueError as exc:
            f = "event_type" if self.has("event_type") or not self.has("sub_event_type") else "sub_event_type"
            return problem(f, str(exc), self._raw(row, f, cells))
        values: dict[str, Any] = {}
        for f, parse in (("latitude", F.number), ("longitude", F.number), ("fatalities", F.count),
                         ("geo_precision", F.precision), ("time_precision", F.precision)):
            raw = self._raw(row, f, cells)
            try:
                values[f] = parse(raw)
            except ValueError as exc:
                return problem(f, str(exc), raw)
        tp = values.pop("time_precision")
        if tp is None and self.has("date_start"):
            tp = self._period_precision(row, cells, when)
        ev = Event(event_date=when, event_type=etype, sub_event_type=sub, time_precision=tp or TIME_DAY,
                   origin=self.file, origin_line=line, **values)
        for f in _TEXT_FIELDS:
            v = self._raw(row, f, cells)
            if v is not None:
                setattr(ev, f, F.text(v))
        if not ev.source:
            ev.source = self.source_default
        if not ev.source_url:
            ev.source_url = self.url_default
        eid = F.text(self._raw(row, "event_id", cells))
        if eid:
            ev.event_id = eid[:64]
        return ev

    def _period_precision(self, row: Any, cells: dict | None, end) -> int:
        # The event happened somewhere in [start, end]: precision says how wide that is.
        try:
            start = self.dates(self._raw(row, "date_start", cells))
        except ValueError:
            return TIME_MONTH
        days = (end - start).days
        if 0 <= days <= 1:
            return TIME_DAY
        if 0 <= days <= 7:
            return TIME_WEEK
        return TIME_MONTH
