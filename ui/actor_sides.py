"""Actors nobody has placed yet: the user gives each a side (kept in ``var/actor-sides.csv``).

Shown under the unresolved places: an import's actors that no rule of
``dashboard/data/actor-sides.json`` knows and whose ACLED code does not tell, with their
event counts; every other actor can be moved to another side too.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import actor_sides as AS

from . import resources as res
from .i18n import current_language, tr


@st.cache_data(show_spinner=False, max_entries=4)
def _actor_table(url: str | None, version: tuple) -> pd.DataFrame:
    return res.get_store(url).actor_table()


def _side_names(lang: str) -> dict[str, str]:
    t = AS.table()
    names = {side_id: g.name(lang) for side_id, g in t.sides.items()}
    names[AS.UNASSIGNED] = t.unassigned.name(lang)
    return names


def _editor(frame: pd.DataFrame, key: str, names: dict[str, str]) -> dict[str, str]:
    """A table whose side column the user can change; returns ``actor -> side id`` for changed rows."""
    t = AS.table()
    lang = current_language()
    shown = pd.DataFrame({
        "actor": frame["actor"], "events": frame["events"],
        "family": [t.families[f].name(lang) if f in t.families else "" for f in frame["family"]],
        "side": [names.get(s, s) for s in frame["side"]],
    })
    edited = st.data_editor(
        shown, key=key, hide_index=True, width="stretch", disabled=["actor", "events", "family"],
        column_config={
            "actor": st.column_config.TextColumn(tr("Actor"), width="large"),
            "events": st.column_config.NumberColumn(tr("Events")),
            "family": st.column_config.TextColumn(tr("ACLED family")),
            "side": st.column_config.SelectboxColumn(tr("Side"), options=list(names.values()), required=True),
        })
    by_label = {label: side_id for side_id, label in names.items()}
    return {a: by_label[new] for a, old, new in zip(shown["actor"], shown["side"], edited["side"])
            if new != old and new in by_label}


def actor_sides_section(url: str | None, version: tuple) -> None:
    """The section: unassigned actors first, then (folded) every actor with its side."""
    table = _actor_table(url, version)
    st.subheader(tr("Actors without a side"), anchor=False)
    if table.empty:
        st.caption(tr("No actors are recorded yet."))
        return
    names = _side_names(current_language())
    unknown = table[table["side"] == AS.UNASSIGNED]
    if unknown.empty:
        st.success(tr("Every actor in the store has a side."))
        changes: dict[str, str] = {}
    else:
        st.caption(tr("{n} actors are on no side yet: no rule knows their names and their ACLED code does not "
                      "tell. Choose a side for each; the side filters and charts count them at once.",
                      n=f"{len(unknown):,}"))
        changes = _editor(unknown, "actor_sides_unknown", names)
    with st.expander(tr("Every actor and its side ({n})", n=f"{len(table):,}")):
        changes.update(_editor(table, "actor_sides_all", names))
    if changes and st.button(tr("Save {n} side choices", n=len(changes)), key="actor_sides_save",
                             icon=":material/save:"):
        path = AS.assign(changes)
        res.data_changed()
        st.session_state["_flash"] = tr("Saved {n} side choices to {path}.", n=len(changes), path=str(path))
        st.rerun()
