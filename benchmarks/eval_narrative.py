"""Accuracy of the English extraction on narrative passages: ``python -m benchmarks.eval_narrative``.

The passages and their hand-coded gold events are in ``benchmarks/data/narrative.txt`` (format in its
header). Prints, per split (``dev``, which the rules were tuned on, and ``holdout``, which they were
not), event precision / recall / F1, place precision and actor-side accuracy; ``--verbose`` lists every
miss and every false event with the sentence it came from.

How it scores (written before the first run, kept since):

* An extracted event **matches** a gold event of the same passage when the ACLED event type is the
  same and the place is: the gazetteer id is one of the gold ids, or the place as written equals a gold
  ``~Name`` (both folded by the gazetteer's normaliser). Matching is one-to-one with as many pairs as
  possible, preferring required gold events, then the same sub-type and date.
* A match with an optional gold event (``?``) counts neither way; an unmatched extracted event is a
  false positive, an unmatched required gold event a miss.
* **Place precision**: extracted events whose place is one of the passage's gold places (any event)
  over all extracted events.
* **Actor side**: matched events whose actor1's side is one of the gold sides (``*``: not scored).
* On matched events it also reports how often the sub-type, the date (exact for day precision, within
  7 days for week, the same month for month precision) and the time precision are right.
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "narrative.txt"
# sides as the gold codes them: allies of the government are the government side here
_SIDE_GROUP = {"russia": "government", "iran": "government"}


@dataclass
class Gold:
    day: date
    precision: int
    sub_event_type: str
    actor1: str
    sides: tuple[str, ...]
    places: tuple[str, ...]  # ids, or "~name"
    optional: bool
    line: int


@dataclass
class Passage:
    id: str
    split: str
    published: date
    style: str
    text: str
    gold: list[Gold] = field(default_factory=list)


def load(path: Path = DATA) -> list[Passage]:
    """The passages of the narrative set, with their gold events."""
    out: list[Passage] = []
    cur: Passage | None = None
    mode = ""
    text: list[str] = []
    for no, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.rstrip()
        if line.startswith("### "):
            if cur is not None:
                out.append(cur)
            cur = Passage(line[4:].strip(), "", date(1970, 1, 1), "", "")
            mode, text = "head", []
            continue
        if cur is None or (line.startswith("#") and mode != "text"):
            continue
        if mode == "head":
            key, _, value = line.partition(":")
            if key == "text":
                mode = "text"
            elif key == "split":
                cur.split = value.strip()
            elif key == "published":
                cur.published = date.fromisoformat(value.strip())
            elif key == "style":
                cur.style = value.strip()
        elif mode == "text":
            if line == "gold:":
                cur.text = "\n".join(text)
                mode = "gold"
            else:
                text.append(line)
        elif mode == "gold" and line.strip():
            cur.gold.append(_gold(line, no))
    if cur is not None:
        out.append(cur)
    return out


def _gold(line: str, no: int) -> Gold:
    optional = line.startswith("?")
    parts = [p.strip() for p in line.lstrip("?").split("|")]
    if len(parts) != 5:
        raise ValueError(f"{DATA.name}:{no}: want 5 fields separated by '|', got {line!r}")
    when = parts[0].split()
    return Gold(date.fromisoformat(when[0]), int(when[1]) if len(when) > 1 else 1, parts[1], parts[2],
                tuple(s.strip() for s in parts[3].split(",")), tuple(p.strip() for p in parts[4].split(" / ")),
                optional, no)


def _fold(name: str) -> str:
    from gazetteer.normalize import normalize

    name = re.sub(r"^(?:the)\s+", "", name.strip(), flags=re.IGNORECASE)
    return normalize(name)


def place_matches(event: Any, places: tuple[str, ...]) -> bool:
    """Whether an extracted event's place is one of the gold places."""
    written = _fold(event.location or "")
    for p in places:
        if p.startswith("~"):
            if written and written == _fold(p[1:]):
                return True
        elif event.place_id == p:
            return True
    return False


def date_right(got: date, gold: Gold) -> bool:
    if gold.precision == 1:
        return got == gold.day
    if gold.precision == 2:
        return abs(got - gold.day) <= timedelta(days=7)
    return (got.year, got.month) == (gold.day.year, gold.day.month)


