"""`python -m dashboard ingest FILE...`: load event files into the store."""
from __future__ import annotations

import click

from gazetteer.textio import echo, terminal_safe

from ..errors import DashboardError

SHOWN_PROBLEMS = 20


@click.command("ingest")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--db", "db", default=None, help="Database URL or SQLite file (default: $ALEPPO_DB or var/events.sqlite).")
@click.option("--source", default=None, help="Source name for rows that give none.")
@click.option("--map", "maps", multiple=True, metavar="FIELD=COLUMN",
              help="Map an event field to a column (FIELD==VALUE for a constant; date_format=mdy|dmy|%fmt).")
@click.option("--mapping", default=None, help="Mapping file (JSON or field=column lines), or a bundled name (example).")
@click.option("--format", "fmt", default=None,
              type=click.Choice(["acled", "csv", "xlsx", "json", "jsonl", "geojson", "text"]),
              help="Input format (default: from the extension or the content).")
@click.option("--published", default=None,
              help="Publication date of a prose report (YYYY-MM-DD); without it, the date the file name "
                   "(reuters-2016-10-07.txt, 20161007, 7 Oct 2016) or the HTML page states is used, with a note.")
@click.option("--url", default=None, help="Source URL for rows that give none.")
@click.option("--aliases", default=None, type=click.Path(dir_okay=False),
              help="Gazetteer alias CSV (alias,place_id) (default: $ALEPPO_ALIASES or var/aliases.csv, "
                   "the app's, when it exists).")
@click.option("--review", is_flag=True,
              help="Reports only: store nothing; write the candidate events to REPORT.review.csv (keep or drop "
                   "each row, edit any field or the place name in a spreadsheet), then ingest that file.")
@click.option("--verbose", "-v", is_flag=True, help="Print every problem, not only the first ones.")
def command(files, db, source, maps, mapping, fmt, published, url, aliases, review, verbose) -> None:
    """Ingest FILE(s): ACLED CSV, CSV/XLSX/JSON/JSONL/GeoJSON with a column mapping, or news
    reports (.txt, .md, .html), whose events come from the rule-based extractor. A review
    file written by --review is ingested as reviewed: only its kept rows, as edited. A satellite
    damage assessment (recognised by its columns) goes to the evidence layer, never to events."""
    from ..config import default_alias_path, load_gazetteer
    from ..ingest import ingest_path
    from ..mappings import Mapping, load_mapping, parse_map_flags
    from ..store import EventStore

    from ..extract.dates import parse_published

    pub = None
    if published:
        try:
            pub = parse_published(published)  # the same forms `extract --published` takes
        except ValueError:
            raise click.BadParameter(f"{published!r} is not a date (YYYY-MM-DD)", param_hint="--published") from None
    if review:
        _write_reviews(files, pub, load_gazetteer(aliases), source, url, fmt)
        return
    m: Mapping | None = load_mapping(mapping) if mapping else None
    if maps:
        m = (m or Mapping()).merged(parse_map_flags(maps))
    store = EventStore(db)
    gz = load_gazetteer(aliases)
    failed = 0
    for path in files:
        try:
            report = ingest_path(store, path, fmt=fmt, source=source, mapping=m, gazetteer=gz,
                                 published=pub, url=url, progress=True)
        except DashboardError as exc:
            echo(f"{terminal_safe(path)}: not ingested: {terminal_safe(exc)}", err=True)
            failed += 1
            continue
        # Every value below may come from the file: echo() escapes terminal control characters.
        echo(report.summary_table())
        for note in report.notes:
            echo(f"note: {terminal_safe(note)}")
        shown = report.problems if verbose else report.problems[:SHOWN_PROBLEMS]
        for p in shown:
            echo(f"  {p}")
        more = len(report.problems) - len(shown)
        if more > 0:
            echo(f"  ... and {more:,} more problems (--verbose shows them)")
        unlisted = report.rejected - len(report.problems)
        if unlisted > 0:
            echo(f"  ({unlisted:,} more rejected rows are counted but not itemised)")
        if report.unresolved_names:
            names = ", ".join(f"{terminal_safe(n)} ({c})" for n, c in report.unresolved_names.most_common(10))
            echo(f"unresolved place names: {names}")
            echo(f"  add aliases (alias,place_id) to {terminal_safe(default_alias_path())} "
                 "and run `python -m dashboard regeocode`")
        if not report.ok:
            failed += 1
        echo("")
    _unassigned_actors(store)
    store.close()
    if failed:
        raise SystemExit(1)


def _unassigned_actors(store) -> None:
    """Name the stored actors that are on no side yet (as for unresolved places)."""
    from ..actor_sides import UNASSIGNED

    try:
        table = store.actor_table()
    except DashboardError:
        return
    unknown = table[table["side"] == UNASSIGNED]
    if not unknown.empty:
        names = ", ".join(f"{terminal_safe(a)} ({n})" for a, n in zip(unknown["actor"][:10], unknown["events"][:10]))
        echo(f"actors on no side: {names}{' ...' if len(unknown) > 10 else ''}")
        echo("  give them a side: `python -m dashboard sides` (or in the app: Unresolved places)")


def _write_reviews(files, published, gz, source, url, fmt) -> None:
    """``--review``: one review file per report; nothing is stored."""
    from ..review.files import review_report

    failed = 0
    for path in files:
        try:
            out, frame, notes = review_report(path, published=published, gazetteer=gz, source=source, url=url, fmt=fmt)
        except DashboardError as exc:
            echo(f"{terminal_safe(path)}: no review file written: {terminal_safe(exc)}", err=True)
            failed += 1
            continue
        for note in notes:
            echo(f"note: {terminal_safe(note)}")
        echo(f"{terminal_safe(path)}: {len(frame):,} candidate events, nothing stored yet")
        for _, r in frame.iterrows():
            where = f"{r['place']} (precision {r['geo_precision']})" if r["place"] else "not in the gazetteer"
            deaths = "" if r["fatalities"] is None or str(r["fatalities"]) == "<NA>" else f", {r['fatalities']} killed"
            echo(f"  {r['event_date']}  {r['sub_event_type'] or r['event_type']}  "
                 f"{terminal_safe(r['location'])} -> {terminal_safe(where)}{deaths}")
        echo(f"review file: {terminal_safe(out)}")
        echo("  keep or drop each row and correct any field (an edited place name is looked up again), "
             "then store the kept rows with:")
        echo(f"  python -m dashboard ingest {terminal_safe(out)}")
        echo("")
    if failed:
        raise SystemExit(1)
