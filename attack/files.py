"""Malformed and hostile input files of every kind ingest reads, each with the number of
valid rows it holds (what must load) and the finding of issue 15 it replays, if any."""
from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from typing import Callable

HEADER = "event_date,event_type,location,fatalities,notes\n"


def _valid(n: int, tag: str = "v") -> list[str]:
    return [f"2016-{1 + i % 12:02d}-{1 + i % 28:02d},Shelling,Bab al-Hadid,{i % 5},{tag} row {i}\n" for i in range(n)]


@dataclass
class FileCase:
    """One file: ``valid`` rows must load; ``refuse`` means the file as a whole is rejected
    with a clear error (then nothing may load)."""

    cls: str
    name: str
    make: Callable[[], bytes]
    valid: int = 0
    refuse: bool = False
    opts: dict = field(default_factory=dict)
    finding: str = ""


def _csv(*rows: str, header: str = HEADER) -> Callable[[], bytes]:
    return lambda: (header + "".join(rows)).encode()


def workbook_bytes(rows: list[list], *, far: bool = False) -> bytes:
    """An XLSX of ``rows``; with ``far`` also one cell in the sheet's last row and column, so that
    the workbook declares the whole sheet (``A1:XFD1048576``) in a few kilobytes."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    if far:
        ws.cell(row=1_048_576, column=16_384, value="x")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _xlsx(rows: list[list], *, far: bool = False) -> Callable[[], bytes]:
    return lambda: workbook_bytes(rows, far=far)


def _raw_xlsx(sheet: bytes, *, strings: bytes | None = None) -> Callable[[], bytes]:
    """A workbook written by hand (for XML no library would write)."""
    def make() -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("xl/workbook.xml", '<workbook xmlns:r="r"><sheets><sheet name="a" sheetId="1" r:id="rId1"/>'
                                          "</sheets></workbook>")
            z.writestr("xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="rId1" '
                                                     'Target="worksheets/sheet1.xml"/></Relationships>')
            z.writestr("xl/worksheets/sheet1.xml", sheet)
            if strings is not None:
                z.writestr("xl/sharedStrings.xml", strings)
        return buf.getvalue()
    return make


def _row_xml(r: int, values: list[str]) -> bytes:
    cells = "".join(f'<c r="{chr(65 + i)}{r}" t="inlineStr"><is><t>{v}</t></is></c>' for i, v in enumerate(values))
    return f'<row r="{r}">{cells}</row>'.encode()


def _json_records(n: int) -> list[dict]:
    return [{"event_date": f"2016-10-{1 + i % 28:02d}", "event_type": "Shelling", "location": "Bab al-Hadid",
             "fatalities": i % 4, "notes": f"json row {i}"} for i in range(n)]


def _feature(geom, props=None) -> dict:
    return {"type": "Feature", "properties": props or {"event_date": "2016-10-07", "event_type": "Shelling"},
            "geometry": geom}


GOOD_POINT = {"type": "Point", "coordinates": [37.1597, 36.2024]}
EXTRA_DIMENSIONS = {"type": "Point", "coordinates": [37.1598, 36.2025, 5, 9, 9]}  # the first two are used
BROKEN_GEOMETRIES = [
    {"type": "Hexagon", "coordinates": [37.15, 36.2]}, {"type": "LineString", "coordinates": [[37.15, 36.2]]},
    {"type": "GeometryCollection", "geometries": []}, {"type": "MultiPoint", "coordinates": []},
    "POINT (37.15 36.2)", {"coordinates": [37.15, 36.2]}, {"type": "Point", "coordinates": ["a", "b"]},
    {"type": "Point", "coordinates": [37.15]}, {"type": "Point", "coordinates": None}, {"type": "Point"},
    {"type": "Polygon", "coordinates": [[[37.15, 36.2]]]}, {"type": "Polygon", "coordinates": []},
    {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]},
    {"type": "MultiPolygon", "coordinates": [[[["x", 1]]]]}, {"type": "Point", "coordinates": [1e400, 36.2]},
    {"type": "LineString", "coordinates": "abc"},
    {"type": 7, "coordinates": [1, 2]}, [37.15, 36.2], {"type": "Point", "coordinates": {"x": 1}},
    {"type": "GeometryCollection", "geometries": [{"type": "Nope"}]},
]


def cases(quick: bool = False) -> list[FileCase]:
    """Every file case (a smaller share with ``quick``)."""
    v4 = _valid(4)
    deep = "[" * 10_000 + "]" * 10_000
    out = [
        # finding 1: one row poisons the store
        FileCase("findings", "int64-max.csv", _csv(*v4[:2], "2016-10-09,Shelling,Bab al-Hadid,9223372036854775807,x\n",
                                                    *v4[2:]), 4, finding="1"),
        FileCase("findings", "1e308.csv", _csv(*v4, "2016-10-09,Shelling,Bab al-Hadid,1e308,x\n"), 4, finding="1"),
        FileCase("findings", "5000-digits.csv", _csv(*v4, "2016-10-09,Shelling,Bab al-Hadid," + "9" * 5000 + ",x\n"),
                 4, finding="1"),
        # finding 4: a 1.6 kB workbook declaring A1:XFD1048576
        FileCase("findings", "whole-sheet.xlsx", _xlsx([["event_date", "event_type", "location"],
                                                        ["2016-10-07", "Shelling", "Bab al-Hadid"]], far=True),
                 1, finding="4"),
        # finding 5: tracebacks instead of problem reports
        FileCase("findings", "deep.json", lambda: (json.dumps(_json_records(3))[:-1] + ', {"x": ' + deep + "}]").encode(),
                 3, finding="5"),
        FileCase("findings", "deep-line.jsonl", lambda: "\n".join(
            [json.dumps(r) for r in _json_records(2)] + ['{"x": ' + deep + "}", json.dumps(_json_records(3)[2])]
        ).encode(), 3, finding="5"),
        FileCase("findings", "5000-digits.json", lambda: json.dumps(
            _json_records(2) + [{"event_date": "2016-10-07", "event_type": "Shelling", "location": "Hanano"}]
        )[:-2].encode() + b', "fatalities": ' + b"7" * 5000 + b"}]", 2, finding="5"),
        FileCase("findings", "broken-features.geojson", lambda: json.dumps({"type": "FeatureCollection", "features": [
            _feature(GOOD_POINT), _feature(EXTRA_DIMENSIONS)] + [_feature(g) for g in BROKEN_GEOMETRIES] + [
            {"type": "Feature", "properties": [1, 2], "geometry": GOOD_POINT},
            _feature(GOOD_POINT, {"event_date": "2016-10-09", "event_type": "Battles"})]}).encode(), 3, finding="5"),
        # finding 6: rows lost or garbled without a word
        FileCase("findings", "unclosed-quote.csv", _csv(v4[0], '2016-10-05,Shelling,"Bab al-Hadid,2,stray\n', *v4[1:]),
                 4, finding="6"),
        FileCase("findings", "cp1256-late.csv", lambda: (HEADER + "".join(_valid(2000)) +
                                                         "2016-10-07,Shelling,الشيخ مقصود,1,قصف\n").encode("cp1256"),
                 2001, finding="6"),
        FileCase("findings", "utf16.csv", lambda: (HEADER + "".join(v4)).replace(",", "\t").encode("utf-16"), 4,
                 finding="6"),
        # finding 10
        FileCase("findings", "25M-columns.csv", lambda: b"a," * 25_000_000 + b"\n", 0, refuse=True, finding="10"),
        FileCase("findings", "nul.csv", _csv("2016-10-07,Shell\x00ing,Bab al-\x00Hadid,1,n\x00\n", *v4[1:]), 4,
                 finding="10"),
        FileCase("findings", "bad-longitude.csv", lambda: b"event_date,event_type,latitude,longitude\n"
                 b"2016-10-07,Shelling,36.2,737.1\n2016-10-07,Shelling,36.2024,37.1597\n", 1, finding="10"),
        # CSV
        FileCase("CSV", "empty.csv", lambda: b"", refuse=True),
        FileCase("CSV", "header-only.csv", _csv(), refuse=True),
        FileCase("CSV", "binary-garbage.csv", lambda: bytes(range(256)) * 400, refuse=True),
        FileCase("CSV", "crlf.csv", lambda: (HEADER + "".join(v4)).replace("\n", "\r\n").encode(), 4),
        FileCase("CSV", "cr-only.csv", lambda: (HEADER + "".join(v4)).replace("\n", "\r").encode(), 4),
        # a lone CR ends a line (old Mac files): "2016-10-05,Shelling,Bab" is a row of its own
        FileCase("CSV", "lone-cr.csv", _csv(v4[0], "2016-10-05,Shelling,Bab\ral-Hadid,1,x\n", *v4[1:]), 5),
        FileCase("CSV", "bom-semicolon.csv", lambda: ("\ufeff" + HEADER + "".join(v4)).replace(",", ";").encode(), 4),
        FileCase("CSV", "extra-columns.csv", _csv(*v4, "2016-10-07,Shelling,Hanano,1,x,extra,more\n"), 4),
        FileCase("CSV", "short-rows.csv", _csv(*v4, "2016-10-07\n", ",,,,\n"), 4),
        FileCase("CSV", "long-field.csv", _csv(*v4, "2016-10-07,Shelling,Hanano,1," + "x" * 3_000_000 + "\n"), 5),
        FileCase("CSV", "long-line.csv", _csv(*v4, "2016-10-07,Shelling,Hanano,1," + "," * 300_000 + "\n"), 4),
        FileCase("CSV", "huge-line.csv", _csv(*v4, "x" * 6_000_000 + "\n"), 4),
        FileCase("CSV", "many-stray-quotes.csv", _csv(*v4, *['2016-10-07,"Shelling,Hanano,1,x\n'] * 3), 4),
        FileCase("CSV", "mixed-encodings.csv", lambda: (HEADER + "".join(v4)).encode() +
                 "2016-10-07,Shelling,حلب,1,قصف\n".encode("cp1256") + "2016-10-08,Shelling,حلب,1,قصف\n".encode(), 6),
        FileCase("CSV", "hostile-values.csv", _csv(*v4, "2016-10-07,Shelling,Bab al-Hadid,NaN,x\n",
                                                   "2016-10-07,Shelling,Bab al-Hadid,-5,x\n",
                                                   "9999-99-99,Shelling,Bab al-Hadid,1,x\n",
                                                   "2016-10-07,<script>,Bab al-Hadid,1,x\n"), 5),  # NaN: no toll
        FileCase("CSV", "coordinates.csv", lambda: b"event_date,event_type,latitude,longitude\n"
                 b"2016-10-07,Shelling,NaN,37.1\n2016-10-07,Shelling,inf,-inf\n2016-10-07,Shelling,1e308,1e308\n"
                 b"2016-10-07,Shelling,36.2024,37.1597\n2016-10-07,Shelling,36.2,\n", 1),
        FileCase("CSV", "hostile-header.csv", _csv(*v4, header="event_date,event_type,location,fatalities,"
                                                   "\x1b[2J<script>window.__xss=1</script>\n"), 4),
        FileCase("CSV", "duplicate-header.csv", _csv(*v4, header="event_date,event_type,location,location,notes\n"), 4),
        # JSON / JSONL
        FileCase("JSON", "not-json.json", lambda: b"{this is not json", refuse=True),
        FileCase("JSON", "scalar.json", lambda: b"42", refuse=True),
        FileCase("JSON", "deep-doc.json", lambda: deep.encode(), refuse=True),
        FileCase("JSON", "mixed-records.json", lambda: json.dumps(_json_records(3) + [1, "x", None, [1]]).encode(), 3),
        FileCase("JSON", "nested-values.json", lambda: json.dumps(_json_records(3) + [
            {"event_date": "2016-10-07", "event_type": "Shelling", "location": {"a": {"b": {"c": [1, {"d": 2}]}}}}]
        ).encode(), 3),  # "location" is an object: its parts become location.a, not a place name
        FileCase("JSON", "depth-200-value.json", lambda: (json.dumps(_json_records(3))[:-1] +
                 ', {"event_date": "2016-10-07", "x": ' + "[" * 200 + "]" * 200 + "}]").encode(), 3),
        FileCase("JSON", "cp1256.json", lambda: json.dumps(_json_records(2) + [
            {"event_date": "2016-10-07", "event_type": "Shelling", "location": "حلب", "notes": "قصف"}],
            ensure_ascii=False).encode("cp1256"), 3),
        FileCase("JSONL", "bad-lines.jsonl", lambda: "\n".join([json.dumps(r) for r in _json_records(3)] + [
            "not json", "[1,2]", "", "{}", '{"event_date": 1e999}', "\x00\x01"]).encode(), 3),
        # GeoJSON
        FileCase("GeoJSON", "no-features.geojson", lambda: b'{"type": "FeatureCollection"}', refuse=True),
        FileCase("GeoJSON", "features-not-objects.geojson", lambda: json.dumps(
            {"type": "FeatureCollection", "features": [1, "x", None, _feature(GOOD_POINT)]}).encode(), 1),
        FileCase("GeoJSON", "deep-feature.geojson", lambda: (
            '{"type": "FeatureCollection", "features": [' + json.dumps(_feature(GOOD_POINT)) +
            ', {"type": "Feature", "geometry": ' + deep + "}]}").encode(), 1),
        # XLSX
        FileCase("XLSX", "not-a-zip.xlsx", lambda: b"PK\x03\x04 not really", refuse=True),
        FileCase("XLSX", "empty-zip.xlsx", lambda: _empty_zip(), refuse=True),
        FileCase("XLSX", "broken-xml.xlsx", _raw_xlsx(b"<worksheet><sheetData><row r='1'><c r='A1' t='inlineStr'><is>"
                                                      b"<t>event_date</t>"), refuse=True),
        FileCase("XLSX", "hostile-cells.xlsx", _raw_xlsx(b"<worksheet><sheetData>" + _row_xml(1, [
            "event_date", "event_type", "location"]) + _row_xml(2, ["2016-10-07", "Shelling", "Bab al-Hadid"]) +
            b'<row r="3"><c r="A3" t="s"><v>99999</v></c><c r="B3" t="n"><v>abc</v></c><c r="XFD3"><v>1</v></c>'
            b'<c r="C3" t="e"><v>#N/A</v></c></row>' + _row_xml(4, ["2016-10-08", "Shelling", "&lt;script&gt;"]) +
            b"</sheetData></worksheet>"), 2),
        FileCase("XLSX", "expanding.xlsx", _raw_xlsx(b"<worksheet><sheetData>" + _row_xml(1, [
            "event_date", "event_type", "location"]) + _row_xml(2, ["2016-10-07", "Shelling", "Bab al-Hadid"]) +
            b"<row/>" * 3_000_000 + b"</sheetData></worksheet>"), 1),
        FileCase("XLSX", "wide-rows.xlsx", _raw_xlsx(b"<worksheet><sheetData>" + _row_xml(1, [
            "event_date", "event_type", "location", "notes"]) + b"".join(
            _row_xml(r, [f"2016-{1 + r % 12:02d}-{1 + r % 28:02d}", "Shelling", "Bab al-Hadid", f"row {r}"])[:-6] +
            b'<c r="XFA%d"><v>1</v></c></row>' % r
            for r in range(2, 2000)) + b"</sheetData></worksheet>"), 1998),
        # prose
        FileCase("prose", "binary.txt", lambda: bytes(range(256)) * 100, 0, opts={"published": "2016-10-07"}),
        FileCase("prose", "deep.html", lambda: b"<html>" + b"<div>" * 20000 + b"Shelling hit Bab al-Hadid." +
                 b"</div>" * 20000 + b"</html>", 0, opts={"published": "2016-10-07"}),
        FileCase("prose", "no-date.txt", lambda: b"Shelling hit Bab al-Hadid, killing 3.", refuse=True),
        FileCase("prose", "huge-number.txt", lambda: ("Shelling hit Bab al-Hadid on Friday, killing " + "9" * 5000 +
                                                      " people.").encode(), 0, opts={"published": "2016-10-07"}),
        FileCase("prose", "one-long-line.txt", lambda: ("Shelling hit Bab al-Hadid. " * 40_000).encode(),
                 refuse=True, opts={"published": "2016-10-07"}),
        FileCase("prose", "long-report.txt", lambda: "\n\n".join(
            f"On Friday shelling hit Bab al-Hadid, killing {i % 7 + 1} people." for i in range(1500)).encode(), 1,
                 opts={"published": "2016-10-07"}),
    ]
    if quick:
        keep = {"int64-max.csv", "whole-sheet.xlsx", "deep.json", "broken-features.geojson", "unclosed-quote.csv",
                "cp1256-late.csv", "utf16.csv", "nul.csv", "bad-longitude.csv", "empty.csv", "hostile-values.csv",
                "bad-lines.jsonl", "hostile-cells.xlsx", "binary.txt", "deep-line.jsonl"}
        out = [c for c in out if c.name in keep]
    return out


def _empty_zip() -> bytes:
    buf = io.BytesIO()
    zipfile.ZipFile(buf, "w").close()
    return buf.getvalue()
