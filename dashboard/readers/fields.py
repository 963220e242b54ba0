"""Parsing of single cell values: dates, numbers, event types. Each raises ``ValueError``
with a short reason that ends up in a :class:`~dashboard.errors.RowProblem`."""
from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta
from typing import Any

from ..schema import EVENT_TYPES, MAX_FATALITIES, SUB_EVENT_TYPES
from .acled import OLD_TYPES

NULLS = frozenset({"", "na", "n/a", "#n/a", "null", "none", "nan", "-", "--", "?"})
EXCEL_EPOCH = date(1899, 12, 30)
MIN_DATE = date(1900, 1, 1)
MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1) for m in names}

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:$|[T\s])")
_WORDY = re.compile(r"[A-Za-z]+|\d+")


def is_null(value: Any) -> bool:
    """Empty cells and the usual spreadsheet placeholders (NA, #N/A, null, -)."""
    if value is None:
        return True
    if value.__class__ is str:
        s = value.strip()
        return not s or (len(s) <= 4 and s.lower() in NULLS)
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, str) and value.strip().lower() in NULLS


def text(value: Any) -> str:
    """A cell as clean text ('' for nulls); floats that are whole numbers lose their '.0'."""
    if value.__class__ is str:
        s = value.strip()
        if len(s) <= 4 and s.lower() in NULLS:
            return ""
        if "  " in s or "\n" in s or "\t" in s or "\r" in s:
            s = " ".join(s.split())
        if "\x00" in s:  # never stored (PostgreSQL refuses it; tools cut text at it)
            s = s.replace("\x00", "")
        return s
    if is_null(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).replace("\x00", "").split())


def date_order_evidence(value: Any) -> str | None:
    """'dmy' or 'mdy' when a numeric date can only be read one way, else None."""
    if not isinstance(value, str):
        return None
    m = _NUMERIC.match(value.strip())
    if not m:
        return None
    a, b = int(m.group(1)), int(m.group(2))
    if a > 12 >= b:
        return "dmy"
    if b > 12 >= a:
        return "mdy"
    return None


class DateParser:
    """Reads ISO, D/M/Y or M/D/Y (``order``), month-name dates, Excel serials, or a strptime
    ``fmt``. Results are cached per distinct string (files repeat dates a lot)."""

    def __init__(self, *, fmt: str | None = None, order: str = "dmy", max_date: date | None = None):
        self.fmt, self.order = fmt, order
        self.max_date = max_date or (date.today() + timedelta(days=1))
        self._cache: dict[Any, date] = {}

    def __call__(self, value: Any) -> date:
        try:
            return self._cache[value]
        except (KeyError, TypeError):
            pass
        d = self._parse(value)
        if not MIN_DATE <= d <= self.max_date:
            raise ValueError("date out of range" if d < MIN_DATE else "date in the future")
        try:
            self._cache[value] = d
        except TypeError:
            pass
        return d

    def _parse(self, value: Any) -> date:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return _excel(float(value))
        s = str(value).strip()
        if not s or s.lower() in NULLS:
            raise ValueError("missing date")
        if self.fmt and self.fmt not in ("dmy", "mdy"):
            try:
                return datetime.strptime(s, self.fmt).date()
            except ValueError:
                raise ValueError(f"date does not match the format {self.fmt}") from None
        order = self.fmt or self.order
        try:
            if m := _ISO.match(s):
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if m := _NUMERIC.match(s):
                a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
                if len(m.group(3)) == 2:
                    y += 2000 if y < 70 else 1900
                day, month = (a, b) if order == "dmy" else (b, a)
                return date(y, month, day)
            if re.fullmatch(r"\d{8}", s):
                return date(int(s[:4]), int(s[4:6]), int(s[6:]))
            if re.fullmatch(r"\d{5}(\.0+)?", s):
                return _excel(float(s))
            return _wordy(s)
        except ValueError as exc:
            if str(exc).startswith(("unparseable", "date")):
                raise
            raise ValueError("unparseable date (no such day)") from None


def _excel(serial: float) -> date:
    if not 1 <= serial < 2958466:
        raise ValueError("unparseable date (number out of range)")
    return EXCEL_EPOCH + timedelta(days=int(serial))


def _wordy(s: str) -> date:
    """'07 October 2016', '7 Oct 2016', 'October 7, 2016', '07-Oct-16', 'Fri 7 Oct 2016'."""
    tokens = _WORDY.findall(s)
    month = next((MONTHS[t.lower()] for t in tokens if t.lower() in MONTHS), None)
    nums = [t for t in tokens if t.isdigit()]
    if month is None or len(nums) < 2:
        raise ValueError("unparseable date")
    years = [n for n in nums if len(n) == 4]
    if years:
        year = int(years[0])
        day = int(next(n for n in nums if n != years[0]))
    else:
        day, year = int(nums[0]), int(nums[1])
        year += 2000 if year < 70 else 1900
    return date(year, month, day)


