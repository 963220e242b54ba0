"""The "Events table" tab: the filtered events, sortable, and the same rows as a CSV download."""
from __future__ import annotations

import streamlit as st

from dashboard.filters import ViewState
from dashboard.schema import EXPORT_COLUMNS
from dashboard.share.export import export_csv

from . import resources as res

TABLE_ROWS = 10_000  # rows sent to the table widget; the CSV has every filtered row
TEXT_COLUMNS = ("notes", "source_url", "actor1", "actor2")


def table_section(url: str | None, version: tuple, view: ViewState, gaz) -> None:
    events = res.events(url, version, view)
    cols = [c for c in EXPORT_COLUMNS if c in events.columns]
    note = "" if len(events) <= TABLE_ROWS else f" (the first {TABLE_ROWS:,} shown; the CSV has all)"
    st.caption(f"{len(events):,} filtered events{note}. Click a column header to sort.")
    st.dataframe(events[cols].head(TABLE_ROWS), hide_index=True, width="stretch", height=520,
                 column_config={"event_date": st.column_config.DateColumn("event_date", format="YYYY-MM-DD"),
                                **{c: st.column_config.TextColumn(c) for c in TEXT_COLUMNS}})
    st.download_button(
        "Download these events (CSV)", data=lambda: export_csv(events[cols], coarsen=view.coarsen, gazetteer=gaz),
        file_name="aleppo-events.csv", mime="text/csv", icon=":material/download:", key="dl_csv")
