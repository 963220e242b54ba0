"""Playing the time slider: one step → new map HTML, as the app does it (the window pushed down
to the database: counts, matching ids, district stats; rows and payload from the map index;
``build_map`` + ``map_html``) vs the naive way (reload the table into pandas, filter the window
there, rebuild a marker map; markers extrapolated from a sample, on a few steps only)."""
from __future__ import annotations

import statistics
import time
from datetime import date

from .fixtures import districts_geojson, gazetteer, open_store, store_url
from .harness import Context, Row, fmt_ratio, fmt_secs, require
from .naive import filter_frame, marker_html, reload_all

NAME = "timeline"
TARGET = 1.0  # seconds of server work per step (a step is shown for 0.5-3 s)


def run(ctx: Context):
    mapview = require("dashboard.map.view", "build_map", "map_html")
    from dashboard.filters import ViewState
    from dashboard.timeline import windows

    n = 10_000 if ctx.quick else 100_000
    g = gazetteer(ctx)
    url = store_url(ctx, n)
    store = open_store(ctx, url)
    geo = districts_geojson(ctx)
    index = require("dashboard.map.index", "MapIndex").MapIndex.from_store(store, g)  # once per data version
    period = ViewState(date_from=date(2016, 1, 1), date_to=date(2016, 12, 31))
    steps = [ViewState(date_from=period.date_from, date_to=period.date_to, step="week", at=at)
             for at in windows(period.date_from, period.date_to, "week")]
    ours_t, shown = [], []
    for view in steps:
        t0 = time.perf_counter()
        total = store.totals(view)[0]  # the header's counts
        points = index.select(store.located_ids(view))
        stats = store.district_stats(view)
        mapview.map_html(mapview.build_map(points, stats, view, g, assets="served", total_events=total))
        ours_t.append(time.perf_counter() - t0)
        shown.append(total)
    naive_t = []
    for view in steps[:: max(len(steps) // 3, 1)][:3]:
        start, end = view.date_bounds()
        t0 = time.perf_counter()
        df = filter_frame(reload_all(url), ViewState(date_from=start, date_to=end))
        t_reload = time.perf_counter() - t0
        k = min(len(df), 300 if ctx.quick else 1000)
        t0 = time.perf_counter()
        marker_html(df.head(k), geo)
        naive_t.append(t_reload + (time.perf_counter() - t0) * (len(df) / k if k else 1))
    med, worst, naive_med = statistics.median(ours_t), max(ours_t), statistics.median(naive_t)
    ratio = naive_med / med
    yield Row("time slider step → map HTML", f"{n:,} in store",
              f"median {fmt_secs(med)}, worst {fmt_secs(worst)}",
              f"median {fmt_secs(naive_med)} (reload+filter measured, markers extrapolated)", fmt_ratio(ratio),
              "-", f"≤ {TARGET:.0f} s a step, ≥ 10×",
              note=f"2016 by week: {len(steps)} steps, {min(shown):,}-{max(shown):,} events each; "
                   f"total {sum(ours_t):.1f} s; naive on {len(naive_t)} steps"
              ).check(worst <= TARGET, f"> {TARGET:.0f} s").check(ratio >= 10, "< 10×")
