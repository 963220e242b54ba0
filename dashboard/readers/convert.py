"""One input row (list or dict) → an :class:`Event` or a :class:`RowProblem`, by a mapping.

No geocoding here (see ``dashboard.geocode``): only parsing and checking of values.
Getters are compiled once per file so that a row costs a few dict/list lookups.
"""
from __future__ import annotations

import string
from datetime import date
from operator import attrgetter, itemgetter
from typing import Any, Callable

from ..errors import RowProblem
from ..mappings import Mapping
from ..schema import COLUMNS, TIME_DAY, TIME_MONTH, TIME_WEEK, Event
from . import fields as F

_TEXT_FIELDS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "location", "source",
                "source_url", "notes")
_NUMERIC = (("latitude", F.number), ("longitude", F.number), ("fatalities", F.fatalities),
            ("geo_precision", F.precision), ("time_precision", F.precision))
# Text fields whose values repeat (actors, places, sources): cleaned once per distinct value.
_REPEATING = frozenset(_TEXT_FIELDS) - {"notes"}
_CACHE_MAX = 100_000  # distinct values remembered per cache (memory stays bounded)
MIN_DAY = date.min
_ALL = attrgetter(*COLUMNS)


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
        self._index = {c: i for i, c in enumerate(columns)}
        self._fmt = string.Formatter()
        self._types: dict[tuple[str, str], tuple[str, str] | str] = {}
        self.get: dict[str, Callable[[Any, Any], Any]] = {}
        for f in set(mapping.columns) | set(mapping.constants) | set(mapping.templates):
            self.get[f] = self._compile(f)
        none = lambda r, c: None  # noqa: E731
        self._date = self.get.get("event_date", none)
        self._fallback = self.get.get("date_fallback")
        self._start = self.get.get("date_start")
        self._etype, self._esub = self.get.get("event_type", none), self.get.get("sub_event_type", none)
        self._nums = [(f, self.get[f], parse) for f, parse in _NUMERIC if f in self.get]
        self._texts = [(f, self.get[f]) for f in _TEXT_FIELDS if f in self.get]
        self._eid = self.get.get("event_id")
        self._needs_cells = bool(mapping.templates)
        self._setup_fast()

    def _compile(self, f: str) -> Callable[[Any, Any], Any]:
        m = self.m
        if f in m.templates:
            tmpl, fmt = m.templates[f], self._fmt
            get = lambda r, cells: fmt.vformat(tmpl, (), cells).strip()  # noqa: E731
        elif f in m.columns:
            col = m.columns[f]
            alts = m.alternates.get(f, ()) if self.dict_rows else ()
            if alts:
                cols = (col, *alts)
                get = lambda r, cells: next((v for v in (r.get(c) for c in cols) if not F.is_null(v)), None)  # noqa: E731
            elif self.dict_rows:
                get = lambda r, cells: r.get(col)  # noqa: E731
            else:
                i = self._index[col]
                get = lambda r, cells: r[i] if i < len(r) else None  # noqa: E731
        else:
            const = m.constants[f]
            get = lambda r, cells: const  # noqa: E731
        if f in m.values:
            table, inner = m.values[f], get

            def get(r, cells, inner=inner, table=table):
                v = inner(r, cells)
                return table.get(F.text(v), table.get("*", v))
        return get

    def has(self, field: str) -> bool:
        return field in self.get

    def _type(self, t: str, s: str) -> tuple[str, str] | str:
        key = (t, s)
        try:
            return self._types[key]
        except KeyError:
            try:
                out: tuple[str, str] | str = F.event_type(t, s)
            except ValueError as exc:
                out = str(exc)
            self._types[key] = out
            return out

    def _setup_fast(self) -> None:
        """A fast path for list rows whose fields all come straight from columns (ACLED and
        most CSV/XLSX files): one ``itemgetter`` per row, caches of cleaned values, and the
        values laid out in ``COLUMNS`` order. It only handles rows without problems; anything
        unusual goes to :meth:`_convert`, the reference path, so both give the same events
        and the same problems."""
        m = self.m
        used = set(self.get)
        plain = (not self.dict_rows and not m.templates and not m.values and not m.constants
                 and "event_date" in m.columns and "date_start" not in used
                 and ("event_type" in used or "sub_event_type" in used))
        self.fast = plain  # whether rows take the fast path
        if not plain:
            return
        order = ["event_date", "event_type", "sub_event_type"] + [f for f, _ in _NUMERIC] + \
            list(_TEXT_FIELDS) + ["event_id"]
        present = [f for f in order if f in m.columns]
        idx = [self._index[m.columns[f]] for f in present]
        pos = {f: k for k, f in enumerate(present)}
        at = {f: j for j, f in enumerate(COLUMNS)}  # Event's positional order
        self._width = max(idx) + 1
        self._pick = itemgetter(*idx) if len(idx) > 1 else (lambda r, i=idx[0]: (r[i],))
        self._p_type, self._p_sub = pos.get("event_type", -1), pos.get("sub_event_type", -1)
        # (cell, slot, parser, memo): small-domain numbers (counts, precisions) are memoised.
        self._p_nums = tuple((pos[f], at[f], parse, None if f in ("latitude", "longitude") else {})
                             for f, parse in _NUMERIC if f in pos)
        self._p_texts = tuple((pos[f], at[f], f in _REPEATING) for f in _TEXT_FIELDS if f in pos)
        self._p_eid = pos.get("event_id", -1)
        self._at_tp, self._at_source, self._at_url = at["time_precision"], at["source"], at["source_url"]
        self._at_eid, self._at_line = at["event_id"], at["origin_line"]
        blank = Event(MIN_DAY, "")
        blank.origin = self.file
        self._blank = [getattr(blank, f) for f in COLUMNS]
        self._raw_types: dict[tuple, tuple[str, str] | str] = {}
        self._clean: dict[Any, str] = {}

    def convert(self, line: int, row: Any) -> Event | RowProblem:
        """The event of one row, or the first problem found in it."""
        if self.fast and (self.dict_rows or len(row) <= len(self.columns)):
            a = self._fast_record(line, row)
            if a is not None:
                return Event(*a)
        return self._convert(line, row)

    def record(self, line: int, row: Any) -> list | RowProblem:
        """Like :meth:`convert`, but the event as a list of its values in ``COLUMNS`` order
        (what the store inserts): the ingest hot path makes no ``Event`` object."""
        if self.fast and (self.dict_rows or len(row) <= len(self.columns)):
            a = self._fast_record(line, row)
            if a is not None:
                return a
        ev = self._convert(line, row)
        return ev if ev.__class__ is RowProblem else list(_ALL(ev))

    def _fast_record(self, line: int, row: Any) -> list | None:
        """The record of a row without problems, or None (then :meth:`_convert` decides)."""
        if len(row) < self._width:
            return None
        v = self._pick(row)
        raw_date = v[0]
        try:
            when = self.dates._cache[raw_date]
        except (KeyError, TypeError):
            try:
                when = self.dates(raw_date)
            except ValueError:
                return None
        pt, ps = self._p_type, self._p_sub
        key = (v[pt] if pt >= 0 else None, v[ps] if ps >= 0 else None)
        try:
            typ = self._raw_types[key]
        except KeyError:
            typ = self._type(F.text(key[0]), F.text(key[1]))
            if len(self._raw_types) < _CACHE_MAX:
                self._raw_types[key] = typ
        except TypeError:
            return None
        if typ.__class__ is str:
            return None
        a = self._blank[:]
        a[0], a[1], a[2] = when, typ[0], typ[1]
        for k, j, parse, memo in self._p_nums:
            raw = v[k]
            if memo is not None:
                try:
                    a[j] = memo[raw]
                    continue
                except (KeyError, TypeError):
                    pass
            try:
                x = a[j] = parse(raw)
            except ValueError:
                return None
            if memo is not None and len(memo) < _CACHE_MAX:
                try:
                    memo[raw] = x
                except TypeError:
                    pass
        if not a[self._at_tp]:
            a[self._at_tp] = TIME_DAY
        clean, text = self._clean, F.text
        for k, j, repeats in self._p_texts:
            raw = v[k]
            if raw is None:
                continue
            if repeats:
                try:
                    a[j] = clean[raw]
                    continue
                except (KeyError, TypeError):
                    s = a[j] = text(raw)
                    if len(clean) < _CACHE_MAX:
                        try:
                            clean[raw] = s
                        except TypeError:
                            pass
            else:
                a[j] = text(raw)
        if not a[self._at_source]:
            a[self._at_source] = self.source_default
        if not a[self._at_url]:
            a[self._at_url] = self.url_default
        if self._p_eid >= 0:
            eid = text(v[self._p_eid])
            if eid:
                a[self._at_eid] = eid[:64]
        a[self._at_line] = line
        return a

    def _convert(self, line: int, row: Any) -> Event | RowProblem:
        """The reference conversion (every mapping, every kind of row; reports problems)."""
        if not self.dict_rows and len(row) > len(self.columns) and any(
                not F.is_null(v) and str(v).strip() for v in row[len(self.columns):]):
            # the values would land in the wrong columns: say so rather than load them shifted
            return RowProblem(self.file, line, "record", f"{len(row)} values but {len(self.columns)} columns "
                              "(a comma in an unquoted value?)", ",".join(map(str, row[len(self.columns):]))[:80])
        cells = None
        if self._needs_cells:
            items = row.items() if self.dict_rows else zip(self.columns, row)
            cells = _Cells((k, F.text(v)) for k, v in items)
        col = self.m.columns.get

        def problem(f: str, reason: str, value: Any = "") -> RowProblem:
            return RowProblem(self.file, line, col(f, f), reason, F.text(value)[:200])

        raw_date = self._date(row, cells)
        try:
            when = self.dates(raw_date)
        except ValueError as exc:
            try:
                fallback = self._fallback(row, cells) if self._fallback else None
                if F.is_null(fallback):
                    raise ValueError
                when = self.dates(fallback)
            except ValueError:
                return problem("event_date", str(exc), raw_date)
        typ = self._type(F.text(self._etype(row, cells)), F.text(self._esub(row, cells)))
        if typ.__class__ is str:
            f = "event_type" if self.has("event_type") or not self.has("sub_event_type") else "sub_event_type"
            return problem(f, typ, self.get[f](row, cells) if f in self.get else "")
        values: dict[str, Any] = {}
        for f, get, parse in self._nums:
            raw = get(row, cells)
            try:
                values[f] = parse(raw)
            except ValueError as exc:
                return problem(f, str(exc), raw)
        tp = values.pop("time_precision", None)
        if tp is None and self._start is not None:
            tp = self._period_precision(row, cells, when)
        ev = Event(event_date=when, event_type=typ[0], sub_event_type=typ[1], time_precision=tp or TIME_DAY,
                   origin=self.file, origin_line=line, **values)
        for f, get in self._texts:
            v = get(row, cells)
            if v is not None:
                setattr(ev, f, F.text(v))
        if not ev.source:
            ev.source = self.source_default
        if not ev.source_url:
            ev.source_url = self.url_default
        if self._eid is not None:
            eid = F.text(self._eid(row, cells))
            if eid:
                ev.event_id = eid[:64]
        return ev

    def _period_precision(self, row: Any, cells: dict | None, end) -> int:
        # The event happened somewhere in [start, end]: precision says how wide that is.
        try:
            start = self.dates(self._start(row, cells))
        except ValueError:
            return TIME_MONTH
        days = (end - start).days
        if 0 <= days <= 1:
            return TIME_DAY
        if 0 <= days <= 7:
            return TIME_WEEK
        return TIME_MONTH
