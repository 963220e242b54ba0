"""Apply one change to the user's gazetteer files from the app, re-geocode at once, say what moved."""
from __future__ import annotations

from typing import Callable

import streamlit as st

from dashboard.i18n import N_
from gazetteer import changes

from . import resources as res
from .i18n import num, tr
from .messages import md

MESSAGES = {
    "add-place": N_("Added the place “{name}”."),
    "add-alias": N_("Mapped “{name}” to {place}."),
    "accept-match": N_("Accepted “{name}” as {place}."),
    "reject-match": N_("“{name}” is not {place}: its events now wait among the unresolved names."),
    "undo": N_("Undone: {summary}."),
}


def apply(url: str | None, change: Callable[..., changes.Change], *args, name: str = "", place: str = "",
          **kwargs) -> changes.Change:
    """Run ``change(files, *args, **kwargs)`` (a :mod:`gazetteer.changes` function), re-geocode the
    store's events it concerns, and leave a message for the next run (the header shows it)."""
    done = change(res.user_files(), *args, **kwargs)
    gaz = res.reload_gazetteer()
    moved = res.get_store(url).regeocode(gaz, before=done.before)
    res.data_changed()
    what = tr(MESSAGES[done.action], name=name, place=place, summary=done.summary.removeprefix("undid: "))
    count = tr("1 event re-geocoded.") if moved == 1 else tr("{n} events re-geocoded.", n=num(moved))
    st.session_state["_flash"] = f"{what} {count}"
    return done


def undo_button(url: str | None) -> None:
    """"Undo" for the last change (with what it was), when there is one; a short history below."""
    files = res.user_files()
    history = changes.history(files)
    if not history:
        return
    last = history[-1]
    if st.button(tr("Undo the last change"), key="u_undo", icon=":material/undo:",
                 help=md(tr("Last change: {summary} ({at})", summary=last["summary"], at=last["at"]))):
        apply(url, changes.undo)
        st.rerun()
    st.caption(md(tr("Last change: {summary} ({at})", summary=last["summary"], at=last["at"])))
