"""Derive place extents from UNITAR-UNOSAT's damage points (a development-time build step).

``python -m gazetteer.unosat [CSV]`` reads ``unosat-damage-2015.csv`` (14,058 points, each
tagged with the neighbourhood name UNOSAT used; default ``../shared/data/aleppo/``) and
writes ``data/unosat-extents.json``: for every name, the point count, the points kept after
dropping outliers, an extent (a concave hull of the kept points), a representative point
inside it, a precision and the share of the points inside each CSR polygon (the evidence for
the reviewed joins in ``data/curated/unosat.csv``). The app reads only the committed JSON.

Outliers: points farther from the cloud's median centre than ``OUTLIER_FACTOR`` times the
median distance (at least ``MIN_RADIUS_KM``) are dropped. Precision 1 needs a compact cloud of
many points (``COMPACT_MIN_POINTS`` kept, at most ``STRAGGLE_SHARE`` dropped, 90 % of the kept
points within ``COMPACT_KM`` of the centre); anything sparser or straggling is precision 2.
"""
from __future__ import annotations

import csv
import json
import math
import statistics
import sys
from collections import defaultdict
from pathlib import Path

import shapely
from shapely.geometry import MultiPoint, Point, mapping, shape
from shapely.ops import unary_union

DATA = Path(__file__).resolve().parent / "data"
OUT = DATA / "unosat-extents.json"
DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "aleppo" / "unosat-damage-2015.csv"
CREDIT = "UNITAR-UNOSAT damage assessment, via Columbia CSR"
KM_PER_DEG = 111.32
OUTLIER_FACTOR, MIN_RADIUS_KM = 3.0, 0.35
COMPACT_MIN_POINTS, STRAGGLE_SHARE, COMPACT_KM = 20, 0.20, 1.5
HULL_RATIO = 0.35  # shapely.concave_hull: 0 = tightest, 1 = convex
PAD_DEG = 0.0006  # ~60 m around the hull: a damage point marks a building, not the street beside it


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dy = (a[0] - b[0]) * KM_PER_DEG
    dx = (a[1] - b[1]) * KM_PER_DEG * math.cos(math.radians(a[0]))
    return math.hypot(dx, dy)


def read_points(path: Path) -> dict[str, list[tuple[float, float]]]:
    """{UNOSAT name: [(lat, lon), ...]} from the damage CSV."""
    out: dict[str, list[tuple[float, float]]] = defaultdict(list)
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out[row["neighbourhood"].strip()].append((float(row["lat"]), float(row["lon"])))
    return dict(out)


def csr_polygons() -> list[tuple[str, object]]:
    """[(CSR place id, geometry)] from the CSR polygons and the curated id of each name."""
    with open(DATA / "curated" / "neighbourhoods.csv", encoding="utf-8", newline="") as fh:
        ids = {r["source_name"]: r["id"] for r in csv.DictReader(fh)}
    feats = json.loads((DATA / "neighbourhoods.geojson").read_text(encoding="utf-8"))["features"]
    geoms: dict[str, list] = defaultdict(list)
    for f in feats:
        geoms[ids[f["properties"]["NAME"]]].append(shape(f["geometry"]))
    return [(pid, unary_union(g)) for pid, g in geoms.items()]


def inner_point(geom) -> tuple[float, float]:
    """The centroid when it lies inside, else the point inside nearest to it: (lat, lon)."""
    from shapely.ops import nearest_points

    c = geom.centroid
    if not geom.contains(c):
        inner = geom.buffer(-0.0003)
        c = nearest_points(inner if not inner.is_empty else geom, c)[0]
    return round(c.y, 6), round(c.x, 6)


def extent(points: list[tuple[float, float]]) -> dict:
    """Outliers dropped, hull, representative point and precision of one name's points."""
    centre = (statistics.median(p[0] for p in points), statistics.median(p[1] for p in points))
    dist = [_km(centre, p) for p in points]
    radius = max(OUTLIER_FACTOR * statistics.median(dist), MIN_RADIUS_KM)
    kept = [p for p, d in zip(points, dist) if d <= radius]
    cloud = MultiPoint([(lon, lat) for lat, lon in kept])
    hull = shapely.concave_hull(cloud, ratio=HULL_RATIO) if len(kept) >= 3 else cloud
    hull = hull.buffer(PAD_DEG * (1 if len(kept) >= 3 else 2.5), quad_segs=2).simplify(PAD_DEG / 6)
    spread = sorted(_km(centre, p) for p in kept)
    p90 = spread[int(0.9 * (len(spread) - 1))]
    dropped = 1 - len(kept) / len(points)
    compact = len(kept) >= COMPACT_MIN_POINTS and dropped <= STRAGGLE_SHARE and p90 <= COMPACT_KM
    lat, lon = inner_point(hull)
    return {"points": len(points), "kept": len(kept), "dropped_share": round(dropped, 3),
            "p90_km": round(p90, 2), "precision": 1 if compact else 2, "lat": lat, "lon": lon,
            "extent": mapping(shapely.set_precision(hull, 1e-6))}


def overlap(points: list[tuple[float, float]], polygons: list[tuple[str, object]]) -> dict[str, float]:
    """Share of the points inside each CSR place (shares of at least 1 %), largest first."""
    tree = shapely.STRtree([g for _, g in polygons])
    counts: dict[str, int] = defaultdict(int)
    for lat, lon in points:
        for i in tree.query(Point(lon, lat), predicate="intersects"):
            counts[polygons[int(i)][0]] += 1
    shares = {pid: round(n / len(points), 3) for pid, n in counts.items() if n / len(points) >= 0.01}
    return dict(sorted(shares.items(), key=lambda kv: -kv[1]))


def derive(path: Path) -> dict:
    """The whole derived file as a dict."""
    polygons = csr_polygons()
    names = {}
    for name, pts in sorted(read_points(path).items()):
        rec = extent(pts)
        rec["csr_overlap"] = overlap(pts, polygons)
        names[name] = rec
    return {"credit": CREDIT, "input": path.name, "points": sum(r["points"] for r in names.values()),
            "names": names}


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DEFAULT_CSV
    data = derive(path)
    names = data.pop("names")
    lines = [json.dumps(k, ensure_ascii=False) + ": " + json.dumps(v, ensure_ascii=False, separators=(",", ":"))
             for k, v in names.items()]
    head = json.dumps(data, ensure_ascii=False)[:-1]
    OUT.write_text(head + ', "names": {\n' + ",\n".join(lines) + "\n}}\n", encoding="utf-8")
    data["names"] = names
    print(f"wrote {OUT}: {len(data['names'])} names, {data['points']:,} points", file=sys.stderr)


if __name__ == "__main__":
    main()
