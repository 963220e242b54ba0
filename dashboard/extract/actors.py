"""The actor dictionary: surface forms ("the Syrian army", "قوات النظام") → ACLED-style names.

The bundled table is ``data/actors.json``; a user file (same JSON shape, or a CSV
``form,name[,side]``) adds forms and actors. Sources ("the Syrian Observatory",
"state TV", "a military source", "civil defence") are matched too, so that their
words are never read as actors, and are reported separately.

Mentions that only describe who holds a place ("rebel-held", "held by the
regime", "الخاضعة لسيطرة المعارضة") are not actors.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ExtractError

DATA = Path(__file__).with_name("data") / "actors.json"
SOURCE = "<source>"
_HELD_AFTER = re.compile(
    r"\s*[-‐‑]\s*(?:held|controlled|run|backed|allied|aligned|linked|affiliated|made|besieged|occupied|dominated|majority)\b"
    r"|\s+(?:held|controlled|dominated|besieged)\b|['’]s?\s+(?:stronghold|territory|enclave|bastion)",
    re.IGNORECASE,
)
_HELD_BEFORE = re.compile(
    r"(?:held|controlled|besieged|run|dominated|surrounded)\s+by\s+(?:the\s+)?$|anti-$|against\s+(?:the\s+)?$"
    r"|(?:لسيطرة|سيطرة|عليها|بيد|أيدي|ايدي)\s+$",
    re.IGNORECASE,
)
_AR_PREFIX = r"(?:[وف]?[بلك]?)"
_AR_PREFIXES = [a + b for a in ("", "و", "ف") for b in ("", "ب", "ل", "ك") if a + b]
_HEAD = 2
_WORD_START = re.compile(r"(?<![\w])\w")


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor: ACLED-style name, side (allies share one) and whether it flies."""

    name: str
    side: str
    air: bool = False


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One actor (or source, ``actor is None``) found in a text."""

    start: int
    end: int
    text: str
    actor: Actor | None


def _form_pattern(form: str) -> str:
    arabic = any("\u0600" <= ch <= "\u06ff" for ch in form)
    body = r"\s+".join(re.escape(w) for w in form.split())
    body = re.sub("['’]", "['’]", body.replace(r"\-", r"\s*-\s*"))
    if arabic:
        alts = [body]
        if form.startswith("ال"):
            alts.append("لل" + re.escape(form[2:]).replace(r"\ ", r"\s+"))
        return rf"(?<![\w]){_AR_PREFIX}(?:{'|'.join(alts)})(?![\w])"
    if form.isupper() and len(form) <= 5:
        return rf"(?-i:(?<![\w.]){body}(?![\w]))"
    return rf"(?<![\w]){body}(?![\w])"


class ActorDictionary:
    """Finds actor and source mentions in text (longest form wins)."""

    def __init__(self, actors: dict[str, Actor], forms: dict[str, str]) -> None:
        self.actors = actors
        self.forms = forms  # surface form (as written) -> actor name or SOURCE
        ordered = sorted(forms, key=len, reverse=True)
        self._index = {i: forms[f] for i, f in enumerate(ordered)}
        # One small alternation per first two letters: a word start tries only the forms that can begin there
        # (one alternation of every form costs ~0.3 ms a word start; this is fast on long reports).
        groups: dict[str, list[int]] = {}
        for i, f in enumerate(ordered):
            heads = set()
            for variant in (f, *(p + f for p in _AR_PREFIXES)) if not f.isascii() else (f,):
                heads.add(variant[:_HEAD].lower())
                if variant.startswith("ال"):
                    heads.add(("لل" + variant[2:])[:_HEAD])
            for h in heads:
                groups.setdefault(h, []).append(i)
        self._by_head = {h: re.compile("|".join(f"(?P<f{i}>{_form_pattern(ordered[i])})" for i in idx), re.IGNORECASE)
                         for h, idx in groups.items()}

    def _scan(self, text: str):
        last = 0
        for w in _WORD_START.finditer(text):
            pos = w.start()
            if pos < last:
                continue
            rx = self._by_head.get(text[pos:pos + _HEAD].lower())
            if rx is None:
                continue
            m = rx.match(text, pos)
            if m is None or m.end() == pos:
                continue
            for inner in _WORD_START.finditer(text, pos + 1, m.end()):  # "the Army of Conquest", not "the army"
                rx2 = self._by_head.get(text[inner.start():inner.start() + _HEAD].lower())
                m2 = rx2.match(text, inner.start()) if rx2 is not None else None
                if m2 is not None and m2.end() > m.end():
                    m = m2
                    break
            last = m.end()
            yield m, self._index[int(m.lastgroup[1:])]

    def find(self, text: str, *, include_sources: bool = False) -> list[ActorMention]:
        """Actor mentions in text order; place descriptors ("rebel-held") are skipped."""
        out: list[ActorMention] = []
        for m, name in self._scan(text):
            if name == SOURCE:
                if include_sources:
                    out.append(ActorMention(m.start(), m.end(), m.group(0), None))
                continue
            if _HELD_AFTER.match(text, m.end()) or _HELD_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
                continue
            out.append(ActorMention(m.start(), m.end(), m.group(0), self.actors[name]))
        return out

    def mentions_any(self, text: str) -> bool:
        """Whether text names an actor or a source anywhere (held-descriptors included)."""
        return next(self._scan(text), None) is not None

    def sources(self, text: str) -> list[str]:
        """The sources named in text (as written)."""
        return [m.text for m in self.find(text, include_sources=True) if m.actor is None]


def _add(actors: dict[str, Actor], forms: dict[str, str], entry: dict) -> None:
    name = str(entry.get("name", "")).strip()
    if not name:
        raise ExtractError(f"actor entry without a name: {entry!r}")
    old = actors.get(name)
    actors[name] = Actor(name, str(entry.get("side") or (old.side if old else "other")),
                         bool(entry.get("air", old.air if old else False)))
    for form in list(entry.get("forms", [])) + list(entry.get("forms_ar", [])) + [name]:
        if str(form).strip():
            forms[str(form).strip()] = name


def _read_user(path: Path, actors: dict[str, Actor], forms: dict[str, str]) -> None:
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ExtractError(f"cannot read actors file {path}: {exc}") from exc
    if path.suffix.lower() == ".json":
        try:
            doc = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ExtractError(f"{path}: not valid JSON ({exc})") from exc
        for entry in doc.get("actors", []) if isinstance(doc, dict) else doc:
            _add(actors, forms, entry)
        for form in (doc.get("sources", {}) if isinstance(doc, dict) else {}).get("forms", []):
            forms[str(form)] = SOURCE
        return
    for i, row in enumerate(csv.reader(io.StringIO(raw)), start=1):
        if not row or row[0].strip().lower() in ("", "form", "alias") or row[0].startswith("#"):
            continue
        if len(row) < 2 or not row[1].strip():
            raise ExtractError(f"{path}:{i}: want 'form,name[,side]', got {row!r}")
        if row[1].strip().lower() == "source":
            forms[row[0].strip()] = SOURCE
            continue
        _add(actors, forms, {"name": row[1].strip(), "side": row[2].strip() if len(row) > 2 else None,
                             "forms": [row[0].strip()]})


@lru_cache(maxsize=8)
def _load(user: str | None, mtime: float | None) -> ActorDictionary:
    doc = json.loads(DATA.read_text(encoding="utf-8"))
    actors: dict[str, Actor] = {}
    forms: dict[str, str] = {}
    for entry in doc["actors"]:
        _add(actors, forms, entry)
    for key in ("forms", "forms_ar"):
        for form in doc["sources"][key]:
            forms[form] = SOURCE
    if user:
        _read_user(Path(user), actors, forms)
    return ActorDictionary(actors, forms)


def load_actors(actors_file: str | Path | None = None) -> ActorDictionary:
    """The bundled dictionary, extended by ``actors_file`` (cached per path and mtime)."""
    if actors_file is None:
        return _load(None, None)
    path = Path(actors_file)
    if not path.exists():
        raise ExtractError(f"actors file not found: {path}")
    return _load(str(path.resolve()), path.stat().st_mtime)
