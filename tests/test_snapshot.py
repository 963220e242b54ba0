"""Snapshots end to end: the CLI writes HTML/PNG from a real store; Chromium opens them
with ALL network blocked; hostile report text never runs."""
from __future__ import annotations

import io
from dataclasses import replace
from datetime import date, datetime, timezone

import pytest
from click.testing import CliRunner

import gazetteer
from dashboard.cli import main
from dashboard.errors import SnapshotError
from dashboard.filters import ViewState
from dashboard.map.view import offline_check
from dashboard.schema import Event
from dashboard.share.html_snapshot import snapshot_html
from dashboard.store import EventStore
from tests.xss import PAYLOADS

JS_URL = "javascript:window.__xss=1"
MADE = datetime(2016, 10, 7, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.load()


def _event(place, i: int, *, precision: int = 1, text: str | None = None, **kw) -> Event:
    return Event(
        event_date=date(2016, 10, 1 + i % 28), event_type="Battles", sub_event_type="Armed clash",
        actor1=text or f"Actor {i}", actor2="Military Forces of Syria", location=text or place.name,
        place_id=place.id, district=place.district, latitude=place.lat, longitude=place.lon,
        geo_precision=precision, fatalities=i % 4, source=text or "Reuters",
        source_url=JS_URL if text else "https://www.reuters.com/x", notes=text or f"Plain note {i}.",
        origin="test", **kw)


@pytest.fixture(scope="module")
def db(tmp_path_factory, gaz):
    """Ordinary events, then hostile ones: exact (popups) and area-level (halo tooltips)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('snap') / 'events.sqlite'}"
    store = EventStore(url)
    districts = sorted(gaz.districts(), key=lambda p: p.id)
    events = [_event(p, i) for i, p in enumerate(districts[:20])]
    events += [_event(districts[40 + i], i, text=t) for i, t in enumerate(PAYLOADS)]
    events += [replace(_event(districts[60 + i], i, precision=2, text=t), place_id=None)  # labelled as written
               for i, t in enumerate(PAYLOADS)]
    off = districts[80]  # an event away from its district's representative point
    events.append(replace(_event(off, 99), latitude=off.lat + 0.00113, longitude=off.lon + 0.00071))
    events.append(Event(event_date=date(2016, 10, 7), event_type="Battles", location="Nowhere-ville",
                        fatalities=2, source="SOHR", notes="unresolved place", origin="test"))
    store.insert_events(events)
    store.hostile = [(districts[40 + i], t) for i, t in enumerate(PAYLOADS)]  # type: ignore[attr-defined]
    store.halos = [(districts[60 + i], t) for i, t in enumerate(PAYLOADS)]  # type: ignore[attr-defined]
    return store


def run_cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["snapshot", *args], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture()
def offline_page(browser):
    """A function opening a file with every request except the file itself aborted."""
    contexts = []

    def open_(path, *, width: int = 1400, height: int = 900):
        ctx = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(ctx)
        target = path.resolve().as_uri()
        attempted: list[str] = []

        def route(r):
            if r.request.url == target:
                r.continue_()
            else:
                attempted.append(r.request.url)
                r.abort()

        ctx.route("**/*", route)
        page = ctx.new_page()
        page.dialogs = []  # type: ignore[attr-defined]
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.errors = []  # type: ignore[attr-defined]
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.goto(target, wait_until="load")
        page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length > 50")
        page.attempted = attempted  # type: ignore[attr-defined]
        return page

    yield open_
    for ctx in contexts:
        ctx.close()


FIND_MAP = "Object.values(window).find(v => v instanceof L.Map)"


def click_at(page, lat: float, lon: float, *, hover: bool = False) -> None:
    """Centre the map on (lat, lon) at zoom 17 and click (or hover) that pixel."""
    x, y = page.evaluate(f"""([lat, lon]) => {{
        const m = {FIND_MAP}; m.closePopup(); m.setView([lat, lon], 17, {{animate: false}});
        const p = m.latLngToContainerPoint([lat, lon]), r = m.getContainer().getBoundingClientRect();
        return [r.left + p.x, r.top + p.y]; }}""", [lat, lon])
    page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 0")
    page.wait_for_timeout(100)
    page.mouse.move(x + 40, y + 40)
    if hover:
        page.mouse.move(x, y)
    else:
        page.mouse.click(x, y)


def test_cli_html_snapshot_works_offline(db, tmp_path, offline_page):
    out = tmp_path / "snap.html"
    code, output = run_cli("--out", str(out), "--db", db.url, "--layers", "tiles,points,areas",
                           "--title", "Aleppo, October 2016")
    assert code == 0, output
    html = out.read_text(encoding="utf-8")
    assert offline_check(html) == []
    page = offline_page(out)
    assert page.attempted == []  # not one request left the file
    assert page.locator(".leaflet-overlay-pane path").count() >= len(gazetteer.load().districts())
    assert page.locator(".aleppo-legend").is_visible()
    head, foot = page.locator(".aleppo-caption.cap-head"), page.locator(".aleppo-caption.cap-foot")
    assert head.is_visible() and foot.is_visible()
    text = head.inner_text() + "\n" + foot.inner_text()
    for part in ("Aleppo, October 2016", "32 events", "no filters", "Reuters (21)", "and 1 more",
                 "not drawn as marks", "tiles omitted", "UTC", "Center for Spatial Research"):
        assert part in text, (part, text)
    # a figure: the title above the map, the credits below it, never over it
    m, h, f = (page.locator(s).bounding_box() for s in (".folium-map", ".cap-head", ".cap-foot"))
    assert h["y"] + h["height"] <= m["y"] + 0.5 and m["y"] + m["height"] <= f["y"] + 0.5
    assert page.title() == "Aleppo, October 2016"
    # A working popup: click an ordinary event, see its text.
    first = sorted(gazetteer.load().districts(), key=lambda p: p.id)[0]
    click_at(page, first.lat, first.lon)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    assert "Plain note 0." in popup.inner_text() and "Actor 0" in popup.inner_text()
    assert page.locator('.leaflet-popup-content a[href="https://www.reuters.com/x"]').count() == 1
    assert page.errors == [] and page.attempted == []


def test_hostile_report_text_shows_as_text_offline(db, tmp_path, offline_page):
    out = tmp_path / "hostile.html"
    assert run_cli("--out", str(out), "--db", db.url)[0] == 0
    page = offline_page(out)
    for place, payload in db.hostile:
        click_at(page, place.lat, place.lon)
        popup = page.locator(".leaflet-popup-content").last
        popup.wait_for(state="visible")
        shown = popup.inner_text()
        assert shown.count(payload) >= 3, shown  # notes, actors, place as written, source
    assert page.evaluate("window.__xss") is None
    # Area-level events are halos with the place as written in their tooltip. (With the
    # points layer on, its canvas covers the halos: hover them with points switched off.)
    areas = tmp_path / "hostile-areas.html"
    assert run_cli("--out", str(areas), "--db", db.url, "--layers", "areas")[0] == 0
    page = offline_page(areas)
    for place, payload in db.halos:
        click_at(page, place.lat, place.lon, hover=True)
        tip = page.locator(".leaflet-tooltip").last
        tip.wait_for(state="visible")
        assert payload in tip.inner_text()
    assert page.evaluate("window.__xss") is None
    assert page.dialogs == []
    assert page.locator('a[href^="javascript"], svg[onload], img[onerror]').count() == 0
    assert all(not u.startswith(("http:", "https:")) for u in page.attempted)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_filter_text_and_title_in_caption(db, tmp_path, offline_page, payload):
    out = tmp_path / "caption.html"
    code, output = run_cli("--out", str(out), "--db", db.url, "--q", payload, "--actor", payload,
                           "--title", payload)
    assert code == 0, output
    page = offline_page(out)
    caption = page.locator(".aleppo-caption.cap-head").inner_text()
    assert caption.count(payload.strip()) >= 3, caption  # title, text filter, actor filter
    assert page.evaluate("window.__xss") is None and page.dialogs == []
    assert page.attempted == []


def test_cli_png_has_the_size_and_is_not_blank(db, tmp_path):
    from PIL import Image

    out = tmp_path / "snap.png"
    code, output = run_cli("--out", str(out), "--db", db.url, "--width", "900", "--height", "640")
    assert code == 0, output
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == (900, 640)
    img = Image.open(io.BytesIO(data)).convert("RGB")
    assert img.size == (900, 640)
    assert len(img.getcolors(maxcolors=1 << 20) or []) > 200  # polygons, marks, text: not blank
    # The title is printed above the map: dark text pixels in the top-left band.
    assert img.crop((15, 8, 400, 40)).convert("L").getextrema()[0] < 60


def test_png_without_chromium_says_what_to_do(monkeypatch, db, tmp_path):
    import dashboard.share.png_snapshot as sp

    monkeypatch.setattr(sp, "chromium_available", lambda path=None: None)
    with pytest.raises(SnapshotError, match="HTML snapshot"):
        sp.snapshot_png("<html></html>")
    code, output = run_cli("--out", str(tmp_path / "x.png"), "--db", db.url)
    assert code == 2 and "chromium" in output.lower() and "HTML snapshot" in output
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize("args, message", [
    (["--out", "x.txt"], ".html or .png"),
    (["--out", "x.html", "--zoom", "99"], "--zoom"),
    (["--out", "x.html", "--type", "Nope"], "--type"),
    (["--out", "x.html", "--from", "2016-02-30"], "--from"),
    (["--out", "x.html", "--precision", "7"], "--precision"),
    (["--out", "x.png", "--width", "5"], "--width"),
    (["--out", "x.html", "--district", "Nowhere Town"], "--district"),
    (["--out", "x.html", "--step", "fortnight"], "--step"),
    (["--out", "x.html", "--at", "soon"], "--at"),
])
def test_cli_errors_are_messages(db, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["snapshot", *args, "--db", db.url])
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output
    assert not list(tmp_path.iterdir())


def test_snapshot_coarsened_points_are_district_points(db, gaz, monkeypatch):
    import dashboard.map.view as mv

    seen = {}
    real = mv.build_map

    def spy(points, stats, view, g, **kw):
        seen["points"], seen["view"] = points, view
        return real(points, stats, view, g, **kw)

    monkeypatch.setattr(mv, "build_map", spy)
    view = ViewState(coarsen=True, layers=("tiles", "points", "areas"), min_fatalities=1)
    html = snapshot_html(db, view, gaz, made_at=MADE)
    assert "Coarsened locations" in html and "at least 1 fatalities" in html
    assert "2016-10-07 12:00 UTC" in html and offline_check(html) == []
    reps = {(p.lat, p.lon) for p in gaz.districts()}
    pts = seen["points"].dropna(subset=["latitude", "longitude"])
    assert len(pts) > 5 and set(zip(pts.latitude, pts.longitude)) <= reps
    assert "tiles" not in seen["view"].layers and seen["view"].coarsen


def test_snapshot_rounds_exact_points(db, gaz, monkeypatch):
    import dashboard.map.view as mv

    class Seen(Exception):
        pass

    def spy(points, *a, **k):
        raise Seen(points)

    monkeypatch.setattr(mv, "build_map", spy)
    with pytest.raises(Seen) as caught:
        snapshot_html(db, ViewState(), gaz)
    lats = caught.value.args[0].latitude.dropna()
    assert len(lats) > 20 and all(round(x, 5) == x for x in lats)
    assert any(round(p.lat, 5) != p.lat for p in gaz.districts())  # (so rounding did something)


def _framed_page(browser, html: str, tmp_path, width: int, height: int):
    path = tmp_path / "framed.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": width, "height": height})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length > 50")
    page.wait_for_timeout(300)
    return page


@pytest.mark.parametrize("size", ["article", "social"])
def test_filtered_snapshot_is_framed_on_its_events_with_district_names(db, gaz, browser, tmp_path, size):
    from dashboard.share.png_snapshot import SIZES

    districts = sorted(gaz.districts(), key=lambda p: p.id)
    chosen = [districts[2].district, districts[5].district, districts[9].district]
    view = ViewState(districts=tuple(chosen))
    html = snapshot_html(db, view, gaz, made_at=MADE, title="Three districts")
    page = _framed_page(browser, html, tmp_path, *SIZES[size])
    try:
        pts = [(p.lat, p.lon) for p in districts if p.district in chosen]
        got = page.evaluate(f"""(pts) => {{ const m = {FIND_MAP}, b = m.getBounds();
            return [m.getZoom(), pts.every(p => b.contains(p)), b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; }}""",
                            pts)
        zoom, inside, s, w, n, e = got
        assert inside and zoom > ViewState().zoom  # all of them in view, and closer than the default city view
        lat_span = max(p[0] for p in pts) - min(p[0] for p in pts)
        lon_span = max(p[1] for p in pts) - min(p[1] for p in pts)
        assert lat_span / (n - s) > 0.25 or lon_span / (e - w) > 0.25  # they fill the frame, not a corner of it
        labels = page.evaluate("[...document.querySelectorAll('.aleppo-label')].filter(e => e.style.display !== 'none')"
                               ".map(e => e.textContent)")
        assert len(labels) >= 3 and set(chosen) & set(labels)  # district names on the figure
    finally:
        page.close()


def test_snapshot_keeps_the_users_view_when_asked(db, gaz, browser, tmp_path):
    view = ViewState(center=(36.25, 37.10), zoom=13, districts=(sorted(gaz.districts(), key=lambda p: p.id)[2].district,))
    page = _framed_page(browser, snapshot_html(db, view, gaz, fit=False), tmp_path, 1200, 800)
    try:
        zoom, lat, lon = page.evaluate(f"() => {{ const m = {FIND_MAP}; return [m.getZoom(), m.getCenter().lat, "
                                       "m.getCenter().lng]; }")
        assert zoom == 13 and abs(lat - 36.25) < 1e-6 and abs(lon - 37.10) < 1e-6
    finally:
        page.close()


@pytest.mark.parametrize("args, size", [
    (["--size", "social"], (1200, 675)),
    (["--size", "article"], (1600, 1000)),
    ([], (1600, 1000)),
    (["--size", "social", "--width", "1000"], (1000, 675)),
])
def test_cli_png_sizes(db, tmp_path, args, size):
    out = tmp_path / "sized.png"
    code, output = run_cli("--out", str(out), "--db", db.url, "--type", "Battles", *args)
    assert code == 0, output
    data = out.read_bytes()
    assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == size


def test_cli_unknown_size_is_an_error(db, tmp_path):
    result = CliRunner().invoke(main, ["snapshot", "--out", str(tmp_path / "x.png"), "--db", db.url, "--size", "poster"])
    assert result.exit_code == 2 and "--size" in result.output and "Traceback" not in result.output
