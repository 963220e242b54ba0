"""CSV (any delimiter, streamed with the csv module) and XLSX (openpyxl, read-only)."""
from __future__ import annotations

import csv
import io
import sys
from typing import IO, Iterator

from ..errors import IngestError
from . import Table, decode_guess

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def read_csv(binary: IO[bytes], *, head: bytes = b"") -> Table:
    """A CSV table from a binary file object; delimiter and encoding are sniffed."""
    text = io.TextIOWrapper(binary, encoding=decode_guess(head), errors="replace", newline="")
    sample = head.decode("utf-8", "ignore")
    try:
        dialect = csv.Sniffer().sniff(sample.split("\n", 1)[0] if sample else ",", delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(text, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise IngestError("the file is empty") from None
    columns = [h.replace("\ufeff", "").strip() for h in header]
    if len([c for c in columns if c]) < 2:
        raise IngestError("no header row with column names (is this a CSV file?)")

    def rows() -> Iterator[tuple[int, list[str]]]:
        line = reader.line_num + 1
        for row in reader:
            if row and any(row):
                yield line, row
            line = reader.line_num + 1

    return Table(columns, rows())


def read_xlsx(binary: IO[bytes]) -> Table:
    """The first non-empty sheet of a workbook; dates come as dates, numbers as numbers."""
    import openpyxl

    data = binary.read()
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds
        raise IngestError(f"not a readable XLSX workbook ({exc.__class__.__name__})") from exc
    for ws in wb.worksheets:
        it = ws.iter_rows(values_only=True)
        for r, header in enumerate(it, start=1):
            if header and any(v not in (None, "") for v in header):
                columns = [str(h).strip() if h is not None else "" for h in header]

                def rows(it=it, start=r) -> Iterator[tuple[int, list]]:
                    for n, row in enumerate(it, start=start + 1):
                        if row and any(v not in (None, "") for v in row):
                            yield n, list(row)
                    wb.close()

                return Table(columns, rows())
    raise IngestError("the workbook has no rows")
