"""The first-run panel: while the store holds no events, what the map shows and how to bring
events, with a one-click example report (read by the normal report extraction)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import streamlit as st

from dashboard.ingest import ingest_path

from . import resources as res
from .i18n import tr
from .messages import LIBRARY_ERRORS, md

EXAMPLE = Path(__file__).resolve().parents[1] / "dashboard" / "data" / "example-report-2016.txt"
EXAMPLE_PUBLISHED = date(2016, 9, 24)
EXAMPLE_SOURCE = "Example report (written for this project)"


def load_example(url: str | None, gaz) -> int:
    """Ingest the example report into the store like any uploaded report; returns the events loaded."""
    report = ingest_path(res.get_store(url), EXAMPLE, published=EXAMPLE_PUBLISHED, source=EXAMPLE_SOURCE,
                         gazetteer=gaz, name=EXAMPLE.name)
    return int(report.loaded)


def welcome(url: str | None, gaz, n_events: int, n_damage: int) -> None:
    """The panel, shown only while the store holds no events."""
    if n_events:
        return
    with st.container(border=True, key="welcome"):
        st.markdown("**" + tr("This map holds no events yet") + "**")
        if n_damage:
            st.markdown(tr("What it shows now: {n} damage sites seen on satellite imagery (UNITAR-UNOSAT, "
                           "2013-2015), small squares coloured by damage level. They are evidence of destruction, "
                           "not events: no day of attack, no actors, no casualties, and never counted as events.",
                           n=f"{n_damage:,}"))
        st.markdown(tr("To map events: upload a news report (.txt, .html) or a table (ACLED CSV, Excel, JSON, "
                       "GeoJSON) in the **Upload** tab, or from a terminal run `python -m dashboard ingest FILE`."))
        left, right = st.columns([1, 2], vertical_alignment="center")
        clicked = left.button(tr("Load an example report"), icon=":material/article:", key="load_example")
        right.caption(tr("A short report written for this project (invented events in real neighbourhoods, "
                         "dated 2016), read by the same extraction as any report you upload."))
    if clicked:
        try:
            n = load_example(url, gaz)
        except LIBRARY_ERRORS as exc:
            st.error(md(exc), icon=":material/error:")
            return
        res.data_changed()
        st.session_state["_flash"] = tr("Loaded {n} events from the example report.", n=n)
        st.rerun()
