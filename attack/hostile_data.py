"""Hostile text in every text field of every format ingest reads: files that put each payload
into actors, places, sources, links and notes (at map points, so popups show them, and without
coordinates, so the unresolved tab lists them) and into prose reports."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .payloads import XSS

TEXT_FIELDS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "location", "source", "source_url", "notes")
COLUMNS = ("event_id_cnty", "event_date", "event_type", "sub_event_type", *TEXT_FIELDS, "latitude", "longitude",
           "geo_precision", "fatalities")


def _rows(payloads: list[str], tag: str, points: list[tuple[float, float]]) -> list[dict]:
    rows = []
    for i, p in enumerate(payloads):
        lat, lon = points[i % len(points)]
        base = {f: p for f in TEXT_FIELDS}
        rows.append({"event_id_cnty": f"{tag}{i}", "event_date": f"2016-{1 + i % 12:02d}-{1 + i % 28:02d}",
                     "event_type": "Battles", "sub_event_type": p, **base, "latitude": lat, "longitude": lon,
                     "geo_precision": 1 + i % 2, "fatalities": i % 5})
        unresolved = dict(base, event_id_cnty=f"{tag}u{i}", event_date="2015-06-01", event_type="Battles",
                          sub_event_type="", latitude="", longitude="", geo_precision="", fatalities=1)
        rows.append(unresolved)
        rows.append(dict(base, event_id_cnty=f"{tag}bad{i}", event_date=p, event_type=p, sub_event_type="",
                         latitude="", longitude="", geo_precision="", fatalities=p))  # a rejected row quoting it
    return rows


def write_files(folder: Path, points: list[tuple[float, float]], payloads: list[str] | None = None) -> list[Path]:
    """CSV, JSON, JSONL, GeoJSON, XLSX and prose (.txt, .html) files of hostile rows in ``folder``."""
    import openpyxl

    payloads = payloads or XSS
    out = []
    rows = _rows(payloads, "c", points)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
    (folder / "hostile.csv").write_text(buf.getvalue(), encoding="utf-8")
    out.append(folder / "hostile.csv")
    recs = _rows(payloads, "j", points[3:] + points[:3])
    (folder / "hostile.json").write_text(json.dumps({"events": recs}), encoding="utf-8")
    (folder / "hostile.jsonl").write_text("\n".join(json.dumps(r) for r in _rows(payloads, "l", points[5:] + points[:5])),
                                          encoding="utf-8")
    feats = [{"type": "Feature", "properties": {k: v for k, v in r.items() if k not in ("latitude", "longitude")},
              "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]} if r["latitude"] != ""
              else None} for r in _rows(payloads, "g", points[7:] + points[:7])]
    (folder / "hostile.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": feats}),
                                            encoding="utf-8")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(COLUMNS))
    for r in _rows(payloads, "x", points[9:] + points[:9]):
        ws.append([("'" + v) if isinstance(v, str) and v.startswith("=") else v for v in (r[c] for c in COLUMNS)])
    wb.save(folder / "hostile.xlsx")
    out += [folder / "hostile.json", folder / "hostile.jsonl", folder / "hostile.geojson", folder / "hostile.xlsx"]
    prose = "\n\n".join(f"On Friday, regime shelling hit Bab al-Hadid, killing {1 + i % 4} people, said {p}. "
                        f"Witnesses in {p} reported clashes with rebels in Hanano." for i, p in enumerate(payloads))
    (folder / "hostile-report.txt").write_text(prose, encoding="utf-8")
    html = ("<html><head><title>" + payloads[0] + "</title><meta property='article:published_time' "
            "content='2016-10-07'></head><body>" + "".join(f"<p>{p} Air strikes hit Sheikh Maqsoud, killing 3."
                                                           "</p>" for p in payloads) + "</body></html>")
    (folder / "hostile-report.html").write_text(html, encoding="utf-8")
    out += [folder / "hostile-report.txt", folder / "hostile-report.html"]
    return out
