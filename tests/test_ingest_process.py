"""Claims that need real processes: a killed ingest leaves all or nothing; two ingests
into one SQLite file at once both complete."""
from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dashboard.store import EventStore

ROOT = Path(__file__).resolve().parent.parent
HEADER = ("event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,location,latitude,longitude,"
          "geo_precision,source,notes,fatalities")


def write_acled(path: Path, n: int, prefix: str) -> None:
    places = ["Hanano", "Sheikh Maqsoud", "Bustan al-Qasr", "Sheikh Said"]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(HEADER + "\n")
        for i in range(n):
            fh.write(f"{prefix}{i},2016-{1 + i % 12:02d}-{1 + i % 28:02d},Battles,Armed clash,Actor {i % 200},"
                     f"Other {i % 50},Aleppo - {places[i % 4]},36.2021,37.1343,3,SOHR,Row {i},{i % 5}\n")


def write_locked(db: Path) -> bool:
    """True while another connection holds the database's write lock (an open write transaction)."""
    con = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return True
        raise
    finally:
        con.close()


def ingest_cmd(path: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "dashboard", "ingest", str(path), "--db", str(db)]


@pytest.mark.timeout(240)
def test_killed_ingest_is_all_or_nothing(tmp_path):
    n = 150_000
    big, db = tmp_path / "big.csv", tmp_path / "kill.sqlite"
    write_acled(big, n, "K")
    EventStore(db).close()
    proc = subprocess.Popen(ingest_cmd(big, db), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Kill once the ingest has held the write lock for a while (its transaction is open and
    # rows are going in: an ingest takes the lock first and keeps it until the commit).
    # The size of the WAL says nothing: rows stay in the page cache until the commit.
    held_since = None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if write_locked(db):
            held_since = held_since or time.monotonic()
            if time.monotonic() - held_since > 0.3:
                break
        else:
            held_since = None
        time.sleep(0.02)
    killed_midway = proc.poll() is None and held_since is not None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert killed_midway, "the ingest finished before it could be killed (make the file bigger)"
    assert EventStore(db).count() == 0  # all or nothing: nothing
    # and a later ingest of the same file completes
    subprocess.run(ingest_cmd(big, db), cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    assert EventStore(db).count() == n


@pytest.mark.timeout(240)
def test_two_ingests_at_once_both_complete(tmp_path):
    n = 20_000
    a, b, db = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "two.sqlite"
    write_acled(a, n, "A")
    write_acled(b, n, "B")
    procs = [subprocess.Popen(ingest_cmd(p, db), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for p in (a, b)]
    outs = [p.communicate(timeout=200) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert EventStore(db).count() == 2 * n
    assert all("loaded" in out for out, _ in outs)
