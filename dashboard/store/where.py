"""A :class:`~dashboard.filters.ViewState` as SQL WHERE clauses (pushed down, never in pandas)."""
from __future__ import annotations

import sqlalchemy as sa

from ..filters import ViewState
from .tables import events

_ESC = "\\"


def like_escape(text: str) -> str:
    """Escape LIKE wildcards so that user text matches literally."""
    return text.replace(_ESC, _ESC * 2).replace("%", _ESC + "%").replace("_", _ESC + "_")


def _assoc_has(col: sa.ColumnElement, actor: str) -> sa.ColumnElement[bool]:
    # ACLED lists associated actors as "A; B; C": match one whole entry.
    e = like_escape(actor)
    return sa.or_(col == actor, col.like(f"{e}; %", escape=_ESC), col.like(f"%; {e}", escape=_ESC),
                  col.like(f"%; {e}; %", escape=_ESC))


def contains_text(col: sa.ColumnElement, text: str, *, sqlite: bool = False) -> sa.ColumnElement[bool]:
    """``col`` contains ``text`` literally, ignoring case (wildcards in ``text`` escaped).

    SQLite's own ``LIKE`` already ignores ASCII case, exactly as ``lower(x) LIKE lower(y)``
    (the generic ``ILIKE``) does there, without a ``lower()`` call per row.
    """
    pat = f"%{like_escape(text)}%"
    return col.like(pat, escape=_ESC) if sqlite else col.ilike(pat, escape=_ESC)


def clauses(view: ViewState | None, *, sqlite: bool = False) -> list[sa.ColumnElement[bool]]:
    """Every filter of ``view`` as a list of SQL conditions (AND them); ``sqlite`` picks
    SQLite's case-insensitive ``LIKE`` for the text filter."""
    c = events.c
    out: list[sa.ColumnElement[bool]] = []
    if view is None:
        return out
    if view.date_from:
        out.append(c.event_date >= view.date_from)
    if view.date_to:
        out.append(c.event_date <= view.date_to)
    if view.actors:
        ors: list[sa.ColumnElement[bool]] = [c.actor1.in_(view.actors), c.actor2.in_(view.actors)]
        for a in view.actors:
            ors += [_assoc_has(c.assoc_actor_1, a), _assoc_has(c.assoc_actor_2, a)]
        out.append(sa.or_(*ors))
    if view.event_types:
        out.append(c.event_type.in_(view.event_types))
    if view.sub_event_types:
        out.append(c.sub_event_type.in_(view.sub_event_types))
    if view.districts:
        out.append(c.district.in_(view.districts))
    if view.precisions:
        out.append(c.geo_precision.in_(view.precisions))
    if view.min_fatalities:
        out.append(c.fatalities >= view.min_fatalities)
    if view.text:
        out.append(sa.or_(*(contains_text(col, view.text, sqlite=sqlite)
                            for col in (c.notes, c.location, c.district))))
    if view.sources:
        out.append(c.source.in_(view.sources))
    return out


def unresolved_clause() -> sa.ColumnElement[bool]:
    """Events whose place name did not resolve: no coordinates, or only city-level ones."""
    c = events.c
    return sa.and_(c.place_id.is_(None), sa.func.coalesce(c.location, "") != "",
                   sa.or_(c.latitude.is_(None), c.geo_precision == 3))
