"""Ingest a file of events (ACLED CSV, generic CSV/XLSX/JSON/JSONL/GeoJSON, prose) into a store.

Strict with rows, never with files: each bad row becomes a :class:`RowProblem` (file,
line, field, reason, value) and every valid row is loaded. One file is one transaction.
Rows are streamed; every distinct place name and coordinate pair is geocoded once.
"""
from __future__ import annotations

import io
import itertools
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from gazetteer.textio import terminal_safe

from .errors import IngestError, RowProblem
from .evidence.ingest import load_damage_table
from .evidence.reader import is_damage_table
from .geocode import Geocoder, GeoReject
from .mappings import Mapping, load_mapping
from .readers import CountingReader, Prefixed, Table, detect_format
from .readers.acled import is_acled
from .readers.actor_codes import CodeCollector
from .readers.convert import RowConverter
from .readers.fields import date_order_evidence
from .readers.jsonfmt import BadRecord
from .review import is_review_table, load_review_table
from .schema import COLUMNS, MAX_FATALITIES, Event
from .store import EventStore, utc_now

BATCH = 5000
MAX_PROBLEMS = 10_000  # kept in the report; all are counted
SNIFF_ROWS = 1000
_EID, _LOC = COLUMNS.index("event_id"), COLUMNS.index("location")


@dataclass
class IngestReport:
    """What happened to one file."""

    file: str
    format: str = ""
    read: int = 0
    loaded: int = 0
    rejected: int = 0
    duplicates: int = 0
    unresolved: int = 0
    outside: int = 0  # rejected because they lie outside Aleppo (a subset of ``rejected``)
    problems: list[RowProblem] = field(default_factory=list)
    unresolved_names: Counter = field(default_factory=Counter)
    reasons: Counter = field(default_factory=Counter)  # rejections by reason
    sha256: str = ""
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    kind: str = "events"  # or "damage sites": a damage assessment goes to the evidence table

    @property
    def ok(self) -> bool:
        """True when the file could be read (even if some rows were rejected)."""
        return self.read > 0 and (self.loaded + self.duplicates) > 0

    def _problem(self, p: RowProblem, *, rejected: bool) -> None:
        if rejected:
            self.rejected += 1
            self.reasons[p.reason.split(" (")[0]] += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(p)

    def summary_table(self) -> str:
        """A small fixed-width table of the counts (plain text)."""
        rows = [("file", self.file), ("format", self.format)]
        if self.kind != "events":
            rows.append(("loaded into", f"{self.kind} (evidence layer, not events)"))
        rows += [("read", f"{self.read:,}"),
                ("loaded", f"{self.loaded:,}"), ("duplicates", f"{self.duplicates:,}"),
                ("rejected", f"{self.rejected:,}")]
        if self.outside:
            rows.append(("  outside Aleppo", f"{self.outside:,}"))
        for reason, n in self.reasons.most_common():
            if not reason.startswith("outside Aleppo"):
                rows.append((f"  {reason}", f"{n:,}"))
        if self.kind == "events":
            rows.append(("unresolved places", f"{self.unresolved:,} events, {len(self.unresolved_names):,} names"))
        if self.seconds:
            rate = self.read / self.seconds if self.seconds else 0
            rows.append(("time", f"{self.seconds:.2f} s ({rate:,.0f} rows/s)"))
        rows = [(terminal_safe(k), terminal_safe(v)) for k, v in rows]  # names and reasons from the file
        width = max(len(k) for k, _ in rows)
        return "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)


def _size(fileobj: Any) -> int | None:
    try:
        pos = fileobj.tell()
        end = fileobj.seek(0, os.SEEK_END)
        fileobj.seek(pos)
        return end - pos
    except (AttributeError, OSError, ValueError):
        return None


def _resolve_mapping(mapping: Mapping | str | Path | None) -> Mapping | None:
    if mapping is None or isinstance(mapping, Mapping):
        return mapping
    return load_mapping(mapping)


