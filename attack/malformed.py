"""Malformed files of every kind, and the files of the findings, through ``ingest_file`` in a
worker process (a hang over 60 s kills it): each is a clear error or a report, and every
valid row in it loads."""
from __future__ import annotations

from .files import cases
from .harness import Tally, Worker


def run(tally: Tally, *, quick: bool) -> None:
    worker = Worker()
    try:
        for fc in cases(quick):
            t = tally[f"malformed files: {fc.cls}" if fc.cls != "findings" else "issue 15 findings (files)"]
            out = worker.run({"type": "file", "name": fc.name})
            if out["kind"] == "ok":
                t.ok()
            else:
                t.fail(out["kind"], f"{fc.name}: {out.get('detail', '')}")
    finally:
        worker.close()
