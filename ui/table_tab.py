"""The "Events table" tab: the filtered events, sortable, and the same rows as a CSV download."""
from __future__ import annotations

import streamlit as st

from dashboard.filters import ViewState
from dashboard.headers import header
from dashboard.schema import EXPORT_COLUMNS

from . import resources as res
from .i18n import current_language, num, tr
from .tables import csv_download, shown_table

TABLE_ROWS = 10_000  # rows sent to the table widget; the CSV has every filtered row
TEXT_COLUMNS = ("notes", "source_url", "actor1", "actor2")


def table_section(url: str | None, version: tuple, view: ViewState, gaz) -> None:
    events = res.events(url, version, view)
    cols = [c for c in EXPORT_COLUMNS if c in events.columns]
    lang = current_language()
    if len(events) <= TABLE_ROWS:
        st.caption(tr("{n} filtered events. Click a column header to sort.", n=num(len(events))))
    else:
        st.caption(tr("{n} filtered events (the first {shown} shown; the CSV has all). Click a column header to sort.",
                      n=num(len(events)), shown=num(TABLE_ROWS)))
    shown_table(events[cols].head(TABLE_ROWS), view, gaz, hide_index=True, width="stretch", height=520,
                column_config={"event_date": st.column_config.DateColumn(header("event_date", lang),
                                                                         format="YYYY-MM-DD"),
                               **{c: st.column_config.TextColumn(header(c, lang)) for c in TEXT_COLUMNS}})
    csv_download(events[cols], view, gaz, label=tr("Download these events (CSV)"), file_name="aleppo-events.csv",
                 key="dl_csv")
