"""Cooking step: UNOSAT's neighbourhood names joined to, or added beside, the CSR places.

Every UNOSAT name has one reviewed row in ``data/curated/unosat.csv``:

* ``join``: the same place as an existing one (CSR polygon, CSR landmark or cited place). The
  UNOSAT spelling becomes an alias; the existing geometry and point are never moved.
* ``locate``: a CSR sub-area that CSR names but does not draw (its point was its parent's):
  UNOSAT's extent and representative point locate it (Tariq al-Bab, Souq al-Hal, ...).
* ``new``: a place no CSR polygon names (Handarat, Owaija, Bab al-Nairab, ...).
* ``skip``: not a place ("Unknown", "Agricultural Area", a label over two CSR places).

A located or new place whose UNOSAT points lie mostly outside the CSR polygons becomes a
district of its own (kind ``neighbourhood``; its extent minus the CSR polygons and the larger
UNOSAT districts, so that districts never overlap); one inside becomes a sub-area of the CSR
polygon holding its point (``landmark`` when the row says so). The extents and the evidence
(share of points inside each CSR polygon) come from ``data/unosat-extents.json``
(``python -m gazetteer.unosat``).
"""
from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

from shapely.geometry import Point, shape
from shapely.ops import unary_union

from .unosat import CREDIT, inner_point

DATA = Path(__file__).resolve().parent / "data"
TABLE = DATA / "curated" / "unosat.csv"
EXTENTS = DATA / "unosat-extents.json"
ACTIONS = ("join", "locate", "new", "skip")
OUTSIDE_SHARE = 0.5  # below this share of points inside CSR polygons, a place is a district of its own
MIN_AREA_DEG2 = 1e-6  # a district clipped to less than this (~1 ha) keeps its whole extent as a sub-area


def _split(cell: str) -> list[str]:
    return [a.strip() for a in (cell or "").split("|") if a.strip()]


def read_table() -> list[dict[str, str]]:
    """The reviewed rows, checked: every action known, every join/locate id named."""
    with open(TABLE, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        if r["action"] not in ACTIONS:
            raise SystemExit(f"{TABLE.name}: {r['unosat_name']!r}: unknown action {r['action']!r}")
        if r["action"] != "skip" and not r["place_id"]:
            raise SystemExit(f"{TABLE.name}: {r['unosat_name']!r}: {r['action']} needs a place_id")
    return rows


def _multi(geom) -> list:
    from .build import _coords

    return _coords(geom)


def merge(places: dict[str, dict], district_of: Callable[[float, float], str | None]) -> list[str]:
    """Add UNOSAT's names to ``places`` (in place); returns the ids of the new districts."""
    extents = json.loads(EXTENTS.read_text(encoding="utf-8"))["names"]
    rows = read_table()
    missing = set(extents) - {r["unosat_name"] for r in rows}
    if missing:
        raise SystemExit(f"{TABLE.name} lacks a reviewed row for: {sorted(missing)}")
    csr = unary_union([shape({"type": "MultiPolygon", "coordinates": p["geometry"]})
                       for p in places.values() if p.get("geometry")])
    taken = csr
    new_districts: list[str] = []
    # larger clouds first: a small place next to a large one takes only what is left
    for r in sorted(rows, key=lambda r: -extents.get(r["unosat_name"], {}).get("points", 0)):
        ext = extents.get(r["unosat_name"])
        if ext is None:
            raise SystemExit(f"{TABLE.name}: {r['unosat_name']!r} is not a UNOSAT name")
        pid = r["place_id"]
        if r["action"] == "skip":
            continue
        if r["action"] == "join":
            if pid not in places:
                raise SystemExit(f"{TABLE.name}: {r['unosat_name']!r}: unknown place {pid!r}")
            places[pid]["aliases"].append(r["unosat_name"])
            continue
        if r["action"] == "locate":
            if pid not in places or places[pid].get("geometry"):
                raise SystemExit(f"{TABLE.name}: {r['unosat_name']!r}: {pid!r} is not a CSR place without a polygon")
            p = places[pid]
            p["aliases"].append(r["unosat_name"])
            p["source"] = (f"{p['source'].split(';')[0]}; located by {CREDIT} "
                           f"({ext['points']} damage points labelled '{r['unosat_name']}')")
        else:
            if pid in places:
                raise SystemExit(f"{TABLE.name}: {r['unosat_name']!r}: id {pid!r} already exists")
            p = places[pid] = {
                "id": pid, "name": r["name"], "name_ar": r["name_ar"] or None, "kind": r["kind"] or "sub-area",
                "polygon_ids": [], "parent": None, "geometry": None,
                "aliases": [r["name"]] + ([r["name_ar"]] if r["name_ar"] else []) + _split(r["aliases"]),
                "source": f"{CREDIT} ({ext['points']} damage points labelled '{r['unosat_name']}')",
            }
        p["precision"] = ext["precision"]
        hull = shape(ext["extent"])
        inside = sum(ext["csr_overlap"].values())
        own = hull.difference(taken)
        if r["kind"] != "landmark" and inside < OUTSIDE_SHARE and own.area >= MIN_AREA_DEG2:
            p.update(kind="neighbourhood", geometry=_multi(own), parent=None, extent=None)
            p["lat"], p["lon"] = inner_point(own)
            p["district"] = p["name"]
            taken = taken.union(own)
            new_districts.append(pid)
        else:
            p["lat"], p["lon"] = ext["lat"], ext["lon"]
            p["extent"] = _multi(hull)
            p["district"] = district_of(p["lat"], p["lon"]) or _nearest(places, p["lat"], p["lon"])
            p["parent"] = None
            if p["kind"] == "neighbourhood":
                p["kind"] = "sub-area"
    return new_districts


def _nearest(places: dict[str, dict], lat: float, lon: float, within_deg: float = 0.003) -> str | None:
    """The CSR neighbourhood nearest to a point in a gap between polygons (~300 m at most)."""
    pt = Point(lon, lat)
    best = min(((shape({"type": "MultiPolygon", "coordinates": p["geometry"]}).distance(pt), p["name"])
                for p in places.values() if p.get("geometry") and p["kind"] == "neighbourhood"), default=None)
    return best[1] if best and best[0] <= within_deg else None


def point_in(geom_coords: list, lat: float, lon: float) -> bool:
    """Whether (lat, lon) lies in a cooked MultiPolygon (helper for checks and tests)."""
    return shape({"type": "MultiPolygon", "coordinates": geom_coords}).contains(Point(lon, lat))
