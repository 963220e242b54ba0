"""What people type for actors: synonyms → sides, families and groups of actor names.

One actor filter holds three kinds of value: ``side:<id>`` (a side), ``family:<id>`` (an
ACLED family) and plain actor names. :func:`split_values` sorts any list of typed or
linked values into those kinds, turning synonyms ("regime", "قوات النظام", "jihadists")
into sides or families; a value that names a rule's actors ("SAA", "الجيش السوري") stays
an actor value and :func:`expand_value` gives the stored names it stands for.
:func:`find` is the "find actors or sides" box; :func:`short_labels` keeps long names
apart when they must be shortened.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from .actor_sides import UNASSIGNED, Group, Rule, table
from .textfold import fold

SIDE_PREFIX, FAMILY_PREFIX = "side:", "family:"
# Demonyms people type for the country an ACLED name spells ("Syrian" -> "Military Forces of Syria").
_DEMONYMS = {"syrian": "syria", "russian": "russia", "turkish": "turkey", "iranian": "iran", "iraqi": "iraq",
             "american": "united states", "kurdish": "kurd", "lebanese": "lebanon", "israeli": "israel",
             "jordanian": "jordan", "afghan": "afghanistan", "british": "united kingdom", "french": "france"}


@dataclass(frozen=True)
class Resolved:
    """What one typed term names: sides, families and rules (groups of actor names)."""

    sides: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.sides or self.families or self.rules)


def side_value(side_id: str) -> str:
    """The filter value of a side (``side:government``)."""
    return SIDE_PREFIX + side_id


def family_value(family_id: str) -> str:
    """The filter value of a family (``family:state-forces``)."""
    return FAMILY_PREFIX + family_id


@lru_cache(maxsize=1)
def _index() -> dict[str, Resolved]:
    """Folded term -> what it names (labels, ids and every synonym of sides, families, rules)."""
    t = table()
    found: dict[str, dict[str, list[str]]] = {}

    def put(term: str, kind: str, ident: str) -> None:
        key = fold(term)
        if key:
            bucket = found.setdefault(key, {"sides": [], "families": [], "rules": []})[kind]
            if ident not in bucket:
                bucket.append(ident)

    for g in t.sides.values():
        for term in (g.id, g.label, g.label_ar, side_value(g.id), *g.synonyms):
            put(term, "sides", g.id)
    for term in (UNASSIGNED, t.unassigned.label, t.unassigned.label_ar, side_value(UNASSIGNED)):
        put(term, "sides", UNASSIGNED)
    for g in t.families.values():
        for term in (g.id, g.label, g.label_ar, family_value(g.id), str(g.code), *g.synonyms):
            put(term, "families", g.id)
    for r in t.rules:
        for term in r.synonyms:
            put(term, "rules", r.id)
    return {k: Resolved(tuple(v["sides"]), tuple(v["families"]), tuple(v["rules"])) for k, v in found.items()}


def resolve(term: str) -> Resolved:
    """What ``term`` names as a whole (case, accents and Arabic letter forms ignored).

    Option labels work too: "Side: Government and allies" is the government side."""
    key = fold(term)
    hit = _index().get(key)
    if hit is None and ":" in key:  # a label as the filter shows it, "side: government and allies"
        hit = _index().get(key.split(":", 1)[1].strip())
    return hit or Resolved()


def split_values(values: Iterable[str]) -> tuple[list[str], list[str], list[str]]:
    """(actors, sides, families) of the actor filter's values; a side or family synonym
    becomes that side or family, anything else stays an actor value."""
    actors: list[str] = []
    sides: list[str] = []
    families: list[str] = []
    for v in values:
        hit = resolve(v)
        if hit.sides or hit.families:
            sides.extend(s for s in hit.sides if s not in sides)
            families.extend(f for f in hit.families if f not in families)
        elif v not in actors:
            actors.append(v)
    return actors, sides, families


def rules_named(value: str) -> tuple[Rule, ...]:
    """The rules a value names by synonym ("SAA" -> the Syrian state forces' rule)."""
    ids = resolve(value).rules
    return tuple(r for r in table().rules if r.id in ids)


def expand_value(value: str, names: Iterable[str]) -> list[str]:
    """The actor names ``value`` stands for among ``names``: itself, and the names of the
    rules it is a synonym of."""
    from .actor_sides import fold_name

    out = [value]
    for rule in rules_named(value):
        out.extend(n for n in names if n != value and rule.pattern.search(fold_name(n)))
    return out


# -- the finder --------------------------------------------------------------------------------
def _tokens(text: str) -> list[str]:
    return [_DEMONYMS.get(t, t) for t in fold(text).replace("(", " ").replace(")", " ").replace(":", " ").split()]


def _name_matches(query: list[str], name: str) -> bool:
    words = _tokens(name)
    hay = " ".join(words)
    return all(q in hay if len(q) >= 3 else q in words for q in query)


def find(query: str, names: Sequence[str], *, limit: int = 40) -> list[str]:
    """Filter values for what was typed: sides and families it names (exactly, or a synonym
    starting with it), then actors it names (by a rule's synonym, or words of their names)."""
    key = fold(query)
    if not key:
        return []
    out: list[str] = []

    def add(v: str) -> None:
        if v not in out:
            out.append(v)

    exact = resolve(query)
    for s in exact.sides:
        add(side_value(s))
    for f in exact.families:
        add(family_value(f))
    def add_terms(test) -> None:
        for term, hit in sorted(_index().items()):
            if test(term):
                for s in hit.sides:
                    add(side_value(s))
                for f in hit.families:
                    add(family_value(f))

    if len(key) >= 3:
        add_terms(lambda term: term.startswith(key))
    for n in expand_value(query, names)[1:]:
        add(n)
    query_tokens = _tokens(query)
    for n in names:
        if _name_matches(query_tokens, n):
            add(n)
    if len(key) >= 4:  # a word inside a longer synonym ("state" in "Islamic State")
        add_terms(lambda term: f" {key}" in f" {term}")
    return out[:limit]


# -- labels ---------------------------------------------------------------------------------------
def group_of(value: str) -> tuple[str, Group] | None:
    """``("side", group)`` or ``("family", group)`` for a side/family value, else None."""
    t = table()
    if value.startswith(SIDE_PREFIX):
        ident = value[len(SIDE_PREFIX):]
        return ("side", t.side(ident)) if ident in t.sides or ident == UNASSIGNED else None
    if value.startswith(FAMILY_PREFIX):
        g = t.families.get(value[len(FAMILY_PREFIX):])
        return ("family", g) if g else None
    return None


def filter_values(view) -> list[str]:
    """The actor filter's values for a view: its sides, families, then actors."""
    return ([side_value(x) for x in view.sides] + [family_value(x) for x in view.families]
            + list(view.actors))


def group_values() -> list[str]:
    """Every side value, then every family value (the filter's first options)."""
    t = table()
    return ([side_value(s) for s in t.sides] + [side_value(UNASSIGNED)]
            + [family_value(f) for f in t.families])


def short_labels(names: Iterable[str], width: int = 42) -> dict[str, str]:
    """Labels of at most ``width`` characters that are never equal for two different names:
    a long name keeps its start and its distinguishing end ("Military Forces of … Air Force")."""
    names = list(dict.fromkeys(names))
    out: dict[str, str] = {}
    for n in names:
        if len(n) <= width:
            out[n] = n
            continue
        tail = max(width // 3, 8)
        label = f"{n[: width - tail - 2].rstrip()} …{n[-tail:]}"
        out[n] = label
    seen: dict[str, str] = {}
    for n in names:  # still equal (same start and end): number them
        label = out[n]
        if label in seen and seen[label] != n:
            i = 2
            while f"{label} ({i})" in seen:
                i += 1
            out[n] = label = f"{label} ({i})"
        seen[label] = n
    return out
