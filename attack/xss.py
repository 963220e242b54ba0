"""Script payloads through every text field of every format: into the store, into HTML
snapshots opened in Chromium, and into the running app's pages (map popups, table, unresolved
places, upload report, share), each with a ``window`` trap in every frame."""
from __future__ import annotations

import tempfile
from pathlib import Path

from .browser import chromium, hits, open_everything, trapped_page
from .harness import Tally
from .hostile_data import write_files
from .payloads import XSS

MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
TABS = ("Timeline & top", "Events table", "Unresolved places", "Upload", "Share")


def _points(gz) -> list[tuple[float, float]]:
    return [(round(p.lat, 5), round(p.lon, 5)) for p in sorted(gz.districts(), key=lambda p: p.id)][:40]


def _ingest_all(store, files: list[Path], gz, tally: Tally) -> None:
    from datetime import date

    from dashboard.errors import DashboardError
    from dashboard.ingest import ingest_path

    t = tally["XSS: hostile files ingested"]
    for f in files:
        try:
            r = ingest_path(store, f, gazetteer=gz, published=date(2016, 10, 7) if "report" in f.name else None)
            (t.ok() if r.loaded else t.fail("lost row", f"{f.name}: nothing loaded ({r.problems[:2]})"))
        except DashboardError as exc:
            t.fail("lost row", f"{f.name}: refused: {exc}")
        except Exception as exc:  # noqa: BLE001
            t.fail("traceback", f"{f.name}: {type(exc).__name__}: {exc}")


CANARY = ('<html><body><img src=x onerror="window.__xss=1"><iframe srcdoc="<script>alert(2)</script>"></iframe>'
          "</body></html>")


def canary(browser, tally: Tally, folder: Path) -> None:
    """The trap must see a payload that runs (in the page and in a frame): else the XSS classes
    prove nothing."""
    t = tally["XSS: trap self-check"]
    path = folder / "canary.html"
    path.write_text(CANARY, encoding="utf-8")
    with trapped_page(browser) as page:
        page.goto(path.as_uri())
        page.wait_for_timeout(500)
        ran = hits(page)
    if len(ran) >= 2:
        t.ok()
    else:
        t.fail("other", f"the window trap saw {ran} on a page whose payloads run")


def _check_page(page, t, what: str, *, expect_popups: bool = False) -> None:
    opened, unsafe = open_everything(page)
    if expect_popups and not opened:
        t.fail("other", f"{what}: no popup or tooltip could be opened (nothing was checked)")
        return
    page.wait_for_timeout(300)
    ran = hits(page)
    if ran:
        t.fail("execution", f"{what}: {ran[:3]}")
    elif unsafe:
        t.fail("execution", f"{what}: {unsafe} javascript: links or inline handlers in popups/captions")
    elif page.outside:
        t.fail("other", f"{what}: requests left the machine: {page.outside[:2]}")
    else:
        t.ok()


def snapshots(browser, store, gz, tally: Tally, folder: Path, quick: bool) -> None:
    from dashboard.filters import ViewState
    from dashboard.share.html_snapshot import snapshot_html

    t = tally["XSS: HTML snapshots in Chromium"]
    views = [ViewState(), ViewState(coarsen=True), ViewState(lang="ar"),
             ViewState(layers=("points", "areas", "heat", "landmarks"), shade="fatalities"),
             ViewState(actors=tuple(XSS[:40])), ViewState(text=XSS[5]), ViewState(sources=tuple(XSS))]
    if quick:
        views = views[:3]
    for i, view in enumerate(views):
        try:
            page_html = snapshot_html(store, view, gz, title=XSS[i % len(XSS)])
        except Exception as exc:  # noqa: BLE001
            t.fail("traceback", f"snapshot {i}: {type(exc).__name__}: {exc}")
            continue
        path = folder / f"snap{i}.html"
        path.write_text(page_html, encoding="utf-8")
        with trapped_page(browser) as page:
            page.goto(path.as_uri())
            page.wait_for_function("() => window.L !== undefined", timeout=60_000)
            _check_page(page, t, f"snapshot view {i}", expect_popups=True)


def _open_tab(page, label: str) -> None:
    page.get_by_role("tab", name=label).click()
    page.wait_for_timeout(1500)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def app_pages(browser, db_url: str, files: list[Path], tally: Tally, folder: Path, links: list[str]) -> None:
    from tests.app_server import running_app

    t = tally["XSS: app pages in Chromium"]
    tl = tally["hostile links in Chromium"]
    with running_app(db_url, aliases=folder / "aliases.csv", log=folder / "streamlit.log") as base:
        with trapped_page(browser, width=1500, height=1000) as page:
            page.goto(base)
            frame_el = page.wait_for_selector(MAP_FRAME, timeout=90_000)
            frame = frame_el.content_frame()
            frame.wait_for_function("() => window.map && window.L", timeout=90_000)
            _check_page(page, t, "map (every popup and tooltip opened)", expect_popups=True)
            for label in TABS:
                try:
                    _open_tab(page, label)
                    if label == "Upload":
                        page.set_input_files("input[type=file]", str(files[0]))
                        # the upload reruns the page: click Ingest once the uploader shows the file
                        page.get_by_text(files[0].name, exact=False).first.wait_for(timeout=60_000)
                        page.wait_for_timeout(1500)
                        page.get_by_role("button", name="Ingest").click()
                        page.get_by_text("Last upload", exact=False).first.wait_for(timeout=120_000)
                    if label == "Share":
                        with page.expect_download(timeout=120_000) as dl:
                            page.get_by_role("button", name="Download HTML snapshot").click()
                        snap = folder / "app-snapshot.html"
                        dl.value.save_as(snap)
                        with trapped_page(browser) as sp:
                            sp.goto(snap.as_uri())
                            sp.wait_for_function("() => window.L !== undefined", timeout=60_000)
                            _check_page(sp, t, "snapshot downloaded from the Share tab")
                    _check_page(page, t, f"tab {label}")
                except Exception as exc:  # noqa: BLE001 - a tab that cannot be driven is reported
                    t.fail("other", f"tab {label}: {type(exc).__name__}: {str(exc)[:200]}")
        for q in links:
            with trapped_page(browser) as page:
                try:
                    page.goto(f"{base}/?{q}")
                    page.wait_for_selector(MAP_FRAME, timeout=90_000)
                    page.wait_for_timeout(500)
                    ran = hits(page)
                    (tl.fail("execution", f"{q[:80]}: {ran[:2]}") if ran else tl.ok())
                except Exception as exc:  # noqa: BLE001
                    tl.fail("hang" if "Timeout" in type(exc).__name__ else "other", f"{q[:80]}: {exc}"[:300])


def run(tally: Tally, *, quick: bool, links: list[str]) -> None:
    """The XSS classes of the attack."""
    import gazetteer
    from dashboard.store import EventStore

    gz = gazetteer.load()
    with tempfile.TemporaryDirectory(prefix="attack-xss-") as tmp:
        folder = Path(tmp)
        payloads = XSS if not quick else XSS[:14]
        files = write_files(folder, _points(gz), payloads)
        db = folder / "events.sqlite"
        store = EventStore(db)
        _ingest_all(store, files, gz, tally)
        with chromium() as browser:
            canary(browser, tally, folder)
            snapshots(browser, store, gz, tally, folder, quick)
            store.close()
            app_pages(browser, f"sqlite:///{db}", files, tally, folder, links)
