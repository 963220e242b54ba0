"""Arabic extraction: sentences/s over a long generated report of civil-defence / monitor style
headlines (attacks with and without حي, verbs after the place, lists, non-attack headlines), and
the accuracy on our gold headline sets (``benchmarks.arabic_headlines``)."""
from __future__ import annotations

import random
from datetime import date

from .arabic_headlines import evaluate, load
from .fixtures import gazetteer
from .generate import places
from .harness import Context, Row, fmt_bytes, fmt_rate, measure_peak, require

NAME = "extract-ar"
PUBLISHED = date(2016, 10, 7)
# Our own templates, modelled on the form of 2016 headlines ({p} a place name, {n} a number).
TEMPLATES = (
    "غارات جوية على حي {p} توقع {n} شهداء",
    "استهداف حي {p} بالبراميل المتفجرة",
    "مجزرة في {p} جراء قصف الطيران الحربي الروسي بالصواريخ الفراغية",
    "قصف مدفعي على {p} يوقع {n} جرحى",
    "قذائف هاون على حي {p} توقع شهيدين",
    "اشتباكات عنيفة على أطراف حي {p}",
    "الطيران المروحي يلقي برميلين متفجرين على {p}",
    "قصف بغاز الكلور على حي {p} وحالات اختناق بين المدنيين",
    "{n} شهداء بغارات على {p} و{q}",
    "الدفاع المدني ينظم حملة توعية بمخاطر القصف في حي {p}",
    "تشييع شهداء حي {p}",
    "دورة تدريبية لفرق الإنقاذ في حي {p}",
)
TARGET = 500.0  # sentences/s, as for the English long report


def long_report(n_sentences: int, seed: int) -> str:
    """``n_sentences`` headlines, one per line, over the gazetteer's Arabic neighbourhood names."""
    rng = random.Random(f"arabic-{seed}")
    names = [p.name_ar for p in places(seed) if p.kind == "neighbourhood" and p.name_ar]
    return "\n".join(rng.choice(TEMPLATES).format(p=rng.choice(names), q=rng.choice(names), n=rng.randint(2, 30))
                     for _ in range(n_sentences))


def run(ctx: Context):
    extract = require("dashboard.extract", "extract_events")
    g = gazetteer(ctx)
    n = 300 if ctx.quick else 10_000
    extract.extract_events(long_report(200, ctx.seed + 1), published=PUBLISHED, gazetteer=g)  # warm caches
    text = long_report(n, ctx.seed)
    evs, secs, peak = measure_peak(lambda: extract.extract_events(text, published=PUBLISHED, gazetteer=g))
    rate = n / secs
    yield Row("extract: Arabic headlines (generated)", f"{n:,} sentences", fmt_rate(rate, "sentences"), "n/a", "-",
              fmt_bytes(peak), f"≥ {TARGET:,.0f} sentences/s", note=f"{len(evs):,} events").check(
                  rate >= TARGET, f"< {TARGET:,.0f} sentences/s")
    for name in ("dev",) if ctx.quick else ("dev", "heldout", "heldout2"):
        score = evaluate(load(name), g)
        yield Row(f"extract: Arabic headlines, {name} set", f"{score.attacks + score.quiet} headlines",
                  f"{100 * score.hit_rate:.1f} % placed right", "n/a", "-", "-", "≥ 90 %, ≤ 3 % wrong, 0 false",
                  note=f"{100 * score.wrong_rate:.1f} % wrong place, {score.false_events} from non-attack headlines"
                  ).check(score.hit_rate >= 0.9 and score.wrong_rate <= 0.03 and score.false_events == 0,
                          "accuracy targets")
