"""`python -m dashboard snapshot --out FILE.html|FILE.png [filters]`.

The filter flags have the names of the link's query parameters
(:mod:`dashboard.filters`), so a link and a command line say the same thing.
Unlike a link, a bad flag is an error (message, exit 2), not a notice.
"""
from __future__ import annotations

import re
from pathlib import Path

import click

from gazetteer.textio import echo, terminal_safe

from .. import filters as F
from ..errors import SnapshotError, ViewStateError
from ..i18n import LANGUAGES
from ..share.png_snapshot import SIZES, png_size

FORMATS = (".html", ".htm", ".png")


def _view_from_flags(flags: dict[str, object], districts: list[str] | None = None) -> F.ViewState:
    params = {name: value for name, value in flags.items() if value not in (None, (), "", False)}
    view, notices = F.from_query_params(params, districts=districts)
    if notices:  # for a link these are notices; on a command line they are mistakes
        raise ViewStateError(" ".join(
            re.sub(r"^Ignored link parameter '([^']*)'", r"invalid option --\1", n).replace("the link", "the command")
            for n in notices))
    return view


@click.command("snapshot")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Output file: .html (standalone, offline) or .png (needs Chromium).")
@click.option("--db", "db", default=None, help="Database URL (default: $ALEPPO_DB or sqlite:///var/events.sqlite).")
@click.option(f"--{F.P_FROM}", "date_from", default=None, help="First day, YYYY-MM-DD.")
@click.option(f"--{F.P_TO}", "date_to", default=None, help="Last day, YYYY-MM-DD.")
@click.option(f"--{F.P_ACTOR}", "actors", multiple=True,
              help="Actor, or what people call a side or group: 'regime', 'SAA', 'قوات النظام' (repeatable).")
@click.option(f"--{F.P_SIDE}", "sides", multiple=True,
              help="Side of the war: government, opposition, kurdish, islamic-state, russia, coalition, turkey, "
                   "civilians, unassigned (repeatable).")
@click.option(f"--{F.P_FAMILY}", "families", multiple=True,
              help="ACLED actor family: state-forces, rebel-groups, political-militias, identity-militias, "
                   "rioters, protesters, civilians, external-forces (repeatable).")
@click.option(f"--{F.P_TYPE}", "types", multiple=True, help="ACLED event type (repeatable).")
@click.option(f"--{F.P_SUBTYPE}", "subtypes", multiple=True, help="ACLED sub-event type (repeatable).")
@click.option(f"--{F.P_DISTRICT}", "districts", multiple=True, help="District (repeatable).")
@click.option(f"--{F.P_SOURCE}", "sources", multiple=True, help="Source (repeatable).")
@click.option(f"--{F.P_PRECISION}", "precisions", multiple=True, help="Geo precision 1, 2 or 3 (repeatable).")
@click.option(f"--{F.P_MINFAT}", "minfat", default=None, help="At least this many fatalities.")
@click.option(f"--{F.P_TEXT}", "text", default=None,
              help="Search notes and places; a place name in any spelling (Latin or Arabic) also finds the "
                   "events located there.")
@click.option(f"--{F.P_LAT}", "lat", default=None, help="Map centre latitude.")
@click.option(f"--{F.P_LON}", "lon", default=None, help="Map centre longitude.")
@click.option(f"--{F.P_ZOOM}", "zoom", default=None, help="Map zoom, 1 to 20.")
@click.option(f"--{F.P_LAYERS}", "layers", default=None,
              help=f"Comma-separated layers ({', '.join(F.LAYERS)}) or 'none'.")
@click.option(f"--{F.P_SHADE}", "shade", default=None, type=click.Choice(F.SHADES), help="District shading.")
@click.option(f"--{F.P_COARSEN}", "coarsen", is_flag=True, help="Snap every point to its district's point.")
@click.option("--size", "size", default=None, type=click.Choice(list(SIZES)),
              help="PNG size: article (1600x1000, a web article) or social (1200x675, a social card); "
                   "default article.")
@click.option("--width", default=None, type=click.IntRange(100, 8000), help="PNG width (overrides --size).")
@click.option("--height", default=None, type=click.IntRange(100, 8000), help="PNG height (overrides --size).")
@click.option("--title", default=None, help="Title of the figure.")
@click.option(f"--{F.P_LANG}", "lang", default=None, type=click.Choice(list(LANGUAGES)),
              help="Language of the figure: en (default) or ar (Arabic, right to left, Arabic place names).")
@click.option(f"--{F.P_STEP}", "step", default=None, help="The time slider's step: day, week or month.")
@click.option(f"--{F.P_AT}", "at", default=None,
              help="The time slider's window: the step (default week) holding this day, YYYY-MM-DD.")
def command(out: Path, db: str | None, date_from, date_to, actors, sides, families, types, subtypes, districts,
            sources,
            precisions, minfat, text, lat, lon, zoom, layers, shade, coarsen, size, width, height, title,
            lang, step=None, at=None) -> None:
    """Write a standalone HTML or PNG snapshot of the filtered map.

    The map is framed on the filtered events, unless --lat/--lon or --zoom set the view."""
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise SnapshotError(f"--out must end in .html or .png, not {out.name!r}")
    from ..config import load_gazetteer
    from ..share.html_snapshot import snapshot_html
    from ..store import EventStore

    gaz = load_gazetteer()  # with the user's places: events placed there keep their names
    store = EventStore(db)
    # district names as the gazetteer and the store spell them (older stores may differ)
    known = [p.name for p in gaz.districts()] + list(store.facets().districts)
    view = _view_from_flags({
        F.P_FROM: date_from, F.P_TO: date_to, F.P_ACTOR: actors, F.P_SIDE: sides, F.P_FAMILY: families,
        F.P_TYPE: types, F.P_SUBTYPE: subtypes,
        F.P_DISTRICT: districts, F.P_SOURCE: sources, F.P_PRECISION: precisions, F.P_MINFAT: minfat,
        F.P_TEXT: text, F.P_LAT: lat, F.P_LON: lon, F.P_ZOOM: zoom, F.P_LAYERS: layers, F.P_SHADE: shade,
        F.P_COARSEN: "1" if coarsen else None, F.P_LANG: lang, F.P_STEP: step, F.P_AT: at,
    }, districts=known)
    page = snapshot_html(store, view, gaz, title=title, fit=not (lat or lon or zoom))
    if suffix == ".png":
        from ..share.png_snapshot import snapshot_png

        w, h = png_size(size, width, height)
        data = snapshot_png(page, width=w, height=h)
    else:
        data = page.encode("utf-8")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as exc:
        raise SnapshotError(f"cannot write {out}: {exc.strerror or exc}") from exc
    events, fatalities = store.totals(view)
    echo(f"wrote {terminal_safe(out)} ({len(data):,} bytes; {events:,} events, {fatalities:,} fatalities; "
               f"filters: {view.describe()})")
