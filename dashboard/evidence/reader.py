"""Damage-assessment files: recognised by their columns, read row by row into damage sites.

A table is a damage assessment when it has a damage-class column (UNOSAT's ``damage_code``
or ``Main_Damage_Site_Class``, the CSR set's ``DamageID1``, a ``damage_level``...), a date of
imagery (``SensorDate``, ``sensor_date``, ``DatePeriodEnd``, ``image_date``...) and
coordinates, and no event columns (type, actors, fatalities). Such a file becomes evidence,
never events. Any row that cannot be read is a :class:`RowProblem` (file, line, column,
reason); the others load.
"""
from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from ..errors import RowProblem
from ..mappings import norm
from ..readers import fields as F
from . import LEVEL_DESTROYED, LEVEL_MODERATE, LEVEL_POSSIBLE, LEVEL_SEVERE, DAMAGE_LEVELS, DamageSite

# Column names per field, compared after ``norm`` (lower case, separators as "_"), best first.
CANDIDATES: dict[str, tuple[str, ...]] = {
    "damage": ("damage_code", "damageid1", "damage_id1", "main_damage_site_class", "damage_level",
               "damage_class", "main_damage", "damage_status", "damage_category", "damage"),
    "window_start": ("dateperiodstart", "date_period_start", "window_start", "imagery_window_start",
                     "pre_image_date", "pre_imagery_date", "previous_image_date", "previous_sensor_date",
                     "pre_sensor_date", "sensor_date_1", "sensordate1"),
    "window_end": ("dateperiodend", "date_period_end", "window_end", "imagery_window_end"),
    "sensor_date": ("sensordate", "sensor_date", "sensor_date_2", "sensordate2", "image_date", "imagery_date",
                    "post_image_date", "acquisition_date", "observed", "observed_on"),
    "latitude": ("latitude", "lat", "y", "__latitude"),
    "longitude": ("longitude", "long", "lon", "lng", "x", "__longitude"),
    "confidence": ("confidenceid", "confidence", "confidence_id", "confidence_level"),
    "cause": ("damagecause", "damage_cause", "cause"),
    "site_type": ("site_type", "sitetype", "siteid", "main_damage_site_type", "structure_type", "building_type"),
    "sensor": ("sensor", "sensorid", "sensor_id", "satellite", "imagery_source"),
    "place": ("neighbourhood", "neighborhood", "neighbourhood_name", "neighborhood_name", "place", "place_name",
              "location", "locality", "area"),
    "source": ("source", "sources"),
    "given_id": ("objectid", "object_id", "fid", "site_no", "damage_site_id", "id"),
}
# A file with any of these is about events, whatever else it has.
EVENT_COLUMNS = frozenset({"event_type", "sub_event_type", "actor1", "actor2", "actor", "fatalities",
                           "event_id_cnty", "perpetrator", "killed", "deaths"})
SNIFF_ROWS = 1000


def column_map(columns: Iterable[str]) -> dict[str, str]:
    """{field: the file's column} for every field the header has (first candidate wins)."""
    by_norm: dict[str, str] = {}
    for c in columns:
        by_norm.setdefault(norm(c), c)
    out: dict[str, str] = {}
    used: set[str] = set()
    for f, names in CANDIDATES.items():
        for n in names:
            c = by_norm.get(n)
            if c is not None and c not in used:
                out[f] = c
                used.add(c)
                break
    return out


def is_damage_table(columns: Iterable[str]) -> bool:
    """True for the header of a damage assessment (see the module docstring)."""
    cols = list(columns)
    if any(norm(c) in EVENT_COLUMNS for c in cols):
        return False
    found = column_map(cols)
    has_date = any(f in found for f in ("window_end", "sensor_date"))
    return "damage" in found and has_date and "latitude" in found and "longitude" in found


def parse_level(value: Any) -> tuple[int | None, str]:
    """(UNOSAT level or None, the class as written); ``ValueError`` for an unknown code.

    Codes 1, 2, 3, 6; words: destroyed, severe, moderate, possible (any case, any extra
    words: "Destroyed (bld)", "Severe Damage"); anything else (impact craters, "Unknown /
    Uncertain") is kept as written with no level.
    """
    written = F.text(value)
    if not written:
        raise ValueError("missing damage class")
    try:
        code = F.count(written)
    except ValueError:
        code = None
    if code is not None:
        if code not in DAMAGE_LEVELS:
            raise ValueError("unknown damage code (UNOSAT codes: 1 destroyed, 2 severe, 3 moderate, 6 possible)")
        return code, written
    low = written.casefold()
    if "no visible damage" in low or low in ("none", "no damage", "undamaged"):
        raise ValueError("no damage: not a damage site")
    for word, level in (("destroy", LEVEL_DESTROYED), ("severe", LEVEL_SEVERE), ("moderate", LEVEL_MODERATE),
                        ("possibl", LEVEL_POSSIBLE)):
        if word in low:
            return level, written
    return None, written


