"""XLSX by its real cells, streamed: the sheet's XML is read in pieces and its ``<row>`` and
``<c>`` elements are taken apart with regular expressions (C speed), so a 300,000-row export
loads at tens of thousands of rows a second where openpyxl's read-only mode does about a
thousand, and memory stays flat.

Nothing a workbook declares is trusted: not its dimension (``A1:XFD1048576`` in a 1.6 kB
file), not its parts' sizes. Empty rows cost nothing (only rows present in the XML are
seen); a row keeps at most ``MAX_COLUMNS`` cells; the XML read is capped relative to the
file's size (a zip bomb stops early) and a file has ``TIME_BUDGET`` seconds.
Values: shared and inline strings, numbers (whole numbers as ``int``), booleans, error
codes as text, and dates (cells whose number format is a date) as ``datetime``.
"""
from __future__ import annotations

import html
import io
import posixpath
import re
import time
import zipfile
from datetime import datetime, timedelta
from typing import IO, Iterator

from ..errors import IngestError
from . import Table
from .lines import MAX_COLUMNS

CHUNK = 1 << 20
MAX_XML = 512 << 20  # bytes of XML per part, at least; more only for big files (see _budget)
EXPANSION = 150  # real sheets expand 5-30x when unzipped; far more is a bomb
TIME_BUDGET = 300.0  # seconds for one workbook
MAX_STRINGS = 5_000_000

_NS_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?row>)", re.S)
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
# A cell in the usual attribute order: r, s, t; then either a plain <v> or anything else.
_PLAIN = re.compile(rb'<c(?: r="([A-Za-z]*)\d*")?(?: s="(\d+)")?(?: t="(\w+)")?\s*(?:/>|><v>([^<]*)</v></c>|>(.*?)</c>)',
                    re.S)
_ATTR = re.compile(rb'\b(r|t|s)="([^"]*)"')
_V = re.compile(rb"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", re.S)
_T = re.compile(rb"<(?:\w+:)?t\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?t>)", re.S)
_RPH = re.compile(rb"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.S)
_SI = re.compile(rb"<(?:\w+:)?si>(.*?)</(?:\w+:)?si>|<(?:\w+:)?si/>", re.S)
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_DATE_CODES = re.compile(r"[dmyhs]")
_BUILTIN_DATES = frozenset(range(14, 23)) | {27, 30, 36, 45, 46, 47, 50, 57}
EXCEL_EPOCH = datetime(1899, 12, 30)


def _text(raw: bytes) -> str:
    s = raw.decode("utf-8", "replace")
    if "&" in s:
        s = html.unescape(s)
    if "_x" in s:
        s = _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), s)
    return s


class _Budget:
    """Bytes of XML and seconds a workbook may cost."""

    def __init__(self, size: int):
        self.max_xml = max(MAX_XML, EXPANSION * size)
        self.deadline = time.monotonic() + TIME_BUDGET

    def check(self, xml_bytes: int) -> None:
        if xml_bytes > self.max_xml:
            raise IngestError(f"the workbook unpacks to more than {self.max_xml >> 20:,} MB of XML "
                              "(a damaged or hostile file?)")
        if time.monotonic() > self.deadline:
            raise IngestError(f"reading the workbook took more than {TIME_BUDGET:.0f} s; stopped")


def _chunks(zf: zipfile.ZipFile, name: str, budget: _Budget) -> Iterator[bytes]:
    read = 0
    with zf.open(name) as fh:
        while chunk := fh.read(CHUNK):
            read += len(chunk)
            budget.check(read)
            yield chunk


def _part(zf: zipfile.ZipFile, name: str, budget: _Budget) -> bytes:
    return b"".join(_chunks(zf, name, budget)) if name in zf.NameToInfo else b""


