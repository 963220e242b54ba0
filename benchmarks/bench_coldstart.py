"""Dashboard cold start: ``streamlit run app.py`` on a free port against a generated store
(100k events; quick: the bundled data via ``python -m dashboard init``) until Chromium shows
district polygons in the map iframe. No naive counterpart."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from .browser import chromium, launch, offline_page
from .fixtures import store_url
from .harness import Context, Row, Skip, fmt_secs

NAME = "coldstart"
ROOT = Path(__file__).resolve().parent.parent
POLYGONS_JS = "() => !!document.querySelector('.leaflet-container path.leaflet-interactive')"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bundled_db(ctx: Context) -> str:
    """A fresh SQLite store filled by ``python -m dashboard init`` (the bundled data)."""
    url = f"sqlite:///{ctx.tmp / 'bundled.sqlite'}"
    env = dict(os.environ, ALEPPO_DB=url)
    r = subprocess.run([sys.executable, "-m", "dashboard", "init"], cwd=ROOT, env=env, capture_output=True,
                       text=True, timeout=120)
    if r.returncode != 0:
        last = [ln for ln in (r.stderr or r.stdout).splitlines() if ln.strip()][-1:] or ["failed"]
        raise Skip(f"module not available (python -m dashboard init: {last[0].strip()[:120]})")
    return url


def wait_for_map(page, deadline: float) -> None:
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                if frame.evaluate(POLYGONS_JS):
                    return
            except Exception:  # noqa: BLE001 - frames come and go while the app renders
                pass
        time.sleep(0.05)
    raise TimeoutError("no district polygons in the map within the time limit")


def run(ctx: Context):
    chromium()
    if not (ROOT / "app.py").exists():
        raise Skip("module not available (app.py)")
    url = bundled_db(ctx) if ctx.quick else store_url(ctx, 100_000)
    size = "bundled data" if ctx.quick else "100,000 events"
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = dict(os.environ, ALEPPO_DB=url)
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port",
           str(port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    with launch(ctx.tmp) as browser:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
        try:
            page = offline_page(browser, base.rstrip("/"))
            deadline = time.monotonic() + min(80, max(10, ctx.remaining() - 5))
            while True:  # the server needs a moment before it accepts connections
                try:
                    page.goto(base, wait_until="domcontentloaded", timeout=5000)
                    break
                except Exception:  # noqa: BLE001
                    if proc.poll() is not None:
                        err = proc.stderr.read().decode(errors="replace").strip()[-200:] if proc.stderr else ""
                        raise RuntimeError(f"streamlit exited: {err}") from None
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            wait_for_map(page, deadline)
            secs = time.perf_counter() - t0
        finally:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=10)
            except Exception:  # noqa: BLE001
                os.killpg(proc.pid, signal.SIGKILL)
    yield Row("dashboard cold start → first map", size, fmt_secs(secs), "n/a", "n/a", "-", "",
              note="streamlit start + first render, polygons visible in Chromium")
