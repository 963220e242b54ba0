"""``python -m gazetteer``: resolve names, list unresolved names of a CSV column."""
from __future__ import annotations

import csv
import io
import os
import sys
from collections import Counter
from pathlib import Path

import click

from .errors import GazetteerError
from .textio import decode_text, echo, json_line, terminal_safe


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
            echo(f"error: {terminal_safe(exc)}", err=True)
            sys.exit(2)


_ALIASES_HELP = "User alias CSV (alias,place_id) on top of the bundled data [default: $ALEPPO_ALIASES or var/aliases.csv]."


def _aliases_option(f):
    return click.option("--aliases", "alias_file", type=click.Path(dir_okay=False), default=None,
                        help=_ALIASES_HELP)(f)


@click.group(cls=_Group)
@_aliases_option
@click.option("--places", "places_dir", type=click.Path(file_okay=False), default=None,
              help="Folder of the user's places, aliases and journal [default: $ALEPPO_PLACES or var/].")
@click.pass_context
def main(ctx: click.Context, alias_file: str | None, places_dir: str | None) -> None:
    """Offline gazetteer of Aleppo place names."""
    ctx.obj = {"aliases": alias_file, "places": places_dir}


def _gazetteer(ctx: click.Context, alias_file: str | None):
    from . import load
    from .userfiles import UserFiles

    obj = ctx.find_root().obj or {}
    path = alias_file or obj.get("aliases") or None
    return load(path, user=UserFiles.default(folder=obj.get("places")))


@main.command()
@click.argument("names", nargs=-1)
@_aliases_option
@click.pass_context
def resolve(ctx: click.Context, names: tuple[str, ...], alias_file: str | None) -> None:
    """Resolve NAMES (or names read one per line from stdin): one JSON object per line."""
    gaz = _gazetteer(ctx, alias_file)
    source = names or (line.rstrip("\r\n") for line in sys.stdin)
    for name in source:
        if not name.strip():
            continue
        echo(json_line(_record(name, gaz.resolve(name))))


@main.command()
@click.argument("file", type=click.File("rb"))
@click.option("--column", default="location", show_default=True, help="The CSV column holding place names.")
@_aliases_option
@click.pass_context
def unresolved(ctx: click.Context, file, column: str, alias_file: str | None) -> None:
    """List the names in a CSV column that do not resolve, most frequent first, with counts."""
    gaz = _gazetteer(ctx, alias_file)
    reader = csv.DictReader(io.StringIO(decode_text(file.read()), newline=""))
    if reader.fieldnames is None or column not in reader.fieldnames:
        raise click.ClickException(
            terminal_safe(f"{file.name}: no column {column!r} (columns: {', '.join(reader.fieldnames or [])})"))
    counts = Counter(row[column].strip() for row in reader if (row.get(column) or "").strip())
    missing = [(n, c) for n, c in counts.most_common() if gaz.resolve(n) is None]
    for name, count in missing:
        echo(f"{count}\t{terminal_safe(name)}")
    echo(f"{len(missing)} of {len(counts)} distinct names unresolved", err=True)


from . import cli_places  # noqa: E402,F401  (registers add-place, remove-place, aliases, matches, undo...)
