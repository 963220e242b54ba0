"""The "Upload" tab: ingest a file (any format ingest reads) and show its report and rejected rows."""
from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import view_controls as vc
from dashboard.ingest import ingest_file

from . import resources as res
from .messages import LIBRARY_ERRORS, md

REPORT_FIELDS = ("read", "loaded", "rejected", "duplicates", "unresolved")


def upload_section(url: str | None, gaz) -> None:
    st.caption("Event tables (CSV, Excel, JSON/GeoJSON, ACLED exports) or report text (.txt, .md, .html). "
               "For a report, give the date it was published.")
    with st.form("upload_form"):
        upload = st.file_uploader("File to ingest", key="u_file")
        # Explicit bounds: Streamlit's default window (today ± 10 years) would refuse 2012-2016 reports.
        published = st.date_input("Report published on (for prose reports)", value=None, key="u_published",
                                  min_value=date(1990, 1, 1), max_value=date(2100, 12, 31), format="YYYY-MM-DD")
        source = st.text_input("Source name (optional)", key="u_source")
        submitted = st.form_submit_button("Ingest", icon=":material/upload:")
    if submitted and upload is not None:
        opts = {k: v for k, v in (("published", published), ("source", source.strip())) if v}
        try:
            report = ingest_file(res.get_store(url), upload, name=upload.name, gazetteer=gaz, **opts)
        except LIBRARY_ERRORS as exc:
            st.error(md(vc.file_error(upload.name, exc)), icon=":material/error:")
            return
        st.session_state["_report"] = (upload.name, report)
        res.data_changed()
        st.rerun()
    if last := st.session_state.get("_report"):
        show_report(*last)


def show_report(name: str, report) -> None:
    """The last upload's counts and its rejected or flagged rows."""
    st.markdown(f"**Last upload:** {md(name)}")
    for col, label in zip(st.columns(len(REPORT_FIELDS)), REPORT_FIELDS):
        col.metric(label.capitalize(), f"{int(getattr(report, label, 0) or 0):,}")
    if problems := list(getattr(report, "problems", []) or []):
        st.markdown("**Rejected or flagged rows**")
        st.dataframe(vc.problems_frame(problems), hide_index=True, width="stretch")
    if names := getattr(report, "unresolved_names", None):
        st.markdown("**Place names not found in the gazetteer** (kept without a precise location; map them "
                    "under *Unresolved places*)")
        st.dataframe(vc.unresolved_frame(names), hide_index=True, width="stretch")
