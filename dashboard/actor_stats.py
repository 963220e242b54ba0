"""Events per side or per ACLED family (the top-actors table, grouped), as a plain frame.

An event counts once for each side (or family) among its actors and associated actors:
a clash between two government units is one government event, a clash between the
government and the opposition is one for each.
"""
from __future__ import annotations

from typing import Mapping

import pandas as pd

from . import actor_sides as AS
from .i18n import DEFAULT_LANGUAGE

GROUPINGS = ("actor", "side", "family")
_COLUMNS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")


def top_groups(events: pd.DataFrame, *, by: str = "side", codes: Mapping[str, int] | None = None,
               user: Mapping[str, str] | None = None, lang: str = DEFAULT_LANGUAGE, n: int = 15) -> pd.DataFrame:
    """Columns ``group`` (the side's or family's label in ``lang``), ``events``, ``fatalities``;
    most events first. ``codes``: ACLED codes per actor (``EventStore.actor_codes``)."""
    if by not in ("side", "family"):
        raise ValueError("by must be 'side' or 'family'")
    cols = ["group", "events", "fatalities"]
    if events.empty:
        return pd.DataFrame(columns=cols)
    t = AS.table()
    cache: dict[str, str | None] = {}

    def group(name: str) -> str | None:
        if name not in cache:
            a = AS.classify(name, (codes or {}).get(name), user)
            cache[name] = a.side if by == "side" else a.family
        return cache[name]

    fat = pd.to_numeric(events.get("fatalities"), errors="coerce").fillna(0).astype("int64").to_numpy()
    present = [c for c in _COLUMNS if c in events]
    counts: dict[str, list[int]] = {}
    for i, cells in enumerate(zip(*(events[c].to_numpy() for c in present))):
        found = {g for cell in cells for name in AS.split_entries([cell]) if (g := group(name))}
        for g in found:
            row = counts.setdefault(g, [0, 0])
            row[0] += 1
            row[1] += int(fat[i])
    if not counts:
        return pd.DataFrame(columns=cols)

    def label(g: str) -> str:
        return (t.side(g) if by == "side" else t.families[g]).name(lang)

    rows = sorted(((label(g), e, f) for g, (e, f) in counts.items()), key=lambda r: (-r[1], r[0]))[:n]
    return pd.DataFrame(rows, columns=cols)
