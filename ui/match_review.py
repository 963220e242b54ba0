"""Review of the fuzzy matches stored events use: accept one (it becomes an alias) or reject
it (the name abstains and its events go to the unresolved names)."""
from __future__ import annotations

import streamlit as st

from dashboard.placereview import fuzzy_matches
from gazetteer import changes

from . import resources as res
from .i18n import tr
from .place_changes import apply


@st.cache_data(show_spinner=False, max_entries=4)
def _matches(url: str | None, version: tuple):
    return fuzzy_matches(res.get_store(url), res.gazetteer())


def match_review(url: str | None, version: tuple) -> None:
    """The table of fuzzy matches (least sure first) with accept / reject for one of them."""
    st.subheader(tr("Matches to review"))
    frame = _matches(url, version)
    if frame.empty:
        st.caption(tr("No stored event uses a fuzzy match: every name matched exactly or through an alias."))
        return
    st.caption(tr("These names were matched to a place by similarity, not exactly. Accept a match to make "
                  "it an alias; reject it and the name waits among the unresolved names."))
    shown = frame[["name", "place", "place_ar", "score", "events"]].rename(columns={
        "name": tr("Name in the events"), "place": tr("Matched place"), "place_ar": tr("Arabic name"),
        "score": tr("Score"), "events": tr("Events")})
    st.dataframe(shown, hide_index=True, width="stretch", height=min(38 + 35 * len(frame), 260))
    rows = {f"{r.name}\x00{r.place_id}": r for r in frame.itertuples()}
    choice = st.selectbox(tr("Match"), list(rows), index=None, key="u_match",
                          placeholder=tr("Choose a match to accept or reject…"),
                          format_func=lambda k: f"{rows[k].name} → {rows[k].place} ({rows[k].score:.0f})")
    left, right = st.columns(2)
    accept = left.button(tr("Accept the match"), key="u_accept", disabled=choice is None, icon=":material/check:")
    reject = right.button(tr("Reject the match"), key="u_reject", disabled=choice is None, icon=":material/close:")
    if choice is not None and (accept or reject):
        r = rows[choice]
        apply(url, changes.accept_match if accept else changes.reject_match, r.name, r.place_id,
              name=r.name, place=r.place)
        st.session_state.pop("u_match", None)
        st.rerun()
