"""Who is on which side: every actor name → an ACLED family and a side of the Syrian war.

The bundled table is ``data/actor-sides.json`` (families after ACLED's interaction codes,
the sides as people speak of them, ordered name rules and what people type for each).
An actor's family comes from the ACLED code its file gave (``inter1``/``inter2``, kept in
the store's ``actor_codes`` table) or else from the first rule its name matches; its side
from the user's own file (``var/actor-sides.csv``: ``actor,side``), else that rule, else the
code (rioters, protesters and civilians are "civilians and others"), else ``unassigned``.
"""
from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from .config import VAR
from .i18n import DEFAULT_LANGUAGE

DATA = Path(__file__).parent / "data" / "actor-sides.json"
UNASSIGNED = "unassigned"
USER_HEADER = ("actor", "side")


@dataclass(frozen=True)
class Group:
    """A side or a family: a stable id (the link's value), labels, what people call it."""

    id: str
    label: str
    label_ar: str
    synonyms: tuple[str, ...] = ()
    code: int | None = None  # ACLED's interaction code (families only)

    def name(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The label in ``lang`` (Arabic or English)."""
        return self.label_ar if lang == "ar" and self.label_ar else self.label


@dataclass(frozen=True)
class Rule:
    """Names matching ``pattern`` (on the folded name) belong to ``side`` and ``family``."""

    id: str
    side: str
    family: int
    pattern: re.Pattern
    synonyms: tuple[str, ...] = ()
    codes: frozenset[int] = frozenset()  # when set, only for actors with one of these ACLED codes


@dataclass(frozen=True)
class Assignment:
    """Where one actor stands, and how that was decided (``user``, ``rule``, ``code`` or ``none``)."""

    side: str
    family: str | None
    how: str


@dataclass(frozen=True)
class Table:
    """The bundled data: sides, families (by id and by code) and rules."""

    sides: dict[str, Group]
    families: dict[str, Group]
    by_code: dict[int, Group]
    rules: tuple[Rule, ...]
    code_sides: dict[int, str]
    unassigned: Group

    def side(self, side_id: str) -> Group:
        """The side with this id (the ``unassigned`` group for an unknown id)."""
        return self.sides.get(side_id, self.unassigned)


_DASHES = re.compile(r"[-‐‑‒–—_]+")
_QUOTES = re.compile(r"['’‘`´ʿʾʼ]")
_SPACES = re.compile(r"\s+")


def fold_name(name: str) -> str:
    """An actor name as rules see it: lower case, no accents or apostrophes, hyphens as spaces."""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _DASHES.sub(" ", _QUOTES.sub("", text))
    return _SPACES.sub(" ", text).strip()


def _group(entry: Mapping, code: int | None = None) -> Group:
    syn = tuple(str(s) for s in (*entry.get("synonyms", ()), *entry.get("synonyms_ar", ())))
    return Group(str(entry["id"]), str(entry["label"]), str(entry.get("label_ar", "")), syn, code)


@lru_cache(maxsize=1)
def table() -> Table:
    """The bundled table (read once)."""
    doc = json.loads(DATA.read_text(encoding="utf-8"))
    sides = {s["id"]: _group(s) for s in doc["sides"]}
    families = {f["id"]: _group(f, int(f["code"])) for f in doc["families"]}
    rules = tuple(Rule(str(r["id"]), str(r["side"]), int(r["family"]), re.compile(r["pattern"]),
                       tuple(str(s) for s in (*r.get("synonyms", ()), *r.get("synonyms_ar", ()))),
                       frozenset(int(c) for c in r.get("codes", ())))
                  for r in doc["rules"])
    unknown = {r.side for r in rules} - set(sides)
    if unknown:  # a typo in the data file: caught by the tests, never at run time
        raise ValueError(f"actor-sides.json: rules name unknown sides {sorted(unknown)}")
    return Table(sides, families, {f.code: f for f in families.values() if f.code}, rules,
                 {int(k): str(v) for k, v in doc.get("code_sides", {}).items()}, _group(doc["unassigned"]))


@lru_cache(maxsize=8192)
def match_rule(name: str, code: int | None = None) -> Rule | None:
    """The first rule whose pattern matches ``name`` (folded) and whose codes, if it has
    any, include ``code``; None when there is none."""
    folded = fold_name(name)
    for rule in table().rules:
        if rule.codes and code not in rule.codes:
            continue
        if rule.pattern.search(folded):
            return rule
    return None


def classify(name: str, code: int | None = None, user: Mapping[str, str] | None = None) -> Assignment:
    """Family and side of one actor (see the module docstring for the order of evidence)."""
    t = table()
    rule = match_rule(name, code)
    family = t.by_code.get(code) if code else None
    if family is None and rule is not None:
        family = t.by_code.get(rule.family)
    fam = family.id if family else None
    chosen = (user or {}).get(name)
    if chosen in t.sides or chosen == UNASSIGNED:
        return Assignment(chosen, fam, "user")
    if rule is not None:
        return Assignment(rule.side, fam, "rule")
    if code in t.code_sides:
        return Assignment(t.code_sides[code], fam, "code")
    return Assignment(UNASSIGNED, fam, "none")


def split_entries(values: Iterable[str | None]) -> list[str]:
    """Every actor named in actor or associated-actor cells (``"A; B"`` is two), once, sorted."""
    out: set[str] = set()
    for v in values:
        for part in str(v or "").split(";"):
            if part.strip():
                out.add(part.strip())
    return sorted(out, key=str.casefold)


def members(names: Iterable[str], *, sides: Iterable[str] = (), families: Iterable[str] = (),
            codes: Mapping[str, int] | None = None, user: Mapping[str, str] | None = None) -> list[str]:
    """The names (of ``names``) on any of ``sides`` or in any of ``families``."""
    sides, families = set(sides), set(families)
    out = []
    for name in names:
        a = classify(name, (codes or {}).get(name), user)
        if a.side in sides or (a.family is not None and a.family in families):
            out.append(name)
    return out


# -- the user's own assignments (var/actor-sides.csv) ----------------------------------------
def user_path() -> Path:
    """``$ALEPPO_ACTOR_SIDES``, else ``<repo>/var/actor-sides.csv`` (it may not exist yet)."""
    env = os.environ.get("ALEPPO_ACTOR_SIDES", "").strip()
    return Path(env).expanduser() if env else VAR / "actor-sides.csv"


def user_mtime(path: Path | None = None) -> float:
    """The user file's modification time (0.0 when there is none): part of a cache key."""
    try:
        return (path or user_path()).stat().st_mtime
    except OSError:
        return 0.0


def read_user(path: Path | None = None) -> dict[str, str]:
    """The user's assignments ``actor -> side``; rows naming an unknown side are skipped."""
    path = path or user_path()
    return dict(_read_user(str(path), user_mtime(path)))


@lru_cache(maxsize=4)
def _read_user(path: str, mtime: float) -> tuple[tuple[str, str], ...]:
    from gazetteer.safecsv import LineError, read_rows

    if not mtime:
        return ()
    known = set(table().sides) | {UNASSIGNED}
    out: dict[str, str] = {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for _, row in read_rows(fh):
                if len(row) >= 2 and row[0].strip() and row[0].strip() != USER_HEADER[0]:
                    side = row[1].strip().casefold()
                    if side in known:
                        out[row[0].strip()] = side
    except (OSError, UnicodeDecodeError, LineError):
        pass  # what was read before a broken line still counts
    return tuple(out.items())


def assign(assignments: Mapping[str, str], path: Path | None = None) -> Path:
    """Record the user's choices (``actor -> side``), replacing earlier ones for those actors."""
    from gazetteer.safecsv import rewrite_rows

    known = set(table().sides) | {UNASSIGNED}
    bad = sorted(s for s in assignments.values() if s not in known)
    if bad:
        raise ValueError(f"unknown side(s): {', '.join(bad)}")
    path = path or user_path()
    merged = read_user(path)
    merged.update({str(k).strip(): v for k, v in assignments.items() if str(k).strip()})
    path.parent.mkdir(parents=True, exist_ok=True)
    rewrite_rows(path, sorted(merged.items(), key=lambda r: r[0].casefold()),
                 header=USER_HEADER)
    return path
