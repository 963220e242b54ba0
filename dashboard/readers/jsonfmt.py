"""JSON (an array of records, or an object holding one under events/data/records/...) and JSONL."""
from __future__ import annotations

import io
import json
from typing import IO, Any, Iterator

from ..errors import IngestError, RowProblem
from . import Table, decode_guess

LIST_KEYS = ("events", "data", "records", "rows", "items", "results")


def flatten(record: dict, prefix: str = "") -> dict[str, Any]:
    """One level of nesting becomes dotted names: ``{"geo": {"lat": 1}}`` → ``{"geo.lat": 1}``."""
    out: dict[str, Any] = {}
    for k, v in record.items():
        if isinstance(v, dict) and not prefix:
            out.update(flatten(v, f"{k}."))
        elif isinstance(v, list) and all(isinstance(x, (str, int, float)) for x in v):
            out[prefix + str(k)] = "; ".join(str(x) for x in v)
        else:
            out[prefix + str(k)] = v
    return out


def _columns(records: list[dict]) -> list[str]:
    seen: dict[str, None] = {}
    for r in records[:2000]:
        seen.update(dict.fromkeys(r))
    return list(seen)


def read_json(binary: IO[bytes], *, head: bytes = b"") -> Table:
    """Records of a JSON document (loaded whole: JSON arrays cannot be streamed by the stdlib)."""
    try:
        data = json.load(io.TextIOWrapper(binary, encoding=decode_guess(head)))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise IngestError(f"not valid JSON ({exc})") from exc
    if isinstance(data, dict):
        if data.get("type") in ("FeatureCollection", "Feature"):
            from .geojson import table_from_geojson

            return table_from_geojson(data)
        key = next((k for k in LIST_KEYS if isinstance(data.get(k), list)), None)
        if key is None:
            raise IngestError(f"a JSON object, but no list of records under {', '.join(LIST_KEYS)}")
        data = data[key]
    if not isinstance(data, list):
        raise IngestError("JSON must be an array of records or an object holding one")
    records = [flatten(r) if isinstance(r, dict) else r for r in data]
    bad = [n for n, r in enumerate(records, start=1) if not isinstance(r, dict)]
    table = Table(_columns([r for r in records if isinstance(r, dict)]),
                  ((n, r) for n, r in enumerate(records, start=1) if isinstance(r, dict)), dict_rows=True)
    table.problems = [RowProblem("", n, "record", "not a JSON object") for n in bad]  # type: ignore[attr-defined]
    return table


def read_jsonl(binary: IO[bytes], *, head: bytes = b"") -> Table:
    """One JSON object per line, streamed; a bad line is a problem, not a failure."""
    text = io.TextIOWrapper(binary, encoding=decode_guess(head), errors="replace")
    first: list[tuple[int, Any]] = []
    lines = enumerate(text, start=1)
    for n, line in lines:
        if line.strip():
            first.append((n, _load(line)))
        if len(first) >= 200:
            break
    columns = _columns([r for _, r in first if isinstance(r, dict)])

    def rows() -> Iterator[tuple[int, Any]]:
        yield from first
        for n, line in lines:
            if line.strip():
                yield n, _load(line)

    return Table(columns, rows(), dict_rows=True)


def _load(line: str) -> Any:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return BadRecord(f"not valid JSON ({exc.msg})")
    return flatten(value) if isinstance(value, dict) else BadRecord("not a JSON object")


class BadRecord(dict):
    """A row that could not be parsed at all; ``reason`` says why (the row is empty)."""

    def __init__(self, reason: str):
        super().__init__()
        self.reason = reason
