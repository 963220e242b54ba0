"""Map HTML: time to build (``build_map`` + ``map_html``) and size, vs one ``folium.Marker``
with a popup per event (run on a sample and extrapolated linearly: it takes minutes at 100k)."""
from __future__ import annotations

import time

from .fixtures import districts_geojson, gazetteer, map_inputs
from .harness import Context, Row, fmt_bytes, fmt_ratio, fmt_secs, measure_peak, require, timeit
from .naive import marker_html

NAME = "map"
TARGET_SECS, TARGET_BYTES = 1.0, 5 * 1024 * 1024


def build_ours(mapview, points, stats, view, g, assets="served") -> str:
    return mapview.map_html(mapview.build_map(points, stats, view, g, assets=assets))


def naive_per_event(ctx: Context, points, k: int) -> tuple[float, float, int]:
    """(seconds per event, bytes per event, bytes of the page without events) of the marker
    map built on the first ``k`` events."""
    sample = points.head(k)
    geo = districts_geojson(ctx)
    t0 = time.perf_counter()
    page = marker_html(sample, geo)
    dt = time.perf_counter() - t0
    base = marker_html(sample.head(0), geo)
    return dt / len(sample), (len(page.encode()) - len(base.encode())) / len(sample), len(base.encode())


def run(ctx: Context):
    mapview = require("dashboard.map.view", "build_map", "map_html")
    from dashboard.filters import ViewState

    g = gazetteer(ctx)
    n = 10_000 if ctx.quick else 100_000
    points, stats, origin = map_inputs(ctx, n)
    view = ViewState()
    page, first, peak = measure_peak(lambda: build_ours(mapview, points, stats, view, g))
    t = timeit(lambda: build_ours(mapview, points, stats, view, g), repeat=3, max_seconds=10)
    size = len(page.encode())
    k = 1000 if ctx.quick else 5000
    per_event, bytes_per_event, base_bytes = naive_per_event(ctx, points, k)
    naive_secs = per_event * len(points)
    naive_bytes = base_bytes + bytes_per_event * len(points)
    ratio = naive_secs / t.best
    yield Row("map HTML build", f"{len(points):,} events", f"{fmt_secs(t.best)} (first {fmt_secs(first)})",
              f"{fmt_secs(naive_secs)} (markers on {k:,}, extrapolated)", fmt_ratio(ratio), fmt_bytes(peak),
              f"≤ {TARGET_SECS:.0f} s, ≥ 10×", note=f"points from {origin}; median {fmt_secs(t.median)}"
              ).check(t.best <= TARGET_SECS, f"> {TARGET_SECS:.0f} s").check(ratio >= 10, "< 10×")
    yield Row("map HTML size", f"{len(points):,} events", fmt_bytes(size),
              f"{fmt_bytes(naive_bytes)} (extrapolated)", fmt_ratio(naive_bytes / size), "-", "≤ 5 MB",
              note="assets served, not inlined").check(size <= TARGET_BYTES, "> 5 MB")
    ctx.cache["map_pages"] = {"ours": page, "n": len(points)}
