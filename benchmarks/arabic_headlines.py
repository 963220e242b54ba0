"""Accuracy of the extractor on Arabic civil-defence / monitor headlines (issue 12, class 7).

``python -m benchmarks.arabic_headlines [--set dev|heldout|all] [--verbose]`` runs every
headline of ``tests/fixtures/arabic_headlines/*.tsv`` (our own headlines with gold places;
see the README there) through ``extract_events`` and prints:

* hit rate: share of tagged neighbourhoods (attack headlines) with an event placed there;
* wrong: share of attack headlines with an event placed anywhere else (any other place id,
  coarse areas and the city included: the strictest reading);
* false events: non-attack headlines (campaigns, drills, funerals, ...) that give any event,
  and attacks outside the city that give an event placed in the city (an event at the
  named town itself, when the gazetteer knows it as an outlying place, is right);
* sub-type and fatality agreement where the gold states them.
"""
from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "arabic_headlines"
PUBLISHED = date(2016, 10, 7)
SUB_TYPES = {
    "air": "Air/drone strike",
    "shelling": "Shelling/artillery/missile attack",
    "clash": "Armed clash",
    "attack": "Attack",
    "ied": "Remote explosive/landmine/IED",
    "chemical": "Chemical weapon",
}


@dataclass(frozen=True)
class Headline:
    """One gold line: places hit (empty for none), sub-type code, deaths, the headline."""

    gold: tuple[str, ...]
    kind: str  # "attack", "none" or "out"
    sub: str
    fatalities: str
    text: str
    line: int


@dataclass
class Score:
    """Counts over one set, and the headlines that missed."""

    places: int = 0
    hits: int = 0
    attacks: int = 0
    wrong: int = 0
    quiet: int = 0  # non-attack and out-of-city headlines
    false_events: int = 0
    sub_checked: int = 0
    sub_right: int = 0
    fat_checked: int = 0
    fat_right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def hit_rate(self) -> float:
        return self.hits / self.places if self.places else 0.0

    @property
    def wrong_rate(self) -> float:
        return self.wrong / self.attacks if self.attacks else 0.0

    def summary(self) -> str:
        pct = lambda a, b: f"{a}/{b} ({100 * a / b:.1f} %)" if b else "0/0"  # noqa: E731
        return (f"in the tagged neighbourhood {pct(self.hits, self.places)}; in a wrong place "
                f"{pct(self.wrong, self.attacks)}; events from non-attack or out-of-city headlines "
                f"{pct(self.false_events, self.quiet)}; sub-type {pct(self.sub_right, self.sub_checked)}; "
                f"fatalities {pct(self.fat_right, self.fat_checked)}")


def load(name: str) -> list[Headline]:
    """The headlines of ``dev``, ``heldout`` (or a path)."""
    path = Path(name) if name.endswith(".tsv") else DATA / f"{name}.tsv"
    out = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        gold, sub, fat, text = line.split("\t")
        kind = "none" if gold == "-" else "out" if gold == "out" else "attack"
        out.append(Headline(tuple(gold.split("|")) if kind == "attack" else (), kind, sub, fat, text, i))
    return out


def evaluate(headlines: list[Headline], gazetteer: Any, *, published: date = PUBLISHED) -> Score:
    """Run each headline through the extractor and score it against its gold."""
    from dashboard.extract import extract_events

    s = Score()
    for h in headlines:
        events = extract_events(h.text, published=published, gazetteer=gazetteer)
        got = {e.place_id for e in events if e.place_id}
        shown = "; ".join(f"{e.location}→{e.place_id} {e.sub_event_type} {e.fatalities}" for e in events) or "no event"
        if h.kind != "attack":
            s.quiet += 1
            if (h.kind == "none" and events) or (h.kind == "out" and any(_in_city(gazetteer, p) for p in got)):
                s.false_events += 1
                s.misses.append(f"{h.line}: FALSE EVENT {h.text}  [{shown}]")
            continue
        s.attacks += 1
        s.places += len(h.gold)
        hit = [g for g in h.gold if g in got]
        s.hits += len(hit)
        if got - set(h.gold):
            s.wrong += 1
            s.misses.append(f"{h.line}: WRONG {h.text}  [{shown}]")
        elif len(hit) < len(h.gold):
            s.misses.append(f"{h.line}: MISSED {sorted(set(h.gold) - got)} {h.text}  [{shown}]")
        placed = [e for e in events if e.place_id in h.gold]
        if h.sub != "*" and placed:
            s.sub_checked += 1
            if all(e.sub_event_type == SUB_TYPES[h.sub] for e in placed):
                s.sub_right += 1
            else:
                s.misses.append(f"{h.line}: SUB-TYPE want {h.sub}: {h.text}  [{shown}]")
        if h.fatalities != "*" and placed:
            s.fat_checked += 1
            deaths = [e.fatalities for e in placed if e.fatalities is not None]
            total = sum(deaths) if deaths else 0
            if total == int(h.fatalities):
                s.fat_right += 1
            else:
                s.misses.append(f"{h.line}: FATALITIES want {h.fatalities} got {total}: {h.text}")
    return s


def _in_city(gazetteer: Any, place_id: str) -> bool:
    """A neighbourhood, a part of the city or the city itself (not a town outside it)."""
    p = gazetteer.place(place_id)
    return p.district is not None or p.kind in ("neighbourhood", "sub-area", "area", "city")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.arabic_headlines", description=__doc__.split("\n")[0])
    ap.add_argument("--set", default="dev", help="dev, heldout, heldout2, all, or a .tsv path")
    ap.add_argument("--verbose", "-v", action="store_true", help="list every headline that missed")
    a = ap.parse_args(argv)
    import gazetteer

    g = gazetteer.load()
    names = ["dev", "heldout", "heldout2"] if a.set == "all" else [a.set]
    for name in names:
        score = evaluate(load(name), g)
        print(f"{name}: {score.summary()}")
        if a.verbose:
            for m in score.misses:
                print("  " + m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
