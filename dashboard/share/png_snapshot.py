"""The PNG snapshot: the standalone HTML rendered by headless Chromium.

Playwright drives Debian's chromium (never ``playwright install``). The page
gets no network at all: every request other than ``data:``/``about:`` is
aborted, so a PNG shows exactly what the offline HTML file shows.
"""
from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor

from ..errors import SnapshotError

__all__ = ["snapshot_png", "chromium_available", "CHROMIUM_ARGS", "SIZES", "png_size"]

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
NO_CHROMIUM = ("No Chromium found for the PNG snapshot: install Debian's chromium "
               "(apt-get install chromium), or download the HTML snapshot instead.")
MAX_SIDE = 8000
# Figure sizes: a web article's full-width image and a social card (Open Graph / X: 1.91:1 ... 16:9).
SIZES: dict[str, tuple[int, int]] = {"article": (1600, 1000), "social": (1200, 675)}


def png_size(size: str | None = None, width: int | None = None, height: int | None = None) -> tuple[int, int]:
    """The pixel size of a PNG: a named ``size`` (``article`` by default), each side
    replaced by ``width``/``height`` when given."""
    if size is not None and size not in SIZES:
        raise SnapshotError(f"unknown PNG size {size!r}: choose {' or '.join(SIZES)}, or give width and height")
    w, h = SIZES[size or "article"]
    return int(width or w), int(height or h)
# Ready when Leaflet has drawn polygons or markers (SVG paths, a canvas, marker
# icons); a page with nothing to draw is taken after ~3 s of polling.
_READY_JS = """() => {
  window.__snapshotPolls = (window.__snapshotPolls || 0) + 1;
  const c = document.querySelector('.leaflet-container');
  const drawn = c ? c.querySelectorAll('.leaflet-overlay-pane path, .leaflet-overlay-pane canvas, '
                                       + '.leaflet-marker-pane > *').length : 0;
  return drawn > 0 || window.__snapshotPolls > 30;
}"""


def chromium_available(path: str | None = None) -> str | None:
    """Path of a usable Chromium executable (``path``, ``$CHROMIUM``, Debian's), or None."""
    for candidate in (path, os.environ.get("CHROMIUM"), *CHROMIUM_CANDIDATES,
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def snapshot_png(html: str, *, width: int = 1600, height: int = 1000, chromium_path: str | None = None,
                 timeout_s: float = 60.0) -> bytes:
    """Render ``html`` (a standalone snapshot) to PNG bytes of exactly ``width`` x ``height``.

    Raises :class:`SnapshotError` when no Chromium is installed, the size is unreasonable,
    or the page does not draw in ``timeout_s``.
    """
    if not (100 <= int(width) <= MAX_SIDE and 100 <= int(height) <= MAX_SIDE):
        raise SnapshotError(f"PNG size must be 100 to {MAX_SIDE} pixels a side, not {width}x{height}")
    exe = chromium_available(chromium_path)
    if exe is None:
        raise SnapshotError(NO_CHROMIUM)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:  # pragma: no cover - pinned dependency
        raise SnapshotError(f"Playwright is not installed ({exc}); download the HTML snapshot instead.") from exc

    # Playwright's sync API refuses to run in a thread with a running asyncio loop (a
    # notebook, an async server, another Playwright session): render in a fresh thread.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="snapshot-png") as pool:
        return pool.submit(_render, html, int(width), int(height), exe, timeout_s).result()


# A picture has nothing to click: no zoom, layer or "zoom to results" buttons, no fold marker.
_PICTURE_CSS = (".leaflet-control-zoom, .leaflet-control-layers, .aleppo-zoom-results { display: none !important; }"
                " .aleppo-legend > summary { list-style: none; } .aleppo-legend > summary::-webkit-details-marker"
                " { display: none; }")


def _render(html: str, width: int, height: int, exe: str, timeout_s: float) -> bytes:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    # Playwright gives each launch a fresh, temporary profile.
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=exe, headless=True, args=CHROMIUM_ARGS)
            try:
                context = browser.new_context(viewport={"width": width, "height": height},
                                              device_scale_factor=1, java_script_enabled=True,
                                              offline=True)
                context.route("**/*", _block_network)
                page = context.new_page()
                page.set_default_timeout(timeout_s * 1000)
                page.set_content(html, wait_until="load")
                page.wait_for_function(_READY_JS, polling=100, timeout=timeout_s * 1000)
                page.add_style_tag(content=_PICTURE_CSS)
                page.wait_for_timeout(300)  # let Leaflet finish its zoom/fade animation
                return page.screenshot(type="png", full_page=False, animations="disabled")
            finally:
                browser.close()
    except PlaywrightError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        raise SnapshotError(f"Chromium could not render the snapshot: {first}") from exc


def _block_network(route) -> None:
    url = route.request.url
    if url.startswith(("data:", "about:", "blob:")):
        route.continue_()
    else:
        route.abort()
