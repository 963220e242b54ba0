"""Where the user's own gazetteer files live, and reading them.

One plain CSV file per kind, in one folder: ``$ALEPPO_PLACES``, else the project's ``var/``
(outside the package, git-ignored: a re-install never touches it). Copy the folder (or
point ``$ALEPPO_PLACES`` at a shared one) to share it with a colleague.

- ``user-places.csv``: places the user added (see :mod:`.userplaces`);
- ``aliases.csv``: ``alias,place_id`` (``$ALEPPO_ALIASES`` names another file);
- ``rejected-matches.csv``: ``name,place_id,added_at``: a fuzzy match the user rejected; the
  name then abstains (is never fuzzily matched) and its events stay unresolved;
- ``journal.csv``: the changes made by the tools, newest last, so the last one can be undone.

The tools rewrite these files sorted, with a header, spreadsheet-safe (:mod:`.safecsv`).
"""
from __future__ import annotations

import os
import zlib
from dataclasses import dataclass
from pathlib import Path

from .errors import UserPlaceError
from .normalize import normalize
from .safecsv import LineError, clean_cell, read_rows

VAR = Path(__file__).resolve().parent.parent / "var"
REJECTION_HEADER = ("name", "place_id", "added_at")


@dataclass(frozen=True)
class UserFiles:
    """The paths of the user's files (they may not exist yet)."""

    folder: Path
    aliases: Path

    @property
    def places(self) -> Path:
        return self.folder / "user-places.csv"

    @property
    def rejections(self) -> Path:
        return self.folder / "rejected-matches.csv"

    @property
    def journal(self) -> Path:
        return self.folder / "journal.csv"

    @classmethod
    def default(cls, aliases: str | os.PathLike | None = None, folder: str | os.PathLike | None = None) -> "UserFiles":
        """``folder`` or ``$ALEPPO_PLACES`` or ``<project>/var``; the alias file is ``aliases``, else
        ``$ALEPPO_ALIASES`` (unless ``folder`` is given), else ``aliases.csv`` in that folder."""
        env = os.environ.get("ALEPPO_PLACES", "").strip()
        base = Path(folder).expanduser() if folder else (Path(env).expanduser() if env else VAR)
        env_alias = os.environ.get("ALEPPO_ALIASES", "").strip()
        if aliases:
            alias_path = Path(aliases)
        elif env_alias and not folder:
            alias_path = Path(env_alias).expanduser()
        else:
            alias_path = base / "aliases.csv"
        return cls(base, alias_path)

    def signature(self) -> tuple:
        """(path, size, CRC-32) of each file (None when missing): what a loaded gazetteer depends
        on. The content, not the mtime: two changes within one clock tick still differ."""
        out = []
        for p in (self.aliases, self.places, self.rejections):
            try:
                data = p.read_bytes()
            except OSError:
                out.append((str(p), None))
            else:
                out.append((str(p), len(data), zlib.crc32(data)))
        return tuple(out)


def read_table(path: Path, header: tuple[str, ...]) -> list[tuple[int, list[str]]]:
    """(line, cells) of each data row of a user CSV; a missing file is empty. The header must be
    ``header``; each row must have as many cells. Raises :class:`UserPlaceError`."""
    name = os.fspath(path)
    if not path.exists():
        return []
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(read_rows(fh))
    except OSError as exc:
        raise UserPlaceError(f"cannot read ({exc.strerror})", file=name) from None
    except UnicodeDecodeError:
        raise UserPlaceError("not UTF-8 text", file=name) from None
    except LineError as exc:
        raise UserPlaceError(exc.reason, file=name, line=exc.line) from None
    if not rows:
        return []
    line, head = rows[0]
    if tuple(h.strip().lower() for h in head) != header:
        raise UserPlaceError(f"header must be {','.join(header)!r} (found {','.join(head)!r})", file=name, line=line)
    out = []
    for line, row in rows[1:]:
        if all(not c.strip() for c in row):
            continue
        if len(row) != len(header):
            raise UserPlaceError(f"expected {len(header)} columns ({', '.join(header)}), found {len(row)}",
                                 file=name, line=line)
        out.append((line, [clean_cell(c) for c in row]))
    return out


def read_rejections(path: Path, place_ids) -> list[tuple[str, str, str]]:
    """[(name, place_id, added_at)] of the rejected matches file."""
    out = []
    for line, (name, pid, at) in read_table(path, REJECTION_HEADER):
        if not normalize(name):
            raise UserPlaceError("empty name", file=os.fspath(path), line=line, field="name")
        if pid and pid not in place_ids:
            raise UserPlaceError(f"unknown place id {pid!r}", file=os.fspath(path), line=line, field="place_id")
        out.append((name, pid, at))
    return out
