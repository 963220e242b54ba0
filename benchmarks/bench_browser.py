"""Headless Chromium load time of the map HTML, network blocked: ours vs the naive marker
map at the same size (10k events; ours also at 100k in the full run)."""
from __future__ import annotations

from .browser import chromium, launch, load_seconds, serve
from .fixtures import districts_geojson, gazetteer, map_inputs
from .harness import Context, Row, fmt_bytes, fmt_ratio, fmt_secs, require
from .naive import marker_html

NAME = "browser"


def run(ctx: Context):
    chromium()  # Skip("chromium not installed") first: cheapest check
    mapview = require("dashboard.map.view", "build_map", "map_html")
    from dashboard.filters import ViewState

    g = gazetteer(ctx)
    site = ctx.tmp / "site"
    site.mkdir(exist_ok=True)
    sizes = [2_000] if ctx.quick else [10_000, 100_000]
    with serve(site) as base, launch(ctx.tmp) as browser:
        naive_secs = None
        for n in sizes:
            points, stats, origin = map_inputs(ctx, 10_000 if ctx.quick else n)
            points = points.head(n)
            ours = mapview.map_html(mapview.build_map(points, stats, ViewState(), g, assets="served"))
            (site / f"ours-{n}.html").write_text(ours, encoding="utf-8")
            t_ours = min(load_seconds(browser, f"{base}ours-{n}.html", base) for _ in range(2))
            naive_txt = "not run (minutes at this size; see the map row)"
            ratio = None
            if n == sizes[0]:
                page = marker_html(points, districts_geojson(ctx))
                (site / f"naive-{n}.html").write_text(page, encoding="utf-8")
                naive_secs = load_seconds(browser, f"{base}naive-{n}.html", base)
                naive_txt = f"{fmt_secs(naive_secs)} ({fmt_bytes(len(page.encode()))})"
                ratio = naive_secs / t_ours
            row = Row("chromium load of map HTML", f"{len(points):,} events",
                      f"{fmt_secs(t_ours)} ({fmt_bytes(len(ours.encode()))})", naive_txt, fmt_ratio(ratio), "-",
                      "≥ 10×" if ratio is not None else "", note=f"network blocked; points from {origin}")
            if ratio is not None:
                row.check(ratio >= 10, "< 10×")
            yield row
