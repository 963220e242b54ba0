"""The sidebar's actor filter: sides and families first, then single actors.

One multiselect (``f_actors``) holds sides (``side:government``), families
(``family:state-forces``) and actor names; :class:`~dashboard.filters.ViewState` sorts them
out. Its labels carry what people call each side, so its own search finds "regime" or
"قوات النظام"; the "Find actors or sides" box above it understands every synonym, in English
and Arabic, and adds what it names.
"""
from __future__ import annotations

from typing import Sequence

import streamlit as st

from dashboard import actor_terms as T
from dashboard.actor_sides import UNASSIGNED
from dashboard.textfold import fold

from .i18n import current_language, in_language, tr
from .messages import md

FIND_KEY, FLASH_KEY = "f_actor_find", "_actor_find_note"
SYNONYMS_SHOWN = 3  # Latin ones (and two Arabic) in an option's label
# Our own constant CSS (never user text): chosen actors wrap instead of being cut to "Military Forces of…".
STYLE = """<style>
[data-testid="stSidebar"] [data-testid="stMultiSelectTagsContainer"],
[data-testid="stSidebar"] .stMultiSelect div:has(> [data-testid="stMultiSelectTagsContainer"]) {max-height: none !important;}
[data-testid="stSidebar"] [data-testid="stMultiSelectTagsContainer"] [data-tag] {height: auto !important;
  max-width: 100% !important; padding-top: 2px; padding-bottom: 2px;}
[data-testid="stSidebar"] [data-testid="stMultiSelectTagsContainer"] [data-tag] > span[title] {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  overflow-wrap: anywhere; height: auto !important; line-height: 1.3;}
</style>"""


def _stems(text: str) -> set[str]:
    return {w[:5] for w in fold(text).replace("/", " ").split() if len(w) >= 4}


def _synonyms(group, lang: str) -> str:
    """A few common names, none repeating a word of the label or of another ("regime forces"
    after "regime")."""
    chosen: list[str] = []
    for latin, most in ((True, SYNONYMS_SHOWN), (False, 2)):
        shown = group.label if lang != "ar" else group.label_ar  # the label in the interface's language
        seen = _stems(shown) if latin == shown.isascii() else set()
        picked = 0
        for term in (s for s in group.synonyms if s.isascii() == latin):
            stems = _stems(term)
            if picked < most and stems and not stems & seen:
                chosen.append(term)
                seen |= stems
                picked += 1
    return ", ".join(chosen)


def option_label(value: str, names: frozenset[str] = frozenset()) -> str:
    """What the filter shows for one value (sides and families with their common names; a
    common name that is no stored actor, e.g. "SAA", says that it stands for several)."""
    found = T.group_of(value)
    if found is None:
        if value not in names and T.rules_named(value):
            return tr("{term} (every actor it names)", term=value)
        return value
    kind, group = found
    name = group.name(current_language())
    label = tr("Side: {name}", name=name) if kind == "side" else tr("Family: {name}", name=name)
    extra = _synonyms(group, current_language())
    return f"{label} · {extra}" if extra and group.id != UNASSIGNED else label


def _add(values: Sequence[str]) -> None:
    chosen = list(st.session_state.get("f_actors") or [])
    st.session_state["f_actors"] = chosen + [v for v in values if v not in chosen]


def _apply_find(names: Sequence[str]) -> None:
    """The box was submitted: a side/family name or synonym is added at once (the box empties)."""
    query = (st.session_state.get(FIND_KEY) or "").strip()
    if not query:
        return
    hit = T.resolve(query)
    values = [T.side_value(s) for s in hit.sides] + [T.family_value(f) for f in hit.families]
    if not values and hit.rules:
        values = T.expand_value(query, names)[1:] or [query]
    if values:
        _add(values)
        st.session_state[FIND_KEY] = ""
        st.session_state[FLASH_KEY] = tr("“{query}” added: {what}", query=md(query),
                                         what=md("; ".join(option_label(v, frozenset(names)) for v in values)))


def actor_filter(names: Sequence[str]) -> None:
    """Draw the finder and the multiselect in the sidebar (``names``: the stored actors)."""
    sb, s = st.sidebar, st.session_state
    sb.markdown(STYLE, unsafe_allow_html=True)
    names = list(names)
    sb.text_input(tr("Find actors or sides"), key=FIND_KEY, max_chars=120, on_change=_apply_find, args=(names,),
                  placeholder=tr("regime, SAA, Kurds, المعارضة …"),
                  help=tr("What people call them, in English or Arabic: a side or family is added at once; "
                          "for other words the matching actors are listed below."))
    note = s.pop(FLASH_KEY, None)
    if note:
        sb.caption(note)
    query = (s.get(FIND_KEY) or "").strip()
    if query:
        matches = [v for v in T.find(query, names) if v not in (s.get("f_actors") or [])]
        if matches:
            sb.caption(tr("{n} matching: {names}", n=len(matches),
                          names=md("; ".join(option_label(v, frozenset(names)) for v in matches[:8]))
                          + (" …" if len(matches) > 8 else "")))
            sb.button(tr("Add these {n}", n=len(matches)), key="f_actor_add", on_click=_add, args=(matches,),
                      icon=":material/add:")
        else:
            sb.caption(tr("No actor or side matches “{query}”.", query=md(query)))
    selected = list(s.get("f_actors") or [])
    options = list(dict.fromkeys([*T.group_values(), *names, *selected]))
    known = frozenset(names)
    sb.multiselect(tr("Actors and sides (either side of an event)"), options, key="f_actors",
                   format_func=in_language(lambda v: option_label(v, known)), placeholder=tr("Any actor — type to search"),
                   help=tr("Sides and ACLED families first, then single actors. Picking a side selects every actor "
                           "on it; actors nobody has placed yet are under Unresolved places."))
