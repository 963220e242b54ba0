"""Cook the gazetteer: source data + curated files -> ``data/gazetteer.json``.

Run ``python -m gazetteer.build`` after editing anything under ``gazetteer/data``.
The cooked file holds every place with its aliases, representative point, district and
(for polygon places and areas) its geometry; the matching indexes are built from it at
load time (``gazetteer.core``) so that normalisation changes never need a re-cook.
"""
from __future__ import annotations

import csv
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import shapely
from shapely.geometry import Point, mapping, shape
from shapely.ops import nearest_points, unary_union

from . import build_unosat
from .normalize import GENERIC_KEYS, is_arabic, normalize

DATA = Path(__file__).resolve().parent / "data"
CURATED = DATA / "curated"
OUT = DATA / "gazetteer.json"
CSR = "Columbia University Center for Spatial Research, Conflict Urbanism: Aleppo (MIT)"
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}


def _csv(name: str) -> list[dict[str, str]]:
    with open(CURATED / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _split(cell: str | None) -> list[str]:
    return [a.strip() for a in (cell or "").split("|") if a.strip()]


def _slug(text: str) -> str:
    import unicodedata

    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", re.sub(r"['’‘ʿ]", "", t)).strip("-")


def _point(geom) -> tuple[float, float]:
    """The centroid, or (for a crescent or a union of separate parts) the point ~30 m inside
    the shape nearest to it: a central point, not shapely's arbitrary representative point
    (which put "southern Aleppo" in the north)."""
    c = geom.centroid
    if not geom.contains(c):
        inner = geom.buffer(-0.0003)
        c = nearest_points(inner if not inner.is_empty else geom, c)[0]
    return round(c.y, 6), round(c.x, 6)


def _coords(geom) -> list:
    geom = shapely.set_precision(geom, 1e-6)
    coords = mapping(geom)["coordinates"]
    return coords if geom.geom_type == "MultiPolygon" else [coords]


def _extent_of(places: dict, row: dict, lat: float, lon: float) -> dict:
    """A place known only as an area between cited polygons (a road whose source names the
    districts at its two ends): the convex hull of those polygons, precision 2, no district."""
    ids = _split(row["extent_of"])
    unknown = [i for i in ids if not places.get(i, {}).get("geometry")]
    if unknown or int(row["precision"]) < 2:
        raise SystemExit(f"places.csv {row['id']}: extent_of needs polygon places and precision >= 2 ({unknown})")
    hull = unary_union([shape({"type": "MultiPolygon", "coordinates": places[i]["geometry"]}) for i in ids]).convex_hull
    if not hull.contains(Point(lon, lat)):
        raise SystemExit(f"places.csv {row['id']}: its point {lat}, {lon} lies outside its extent")
    return {"extent": _coords(hull), "district": None}


def cook() -> dict:
    hoods = json.loads((DATA / "neighbourhoods.geojson").read_text(encoding="utf-8"))
    names = json.loads((DATA / "neighbourhood-names.json").read_text(encoding="utf-8"))
    rows = _csv("neighbourhoods.csv")
    by_source = {r["source_name"]: r for r in rows}
    feats_by_name: dict[str, list] = defaultdict(list)
    for f in hoods["features"]:
        feats_by_name[f["properties"]["NAME"]].append(f)
    missing = set(feats_by_name) - set(by_source)
    if missing:
        raise SystemExit(f"neighbourhoods.csv lacks rows for: {sorted(missing)}")

    places: dict[str, dict] = {}
    geoms: dict[str, list] = defaultdict(list)
    part_geoms: dict[str, list] = defaultdict(list)
    sources_of: dict[str, list[str]] = defaultdict(list)
    for src, row in by_source.items():
        pid = row["id"]
        sources_of[pid].append(src)
        feats = feats_by_name[src]
        p = places.setdefault(pid, {
            "id": pid, "name": row["name"], "name_ar": None, "kind": row["kind"], "precision": 1,
            "polygon_ids": [], "aliases": [], "source": CSR, "parent": None,
        })
        p["aliases"] += [src] + _split(row["aliases"])
        for f in feats:
            geoms[pid].append(shape(f["geometry"]))
            part_geoms[src].append(shape(f["geometry"]))
            if f["properties"]["Id"] not in p["polygon_ids"]:
                p["polygon_ids"].append(f["properties"]["Id"])
            if f["properties"].get("NAME_A") and not p["name_ar"]:
                p["name_ar"] = f["properties"]["NAME_A"]
        if row["name_ar"]:
            p["name_ar"] = row["name_ar"]  # curated fix wins over the data
        p.setdefault("_drop", set()).update(_split(row["drop"]))

    # alternative names from neighbourhood-names.json (minus the curated drops)
    sub_rows = _csv("subareas.csv")
    sub_arabic = {r["name_ar"] for r in sub_rows} | {a for r in sub_rows for a in _split(r["aliases"])}
    for rec in names.values():
        pid = by_source[rec["original_name"]]["id"]
        p = places[pid]
        for alt in [rec.get("original_name_a")] + rec.get("alternative_arabic", []) + rec.get("alternative_english", []):
            if alt and alt not in p["_drop"] and alt not in sub_arabic and alt not in p["aliases"]:
                p["aliases"].append(alt)
            if alt and alt in p["_drop"] and alt == p["name_ar"]:
                pass

    # representative points, districts, numbered parts
    for pid, p in places.items():
        g = unary_union(geoms[pid])
        p["lat"], p["lon"] = _point(g)
        p["district"] = p["name"]
        p["geometry"] = _coords(g)
        srcs = sources_of[pid]
        numbered = [re.match(r"^(.*) (I|II|III|IV|V)$", s) for s in srcs]
        if len(srcs) > 1 and all(numbered):
            p["aliases"] = [a for a in p["aliases"] if a not in srcs]
            for s, m in zip(srcs, numbered):
                n = ROMAN[m.group(2)]
                pg = unary_union(part_geoms[s])
                lat, lon = _point(pg)
                ids = sorted({f["properties"]["Id"] for f in feats_by_name[s]})
                places_part = {
                    "id": f"{pid}-{n}", "name": f"{p['name']} {m.group(2)}", "name_ar": f"{p['name_ar']} {n}",
                    "kind": "sub-area", "precision": 1, "polygon_ids": ids, "source": CSR, "parent": pid,
                    "aliases": [s, f"{p['name']} {n}", f"{p['name']} {m.group(2)}", f"{p['name_ar']} {n}"],
                    "lat": lat, "lon": lon, "district": p["name"], "geometry": None,
                }
                p.setdefault("_parts", []).append(places_part)
    for p in list(places.values()):
        for part in p.pop("_parts", []):
            places[part["id"]] = part
        p.pop("_drop", None)

    polygons = [(pid, shape({"type": "MultiPolygon", "coordinates": p["geometry"]}))
                for pid, p in places.items() if p.get("geometry")]

    def district_of(lat: float, lon: float) -> str | None:
        pt = Point(lon, lat)
        for pid, g in polygons:
            if places[pid]["kind"] == "neighbourhood" and g.contains(pt):
                return places[pid]["name"]
        for pid, g in polygons:
            if g.contains(pt):
                return places[pid]["name"]
        return None

    sites = json.loads((DATA / "cultural-sites.geojson").read_text(encoding="utf-8"))
    site_pts = {f["properties"]["FACILITY_N"]: f["geometry"]["coordinates"] for f in sites["features"]}

    for r in sub_rows:
        parent = places[r["parent"]]
        lat, lon, src = parent["lat"], parent["lon"], f"{CSR}; point of the parent neighbourhood"
        if r["site"]:
            lon, lat = site_pts[r["site"]]
            lat, lon, src = round(lat, 6), round(lon, 6), f"{CSR}; point of cultural site '{r['site']}'"
        places[r["id"]] = {
            "id": r["id"], "name": r["name"], "name_ar": r["name_ar"], "kind": "sub-area", "precision": 1,
            "polygon_ids": [], "aliases": [r["name"], r["name_ar"]] + _split(r["aliases"]), "source": src,
            "parent": r["parent"], "lat": lat, "lon": lon, "district": parent["name"], "geometry": None,
        }

    curated_sites = {r["facility"]: r for r in _csv("sites.csv")}
    for f in sites["features"]:
        fac = f["properties"]["FACILITY_N"]
        lon, lat = f["geometry"]["coordinates"]
        base = fac.split(", ")[0].strip()
        cur = curated_sites.get(fac)
        name = cur["name"] if cur else base
        generic = all(t in GENERIC_KEYS for t in normalize(base).split())  # "Mosque, Umayyad Mosque": not "Mosque"
        aliases = [fac] + ([] if generic else [base]) + (_split(cur["aliases"]) if cur else [])
        m = re.match(r"^Mosque (.+?)(?: \((.+)\))?$", base)
        if m:
            aliases += [f"{m.group(1)} Mosque", f"Jami {m.group(1)}"]
        pid = "site-" + _slug(name)
        places[pid] = {
            "id": pid, "name": name, "name_ar": next((a for a in aliases if is_arabic(a)), None), "kind": "landmark",
            "precision": 1, "polygon_ids": [],
            "aliases": aliases, "source": f"{CSR}, cultural-sites.geojson ({f['properties'].get('Typology', '')})",
            "parent": None, "lat": round(lat, 6), "lon": round(lon, 6), "district": district_of(lat, lon),
            "geometry": None,
        }

    for r in _csv("places.csv"):
        lat, lon = float(r["lat"]), float(r["lon"])
        places[r["id"]] = {
            "id": r["id"], "name": r["name"], "name_ar": r["name_ar"] or None, "kind": r["kind"],
            "precision": int(r["precision"]), "polygon_ids": [],
            "aliases": [r["name"]] + ([r["name_ar"]] if r["name_ar"] else []) + _split(r["aliases"]),
            "source": r["source"], "parent": None, "lat": lat, "lon": lon,
            "district": district_of(lat, lon), "geometry": None,
        }
        if r.get("extent_of"):
            places[r["id"]].update(_extent_of(places, r, lat, lon))

    new_districts = build_unosat.merge(places, district_of)
    # points outside the CSR polygons may lie in a district that UNOSAT's points outline
    extra = [(pid, shape({"type": "MultiPolygon", "coordinates": places[pid]["geometry"]})) for pid in new_districts]
    for p in places.values():
        if p["district"] is None and not p.get("geometry") and not p.get("extent"):
            p["district"] = next((places[d]["name"] for d, g in extra if g.contains(Point(p["lon"], p["lat"]))), None)

    areas = json.loads((CURATED / "areas.json").read_text(encoding="utf-8"))
    city = areas["city"]
    places[city["id"]] = {
        "id": city["id"], "name": city["name"], "name_ar": city["name_ar"], "kind": "city", "precision": 3,
        "polygon_ids": [], "aliases": city["aliases"], "source": city["source"], "parent": None,
        "lat": city["lat"], "lon": city["lon"], "district": None, "geometry": None,
    }
    for a in areas["areas"]:
        unknown = [m for m in a["members"] if m not in places or not places[m].get("geometry")]
        if unknown:
            raise SystemExit(f"area {a['id']}: unknown or non-polygon members {unknown}")
        g = unary_union([shape({"type": "MultiPolygon", "coordinates": places[m]["geometry"]}) for m in a["members"]])
        lat, lon = (a["lat"], a["lon"]) if "lat" in a else _point(g)
        places[a["id"]] = {
            "id": a["id"], "name": a["name"], "name_ar": a["name_ar"], "kind": "area", "precision": 2,
            "polygon_ids": sorted({i for m in a["members"] for i in places[m]["polygon_ids"]}),
            "aliases": [a["name"], a["name_ar"]] + a["aliases"],
            "source": "union of member neighbourhoods (curated/areas.json)", "parent": None,
            "lat": lat, "lon": lon, "district": None, "geometry": None, "members": a["members"],
        }

    for p in places.values():
        seen: set[str] = set()
        p["aliases"] = [a for a in p["aliases"] if a and not (a in seen or seen.add(a))]
    return {"version": 1, "places": list(places.values())}


def main() -> None:
    data = cook()
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    kinds: dict[str, int] = defaultdict(int)
    for p in data["places"]:
        kinds[p["kind"]] += 1
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KB): {dict(kinds)}", file=sys.stderr)


if __name__ == "__main__":
    main()