def ingest_path(store: EventStore, path: str | os.PathLike, **opts: Any) -> IngestReport:
    """:func:`ingest_file` on a path (the report names the file as given)."""
    p = Path(path)
    try:
        fh = open(p, "rb")
    except OSError as exc:
        raise IngestError(f"cannot read {p}: {exc.strerror or exc}") from exc
    with fh:
        return ingest_file(store, fh, name=opts.pop("name", str(path)), **opts)


def ingest_file(store: EventStore, fileobj: IO, *, name: str, **opts: Any) -> IngestReport:
    """Load one file object (binary or text) into ``store`` in one transaction (options: see
    :func:`_ingest_once`). A transaction that loses a deadlock with a concurrent ingest is run
    again from the file's start; any other database failure is a :class:`StoreError`."""
    from .store.retry import run_retrying

    try:
        start = fileobj.tell() if fileobj.seekable() else None
    except (AttributeError, OSError, ValueError):
        start = None
    rewind = (lambda: fileobj.seek(start)) if start is not None else None
    return run_retrying(lambda: _ingest_once(store, fileobj, name=name, **opts), rewind=rewind, what=name)


def _ingest_once(store: EventStore, fileobj: IO, *, name: str, fmt: str | None = None,
                 source: str | None = None, mapping: Mapping | str | Path | None = None,
                 gazetteer: Any = None, published: date | None = None, url: str | None = None,
                 progress: bool = False) -> IngestReport:
    t0 = time.perf_counter()
    report = IngestReport(file=name)
    total = _size(fileobj)
    head = fileobj.read(65536) or b""
    if isinstance(head, str):
        head = head.encode("utf-8")
    counting = CountingReader(Prefixed(head, fileobj))
    binary = io.BufferedReader(counting, buffer_size=1 << 20)
    fmt = (fmt or detect_format(name, head)).lower()
    if gazetteer is None:  # the one every tool uses: bundled data and the user's places and names
        from .config import load_gazetteer

        gazetteer = load_gazetteer()
    geo = Geocoder(gazetteer)
    bar = _progress_bar(progress, total, name)
    try:
        if fmt == "text":
            from .readers.text import read_text_events

            report.format = "text"
            evs = read_text_events(binary, name=name, published=published, gazetteer=gazetteer,
                                   source=source, url=url, notes=report.notes)
            started = utc_now()
            with store.transaction() as w:
                _place_extracted(evs, geo, report)
                report.loaded, report.duplicates = w.insert(evs)
                _finish(w, report, counting, started, source, t0)
            return report
        table, report.format = _open_table(fmt, binary, head)
        if is_review_table(table.columns):  # a report's candidate events, reviewed (``ingest --review``)
            report.format = "review"
            bad: list[RowProblem] = []
            table.rows = _set_aside(table.rows, bad, name)  # lines the reader could not take apart
            evs = load_review_table(table, report, gazetteer, name=name)
            for p in bad:
                report.read += 1
                report._problem(p, rejected=True)
            started = utc_now()
            with store.transaction() as w:
                report.loaded, report.duplicates = w.insert(evs)
                _finish(w, report, counting, started, source, t0)
            return report
        if is_damage_table(table.columns):  # evidence, never events (see dashboard.evidence)
            if mapping is not None:
                report.notes.append("a damage assessment is read by its own columns: the column mapping was not used")
            started = utc_now()
            with store.transaction() as w:
                load_damage_table(w, table, report, name=name, geo=geo, source=source)
                _finish(w, report, counting, started, source, t0)
            return report
        base = _base_mapping(table)
        m = base.merged(_resolve_mapping(mapping)).resolved(table.columns)
        _check_mapping(m, table.columns, name)
        if report.format == "csv" and is_acled(table.columns):
            report.format = "acled"
        if report.format == "acled" and not source:
            source = "ACLED"
        rows = table.rows
        order = "dmy"
        if "event_date" in m.columns and not (m.date_format or "").startswith("%"):
            sample = list(itertools.islice(rows, SNIFF_ROWS))
            order = _sniff_order(sample, m.columns["event_date"], table)
            rows = itertools.chain(sample, rows)
            if order == "mdy" and not m.date_format:
                report.notes.append("dates read as month/day/year (the file's dates show it)")
        conv = RowConverter(m, table.columns, file=name, dict_rows=table.dict_rows,
                            date_order=m.date_format or order, source=source, url=url)
        for p in getattr(table, "problems", []):
            report.read += 1
            report._problem(RowProblem(name, p.line, p.field, p.reason), rejected=True)
        started = utc_now()
        codes = CodeCollector.for_table(table.columns, m.columns, table.dict_rows)
        with store.transaction() as w:
            # Events travel as lists in COLUMNS order (no Event object per row; see
            # RowConverter.record, Geocoder.apply_record, Writer.insert_records).
            batch: list[list] = []
            append, record, apply = batch.append, conv.record, geo.apply_record
            last_bytes = 0
            for line, row in rows:
                report.read += 1
                if row.__class__ is BadRecord:
                    report._problem(RowProblem(name, line, "record", row.reason), rejected=True)
                    continue
                rec = record(line, row)
                if rec.__class__ is RowProblem:
                    report._problem(_named(rec), rejected=True)
                    continue
                if not rec[_EID]:  # before geocoding: ids must not depend on the gazetteer's version
                    rec[_EID] = Event(*rec).ensure_id()
                try:
                    unresolved = apply(rec)
                except GeoReject as exc:
                    col = _field_name(m.columns.get(exc.field, exc.field))
                    if exc.reason.startswith("outside Aleppo"):
                        report.outside += 1
                    report._problem(RowProblem(name, line, col, exc.reason, exc.value), rejected=True)
                    continue
                if unresolved:
                    location = rec[_LOC]
                    report.unresolved += 1
                    report.unresolved_names[location] += 1
                    if report.unresolved_names[location] == 1:
                        report._problem(RowProblem(name, line, m.columns.get("location", "location"),
                                                   "place not found in the gazetteer; kept without a "
                                                   "precise location", location), rejected=False)
                append(rec)
                if codes is not None:
                    codes.see(row)
                if len(batch) >= BATCH:
                    _flush(w, batch, report)
                    if bar is not None:
                        bar.update(counting.bytes_read - last_bytes)
                        last_bytes = counting.bytes_read
            _flush(w, batch, report)
            if codes is not None:
                w.record_actor_codes(codes.codes)
            report.notes.extend(table.notes)
            _finish(w, report, counting, started, source, t0)
        return report
    finally:
        if bar is not None:
            bar.close()


