"""The command-line tools on hostile files: no traceback, no raw terminal control character
in what they print, an answer within 60 s."""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from .files import cases
from .harness import HANG_S, ROOT, Tally
from .payloads import TERMINAL

_RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _check(t, what: str, cmd: list[str], env: dict) -> None:
    try:
        p = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=HANG_S * 2,
                           errors="surrogateescape")
    except subprocess.TimeoutExpired:
        t.fail("hang", f"{what}: no answer after {HANG_S * 2:.0f} s")
        return
    out = p.stdout + p.stderr
    if "Traceback (most recent call last)" in out:
        t.fail("traceback", f"{what}: {out.strip().splitlines()[-1][:200]}")
    elif _RAW.search(out):
        t.fail("execution", f"{what}: raw control character {_RAW.search(out).group()!r} printed")
    elif p.returncode not in (0, 1, 2):
        t.fail("other", f"{what}: exit {p.returncode}")
    else:
        t.ok()


def run(tally: Tally, *, quick: bool) -> None:
    import os

    t = tally["CLI on hostile files"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with tempfile.TemporaryDirectory(prefix="attack-cli-") as tmp:
        folder = Path(tmp)
        env["ALEPPO_ALIASES"] = str(folder / "aliases.csv")
        names = folder / "names.csv"
        names.write_text("location,event_date,event_type\n" + "".join(
            f'"{n}",2016-10-0{i + 1},Shelling\n' for i, n in enumerate(TERMINAL)), encoding="utf-8")
        hostile = folder / ("\x1b[31mfile.csv" if not quick else "file.csv")
        hostile.write_bytes(names.read_bytes())
        db = str(folder / "e.sqlite")
        py = [sys.executable, "-m"]
        _check(t, "ingest of terminal sequences", py + ["dashboard", "ingest", str(names), "--db", db, "-v"], env)
        _check(t, "ingest of a hostile file name", py + ["dashboard", "ingest", str(hostile), "--db", db], env)
        _check(t, "regeocode listing them", py + ["dashboard", "regeocode", "--db", db], env)
        _check(t, "gazetteer unresolved", py + ["gazetteer", "unresolved", str(names)], env)
        _check(t, "gazetteer resolve", py + ["gazetteer", "resolve", *TERMINAL], env)
        _check(t, "snapshot with hostile flags", py + ["dashboard", "snapshot", "--out", str(folder / "s.html"),
                                                      "--db", db, "--q", TERMINAL[0], "--actor", TERMINAL[1]], env)
        for fc in cases(quick=True)[: 3 if quick else 15]:
            f = folder / fc.name
            f.write_bytes(fc.make())
            _check(t, f"ingest {fc.name}", py + ["dashboard", "ingest", str(f), "--db", db] + (
                ["--published", fc.opts["published"]] if "published" in fc.opts else []), env)
