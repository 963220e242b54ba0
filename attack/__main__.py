"""``python -m attack [--quick] [--only CLASS,...]``: the attack run of issue 15.

Classes: files (malformed files and the findings' files), cli, links (≥ 1,000 hostile links
against the running app), xss (every text field of every format into the store, snapshots and
the app in Chromium, plus hostile links in the browser), kill (kill -9 during ingest),
concurrent (2- and 4-way ingests). Exits 1 when anything failed.
"""
from __future__ import annotations

import argparse
import sys
import time

from .harness import Tally

CLASSES = ("files", "cli", "links", "xss", "kill", "concurrent")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m attack", description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="a subset for CI (a few minutes)")
    ap.add_argument("--only", default="", help="comma-separated classes: " + ", ".join(CLASSES))
    args = ap.parse_args(argv)
    only = [c.strip() for c in args.only.split(",") if c.strip()] or list(CLASSES)
    unknown = set(only) - set(CLASSES)
    if unknown:
        ap.error(f"unknown class(es): {', '.join(sorted(unknown))}")
    from .payloads import hostile_links

    links = hostile_links(120 if args.quick else 1200)
    tally = Tally()
    t0 = time.monotonic()
    for name in only:
        start = time.monotonic()
        print(f"== {name}", file=sys.stderr, flush=True)
        try:
            if name == "files":
                from . import malformed

                malformed.run(tally, quick=args.quick)
            elif name == "cli":
                from . import cli

                cli.run(tally, quick=args.quick)
            elif name == "links":
                from . import links as mod

                mod.run(tally, links)
            elif name == "xss":
                from . import xss

                xss.run(tally, quick=args.quick, links=links[: 12 if args.quick else 60])
            elif name == "kill":
                from . import processes

                processes.kill9(tally, quick=args.quick)
            elif name == "concurrent":
                from . import processes

                processes.concurrent(tally, quick=args.quick)
        except Exception as exc:  # noqa: BLE001 - the harness itself failing is a failure of the run
            tally[f"{name} (harness)"].fail("other", f"{type(exc).__name__}: {exc}")
        print(f"   {name}: {time.monotonic() - start:.0f} s", file=sys.stderr, flush=True)
        for c in tally.classes.values():  # as it goes, so that a stopped run still tells what it found
            print(f"   | {c.name} | {c.tried} | {c.failed} | {c.kinds}", file=sys.stderr, flush=True)
    print(tally.table())
    print(f"\n{'quick' if args.quick else 'full'} run, {time.monotonic() - t0:.0f} s", flush=True)
    if tally.failed:
        print("\nFailures:\n" + tally.details(), flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
