"""Changes to the user's gazetteer files, each journaled so that the last one can be undone.

Every function here validates against the gazetteer as it is now, rewrites the file(s) it
touches (sorted, atomically), appends one row to ``journal.csv`` and returns a
:class:`Change`. ``Change.before`` is the gazetteer as it was before the change: pass it to
``EventStore.regeocode(load(user=files), before=change.before)``, which places again the events
of every name the change resolves differently (a new place can also catch a name fuzzily),
and retries every unresolved event.
"""
from __future__ import annotations

import fcntl
import json
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

from .errors import NothingToUndo, UserPlaceError
from .normalize import normalize
from .safecsv import clean_cell, rewrite_rows
from .userfiles import REJECTION_HEADER, UserFiles, read_table
from .userplaces import HEADER as PLACE_HEADER, UserPlace, area_point, check_point, new_id, parse_area

ALIAS_HEADER = ("alias", "place_id")
JOURNAL_HEADER = ("at", "action", "summary", "ops")
ACTIONS = ("add-place", "remove-place", "add-alias", "remove-alias", "accept-match", "reject-match", "undo")
_HEADERS = {"places": PLACE_HEADER, "aliases": ALIAS_HEADER, "rejections": REJECTION_HEADER}


@dataclass(frozen=True)
class Change:
    """What a change did: ``action``, a one-line ``summary``, the gazetteer ``before`` it, and the
    ``place_id`` it concerned (a new place's id)."""

    action: str
    summary: str
    before: Any = field(default=None, repr=False, compare=False)
    place_id: str | None = None


def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _path(files: UserFiles, kind: str) -> Path:
    return {"places": files.places, "aliases": files.aliases, "rejections": files.rejections}[kind]


def _rows(files: UserFiles, kind: str) -> list[list[str]]:
    return [cells for _, cells in read_table(_path(files, kind), _HEADERS[kind])]


def _sort_key(kind: str):
    if kind == "places":
        return lambda r: r[0]
    return lambda r: (normalize(r[0]), r[0], r[1])


def _write(files: UserFiles, kind: str, rows: list[list[str]]) -> None:
    rewrite_rows(_path(files, kind), sorted(rows, key=_sort_key(kind)), header=_HEADERS[kind])


