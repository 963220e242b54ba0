"""A :class:`~dashboard.filters.ViewState` as SQL WHERE clauses (pushed down, never in pandas).

Filters with many values (a long link, an actor "side" that expands to dozens of names) stay
one expression at any count: up to ``INLINE_MAX`` values are written inline (``IN (...)``,
which the indexes serve), more are one bound list that the database unnests (SQLite's
``json_each``, PostgreSQL's ``unnest`` of an array). Written as one ``OR`` term per value,
a few hundred values exceed SQLite's expression depth ("Expression tree is too large").
Use :func:`in_values` and :func:`has_entry` for every multi-valued filter.
"""
from __future__ import annotations

import json
from typing import Sequence

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from ..filters import ViewState
from .tables import events

_ESC = "\\"
INLINE_MAX = 32  # values written inline; more go through one bound list
_SEP = "; "  # ACLED's separator of associated actors


def like_escape(text: str) -> str:
    """Escape LIKE wildcards so that user text matches literally."""
    return text.replace(_ESC, _ESC * 2).replace("%", _ESC + "%").replace("_", _ESC + "_")


def _assoc_has(col: sa.ColumnElement, actor: str) -> sa.ColumnElement[bool]:
    # ACLED lists associated actors as "A; B; C": match one whole entry.
    e = like_escape(actor)
    return sa.or_(col == actor, col.like(f"{e}; %", escape=_ESC), col.like(f"%; {e}", escape=_ESC),
                  col.like(f"%; {e}; %", escape=_ESC))


def _values_table(values: Sequence, col: sa.ColumnElement, sqlite: bool):
    """A one-column table ``value`` of ``values``, bound as one parameter."""
    if sqlite:
        return sa.func.json_each(sa.bindparam(None, json.dumps(list(values)), type_=sa.Text)).table_valued(
            sa.column("value", col.type))
    arr = sa.bindparam(None, list(values), type_=postgresql.ARRAY(col.type))
    return sa.func.unnest(arr).table_valued(sa.column("value", col.type)).render_derived(with_types=False)


def in_values(col: sa.ColumnElement, values: Sequence, *, sqlite: bool) -> sa.ColumnElement[bool]:
    """``col IN values`` at any number of values (see the module docstring)."""
    if len(values) <= INLINE_MAX:
        return col.in_(values)
    t = _values_table(values, col, sqlite)
    return col.in_(sa.select(t.c.value))


def has_entry(col: sa.ColumnElement, values: Sequence[str], *, sqlite: bool) -> sa.ColumnElement[bool]:
    """``col`` ("A; B; C") has one of ``values`` as a whole entry, at any number of values.
    Like the inline form, it ignores ASCII case on SQLite (``LIKE``) and not on PostgreSQL."""
    if len(values) <= INLINE_MAX:
        return sa.or_(*(_assoc_has(col, v) for v in values))
    t = _values_table(values, col, sqlite)
    hay = sa.literal(_SEP, sa.Text) + col + sa.literal(_SEP, sa.Text)
    needle = sa.literal(_SEP, sa.Text) + t.c.value + sa.literal(_SEP, sa.Text)
    found = sa.func.instr(sa.func.lower(hay), sa.func.lower(needle)) if sqlite else sa.func.strpos(hay, needle)
    return sa.exists(sa.select(sa.literal(1)).select_from(t).where(found > 0))


def contains_text(col: sa.ColumnElement, text: str, *, sqlite: bool = False) -> sa.ColumnElement[bool]:
    """``col`` contains ``text`` literally, ignoring case (wildcards in ``text`` escaped).

    SQLite's own ``LIKE`` already ignores ASCII case, exactly as ``lower(x) LIKE lower(y)``
    (the generic ``ILIKE``) does there, without a ``lower()`` call per row.
    """
    pat = f"%{like_escape(text)}%"
    return col.like(pat, escape=_ESC) if sqlite else col.ilike(pat, escape=_ESC)


def text_clause(text: str, *, sqlite: bool) -> sa.ColumnElement[bool]:
    """The text filter (:mod:`dashboard.search`): the place the text names, its spellings and
    the folded text in ``search_text``, or the literal text in notes and place names."""
    from ..search import plan

    c = events.c
    p = plan(text)
    terms = [contains_text(col, text, sqlite=sqlite) for col in (c.notes, c.location, c.district)]
    terms += [c.search_text.like(f"%{like_escape(n)}%", escape=_ESC) for n in p.needles if n]
    if p.place_ids:
        terms.append(in_values(c.place_id, p.place_ids, sqlite=sqlite))
    if p.districts:
        terms.append(in_values(c.district, p.districts, sqlite=sqlite))
    return sa.or_(*terms)


def clauses(view: ViewState | None, *, sqlite: bool = False,
            actor_names: Sequence[str] | None = None,
            assoc_cells: Sequence[str] | None = None) -> list[sa.ColumnElement[bool]]:
    """Every filter of ``view`` as a list of SQL conditions (AND them); ``sqlite`` picks
    SQLite's case-insensitive ``LIKE`` for the text filter and its way of unnesting long lists.
    ``actor_names``: what the view's actors, sides and families stand for (the store looks it
    up, ``EventStore.actor_values``); without it the actor values are matched as written.
    ``assoc_cells``: the stored associated-actor cells naming one of them (``EventStore.assoc_cells``),
    matched exactly instead of searching each cell for each name."""
    c = events.c
    out: list[sa.ColumnElement[bool]] = []
    if view is None:
        return out
    date_from, date_to = view.date_bounds()  # the date filter, narrowed to the time slider's window
    if date_from:
        out.append(c.event_date >= date_from)
    if date_to:
        out.append(c.event_date <= date_to)
    if view.actors or view.sides or view.families:
        a = list(actor_names if actor_names is not None else view.actors)
        if not a:  # a side with no actor in the store: nothing matches
            out.append(sa.false())
            return out
        terms = [in_values(c.actor1, a, sqlite=sqlite), in_values(c.actor2, a, sqlite=sqlite)]
        if assoc_cells is None:
            terms += [has_entry(c.assoc_actor_1, a, sqlite=sqlite), has_entry(c.assoc_actor_2, a, sqlite=sqlite)]
        elif assoc_cells:
            cells = list(assoc_cells)
            terms += [in_values(c.assoc_actor_1, cells, sqlite=sqlite), in_values(c.assoc_actor_2, cells, sqlite=sqlite)]
        out.append(sa.or_(*terms))
    if view.event_types:
        out.append(in_values(c.event_type, view.event_types, sqlite=sqlite))
    if view.sub_event_types:
        out.append(in_values(c.sub_event_type, view.sub_event_types, sqlite=sqlite))
    if view.districts:
        out.append(in_values(c.district, view.districts, sqlite=sqlite))
    if view.precisions:
        out.append(in_values(c.geo_precision, view.precisions, sqlite=sqlite))
    if view.min_fatalities:
        out.append(c.fatalities >= view.min_fatalities)
    if view.text:
        out.append(text_clause(view.text, sqlite=sqlite))
    if view.sources:
        out.append(in_values(c.source, view.sources, sqlite=sqlite))
    return out


def unresolved_clause() -> sa.ColumnElement[bool]:
    """Events whose place name did not resolve: no coordinates, or only city-level ones."""
    c = events.c
    return sa.and_(c.place_id.is_(None), sa.func.coalesce(c.location, "") != "",
                   sa.or_(c.latitude.is_(None), c.geo_precision == 3))
