"""Load a damage-assessment table into the evidence table (``damage_sites``), not into events.

Called by :func:`dashboard.ingest.ingest_file` when :func:`~dashboard.evidence.reader.is_damage_table`
recognises the header, so that the CLI and the app's Upload tab both route such files here.
The same rules as for events: one transaction per file, a :class:`RowProblem` per bad row,
valid rows load, re-ingesting adds nothing.
"""
from __future__ import annotations

from typing import Any

from ..errors import RowProblem
from ..geocode import NAME_NEAR_KM, GeoReject, Geocoder, km_between
from ..schema import PRECISION_PLACE
from . import DamageSite
from .reader import DamageRows

BATCH = 5000
KIND = "damage sites"  # IngestReport.kind of such a file


def district_of(geo: Geocoder, site: DamageSite) -> str | None:
    """The district polygon the site lies in (or the nearest within the gap rule); a point in
    no district takes its place name's district when that place is within 2 km. The point
    itself never moves: the imagery located it."""
    d = geo.district_at(site.latitude, site.longitude)
    if d is not None:
        return d.district or d.name
    if site.place:
        m = geo.resolve_location(site.place)
        if m is not None and getattr(m.place, "precision", None) == PRECISION_PLACE and \
                km_between(site.latitude, site.longitude, m.place.lat, m.place.lon) <= NAME_NEAR_KM:
            return m.place.district or m.place.name
    return None


def load_damage_table(writer: Any, table: Any, report: Any, *, name: str, geo: Geocoder,
                      source: str | None) -> None:
    """Read every row of ``table`` into ``writer``'s transaction, counting into ``report``."""
    report.kind = KIND
    conv, rows = DamageRows.open(table.columns, table.rows, file=name, dict_rows=table.dict_rows,
                                 source=source or "")
    from ..readers.jsonfmt import BadRecord

    batch: list[DamageSite] = []
    outside_districts = 0
    for line, row in rows:
        report.read += 1
        if row.__class__ is BadRecord:
            report._problem(RowProblem(name, line, "record", row.reason), rejected=True)
            continue
        site = conv.convert(line, row)
        if site.__class__ is RowProblem:
            report._problem(site, rejected=True)
            continue
        try:
            geo.check_point(site.latitude, site.longitude)
        except GeoReject as exc:
            if exc.reason.startswith("outside Aleppo"):
                report.outside += 1
            col = conv.columns.get("latitude", "latitude")
            report._problem(RowProblem(name, line, "geometry" if col.startswith("__") else col, exc.reason,
                                       exc.value), rejected=True)
            continue
        site.district = district_of(geo, site)
        outside_districts += site.district is None
        batch.append(site)
        if len(batch) >= BATCH:
            _flush(writer, batch, report)
    _flush(writer, batch, report)
    report.notes.append(f"a damage assessment: {report.loaded:,} damage sites loaded into the evidence layer "
                        "(never counted as events)")
    if outside_districts:
        report.notes.append(f"{outside_districts:,} damage sites lie outside every district polygon "
                            "(kept, drawn, counted in no district)")


def _flush(writer: Any, batch: list[DamageSite], report: Any) -> None:
    if batch:
        ins, dup = writer.insert_damage(batch)
        report.loaded += ins
        report.duplicates += dup
        batch.clear()
