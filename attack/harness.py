"""The tally of an attack run and the worker process that runs cases with a hang limit."""
from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HANG_S = 60.0
KINDS = ("execution", "traceback", "hang", "lost row")


@dataclass
class ClassTally:
    """Tries and failures of one attack class, failures by kind, with the first few details."""

    name: str
    tried: int = 0
    failed: int = 0
    kinds: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS + ("other",), 0))
    details: list[str] = field(default_factory=list)

    def ok(self) -> None:
        self.tried += 1

    def fail(self, kind: str, detail: str) -> None:
        self.tried += 1
        self.failed += 1
        self.kinds[kind if kind in self.kinds else "other"] += 1
        if len(self.details) < 8:
            self.details.append(f"[{kind}] {detail}"[:400])


class Tally:
    """Every class of the run, in the order they ran."""

    def __init__(self) -> None:
        self.classes: dict[str, ClassTally] = {}

    def __getitem__(self, name: str) -> ClassTally:
        if name not in self.classes:
            self.classes[name] = ClassTally(name)
        return self.classes[name]

    @property
    def failed(self) -> int:
        return sum(c.failed for c in self.classes.values())

    def table(self) -> str:
        """The result as one Markdown table."""
        head = "| class | tried | failed | executions | tracebacks | hangs > 60 s | lost rows |\n|---|---:|---:|---:|---:|---:|---:|\n"
        rows = [f"| {c.name} | {c.tried:,} | {c.failed:,} | {c.kinds['execution']} | {c.kinds['traceback']} | "
                f"{c.kinds['hang']} | {c.kinds['lost row']} |" for c in self.classes.values()]
        tot = {k: sum(c.kinds[k] for c in self.classes.values()) for k in KINDS}
        rows.append(f"| **total** | **{sum(c.tried for c in self.classes.values()):,}** | **{self.failed:,}** | "
                    f"**{tot['execution']}** | **{tot['traceback']}** | **{tot['hang']}** | **{tot['lost row']}** |")
        return head + "\n".join(rows)

    def details(self) -> str:
        return "\n".join(f"{c.name}: {d}" for c in self.classes.values() for d in c.details)


class Worker:
    """A child process that runs cases (``python -m attack.worker``) one per line of JSON;
    a case that takes longer than ``HANG_S`` is a hang: the child is killed and replaced."""

    def __init__(self, env: dict[str, str] | None = None):
        self.env = {**os.environ, **(env or {}), "PYTHONUNBUFFERED": "1"}
        self.proc: subprocess.Popen | None = None

    def _start(self) -> subprocess.Popen:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = subprocess.Popen([sys.executable, "-m", "attack.worker"], cwd=ROOT, env=self.env,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                         text=True, bufsize=1, start_new_session=True)
            ready = self._line(120.0)  # imports and the gazetteer
            if ready is None or json.loads(ready).get("ready") is not True:
                raise RuntimeError("the attack worker did not start")
        return self.proc

    def _line(self, timeout: float) -> str | None:
        assert self.proc is not None and self.proc.stdout is not None
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            r, _, _ = select.select([self.proc.stdout], [], [], left)
            if r:
                line = self.proc.stdout.readline()
                return line if line else None

    def run(self, case: dict, timeout: float = HANG_S) -> dict:
        """The worker's answer for one case, or ``{"kind": "hang"}`` / a crash report."""
        proc = self._start()
        assert proc.stdin is not None
        t0 = time.monotonic()
        proc.stdin.write(json.dumps(case) + "\n")
        proc.stdin.flush()
        line = self._line(timeout)
        if line is None:
            crashed = proc.poll() is not None
            self.close()
            if crashed:
                return {"kind": "traceback", "detail": f"the worker died (exit {proc.returncode})"}
            return {"kind": "hang", "detail": f"no answer after {time.monotonic() - t0:.0f} s"}
        return json.loads(line)

    def close(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, 9)
            except ProcessLookupError:
                pass
            self.proc.wait()
        self.proc = None
