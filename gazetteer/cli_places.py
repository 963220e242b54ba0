"""``python -m gazetteer add-place / remove-place / places / aliases / matches / undo / history``:
the user's own places and names (files in ``$ALEPPO_PLACES`` or ``var/``, see :mod:`.userfiles`).

After a change the events of the event store that use or await the changed names are geocoded
again at once (``--db URL``, default ``$ALEPPO_DB`` or ``var/events.sqlite`` when it exists;
``--no-regeocode`` skips it). This is the one place where the gazetteer's CLI touches events:
the store is imported only here, only then.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import click

from . import changes
from .cli import main
from .errors import GazetteerError, UserPlaceError
from .textio import echo, terminal_safe
from .userfiles import UserFiles
from .userplaces import HEADER, read_places


def _files(ctx: click.Context) -> UserFiles:
    obj = ctx.find_root().obj or {}
    return UserFiles.default(aliases=obj.get("aliases"), folder=obj.get("places"))


def _store_url(db: str | None) -> str | None:
    """The store to re-geocode: ``--db``, else ``$ALEPPO_DB``, else the default file when it exists."""
    if db:
        return db
    if os.environ.get("ALEPPO_DB", "").strip():
        return os.environ["ALEPPO_DB"].strip()
    default = Path(__file__).resolve().parent.parent / "var" / "events.sqlite"
    return str(default) if default.exists() else None


def _report(ctx: click.Context, change: changes.Change, db: str | None, regeocode: bool) -> None:
    """Print the change, then re-geocode the store's events it concerns and say how many moved."""
    echo(terminal_safe(change.summary))
    url = _store_url(db) if regeocode else None
    if url is None:
        return
    from . import load

    try:
        from dashboard.errors import DashboardError
        from dashboard.store import EventStore
    except ImportError:  # the gazetteer used on its own: nothing to re-geocode
        return
    try:
        store = EventStore(url)
        try:
            n = store.regeocode(load(user=_files(ctx)), before=change.before)
        finally:
            store.close()
    except DashboardError as exc:
        raise click.ClickException(terminal_safe(f"the change is saved, but re-geocoding failed: {exc}")) from None
    echo(f"{n:,} event{'' if n == 1 else 's'} re-geocoded")


def _store_options(f):
    f = click.option("--no-regeocode", "no_regeocode", is_flag=True,
                     help="Do not re-geocode the event store's events.")(f)
    return click.option("--db", default=None, help="Event store URL or SQLite file to re-geocode "
                        "[default: $ALEPPO_DB, or var/events.sqlite when it exists].")(f)


@main.command("add-place")
@click.argument("name")
@click.option("--lat", type=float, help="Latitude of the place's point (WGS84).")
@click.option("--lon", type=float, help="Longitude of the place's point.")
@click.option("--area", "area_file", type=click.Path(exists=True, dir_okay=False),
              help="A GeoJSON (or WKT) file holding the place's polygon, instead of a point.")
@click.option("--ar", "name_ar", default=None, help="The Arabic name.")
@click.option("--precision", type=click.IntRange(1, 3), required=True,
              help="1 a place, 2 an area of the city, 3 the city.")
@click.option("--source", required=True, help="Where the coordinates come from (required).")
@click.option("--alias", "aliases", multiple=True, help="Another name of the place (repeatable).")
@_store_options
@click.pass_context
def add_place(ctx, name, lat, lon, area_file, name_ar, precision, source, aliases, db, no_regeocode) -> None:
    """Add a place NAME at a point (--lat --lon) or over an area (--area FILE)."""
    if area_file and (lat is not None or lon is not None):
        raise click.UsageError("give either --lat/--lon or --area, not both")
    if not area_file and (lat is None or lon is None):
        raise click.UsageError("give --lat and --lon, or --area FILE")
    area = Path(area_file).read_text(encoding="utf-8-sig") if area_file else None
    try:
        change = changes.add_place(_files(ctx), name, source=source, precision=precision, lat=lat, lon=lon,
                                   area=area, name_ar=name_ar, aliases=aliases)
    except UserPlaceError as exc:
        if area_file and exc.field == "area":
            raise UserPlaceError(exc.reason, file=area_file, field="area") from None
        raise
    echo(change.place_id or "")
    _report(ctx, change, db, not no_regeocode)


@main.command("remove-place")
@click.argument("place_id")
@_store_options
@click.pass_context
def remove_place(ctx, place_id, db, no_regeocode) -> None:
    """Remove the user place PLACE_ID (with its aliases); its events are geocoded again."""
    _report(ctx, changes.remove_place(_files(ctx), place_id), db, not no_regeocode)


