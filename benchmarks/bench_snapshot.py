"""Standalone HTML snapshot: ours (``share.snapshot_html``: inline assets, compact events)
vs naive (a marker map written with ``folium.Map.save``; extrapolated above the sample)."""
from __future__ import annotations

import time

from .fixtures import _dispose, districts_geojson, gazetteer, map_inputs, store_url
from .harness import Context, Row, fmt_bytes, fmt_ratio, fmt_secs, measure_peak, require
from .naive import save_map

NAME = "snapshot"


def run(ctx: Context):
    share = require("dashboard.share", "snapshot_html")
    require("dashboard.map.view", "build_map", "map_html")
    store_mod = require("dashboard.store", "EventStore")
    from dashboard.filters import ViewState

    g = gazetteer(ctx)
    geo = districts_geojson(ctx)
    for n in ([10_000] if ctx.quick else [10_000, 100_000]):
        store = store_mod.EventStore(store_url(ctx, n))
        page, secs, peak = measure_peak(lambda: share.snapshot_html(store, ViewState(), g))
        _dispose(store)
        points, _, _ = map_inputs(ctx, n)
        k = min(len(points), 1000 if ctx.quick else (10_000 if n == 10_000 else 5000))
        t0 = time.perf_counter()
        size_k = save_map(points.head(k), ctx.tmp / "naive-snapshot.html", geo)
        naive_secs = (time.perf_counter() - t0) * len(points) / k
        naive_size = size_k * len(points) / k
        how = "measured" if k == len(points) else f"{k:,} saved, extrapolated"
        size = len(page.encode())
        if n == (10_000 if ctx.quick else 100_000):
            ctx.cache["snapshot_page"] = (page, n)
        yield Row("snapshot HTML (standalone)", f"{n:,} events", f"{fmt_secs(secs)}, {fmt_bytes(size)}",
                  f"{fmt_secs(naive_secs)}, {fmt_bytes(naive_size)} ({how})", fmt_ratio(naive_secs / secs),
                  fmt_bytes(peak), "≥ 10×", note="ours inlines Leaflet; naive needs its JS from elsewhere"
                  ).check(naive_secs / secs >= 10, "< 10×")
