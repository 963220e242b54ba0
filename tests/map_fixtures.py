"""Shared fixtures for the map tests: a gazetteer read from the bundled files, ten events
of every kind (one with hostile text), district stats, and readers of the built map."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.filters import ViewState
from dashboard.map.view import build_map, map_html

DATA = Path(__file__).resolve().parent.parent / "gazetteer" / "data"
HOSTILE = [
    "<script>window.__xss=true</script>",
    "<img src=x onerror=\"window.__xss=true\">",
    "</script><script>window.__xss=true</script>",
    "\" onmouseover=\"window.__xss=true\" x=\"",
    "line\u2028separator\u2029end & <b>bold</b>",
]


@dataclass(frozen=True)
class _Place:
    id: str
    name: str
    name_ar: str
    lat: float
    lon: float
    kind: str = "neighbourhood"
    precision: int = 1
    district: str | None = None


class _FileGazetteer:
    """The subset of gazetteer.Gazetteer the map uses, read straight from the bundled files."""

    def __init__(self) -> None:
        from shapely.geometry import shape
        from shapely.ops import unary_union

        raw = json.loads((DATA / "neighbourhoods.geojson").read_text(encoding="utf-8"))
        groups: dict[str, list] = {}
        arabic: dict[str, str] = {}
        for f in raw["features"]:
            groups.setdefault(f["properties"]["NAME"], []).append(shape(f["geometry"]))
            arabic[f["properties"]["NAME"]] = f["properties"].get("NAME_A") or ""
        self._features, self._places = [], {}
        for name, geoms in groups.items():
            pid = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
            geom = unary_union(geoms)
            pt = geom.representative_point()
            self._places[pid] = _Place(pid, name, arabic[name], pt.y, pt.x, district=name)
            self._features.append({"type": "Feature", "properties": {"id": pid, "name": name, "name_ar": arabic[name]},
                                   "geometry": json.loads(json.dumps(geom.__geo_interface__))})
        sites = json.loads((DATA / "cultural-sites.geojson").read_text(encoding="utf-8"))
        self._landmarks = {"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": f["geometry"], "properties": {"name": f["properties"]["FACILITY_N"]}}
            for f in sites["features"]]}

    def districts_geojson(self) -> dict:
        return {"type": "FeatureCollection", "features": self._features}

    def landmarks_geojson(self) -> dict:
        return self._landmarks

    def districts(self) -> list[_Place]:
        return list(self._places.values())

    def place(self, pid: str) -> _Place:
        return self._places[pid]


def load_gazetteer():
    """The real gazetteer when it is there, else the file adapter above."""
    try:
        import gazetteer

        return gazetteer.load()
    except (ImportError, AttributeError):
        return _FileGazetteer()


def decode_rows(payload: dict) -> list[dict]:
    """Python mirror of the browser's reading of popup rows (a ``PointEncoder`` payload)."""
    s, k, p = payload["s"], payload["k"], payload["p"]
    out = []
    for i in range(payload["n"]):
        r = p[i * k:(i + 1) * k]
        colour, etype, sub = payload["kd"][r[0]]
        src, url = (s[x] for x in payload["sr"][r[5]])
        out.append({"colour": colour, "event_type": s[etype], "sub_event_type": s[sub], "event_date": s[r[1]],
                    "actor1": s[r[2]], "actor2": s[r[3]], "fatalities": r[4], "source": src, "source_url": url,
                    "notes": s[r[6]], "location": s[r[7]]})
    assert len(p) == payload["n"] * k
    return out


def decode_marks(page: dict) -> list[dict]:
    """Python mirror of the browser's reading of an EventMarks payload: one dict per mark
    (``lat``, ``lon``, ``events``, ``shown``, ``mix``, ``place``, ``district``, ``rows``)."""
    rows = decode_rows({**page, "p": json.loads(page["ps"]) if "ps" in page else page["p"]})
    marks, lat, at, types = [], page["o"][0], 0, len(page["mx"]) // max(1, page["ns"])
    for i in range(page["ns"]):
        dlat, lon, n, shown = page["sp"][4 * i:4 * i + 4]
        lat += dlat
        place, district = page["sl"][i]
        marks.append({"lat": lat / 1e5, "lon": (lon + page["o"][1]) / 1e5, "events": n, "shown": shown,
                      "mix": page["mx"][i * types:(i + 1) * types], "place": place, "district": district,
                      "rows": rows[at:at + shown]})
        at += shown
    assert at == len(rows) and sum(m["events"] for m in marks) == page["ne"]
    return marks


