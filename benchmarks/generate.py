"""Deterministic generator of realistic Aleppo conflict events, for benchmarks and tests.

Library::

    from benchmarks.generate import acled_rows, write_acled_csv, events_frame, query_mix
    write_acled_csv(path, n=100_000, seed=1)

CLI::

    python -m benchmarks.generate --n 100000 --format acled --out FILE [--seed 1]

Everything is driven by ``random.Random(seed)``: the same seed gives the same bytes.
Places and points come from the gazetteer's bundled data (neighbourhood polygons,
cultural sites); spellings vary the way reports write them (see ``spellings``).
"""
from __future__ import annotations

import argparse
import bisect
import csv
import functools
import itertools
import json
import random
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Iterator

from . import spellings, vocab

DATA = Path(__file__).resolve().parent.parent / "gazetteer" / "data"
CITY_POINT = (36.2021, 37.1343)  # ACLED's city-level coordinates for Aleppo

# The generator writes exactly what the tool reads: ACLED's 31 columns and the store's map columns.
from dashboard.readers.acled import ACLED_COLUMNS  # noqa: E402
from dashboard.store import MAP_COLUMNS  # noqa: E402


@dataclass(frozen=True)
class GenPlace:
    """A place events can happen at, with points inside it and the ways it is written."""

    key: str  # our slug of the data name (not necessarily the gazetteer's id)
    name: str  # as in the data
    name_ar: str
    kind: str  # neighbourhood | landmark | area | city | unresolvable
    precision: int | None
    district: str | None  # data NAME of the polygon (None for areas, city, unresolvable)
    points: tuple[tuple[float, float], ...]  # (lat, lon)
    spellings: dict[str, tuple[str, ...]]  # family -> spellings


