"""The "Share" tab: the link to this view, an offline HTML snapshot and a PNG (when Chromium exists)."""
from __future__ import annotations

import streamlit as st

from dashboard import share
from dashboard.filters import ViewState
from dashboard.share.caption import DEFAULT_TITLE
from dashboard.share.png_snapshot import SIZES

from . import resources as res
from .i18n import in_language, num, place_names, tr
from .messages import md


def _size_label(name: str) -> str:
    w, h = SIZES[name]
    label = tr("Web article") if name == "article" else tr("Social card")
    return f"{label} ({num(w, group=False)} × {num(h, group=False)})"


def share_section(url: str | None, view: ViewState, gaz) -> None:
    link = share.share_url(st.context.url or "http://localhost:8501/", view)
    st.markdown(tr("**Link to this view** (the address bar always holds it too)"))
    st.code(link, language=None, wrap_lines=True)
    st.caption(md(view.describe(view.lang, place_names(gaz))))

    st.markdown("**" + tr("Snapshot") + "**")
    title = st.text_input(tr("Title"), value=tr(DEFAULT_TITLE), max_chars=160, key="share_title",
                          help=tr("Printed above the map; the filters and counts follow as the subtitle."))
    left, right = st.columns(2)
    size = left.radio(tr("PNG size"), list(SIZES), format_func=in_language(_size_label), key="share_size", horizontal=True)
    fit = right.checkbox(tr("Frame the filtered events"), value=True, key="share_fit",
                         help=tr("Off: the snapshot shows the map as you last placed it."))
    html_once: dict[str, str] = {}

    def make_html() -> str:  # built at most once per run, only when a download asks for it
        if "html" not in html_once:
            html_once["html"] = share.snapshot_html(res.get_store(url), view, gaz, title=title or None, fit=fit)
        return html_once["html"]

    left, right = st.columns(2)
    left.download_button(tr("Download HTML snapshot"), data=make_html, file_name="aleppo-map.html",
                         mime="text/html", icon=":material/map:", key="dl_html")
    if share.chromium_available():
        width, height = SIZES[size]
        right.download_button(tr("Download PNG snapshot ({w} × {h})", w=num(width, group=False),
                                 h=num(height, group=False)),
                              data=lambda: share.snapshot_png(make_html(), width=width, height=height),
                              file_name="aleppo-map.png" if size == "article" else f"aleppo-map-{size}.png",
                              mime="image/png", icon=":material/image:", key="dl_png")
    else:
        right.info(tr("PNG snapshots need Chromium, which is not installed here: download the HTML snapshot "
                      "instead (it opens offline in any browser)."))
