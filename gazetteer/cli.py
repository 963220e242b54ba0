"""``python -m gazetteer``: resolve names, list unresolved names of a CSV column."""
from __future__ import annotations

import csv
import json
import sys
from collections import Counter

import click

from .errors import GazetteerError


def _record(query: str, match) -> dict:
    p = match.place if match else None
    return {
        "query": query, "match": match is not None,
        "id": p.id if p else None, "name": p.name if p else None, "name_ar": p.name_ar if p else None,
        "lat": p.lat if p else None, "lon": p.lon if p else None,
        "precision": p.precision if p else None, "kind": match.kind if match else None,
        "score": match.score if match else None,
    }


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except GazetteerError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)


@click.group(cls=_Group)
@click.option("--aliases", "alias_file", type=click.Path(dir_okay=False), default=None,
              help="User alias CSV (alias,place_id) to load on top of the bundled data.")
@click.pass_context
def main(ctx: click.Context, alias_file: str | None) -> None:
    """Offline gazetteer of Aleppo place names."""
    from . import load

    ctx.obj = load(alias_file)


@main.command()
@click.argument("names", nargs=-1)
@click.pass_obj
def resolve(gaz, names: tuple[str, ...]) -> None:
    """Resolve NAMES (or names read one per line from stdin): one JSON object per line."""
    source = names or (line.rstrip("\r\n") for line in sys.stdin)
    for name in source:
        if not name.strip():
            continue
        click.echo(json.dumps(_record(name, gaz.resolve(name)), ensure_ascii=False))


@main.command()
@click.argument("file", type=click.File("r", encoding="utf-8-sig"))
@click.option("--column", default="location", show_default=True, help="The CSV column holding place names.")
@click.pass_obj
def unresolved(gaz, file, column: str) -> None:
    """List the names in a CSV column that do not resolve, most frequent first, with counts."""
    reader = csv.DictReader(file)
    if reader.fieldnames is None or column not in reader.fieldnames:
        raise click.ClickException(
            f"{file.name}: no column {column!r} (columns: {', '.join(reader.fieldnames or [])})")
    counts = Counter(row[column].strip() for row in reader if (row.get(column) or "").strip())
    missing = [(n, c) for n, c in counts.most_common() if gaz.resolve(n) is None]
    for name, count in missing:
        click.echo(f"{count}\t{name}")
    click.echo(f"{len(missing)} of {len(counts)} distinct names unresolved", err=True)
