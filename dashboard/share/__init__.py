"""Sharing what the user sees: a link, a standalone HTML file, a PNG, a safe CSV.

One import point for the app and the CLI; the pieces live in
:mod:`link`, :mod:`html_snapshot`, :mod:`png_snapshot`,
:mod:`export` and :mod:`caption`.
"""
from __future__ import annotations

from .caption import Caption, CaptionInfo, caption_html
from .export import coarsen_points, export_csv, spreadsheet_safe
from .link import notice_html, notice_markdown, params_to_view, share_url, view_to_params
from .html_snapshot import round_points, snapshot_html, snapshot_view
from .png_snapshot import chromium_available, snapshot_png

__all__ = [
    "share_url", "view_to_params", "params_to_view", "notice_markdown", "notice_html",
    "snapshot_html", "snapshot_view", "round_points", "snapshot_png", "chromium_available",
    "coarsen_points", "export_csv", "spreadsheet_safe", "Caption", "CaptionInfo", "caption_html",
]
