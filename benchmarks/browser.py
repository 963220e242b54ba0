"""Headless Chromium through Playwright (Debian's /usr/bin/chromium, never a download),
with every request that does not go to our own local server aborted."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .harness import Skip

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage"]
# The map is drawn: Leaflet's container holds polygons, markers, clusters or a canvas.
DRAWN_JS = """() => { const c = document.querySelector('.leaflet-container');
  return !!c && !!c.querySelector('path.leaflet-interactive, .leaflet-marker-icon, .marker-cluster, canvas'); }"""


def chromium() -> str:
    path = "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else shutil.which("chromium")
    if not path:
        raise Skip("chromium not installed")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        raise Skip("playwright not installed") from None
    return path


@contextmanager
def launch(tmp: Path) -> Iterator[object]:
    """A headless Chromium browser (Playwright)."""
    from playwright.sync_api import sync_playwright

    path = chromium()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, headless=True, args=ARGS)
        try:
            yield b
        finally:
            b.close()


def offline_page(browser, allowed_prefix: str):
    """A new page where every request outside ``allowed_prefix`` (and data:) is aborted."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})

    def route(r):
        u = r.request.url
        if u.startswith(allowed_prefix) or u.startswith(("data:", "blob:", "about:")):
            return r.continue_()
        return r.abort()

    page.route("**/*", route)
    return page


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port), with the project's ``static/`` at
    ``/app/static/`` as Streamlit serves it; yields the base URL."""
    (directory / "app").mkdir(parents=True, exist_ok=True)
    link = directory / "app" / "static"
    if not link.exists():
        link.symlink_to(ROOT / "static", target_is_directory=True)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):  # noqa: D401
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}/"
    finally:
        srv.shutdown()
        srv.server_close()


def load_seconds(browser, url: str, allowed_prefix: str, *, timeout_ms: int = 120_000) -> float:
    """Seconds from navigation to the map drawn (load event, then Leaflet content present)."""
    page = offline_page(browser, allowed_prefix)
    try:
        t0 = time.perf_counter()
        page.goto(url, wait_until="load", timeout=timeout_ms)
        page.wait_for_function(DRAWN_JS, timeout=timeout_ms)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        return time.perf_counter() - t0
    finally:
        page.close()
