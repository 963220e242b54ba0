"""Column mappings: which input column feeds which event field.

A mapping comes from ``--map field=column`` flags, from a small mapping file, and
from auto-detection of common column names (in that order of precedence).

Mapping file: JSON (see ``example.json``)::

    {"columns": {"event_date": "Date", "location": "Neighbourhood"},
     "date_format": "%d.%m.%Y",              # or "dmy" / "mdy"; default: sniffed, else dmy
     "constants": {"event_type": "Battles"},  # the same value for every row
     "values": {"sub_event_type": {"Barrel bomb": "Air/drone strike", "*": ""}},  # recode
     "templates": {"notes": "{Incident} ({Ref})", "event_id": "mysheet-{Ref}"}}

or plain ``field=column`` lines (``#`` comments; ``date_format=...``; ``field==value``
for a constant). Besides event fields, ``date_fallback`` names a column used when
the date column is empty or invalid, and ``date_start`` the start of a period that
ends on the event date (its length sets ``time_precision``).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, Iterable

from ..errors import IngestError
from ..headers import column_for_header
from ..readers.acled import OLD_COLUMNS

HERE = Path(__file__).resolve().parent
FIELDS: tuple[str, ...] = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "actor2", "assoc_actor_2", "location", "latitude", "longitude", "geo_precision",
    "fatalities", "source", "source_url", "notes", "date_fallback", "date_start",
)
# Auto-detected names (compared lower-cased, with spaces/dashes/dots as "_").
CANDIDATES: dict[str, tuple[str, ...]] = {
    "event_id": ("event_id_cnty", "event_id"),
    "event_date": ("event_date", "date", "day", "eventdate", "date_of_event", "incident_date", "datetime"),
    "time_precision": ("time_precision",),
    "event_type": ("event_type", "type", "eventtype", "category", "incident_type", "attack_type"),
    "sub_event_type": ("sub_event_type", "subtype", "sub_type", "sub_event"),
    "actor1": ("actor1", "actor_1", "actor", "perpetrator", "attacker"),
    "assoc_actor_1": ("assoc_actor_1", "ally_actor_1"),
    "actor2": ("actor2", "actor_2", "target", "victim", "opponent"),
    "assoc_actor_2": ("assoc_actor_2", "ally_actor_2"),
    "location": ("location", "place", "site", "neighbourhood", "neighborhood", "place_name", "locality",
                 "district", "area", "location_name"),
    "latitude": ("latitude", "lat", "y"),
    "longitude": ("longitude", "lon", "lng", "long", "x"),
    "geo_precision": ("geo_precision",),
    "fatalities": ("fatalities", "deaths", "killed", "dead", "fatality", "death_toll", "num_killed"),
    "source": ("source", "sources", "publisher", "outlet"),
    "source_url": ("source_url", "url", "link", "source_link"),
    "notes": ("notes", "description", "text", "summary", "details", "note", "comment", "comments"),
}


def norm(name: str) -> str:
    """A column name as compared: lower case, BOM and padding gone, separators as '_'."""
    return re.sub(r"[\s.\-/]+", "_", str(name).replace("\ufeff", "").strip().lower()).strip("_")


@dataclass(frozen=True)
class Mapping:
    """How rows become events (see the module docstring)."""

    columns: dict[str, str] = field(default_factory=dict)
    date_format: str | None = None
    constants: dict[str, Any] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    templates: dict[str, str] = field(default_factory=dict)
    name: str = ""
    # Other auto-detected columns per field, tried in order when a JSON record lacks the
    # chosen one ({"place": ...} in one record, {"location": ...} in the next).
    alternates: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def merged(self, other: "Mapping | None") -> "Mapping":
        """``other`` wins where both say something."""
        if other is None:
            return self
        return Mapping({**self.columns, **other.columns}, other.date_format or self.date_format,
                       {**self.constants, **other.constants}, {**self.values, **other.values},
                       {**self.templates, **other.templates}, other.name or self.name)

    def resolved(self, columns: Iterable[str]) -> "Mapping":
        """Column names made exact for this file's header (case/spacing-insensitive), plus
        auto-detected columns for fields not mapped; raises IngestError for a missing column."""
        header = list(columns)
        by_norm: dict[str, str] = {}
        for c in header:
            by_norm.setdefault(norm(c), c)
        for c in header:  # nested JSON ("geo.lat") also answers to its last part ("lat")
            if "." in c:
                by_norm.setdefault(norm(c.rsplit(".", 1)[1]), c)
        for old, new in OLD_COLUMNS.items():
            if old in by_norm and new not in by_norm:
                by_norm[new] = by_norm[old]
        for c in header:  # the app's Arabic CSV download names its columns in Arabic
            if (column := column_for_header(c)) is not None:
                by_norm.setdefault(column, c)
        cols: dict[str, str] = {}
        for f, c in self.columns.items():
            exact = c if c in header else by_norm.get(norm(c))
            if exact is None:
                raise IngestError(f"the mapping names column {c!r} for {f}, but the file has no such "
                                  f"column (columns: {', '.join(header[:40])})")
            cols[f] = exact
        used = set(cols.values())
        auto: dict[str, list[str]] = {}
        for f, names in CANDIDATES.items():
            if f in cols or f in self.constants or f in self.templates:
                continue
            found = [c for c in (by_norm.get(n) for n in names) if c is not None and c not in used]
            if found:
                cols[f] = found[0]
                used.add(found[0])
                auto[f] = found[1:]
        alternates = {f: tuple(c for c in alts if c not in used) for f, alts in auto.items()}
        return replace(self, columns=cols, alternates={f: a for f, a in alternates.items() if a})


def parse_map_flags(flags: Iterable[str]) -> Mapping:
    """``["event_date=Day", "event_type==Battles", "date_format=mdy"]`` → Mapping."""
    return _from_pairs(flags, "--map")


def _from_pairs(lines: Iterable[str], where: str) -> Mapping:
    cols: dict[str, str] = {}
    consts: dict[str, Any] = {}
    fmt = None
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if "=" not in line:
            raise IngestError(f"{where}: {line!r} is not field=column")
        key, value = (s.strip() for s in line.split("=", 1))
        key = key.lower()
        if key == "date_format":
            fmt = value
            continue
        if key not in FIELDS:
            raise IngestError(f"{where}: unknown field {key!r} (fields: {', '.join(FIELDS)})")
        if value.startswith("="):
            consts[key] = value[1:].strip()
        else:
            cols[key] = value
    return Mapping(cols, fmt, consts)


def load_mapping(source: str | Path | IO[str]) -> Mapping:
    """A mapping file (JSON or ``field=column`` lines), by path, bundled name or file object.

    A bare name such as ``example`` is looked up among the bundled mappings.
    """
    if hasattr(source, "read"):
        text, where = source.read(), getattr(source, "name", "mapping")
    else:
        path = Path(source)
        if not path.exists() and (HERE / f"{source}.json").exists():
            path = HERE / f"{source}.json"
        try:
            text, where = path.read_text(encoding="utf-8-sig"), str(path)
        except OSError as exc:
            raise IngestError(f"cannot read the mapping file {source}: {exc.strerror or exc}") from exc
    if text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise IngestError(f"{where}: not valid JSON ({exc})") from exc
        return _from_json(data, where)
    return _from_pairs(text.splitlines(), where)


def _from_json(data: dict, where: str) -> Mapping:
    def table(key: str) -> dict:
        value = data.get(key) or {}
        if not isinstance(value, dict):
            raise IngestError(f"{where}: {key!r} must be an object")
        return value

    known = {"columns", "constants", "values", "templates", "date_format", "name", "_doc", "description"}
    if not any(k in data for k in ("columns", "constants", "values", "templates")) and data and \
            all(k in FIELDS or k in known for k in data):
        data = {"columns": {k: v for k, v in data.items() if k in FIELDS},
                **{k: v for k, v in data.items() if k in known}}  # the flat form: {"event_date": "Datum"}
    unknown = [k for k in data if k not in known]
    if unknown:
        raise IngestError(f"{where}: unknown key {unknown[0]!r} (a mapping has {', '.join(sorted(known - {'_doc', 'description'}))}"
                          f", or is a flat {{field: column}} object)")
    cols, consts, vals, tmpl = table("columns"), table("constants"), table("values"), table("templates")
    for key in (*cols, *consts, *vals, *tmpl):
        if key not in FIELDS:
            raise IngestError(f"{where}: unknown field {key!r} (fields: {', '.join(FIELDS)})")
    fmt = data.get("date_format")
    return Mapping({k: str(v) for k, v in cols.items()}, str(fmt) if fmt else None, dict(consts),
                   {k: {str(a): str(b) for a, b in dict(v).items()} for k, v in vals.items()},
                   {k: str(v) for k, v in tmpl.items()}, str(data.get("name", "")))


def bundled(name: str) -> Path:
    """Path of a mapping shipped with the project (e.g. ``example``)."""
    return HERE / f"{name}.json"
