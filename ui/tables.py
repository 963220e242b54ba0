"""Tables of event data in the app: the one safe way to show them and to let them leave.

Streamlit's own table toolbar would download a frame exactly as shown (formula cells raw,
exact coordinates, full paths of the files events came from), around the app's export
rules. So the app turns that export off for every table, editor and chart
(:func:`lock_exports`, also ``client.disableDataExport`` in ``.streamlit/config.toml``), and
data leaves only through :func:`csv_download` (spreadsheet-safe, coarsened with the view).
Tables are shown as the view shares them (:func:`shown_table`): with coarsening on, a screen
share gives away nothing the map hides. Use these two for any new table of events.
"""
from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard.filters import ViewState
from dashboard.headers import headers, localized
from dashboard.share.export import export_csv, shareable

from .i18n import place_names


def lock_exports() -> None:
    """No built-in "Download as CSV" or copy on any table of this session."""
    st.set_option("client.disableDataExport", True)


def shown_table(df: pd.DataFrame, view: ViewState, gaz: Any, **kwargs: Any) -> None:
    """``st.dataframe`` of ``df`` as the view may share it (coarsened when the view is), in the
    view's language (headers, event types and district names; ``column_config`` keys are the columns)."""
    frame = shareable(df, coarsen=view.coarsen, gazetteer=gaz)
    if view.lang != "en":
        config = kwargs.pop("column_config", None) or {}
        shown = headers(frame.columns, view.lang)
        kwargs["column_config"] = {shown.get(c, c): v for c, v in config.items()}
        frame = localized(frame, view.lang, place_names(gaz))
    st.dataframe(frame, **kwargs)


def csv_download(df: pd.DataFrame, view: ViewState, gaz: Any, *, label: str, file_name: str, key: str) -> None:
    """A download button for ``df`` as spreadsheet-safe CSV, coarsened when the view is (built on click),
    with headers in the view's language."""
    st.download_button(label, data=lambda: export_csv(df, coarsen=view.coarsen, gazetteer=gaz, lang=view.lang),
                       file_name=file_name, mime="text/csv", icon=":material/download:", key=key)
