"""The text of user files, whatever their encoding, bounded in size.

Line by line (CSV, JSONL): each line is decoded as UTF-8 and, when it is not UTF-8, as
Windows Arabic (cp1256, which also covers French accents), so a cp1256 file whose first
megabytes are ASCII keeps its later Arabic, and a mixed file loses nothing; the report says
which lines were read as cp1256. A UTF-16 file (a BOM, or NUL bytes in every other place:
Excel's "Unicode text") is decoded as UTF-16. A physical line longer than ``MAX_LINE``
bytes, or with far more fields than the header, is skipped (and reported) before any parser
sees it: one 50 MB line of 25 million empty fields costs a read, not minutes and gigabytes.

Whole documents (JSON, GeoJSON): :func:`decode_document` decodes all of it as UTF-8 (or
UTF-16 with a BOM), else as cp1256, and says so.
"""
from __future__ import annotations

import codecs
import io
from typing import IO, Iterator

MAX_LINE = 4 << 20  # bytes in one physical line (a whole article pasted in a cell still fits)
LONG_LINE = 1 << 16  # lines longer than this are checked for their number of fields
MAX_COLUMNS = 5000  # fields in a header line
FALLBACK = "cp1256"

__all__ = ["Lines", "decode_document", "utf16_encoding", "MAX_LINE", "MAX_COLUMNS", "FALLBACK"]


def utf16_encoding(head: bytes) -> str | None:
    """'utf-16' (BOM) or 'utf-16-le'/'utf-16-be' (no BOM, ASCII-range text with NULs between)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:4000]
    if len(sample) >= 8:
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
            return "utf-16-le"
        if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
            return "utf-16-be"
    return None


def decode_document(data: bytes | str) -> tuple[str, str]:
    """(text, note): UTF-8 (BOM or not), UTF-16, else cp1256 with a note saying so."""
    if isinstance(data, str):
        return data, ""
    enc = utf16_encoding(data[:4000])
    if enc:
        return data.decode(enc, "replace").lstrip("\ufeff"), ""
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return data.decode(FALLBACK, "replace"), (f"not UTF-8 (first at line {line:,}): read as Windows "
                                                  "Arabic (cp1256)")


class Lines:
    """The lines of a binary file as text (see the module docstring).

    ``skipped`` maps the line numbers of skipped lines to the reason; a skipped line is
    handed on as an empty line (so line numbers stay right). ``delimiter`` (one character)
    lets long lines be checked for their number of fields against ``columns``.
    """

    def __init__(self, binary: IO[bytes], head: bytes = b"", *, delimiter: str = ","):
        self.binary, self.delimiter = binary, delimiter
        self.columns = 0  # set once the header is known
        self.skipped: dict[int, str] = {}
        self.cp1256_lines = 0
        self.first_cp1256 = 0
        self.last = ""  # the last line handed on (the CSV reader checks how a quoted value closed)
        self.encoding = utf16_encoding(head)
        # Old Mac files end lines with CR only: let the text layer split them.
        self._universal = self.encoding is not None or (b"\n" not in head and b"\r" in head)

    @property
    def notes(self) -> list[str]:
        """What the report should say about the decoding."""
        if not self.cp1256_lines:
            return []
        return [f"{self.cp1256_lines:,} line{'s' if self.cp1256_lines != 1 else ''} not UTF-8 (first: line "
                f"{self.first_cp1256:,}): read as Windows Arabic (cp1256)"]

    def __iter__(self) -> Iterator[str]:
        return self._text_lines() if self._universal else self._byte_lines()

    def _byte_lines(self) -> Iterator[str]:
        readline, n, limit = self.binary.readline, 0, MAX_LINE + 1
        while True:
            raw = readline(limit)
            if not raw:
                return
            n += 1
            if len(raw) > LONG_LINE:
                reason = self._check(raw, len(raw) == limit and not raw.endswith(b"\n"))
                if reason:
                    self.skipped[n] = reason
                    yield "\n"
                    continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = raw.decode(FALLBACK, "replace")
                self.cp1256_lines += 1
                self.first_cp1256 = self.first_cp1256 or n
            if "\r" in line and line.find("\r", 0, len(line) - 2) >= 0:  # a lone CR ends a line too
                parts = line.splitlines(keepends=True)
                n += len(parts) - 1
                for part in parts:
                    self.last = part
                    yield part
                continue
            self.last = line
            yield line

    def _check(self, raw: bytes, cut: bool) -> str:
        if cut:  # longer than MAX_LINE: read the rest of it away in bounded pieces
            size = len(raw)
            while raw and not raw.endswith(b"\n"):
                raw = self.binary.readline(MAX_LINE)
                size += len(raw)
            return f"line of {size / 1e6:,.1f} MB, longer than {MAX_LINE >> 20} MB (is this a CSV file?)"
        fields = raw.count(self.delimiter.encode()) + 1
        most = MAX_COLUMNS if not self.columns else 10 * self.columns + 100
        if fields > most:
            return f"{fields:,} fields, far more than the {self.columns or MAX_COLUMNS:,} columns"
        return ""

    def _text_lines(self) -> Iterator[str]:
        text = io.TextIOWrapper(self.binary, encoding=self.encoding or "utf-8-sig", errors="replace", newline="")
        for n, line in enumerate(text, start=1):
            if len(line) > MAX_LINE // 4:
                self.skipped[n] = f"line of {len(line):,} characters, too long (is this a CSV file?)"
                yield "\n"
                continue
            self.last = line
            yield line
