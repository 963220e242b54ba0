"""Showing text safely: untrusted text as literal markdown, library errors as messages."""
from __future__ import annotations

from typing import Callable

import streamlit as st

from dashboard.errors import DashboardError
from dashboard.i18n import N_
from dashboard.share.link import notice_markdown
from gazetteer.errors import GazetteerError

ATTRIBUTION = N_(
    "Neighbourhood polygons, landmarks and damage sites: Columbia University Center for Spatial "
    "Research, Conflict Urbanism: Aleppo (MIT licence); damage sites: UNITAR-UNOSAT damage assessment."
)
LIBRARY_ERRORS = (DashboardError, GazetteerError)


def md(text: object) -> str:
    """Untrusted text made literal for Streamlit markdown."""
    return notice_markdown(str(text))


def guarded(draw: Callable[[], None]) -> None:
    """Run one section; the library's errors become a message, never a traceback."""
    try:
        draw()
    except LIBRARY_ERRORS as exc:
        st.error(md(exc), icon=":material/error:")
