"""The "Share" tab: the link to this view, an offline HTML snapshot and a PNG (when Chromium exists)."""
from __future__ import annotations

import streamlit as st

from dashboard import share
from dashboard.filters import ViewState

from . import resources as res
from .messages import md


def share_section(url: str | None, view: ViewState, gaz) -> None:
    link = share.share_url(st.context.url or "http://localhost:8501/", view)
    st.markdown("**Link to this view** (the address bar always holds it too)")
    st.code(link, language=None, wrap_lines=True)
    st.caption(md(view.describe()))
    html_once: dict[str, str] = {}

    def make_html() -> str:  # built at most once per run, only when a download asks for it
        if "html" not in html_once:
            html_once["html"] = share.snapshot_html(res.get_store(url), view, gaz)
        return html_once["html"]

    left, right = st.columns(2)
    left.download_button("Download HTML snapshot", data=make_html, file_name="aleppo-map.html",
                         mime="text/html", icon=":material/map:", key="dl_html")
    if share.chromium_available():
        right.download_button("Download PNG snapshot",
                              data=lambda: share.snapshot_png(make_html(), width=1600, height=1000),
                              file_name="aleppo-map.png", mime="image/png", icon=":material/image:", key="dl_png")
    else:
        right.info("PNG snapshots need Chromium, which is not installed here: download the HTML snapshot "
                   "instead (it opens offline in any browser).")