def side_of(actor: str, actors: Any) -> str:
    a = actors.actors.get(actor)
    side = a.side if a is not None else ""
    return _SIDE_GROUP.get(side, side)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    placed_right: int = 0
    predicted: int = 0
    side_right: int = 0
    side_scored: int = 0
    sub_right: int = 0
    date_right: int = 0
    precision_right: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        for k in ("tp", "fp", "fn", "placed_right", "predicted", "side_right", "side_scored", "sub_right",
                  "date_right", "precision_right"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.notes += other.notes

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def row(self, label: str) -> str:
        def pct(a: int, b: int) -> str:
            return f"{a / b:6.1%} ({a}/{b})" if b else "   n/a"
        return (f"{label:8} events P {self.p:.2f} R {self.r:.2f} F1 {self.f1:.2f} (tp {self.tp}, fp {self.fp}, fn {self.fn})"
                f" | place precision {pct(self.placed_right, self.predicted)} | actor side {pct(self.side_right, self.side_scored)}"
                f" | sub-type {pct(self.sub_right, self.tp)} date {pct(self.date_right, self.tp)}"
                f" time_precision {pct(self.precision_right, self.tp)}")


def score_passage(p: Passage, events: list[Any], actors: Any) -> Score:
    """Match one passage's extracted events against its gold (see module doc)."""
    from dashboard.schema import SUB_EVENT_TYPES

    s = Score(predicted=len(events))
    edges = [[i for i, g in enumerate(p.gold) if SUB_EVENT_TYPES[g.sub_event_type] == e.event_type
              and place_matches(e, g.places)] for e in events]
    pair = _matching(edges, p, events)
    free = [i for i in range(len(p.gold)) if i not in pair.values()]
    for k, e in enumerate(events):
        if any(place_matches(e, g.places) for g in p.gold):
            s.placed_right += 1
        if k not in pair:
            s.fp += 1
            s.notes.append(f"  FP {p.id}: {e.event_date} {e.sub_event_type} | {e.actor1} | {e.location!r} ({e.place_id})"
                           f"\n       << {e.notes[:300]}")
            continue
        g = p.gold[pair[k]]
        if g.optional:
            continue
        s.tp += 1
        s.sub_right += g.sub_event_type == e.sub_event_type
        s.date_right += date_right(e.event_date, g)
        s.precision_right += e.time_precision == g.precision
        if "*" not in g.sides:
            s.side_scored += 1
            side = side_of(e.actor1, actors)
            if side in g.sides:
                s.side_right += 1
            else:
                s.notes.append(f"  SIDE {p.id}: {e.actor1!r} ({side}) for gold {g.actor1} ({'|'.join(g.sides)}) at {e.location}")
        for what, ok in (("sub-type", g.sub_event_type == e.sub_event_type), ("date", date_right(e.event_date, g)),
                         ("precision", e.time_precision == g.precision)):
            if not ok:
                s.notes.append(f"  {what.upper()} {p.id}: got {e.sub_event_type} {e.event_date} p{e.time_precision}, "
                               f"gold {g.sub_event_type} {g.day} p{g.precision} at {e.location}")
    for i in free:
        g = p.gold[i]
        if not g.optional:
            s.fn += 1
            s.notes.append(f"  MISS {p.id}: {g.day} {g.sub_event_type} | {g.actor1} | {' / '.join(g.places)}  (line {g.line})")
    return s


def _matching(edges: list[list[int]], p: Passage, events: list[Any]) -> dict[int, int]:
    """A one-to-one matching of extracted events to gold events with as many pairs as possible (augmenting
    paths), trying for each event first the required gold events with its sub-type and date."""
    def order(k: int) -> list[int]:
        e = events[k]
        return sorted(edges[k], key=lambda i: (p.gold[i].optional, p.gold[i].sub_event_type != e.sub_event_type,
                                               not date_right(e.event_date, p.gold[i])))

    owner: dict[int, int] = {}  # gold -> event

    def augment(k: int, seen: set[int]) -> bool:
        for i in order(k):
            if i in seen:
                continue
            seen.add(i)
            if i not in owner or augment(owner[i], seen):
                owner[i] = k
                return True
        return False

    for k in range(len(events)):
        augment(k, set())
    return {k: i for i, k in owner.items()}


def evaluate(passages: list[Passage], gazetteer: Any, extract: Any = None) -> dict[str, Score]:
    """Scores per split and for all passages together."""
    from dashboard.extract import extract_events
    from dashboard.extract.actors import load_actors

    extract = extract or extract_events
    actors = load_actors()
    out: dict[str, Score] = {}
    for p in passages:
        events = extract(p.text, published=p.published, gazetteer=gazetteer)
        s = score_passage(p, events, actors)
        out.setdefault(p.split, Score()).add(s)
        out.setdefault("all", Score()).add(s)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.eval_narrative", description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev,holdout", help="comma-separated splits to score (dev, holdout)")
    ap.add_argument("--only", default="", help="comma-separated passage ids")
    ap.add_argument("--verbose", "-v", action="store_true", help="list misses, false events and wrong fields")
    a = ap.parse_args(argv)
    import gazetteer

    splits = {s.strip() for s in a.split.split(",") if s.strip()}
    only = {s.strip() for s in a.only.split(",") if s.strip()}
    passages = [p for p in load() if p.split in splits and (not only or p.id in only)]
    scores = evaluate(passages, gazetteer.load())
    for name in ("dev", "holdout", "all"):
        if name in scores:
            print(scores[name].row(name))
    if a.verbose:
        for name in sorted(splits):
            if name in scores:
                print(f"\n[{name}]")
                print("\n".join(scores[name].notes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
