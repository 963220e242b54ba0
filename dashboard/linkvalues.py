"""Reading one value of a link or a CLI flag: lists, text, dates and numbers, each capped
and cleaned, a bad value raising ``ValueError`` with a translatable reason (the caller turns
it into a notice). Used by :func:`dashboard.filters.from_query_params`."""
from __future__ import annotations

from datetime import date
from typing import Iterable

from .i18n import Message

# The dates a filter may hold (the date pickers' bounds): a link outside them gets a notice, not an error box.
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2100, 12, 31)
MAX_VALUES = 500  # per multi-valued parameter; more is hostile, not a real view
MAX_TEXT = 200
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def _fmt_coord(x: float) -> str:
    # Six decimals (~0.1 m) parse back to exactly the rounded float.
    return f"{x:.6f}".rstrip("0").rstrip(".")


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        value = [value]
    out: list[str] = []
    for v in value:
        if len(out) >= MAX_VALUES + 1:  # one more than allowed, to notice the excess
            break
        if v is None:
            continue
        out.append(v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v))
    return out


def _clean_text(value: str) -> str:
    # Control characters never belong in a filter; length is capped against abuse.
    value = value[: MAX_TEXT * 4]
    return "".join(ch for ch in value if ch.isprintable()).strip()[:MAX_TEXT]


def _parse_date(value: str) -> date:
    try:
        d = date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ValueError(Message("not a date (want YYYY-MM-DD)")) from None
    if not DATE_MIN <= d <= DATE_MAX:
        raise ValueError(Message("outside the dates the tool takes ({start} to {end})", start=DATE_MIN, end=DATE_MAX))
    return d


def _number(value: str, kind: type = float):
    try:
        return kind(value)
    except ValueError:
        raise ValueError(Message("not a whole number") if kind is int else Message("not a number")) from None


def _canonical(values: list[str], allowed: Iterable[str]) -> tuple[list[str], list[str]]:
    """Map values case-insensitively onto ``allowed``; returns (known, unknown)."""
    index = {a.casefold(): a for a in allowed}
    known = [index[v.casefold()] for v in values if v.casefold() in index]
    return known, [v for v in values if v.casefold() not in index]


def _shown(raw: object) -> str:
    shown = raw if isinstance(raw, str) else ", ".join(_as_list(raw))
    shown = "".join(ch if ch.isprintable() else " " for ch in shown[:200])
    return shown if len(shown) <= 60 else shown[:57] + "..."
