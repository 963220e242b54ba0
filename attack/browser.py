"""Chromium (Debian's, through Playwright) with every frame trapped: a payload that runs
records itself in ``__xss_hits``; any request off this machine is aborted and counted."""
from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import Iterator

from tests.app_server import keep_local

from .payloads import window_trap

LOCAL = ("http://127.0.0.1", "http://localhost", "data:", "blob:", "about:", "file:")

# Open every popup and tooltip of every Leaflet map in a frame, and every event entry in the
# popups (their notes show on a click); then report javascript: links and inline handlers.
OPEN_ALL = """() => {
  let opened = 0;
  const maps = [];
  if (window.L) for (const k of Object.keys(window)) {
    try { if (window[k] instanceof window.L.Map) maps.push(window[k]); } catch (e) {}
  }
  for (const m of maps) {
    m.eachLayer(l => {
      try {
        if (l.aleppoOpen && l.aleppoMarks) {
          const n = l.aleppoMarks();
          for (let i = 0; i < n; i++) {
            l.aleppoOpen(i); opened++;
            document.querySelectorAll('.aleppo-popup .ev-item').forEach(li => li.click());
          }
        }
        if (l.getPopup && l.getPopup()) { l.openPopup(); opened++; }
        if (l.getTooltip && l.getTooltip()) { l.openTooltip(); opened++; }
      } catch (e) {}
    });
  }
  return opened;
}"""
INERT = """() => {
  const bad = [...document.querySelectorAll('a[href], iframe[src], form[action], object[data], embed[src]')]
    .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action') || e.getAttribute('data'))
    .filter(u => /^\\s*(javascript|vbscript|data:text\\/html)/i.test(u || ''));
  const handlers = [...document.querySelectorAll('.leaflet-popup *, .leaflet-tooltip *, .aleppo-caption *')]
    .filter(e => [...e.attributes].some(a => a.name.startsWith('on')));
  return bad.length + handlers.length;
}"""


def chromium():
    """Debian's Chromium through Playwright (the benchmarks' launcher)."""
    from benchmarks.browser import launch

    return launch(Path(tempfile.gettempdir()))


@contextlib.contextmanager
def trapped_page(browser, *, width: int = 1400, height: int = 900) -> Iterator:
    """A fresh page: the window trap in every frame, requests off this machine aborted."""
    ctx = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    ctx.add_init_script(window_trap())
    outside = keep_local(ctx, LOCAL)
    page = ctx.new_page()
    page.outside = outside  # type: ignore[attr-defined]
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    try:
        yield page
    finally:
        ctx.close()


def hits(page) -> list[str]:
    """Every payload that ran in any frame of the page (and any dialog it opened)."""
    found = list(page.dialogs)
    for frame in page.frames:
        try:
            found += frame.evaluate("() => (window.__xss_hits || []).slice()")
        except Exception:  # noqa: BLE001 - a frame that went away ran nothing more
            continue
    return found


def open_everything(page) -> tuple[int, int]:
    """(popups and tooltips opened, unsafe links or handlers found) over every frame."""
    opened = unsafe = 0
    for frame in page.frames:
        try:
            opened += int(frame.evaluate(OPEN_ALL) or 0)
            unsafe += int(frame.evaluate(INERT) or 0)
        except Exception:  # noqa: BLE001
            continue
    return opened, unsafe
