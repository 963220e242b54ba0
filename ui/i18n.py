"""The interface language of this browser session, for ui/ modules.

``tr("Events")`` translates into the language the user picked (the ``lang`` link
parameter, kept in ``st.session_state["lang"]``); library code takes the
language as an argument instead (``dashboard.i18n.t(msg, lang)``).
"""
from __future__ import annotations

import streamlit as st

from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES, t


def current_language() -> str:
    """The language chosen for this session ('en' or 'ar')."""
    lang = st.session_state.get("lang", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def tr(msgid: str, /, **values: object) -> str:
    """``msgid`` in the session's language."""
    return t(msgid, current_language(), **values)
