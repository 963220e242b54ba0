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


def clauses(view: ViewState | None) -> list[sa.ColumnElement[bool]]:
    """Every filter of ``view`` as a list of SQL conditions (AND them)."""
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
        pat = f"%{like_escape(view.text)}%"
        out.append(sa.or_(c.notes.ilike(pat, escape=_ESC), c.location.ilike(pat, escape=_ESC),
                          c.district.ilike(pat, escape=_ESC)))
    if view.sources:
        out.append(c.source.in_(view.sources))
    return out


def unresolved_clause() -> sa.ColumnElement[bool]:
    """Events whose place name did not resolve: no coordinates, or only city-level ones."""
    c = events.c
    return sa.and_(c.place_id.is_(None), sa.func.coalesce(c.location, "") != "",
                   sa.or_(c.latitude.is_(None), c.geo_precision == 3))
