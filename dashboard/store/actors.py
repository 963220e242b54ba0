"""The store's actors: the names it holds, their ACLED codes, and a view's actor filter as names.

A view's sides and families (and synonyms such as "SAA") become the list of stored actor
names they stand for (:mod:`dashboard.actor_sides`); that list goes to SQL through
``where.in_values``/``has_entry`` like any other list of actors, so the counts of a side
are exactly those of its actors.
"""
from __future__ import annotations

from typing import Any

import pandas as pd
import sqlalchemy as sa

from .. import actor_sides as AS
from ..actor_terms import expand_value
from ..filters import ViewState
from .tables import actor_codes, events

_ACTOR_COLS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")


def record_codes(conn: sa.Connection, codes: dict[str, int], *, sqlite: bool) -> None:
    """Insert ``actor -> inter`` pairs; names already coded keep their first code."""
    rows = [{"actor": a[:500], "inter": int(c)} for a, c in codes.items() if a and 1 <= int(c) <= 8]
    if not rows:
        return
    if sqlite:
        from sqlalchemy.dialects.sqlite import insert
    else:
        from sqlalchemy.dialects.postgresql import insert
    rows.sort(key=lambda r: r["actor"])  # one order for every writer (no deadlock)
    conn.execute(insert(actor_codes).on_conflict_do_nothing(index_elements=["actor"]), rows)


class ActorQueries:
    """Mixed into :class:`~dashboard.store.EventStore` (needs ``engine`` and ``is_sqlite``)."""

    engine: sa.Engine
    is_sqlite: bool
    _actor_cache: tuple[Any, tuple[list[str], dict[str, int], list[str]]] | None = None

    def _actor_stamp(self) -> tuple:
        # Rows are only ever added (never deleted once open): the largest rowid and the code count
        # change whenever the actor list can; PostgreSQL counts rows.
        key = sa.func.max(sa.literal_column("rowid")) if self.is_sqlite else sa.func.count()
        with self.engine.connect() as conn:
            n = conn.execute(sa.select(key).select_from(events)).scalar()
            k = conn.execute(sa.select(sa.func.count()).select_from(actor_codes)).scalar()
        return n, k

    def _actors(self) -> tuple[list[str], dict[str, int], list[str]]:
        """(every actor name, ACLED codes, the distinct associated-actor cells), per data version."""
        stamp = self._actor_stamp()
        if self._actor_cache is not None and self._actor_cache[0] == stamp:
            return self._actor_cache[1]
        c = events.c
        with self.engine.connect() as conn:
            cells: list[str] = []
            assoc: set[str] = set()
            for col in _ACTOR_COLS:
                values = [v for (v,) in conn.execute(sa.select(c[col]).distinct()) if v]
                cells.extend(values)
                if col.startswith("assoc"):
                    assoc.update(values)
            codes = {a: int(i) for a, i in conn.execute(sa.select(actor_codes.c.actor, actor_codes.c.inter))}
        found = (AS.split_entries(cells), codes, sorted(assoc))
        self._actor_cache = (stamp, found)
        return found

    def actor_names(self) -> list[str]:
        """Every actor the store names (actors and associated actors), sorted."""
        return list(self._actors()[0])

    def actor_codes(self) -> dict[str, int]:
        """The ACLED interaction code of each actor an import gave one."""
        return dict(self._actors()[1])

    def actor_values(self, view: ViewState) -> tuple[str, ...] | None:
        """The actor names the view's actor filter stands for (None when it has none)."""
        if not (view.actors or view.sides or view.families):
            return None
        if not (view.sides or view.families) and not any(_names_rule(a) for a in view.actors):
            return view.actors  # plain names: nothing to look up
        names, codes, _ = self._actors()
        out: list[str] = []
        for value in view.actors:
            out.extend(expand_value(value, names))
        out.extend(AS.members(names, sides=view.sides, families=view.families, codes=codes,
                              user=AS.read_user()))
        return tuple(dict.fromkeys(out))

    def assoc_cells(self, names: tuple[str, ...]) -> tuple[str, ...]:
        """The stored associated-actor cells ("A; B") with one of ``names`` as an entry: a side's
        hundreds of names become one exact list (``IN``) instead of a text search per name and row."""
        wanted = {n.casefold() for n in names}
        return tuple(cell for cell in self._actors()[2]
                     if any(part.strip().casefold() in wanted for part in cell.split(";")))

    def actor_table(self) -> pd.DataFrame:
        """One row per stored actor: ``actor``, ``events`` (rows naming it), ``code``, ``side``,
        ``family``, ``how`` (user, rule, code or none); most events first."""
        c = events.c
        counts: dict[str, int] = {}
        with self.engine.connect() as conn:
            for col in _ACTOR_COLS:
                stmt = sa.select(c[col], sa.func.count()).where(c[col].is_not(None)).group_by(c[col])
                for cell, n in conn.execute(stmt):
                    for name in AS.split_entries([cell]):
                        counts[name] = counts.get(name, 0) + int(n)
        codes, user = self.actor_codes(), AS.read_user()
        rows = []
        for name, n in counts.items():
            a = AS.classify(name, codes.get(name), user)
            rows.append((name, n, codes.get(name), a.side, a.family, a.how))
        frame = pd.DataFrame(rows, columns=["actor", "events", "code", "side", "family", "how"])
        frame["code"] = frame["code"].astype("Int64")
        return frame.sort_values(["events", "actor"], ascending=[False, True], ignore_index=True)


def _names_rule(value: str) -> bool:
    from ..actor_terms import rules_named

    return bool(rules_named(value))
