"""`python -m dashboard extract FILE --published YYYY-MM-DD [--source NAME] [--url URL] [--actors FILE]`.

Prints one JSON object per event (the event schema, non-ASCII kept). For a
report without --published, the date its file name or HTML page states is used, with a note
on stderr saying where it came from.
"""
from __future__ import annotations

from pathlib import Path

import click

from gazetteer.textio import echo, json_line

from ..errors import ExtractError
from ..schema import as_dict


@click.command("extract")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--published", default=None, help="Publication date of the report, YYYY-MM-DD (relative dates resolve against it).")
@click.option("--source", default="", help="Source name, e.g. Reuters.")
@click.option("--url", default="", help="Source URL.")
@click.option("--actors", "actors_file", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Extra actor forms: JSON like dashboard/extract/data/actors.json, or CSV form,name[,side].")
@click.option("--alias-file", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Gazetteer alias CSV (alias,place_id) (default: $ALEPPO_ALIASES or var/aliases.csv, "
                   "the app's, when it exists).")
def command(file: Path, published: str | None, source: str, url: str, actors_file: Path | None,
            alias_file: Path | None) -> None:
    """Extract dated, located events from a news report (.txt, .md, .html)."""
    import gazetteer

    from ..config import alias_file as user_aliases
    from ..extract import extract_events, read_report_meta
    from ..extract.dates import parse_published

    with file.open("rb") as fh:
        report = read_report_meta(fh, file.name)
    if published:
        try:
            when = parse_published(published)
        except ValueError as exc:
            raise ExtractError(f"--published: {exc}") from exc
    elif report.published is not None:
        when = report.published
        click.echo(f"note: publication date {when.isoformat()} taken from {report.published_from} "
                   "(--published overrides it)", err=True)
    else:
        raise ExtractError(f"{file.name}: no publication date; pass --published YYYY-MM-DD (neither the "
                           "file name nor the page states one)")
    gz = gazetteer.load(user_aliases(alias_file))
    events = extract_events(report.text, published=when, gazetteer=gz, source=source,
                            url=url, origin=str(file), actors_file=actors_file)
    for ev in events:
        echo(json_line(as_dict(ev)))
