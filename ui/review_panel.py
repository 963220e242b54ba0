"""Review before storing (Upload tab): a report's candidate events in an editable table and on a
small map; the user keeps, edits or drops each, then stores the kept ones in one go."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from dashboard import view_controls as vc
from dashboard.filters import ViewState
from dashboard.map.view import build_map
from dashboard.review import apply_edits, candidate_points, events_from_frame, report_candidates, store_reviewed
from dashboard.schema import SUB_EVENT_TYPES

from . import resources as res
from .i18n import current_language, in_language, labelled, tr
from .messages import LIBRARY_ERRORS, md

SHOWN = ("keep", "sentence", "location", "place", "geo_precision", "event_date", "time_precision", "event_type",
         "sub_event_type", "actor1", "actor2", "fatalities")
REVIEW_MAP_HEIGHT = 360
# Column widths in pixels (the browser test finds cells by them).
WIDTHS = {"keep": 60, "sentence": 320, "location": 150, "place": 140, "geo_precision": 80, "event_date": 110,
          "time_precision": 80, "event_type": 180, "sub_event_type": 230, "actor1": 200, "actor2": 160, "fatalities": 70}


def _columns() -> dict:
    col, w = st.column_config, WIDTHS
    return {
        "keep": col.CheckboxColumn(tr("Keep"), help=tr("Untick to drop the event: it is never stored."),
                                   width=w["keep"]),
        "sentence": col.TextColumn(tr("Sentence"), help=tr("The report's words"), width=w["sentence"]),
        "location": col.TextColumn(tr("Place as written"), width=w["location"],
                                   help=tr("Edit it and the gazetteer looks the new name up")),
        "place": col.TextColumn(tr("Resolved place"), width=w["place"],
                                help=tr("Where the gazetteer puts it; empty: not found (stored unresolved)")),
        "geo_precision": col.NumberColumn(tr("Precision"), width=w["geo_precision"],
                                          help=tr("1 the neighbourhood, 2 an area of the city, 3 the city")),
        "event_date": col.DateColumn(tr("Date"), format="YYYY-MM-DD", width=w["event_date"]),
        "time_precision": col.NumberColumn(tr("Date precision"), min_value=1, max_value=3, step=1,
                                           width=w["time_precision"],
                                           help=tr("1 the day, 2 the week, 3 the month (ACLED's time precision)")),
        "event_type": col.TextColumn(tr("Type"), width=w["event_type"], help=tr("Set by the sub-type")),
        "sub_event_type": col.SelectboxColumn(tr("Sub-type"), options=list(SUB_EVENT_TYPES),
                                              width=w["sub_event_type"], format_func=in_language(tr)),
        "actor1": col.TextColumn(tr("Actor 1"), width=w["actor1"]),
        "actor2": col.TextColumn(tr("Actor 2"), width=w["actor2"]),
        "fatalities": col.NumberColumn(tr("Killed"), min_value=0, step=1, width=w["fatalities"]),
    }


def review_form(upload, report, gaz) -> None:
    """The date and source of the report, and the button that finds its events."""
    offered = report.published
    with st.form("review_form"):
        # Explicit bounds: Streamlit's default window (today ± 10 years) would refuse 2012-2016 reports.
        published = st.date_input(tr("Report published on"), value=offered, key=f"u_published_{upload.file_id}",
                                  min_value=date(1990, 1, 1), max_value=date(2100, 12, 31), format="YYYY-MM-DD")
        if offered is not None:
            st.caption(tr("Date taken from {where}; change it if it is wrong.", where=tr(report.published_from)))
        else:
            st.caption(tr("The file states no publication date: give the date the report was published."))
        source = st.text_input(tr("Source name (optional)"), key="u_source")
        go = st.form_submit_button(tr("Find events"), icon=":material/search:")
    if go:
        if published is None:
            st.error(tr("Give the report's publication date: its relative dates (\"on Friday\") count from it."),
                     icon=":material/event:")
            return
        try:
            frame = report_candidates(report, name=upload.name, published=published, gazetteer=gaz,
                                      source=source.strip())
        except LIBRARY_ERRORS as exc:
            st.error(md(vc.file_error(upload.name, exc)), icon=":material/error:")
            return
        st.session_state["_review"] = {"file": upload.file_id, "name": upload.name, "frame": frame, "v": 0}
        st.session_state.pop("_stored", None)
        st.rerun()  # the form gives way to the table at once (no layout jump at the first edit)


def _apply(gaz) -> None:
    """Editor callback: fold the edits into the kept table and redraw the editor with them."""
    rv = st.session_state.get("_review")
    if not rv:
        return
    edits = st.session_state.get(f"review_editor_{rv['v']}", {}).get("edited_rows", {})
    rv["frame"] = apply_edits(rv["frame"], edits, gaz)
    rv["v"] += 1


def review_table(url: str | None, gaz) -> None:
    """The candidate events to accept, edit or drop, a small map of the kept ones, and the store button."""
    rv = st.session_state["_review"]
    frame = rv["frame"]
    if frame.empty:
        st.info(tr("No events found in {name}: nothing to store.", name=rv["name"]), icon=":material/info:")
        return
    kept = int(frame["keep"].astype(bool).sum())
    st.markdown(tr("**{n} candidate events** in {name}: keep, correct or drop each, then store the kept ones. "
                   "Nothing is stored until you do.", n=len(frame), name=md(rv["name"])))
    shown = frame  # in Arabic the (read-only) event type is shown in Arabic; edits go to ``frame`` by row
    if current_language() != "en":
        shown = frame.assign(event_type=frame["event_type"].map(lambda v: tr(v) if isinstance(v, str) and v else v))
    st.data_editor(shown, key=f"review_editor_{rv['v']}", column_order=SHOWN, column_config=_columns(),
                   disabled=["sentence", "place", "geo_precision", "event_type"], hide_index=True, num_rows="fixed",
                   on_change=_apply, args=(gaz,), width="stretch")
    fmap = build_map(candidate_points(frame, gaz), pd.DataFrame(columns=["district", "events", "fatalities"]),
                     ViewState(lang=current_language()), gaz, height=REVIEW_MAP_HEIGHT)
    st_folium(fmap, key=f"review_map_{rv['v']}", height=REVIEW_MAP_HEIGHT, use_container_width=True,
              returned_objects=[])
    left, right = st.columns([1, 1])
    store = left.button(tr("Store {n} kept events", n=kept), type="primary", icon=":material/save:",
                        disabled=kept == 0, key="review_store")
    if right.button(tr("Discard these candidates"), icon=":material/delete:", key="review_discard"):
        st.session_state.pop("_review", None)
        st.rerun()
    if store:
        _store(url, gaz, rv)


def _store(url: str | None, gaz, rv: dict) -> None:
    reviewed = events_from_frame(rv["frame"], gaz, file=rv["name"])
    if reviewed.problems:
        st.error(tr("Nothing stored: correct these cells first."), icon=":material/error:")
        st.dataframe(labelled(vc.problems_frame(reviewed.problems)), hide_index=True, width="stretch")
        return
    try:
        inserted, duplicates = store_reviewed(res.get_store(url), reviewed, name=rv["name"])
    except LIBRARY_ERRORS as exc:
        st.error(md(vc.file_error(rv["name"], exc)), icon=":material/error:")
        return
    st.session_state["_stored"] = (rv["name"], inserted, duplicates, reviewed.dropped)
    st.session_state.pop("_review", None)
    res.data_changed()
    st.rerun()


def stored_note() -> None:
    """What the last review stored."""
    if last := st.session_state.get("_stored"):
        name, inserted, duplicates, dropped = last
        st.success(tr("{name}: {inserted} events stored, {duplicates} already in the store, {dropped} dropped.",
                      name=md(name), inserted=inserted, duplicates=duplicates, dropped=dropped),
                   icon=":material/check_circle:")
