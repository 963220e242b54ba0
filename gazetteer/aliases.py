"""User alias files: a CSV with a header ``alias,place_id`` that extends the gazetteer."""
from __future__ import annotations

import csv
import os
from collections.abc import Collection

from .errors import AliasFileError
from .normalize import normalize

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
    """Parse an open alias CSV (file object); see :func:`read_alias_file`."""
    reader = csv.reader(fh)
    out: list[tuple[str, str]] = []
    header = next(reader, None)
    if header is None:
        return out
    if tuple(h.strip().lower() for h in header[:2]) != HEADER:
        raise AliasFileError(f"{name}:1: header must be 'alias,place_id' (found {','.join(header)!r})")
    for row in reader:
        line = reader.line_num
        if not row or all(not c.strip() for c in row) or row[0].lstrip().startswith("#"):
            continue
        if len(row) != 2:
            raise AliasFileError(f"{name}:{line}: expected 2 columns (alias, place_id), found {len(row)}")
        alias, pid = row[0].strip(), row[1].strip()
        if not alias or not normalize(alias):
            raise AliasFileError(f"{name}:{line}: empty alias")
        if pid not in place_ids:
            raise AliasFileError(f"{name}:{line}: unknown place id {pid!r}")
        out.append((alias, pid))
    return out


def append_alias(path: str | os.PathLike, alias: str, place_id: str) -> None:
    """Add one ``alias,place_id`` row (creating the file with its header); the id must exist."""
    from . import load

    gaz = load()
    if place_id not in gaz.places:
        raise AliasFileError(f"{os.fspath(path)}: unknown place id {place_id!r}")
    if not isinstance(alias, str) or not normalize(alias):
        raise AliasFileError(f"{os.fspath(path)}: empty alias")
    new = not os.path.exists(path) or os.path.getsize(path) == 0
    if not new:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            parse_alias_rows(fh, gaz.places, name=os.fspath(path))  # refuse to append to a broken file
    with open(path, "a", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        if new:
            w.writerow(HEADER)
        w.writerow([alias.strip(), place_id])
