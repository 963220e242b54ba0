"""`python -m dashboard init`: create the store and load the bundled damage assessments
into its evidence layer (never as events)."""
from __future__ import annotations

from pathlib import Path

import click

from gazetteer.textio import echo

DATA = Path(__file__).resolve().parents[1] / "data"
BUNDLED = (DATA / "damage-sites-2013-2015.csv", DATA / "unosat-damage-2015.csv")


@click.command("init")
@click.option("--db", "db", default=None, help="Database URL or SQLite file (default: $ALEPPO_DB or var/events.sqlite).")
def command(db) -> None:
    """Create the database and load the bundled satellite damage assessments into its evidence
    layer (3,365 CSR sites, 2013-2015; 14,058 UNOSAT points, 2015): each file once (a file the
    store has already ingested is skipped), never as events."""
    from ..evidence import CREDIT
    from ..evidence.migrate import file_sha256
    from ..ingest import ingest_path
    from ..store import EventStore

    store = EventStore(db)
    if store.migrated:
        echo(f"{store.safe_url}: moved {store.migrated:,} damage sites from events to the evidence layer")
    done = set(store.ingests()["sha256"])
    todo = [p for p in BUNDLED if file_sha256(p) not in done]
    for path in todo:
        report = ingest_path(store, path, source=CREDIT, name=path.name)
        echo(f"{store.safe_url}: loaded {report.loaded:,} damage sites from {path.name} "
             f"({report.rejected:,} rejected)")
    if not todo:
        echo(f"{store.safe_url}: the bundled damage assessments are loaded already; nothing to do")
    echo(f"{store.safe_url}: {store.count():,} events, {store.damage_count():,} damage sites")
    store.close()