def sniff_order(rows: list[tuple[int, Any]], getters: list[Callable[[Any], Any]]) -> str:
    """'mdy' when the file's numeric dates can only be read month first, else 'dmy'."""
    votes: Counter = Counter()
    for _, row in rows:
        for get in getters:
            ev = F.date_order_evidence(get(row))
            if ev:
                votes[ev] += 1
    return "mdy" if votes["mdy"] > votes["dmy"] else "dmy"


@dataclass
class DamageRows:
    """The rows of one damage table as sites or problems (see :meth:`convert`)."""

    columns: dict[str, str]  # field -> the file's column
    file: str
    get: dict[str, Callable[[Any], Any]]
    dates: F.DateParser
    source: str = ""

    @classmethod
    def open(cls, header: list[str], rows: Iterable[tuple[int, Any]], *, file: str, dict_rows: bool,
             source: str = "") -> tuple["DamageRows", Iterable[tuple[int, Any]]]:
        """A converter for this header, and the rows (a sample is read to learn the date order)."""
        cols = column_map(header)
        index = {c: i for i, c in enumerate(header)}

        def getter(col: str) -> Callable[[Any], Any]:
            if dict_rows:
                return lambda r: r.get(col)
            i = index[col]
            return lambda r: r[i] if i < len(r) else None

        get = {f: getter(c) for f, c in cols.items()}
        it = iter(rows)
        sample = list(itertools.islice(it, SNIFF_ROWS))
        order = sniff_order(sample, [get[f] for f in ("window_start", "window_end", "sensor_date") if f in get])
        return cls(cols, file, get, F.DateParser(order=order), source), itertools.chain(sample, it)

    def _value(self, f: str, row: Any) -> Any:
        g = self.get.get(f)
        return g(row) if g is not None else None

    def convert(self, line: int, row: Any) -> DamageSite | RowProblem:
        """One row as a :class:`DamageSite` (no district yet) or the first problem in it."""
        def problem(f: str, reason: str, value: Any = "") -> RowProblem:
            shown = "geometry" if self.columns.get(f, f).startswith("__") else self.columns.get(f, f)
            return RowProblem(self.file, line, shown, reason, F.text(value)[:200])

        try:
            level, written = parse_level(self._value("damage", row))
        except ValueError as exc:
            return problem("damage", str(exc), self._value("damage", row))
        coords = []
        for f in ("latitude", "longitude"):
            raw = self._value(f, row)
            try:
                x = F.number(raw)
            except ValueError as exc:
                return problem(f, str(exc), raw)
            if x is None:
                return problem(f, "missing coordinate")
            coords.append(x)
        end = start = None
        for f in ("window_end", "sensor_date"):  # the later image: the window's end, else the image day
            raw = self._value(f, row)
            if F.is_null(raw):
                continue
            try:
                end = self.dates(raw)
                break
            except ValueError as exc:
                if f == "sensor_date" or "sensor_date" not in self.get:
                    return problem(f, str(exc), raw)
        if end is None:
            return problem("sensor_date" if "sensor_date" in self.get else "window_end", "missing imagery date")
        raw = self._value("window_start", row)
        if not F.is_null(raw):
            try:
                start = self.dates(raw)
            except ValueError as exc:
                return problem("window_start", str(exc), raw)
            if start > end:
                return problem("window_start", f"imagery window starts after it ends ({end.isoformat()})", raw)
        site = DamageSite(latitude=coords[0], longitude=coords[1], window_start=start or end, window_end=end,
                          damage_level=level, damage=written, origin=self.file, origin_line=line,
                          source=F.text(self._value("source", row)) or self.source,
                          **{f: F.text(self._value(f, row)) for f in ("confidence", "cause", "site_type",
                                                                        "sensor", "place")})
        site.ensure_id(F.text(self._value("given_id", row)))
        return site

