"""Gazetteer: load time (fresh process), queries/s on three mixes, vs a naive
``rapidfuzz.process.extractOne(query, all_aliases, scorer=WRatio)``; plus accuracy on the
distinct spellings of the realistic mix (ground truth from the generator)."""
from __future__ import annotations

import json
import math
import subprocess
import sys
import time
from pathlib import Path

from . import queries, variants
from .generate import DATA, places
from .harness import Context, Row, fmt_ratio, fmt_rate, fmt_secs, measure_peak, fmt_bytes, require

NAME = "gazetteer"
ROOT = Path(__file__).resolve().parent.parent
TARGET_QPS = 200_000
TARGET_LOAD = 0.5
TARGET_CONSTRUCT = 0.05  # LocalGazetteer() once the data is loaded (issue 11 §4)
LOAD_CODE = ("import time; t0 = time.perf_counter(); import gazetteer; t1 = time.perf_counter(); "
             "gazetteer.load(); t2 = time.perf_counter(); print(t1 - t0, t2 - t1)")


def naive_aliases(seed: int) -> list[tuple[str, tuple[float, float], int]]:
    """Every name in the bundled data (English, Arabic, alternatives, cultural sites, areas)
    with its point and precision: what a naive matcher would search."""
    names = json.loads((DATA / "neighbourhood-names.json").read_text(encoding="utf-8"))
    alt = {v["original_name"]: v for v in names.values()}
    out = []
    for p in places(seed):
        if p.kind == "unresolvable":
            continue
        pt = _centre(p.points)
        a = alt.get(p.name, {})
        for s in dict.fromkeys((p.name, p.name_ar, *a.get("alternative_english", ()),
                                *a.get("alternative_arabic", ()),
                                *(p.spellings["canonical"] if p.precision != 1 else ()))):
            if s:
                out.append((s, pt, p.precision))
    return out


def _centre(points):
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def _km(a, b) -> float:
    dy = (a[0] - b[0]) * 111.2
    dx = (a[1] - b[1]) * 111.2 * math.cos(math.radians(a[0]))
    return math.hypot(dx, dy)


def _siblings(seed: int) -> dict[str, list[tuple[float, float]]]:
    """Points of every polygon part sharing a place's Arabic name (Ramouseh I-IV are one place)."""
    out: dict[str, list[tuple[float, float]]] = {}
    for p in places(seed):
        if p.kind in ("neighbourhood", "landmark") and p.name_ar:
            out.setdefault(p.name_ar, []).extend(p.points)
    return out


def _correct(truth, lat, lon, precision, siblings) -> bool:
    if truth.precision != 1:
        return precision == truth.precision and _km(_centre(truth.points), (lat, lon)) < 10
    pts = siblings.get(truth.name_ar) or truth.points
    return precision == 1 and min(_km(p, (lat, lon)) for p in pts) < 1.0


def accuracy(triples, answer, siblings, families) -> tuple[float, float, int]:
    """(share right, share wrong, count) over the spellings of the given families; wrong is a
    wrong place or any match for a non-place; abstaining is neither."""
    good = bad = total = 0
    for q, truth, fam in triples:
        if fam not in families:
            continue
        total += 1
        got = answer(q)
        if got is None:
            continue
        if truth is not None and _correct(truth, *got, siblings):
            good += 1
        else:
            bad += 1
    return good / max(total, 1), bad / max(total, 1), total


def near_misses(g, answer) -> tuple[float, float, int]:
    """(0, share wrong, count) over names of other places: an answer is wrong when it lands on
    the look-alike (within 1 km of its point). A name that finds its own place (Nubl the town
    is in the gazetteer now) is not a near miss taken."""
    bad = 0
    for q, lookalike in variants.NEAR_MISSES:
        got = answer(q)
        if got is not None:
            p = g.place(lookalike)
            bad += _km((p.lat, p.lon), (got[0], got[1])) < 1.0
    return 0.0, bad / len(variants.NEAR_MISSES), len(variants.NEAR_MISSES)


def load_time() -> tuple[float, float]:
    """Best of 3 fresh interpreters: (import seconds, load() seconds)."""
    best = (math.inf, math.inf)
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", LOAD_CODE], cwd=ROOT, capture_output=True, text=True,
                             timeout=60, check=True).stdout.split()
        t = (float(out[0]), float(out[1]))
        best = min(best, t, key=lambda x: x[1])
    return best


def _best_build(make, n: int) -> float:
    """Seconds per construction: the best of 5 rounds of ``n``."""
    best = math.inf
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(n):
            make()
        best = min(best, (time.perf_counter() - t0) / n)
    return best


