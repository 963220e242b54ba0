"""Report extraction: the seed report's time, and sentences/s of the English path over a long
report mixing the seed report's lines, the narrative passages of ``data/narrative.txt`` (our own
encyclopedia- and feature-style prose about the 2016 battles) and generated news sentences."""
from __future__ import annotations

import random
import re
import time
from datetime import date
from pathlib import Path

from .fixtures import gazetteer
from .generate import places
from .harness import Context, Row, fmt_rate, fmt_secs, measure_peak, fmt_bytes, require

NAME = "extract"
SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds" / "reuters-2016-10-07-aleppo.txt"
PUBLISHED = date(2016, 10, 7)
DAYS = ("on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "overnight", "last night",
        "yesterday", "on Saturday")
TEMPLATES = (
    "Air strikes hit the {p} district of Aleppo {d}, killing {k} people, the Syrian Observatory said.",
    "Rebels shelled government-held {p} {d}, state media said, wounding several residents.",
    "Fierce clashes broke out between the Syrian army and rebels in {p} {d}.",
    "Barrel bombs dropped by helicopters struck {p} {d}, according to civil defence workers.",
    "Government forces captured {p} from insurgents {d}, a military source said.",
    "Residents of {p} said there was no bombardment {d}.",
    "The United Nations said aid convoys could not reach {p}.",
)
NARRATIVE = Path(__file__).resolve().parent / "data" / "narrative.txt"


def narrative_lines() -> list[str]:
    """The paragraphs of the narrative development passages (English prose, citation markers kept)."""
    from .eval_narrative import load

    return [line for p in load(NARRATIVE) for line in p.text.splitlines() if line.strip()]


def long_report(n_sentences: int, seed: int) -> str:
    """An English report of about ``n_sentences`` sentences: lines of the seed report (30 %), paragraphs of
    the narrative passages (30 %, several sentences each) and generated news sentences, one a line."""
    rng = random.Random(f"report-{seed}")
    real = [s.strip() for s in SEED.read_text(encoding="utf-8").splitlines() if s.strip()] if SEED.exists() else []
    prose = narrative_lines()
    hoods = [p for p in places(seed) if p.kind == "neighbourhood"]
    out: list[str] = []
    n = 0
    while n < n_sentences:
        roll = rng.random()
        if real and roll < 0.3:
            line = rng.choice(real)
        elif prose and roll < 0.6:
            line = rng.choice(prose)
        else:
            p = rng.choice(hoods)
            fam = p.spellings["latin"] or p.spellings["canonical"]
            line = rng.choice(TEMPLATES).format(p=rng.choice(fam), d=rng.choice(DAYS), k=rng.randint(2, 30))
        out.append(line)
        n += count_sentences(line)
    return "\n".join(out)


def count_sentences(text: str) -> int:
    return sum(1 for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip())


def run(ctx: Context):
    extract = require("dashboard.extract", "extract_events")
    g = gazetteer(ctx)
    if SEED.exists():
        seed_text = SEED.read_text(encoding="utf-8")
        extract.extract_events(seed_text, published=PUBLISHED, gazetteer=g)  # warm caches once
        t0 = time.perf_counter()
        evs = extract.extract_events(seed_text, published=PUBLISHED, gazetteer=g)
        secs = time.perf_counter() - t0
        yield Row("extract: seed report", f"{count_sentences(seed_text)} sentences", fmt_secs(secs), "n/a", "-", "-",
                  "≤ 100 ms, 3 events", note=f"{len(evs)} events").check(secs <= 0.1 and len(evs) == 3, "> 100 ms or not 3 events")
    n = 2_000 if ctx.quick else 20_000
    probe = long_report(500, ctx.seed + 1)
    t0 = time.perf_counter()
    extract.extract_events(probe, published=PUBLISHED, gazetteer=g)
    per_sentence = (time.perf_counter() - t0) / max(count_sentences(probe), 1)
    n = max(500, min(n, int((3 if ctx.quick else 10) / max(per_sentence, 1e-9))))  # fit the time share
    text = long_report(n, ctx.seed)
    sentences = count_sentences(text)
    evs, secs, peak = measure_peak(lambda: extract.extract_events(text, published=PUBLISHED, gazetteer=g))
    rate = sentences / secs
    yield Row("extract: English long report", f"{sentences:,} sentences", fmt_rate(rate, "sentences"),
              "n/a", "-", fmt_bytes(peak), "≥ 500 sentences/s", note=f"{len(evs):,} events in {fmt_secs(secs)}"
              ).check(rate >= 500, "< 500 sentences/s")
