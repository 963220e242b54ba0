"""JSON (an array of records, or an object holding one under events/data/records/...) and JSONL.

Hostile JSON is a problem of its record, never of the file: a record nested thousands deep
(the stdlib parser's recursion limit) or deeper than ``MAX_DEPTH``, a number with thousands of
digits (kept as its text, which the field parsers then reject), a line that is not JSON.
"""
from __future__ import annotations

import json
from typing import IO, Any, Iterator

from ..errors import IngestError, RowProblem
from . import Table
from .lines import Lines, decode_document

LIST_KEYS = ("events", "data", "records", "rows", "items", "results")
MAX_DEPTH = 64  # nesting inside one record; deeper is not event data
MAX_INT_DIGITS = 40


def _parse_int(text: str) -> int | str:
    return int(text) if len(text) <= MAX_INT_DIGITS else text  # int() refuses > 4,300 digits


_DECODER = json.JSONDecoder(parse_int=_parse_int)


class TooDeep(ValueError):
    """A record nested deeper than ``MAX_DEPTH``."""


def _check_depth(value: Any) -> None:
    stack = [(value, 1)]
    while stack:
        v, d = stack.pop()
        if d > MAX_DEPTH:
            raise TooDeep(f"nested more than {MAX_DEPTH} levels deep")
        children = v.values() if isinstance(v, dict) else v
        stack.extend((c, d + 1) for c in children if isinstance(c, (dict, list)))


def flatten(record: dict, prefix: str = "") -> dict[str, Any]:
    """One level of nesting becomes dotted names: ``{"geo": {"lat": 1}}`` → ``{"geo.lat": 1}``.
    Raises :class:`TooDeep` for a value nested deeper than ``MAX_DEPTH``."""
    out: dict[str, Any] = {}
    for k, v in record.items():
        if isinstance(v, dict) and not prefix:
            out.update(flatten(v, f"{k}."))
        elif isinstance(v, list) and all(isinstance(x, (str, int, float)) for x in v):
            out[prefix + str(k)] = "; ".join(str(x) for x in v)
        else:
            if isinstance(v, (dict, list)):
                _check_depth(v)
            out[prefix + str(k)] = v
    return out


def _flat(value: Any) -> Any:
    if isinstance(value, BadRecord):
        return value
    try:
        return flatten(value) if isinstance(value, dict) else value
    except TooDeep as exc:
        return BadRecord(str(exc))


def load_document(binary: IO[bytes], *, head: bytes = b"", what: str = "JSON",
                  list_keys: tuple[str, ...] = LIST_KEYS) -> tuple[Any, str]:
    """(data, note on its encoding) of a whole JSON document; when it is nested too deeply for
    the parser, its records are parsed one by one (a too-deep record becomes a :class:`BadRecord`)."""
    text, note = decode_document(binary.read())
    try:
        data = _DECODER.decode(text)
    except RecursionError:
        from .jsonsplit import records_one_by_one

        data = records_one_by_one(text, _DECODER, list_keys)
    except json.JSONDecodeError as exc:
        raise IngestError(f"not valid {what} ({exc})") from exc
    return data, note


def _columns(records: list[dict]) -> list[str]:
    seen: dict[str, None] = {}
    for r in records[:2000]:
        seen.update(dict.fromkeys(r))
    return list(seen)


def read_json(binary: IO[bytes], *, head: bytes = b"") -> Table:
    """Records of a JSON document (loaded whole: JSON arrays cannot be streamed by the stdlib)."""
    data, note = load_document(binary, head=head)
    if isinstance(data, dict):
        if data.get("type") in ("FeatureCollection", "Feature"):
            from .geojson import table_from_geojson

            table = table_from_geojson(data)
            table.notes += [note] if note else []
            return table
        key = next((k for k in LIST_KEYS if isinstance(data.get(k), list)), None)
        if key is None:
            raise IngestError(f"a JSON object, but no list of records under {', '.join(LIST_KEYS)}")
        data = data[key]
    if not isinstance(data, list):
        raise IngestError("JSON must be an array of records or an object holding one")
    records = [_flat(r) for r in data]
    bad = [n for n, r in enumerate(records, start=1) if not isinstance(r, dict)]
    table = Table(_columns([r for r in records if isinstance(r, dict) and not isinstance(r, BadRecord)]),
                  ((n, r) for n, r in enumerate(records, start=1) if isinstance(r, dict)), dict_rows=True)
    table.problems = [RowProblem("", n, "record", "not a JSON object") for n in bad]  # type: ignore[attr-defined]
    table.notes += [note] if note else []
    return table


def read_jsonl(binary: IO[bytes], *, head: bytes = b"") -> Table:
    """One JSON object per line, streamed; a bad line is a problem, not a failure."""
    text = Lines(binary, head)
    first: list[tuple[int, Any]] = []
    lines = enumerate(text, start=1)
    for n, line in lines:
        if line.strip():
            first.append((n, _load(line)))
        elif n in text.skipped:
            first.append((n, BadRecord(text.skipped.pop(n))))
        if len(first) >= 200:
            break
    columns = _columns([r for _, r in first if isinstance(r, dict) and not isinstance(r, BadRecord)])
    table = Table(columns, iter(()), dict_rows=True)

    def rows() -> Iterator[tuple[int, Any]]:
        yield from first
        for n, line in lines:
            if line.strip():
                yield n, _load(line)
            elif n in text.skipped:
                yield n, BadRecord(text.skipped.pop(n))
        table.notes.extend(text.notes)

    table.rows = rows()
    return table


def _load(line: str) -> Any:
    try:
        value = _DECODER.decode(line)
    except json.JSONDecodeError as exc:
        return BadRecord(f"not valid JSON ({exc.msg})")
    except RecursionError:
        return BadRecord("not readable JSON (nested too deeply)")
    if not isinstance(value, dict):
        return BadRecord("not a JSON object")
    return _flat(value)


class BadRecord(dict):
    """A row that could not be parsed at all; ``reason`` says why (the row is empty)."""

    def __init__(self, reason: str):
        super().__init__()
        self.reason = reason
