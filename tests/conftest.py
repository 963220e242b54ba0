"""Shared fixtures. In CI (REQUIRE_BROWSER / REQUIRE_POSTGRES set by .ci/run) a
missing browser or database fails the test instead of skipping it."""
from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]


# The user's own places, aliases and journal (gazetteer.userfiles) never come from, nor go to,
# the developer's var/: a folder of the session (app servers started by session fixtures), and a
# fresh one for each test.
os.environ["ALEPPO_PLACES"] = tempfile.mkdtemp(prefix="aleppo-test-places-")
# The same for the user's actor sides (dashboard.actor_sides: var/actor-sides.csv).
os.environ["ALEPPO_ACTOR_SIDES"] = os.path.join(tempfile.mkdtemp(prefix="aleppo-test-sides-"), "actor-sides.csv")


@pytest.fixture(autouse=True)
def _own_user_places(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("ALEPPO_PLACES", str(tmp_path_factory.mktemp("places")))


def _missing(what: str, env: str) -> None:
    if os.environ.get(env):
        pytest.fail(f"{what} is required here ({env} is set) but not available")
    pytest.skip(f"{what} not available")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of Debian's chromium; skips locally, fails in CI when absent."""
    path = CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium")
    if not path:
        _missing("Chromium (/usr/bin/chromium)", "REQUIRE_BROWSER")
    return path


@pytest.fixture(scope="module")
def browser(chromium_path, tmp_path_factory):
    """One headless Chromium per test module, driven by Playwright (never `playwright install`).
    Per module, not per session: Playwright's sync API keeps an event loop running in this thread
    while it is open, and the asyncio tests (geopy's own suite in aiohttp mode) cannot run beside it."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def pg_url() -> str:
    """URL of a reachable PostgreSQL server; skips locally, fails in CI when absent."""
    url = os.environ.get("ALEPPO_TEST_PG_URL", "postgresql://postgres:aleppo-ci@127.0.0.1:5432/postgres")
    try:
        import psycopg

        with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), connect_timeout=3):
            pass
    except Exception as exc:  # noqa: BLE001 - any failure means "no server"
        _missing(f"PostgreSQL at {url} ({exc.__class__.__name__})", "REQUIRE_POSTGRES")
    return url


@contextmanager
def pg_schema(pg_url: str, prefix: str):
    """A fresh PostgreSQL schema for a test's store: yields a URL whose search_path is that schema,
    dropped afterwards."""
    import sqlalchemy as sa

    schema = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as c:
        c.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{pg_url}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as c:
            c.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture(scope="module")
def pg_schema_url(pg_url, request):
    """One PostgreSQL schema per test module (named after it)."""
    with pg_schema(pg_url, request.module.__name__.rsplit(".", 1)[-1]) as url:
        yield url


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI nothing may be skipped: a skip there means a browser or database test did not run."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail") and (
        os.environ.get("REQUIRE_BROWSER") or os.environ.get("REQUIRE_POSTGRES")
    ):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where every test must run: {reason}"


@pytest.fixture(autouse=True)
def _isolated_user_files(tmp_path_factory, monkeypatch):
    """Tests never read or write the developer's own store or alias file under var/."""
    home = tmp_path_factory.mktemp("user-files")
    monkeypatch.setenv("ALEPPO_DB", f"sqlite:///{home / 'events.sqlite'}")
    monkeypatch.setenv("ALEPPO_ALIASES", str(home / "aliases.csv"))
    monkeypatch.setenv("ALEPPO_ACTOR_SIDES", str(home / "actor-sides.csv"))
