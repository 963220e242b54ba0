"""``python -m benchmarks [--quick] [--only NAME[,NAME]]``: run every benchmark, print the
table, and write it to ``benchmarks/results/latest.md`` (``quick.md`` in quick mode).

Always exits 0 once the run completes: a missed target prints ``MISSED``, a benchmark whose
module is absent prints ``skipped: ...``, one that fails prints ``error: ...``.
"""
from __future__ import annotations

import argparse
import importlib
import sys
import tempfile
import time
import traceback
from pathlib import Path

from .harness import BenchTimeout, Context, Row, Skip, machine, markdown, print_row, time_limit

RESULTS = Path(__file__).resolve().parent / "results"
# name -> (module, share of the wall-time budget in seconds: full, quick)
BENCHMARKS: dict[str, tuple[str, float, float]] = {
    "gazetteer": ("bench_gazetteer", 100, 12),
    "ingest": ("bench_ingest", 130, 12),
    "xlsx": ("bench_xlsx", 40, 12),
    "extract": ("bench_extract", 30, 5),
    "extract-ar": ("bench_extract_ar", 25, 6),
    "map": ("bench_map", 60, 8),
    "filter": ("bench_filter", 60, 8),
    "timeline": ("bench_timeline", 150, 10),
    "snapshot": ("bench_snapshot", 60, 8),
    "browser": ("bench_browser", 100, 15),
    "coldstart": ("bench_coldstart", 90, 25),
    "million": ("bench_million", 300, 5),
}
BUDGET = {False: 870.0, True: 90.0}  # seconds: make bench < 15 min, --quick ~1 min


def run_one(name: str, ctx: Context, share: float) -> list[Row]:
    """Run one benchmark module, turning every failure into a row instead of an exception."""
    rows: list[Row] = []
    try:
        mod = importlib.import_module(f"{__package__}.{BENCHMARKS[name][0]}")
        with time_limit(min(share, ctx.remaining())):
            for row in mod.run(ctx):
                print_row(row)
                rows.append(row)
    except Skip as exc:
        rows.append(Row(name, status=f"skipped: {exc}"))
        print_row(rows[-1])
    except BenchTimeout as exc:
        rows.append(Row(name, status=f"skipped: {exc}"))
        print_row(rows[-1])
    except Exception as exc:  # noqa: BLE001 - one broken benchmark must not stop the run
        msg = f"{exc.__class__.__name__}: {exc}".splitlines()[0][:200]
        rows.append(Row(name, status=f"error: {msg}"))
        print_row(rows[-1])
        traceback.print_exc(limit=4, file=sys.stderr)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes, about one minute (CI smoke run)")
    ap.add_argument("--only", default="", help="comma-separated benchmark names: " + ", ".join(BENCHMARKS))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--budget", type=float, default=None, help="total wall-time budget in seconds")
    ap.add_argument("--out", default=None, help="results Markdown file (default benchmarks/results/latest.md)")
    a = ap.parse_args(argv)
    names = [n.strip() for n in a.only.split(",") if n.strip()] or list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        ap.error(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    mode = "quick" if a.quick else "full"
    budget = a.budget or BUDGET[a.quick]
    out = Path(a.out) if a.out else RESULTS / ("quick.md" if a.quick else "latest.md")
    start = time.monotonic()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="aleppo-bench-") as tmp:
        ctx = Context(quick=a.quick, seed=a.seed, tmp=Path(tmp), deadline=start + budget)
        print(f"benchmarks ({mode}, budget {budget:.0f} s): {', '.join(names)}", flush=True)
        for name in names:
            print(f"[{name}]", flush=True)
            rows += run_one(name, ctx, BENCHMARKS[name][2 if a.quick else 1])
        for closer in ctx.cache.get("_cleanup", []):
            try:
                closer()
            except Exception:  # noqa: BLE001
                pass
    elapsed = time.monotonic() - start
    out.parent.mkdir(parents=True, exist_ok=True)
    text = markdown(rows, machine(), mode=mode, elapsed=elapsed)
    out.write_text(text, encoding="utf-8")
    missed = sum("MISSED" in r.status for r in rows)
    print(f"\n{len(rows)} rows, {missed} MISSED, {elapsed:.0f} s; written to {out}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
