"""Report extraction: sentences/s over a long generated report (real sentences from the seed
report mixed with generated news-style event sentences), and the seed report's time."""
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
    "غارات جوية على حي {a} {d2}.",
)


def long_report(n_sentences: int, seed: int) -> str:
    """A report of about ``n_sentences`` sentences (one paragraph per sentence)."""
    rng = random.Random(f"report-{seed}")
    real = [s.strip() for s in SEED.read_text(encoding="utf-8").splitlines() if s.strip()] if SEED.exists() else []
    hoods = [p for p in places(seed) if p.kind == "neighbourhood"]
    out = []
    while len(out) < n_sentences:
        if real and rng.random() < 0.3:
            out.append(rng.choice(real))
            continue
        p = rng.choice(hoods)
        fam = p.spellings["latin"] or p.spellings["canonical"]
        out.append(rng.choice(TEMPLATES).format(p=rng.choice(fam), d=rng.choice(DAYS), k=rng.randint(2, 30),
                                                a=p.name_ar or "الشعار", d2=f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/2016"))
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
                  "≪ 1 s", note=f"{len(evs)} events").check(secs < 1.0, "≥ 1 s")
    n = 2_000 if ctx.quick else 20_000
    probe = long_report(500, ctx.seed + 1)
    t0 = time.perf_counter()
    extract.extract_events(probe, published=PUBLISHED, gazetteer=g)
    per_sentence = (time.perf_counter() - t0) / max(count_sentences(probe), 1)
    n = max(500, min(n, int((3 if ctx.quick else 10) / max(per_sentence, 1e-9))))  # fit the time share
    text = long_report(n, ctx.seed)
    sentences = count_sentences(text)
    evs, secs, peak = measure_peak(lambda: extract.extract_events(text, published=PUBLISHED, gazetteer=g))
    yield Row("extract: long generated report", f"{sentences:,} sentences", fmt_rate(sentences / secs, "sentences"),
              "n/a", "-", fmt_bytes(peak), "", note=f"{len(evs):,} events in {fmt_secs(secs)}")
