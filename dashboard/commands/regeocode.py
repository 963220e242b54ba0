"""`python -m dashboard regeocode`: resolve stored events whose place did not resolve."""
from __future__ import annotations

import click

from gazetteer.textio import echo, terminal_safe


@click.command("regeocode")
@click.option("--db", "db", default=None, help="Database URL or SQLite file (default: $ALEPPO_DB or var/events.sqlite).")
@click.option("--aliases", default=None, type=click.Path(exists=True, dir_okay=False),
              help="Gazetteer alias CSV (alias,place_id) to use (default: $ALEPPO_ALIASES or "
                   "var/aliases.csv, the app's, when it exists).")
def command(db, aliases) -> None:
    """Geocode unresolved events again (e.g. after adding aliases)."""
    from ..config import load_gazetteer
    from ..store import EventStore

    store = EventStore(db)
    before = store.unresolved()
    fixed = store.regeocode(load_gazetteer(aliases))
    after = store.unresolved()
    echo(f"resolved {fixed:,} events; {int(after['events'].sum()):,} events "
         f"({len(after):,} names) still unresolved (were {int(before['events'].sum()):,})")
    for row in after.head(20).itertuples():
        echo(f"  {terminal_safe(row.location)} ({row.events})")
    store.close()
