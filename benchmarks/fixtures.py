"""Shared, cached inputs for the benchmarks: generated CSV files and populated stores."""
from __future__ import annotations

import time
from pathlib import Path

from .generate import write_acled_csv
from .harness import Context, require


def acled_csv(ctx: Context, n: int) -> Path:
    """A generated ACLED CSV of ``n`` rows in the run's scratch directory (made once)."""
    key = f"csv{n}"
    if key not in ctx.cache:
        path = ctx.tmp / f"acled-{n}.csv"
        t0 = time.perf_counter()
        write_acled_csv(path, n, ctx.seed)
        ctx.log(f"generated {n:,} ACLED rows in {time.perf_counter() - t0:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")
        ctx.cache[key] = path
    return ctx.cache[key]


def store_url(ctx: Context, n: int) -> str:
    """The URL of a SQLite store holding ``n`` generated events (ingested once, then reused)."""
    key = f"db{n}"
    if key not in ctx.cache:
        store_mod = require("dashboard.store", "EventStore")
        ingest = require("dashboard.ingest", "ingest_path")
        path = ctx.tmp / f"events-{n}.sqlite"
        url = f"sqlite:///{path}"
        t0 = time.perf_counter()
        store = store_mod.EventStore(url)
        ingest.ingest_path(store, acled_csv(ctx, n))
        _dispose(store)
        ctx.log(f"ingested {n:,} events into {path.name} in {time.perf_counter() - t0:.1f} s")
        ctx.cache[key] = url
    return ctx.cache[key]


def open_store(ctx: Context, url: str):
    """An open ``EventStore`` on ``url``, closed when the benchmark run ends."""
    store = require("dashboard.store", "EventStore").EventStore(url)
    ctx.cache.setdefault("_cleanup", []).append(lambda: _dispose(store))
    return store


def _dispose(store) -> None:
    for attr in ("close", "dispose"):
        fn = getattr(store, attr, None)
        if callable(fn):
            try:
                fn()
            except Exception:  # noqa: BLE001
                pass
            return
    engine = getattr(store, "engine", None)
    if engine is not None and hasattr(engine, "dispose"):
        engine.dispose()


def gazetteer(ctx: Context):
    """The loaded gazetteer (Skip when the package is not there yet)."""
    if "gazetteer" not in ctx.cache:
        ctx.cache["gazetteer"] = require("gazetteer", "load").load()
    return ctx.cache["gazetteer"]


def map_inputs(ctx: Context, n: int):
    """(points, district_stats, where-from) for ``n`` events: from a real store when the store
    and ingest modules exist, else from the generator's store-shaped frames."""
    key = f"mapin{n}"
    if key not in ctx.cache:
        from dashboard.filters import ViewState

        from .generate import district_stats_frame, map_points_frame

        try:
            url = store_url(ctx, n)
            store = require("dashboard.store", "EventStore").EventStore(url)
            points, stats = store.map_points(ViewState()), store.district_stats(ViewState())
            _dispose(store)
            origin = "store"
        except Exception as exc:  # noqa: BLE001 - Skip or a store bug: fall back, and say so
            ctx.log(f"store not usable ({exc.__class__.__name__}: {str(exc)[:80]}); using generated frames")
            points = map_points_frame(n, ctx.seed)
            stats = district_stats_frame(points)
            origin = "generated frames"
        ctx.cache[key] = (points, stats, origin)
    return ctx.cache[key]


def districts_geojson(ctx: Context) -> dict | None:
    """The district polygons (from the gazetteer, else the bundled file) for naive maps."""
    try:
        return gazetteer(ctx).districts_geojson()
    except Exception:  # noqa: BLE001
        import json

        from .generate import DATA

        return json.loads((DATA / "neighbourhoods.geojson").read_text(encoding="utf-8"))
