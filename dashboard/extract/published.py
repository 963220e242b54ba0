"""Where a report's publication date can come from when the user gives none.

* The file name: ``reuters-2016-10-07-aleppo.txt``, ``2016_10_07``, ``20161007``,
  ``7 Oct 2016``, ``07-october-2016``, ``October 7, 2016``, ``7.10.2016`` (day first, as
  dates are written in Syria). Only the base name is read, never the folders.
* An HTML page: ``<meta property="article:published_time">`` and its kin, JSON-LD
  ``datePublished``, then ``<time datetime>`` (``report.html_report``).

The date is *offered*: the app pre-fills it and says where it came from, the CLI uses it
with a notice, and ``--published`` (or the user's own date) always wins.
"""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import PurePath, PurePosixPath, PureWindowsPath
from typing import Any

from ..i18n import N_

# Where an offered date came from (marked for translation: the app shows them).
FROM_FILE_NAME = N_("the file name")
FROM_META = N_("the page's publication metadata")
FROM_JSON_LD = N_("the page's structured data (JSON-LD)")
FROM_TIME = N_("a date element in the page")

_MONTHS = {m: i for i, ms in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")), 1) for m in ms}
_MON = "|".join(sorted(_MONTHS, key=len, reverse=True))
_Y = r"(?P<y>(?:19|20)\d{2})"
_SEP = r"[-_. ]"
# Digits never continue a date on either side ("report-120161007" is not 2016-10-07).
_NAME_RULES = [
    re.compile(rf"(?<!\d){_Y}{_SEP}(?P<m>\d{{1,2}}){_SEP}(?P<d>\d{{1,2}})(?!\d)"),
    re.compile(rf"(?<!\d){_Y}(?P<m>\d{{2}})(?P<d>\d{{2}})(?!\d)"),
    re.compile(rf"(?<![\da-z])(?P<d>\d{{1,2}}){_SEP}?(?:of{_SEP})?(?P<mon>{_MON})[a-z]*\.?{_SEP}?,?{_SEP}?{_Y}(?!\d)", re.I),
    re.compile(rf"(?<![a-z])(?P<mon>{_MON})[a-z]*\.?{_SEP}?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?{_SEP}*{_Y}(?!\d)", re.I),
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}}){_SEP}(?P<m>\d{{1,2}}){_SEP}{_Y}(?!\d)"),
]


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def date_from_name(name: str) -> date | None:
    """The publication date a file name states, or None."""
    base = PureWindowsPath(name).name if "\\" in name else PurePosixPath(name).name
    stem = PurePath(base).stem if "." in base else base
    for rx in _NAME_RULES:
        for m in rx.finditer(stem):
            g = m.groupdict()
            month = _MONTHS[g["mon"].lower()] if g.get("mon") else int(g["m"])
            found = _valid(int(g["y"]), month, int(g["d"]))
            if found is not None:
                return found
    return None


def json_ld_dates(blocks: list[str]) -> list[str]:
    """``datePublished`` values in JSON-LD script blocks (objects, lists and ``@graph``)."""
    out: list[str] = []

    def walk(node: Any, depth: int = 0) -> None:
        if depth > 6 or len(out) > 10:
            return
        if isinstance(node, dict):
            value = node.get("datePublished")
            if isinstance(value, str):
                out.append(value)
            for key in ("@graph", "mainEntity", "mainEntityOfPage"):
                walk(node.get(key), depth + 1)
        elif isinstance(node, list):
            for item in node[:50]:
                walk(item, depth + 1)

    for block in blocks:
        try:
            walk(json.loads(block))
        except (ValueError, RecursionError):
            continue  # a broken block is not a date
    return out
