"""The review file: a spreadsheet-safe CSV next to the report, and reading it back in ``ingest``."""
from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from ..schema import Event
from .rows import KEEP_WORDS, events_from_rows
from .table import REVIEW_COLUMNS, clean_text

_SIGNATURE = frozenset({"keep", "sentence", "extracted_location", "location", "event_date"})
SUFFIX = ".review.csv"


def is_review_table(columns: Iterable[str]) -> bool:
    """Whether a table's header is a review file's."""
    return _SIGNATURE <= {c.strip().lower() for c in columns}


def review_path(report: str | Path) -> Path:
    """A new file next to the report (``X.review.csv``, else ``X.review-2.csv`` ...): never an edited one."""
    p = Path(report)
    stem = p.name[: -len(p.suffix)] if p.suffix else p.name
    for n in range(1, 1000):
        candidate = p.with_name(f"{stem}{SUFFIX}" if n == 1 else f"{stem}.review-{n}.csv")
        if not candidate.exists():
            return candidate
    raise FileExistsError(f"too many review files next to {p}")


def _cell(value: Any, column: str) -> str:
    if column == "keep":
        return "keep" if value is True or clean_text(value).lower() in KEEP_WORDS else "drop"
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    return clean_text(value)


def write_review_file(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write the review table as a spreadsheet-safe CSV (atomic; UTF-8 with BOM)."""
    from gazetteer.safecsv import format_row

    p = Path(path)
    text = format_row(REVIEW_COLUMNS) + "".join(
        format_row([_cell(row.get(c), c) for c in REVIEW_COLUMNS]) for _, row in frame.iterrows())
    tmp = p.with_name(f".{p.name}.tmp")
    tmp.write_text("\ufeff" + text, encoding="utf-8", newline="")
    tmp.replace(p)
    return p


def table_rows(columns: list[str], rows: Iterable[tuple[int, list]]) -> Iterable[tuple[int, dict]]:
    """A review file's rows (from any table reader) as mappings, spreadsheet protection removed."""
    from gazetteer.safecsv import unprotect

    names = [c.strip().lower() for c in columns]
    for line, cells in rows:
        values = [unprotect(c) if isinstance(c, str) else c for c in cells]
        yield line, dict(zip(names, values + [""] * (len(names) - len(values))))


def load_review_table(table: Any, report: Any, gazetteer: Any, *, name: str) -> list[Event]:
    """A review file read by ``ingest_file``: its kept rows as events; counts and problems go to
    ``report`` (an ``IngestReport``)."""
    reviewed = events_from_rows(table_rows(table.columns, table.rows), gazetteer, file=name)
    report.read = reviewed.read
    for p in reviewed.problems:
        report._problem(p, rejected=True)
    for p in reviewed.notices:
        report._problem(p, rejected=False)
    for e in reviewed.events:
        if e.place_id is None and e.location:
            report.unresolved += 1
            report.unresolved_names[e.location] += 1
    if reviewed.dropped:
        report.notes.append(f"{reviewed.dropped:,} row{'s' if reviewed.dropped != 1 else ''} marked drop in the review, not stored")
    return reviewed.events


def review_report(path: str | Path, *, published: date | None, gazetteer: Any, source: str | None = None,
                  url: str | None = None, fmt: str | None = None) -> tuple[Path, pd.DataFrame, list[str]]:
    """Write a report's candidate events to a new review file next to it: (its path, the table,
    notes such as where the publication date came from). Stores nothing."""
    from ..errors import IngestError
    from ..readers import detect_format
    from ..readers.text import publication_date, read_report_file
    from .table import report_candidates

    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read {p}: {exc.strerror or exc}") from exc
    kind = (fmt or detect_format(p.name, data[:65536])).lower()
    if kind != "text":
        raise IngestError(f"{p.name}: --review is for prose reports (.txt, .md, .html); this is a {kind} table, "
                          "ingest it without --review")
    notes: list[str] = []
    report = read_report_file(io.BytesIO(data), p.name)
    when = publication_date(report, p.name, published, notes)
    frame = report_candidates(report, name=str(path), published=when, gazetteer=gazetteer, source=source or "",
                              url=url or "")
    try:
        out = write_review_file(frame, review_path(p))
    except OSError as exc:
        raise IngestError(f"cannot write the review file next to {p}: {exc.strerror or exc}") from exc
    return out, frame, notes