def _set_aside(rows: Any, bad: list[RowProblem], name: str) -> Any:
    for line, row in rows:
        if row.__class__ is BadRecord:
            bad.append(RowProblem(name, line, "record", row.reason))
        else:
            yield line, row


def _field_name(column: str) -> str:
    """A column as the user knows it: GeoJSON's internal coordinate columns are its geometry."""
    return "geometry" if column.startswith("__") else column


def _named(p: RowProblem) -> RowProblem:
    return p if not p.field.startswith("__") else RowProblem(p.file, p.line, _field_name(p.field), p.reason, p.value)


def _flush(w: Any, batch: list[list], report: IngestReport) -> None:
    if batch:
        ins, dup = w.insert_records(batch)
        report.loaded += ins
        report.duplicates += dup
        batch.clear()


def _finish(w: Any, report: IngestReport, counting: CountingReader, started: str, source: str | None,
            t0: float) -> None:
    report.sha256 = counting.sha256.hexdigest()
    report.seconds = time.perf_counter() - t0
    fmt = report.format if report.kind == "events" else f"{report.format} (damage)"
    w.record_ingest(file=report.file, format=fmt[:16], sha256=report.sha256, source=source or "",
                    started_at=started, finished_at=utc_now(), read=report.read, loaded=report.loaded,
                    rejected=report.rejected, duplicates=report.duplicates, unresolved=report.unresolved)