def number(value: Any) -> float | None:
    """A float from a cell ('' → None); accepts a decimal comma ('36,2')."""
    if value.__class__ is str and value:
        try:
            x = float(value)
            if math.isfinite(x):
                return x
        except ValueError:
            pass
    if is_null(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    s = str(value).strip().replace("\u2212", "-")
    if s.count(",") == 1 and "." not in s:
        s = s.replace(",", ".")
    try:
        x = float(s)
    except ValueError:
        raise ValueError("not a number") from None
    if not math.isfinite(x):
        raise ValueError("not a finite number")
    return x


MAX_DIGITS = 40  # longer digit strings are never counts (and int() refuses > 4,300 digits)


def count(value: Any) -> int | None:
    """A non-negative whole number ('' → None; '1,200' → 1200; 'several' is an error)."""
    if value.__class__ is str and value.isdigit() and value.isascii() and len(value) <= MAX_DIGITS:
        return int(value)
    if is_null(value):
        return None
    if isinstance(value, str):
        value = value.strip().replace(",", "").replace("_", "")
        if len(value) > MAX_DIGITS:
            raise ValueError("not a plausible number (too many digits)")
    if isinstance(value, int) and not isinstance(value, bool):
        x: float | int = value  # an XLSX/JSON integer: exact, however large
    else:
        try:
            x = float(value)
        except (TypeError, ValueError, OverflowError):
            raise ValueError("not a number") from None
        if not math.isfinite(x) or not x.is_integer():
            raise ValueError("not a whole number")
    if x < 0:
        raise ValueError("negative")
    return int(x)


def fatalities(value: Any) -> int | None:
    """A count of deaths: :func:`count`, at most ``MAX_FATALITIES`` for one event."""
    n = count(value)
    if n is not None and n > MAX_FATALITIES:
        raise ValueError(f"more than {MAX_FATALITIES:,} fatalities for one event (a typo or a running total?)")
    return n


def precision(value: Any) -> int | None:
    """ACLED's 1/2/3 precision codes ('' → None)."""
    n = count(value)
    if n is not None and n not in (1, 2, 3):
        raise ValueError("precision must be 1, 2 or 3")
    return n


# Free-text types → (event_type, sub_event_type); first match wins, so specific first.
_E, _B, _V = "Explosions/Remote violence", "Battles", "Violence against civilians"
_S, _P = "Strategic developments", "Protests"
KEYWORDS: tuple[tuple[str, tuple[str, str]], ...] = (
    (r"chemical|chlorine|sarin|gas attack|toxic gas", (_E, "Chemical weapon")),
    (r"suicide", (_E, "Suicide bomb")),
    (r"\bair ?strikes?\b|\bair ?raids?\b|\bair ?attack|\bbarrel|\bdrone|\baerial|\bwarplane|\bbombard"
     r"|\bjets?\b|\bhelicopter|\bair/drone", (_E, "Air/drone strike")),
    (r"shell|artillery|mortar|rocket|missile|\bgrad\b|howitzer|\bmlrs?\b|\bmbrl\b|cannon", (_E, "Shelling/artillery/missile attack")),
    (r"\bied\b|vbied|car bomb|landmine|\bmines?\b|explosive device|roadside bomb|\bexplosions?\b|\bbomb", (_E, "Remote explosive/landmine/IED")),
    (r"grenade", (_E, "Grenade")),
    (r"clash|fighting|\bbattles?\b|firefight|gunfight|combat|skirmish|offensive|assault", (_B, "Armed clash")),
    (r"recaptur|regain", (_B, "Government regains territory")),
    (r"captur|overr[au]n|seiz", (_B, "Non-state actor overtakes territory")),
    (r"abduct|kidnap|disappear", (_V, "Abduction/forced disappearance")),
    (r"sexual|rape", (_V, "Sexual violence")),
    (r"massacre|execution|executed|sniper|shooting|killing|murder|attack on civilians|violence against civilians", (_V, "Attack")),
    (r"protest|demonstrat|rally|sit-in", (_P, "Peaceful protest")),
    (r"riot|mob", ("Riots", "Violent demonstration")),
    (r"arrest|detain|detention|raid", (_S, "Arrests")),
    (r"loot|destruction|demolition|arson|burn", (_S, "Looting/property destruction")),
    (r"ceasefire|cease-fire|truce|agreement|deal|evacuation", (_S, "Agreement")),
    (r"strategic development", (_S, "Other")),
)
_KEYWORDS = tuple((re.compile(p, re.I), t) for p, t in KEYWORDS)
_TYPES_CI = {t.casefold(): t for t in EVENT_TYPES}
_SUBS_CI = {s.casefold(): s for s in SUB_EVENT_TYPES}


def event_type(raw_type: str, raw_sub: str = "") -> tuple[str, str]:
    """ACLED (type, sub-type) for a type and sub-type as written; ``ValueError`` if unknown.

    Accepts ACLED's current names (any case), older ACLED names ("Remote violence",
    "Battle-No change of territory"), a sub-type given as the type, and common free text
    ("airstrike", "shelling", "clashes", "barrel bombs").
    """
    t, s = " ".join(raw_type.split()).casefold(), " ".join(raw_sub.split()).casefold()
    sub = _SUBS_CI.get(s, "")
    if t in _TYPES_CI:
        et = _TYPES_CI[t]
        if sub and SUB_EVENT_TYPES[sub] != et:
            sub = ""
        if not sub and s:
            kt = _keyword(s)
            sub = kt[1] if kt and kt[0] == et else ""
        return et, sub
    if t in _SUBS_CI:
        return SUB_EVENT_TYPES[_SUBS_CI[t]], _SUBS_CI[t]
    if t in OLD_TYPES:
        et, default_sub = OLD_TYPES[t]
        if sub and SUB_EVENT_TYPES[sub] == et:
            return et, sub
        return et, default_sub
    if not t:
        if sub:
            return SUB_EVENT_TYPES[sub], sub
        raise ValueError("missing event type")
    kt = _keyword(t)
    if kt is None:
        raise ValueError("unknown event type")
    return kt


def _keyword(t: str) -> tuple[str, str] | None:
    for rx, result in _KEYWORDS:
        if rx.search(t):
            return result
    return None
