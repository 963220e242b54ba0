"""``python -m attack.worker``: runs attack cases sent as JSON lines on stdin, answers one JSON
line each. Anything but a clear :class:`DashboardError` from a case is a traceback."""
from __future__ import annotations

import io
import json
import sys
import tempfile
import traceback
from datetime import date
from pathlib import Path


def _file_case(case: dict, gz) -> dict:
    from dashboard.errors import DashboardError
    from dashboard.filters import ViewState
    from dashboard.ingest import ingest_file
    from dashboard.share.html_snapshot import snapshot_html
    from dashboard.store import EventStore

    from .files import cases

    fc = next(c for c in cases() if c.name == case["name"])
    opts = dict(fc.opts)
    if "published" in opts:
        opts["published"] = date.fromisoformat(opts["published"])
    with tempfile.TemporaryDirectory() as tmp:
        store = EventStore(Path(tmp) / "e.sqlite")
        try:
            try:
                report = ingest_file(store, io.BytesIO(fc.make()), name=fc.name, gazetteer=gz, **opts)
            except DashboardError as exc:
                if fc.refuse or fc.valid == 0:
                    return {"kind": "ok", "detail": f"refused: {exc}"[:200]}
                return {"kind": "lost row", "detail": f"{fc.name}: refused with {fc.valid} valid rows: {exc}"[:300]}
            n = store.count()
            # the store must still answer every page's questions
            store.totals(), store.district_stats(), store.query(ViewState(text="a")), store.unresolved()
            snapshot_html(store, ViewState(), gz)
            if n != report.loaded:
                return {"kind": "lost row", "detail": f"{fc.name}: report says {report.loaded} loaded, store has {n}"}
            if fc.refuse and n:
                return {"kind": "other", "detail": f"{fc.name}: a file to refuse loaded {n} rows"}
            if n < fc.valid:
                return {"kind": "lost row", "detail": f"{fc.name}: {n} of {fc.valid} valid rows loaded; "
                        f"problems: {[str(p) for p in report.problems[:3]]}"}
            if n > fc.valid and fc.valid:
                return {"kind": "other", "detail": f"{fc.name}: {n} rows loaded, {fc.valid} expected"}
            return {"kind": "ok", "detail": f"{n} loaded, {report.rejected} rejected"}
        finally:
            store.close()


def main() -> None:
    import gazetteer

    gz = gazetteer.load()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        case = json.loads(line)
        try:
            if case["type"] == "file":
                out = _file_case(case, gz)
            else:
                out = {"kind": "other", "detail": f"unknown case type {case['type']}"}
        except RecursionError as exc:
            out = {"kind": "traceback", "detail": f"RecursionError: {exc}"}
        except Exception as exc:  # noqa: BLE001 - this is what the attack looks for
            tb = traceback.format_exception(exc)
            out = {"kind": "traceback", "detail": f"{type(exc).__name__}: {exc}"[:200] + " | " + tb[-2][:200]}
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
