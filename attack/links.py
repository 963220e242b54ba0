"""Generated hostile links against the running app, through its own websocket protocol: each
run must finish (no hang over 60 s) and show no traceback; link values come back only as
notices. The browser subset in ``xss.py`` checks that nothing in them runs."""
from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from .app_client import run_links
from .harness import HANG_S, Tally


def run(tally: Tally, links: list[str]) -> None:
    from tests.app_server import make_db, running_app

    t = tally["hostile links (app runs)"]
    with tempfile.TemporaryDirectory(prefix="attack-links-") as tmp:
        url = make_db(Path(tmp) / "events.sqlite")
        with running_app(url, aliases=Path(tmp) / "aliases.csv", log=Path(tmp) / "streamlit.log") as base:
            for q, r in asyncio.run(run_links(base, links, timeout=HANG_S)):
                if isinstance(r, asyncio.TimeoutError) or isinstance(r, TimeoutError):
                    t.fail("hang", f"{q[:100]}: no end of run after {HANG_S:.0f} s")
                elif isinstance(r, Exception):
                    t.fail("other", f"{q[:100]}: {type(r).__name__}: {r}")
                elif r.exceptions:
                    t.fail("traceback", f"{q[:100]}: {r.exceptions[0]}")
                elif not r.finished:
                    t.fail("other", f"{q[:100]}: the run did not finish")
                elif r.elements < 5:
                    t.fail("other", f"{q[:100]}: the app showed {r.elements} elements")
                elif r.errors:
                    t.fail("other", f"{q[:100]}: error box: {r.errors[0]}")
                else:
                    t.ok()
