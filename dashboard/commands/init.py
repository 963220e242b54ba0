"""`python -m dashboard init`: load the bundled damage sites into an empty database."""
from __future__ import annotations

from pathlib import Path

import click

from gazetteer.textio import echo

BUNDLED = Path(__file__).resolve().parents[1] / "data" / "damage-sites-2013-2015.csv"


@click.command("init")
@click.option("--db", "db", default=None, help="Database URL or SQLite file (default: $ALEPPO_DB or var/events.sqlite).")
def command(db) -> None:
    """Create the database and, when it holds no events, ingest the bundled damage sites."""
    from ..ingest import ingest_path
    from ..store import EventStore

    store = EventStore(db)
    n = store.count()
    if n:
        echo(f"{store.safe_url}: {n:,} events already; nothing to do")
    else:
        report = ingest_path(store, BUNDLED, mapping="damage-sites", name=BUNDLED.name)
        echo(f"{store.safe_url}: loaded {report.loaded:,} bundled damage sites "
             f"({report.rejected:,} rejected)")
    store.close()