def _place_extracted(evs: list[Event], geo: Geocoder, report: IngestReport) -> None:
    """Events from prose: geocode those the extractor left unplaced; drop none."""
    report.read = len(evs)
    for ev in evs:
        if ev.fatalities is not None and not 0 <= ev.fatalities <= MAX_FATALITIES:
            report._problem(RowProblem(report.file, ev.origin_line or 0, "fatalities",
                                       f"more than {MAX_FATALITIES:,} fatalities for one event: the toll is left "
                                       "out (the event is kept)", str(ev.fatalities)[:40]), rejected=False)
            ev.fatalities = None
        ev.ensure_id()
        if ev.place_id is None and ev.latitude is None and ev.location:
            try:
                if geo.apply(ev):
                    report.unresolved += 1
                    report.unresolved_names[ev.location] += 1
            except GeoReject:
                pass


def _open_table(fmt: str, binary: IO[bytes], head: bytes) -> tuple[Table, str]:
    if fmt in ("csv", "acled"):
        from .readers.tabular import read_csv

        return read_csv(binary, head=head), fmt
    if fmt == "xlsx":
        from .readers.xlsx import read_xlsx

        t = read_xlsx(binary)
        return t, "acled" if is_acled(t.columns) else "xlsx"
    if fmt == "json":
        from .readers.jsonfmt import read_json

        t = read_json(binary, head=head)
        return t, "geojson" if "__latitude" in t.columns else "json"
    if fmt == "jsonl":
        from .readers.jsonfmt import read_jsonl

        return read_jsonl(binary, head=head), "jsonl"
    if fmt == "geojson":
        from .readers.geojson import read_geojson

        return read_geojson(binary, head=head), "geojson"
    raise IngestError(f"unknown format {fmt!r} (formats: acled, csv, xlsx, json, jsonl, geojson, text)")


def _base_mapping(table: Table) -> Mapping:
    if "__latitude" in table.columns:  # GeoJSON: the geometry is where the event is
        return Mapping({"latitude": "__latitude", "longitude": "__longitude"})
    return Mapping()


def _check_mapping(m: Mapping, columns: list[str], name: str) -> None:
    def has(f: str) -> bool:
        return f in m.columns or f in m.constants or f in m.templates

    shown = ", ".join(c for c in columns[:40] if not c.startswith("__"))
    if not has("event_date"):
        raise IngestError(f"{name}: no date column found; name it with --map event_date=COLUMN "
                          f"(columns: {shown})")
    if not has("event_type") and not has("sub_event_type"):
        raise IngestError(f"{name}: no event type column found; name it with --map event_type=COLUMN "
                          f"or give one type for all rows with --map event_type==TYPE (columns: {shown})")
    if not has("location") and not (has("latitude") and has("longitude")):
        raise IngestError(f"{name}: no place or coordinate columns found; use --map location=COLUMN "
                          f"or --map latitude=COLUMN --map longitude=COLUMN (columns: {shown})")


def _sniff_order(sample: list, column: str, table: Table) -> str:
    """'mdy' when the file's numeric dates can only be month-first, else 'dmy'."""
    idx = None if table.dict_rows else table.columns.index(column)
    votes: Counter = Counter()
    for _, row in sample:
        value = row.get(column) if table.dict_rows else (row[idx] if idx < len(row) else None)
        ev = date_order_evidence(value)
        if ev:
            votes[ev] += 1
    return "mdy" if votes["mdy"] > votes["dmy"] else "dmy"


def _progress_bar(progress: bool, total: int | None, name: str) -> Any:
    if not progress or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="B", unit_scale=True, desc=terminal_safe(Path(name).name), leave=False)
