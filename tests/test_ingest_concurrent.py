"""Issue 15, finding 7: concurrent ingests that hold the same events in opposite order never
fail with a deadlock (PostgreSQL): batches go in one order and a lost deadlock is retried."""
from __future__ import annotations

import io
import threading
import uuid

import pytest
import sqlalchemy as sa

import gazetteer
from dashboard.ingest import ingest_file
from dashboard.store import EventStore, Writer

HEADER = "event_date,event_type,location,fatalities,notes\n"


def _rows(n: int) -> list[str]:
    return [f"2016-{1 + i % 12:02d}-{1 + i % 28:02d},Shelling,Bab al-Hadid,{i % 9},event {i}\n" for i in range(n)]


@pytest.fixture(scope="module")
def gz():
    return gazetteer.load()


@pytest.fixture
def pg_store(pg_url):
    schema = f"test_conc_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as c:
        c.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    store = EventStore(f"{pg_url}?options=-csearch_path%3D{schema}")
    yield store
    store.close()
    with admin.begin() as c:
        c.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    admin.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("ways", [2, 4])
def test_concurrent_ingests_in_opposite_orders(pg_store, gz, ways):
    rows = _rows(7_000)  # two batches each, so the orders cross between batches too
    files = [HEADER + "".join(rows if k % 2 == 0 else rows[::-1]) for k in range(ways)]
    results, errors = [], []

    def run(text: str) -> None:
        try:
            results.append(ingest_file(pg_store, io.BytesIO(text.encode()), name="f.csv", gazetteer=gz))
        except Exception as exc:  # noqa: BLE001 - the test reports any failure
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(f,)) for f in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert pg_store.count() == len(rows)
    assert sum(r.loaded for r in results) == len(rows)
    assert all(r.loaded + r.duplicates == len(rows) for r in results)


class DeadlockDetected(Exception):
    sqlstate = "40P01"


def test_a_lost_deadlock_is_run_again_from_the_start(tmp_path, gz, monkeypatch):
    store = EventStore(tmp_path / "e.sqlite")
    real = Writer.insert_records
    calls = {"n": 0}

    def flaky(self, records):
        calls["n"] += 1
        if calls["n"] == 1:
            raise sa.exc.OperationalError("INSERT ...", {}, DeadlockDetected("deadlock detected"))
        return real(self, records)

    monkeypatch.setattr(Writer, "insert_records", flaky)
    r = ingest_file(store, io.BytesIO((HEADER + "".join(_rows(50))).encode()), name="f.csv", gazetteer=gz)
    assert (r.read, r.loaded, r.rejected) == (50, 50, 0) and store.count() == 50
    assert calls["n"] == 2
    store.close()


def test_other_database_failures_are_a_clear_error(tmp_path, gz, monkeypatch):
    from dashboard.errors import StoreError

    store = EventStore(tmp_path / "e.sqlite")

    def broken(self, records):
        raise sa.exc.OperationalError("INSERT ...", {}, Exception("disk I/O error"))

    monkeypatch.setattr(Writer, "insert_records", broken)
    with pytest.raises(StoreError, match="disk I/O error"):
        ingest_file(store, io.BytesIO((HEADER + "".join(_rows(5))).encode()), name="f.csv", gazetteer=gz)
    assert store.count() == 0
    store.close()


@pytest.mark.postgres
def test_processes_opening_a_new_postgresql_store_at_once(pg_url):
    """Found by the attack run: two ingests into an empty database both created its tables and one
    failed on PostgreSQL's catalogue ("duplicate key ... pg_type_typname_nsp_index")."""
    schema = f"test_open_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(pg_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as c:
        c.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = f"{pg_url}?options=-csearch_path%3D{schema}"
    errors, stores = [], []
    barrier = threading.Barrier(6)

    def open_store() -> None:
        barrier.wait()
        try:
            stores.append(EventStore(url))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in stores:
        s.close()
    with admin.begin() as c:
        c.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    admin.dispose()
    assert not errors, errors
