"""A small timing harness: best/median of perf_counter runs, peak memory, result rows,
machine and version facts, and the Markdown results file."""
from __future__ import annotations

import datetime as _dt
import os
import platform
import signal
import statistics
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Iterator


class Skip(Exception):
    """The benchmark cannot run here (module not written yet, no chromium, no time left)."""


class BenchTimeout(Exception):
    """A benchmark ran past its share of the wall-time budget."""


@dataclass
class Row:
    """One line of the results table. ``ours``/``naive`` are already formatted."""

    benchmark: str
    size: str = ""
    ours: str = "-"
    naive: str = "-"
    ratio: str = "-"
    peak: str = "-"
    target: str = ""
    status: str = "ok"
    note: str = ""

    def check(self, ok: bool, label: str) -> "Row":
        """Record whether a target was met; a missed one shows ``MISSED`` in the table."""
        if not ok:
            missed = f"MISSED {label}"
            self.status = missed if self.status in ("ok", "") else f"{self.status}; {missed}"
        return self


@dataclass
class Timing:
    runs: list[float]

    @property
    def best(self) -> float:
        return min(self.runs)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def timeit(fn: Callable[[], Any], *, repeat: int = 3, warmup: int = 0, max_seconds: float | None = None) -> Timing:
    """Run ``fn`` ``warmup`` times untimed, then up to ``repeat`` timed runs (stopping early
    once ``max_seconds`` have been spent)."""
    for _ in range(warmup):
        fn()
    runs: list[float] = []
    spent = 0.0
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        fn()
        dt = time.perf_counter() - t0
        runs.append(dt)
        spent += dt
        if max_seconds is not None and spent >= max_seconds:
            break
    return Timing(runs)


def _status_kb(key: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def measure_peak(fn: Callable[[], Any]) -> tuple[Any, float, int | None]:
    """Run ``fn`` once; return (result, seconds, peak RSS above the RSS before the call).

    Uses Linux's resettable high-water mark (``/proc/self/clear_refs``), which costs nothing
    while timing, unlike tracemalloc; returns None for the peak where that is unavailable."""
    base = _status_kb("VmRSS")
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
        resettable = True
    except OSError:
        resettable = False
    t0 = time.perf_counter()
    result = fn()
    dt = time.perf_counter() - t0
    hwm = _status_kb("VmHWM")
    peak = max(0, hwm - base) if resettable and hwm is not None and base is not None else None
    return result, dt, peak


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise BenchTimeout in the main thread after ``seconds`` (no-op where SIGALRM is missing)."""
    if seconds <= 0:
        raise BenchTimeout("no time left in the budget")
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def _raise(signum, frame):  # noqa: ARG001
        raise BenchTimeout(f"exceeded its {seconds:.0f} s share of the budget")

    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@dataclass
class Context:
    """What every benchmark gets: mode, seed, a scratch directory, the budget, a shared cache."""

    quick: bool
    seed: int
    tmp: Path
    deadline: float  # time.monotonic() value
    cache: dict[str, Any] = field(default_factory=dict)

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def log(self, msg: str) -> None:
        print(f"    {msg}", flush=True)


def require(module: str, *attrs: str):
    """Import ``module`` and check it has ``attrs``; raise Skip("module not available") if not."""
    import importlib

    try:
        mod = importlib.import_module(module)
    except ImportError as exc:
        raise Skip(f"module not available ({module}: {exc})") from None
    missing = [a for a in attrs if not hasattr(mod, a)]
    if missing:
        raise Skip(f"module not available ({module} lacks {', '.join(missing)})")
    return mod


# -- formatting ---------------------------------------------------------------------------

def fmt_secs(s: float | None) -> str:
    if s is None:
        return "-"
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def fmt_rate(r: float | None, unit: str) -> str:
    if r is None:
        return "-"
    return f"{r:,.0f} {unit}/s"


def fmt_bytes(b: float | None) -> str:
    if b is None:
        return "-"
    for unit in ("B", "KB", "MB", "GB"):
        if b < 1024 or unit == "GB":
            return f"{b:.0f} {unit}" if unit == "B" else f"{b:.1f} {unit}"
        b /= 1024
    return "-"


def fmt_ratio(x: float | None) -> str:
    return "-" if x is None else f"{x:,.1f}×"


# -- machine facts and the results file ---------------------------------------------------

KEY_PACKAGES = ("rapidfuzz", "pandas", "SQLAlchemy", "shapely", "folium", "streamlit",
                "streamlit-folium", "geopy", "playwright", "numpy")


def machine() -> dict[str, str]:
    """CPU count and model, RAM, OS, Python and key package versions, chromium."""
    model = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
    except OSError:
        pass
    versions = []
    for pkg in KEY_PACKAGES:
        try:
            versions.append(f"{pkg} {metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            pass
    chromium = "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else "not installed"
    return {
        "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": str(os.cpu_count()), "cpu model": model, "RAM": ram,
        "OS": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(), "packages": ", ".join(versions), "chromium": chromium,
    }


COLUMNS = ("benchmark", "size", "ours", "naive", "ratio", "peak memory", "target", "status", "note")


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def markdown(rows: list[Row], info: dict[str, str], *, mode: str, elapsed: float) -> str:
    """The results file: machine, versions, date, then the table."""
    out = [f"# Benchmark results ({mode})", ""]
    out += [f"- **{k}**: {v}" for k, v in info.items()]
    out += [f"- **wall time**: {elapsed:.0f} s", "",
            "Ratio = naive time / our time (how many times faster ours is). `peak memory` is the",
            "peak RSS above the process's RSS before our run. `(extrapolated)` means the naive way",
            "ran on a sample and its time was scaled linearly to the full size.", "",
            "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for r in rows:
        out.append("| " + " | ".join(_cell(x) for x in (r.benchmark, r.size, r.ours, r.naive, r.ratio, r.peak,
                                                         r.target, r.status, r.note)) + " |")
    return "\n".join(out) + "\n"


def print_row(r: Row) -> None:
    print(f"  {r.benchmark:<28} {r.size:>10}  ours {r.ours:<22} naive {r.naive:<30} ratio {r.ratio:<9} "
          f"peak {r.peak:<9} {r.status}" + (f"  ({r.note})" if r.note else ""), flush=True)
