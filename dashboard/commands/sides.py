"""`python -m dashboard sides`: the stored actors' sides; give a side to those on none.

Without options it lists the actors no rule or code places (side "unassigned"); ``--all``
lists every actor; ``--set "ACTOR=SIDE"`` records the user's choice in
``var/actor-sides.csv`` (``$ALEPPO_ACTOR_SIDES``), as the app's Unresolved tab does.
"""
from __future__ import annotations

import click

from gazetteer.textio import echo, terminal_safe

from .. import actor_sides as AS
from ..actor_terms import split_values
from ..errors import DashboardError


def _side_of(text: str) -> str:
    """A side id from an id, a label or a synonym ("regime" → government)."""
    key = text.strip()
    if key.casefold() in AS.table().sides or key.casefold() == AS.UNASSIGNED:
        return key.casefold()
    found = split_values([key])[1] or split_values([f"side:{key}"])[1]
    if len(found) != 1:
        raise DashboardError(f"not a side: {key!r} (sides: {', '.join([*AS.table().sides, AS.UNASSIGNED])})")
    return found[0]


@click.command("sides")
@click.option("--db", "db", default=None, help="Database URL or SQLite file (default: $ALEPPO_DB or var/events.sqlite).")
@click.option("--all", "show_all", is_flag=True, help="List every actor, not only those on no side.")
@click.option("--set", "assignments", multiple=True, metavar="ACTOR=SIDE",
              help="Put an actor on a side (government, opposition, kurdish, islamic-state, russia, coalition, "
                   "turkey, civilians, unassigned; a synonym such as 'regime' works too). Repeatable.")
def command(db, show_all, assignments) -> None:
    """List the stored actors' sides, or assign sides to actors."""
    from ..store import EventStore

    if assignments:
        chosen: dict[str, str] = {}
        for item in assignments:
            actor, sep, side = item.rpartition("=")
            if not sep or not actor.strip():
                raise DashboardError(f"--set wants ACTOR=SIDE, not {item!r}")
            chosen[actor.strip()] = _side_of(side)
        path = AS.assign(chosen)
        for actor, side in chosen.items():
            echo(f"{terminal_safe(actor)}: {AS.table().side(side).label}")
        echo(f"saved in {terminal_safe(path)}")
        return
    store = EventStore(db)
    table = store.actor_table()
    store.close()
    shown = table if show_all else table[table["side"] == AS.UNASSIGNED]
    if shown.empty:
        echo("every stored actor has a side" if not table.empty else "no actors are stored")
        return
    t = AS.table()
    for row in shown.itertuples():
        family = t.families[row.family].label if row.family in t.families else "family unknown"
        code = "" if row.code is None or str(row.code) == "<NA>" else f", ACLED code {row.code}"
        echo(f"{terminal_safe(row.actor)} ({row.events:,} events; {family}{code}): {t.side(row.side).label}")
    if not show_all:
        echo(f"{len(shown):,} actors on no side; give one with "
             "`python -m dashboard sides --set \"ACTOR=SIDE\"` (or in the app: Unresolved places)")
