"""Helpers for the app tests: a small known event set in a temp database, and a
real ``streamlit run app.py`` on a free localhost port (health-checked, stopped after).
"""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
XSS_NOTE = 'Shelling hit the market <img src=x onerror="window.__xss=1"> <script>window.__xss=2</script>'
XSS_ACTOR = "\"'><svg onload=window.__xss=3>"


def district_of(name: str) -> str:
    """The gazetteer's canonical district name for a spelling (e.g. 'as-Salheen' -> its polygon name)."""
    import gazetteer

    match = gazetteer.load().resolve(name)
    assert match and match.place.district, f"the gazetteer does not place {name!r} in a district"
    return match.place.district


def fixture_events():
    """Six events with known dates, districts, actors, precisions and fatalities.

    Totals: 6 events, 18 fatalities; 2013: 1, 2014: 1, 2015: 1 (unresolved), 2016: 3.
    Districts: al-Farafra 1, Muhammad Bek 1, as-Salheen 2 (canonical names via :func:`district_of`).
    """
    import gazetteer

    from dashboard.schema import Event

    gaz = gazetteer.load()

    def ev(d, t, sub, a1, a2, loc, district, lat, lon, prec, fat, src, notes, place_id="", url=""):
        place = gaz.resolve(district).place if district else None
        return Event(event_date=d, event_type=t, sub_event_type=sub, actor1=a1, actor2=a2, location=loc,
                     place_id=place_id if place_id != "" else (place.id if place else None),
                     district=place.district if place else None, latitude=lat, longitude=lon,
                     geo_precision=prec, fatalities=fat, source=src, source_url=url, notes=notes,
                     origin="fixture.csv")

    return [
        ev(date(2013, 5, 1), "Battles", "Armed clash", "Military Forces of Syria", "Free Syrian Army",
           "al-Farafra", "al-Farafra", 36.20238, 37.15957, 1, 2, "SOHR", "Clashes near the old city."),
        ev(date(2014, 2, 10), "Explosions/Remote violence", "Air/drone strike", "Military Forces of Syria",
           "Civilians (Syria)", "Muhammad Bek", "Muhammad Bek", 36.19437, 37.17247, 1, 10, "Reuters",
           XSS_NOTE, url="javascript:window.__xss=4"),
        ev(date(2016, 10, 1), "Explosions/Remote violence", "Shelling/artillery/missile attack",
           "Jabhat Fateh al-Sham", "", "as-Salheen", "as-Salheen", 36.18834, 37.16421, 1, 0, "Reuters",
           "Shells fell on as-Salheen.", url="https://example.org/report"),
        ev(date(2016, 10, 5), "Violence against civilians", "Attack", XSS_ACTOR, "Civilians (Syria)",
           "near as-Salheen", "as-Salheen", 36.1816, 37.16489, 2, 1, "SANA", "A civilian was shot."),
        ev(date(2016, 10, 7), "Battles", "Armed clash", "Military Forces of Syria", "Jaish al-Fatah",
           "Aleppo", None, 36.2021, 37.1343, 3, 5, "Reuters", "Fighting across the city.", place_id="aleppo"),
        ev(date(2015, 6, 1), "Strategic developments", "Looting/property destruction", "Unidentified Armed Group",
           "", "Bustan al-Zahra-ish", None, None, None, None, None, "Local Coordination Committees",
           "Shops looted."),
    ]


def make_db(path: Path) -> str:
    """A SQLite database at ``path`` holding :func:`fixture_events`; returns its URL."""
    from dashboard.store import EventStore

    url = f"sqlite:///{path}"
    events = fixture_events()
    store = EventStore(url)
    store.insert_events(events)
    store.close()
    return url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


@contextlib.contextmanager
def running_app(db_url: str, *, aliases: Path | None = None, log: Path | None = None,
                timeout: float = 90.0, places: Path | None = None) -> Iterator[str]:
    """``streamlit run app.py`` on 127.0.0.1:<free port> with ``ALEPPO_DB=db_url``; yields the base URL.
    ``places``: the folder of the user's places, aliases and journal (``$ALEPPO_PLACES``)."""
    port = free_port()
    env = {**os.environ, "ALEPPO_DB": db_url, "PYTHONUNBUFFERED": "1"}
    if aliases is not None:
        env["ALEPPO_ALIASES"] = str(aliases)
    if places is not None:
        env["ALEPPO_PLACES"] = str(places)
        env.pop("ALEPPO_ALIASES", None) if aliases is None else None
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none", "--server.runOnSave", "false"]
    out = open(log, "wb") if log else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while not _healthy(base):
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {proc.returncode}" + (f"; see {log}" if log else ""))
            if time.monotonic() > deadline:
                raise TimeoutError(f"streamlit not healthy on {base} after {timeout:.0f} s")
            time.sleep(0.3)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
        if log:
            out.close()


LOCAL = ("http://127.0.0.1", "http://localhost", "data:", "blob:", "about:")


def keep_local(context, local: tuple[str, ...] = LOCAL) -> list[str]:
    """Abort every request of a Playwright ``context`` that leaves this machine; returns the list
    those requests are recorded in (for the caller to check)."""
    outside: list[str] = []

    def route(r):
        if r.request.url.startswith(local):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    return outside
