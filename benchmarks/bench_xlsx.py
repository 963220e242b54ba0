"""XLSX ingest: rows/s of a generated ACLED workbook through ``ingest_path`` (the streaming
reader of ``dashboard/readers/xlsx.py``, geocoding, one transaction) vs the naive way: openpyxl's
read-only mode, which only iterates the rows (sampled, extrapolated). Workbooks are written by
openpyxl, whose inline strings are the slower kind for our reader (Excel writes shared strings)."""
from __future__ import annotations

import csv
import time

from .fixtures import _dispose, acled_csv
from .harness import Context, Row, fmt_ratio, fmt_rate, fmt_secs, require

NAME = "xlsx"


def _workbook(ctx: Context, n: int):
    import openpyxl

    path = ctx.tmp / f"acled-{n}.xlsx"
    if not path.exists():
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet()
        with open(acled_csv(ctx, n), newline="", encoding="utf-8") as fh:
            for row in csv.reader(fh):
                ws.append(row)
        wb.save(path)
    return path


def _openpyxl_rate(path, sample: int) -> float:
    import openpyxl

    t0 = time.perf_counter()
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    ws = wb.worksheets[0]
    ws.reset_dimensions()
    n = 0
    for _ in ws.iter_rows(values_only=True):
        n += 1
        if n >= sample:
            break
    wb.close()
    return n / (time.perf_counter() - t0)


def run(ctx: Context):
    store_mod = require("dashboard.store", "EventStore")
    ingest = require("dashboard.ingest", "ingest_path")
    n = 2_000 if ctx.quick else 60_000
    path = _workbook(ctx, n)
    naive = _openpyxl_rate(path, 300 if ctx.quick else 3000)
    db = ctx.tmp / f"xlsx-{n}.sqlite"
    store = store_mod.EventStore(f"sqlite:///{db}")
    gz = require("gazetteer", "load").load()  # loaded before the clock starts, as the app holds it
    t0 = time.perf_counter()
    report = ingest.ingest_path(store, path, gazetteer=gz)
    secs = time.perf_counter() - t0
    _dispose(store)
    rate = n / secs
    yield Row("ingest ACLED XLSX → SQLite", f"{n:,} rows", fmt_rate(rate, "rows") + f" ({fmt_secs(secs)})",
              fmt_rate(naive, "rows") + " (openpyxl read-only, reading only)", fmt_ratio(rate / naive), "-",
              "≥ 5× openpyxl", note=f"loaded {getattr(report, 'loaded', '?')}").check(rate >= 5 * naive, "< 5×")
