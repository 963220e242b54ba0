"""Gazetteer query lists: distinct spellings with their true place, and query mixes."""
from __future__ import annotations

import random

from . import spellings, variants, vocab
from .generate import GenPlace, _Picker, places


def query_spellings(distinct: int = 2000, seed: int = 1) -> list[tuple[str, GenPlace | None, str]]:
    """``distinct`` place spellings with their true place (None: not an Aleppo place) and
    spelling family (canonical, latin, arabic, typo, non-place).

    About 2% are unresolvable names and things that are not places at all."""
    rng = random.Random(f"queries-{seed}")
    pool: dict[str, GenPlace | None] = {}
    family: dict[str, str] = {}
    for p in places(seed):
        for fam in ("canonical", "latin", "arabic", "typo"):
            for s in p.spellings.get(fam, ()):
                pool.setdefault(s, None if p.kind == "unresolvable" else p)
                family.setdefault(s, "non-place" if p.kind == "unresolvable" else fam)
    bad = [s for s, p in pool.items() if p is None] + list(vocab.NON_PLACES)
    good = [s for s, p in pool.items() if p is not None]
    n_bad = min(len(bad), max(1, distinct // 50))
    rng.shuffle(good)
    for _ in range(50 * distinct):  # more typos until there are enough distinct spellings
        if len(good) >= distinct - n_bad:
            break
        base = rng.choice(good)
        t = spellings.typo(base, rng)
        if t not in pool:
            pool[t] = pool[base]
            family[t] = "typo"
            good.append(t)
    chosen = good[: distinct - n_bad] + rng.sample(bad, n_bad)
    rng.shuffle(chosen)
    return [(s, None, "non-place") if s in vocab.NON_PLACES else (s, pool[s], family[s]) for s in chosen]


def query_mix(kind: str = "realistic", n: int = 1_000_000, seed: int = 1, *, distinct: int = 2000) -> list[str]:
    """``n`` gazetteer queries. ``realistic``: ``distinct`` spellings with Zipf-like repetition;
    ``exact``: canonical English and Arabic names only; ``fuzzy``: mostly distinct typos."""
    rng = random.Random(f"mix-{kind}-{seed}")
    if kind == "realistic":
        names = [s for s, _, _ in query_spellings(distinct, seed)]
    elif kind == "exact":
        names = [s for p in places(seed) if p.kind != "unresolvable"
                 for s in ((p.name, p.name_ar) if p.precision == 1 else p.spellings["canonical"][:1]) if s]
    elif kind == "fuzzy":
        base = [s for p in places(seed) if p.kind in ("neighbourhood", "landmark")
                for s in (*p.spellings["canonical"], *p.spellings["latin"])]
        names = list(dict.fromkeys(spellings.typo(rng.choice(base), rng) for _ in range(max(n // 2, 1))))
        return [rng.choice(names) for _ in range(n)]
    else:
        raise ValueError(f"unknown query mix {kind!r}")
    pick = _Picker(names, [1 / (i + 1) ** 1.05 for i in range(len(names))])
    return [pick(rng) for _ in range(n)]


def query_categories(seed: int = 1) -> list[tuple[str, GenPlace | None, str]]:
    """The spelling categories of issue 11 §2 for every neighbourhood: (spelling, place, category);
    plus ``near miss`` names of other places (truth None: any match is wrong)."""
    rng = random.Random(f"categories-{seed}")
    out: list[tuple[str, GenPlace | None, str]] = []
    seen: set[str] = set()
    for p in places(seed):
        if p.kind != "neighbourhood":
            continue
        for cat, names in variants.categories(p.name, p.name_ar, rng).items():
            for s in names:
                if s not in seen:
                    seen.add(s)
                    out.append((s, p, cat))
    out += [(s, None, "near miss") for s, _ in variants.NEAR_MISSES]
    return out