def slug(text: str) -> str:
    """A readable ASCII slug: ``Sheikh Sa’eed`` -> ``sheikh-saeed``."""
    s = re.sub(r"[’'‘ʿ`]", "", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "x"


def _points_in(geom, rng: random.Random, k: int) -> tuple[tuple[float, float], ...]:
    import numpy as np
    import shapely

    minx, miny, maxx, maxy = geom.bounds
    pts: list[tuple[float, float]] = []
    shapely.prepare(geom)
    while len(pts) < k:
        xs = np.array([rng.uniform(minx, maxx) for _ in range(4 * k)])
        ys = np.array([rng.uniform(miny, maxy) for _ in range(4 * k)])
        inside = shapely.contains_xy(geom, xs, ys)
        pts += [(round(float(y), 5), round(float(x), 5)) for x, y in zip(xs[inside], ys[inside])]
        if not inside.any() and len(pts) == 0:  # degenerate polygon: use its representative point
            p = geom.representative_point()
            return ((round(p.y, 5), round(p.x, 5)),)
    return tuple(pts[:k])


@functools.lru_cache(maxsize=8)
def places(seed: int = 1) -> tuple[GenPlace, ...]:
    """Every place of the bundled data (neighbourhoods, landmarks), broad areas, the city
    and unresolvable names, each with spellings and a pool of points."""
    import shapely
    from shapely.geometry import shape

    rng = random.Random(f"places-{seed}")
    hood = json.loads((DATA / "neighbourhoods.geojson").read_text(encoding="utf-8"))
    names = json.loads((DATA / "neighbourhood-names.json").read_text(encoding="utf-8"))
    alt = {v["original_name"]: v for v in names.values()}
    geoms: dict[str, list] = {}
    arabic: dict[str, str] = {}
    for f in hood["features"]:
        geoms.setdefault(f["properties"]["NAME"], []).append(shape(f["geometry"]))
        arabic[f["properties"]["NAME"]] = f["properties"]["NAME_A"] or ""
    out: list[GenPlace] = []
    polys = []
    for name in sorted(geoms):
        geom = shapely.union_all(geoms[name])
        polys.append((name, geom))
        a = alt.get(name, {})
        sp = spellings.variants(name, arabic[name], rng, alternatives_en=a.get("alternative_english", ()),
                                alternatives_ar=a.get("alternative_arabic", ()))
        kind = "landmark" if re.search(r"Citadel|Airport|Barrack|University|Park|Cemetery|Hospital|Street",
                                       name) else "neighbourhood"
        out.append(GenPlace(slug(name), name, arabic[name], kind, 1, name, _points_in(geom, rng, 40),
                            {k: tuple(v) for k, v in sp.items()}))
    sites = json.loads((DATA / "cultural-sites.geojson").read_text(encoding="utf-8"))
    seen = {p.key for p in out}
    for f in sites["features"]:
        name = f["properties"]["FACILITY_N"].strip()
        lon, lat = f["geometry"]["coordinates"][:2]
        key = slug(name)
        if not name or key in seen or name.endswith(" Area"):  # "Walled City Area" is the Old City
            continue
        seen.add(key)
        district = next((n for n, g in polys if shapely.contains_xy(g, lon, lat)), None)
        short = name.split(",")[0].strip()  # "Khan Absi, Warehouse": reports say "Khan Absi"
        latin = [spellings.latin_variant(short, rng) for _ in range(2)]
        out.append(GenPlace(key, name, "", "landmark", 1, district, ((round(lat, 5), round(lon, 5)),),
                            {"canonical": tuple(dict.fromkeys((short, name))),
                             "latin": tuple(dict.fromkeys(v for v in latin if v != short)),
                             "arabic": (), "typo": (spellings.typo(short, rng),)}))
    for key, (prec, point, sps) in vocab.AREAS.items():
        lat_ = [s for s in sps if not re.search("[\u0600-\u06ff]", s)]
        ar_ = [s for s in sps if re.search("[\u0600-\u06ff]", s)]
        out.append(GenPlace(key, sps[0], ar_[0] if ar_ else "", "city" if prec == 3 else "area", prec,
                            None, (point,), {"canonical": tuple(lat_), "latin": (), "arabic": tuple(ar_),
                                             "typo": ()}))
    for name in vocab.UNRESOLVABLE:
        out.append(GenPlace(slug(name), name, "", "unresolvable", None, None, (CITY_POINT,),
                            {"canonical": (name,), "latin": (), "arabic": (), "typo": ()}))
    return tuple(out)


class _Picker:
    """Weighted choice in O(log n) with a cumulative table."""

    def __init__(self, items, weights):
        self.items = list(items)
        self.cum = list(itertools.accumulate(weights))

    def __call__(self, rng: random.Random):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


def _place_picker(ps: tuple[GenPlace, ...], rng: random.Random) -> _Picker:
    by_kind = {k: [p for p in ps if p.kind == k] for k in ("neighbourhood", "landmark", "area", "city", "unresolvable")}
    share = {"neighbourhood": 0.78, "landmark": 0.10, "area": 0.06, "city": 0.04, "unresolvable": 0.02}
    hot = ("sheikh", "salah", "sukkari", "ansari", "hanano", "ramouseh", "bustan-al-qaser", "shaar",
           "kallaseh", "midan", "masharqa", "sakhour", "hamdaniyeh")
    items, weights = [], []
    for kind, group in by_kind.items():
        order = list(range(1, len(group) + 1))
        rng.shuffle(order)
        raw = [(5.0 if any(h in p.key for h in hot) else 1.0) / r ** 0.6 for p, r in zip(group, order)]
        total = sum(raw)
        items += group
        weights += [share[kind] * w / total for w in raw]
    return _Picker(items, weights)


def _spelling(p: GenPlace, rng: random.Random) -> str:
    r = rng.random()
    fam = "canonical" if r < 0.35 else "latin" if r < 0.80 else "arabic" if r < 0.92 else "typo"
    pool = p.spellings.get(fam) or p.spellings["canonical"]
    return rng.choice(pool)


def _date(rng: random.Random) -> date:
    year = _Picker(list(vocab.YEAR_WEIGHTS), list(vocab.YEAR_WEIGHTS.values()))(rng)
    start = date(year, 7, 19) if year == 2012 else date(year, 1, 1)  # the battle began in July 2012
    end = date(year, 12, 22) if year == 2016 else date(year, 12, 31)
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _fatalities(sub: str, rng: random.Random) -> int:
    if rng.random() < (0.55 if sub != "Armed clash" else 0.35):
        return 0
    scale = 8 if sub in ("Armed clash", "Air/drone strike", "Suicide bomb", "Chemical weapon") else 3
    return min(400, int(rng.expovariate(1 / scale)) + 1)


def acled_rows(n: int, seed: int = 1) -> Iterator[dict[str, object]]:
    """``n`` ACLED-format rows (all 31 columns) for events in Aleppo city, 2012-2016."""
    return (row for row, _ in events(n, seed))


def events(n: int, seed: int = 1) -> Iterator[tuple[dict[str, object], GenPlace]]:
    """``n`` ACLED rows, each with the place it was generated at (the ground truth)."""
    rng = random.Random(seed)
    ps = places(seed)
    pick_place = _place_picker(ps, rng)
    pick_type = _Picker([(t, s) for t, s, _ in vocab.TYPE_MIX], [w for *_, w in vocab.TYPE_MIX])
    acts = vocab.actors(200)
    armed = [a for a in acts if a[1] not in ("Civilians", "Protesters", "Rioters")]
    pick_armed = _Picker(armed, [1 / (i + 1) ** 0.9 for i in range(len(armed))])
    civ = next(a for a in acts if a[0] == "Civilians (Syria)")
    pick_source = _Picker(vocab.SOURCES, [1 / (i + 1) ** 0.7 for i in range(len(vocab.SOURCES))])
    for i in range(n):
        p = pick_place(rng)
        etype, sub = pick_type(rng)
        d = _date(rng)
        a1 = pick_armed(rng)
        if etype == "Protests":
            a1, a2 = next(a for a in acts if a[0] == "Protesters (Syria)"), (("", "") if sub == "Peaceful protest" else pick_armed(rng))
        elif etype == "Riots":
            a1, a2 = next(a for a in acts if a[0] == "Rioters (Syria)"), civ if sub == "Mob violence" else ("", "")
        elif etype == "Violence against civilians" or (etype.startswith("Explosions") and rng.random() < 0.4):
            a2 = civ
        elif etype == "Battles":
            a2 = pick_armed(rng)
            while a2[1] == a1[1] and rng.random() < 0.8:
                a2 = pick_armed(rng)
        else:
            a2 = ("", "") if rng.random() < 0.6 else pick_armed(rng)
        spelled = _spelling(p, rng)
        r = rng.random()
        location = f"Aleppo - {spelled}" if r < 0.5 and p.kind != "city" else f"{spelled}, Aleppo" if r < 0.6 and p.kind != "city" else spelled
        if p.precision == 1 and location.startswith("Aleppo - ") and rng.random() < 0.7:
            lat, lon = CITY_POINT  # ACLED codes many sub-city events at the city's point
        else:
            lat, lon = rng.choice(p.points)
        geo = p.precision if p.precision else 2
        fat = _fatalities(sub, rng)
        tmpl = rng.choice(vocab.NOTES.get(sub, vocab.DEFAULT_NOTES))
        ftxt = "" if fat == 0 else f"{fat} killed." if rng.random() < 0.5 else f"[{fat} fatalities]"
        notes = tmpl.format(d=d.strftime("%d %B %Y").lstrip("0"), p=spelled, a1=a1[0], a2=a2[0] or "unknown actors",
                            f=ftxt, t=sub.lower()).strip()
        if rng.random() < 0.002:
            notes += " " + rng.choice(vocab.ODD_NOTES)
        src, scale = pick_source(rng)
        inter2 = a2[1]
        yield {
            "event_id_cnty": f"SYR{100000 + i}", "event_date": d.isoformat(), "year": d.year,
            "time_precision": 1 if rng.random() < 0.85 else 2 if rng.random() < 0.8 else 3,
            "disorder_type": ("Demonstrations" if etype in ("Protests", "Riots") else
                              "Strategic developments" if etype == "Strategic developments" else "Political violence"),
            "event_type": etype, "sub_event_type": sub, "actor1": a1[0],
            "assoc_actor_1": rng.choice(acts)[0] if rng.random() < 0.08 else "", "inter1": a1[1],
            "actor2": a2[0], "assoc_actor_2": rng.choice(acts)[0] if a2[0] and rng.random() < 0.05 else "",
            "inter2": inter2, "interaction": f"{a1[1]}-{inter2}" if inter2 else f"{a1[1]} only",
            "civilian_targeting": "Civilian targeting" if a2 is civ else "",
            "iso": 760, "region": "Middle East", "country": "Syria", "admin1": "Aleppo",
            "admin2": "Jebel Saman", "admin3": "Jebel Saman", "location": location,
            "latitude": f"{lat:.4f}", "longitude": f"{lon:.4f}", "geo_precision": geo,
            "source": src, "source_scale": scale, "notes": notes, "fatalities": fat, "tags": "",
            "timestamp": 1600000000 + i,
        }, p


def write_acled_csv(out: str | Path | IO[str], n: int, seed: int = 1) -> None:
    """Write ``n`` generated events as an ACLED CSV export to a path or a text file object."""
    if isinstance(out, (str, Path)):
        with open(out, "w", newline="", encoding="utf-8") as fh:
            return write_acled_csv(fh, n, seed)
    w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(acled_rows(n, seed))


def events_frame(n: int, seed: int = 1, *, columns: tuple[str, ...] | None = None):
    """A DataFrame shaped like ``EventStore.query`` output (EXPORT_COLUMNS), with the
    generator's ground truth as ``place_id`` (our slug) and ``district`` (the data's NAME)."""
    import pandas as pd

    from dashboard.schema import EXPORT_COLUMNS

    recs = []
    for r, p in events(n, seed):
        resolved = p.kind != "unresolvable"
        recs.append({
            "event_id": r["event_id_cnty"], "event_date": r["event_date"], "time_precision": r["time_precision"],
            "event_type": r["event_type"], "sub_event_type": r["sub_event_type"], "actor1": r["actor1"],
            "assoc_actor_1": r["assoc_actor_1"], "actor2": r["actor2"], "assoc_actor_2": r["assoc_actor_2"],
            "location": r["location"], "place_id": p.key if resolved else None, "district": p.district,
            "latitude": float(r["latitude"]) if resolved else None,
            "longitude": float(r["longitude"]) if resolved else None,
            "geo_precision": p.precision, "fatalities": r["fatalities"], "source": r["source"],
            "source_url": "", "notes": r["notes"], "origin": "generated", "origin_line": None,
            "ingested_at": "2026-01-01T00:00:00Z",
        })
    df = pd.DataFrame.from_records(recs, columns=list(EXPORT_COLUMNS))
    return df[list(columns)] if columns else df


def map_points_frame(n: int, seed: int = 1):
    """A DataFrame shaped like ``EventStore.map_points`` output (MAP_COLUMNS), located rows only."""
    df = events_frame(n, seed, columns=MAP_COLUMNS)
    return df[df["latitude"].notna()].reset_index(drop=True)


def district_stats_frame(points):
    """``district, events, fatalities`` of a points frame, like ``EventStore.district_stats``."""
    g = points.dropna(subset=["district"]).groupby("district")
    return g.agg(events=("district", "size"), fatalities=("fatalities", "sum")).reset_index()


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.generate --n N --format acled|queries --out FILE``."""
    ap = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="number of events (or queries)")
    ap.add_argument("--format", choices=("acled", "queries"), default="acled")
    ap.add_argument("--mix", choices=("realistic", "exact", "fuzzy"), default="realistic")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="-", help="output file ('-' for stdout)")
    a = ap.parse_args(argv)
    from .queries import query_mix

    fh = sys.stdout if a.out == "-" else open(a.out, "w", newline="", encoding="utf-8")
    try:
        if a.format == "acled":
            write_acled_csv(fh, a.n, a.seed)
        else:
            fh.writelines(q + "\n" for q in query_mix(a.mix, a.n, a.seed))
    finally:
        if fh is not sys.stdout:
            fh.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
