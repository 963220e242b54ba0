"""Ingest processes killed with SIGKILL at several points, and 2- and 4-way concurrent ingests,
on SQLite and PostgreSQL: nothing half-stored, nothing lost, nothing doubled, no traceback."""
from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from .harness import HANG_S, ROOT, Tally

PG_URL = os.environ.get("ALEPPO_TEST_PG_URL", "postgresql://postgres:aleppo-ci@127.0.0.1:5432/postgres")


def _ingest_cmd(path: Path, db: str) -> list[str]:
    return [sys.executable, "-m", "dashboard", "ingest", str(path), "--db", db]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONUNBUFFERED": "1", "ALEPPO_ALIASES": os.devnull}


def _run(path: Path, db: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(_ingest_cmd(path, db), cwd=ROOT, env=_env(), capture_output=True, text=True,
                          timeout=timeout)


def _count(db: str) -> int:
    from dashboard.store import EventStore

    s = EventStore(db)
    try:
        return s.count()
    finally:
        s.close()


def _sqlite_ok(path: Path) -> bool:
    import sqlite3

    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()


def pg_available() -> bool:
    """True when the PostgreSQL server answers; with ``REQUIRE_POSTGRES`` set (CI) it must."""
    try:
        import psycopg

        with psycopg.connect(PG_URL, connect_timeout=3):
            return True
    except Exception as exc:  # noqa: BLE001
        if os.environ.get("REQUIRE_POSTGRES"):
            raise RuntimeError(f"PostgreSQL is required here but does not answer at {PG_URL}") from exc
        return False


class PgSchema:
    """A fresh PostgreSQL schema for one check (dropped afterwards)."""

    def __init__(self) -> None:
        import psycopg

        self.name = f"attack_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(PG_URL, autocommit=True) as c:
            c.execute(f'CREATE SCHEMA "{self.name}"')
        self.url = f"{PG_URL}?options=-csearch_path%3D{self.name}"

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(PG_URL, autocommit=True) as c:
            c.execute(f'DROP SCHEMA "{self.name}" CASCADE')


def _acled(path: Path, n: int, seed: int = 7, *, reverse: bool = False, start: int = 0) -> None:
    from benchmarks.generate import acled_rows

    rows = list(acled_rows(start + n, seed))[start:]
    if reverse:
        rows.reverse()
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


def _traceback(text: str) -> bool:
    return "Traceback (most recent call last)" in text


def kill9(tally: Tally, *, quick: bool) -> None:
    """SIGKILL an ingest at several points; the store holds all of the file or none of it."""
    t = tally["kill -9 during ingest"]
    n = 10_000 if quick else 60_000
    points = (0.3, 0.9) if quick else (0.05, 0.25, 0.5, 0.75, 0.95, 0.99)
    with tempfile.TemporaryDirectory(prefix="attack-kill-") as tmp:
        folder = Path(tmp)
        big, seed = folder / "big.csv", folder / "seed.csv"
        _acled(big, n)
        _acled(seed, 200, start=n)  # other events (ids go on after the big file's)
        backends = [("sqlite", None)] + ([("postgresql", None)] if pg_available() else [])
        for backend, _ in backends:
            schema = PgSchema() if backend == "postgresql" else None
            db = schema.url if schema else str(folder / "ref.sqlite")
            try:
                t0 = time.monotonic()
                ref = _run(big, db)
                took = time.monotonic() - t0
                expected = _count(db)
                if ref.returncode or _traceback(ref.stderr) or expected == 0:
                    t.fail("traceback" if _traceback(ref.stderr) else "other", f"{backend} reference ingest: "
                           f"exit {ref.returncode} {ref.stderr[-300:]}")
                    continue
            finally:
                if schema:
                    schema.drop()
            for share in points if backend == "sqlite" else points[-1:] if quick else points[1::2]:
                schema = PgSchema() if backend == "postgresql" else None
                path = folder / f"k{share}.sqlite"
                db = schema.url if schema else str(path)
                try:
                    _check_kill(t, backend, db, path if not schema else None, big, seed, share, took, expected)
                finally:
                    if schema:
                        schema.drop()


def _check_kill(t, backend: str, db: str, path: Path | None, big: Path, seed: Path, share: float, took: float,
                expected: int) -> None:
    what = f"{backend}, killed at {share:.0%} of an ingest"
    first = _run(seed, db)
    base = _count(db)
    proc = subprocess.Popen(_ingest_cmd(big, db), cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(max(0.2, share * took))
    finished = proc.poll() is not None
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:  # it finished first: then all of it must be there
        finished = True
    proc.wait()
    if path is not None and not _sqlite_ok(path):
        t.fail("lost row", f"{what}: integrity_check failed")
        return
    after = _count(db)
    if after not in (base, base + expected) or (after != base and not finished and after != base + expected):
        t.fail("lost row", f"{what}: {after - base} of {expected} rows stored (half an ingest)")
        return
    again = _run(big, db)
    if again.returncode or _traceback(again.stderr):
        t.fail("traceback" if _traceback(again.stderr) else "other", f"{what}: re-ingest failed: {again.stderr[-300:]}")
        return
    total = _count(db)
    twice = _run(big, db)
    if total != base + expected or _count(db) != total:
        t.fail("lost row", f"{what}: after re-ingest {total - base} of {expected} (then {_count(db) - base})")
        return
    if first.returncode or twice.returncode:
        bad = first if first.returncode else twice
        t.fail("other", f"{what}: an ingest exited {bad.returncode}: {(bad.stderr or bad.stdout)[-300:]}")
        return
    t.ok()


def concurrent(tally: Tally, *, quick: bool) -> None:
    """2 and 4 ingests at once of overlapping files in opposite orders, on SQLite and PostgreSQL."""
    t = tally["concurrent ingests"]
    n = 3_000 if quick else 8_000
    with tempfile.TemporaryDirectory(prefix="attack-conc-") as tmp:
        folder = Path(tmp)
        files = [folder / f"f{i}.csv" for i in range(4)]
        _acled(files[0], n)
        _acled(files[1], n, reverse=True)
        _acled(files[2], n, start=n // 2)
        _acled(files[3], n, start=n // 2, reverse=True)
        union = folder / "union.csv"
        _acled(union, n + n // 2)
        expected = None
        backends = ["sqlite"] + (["postgresql"] if pg_available() else [])
        for backend in backends:
            for ways in (2, 4) if not (quick and backend == "postgresql") else (4,):
                schema = PgSchema() if backend == "postgresql" else None
                db = schema.url if schema else str(folder / f"c{ways}.sqlite")
                try:
                    if expected is None:
                        ref = folder / "ref.sqlite"
                        _run(union, str(ref))
                        expected = _count(str(ref))
                    want = expected if ways == 4 else _expected_two(folder, files[0])
                    procs = [subprocess.Popen(_ingest_cmd(f, db), cwd=ROOT, env=_env(), stdout=subprocess.PIPE,
                                              stderr=subprocess.PIPE, text=True) for f in files[:ways]]
                    outs = []
                    for p in procs:
                        try:
                            outs.append(p.communicate(timeout=max(HANG_S, 600)))
                        except subprocess.TimeoutExpired:
                            p.kill()
                            outs.append(p.communicate())
                            t.fail("hang", f"{backend} {ways}-way: an ingest did not finish")
                    what = f"{backend}, {ways} ingests at once"
                    bad = [e for (o, e), p in zip(outs, procs) if p.returncode or _traceback(e)]
                    got = _count(db)
                    if bad:
                        t.fail("traceback" if any(_traceback(e) for e in bad) else "other", f"{what}: {bad[0][-300:]}")
                    elif got != want:
                        t.fail("lost row", f"{what}: {got} stored, {want} expected")
                    else:
                        t.ok()
                finally:
                    if schema:
                        schema.drop()


def _expected_two(folder: Path, one: Path) -> int:
    ref = folder / "ref-two.sqlite"
    if not ref.exists():
        _run(one, str(ref))
    return _count(str(ref))