def decode_points(page: dict) -> list[dict]:
    """Every row a marks payload carries, with its mark's coordinates and place."""
    return [{**r, "lat": m["lat"], "lon": m["lon"], "resolved": m["place"], "district": m["district"]}
            for m in decode_marks(page) for r in m["rows"]]


def fixture_points(gaz) -> pd.DataFrame:
    """Ten events: 5 drawn as points (one hostile), 3 at area level (2 halos), 1 city, 1 unresolved."""
    d = {p.name: p for p in gaz.districts()}
    names = sorted(d)
    a, b, c = d[names[0]], d[names[1]], d[names[2]]
    base = dict(sub_event_type="Armed clash", actor1="Military Forces of Syria", actor2="Rebels",
                fatalities=1, source="SOHR", source_url="https://example.org/report", notes="Clashes.",
                geo_precision=1, place_id=None)
    rows = [
        dict(event_id="ev-hostile", event_date="2016-10-07", event_type="Violence against civilians",
             sub_event_type=HOSTILE[3], actor1=HOSTILE[0], actor2=HOSTILE[2], fatalities=3,
             location=HOSTILE[1], district=HOSTILE[4], latitude=36.3050, longitude=37.3050,
             source=HOSTILE[0], source_url="javascript:window.__xss=true",
             notes="{{ 7*7 }} {% if x %} " + " ".join(HOSTILE)),
        dict(event_id="ev-2", event_date="2016-10-06", event_type="Battles", location=a.name,
             place_id=a.id, district=a.name, latitude=a.lat, longitude=a.lon),
        dict(event_id="ev-3", event_date="2016-10-05", event_type="Explosions/Remote violence",
             sub_event_type="Air/drone strike", location=b.name, district=b.name, latitude=b.lat,
             longitude=b.lon, fatalities=None),
        dict(event_id="ev-4", event_date="2016-10-04", event_type="Protests", location=c.name,
             district=c.name, latitude=c.lat, longitude=c.lon, fatalities=0),
        dict(event_id="ev-5", event_date="2016-10-03", event_type="Battles", location="somewhere",
             district=c.name, latitude=c.lat + 0.001, longitude=c.lon, geo_precision=None),
        dict(event_id="ev-6", event_date="2016-10-02", event_type="Battles", location="East Aleppo",
             latitude=36.21, longitude=37.18, geo_precision=2),
        dict(event_id="ev-7", event_date="2016-10-02", event_type="Riots", location="East Aleppo",
             latitude=36.21, longitude=37.18, geo_precision=2),
        dict(event_id="ev-8", event_date="2016-10-01", event_type="Battles", location="near the airport",
             latitude=36.18, longitude=37.22, geo_precision=2),
        dict(event_id="ev-9", event_date="2016-10-01", event_type="Battles", location="Aleppo",
             latitude=36.2, longitude=37.15, geo_precision=3),
        dict(event_id="ev-10", event_date="2016-10-01", event_type="Battles", location="Unknown Street",
             latitude=None, longitude=None, geo_precision=None),
    ]
    return pd.DataFrame([{**base, **r} for r in rows])


def fixture_stats(gaz) -> pd.DataFrame:
    names = sorted(p.name for p in gaz.districts())
    return pd.DataFrame({"district": names[:3], "events": [40, 5, 1], "fatalities": [7, 0, 2]})


def payload_of(m) -> dict:
    """The EventMarks payload of a built map (rows still as the page carries them: JSON text)."""
    from dashboard.map.points import EventMarks

    layer = next(c for c in m._children.values() if isinstance(c, EventMarks))
    page = json.loads(layer.data)
    assert "p" not in page and isinstance(page["ps"], str)  # rows travel as text, parsed on a click
    return page


def render(gaz, view=ViewState(), *, assets="served", points=None, **kw):
    m = build_map(fixture_points(gaz) if points is None else points, fixture_stats(gaz), view, gaz,
                  assets=assets, **kw)
    return m, map_html(m)


# --- offline ---------------------------------------------------------------------------------------
