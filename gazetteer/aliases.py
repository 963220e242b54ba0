"""User alias files: a CSV with a header ``alias,place_id`` that extends the gazetteer."""
from __future__ import annotations

import os
from collections.abc import Collection

from .errors import AliasFileError
from .normalize import normalize
from .safecsv import LineError, append_rows, clean_cell, read_rows

HEADER = ("alias", "place_id")


def read_alias_file(path: str | os.PathLike, place_ids: Collection[str]) -> list[tuple[str, str]]:
    """[(alias, place_id)] from the file; any bad row raises AliasFileError (file, line, reason)."""
    name = os.fspath(path)
    try:
        with open(name, encoding="utf-8-sig", newline="") as fh:
            return parse_alias_rows(fh, place_ids, name=name)
    except OSError as exc:
        raise AliasFileError(f"{name}: cannot read alias file ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise AliasFileError(f"{name}: not UTF-8 text") from None


def parse_alias_rows(fh, place_ids: Collection[str], *, name: str = "<aliases>") -> list[tuple[str, str]]:
    """Parse an open alias CSV (file object); see :func:`read_alias_file`. Lines whose first
    character is an unquoted ``#`` are comments; cells are read as :mod:`.safecsv` writes them."""
    try:
        return _parse(read_rows(fh), place_ids, name)
    except LineError as exc:
        raise AliasFileError(f"{name}:{exc.line}: {exc.reason}") from None


def _parse(rows, place_ids: Collection[str], name: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    first = next(rows, None)
    if first is None:
        return out
    line, header = first
    if tuple(h.strip().lower() for h in header[:2]) != HEADER:
        raise AliasFileError(f"{name}:{line}: header must be 'alias,place_id' (found {','.join(header)!r})")
    for line, row in rows:
        if all(not c.strip() for c in row):
            continue
        if len(row) != 2:
            raise AliasFileError(f"{name}:{line}: expected 2 columns (alias, place_id), found {len(row)}")
        alias, pid = clean_cell(row[0]), row[1].strip()
        if not alias or not normalize(alias):
            raise AliasFileError(f"{name}:{line}: empty alias")
        if pid not in place_ids:
            raise AliasFileError(f"{name}:{line}: unknown place id {pid!r}")
        out.append((alias, pid))
    return out


def append_alias(path: str | os.PathLike, alias: str, place_id: str) -> None:
    """Add one ``alias,place_id`` row (creating the file with its header); the id must exist.
    The alias is written so that it reads back exactly (see :mod:`.safecsv`)."""
    from . import load

    gaz = load()
    if place_id not in gaz.places:
        raise AliasFileError(f"{os.fspath(path)}: unknown place id {place_id!r}")
    alias = clean_cell(alias) if isinstance(alias, str) else ""
    if not normalize(alias):
        raise AliasFileError(f"{os.fspath(path)}: empty alias")
    new = not os.path.exists(path) or os.path.getsize(path) == 0
    if not new:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            parse_alias_rows(fh, gaz.places, name=os.fspath(path))  # refuse to append to a broken file
    append_rows(path, [(alias, place_id)], header=HEADER)
