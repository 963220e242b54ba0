"""Speed of extraction, for ``benchmarks/``: sentences per second on a long generated report."""
from __future__ import annotations

import random
import time
from datetime import date
from typing import Any

from . import extract_events
from .sentences import split_sentences

_PLACES = ("Sheikh Saeed", "Sakhour", "Bustan al-Qasr", "Salaheddine", "Hanano", "Ansari", "Ramousah", "Kallaseh")
_TEMPLATES = (
    "Air strikes hit {p} {d}, killing {k} people, the Syrian Observatory said.",
    "Rebel shelling of government-held neighbourhoods killed {k} people {d}, state TV reported.",
    "The Syrian army clashed with rebels in {p} {d}.",
    "Barrel bombs struck {p} {d}, according to the civil defence.",
    "Residents said there was no bombardment on {p} {d}.",
    "The United Nations said a ceasefire could hold if talks resumed.",
    "غارات جوية على حي الصاخور {n}/5/2016",
)
_DAYS = ("on Friday", "on Thursday", "yesterday", "last night", "on Wednesday")


def generated_report(n_sentences: int, *, seed: int = 1) -> str:
    """A deterministic report of ``n_sentences`` news-style sentences, a few per paragraph."""
    rng = random.Random(seed)
    lines, line = [], []
    for _ in range(n_sentences):
        line.append(rng.choice(_TEMPLATES).format(p=rng.choice(_PLACES), d=rng.choice(_DAYS),
                                                  k=rng.randint(2, 30), n=rng.randint(1, 28)))
        if len(line) == 3:
            lines.append(" ".join(line))
            line = []
    lines.append(" ".join(line))
    return "\n".join(lines)


def sentences_per_second(gazetteer: Any, n_sentences: int = 2000, *, published: date = date(2016, 10, 7)) -> dict:
    """Extract a generated report once; returns sentences, events, seconds and sentences/s."""
    text = generated_report(n_sentences)
    n = len(split_sentences(text))
    t0 = time.perf_counter()
    events = extract_events(text, published=published, gazetteer=gazetteer)
    secs = time.perf_counter() - t0
    return {"sentences": n, "events": len(events), "seconds": secs, "sentences_per_second": n / secs if secs else float("inf")}