def construct_row(ctx: Context) -> Row:
    """``LocalGazetteer()`` with the data loaded, vs geopy's base ``Geocoder()``, which builds
    geopy's default network adapter (a requests session) as every online geocoder does."""
    from geopy.geocoders.base import Geocoder

    from gazetteer import LocalGazetteer

    n = 50 if ctx.quick else 500
    ours = _best_build(LocalGazetteer, n)
    naive = _best_build(Geocoder, max(5, n // 10))
    row = Row("LocalGazetteer() construction (data loaded)", f"{n:,} builds", f"{ours * 1e6:,.1f} µs",
              fmt_secs(naive) + " (geopy Geocoder(), default adapter)", fmt_ratio(naive / ours), "-",
              f"≤ {TARGET_CONSTRUCT * 1000:.0f} ms", note="no network adapter: a local one that does no I/O")
    return row.check(ours <= TARGET_CONSTRUCT, f"> {TARGET_CONSTRUCT * 1000:.0f} ms")


def run(ctx: Context):
    gz = require("gazetteer", "load")
    from rapidfuzz import fuzz, process

    try:
        imp, load = load_time()
        yield Row("gazetteer load (fresh process)", "bundled", fmt_secs(load), "n/a", "-", "-",
                  f"≤ {TARGET_LOAD} s", note=f"import {fmt_secs(imp)}").check(load <= TARGET_LOAD, f"> {TARGET_LOAD} s")
    except (subprocess.SubprocessError, ValueError, IndexError) as exc:
        err = getattr(exc, "stderr", "") or str(exc)
        yield Row("gazetteer load (fresh process)", "bundled", status=f"error: {err.strip().splitlines()[-1][:160]}")
    g = gz.load()
    yield construct_row(ctx)
    aliases = naive_aliases(ctx.seed)
    choices = [a[0] for a in aliases]

    def naive(q):
        return process.extractOne(q, choices, scorer=fuzz.WRatio)

    sizes = {"realistic": 50_000 if ctx.quick else 1_000_000, "exact": 50_000 if ctx.quick else 1_000_000,
             "fuzzy": 5_000 if ctx.quick else 100_000}
    sample_n = 300 if ctx.quick else 1500
    for mix, n in sizes.items():
        qs = queries.query_mix(mix, n, ctx.seed)
        resolve = g.resolve

        def resolve_all(limit: float = 25.0) -> int:
            """Resolve the mix in chunks; a slow resolver stops after ``limit`` seconds."""
            t0, done = time.perf_counter(), 0
            for i in range(0, len(qs), 50_000):
                for q in qs[i:i + 50_000]:
                    resolve(q)
                done = min(len(qs), i + 50_000)
                if time.perf_counter() - t0 > limit:
                    break
            return done

        done, secs, peak = measure_peak(resolve_all)
        if done < n:
            qs, n = qs[:done], done  # say what was measured, not what was planned
        ours = n / secs
        sample = qs[:: max(1, n // sample_n)][:sample_n]
        t0 = time.perf_counter()
        for q in sample:
            naive(q)
        naive_rate = len(sample) / (time.perf_counter() - t0)
        ratio = ours / naive_rate
        row = Row(f"gazetteer resolve, {mix} mix", f"{n:,} q", fmt_rate(ours, "q"),
                  fmt_rate(naive_rate, "q") + f" (sample {len(sample):,}, extrapolated: {fmt_secs(n / naive_rate)})",
                  fmt_ratio(ratio), fmt_bytes(peak), f"≥ {TARGET_QPS:,} q/s, ≥ 10×",
                  note=f"{len(set(qs)):,} distinct")
        row.check(ours >= TARGET_QPS, f"< {TARGET_QPS:,} q/s").check(ratio >= 10, "< 10×")
        yield row
        if mix == "realistic" and hasattr(g, "resolve_many"):
            _, secs, _ = measure_peak(lambda: g.resolve_many(qs))
            yield Row("gazetteer resolve_many, realistic", f"{n:,} q", fmt_rate(n / secs, "q"), "-",
                      fmt_ratio(n / secs / naive_rate), "-", f"≥ {TARGET_QPS:,} q/s"
                      ).check(n / secs >= TARGET_QPS, f"< {TARGET_QPS:,} q/s")
    # Accuracy on the distinct spellings (not a speed figure, but the reason the speed matters).
    triples = queries.query_spellings(500 if ctx.quick else 2000, ctx.seed)
    siblings = _siblings(ctx.seed)

    def ours_answer(q):
        m = g.resolve(q)
        return None if m is None else (m.place.lat, m.place.lon, m.place.precision)

    def naive_answer(q, cutoff=85):
        r = naive(q)
        if r is None or r[1] < cutoff:
            return None
        a = aliases[r[2]]
        return (a[1][0], a[1][1], a[2])

    for label, fams in (("real-world spellings", ("canonical", "latin", "arabic", "non-place")),
                        ("typos", ("typo",))):
        og, ob, total = accuracy(triples, ours_answer, siblings, fams)
        ng, nb, _ = accuracy(triples, naive_answer, siblings, fams)
        typos = label == "typos"
        row = Row(f"gazetteer accuracy, {label}", f"{total:,} distinct", f"{og:.1%} right, {ob:.1%} wrong",
                  f"{ng:.1%} right, {nb:.1%} wrong (WRatio ≥ 85)", "-", "-",
                  "≥ 85% right, ≤ 1% wrong" if typos else "≥ 95% right, ≤ 2% wrong",
                  note="generated; non-places count as wrong when matched")
        row.check(og >= (0.85 if typos else 0.95), "< 85% right" if typos else "< 95% right")
        yield row.check(ob <= (0.01 if typos else 0.02), "> 1% wrong" if typos else "> 2% wrong")
    # The spelling categories of issue 11 §2 (benchmarks/variants.py), one row each.
    cats = queries.query_categories(ctx.seed)
    for cat in (*variants.CATEGORIES, "near miss"):
        near = cat == "near miss"
        if near:
            og, ob, total = near_misses(g, ours_answer)
            ng, nb, _ = near_misses(g, naive_answer)
        else:
            og, ob, total = accuracy(cats, ours_answer, siblings, (cat,))
            ng, nb, _ = accuracy(cats, naive_answer, siblings, (cat,))
        row = Row(f"gazetteer spelling category: {cat}", f"{total:,} distinct",
                  f"{ob:.1%} wrong" if near else f"{og:.1%} right, {ob:.1%} wrong",
                  f"{nb:.1%} wrong" if near else f"{ng:.1%} right, {nb:.1%} wrong", "-", "-",
                  "0 wrong" if near else "≤ 1% wrong",
                  note="other places' names: an answer on the look-alike (≤ 1 km) is wrong" if near else "generated from the data's names")
        yield row.check(ob == 0 if near else ob <= 0.01, "a near miss matched" if near else "> 1% wrong")