def _sheets(zf: zipfile.ZipFile, budget: _Budget) -> list[str]:
    """Worksheet part names in the workbook's order."""
    wb = _part(zf, "xl/workbook.xml", budget)
    rels = _part(zf, "xl/_rels/workbook.xml.rels", budget)
    targets = {m.group(1): m.group(2) for m in re.finditer(
        rb'<(?:\w+:)?Relationship\b[^>]*?\bId="([^"]+)"[^>]*?\bTarget="([^"]+)"', rels)}
    targets.update({m.group(2): m.group(1) for m in re.finditer(
        rb'<(?:\w+:)?Relationship\b[^>]*?\bTarget="([^"]+)"[^>]*?\bId="([^"]+)"', rels)})
    out = []
    for m in re.finditer(rb"<(?:\w+:)?sheet\b[^>]*?\br:id=\"([^\"]+)\"", wb):
        target = targets.get(m.group(1))
        if target:
            t = target.decode("utf-8", "replace")
            name = t.lstrip("/") if t.startswith("/") else posixpath.normpath(posixpath.join("xl", t))
            if name in zf.NameToInfo:
                out.append(name)
    if not out:
        out = sorted(n for n in zf.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml"))
    return out


def _shared_strings(zf: zipfile.ZipFile, budget: _Budget) -> list[str]:
    data = _part(zf, "xl/sharedStrings.xml", budget)
    out: list[str] = []
    for m in _SI.finditer(data):
        body = m.group(1) or b""
        if b"<rPh" in body or b":rPh" in body:
            body = _RPH.sub(b"", body)
        out.append("".join(_text(t.group(1) or b"") for t in _T.finditer(body)))
        if len(out) > MAX_STRINGS:
            raise IngestError(f"the workbook has more than {MAX_STRINGS:,} distinct strings")
    return out


def _date_styles(zf: zipfile.ZipFile, budget: _Budget) -> frozenset[int]:
    """Indexes of the cell formats that show a date."""
    data = _part(zf, "xl/styles.xml", budget)
    custom = {}
    for m in re.finditer(rb'<(?:\w+:)?numFmt\b[^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"', data):
        code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", html.unescape(m.group(2).decode("utf-8", "replace")))
        custom[int(m.group(1))] = bool(_DATE_CODES.search(code.lower()))
    xfs = re.search(rb"<(?:\w+:)?cellXfs\b.*?</(?:\w+:)?cellXfs>", data, re.S)
    dates = set()
    if xfs:
        for i, m in enumerate(re.finditer(rb"<(?:\w+:)?xf\b([^>]*)", xfs.group(0))):
            fid = re.search(rb'numFmtId="(\d+)"', m.group(1))
            n = int(fid.group(1)) if fid else 0
            if n in _BUILTIN_DATES or custom.get(n, False):
                dates.add(i)
    return frozenset(dates)


def _number(raw: bytes) -> int | float | str:
    try:
        x = float(raw)
    except ValueError:
        return _text(raw)
    return int(x) if x.is_integer() and abs(x) < 1e15 else x


def _column(ref: bytes) -> int:
    n = 0
    for ch in ref:
        if 65 <= ch <= 90:
            n = n * 26 + ch - 64
        elif 97 <= ch <= 122:
            n = n * 26 + ch - 96
        else:
            break
    return n - 1


class _Sheet:
    """Rows of one worksheet part: ``(row number, [values])``, empty rows skipped."""

    def __init__(self, zf: zipfile.ZipFile, name: str, strings: list[str], dates: frozenset[int],
                 epoch: datetime, budget: _Budget):
        self.zf, self.name, self.strings, self.dates = zf, name, strings, dates
        self.epoch, self.budget = epoch, budget

    def __iter__(self) -> Iterator[tuple[int, list]]:
        tail = b""
        last = 0
        for chunk in _chunks(self.zf, self.name, self.budget):
            buf = tail + chunk
            end = 0
            for m in _NS_ROW.finditer(buf):
                end = m.end()
                last = self._number(m.group(1), last)
                if m.group(2):
                    values = self._cells(m.group(2))
                    if values:
                        yield last, values
            tail = buf[end:]
            if len(tail) > 64 * CHUNK:
                raise IngestError(f"a row of the worksheet is longer than {64 * CHUNK >> 20} MB of XML")

    @staticmethod
    def _number(attrs: bytes, last: int) -> int:
        m = re.search(rb'\br="(\d+)"', attrs)
        return int(m.group(1)) if m else last + 1

    def _cells(self, body: bytes) -> list:
        if b":" not in body:  # the usual form (no namespace prefixes): one regex for everything
            return self._plain_cells(body)
        return self._general_cells(body)

    def _plain_cells(self, body: bytes) -> list:
        row: list = []
        nxt = 0
        strings, value = self.strings, self._value
        for ref, s, t, v, inner in _PLAIN.findall(body):
            col = _column(ref) if ref else nxt
            nxt = col + 1
            if col >= MAX_COLUMNS or col < 0:
                continue
            if v and (t == b"s" or t == b"n" or not t) and not s:
                if t == b"s":
                    try:
                        x = strings[int(v)]
                    except (ValueError, IndexError):
                        continue
                else:
                    x = _number(v)
            else:
                x = value({b"t": t or b"n", b"s": s or None}, inner or b"<v>" + v + b"</v>" if v else inner)
            if x is None or x == "":
                continue
            if col >= len(row):
                row.extend([None] * (col + 1 - len(row)))
            row[col] = x
        return row

    def _general_cells(self, body: bytes) -> list:
        row: list = []
        nxt = 0
        for m in _CELL.finditer(body):
            attrs = dict(_ATTR.findall(m.group(1)))
            ref = attrs.get(b"r")
            col = _column(ref) if ref else nxt
            if col < 0:
                col = nxt
            nxt = col + 1
            if col >= MAX_COLUMNS:
                continue
            value = self._value(attrs, m.group(2))
            if value is None or value == "":
                continue
            if col >= len(row):
                row.extend([None] * (col + 1 - len(row)))
            row[col] = value
        return row

    def _value(self, attrs: dict, inner: bytes | None):
        if not inner:
            return None
        t = attrs.get(b"t", b"n")
        if t == b"inlineStr":
            return "".join(_text(x.group(1) or b"") for x in _T.finditer(_RPH.sub(b"", inner)))
        v = _V.search(inner)
        if v is None:
            return None
        raw = v.group(1)
        if t == b"s":
            try:
                return self.strings[int(raw)]
            except (ValueError, IndexError):
                return None
        if t in (b"str", b"e"):
            return _text(raw)
        if t == b"b":
            return raw.strip() == b"1"
        x = _number(raw)
        if x.__class__ is str:
            return x
        s = attrs.get(b"s")
        if s is not None and self.dates and s.isdigit() and int(s) in self.dates and 0 <= x < 2958466:
            return self.epoch + timedelta(days=x)
        return x


def read_xlsx(binary: IO[bytes]) -> Table:
    """The first non-empty sheet of a workbook; dates come as dates, numbers as numbers."""
    data = binary.read()
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise IngestError(f"not a readable XLSX workbook ({exc.__class__.__name__}: {exc})") from None
    budget = _Budget(len(data))
    try:
        wb = _part(zf, "xl/workbook.xml", budget)
        epoch = EXCEL_EPOCH + timedelta(days=1462) if re.search(rb'date1904="(1|true)"', wb) else EXCEL_EPOCH
        strings = _shared_strings(zf, budget)
        dates = _date_styles(zf, budget)
        for name in _sheets(zf, budget):
            rows = iter(_Sheet(zf, name, strings, dates, epoch, budget))
            for r, header in rows:
                if any(v not in (None, "") for v in header):
                    columns = [str(h).strip() if h is not None else "" for h in header]
                    return Table(columns, _guarded(rows))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise IngestError(f"not a readable XLSX workbook ({exc.__class__.__name__}: {exc})") from None
    raise IngestError("the workbook has no rows")


def _guarded(rows: Iterator[tuple[int, list]]) -> Iterator[tuple[int, list]]:
    try:
        yield from rows
    except (zipfile.BadZipFile, OSError, EOFError) as exc:  # a damaged part found while streaming
        raise IngestError(f"the workbook is damaged ({exc.__class__.__name__}: {exc})") from None