@main.command("places")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def places(ctx, as_json) -> None:
    """List the places the user added."""
    from . import load

    files = _files(ctx)
    rows = read_places(files.places, load().places)
    for p in rows:
        if as_json:
            echo(json.dumps(dict(zip(HEADER, p.row())), ensure_ascii=False))
        else:
            echo("\t".join(terminal_safe(c) for c in (p.id, p.name, p.name_ar or "", str(p.precision),
                                                       f"{p.lat:.5f}", f"{p.lon:.5f}", p.source)))
    echo(f"{len(rows)} user place{'' if len(rows) == 1 else 's'} in {terminal_safe(files.places)}", err=True)


@main.group("aliases", invoke_without_command=True)
@click.pass_context
def aliases(ctx) -> None:
    """List the user's aliases (alias, place id, place name); `aliases add` / `aliases remove`."""
    if ctx.invoked_subcommand is not None:
        return
    from . import load

    files = _files(ctx)
    gaz = load(user=files)
    rows = changes.user_aliases(files)
    for alias, pid in rows:
        echo(f"{terminal_safe(alias)}\t{pid}\t{terminal_safe(gaz.places[pid].name)}")
    echo(f"{len(rows)} alias{'' if len(rows) == 1 else 'es'} in {terminal_safe(files.aliases)}", err=True)


@aliases.command("add")
@click.argument("name")
@click.argument("place_id")
@_store_options
@click.pass_context
def alias_add(ctx, name, place_id, db, no_regeocode) -> None:
    """Map NAME to the place PLACE_ID."""
    _report(ctx, changes.add_alias(_files(ctx), name, place_id), db, not no_regeocode)


@aliases.command("remove")
@click.argument("name")
@_store_options
@click.pass_context
def alias_remove(ctx, name, db, no_regeocode) -> None:
    """Remove the user alias NAME."""
    _report(ctx, changes.remove_alias(_files(ctx), name), db, not no_regeocode)


@main.group("matches", invoke_without_command=True)
@click.option("--db", default=None, help="Event store URL or SQLite file [default: $ALEPPO_DB or var/events.sqlite].")
@click.pass_context
def matches(ctx, db) -> None:
    """List the fuzzy matches the store's events use (score, name, place, events);
    `matches accept NAME` makes one an alias, `matches reject NAME` makes the name abstain."""
    if ctx.invoked_subcommand is not None:
        return
    url = _store_url(db)
    if url is None:
        raise click.ClickException("no event store (give --db or set $ALEPPO_DB)")
    from dashboard.placereview import fuzzy_matches
    from dashboard.store import EventStore

    from . import load

    store = EventStore(url)
    try:
        frame = fuzzy_matches(store, load(user=_files(ctx)))
    finally:
        store.close()
    for r in frame.itertuples():
        echo(f"{r.score:.0f}\t{terminal_safe(r.name)}\t{r.place_id}\t{terminal_safe(r.place)}\t{r.events}")
    echo(f"{len(frame)} fuzzy match{'' if len(frame) == 1 else 'es'} to review", err=True)


def _current(ctx, name: str) -> str:
    from . import load

    m = load(user=_files(ctx)).resolve(name)
    if m is None:
        raise UserPlaceError(f"{name!r} does not resolve: nothing to accept or reject", field="name")
    return m.place.id


@matches.command("accept")
@click.argument("name")
@_store_options
@click.pass_context
def match_accept(ctx, name, db, no_regeocode) -> None:
    """Confirm NAME's match: it becomes a user alias of the place."""
    _report(ctx, changes.accept_match(_files(ctx), name, _current(ctx, name)), db, not no_regeocode)


@matches.command("reject")
@click.argument("name")
@_store_options
@click.pass_context
def match_reject(ctx, name, db, no_regeocode) -> None:
    """Say NAME is not the place it matched: it abstains from now on (its events go unresolved)."""
    _report(ctx, changes.reject_match(_files(ctx), name, _current(ctx, name)), db, not no_regeocode)


@main.command("undo")
@_store_options
@click.pass_context
def undo(ctx, db, no_regeocode) -> None:
    """Undo the last change to the user's places, aliases or matches."""
    _report(ctx, changes.undo(_files(ctx)), db, not no_regeocode)


@main.command("history")
@click.pass_context
def history(ctx) -> None:
    """The changes that `undo` would revert, newest last."""
    for row in changes.history(_files(ctx)):
        echo("\t".join(terminal_safe(row[k]) for k in ("at", "action", "summary")))


__all__ = ["add_place", "remove_place", "places", "aliases", "matches", "undo", "history", "GazetteerError"]
