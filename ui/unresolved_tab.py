"""The "Unresolved places" tab: names the gazetteer could not match, each placed by picking an
existing place (nothing pre-selected) or by adding a new one on a small map; fuzzy matches to
review; every change undoable. The logic lives in gazetteer.changes and the store."""
from __future__ import annotations

import streamlit as st

from dashboard.i18n import N_
from gazetteer import changes

from . import resources as res
from .i18n import current_language, in_language, num, tr
from .match_review import match_review
from .new_place_panel import new_place_panel
from .place_changes import apply, undo_button

MODES = ("pick", "new")
KIND_LABELS = {"neighbourhood": N_("neighbourhood"), "landmark-area": N_("landmark area"),
               "sub-area": N_("sub-area"), "landmark": N_("landmark"), "area": N_("area"), "city": N_("city"),
               "road": N_("road"), "user": N_("added by a user")}


def _events(n: int) -> str:
    return tr("1 event") if n == 1 else tr("{n} events", n=num(n))


def _place_label(place) -> str:
    """A gazetteer place in the picker: both names (Arabic first in Arabic), its kind and id."""
    names = [place.name, place.name_ar or ""]
    if current_language() == "ar":
        names.reverse()
    kind = tr(KIND_LABELS.get(place.kind, place.kind))
    return f"{' · '.join(n for n in names if n)} ({kind}, {place.id})"


def _shown_name(place) -> str:
    return place.name_ar if current_language() == "ar" and place.name_ar else place.name


def unresolved_section(url: str | None, version: tuple, gaz, view_layers: tuple = ()) -> None:
    names = res.unresolved(url, version)
    undo_button(url)
    if names.empty:
        st.success(tr("Every place name in the store is resolved."))
    else:
        _place_a_name(url, names, gaz, view_layers)
    st.divider()
    match_review(url, version)


def _place_a_name(url: str | None, names, gaz, view_layers: tuple) -> None:
    n = len(names)
    st.caption((tr("1 place name could not be matched to the gazetteer.") if n == 1 else
                tr("{n} place names could not be matched to the gazetteer.", n=num(n))) + " "
               + tr("Map one to a place, or add the place: every event with that name is re-geocoded at once."))
    shown = names if current_language() == "en" else names.rename(
        columns={"location": tr("Place as written"), "events": tr("Events")})
    st.dataframe(shown, hide_index=True, width="stretch", height=min(38 + 35 * n, 260))
    counts = dict(zip(names["location"], names["events"]))
    name = st.selectbox(tr("Unresolved name"), list(counts), key="u_name",
                        format_func=in_language(lambda v: f"{v} ({_events(int(counts[v]))})"))
    if name is None:
        return
    mode = st.radio(tr("How to place it"), MODES, key="u_mode", horizontal=True,
                    format_func=in_language(lambda m: tr("Pick an existing place") if m == "pick"
                                            else tr("Add a new place")))
    if mode == "new":
        new_place_panel(url, name, gaz, view_layers)
    else:
        _pick_place(url, name, gaz)


def _pick_place(url: str | None, name: str, gaz) -> None:
    """A searchable list of every place, nothing chosen until the user chooses."""
    places = sorted(gaz.places.values(), key=lambda p: (p.name.casefold(), p.id))
    with st.form("alias_form"):
        place = st.selectbox(tr("Gazetteer place"), [p.id for p in places], key="u_place", index=None,
                             placeholder=tr("Type to search the places…"),
                             format_func=in_language(lambda i: _place_label(gaz.place(i))))
        submitted = st.form_submit_button(tr("Map name and re-geocode"), type="primary")
    if not submitted:
        return
    if place is None:
        st.warning(tr("Choose a place first: nothing is mapped until you do."))
        return
    apply(url, changes.add_alias, name, place, name=name, place=_shown_name(gaz.place(place)))
    st.session_state.pop("u_place", None)
    st.rerun()
