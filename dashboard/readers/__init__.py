"""One reader per input format; each takes a file object and gives a :class:`Table`.

A table has a header (``columns``) and streams ``(line, row)`` pairs, where a row is a
list (CSV, XLSX) or a dict (JSON, JSONL, GeoJSON) and ``line`` is the 1-based line of
the file (CSV, JSONL), the sheet row (XLSX) or the record number (JSON, GeoJSON).
Prose (``text``) is not a table: :mod:`.text` turns it into events directly.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from typing import IO, Any, Iterator

from ..errors import IngestError

FORMATS = ("acled", "csv", "xlsx", "json", "jsonl", "geojson", "text")
EXTENSIONS = {
    ".csv": "csv", ".tsv": "csv", ".tab": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx", ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".geojson": "geojson", ".txt": "text", ".md": "text",
    ".markdown": "text", ".html": "text", ".htm": "text",
}


@dataclass
class Table:
    """Rows of one file, streamed."""

    columns: list[str]
    rows: Iterator[tuple[int, Any]]
    dict_rows: bool = False
    notes: list[str] = field(default_factory=list)


class CountingReader(io.RawIOBase):
    """A binary file wrapper that hashes (sha256) and counts the bytes read through it."""

    def __init__(self, raw: IO[bytes]):
        self.raw, self.sha256, self.bytes_read = raw, hashlib.sha256(), 0

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        data = self.raw.read(len(buf))
        if isinstance(data, str):  # a text file object: hand on UTF-8
            raise IngestError("internal: CountingReader needs a binary file")
        n = len(data)
        buf[:n] = data
        self.sha256.update(data)
        self.bytes_read += n
        return n


class Prefixed(io.RawIOBase):
    """A raw reader that first returns ``head`` (already read) and then the rest of ``raw``."""

    def __init__(self, head: bytes, raw: IO[bytes]):
        self.head, self.raw = memoryview(head), raw

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        if len(self.head):
            n = min(len(buf), len(self.head))
            buf[:n] = self.head[:n]
            self.head = self.head[n:]
            return n
        data = self.raw.read(len(buf))
        if isinstance(data, str):
            data = data.encode("utf-8")
        n = len(data)
        buf[:n] = data
        return n


def detect_format(name: str, head: bytes) -> str:
    """Format from the file name's extension, else from its first bytes."""
    lower = name.lower()
    for ext, fmt in sorted(EXTENSIONS.items(), key=lambda kv: -len(kv[0])):
        if lower.endswith(ext):
            return fmt
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text[:1] == b"<":  # an HTML (or XML) page: prose
        return "text"
    if text.startswith(b"{") or text.startswith(b"["):
        if b'"FeatureCollection"' in head[:4096] or b'"Feature"' in head[:4096]:
            return "geojson"
        first = text.split(b"\n", 1)[0].strip()
        if text.startswith(b"{") and first.endswith(b"}") and b"\n{" in text:
            return "jsonl"
        return "json"
    first_line = text.split(b"\n", 1)[0]
    if any(first_line.count(d) >= 2 for d in (b",", b";", b"\t", b"|")) and len(first_line) < 4000:
        return "csv"
    return "text"
