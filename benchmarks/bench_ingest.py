"""Ingest: rows/s of a generated ACLED CSV into SQLite through ``ingest_path`` (one
transaction, geocoding, dedup) vs the naive way: one INSERT and one commit per row."""
from __future__ import annotations

import csv
import sqlite3
import time

from .fixtures import _dispose, acled_csv
from .generate import ACLED_COLUMNS
from .harness import _status_kb, Context, Row, fmt_bytes, fmt_ratio, fmt_rate, fmt_secs, measure_peak, require

NAME = "ingest"
TARGET = 50_000


def naive_rate(ctx: Context, path, sample: int) -> float:
    """Rows/s of csv.DictReader + one INSERT + commit per row into a plain sqlite3 table."""
    db = ctx.tmp / "naive-ingest.sqlite"
    db.unlink(missing_ok=True)
    con = sqlite3.connect(db)
    con.execute(f"CREATE TABLE events ({', '.join(c + ' TEXT' for c in ACLED_COLUMNS)})")
    con.commit()
    sql = f"INSERT INTO events VALUES ({', '.join('?' * len(ACLED_COLUMNS))})"
    t0 = time.perf_counter()
    with open(path, newline="", encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            if i >= sample:
                break
            con.execute(sql, [row[c] for c in ACLED_COLUMNS])
            con.commit()
    dt = time.perf_counter() - t0
    con.close()
    return min(sample, i) / dt


def ingest_once(ctx: Context, n: int, store_mod, ingest) -> tuple[float, int | None, object]:
    path = acled_csv(ctx, n)
    db = ctx.tmp / f"events-{n}.sqlite"
    for p in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        p.unlink(missing_ok=True)
    store = store_mod.EventStore(f"sqlite:///{db}")
    report, secs, peak = measure_peak(lambda: ingest.ingest_path(store, path))
    absolute = _status_kb("VmHWM")  # the high-water mark was reset when the run started
    ctx.cache["ingest_rss"] = absolute
    _dispose(store)
    ctx.cache[f"db{n}"] = f"sqlite:///{db}"  # later benchmarks reuse this store
    return secs, peak, report


def run(ctx: Context):
    store_mod = require("dashboard.store", "EventStore")
    ingest = require("dashboard.ingest", "ingest_path")
    sizes = [10_000] if ctx.quick else [100_000]
    sample = 300 if ctx.quick else 2000
    rate_naive = naive_rate(ctx, acled_csv(ctx, sizes[0]), sample)
    for n in sizes:
        secs, peak, report = ingest_once(ctx, n, store_mod, ingest)
        rate = n / secs
        loaded = getattr(report, "loaded", "?")
        unresolved = getattr(report, "unresolved", "?")
        ratio = rate / rate_naive
        yield Row("ingest ACLED CSV → SQLite", f"{n:,} rows", fmt_rate(rate, "rows") + f" ({fmt_secs(secs)})",
                  fmt_rate(rate_naive, "rows") + f" (sample {sample:,}, extrapolated: {fmt_secs(n / rate_naive)})",
                  fmt_ratio(ratio), fmt_bytes(peak), f"≥ {TARGET:,} rows/s, ≥ 10×",
                  note=f"loaded {loaded}, unresolved {unresolved}; process peak RSS {fmt_bytes(ctx.cache.get('ingest_rss'))}"
                  ).check(rate >= TARGET, f"< {TARGET:,} rows/s").check(ratio >= 10, "< 10×")
        if not ctx.quick and n == 100_000:
            # The issue asks for 1,000,000 rows: run it when it fits in this benchmark's share.
            projected = 1_000_000 / rate * 1.15 + 15  # + generating the file
            if projected < min(ctx.remaining() - 300, 110):
                big = 1_000_000
                secs, peak, report = ingest_once(ctx, big, store_mod, ingest)
                rate = big / secs
                yield Row("ingest ACLED CSV → SQLite", f"{big:,} rows", fmt_rate(rate, "rows") + f" ({fmt_secs(secs)})",
                          fmt_rate(rate_naive, "rows") + f" (extrapolated: {fmt_secs(big / rate_naive)})",
                          fmt_ratio(rate / rate_naive), fmt_bytes(peak), f"≥ {TARGET:,} rows/s, ≥ 10×",
                          note=f"loaded {getattr(report, 'loaded', '?')}; process peak RSS {fmt_bytes(ctx.cache.get('ingest_rss'))}"
                          ).check(rate >= TARGET, f"< {TARGET:,} rows/s").check(rate / rate_naive >= 10, "< 10×")
            else:
                yield Row("ingest ACLED CSV → SQLite", "1,000,000 rows", status="skipped: would not fit the "
                          f"10-minute budget at {rate:,.0f} rows/s (projected {projected:.0f} s)")