@contextmanager
def _locked(files: UserFiles) -> Iterator[None]:
    """One change at a time in a folder (a lock file beside the others)."""
    files.folder.mkdir(parents=True, exist_ok=True)
    with open(files.folder / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _apply(files: UserFiles, ops: list[tuple[str, str, list[str]]]) -> None:
    """Apply (kind, "add" | "remove", row) operations to the files."""
    tables: dict[str, list[list[str]]] = {}
    for kind, op, row in ops:
        rows = tables.setdefault(kind, _rows(files, kind))
        if op == "add":
            rows.append(list(row))
        else:
            try:
                rows.remove(list(row))
            except ValueError:
                raise UserPlaceError(f"the row {row!r} is no longer in the file (edited by hand?)",
                                     file=str(_path(files, kind))) from None
    for kind, rows in tables.items():
        _write(files, kind, rows)


def _journal(files: UserFiles, action: str, summary: str, ops: list) -> None:
    rows = [cells for _, cells in read_table(files.journal, JOURNAL_HEADER)]
    rows.append([now(), action, summary, json.dumps(ops, ensure_ascii=False, separators=(",", ":"))])
    rewrite_rows(files.journal, rows, header=JOURNAL_HEADER)


def _commit(files: UserFiles, action: str, summary: str, ops: list, before, place_id=None) -> Change:
    _apply(files, ops)
    _journal(files, action, summary, ops)
    return Change(action, summary, before, place_id)


def _gaz(files: UserFiles):
    from . import load

    return load(user=files)


def add_place(files: UserFiles, name: str, *, source: str, precision: int, lat: float | None = None,
              lon: float | None = None, area: str | dict | None = None, name_ar: str | None = None,
              aliases: Iterable[str] = ()) -> Change:
    """Add a place (a point, or an area as GeoJSON/WKT text or a GeoJSON dict) and its aliases."""
    name, name_ar, source = clean_cell(name or ""), clean_cell(name_ar or ""), clean_cell(source or "")
    aliases = [a for a in (clean_cell(a) for a in aliases) if normalize(a)]
    with _locked(files):
        gaz = _gaz(files)
        if not normalize(name):
            raise UserPlaceError("empty name", field="name")
        if not source:
            raise UserPlaceError("say where the coordinates come from (a map, a report, a colleague...)", field="source")
        if precision not in (1, 2, 3):
            raise UserPlaceError(f"{precision!r} is not 1, 2 or 3", field="precision")
        for n in (name, name_ar, *aliases):
            m = gaz.resolve(n) if n else None
            if m is not None and m.kind in ("exact", "alias"):
                raise UserPlaceError(f"{n!r} already names {m.place.name} ({m.place.id}): map the name to it instead",
                                     field="name")
        shape = None
        if area is not None and area != "":
            shape = parse_area(json.dumps(area) if isinstance(area, dict) else str(area))
            if lat is None or lon is None:
                lat, lon = area_point(shape)
        if lat is None or lon is None:
            raise UserPlaceError("a place needs a point (lat, lon) or an area", field="lat")
        check_point(float(lat), float(lon))
        pid = new_id(name, set(gaz.places))
        place = UserPlace(pid, name, name_ar or None, precision, round(float(lat), 6), round(float(lon), 6),
                          shape, source, now())
        ops = [("places", "add", place.row())] + [("aliases", "add", [a, pid]) for a in dict.fromkeys(aliases)]
        return _commit(files, "add-place", f"added place {name} ({pid})", ops, gaz, pid)


def remove_place(files: UserFiles, place_id: str) -> Change:
    """Remove a user place with its aliases and rejections (bundled places cannot be removed)."""
    with _locked(files):
        gaz = _gaz(files)
        rows = [r for r in _rows(files, "places") if r[0] == place_id]
        if not rows:
            kind = "a bundled place, which cannot be removed" if place_id in gaz.places else "no user place"
            raise UserPlaceError(f"{place_id!r} is {kind}", field="id")
        ops = [("places", "remove", rows[0])]
        ops += [("aliases", "remove", r) for r in _rows(files, "aliases") if r[1] == place_id]
        ops += [("rejections", "remove", r) for r in _rows(files, "rejections") if r[1] == place_id]
        return _commit(files, "remove-place", f"removed place {rows[0][1]} ({place_id})", ops, gaz, place_id)


def add_alias(files: UserFiles, alias: str, place_id: str, *, action: str = "add-alias") -> Change:
    """Map ``alias`` to a place (any rejection of the name is lifted)."""
    alias = clean_cell(alias or "")
    with _locked(files):
        gaz = _gaz(files)
        if not normalize(alias):
            raise UserPlaceError("empty alias", field="alias")
        if place_id not in gaz.places:
            raise UserPlaceError(f"unknown place id {place_id!r}", field="place_id")
        m = gaz.resolve(alias)
        if m is not None and m.place.id == place_id and m.kind in ("exact", "alias"):
            raise UserPlaceError(f"{alias!r} already names {m.place.name}", field="alias")
        key = normalize(alias)
        ops = [("aliases", "remove", r) for r in _rows(files, "aliases") if normalize(r[0]) == key]
        ops += [("rejections", "remove", r) for r in _rows(files, "rejections") if normalize(r[0]) == key]
        ops.append(("aliases", "add", [alias, place_id]))
        verb = "accepted" if action == "accept-match" else "mapped"
        return _commit(files, action, f"{verb} {alias} → {gaz.place(place_id).name}", ops, gaz, place_id)


def remove_alias(files: UserFiles, alias: str) -> Change:
    """Remove the user's alias(es) spelled like ``alias`` (after normalisation)."""
    with _locked(files):
        gaz = _gaz(files)
        key = normalize(alias or "")
        ops = [("aliases", "remove", r) for r in _rows(files, "aliases") if normalize(r[0]) == key]
        if not ops:
            raise UserPlaceError(f"no user alias {alias!r}", field="alias")
        return _commit(files, "remove-alias", f"removed alias {alias}", ops, gaz)


def accept_match(files: UserFiles, name: str, place_id: str) -> Change:
    """Confirm a fuzzy match: ``name`` becomes a user alias of the place."""
    return add_alias(files, name, place_id, action="accept-match")


def reject_match(files: UserFiles, name: str, place_id: str) -> Change:
    """Say ``name`` is not ``place_id``: the name abstains from now on (its events go unresolved)."""
    name = clean_cell(name or "")
    with _locked(files):
        gaz = _gaz(files)
        if not normalize(name):
            raise UserPlaceError("empty name", field="name")
        key = normalize(name)
        ops = [("aliases", "remove", r) for r in _rows(files, "aliases") if normalize(r[0]) == key]
        if any(normalize(r[0]) == key for r in _rows(files, "rejections")):
            raise UserPlaceError(f"{name!r} is already rejected", field="name")
        ops.append(("rejections", "add", [name, place_id, now()]))
        place = gaz.places.get(place_id)
        return _commit(files, "reject-match", f"rejected {name} → {place.name if place else place_id}", ops,
                       gaz, place_id)


def history(files: UserFiles) -> list[dict]:
    """The journal, oldest first: ``at``, ``action``, ``summary``."""
    return [dict(zip(JOURNAL_HEADER[:3], cells[:3])) for _, cells in read_table(files.journal, JOURNAL_HEADER)]


def undo(files: UserFiles) -> Change:
    """Revert the last journaled change (and drop it from the journal)."""
    with _locked(files):
        gaz = _gaz(files)
        rows = [cells for _, cells in read_table(files.journal, JOURNAL_HEADER)]
        if not rows:
            raise NothingToUndo("nothing to undo")
        at, action, summary, ops_text = rows[-1]
        try:
            ops = [(k, "remove" if op == "add" else "add", row) for k, op, row in reversed(json.loads(ops_text))]
        except (ValueError, TypeError):
            raise UserPlaceError("the last journal row cannot be read", file=str(files.journal),
                                 line=len(rows) + 1, field="ops") from None
        _apply(files, ops)
        rewrite_rows(files.journal, rows[:-1], header=JOURNAL_HEADER)
        return Change("undo", f"undid: {summary}", gaz)


def user_aliases(files: UserFiles) -> list[tuple[str, str]]:
    """The user's (alias, place_id) rows, as the file holds them."""
    return [(a, pid) for a, pid in _rows(files, "aliases")]


def undoable(files: UserFiles) -> int:
    """How many changes the journal holds (each can be undone, newest first)."""
    return len(read_table(files.journal, JOURNAL_HEADER))
