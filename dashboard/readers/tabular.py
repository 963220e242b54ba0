"""CSV (any delimiter, streamed with the csv module; see :mod:`.lines` for encodings and
line limits). XLSX lives in :mod:`.xlsx`.

An unclosed quote makes the csv module read every following line into one value until the
next quote character. Such a row is reported with the lines it swallowed; the whole lines
inside it are read again as rows (so nothing valid is lost), and the line where the
swallowing stopped, which cannot be taken apart again, is reported too.
"""
from __future__ import annotations

import csv
import io
import sys
from typing import IO, Iterator

from ..errors import IngestError
from . import Table
from .jsonfmt import BadRecord
from .lines import MAX_COLUMNS, Lines

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample.split("\n", 1)[0] if sample else ",", delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def read_csv(binary: IO[bytes], *, head: bytes = b"") -> Table:
    """A CSV table from a binary file object; delimiter and encoding are sniffed."""
    lines = Lines(binary, head)
    sample = head.decode(lines.encoding or "utf-8", "ignore")
    delimiter = lines.delimiter = _delimiter(sample.lstrip("\ufeff"))
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise IngestError("the file is empty") from None
    except csv.Error as exc:
        raise IngestError(f"line 1: not a CSV header ({exc})") from None
    if 1 in lines.skipped:
        raise IngestError(f"line 1: {lines.skipped[1]}")
    if len(header) > MAX_COLUMNS:
        raise IngestError(f"line 1 has {len(header):,} columns, more than {MAX_COLUMNS:,} (is this a CSV file?)")
    columns = [h.replace("\ufeff", "").strip() for h in header]
    if len([c for c in columns if c]) < 2:
        raise IngestError("no header row with column names (is this a CSV file?)")
    lines.columns = len(columns)
    table = Table(columns, iter(()))
    table.rows = _rows(reader, lines, columns, delimiter, table)
    return table


def _rows(reader, lines: Lines, columns: list[str], delimiter: str, table: Table) -> Iterator[tuple[int, object]]:
    line = reader.line_num + 1
    skipped = lines.skipped
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield reader.line_num, BadRecord(f"not a CSV record ({exc})")
            line = reader.line_num + 1
            continue
        end = reader.line_num
        if end != line and row:  # the record spans lines: a quoted line break, or an unclosed quote?
            broken = _swallowing(row, lines.last, delimiter)
            if broken is not None:
                yield from _recover(row, broken, line, end, columns, delimiter)
                line = end + 1
                continue
        if row and any(row):
            yield line, row
        elif skipped and line in skipped:
            yield line, BadRecord(skipped.pop(line))
        line = end + 1
    table.notes.extend(lines.notes)


def _swallowing(row: list[str], last: str, delimiter: str) -> int | None:
    """The index of the value that swallowed lines after an unclosed quote, or None.

    A quoted value may hold line breaks (notes do); it then ends on its last line with a
    closing quote followed by a delimiter or the line's end. A record whose last line has no
    quote at all ran to the end of the file inside quotes; one whose closing quote is followed
    by other text ended at some later, unrelated quote (the csv module accepts both).
    """
    i = last.find('"')
    while i >= 0 and last[i + 1:i + 2] == '"':  # "" is a quote inside the value
        i = last.find('"', i + 2)
    if i >= 0 and last[i + 1:i + 2] in (delimiter, "\r", "\n", ""):
        return None
    return next((k for k, v in enumerate(row) if "\n" in v), None)


def _recover(row: list[str], i: int, start: int, end: int, columns: list[str], delimiter: str):
    value = row[i]
    inner = value.split("\n")
    clean_end = value.endswith("\n") and i == len(row) - 1  # read to the end of the file in quotes
    whole = inner[1:-1] if not clean_end else inner[1:]
    col = columns[i] if i < len(columns) else f"column {i + 1}"
    last = start + len(inner) - 1
    yield start, BadRecord(f"unclosed quote in {col}: it swallowed lines {start:,}-{end:,}; "
                           f"lines {start + 1:,}-{start + len(whole):,} were read again")
    again = csv.reader(io.StringIO("\n".join(whole)), delimiter=delimiter)
    for n, r in enumerate(again, start=start + 1):
        if r and any(r):
            yield n, r
    if not clean_end and last <= end:
        yield last, BadRecord(f"garbled by the unclosed quote of line {start:,} (check the quotes on both lines)")
