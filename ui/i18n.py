"""The interface language of this browser session, for ui/ modules.

``tr("Events")`` translates into the language the user picked (the ``lang`` link
parameter, kept in ``st.session_state["lang"]``); library code takes the
language as an argument instead (``dashboard.i18n.t(msg, lang)``). ``num(n)`` writes a
count with the session's digits (Arabic-Indic ones when asked for), and ``rtl_style()``
lays the page out right to left in Arabic.
"""
from __future__ import annotations

from contextvars import ContextVar
from typing import Any, Callable, TypeVar

import streamlit as st

from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, digits, is_rtl, place_names_in, t

DIGITS_KEY = "digits_ar"
# Headers of the small tables the app builds (problems, unresolved names, top actors/districts).
COLUMN_LABELS = {"line": N_("Line"), "field": N_("Field"), "reason": N_("Reason"), "value": N_("Value"),
                 "place name": N_("Place name"), "actor": N_("Actor"), "district": N_("District"),
                 "events": N_("Events"), "fatalities": N_("Fatalities")}  # session key of the "Arabic-Indic digits" toggle

# Our own constant CSS (never user text): the page right to left, code and the map's frame left to right.
RTL_CSS = """<style>
[data-testid="stAppViewContainer"] {direction: rtl;}  /* the sidebar on the right */
[data-testid="stMain"], [data-testid="stSidebar"], [data-testid="stToast"] {direction: rtl; text-align: right;}
[data-testid="stMain"] [data-testid="stCode"], [data-testid="stMain"] code, .stCodeBlock {direction: ltr; text-align: left;}
[data-testid="stIFrame"], iframe {direction: ltr;}
[data-testid="stSidebar"] [data-testid="stWidgetLabel"], [data-testid="stMain"] [data-testid="stWidgetLabel"] {
  justify-content: flex-start;}
[data-testid="stMetricValue"], [data-testid="stMetricLabel"] {direction: rtl;}
</style>"""


_FIXED: ContextVar[tuple[str, bool] | None] = ContextVar("aleppo_fixed_language", default=None)
F = TypeVar("F", bound=Callable[..., Any])


def current_language() -> str:
    """The language chosen for this session ('en' or 'ar')."""
    if (fixed := _FIXED.get()) is not None:
        return fixed[0]
    lang = st.session_state.get("lang", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def in_language(fn: F) -> F:
    """``fn`` bound to the session's language and digits as they are now: for a widget's
    ``format_func``, which Streamlit may call outside this session's script run."""
    fixed = (current_language(), arabic_digits())

    def call(*args: Any, **kwargs: Any) -> Any:
        token = _FIXED.set(fixed)
        try:
            return fn(*args, **kwargs)
        finally:
            _FIXED.reset(token)

    return call  # type: ignore[return-value]


def tr(msgid: str, /, **values: object) -> str:
    """``msgid`` in the session's language."""
    return t(msgid, current_language(), **values)


def arabic_digits() -> bool:
    """True when the session shows numbers with Arabic-Indic digits (Arabic only)."""
    if (fixed := _FIXED.get()) is not None:
        return fixed[1]
    return current_language() == "ar" and bool(st.session_state.get(DIGITS_KEY))


def num(n: Any, *, group: bool = True) -> str:
    """A count (with thousands separators unless ``group`` is False), in the session's digits
    (٬ and ٠-٩ when asked for)."""
    text = f"{n:,}" if group and isinstance(n, (int, float)) else str(n)
    if arabic_digits():
        return digits(text.replace(",", "٬"), "ar", arabic_indic=True)
    return text


def place_names(gaz: Any) -> dict[str, str]:
    """English place name -> the name to show (its Arabic name in Arabic; empty in English)."""
    return place_names_in(gaz, current_language())


def rtl_style() -> None:
    """In a right-to-left language, lay out the main page and the sidebar right to left."""
    if is_rtl(current_language()):
        st.markdown(RTL_CSS, unsafe_allow_html=True)


def labelled(frame: Any) -> Any:
    """A small table (problems, names, top lists) with its headers in the session's language
    (English keeps the column names, as the library writes them)."""
    if current_language() == DEFAULT_LANGUAGE:
        return frame
    return frame.rename(columns={c: tr(COLUMN_LABELS[c]) for c in frame.columns if c in COLUMN_LABELS})
