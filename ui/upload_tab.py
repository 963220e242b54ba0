"""The "Upload" tab: an event table is ingested at once (with its report and rejected rows); a
prose report is read first and its events reviewed before any is stored (``ui.review_panel``)."""
from __future__ import annotations

import io

import streamlit as st

from dashboard import view_controls as vc
from dashboard.i18n import N_
from dashboard.ingest import ingest_file
from dashboard.readers import detect_format
from dashboard.readers.text import read_report_file

from . import resources as res
from .i18n import labelled, num, tr
from .messages import LIBRARY_ERRORS, md
from .review_panel import review_form, review_table, stored_note

REPORT_FIELDS = {"read": N_("Read"), "loaded": N_("Loaded"), "rejected": N_("Rejected"),
                 "duplicates": N_("Duplicates"), "unresolved": N_("Unresolved")}



def upload_section(url: str | None, gaz) -> None:
    st.caption(tr("Event tables (CSV, Excel, JSON/GeoJSON, ACLED exports) are stored at once. A report "
                  "(.txt, .md, .html) is read first: you review the events found before any is stored."))
    upload = st.file_uploader(tr("File to ingest"), key="u_file")
    if upload is not None and _is_report(upload):
        report = _read_report(upload)
        if report is None:
            return
        rv = st.session_state.get("_review")
        if rv is None or rv["file"] != upload.file_id or rv["frame"].empty:  # (another date may find events)
            review_form(upload, report, gaz)
        if (rv := st.session_state.get("_review")) is not None and rv["file"] == upload.file_id:
            review_table(url, gaz)
        stored_note()
        return
    st.session_state.pop("_review", None)  # a new file (or none): the last report's candidates are gone
    with st.form("upload_form"):
        source = st.text_input(tr("Source name (optional)"), key="u_table_source")
        submitted = st.form_submit_button(tr("Ingest"), icon=":material/upload:")
    if submitted and upload is not None:
        opts = {"source": source.strip()} if source.strip() else {}
        try:
            report = ingest_file(res.get_store(url), upload, name=upload.name, gazetteer=gaz, **opts)
        except LIBRARY_ERRORS as exc:
            st.error(md(vc.file_error(upload.name, exc)), icon=":material/error:")
            return
        st.session_state["_report"] = (upload.name, report)
        res.data_changed()
        st.rerun()
    stored_note()
    if last := st.session_state.get("_report"):
        show_report(*last)


def _is_report(upload) -> bool:
    return detect_format(upload.name, upload.getvalue()[:65536]) == "text"


def _read_report(upload):
    """The report's text and offered date, read once per uploaded file."""
    cached = st.session_state.get("_review_src")
    if cached and cached[0] == upload.file_id:
        return cached[1]
    try:
        report = read_report_file(io.BytesIO(upload.getvalue()), upload.name)
    except LIBRARY_ERRORS as exc:
        st.error(md(vc.file_error(upload.name, exc)), icon=":material/error:")
        return None
    st.session_state["_review_src"] = (upload.file_id, report)
    return report


def show_report(name: str, report) -> None:
    """The last upload's counts and its rejected or flagged rows."""
    st.markdown(f"**{tr('Last upload:')}** {md(name)}")
    for col, (field, label) in zip(st.columns(len(REPORT_FIELDS)), REPORT_FIELDS.items()):
        col.metric(tr(label), num(int(getattr(report, field, 0) or 0)))
    if problems := list(getattr(report, "problems", []) or []):
        st.markdown("**" + tr("Rejected or flagged rows") + "**")
        st.dataframe(labelled(vc.problems_frame(problems)), hide_index=True, width="stretch")
    if names := getattr(report, "unresolved_names", None):
        st.markdown(tr("**Place names not found in the gazetteer** (kept without a precise location; map them "
                       "under *Unresolved places*)"))
        st.dataframe(labelled(vc.unresolved_frame(names)), hide_index=True, width="stretch")
