"""Small CSV files that the tools write and people edit (user aliases, user places).

Every cell written here reads back exactly, and nothing in it can act on the reader,
a spreadsheet or the file's structure:

- NUL and other control characters never reach the file (:func:`clean_cell`: dropped or,
  for tabs and line breaks, a space), so a record is always one line;
- a cell that a spreadsheet would evaluate (starting ``= + - @``) is written with a leading
  ``'`` (and so is a cell that itself starts with ``'`` then one of those or ``'``):
  :func:`unprotect` removes exactly that one on reading;
- a cell starting with ``#`` or a space, or holding a comma or a quote, is quoted: a line
  is a comment only when its first character (after spaces) is an unquoted ``#``;
- :func:`rewrite_rows` replaces a file atomically (a temporary file, then ``os.replace``),
  so a crash while removing a row never leaves half a file.

Plain names stay plain (``Sheikh Saeed hilltop,sheikh-saeed``), so files remain easy to edit.
"""
from __future__ import annotations

import csv
import os
import re
import tempfile
from pathlib import Path
from typing import IO, Iterable, Iterator, Sequence

__all__ = ["clean_cell", "protect", "unprotect", "format_row", "read_rows", "append_rows", "rewrite_rows",
           "LineError"]

_FORMULA = ("=", "+", "-", "@")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_QUOTE_IF = re.compile(r'[,"]|^[#\s]|\s$')


class LineError(ValueError):
    """A line that is not one CSV record (``line`` says which)."""

    def __init__(self, line: int, reason: str):
        super().__init__(f"line {line}: {reason}")
        self.line, self.reason = line, reason


def clean_cell(text: str) -> str:
    """``text`` without NUL or control characters (whitespace controls become a space), stripped."""
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: " " if m.group() in "\t\n\r\x0b\x0c" else "", text)
    return text.strip()


def protect(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    if text.startswith(_FORMULA) or (text.startswith("'") and text[1:2] in (*_FORMULA, "'")):
        return "'" + text
    return text


def unprotect(text: str) -> str:
    """The inverse of :func:`protect` (a hand-written ``'Ayn`` is left alone)."""
    if text.startswith("'") and text[1:2] in (*_FORMULA, "'"):
        return text[1:]
    return text


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if _QUOTE_IF.search(cell) or not cell else cell


def format_row(cells: Sequence[str]) -> str:
    """One CSV line (with ``\\n``) of cleaned, protected, quoted-when-needed cells."""
    return ",".join(_quoted(protect(clean_cell(str(c)))) for c in cells) + "\n"


def read_rows(fh: IO[str] | Iterable[str]) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each record; blank lines and ``#`` comments are skipped and
    each cell goes through :func:`unprotect`. A quoted cell never spans lines here: an
    unclosed quote raises :class:`LineError`."""
    for n, line in enumerate(fh, start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            row = next(csv.reader([line.rstrip("\r\n")], strict=True), [])
        except csv.Error as exc:
            raise LineError(n, f"not one CSV record ({exc})") from None
        yield n, [unprotect(c) for c in row]


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as fh:
        fh.seek(-1, os.SEEK_END)
        return fh.read(1) in (b"\n", b"\r")


def append_rows(path: str | os.PathLike, rows: Iterable[Sequence[str]], *, header: Sequence[str]) -> None:
    """Append rows to ``path``, creating it with ``header`` when missing or empty."""
    p = Path(path)
    new = not p.exists() or p.stat().st_size == 0
    text = "".join(format_row(r) for r in rows)
    if new:
        text = format_row(header) + text
    elif not _ends_with_newline(p):
        text = "\n" + text  # a hand-edited last line without its newline
    with open(p, "a", encoding="utf-8", newline="") as fh:
        fh.write(text)


def rewrite_rows(path: str | os.PathLike, rows: Iterable[Sequence[str]], *, header: Sequence[str]) -> None:
    """Replace ``path`` with ``header`` and ``rows``, atomically."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(format_row(header))
            fh.writelines(format_row(r) for r in rows)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
