"""The view state: every filter and the map's view, as one frozen value.

It round-trips through URL query parameters (the shareable link) and the CLI
flags of ``python -m dashboard snapshot`` use the same names. Parsing is
forgiving: unknown, malformed or hostile parameters are dropped and reported
as notices, never raised.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Iterable, Mapping

from .i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, Message, comma, semicolon, t
from .schema import EVENT_TYPES, PRECISIONS, SUB_EVENT_TYPES
from .linkvalues import (DATE_MAX, DATE_MIN, MAX_TEXT, MAX_VALUES, _FALSE, _TRUE, _as_list, _canonical,  # noqa: F401 (re-exported)
                         _clean_text, _fmt_coord, _number, _parse_date, _shown)
from .timeline import DEFAULT_STEP, STEPS, period_start, window_bounds

SHADES = ("events", "fatalities", "damage")  # damage: damage sites per district
LAYERS = ("tiles", "heat", "landmarks", "points", "areas", "damage")
DEFAULT_LAYERS = ("points", "areas", "damage")  # damage: the evidence layer (satellite damage sites)
DEFAULT_CENTER = (36.2000, 37.1500)
DEFAULT_ZOOM = 12

# Query-parameter names (also the CLI flag names).
P_FROM, P_TO, P_ACTOR, P_TYPE, P_SUBTYPE = "from", "to", "actor", "type", "subtype"
P_DISTRICT, P_PRECISION, P_MINFAT, P_TEXT, P_SOURCE = "district", "precision", "minfat", "q", "source"
P_LAT, P_LON, P_ZOOM, P_LAYERS, P_SHADE, P_COARSEN = "lat", "lon", "zoom", "layers", "shade", "coarsen"
P_LANG = "lang"
P_SIDE, P_FAMILY = "side", "family"  # actor sides and ACLED families (dashboard.actor_sides)
P_STEP, P_AT = "step", "at"  # the time slider: its step and the start of its window
WINDOW_WORDS = {"day": N_("day {at}: {start} to {end}"), "week": N_("week of {at}: {start} to {end}"),
                "month": N_("month of {at}: {start} to {end}")}
KNOWN_PARAMS = (
    P_FROM, P_TO, P_ACTOR, P_TYPE, P_SUBTYPE, P_DISTRICT, P_PRECISION, P_MINFAT,
    P_TEXT, P_SOURCE, P_LAT, P_LON, P_ZOOM, P_LAYERS, P_SHADE, P_COARSEN, P_LANG, P_SIDE, P_FAMILY, P_STEP, P_AT,
)


@dataclass(frozen=True)
class ViewState:
    """What the user is looking at. Empty tuples mean "no filter on this field"."""

    date_from: date | None = None
    date_to: date | None = None
    actors: tuple[str, ...] = ()  # matches actor1 or actor2 (or their associates)
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    precisions: tuple[int, ...] = ()
    min_fatalities: int = 0
    text: str = ""  # free text over notes and place names
    sources: tuple[str, ...] = ()
    center: tuple[float, float] = DEFAULT_CENTER
    zoom: int = DEFAULT_ZOOM
    layers: tuple[str, ...] = DEFAULT_LAYERS
    shade: str = "events"
    coarsen: bool = False
    lang: str = DEFAULT_LANGUAGE  # the interface language (labels, legend, captions), not a filter
    # Sides and families of actors (ids of dashboard/data/actor-sides.json): an event matches when
    # one of its actors is on one of them; with ``actors``, any of the three matches.
    sides: tuple[str, ...] = ()
    families: tuple[str, ...] = ()
    step: str = DEFAULT_STEP  # the time slider's step: day, week or month
    at: date | None = None  # the time slider's window [at, at + step), cut to the dates; None: the whole period

    def __post_init__(self) -> None:
        # Normalise so that equal views compare (and cache) equal and survive a
        # round trip through a link: tuples, no blanks or duplicates, a sorted
        # precision set, cleaned text and a centre rounded to ~0.1 m.
        put = object.__setattr__
        for name in ("actors", "event_types", "sub_event_types", "districts", "sources", "sides", "families"):
            values = getattr(self, name)
            values = (values,) if isinstance(values, str) else tuple(values or ())
            cleaned = (_clean_text(str(v)) for v in values)
            put(self, name, tuple(dict.fromkeys(v for v in cleaned if v)))
        put(self, "precisions", tuple(sorted({int(p) for p in self.precisions or ()})))
        _split_actor_groups(self, put)
        layers = (self.layers,) if isinstance(self.layers, str) else tuple(self.layers or ())
        put(self, "layers", tuple(dict.fromkeys(str(x) for x in layers)))
        put(self, "text", _clean_text(str(self.text or "")))
        lat, lon = self.center
        put(self, "center", (round(float(lat), 6), round(float(lon), 6)))
        put(self, "zoom", int(self.zoom))
        put(self, "min_fatalities", int(self.min_fatalities or 0))
        put(self, "coarsen", bool(self.coarsen))
        put(self, "lang", self.lang if self.lang in LANGUAGES else DEFAULT_LANGUAGE)
        put(self, "step", self.step if self.step in STEPS else DEFAULT_STEP)
        put(self, "at", period_start(self.at, self.step) if isinstance(self.at, date) else None)

    def filters_only(self) -> "ViewState":
        """The same filters with the default map view: the key for cached queries."""
        return replace(self, center=DEFAULT_CENTER, zoom=DEFAULT_ZOOM, layers=DEFAULT_LAYERS,
                       shade="events", coarsen=False, lang=DEFAULT_LANGUAGE,
                       step=self.step if self.at else DEFAULT_STEP)

    def date_bounds(self) -> tuple[date | None, date | None]:
        """The dates the events must fall in: the date filter, narrowed to the time slider's
        window when one is set (from > to when the window lies outside the dates)."""
        if self.at is None:
            return self.date_from, self.date_to
        return window_bounds(self.at, self.step, self.date_from, self.date_to)

    def whole_period(self) -> "ViewState":
        """The same view without the time slider's window (the whole filtered period)."""
        return replace(self, at=None) if self.at else self

    def is_filtered(self) -> bool:
        """True when any filter (not the map view) differs from the default."""
        return self.filters_only() != ViewState()

    def describe(self, lang: str = DEFAULT_LANGUAGE, names: Mapping[str, str] | None = None) -> str:
        """A one-line human caption of the filters in ``lang``, e.g. for snapshots; ``names`` gives
        the shown name of a district (its Arabic name in Arabic), else the stored name is used."""
        parts: list[str] = []
        if self.date_from or self.date_to:
            parts.append(t("dates {start} to {end}", lang, start=self.date_from or "…", end=self.date_to or "…"))
        if self.sides or self.families:
            from .actor_sides import table

            groups = [table().side(x).name(lang) for x in self.sides]
            groups += [table().families[x].name(lang) for x in self.families]
            parts.append(t("actor sides: {values}", lang, values=("، " if lang == "ar" else ", ").join(groups)))
        if self.at:
            start, end = self.date_bounds()
            parts.append(t(WINDOW_WORDS[self.step], lang, at=self.at, start=start, end=end))
        shown = names or {}
        sep = comma(lang)
        for label, values in ((N_("actor: {values}"), self.actors),
                              (N_("type: {values}"), [t(v, lang) for v in self.event_types]),
                              (N_("sub-type: {values}"), [t(v, lang) for v in self.sub_event_types]),
                              (N_("district: {values}"), [shown.get(v, v) for v in self.districts]),
                              (N_("source: {values}"), self.sources)):
            if values:
                parts.append(t(label, lang, values=sep.join(values)))
        if self.precisions:
            parts.append(t("geo precision {values}", lang, values=sep.join(map(str, self.precisions))))
        if self.min_fatalities:
            parts.append(t("at least {n} fatalities", lang, n=self.min_fatalities))
        if self.text:
            parts.append(t("text “{text}”", lang, text=self.text))
        return semicolon(lang).join(parts) if parts else t("no filters (all events)", lang)

    def to_query_params(self) -> dict[str, str | list[str]]:
        """Only what differs from the default, so links stay short."""
        d = ViewState()
        out: dict[str, str | list[str]] = {}
        if self.date_from:
            out[P_FROM] = self.date_from.isoformat()
        if self.date_to:
            out[P_TO] = self.date_to.isoformat()
        for name, values in ((P_SIDE, self.sides), (P_FAMILY, self.families),
                             (P_ACTOR, self.actors), (P_TYPE, self.event_types),
                             (P_SUBTYPE, self.sub_event_types), (P_DISTRICT, self.districts),
                             (P_SOURCE, self.sources)):
            if values:
                out[name] = list(values)
        if self.precisions:
            out[P_PRECISION] = [str(p) for p in self.precisions]
        if self.min_fatalities:
            out[P_MINFAT] = str(self.min_fatalities)
        if self.text:
            out[P_TEXT] = self.text
        if self.center != d.center:
            out[P_LAT], out[P_LON] = _fmt_coord(self.center[0]), _fmt_coord(self.center[1])
        if self.zoom != d.zoom:
            out[P_ZOOM] = str(self.zoom)
        if self.layers != d.layers:
            out[P_LAYERS] = ",".join(self.layers) if self.layers else "none"
        if self.shade != d.shade:
            out[P_SHADE] = self.shade
        if self.coarsen:
            out[P_COARSEN] = "1"
        if self.lang != d.lang:
            out[P_LANG] = self.lang
        if self.at or self.step != d.step:
            out[P_STEP] = self.step
        if self.at:
            out[P_AT] = self.at.isoformat()
        return out


def _split_actor_groups(view: ViewState, put) -> None:
    """Actor values that name a side or family ("regime", "side:government") move to ``sides``/
    ``families``; sides and families given by synonym become their ids; unknown ones are dropped."""
    if not (view.actors or view.sides or view.families):
        return
    from .actor_terms import split_values

    actors, sides, families = split_values(view.actors)
    for value in view.sides:
        found = split_values([value])[1] or split_values([f"side:{value}"])[1]
        sides.extend(s for s in found if s not in sides)
    for value in view.families:
        found = split_values([value])[2] or split_values([f"family:{value}"])[2]
        families.extend(f for f in found if f not in families)
    put(view, "actors", tuple(actors))
    put(view, "sides", tuple(sides))
    put(view, "families", tuple(families))


def from_query_params(params: Mapping[str, object], *,
                      districts: Iterable[str] | None = None) -> tuple[ViewState, list[str]]:
    """Build a view from query parameters; returns it with notices for what was ignored.

    With ``districts`` (the names the app knows), a district outside them is ignored with a
    notice instead of silently matching nothing.

    ``params`` may map a name to one string or to a list (``st.query_params.to_dict()``
    gives the last value only, so pass ``{k: st.query_params.get_all(k)}``).
    Never raises: anything unusable is dropped and described in a plain-text notice
    (which quotes the hostile value: escape it where it is shown).
    """
    notices: list[str] = []
    kw: dict[str, object] = {}

    def note(name: object, raw: object, why: str) -> None:
        notices.append(Message("Ignored link parameter {name} = {value}: {why}.", name=repr(_shown(str(name))),
                               value=repr(_shown(raw)), why=why))

    try:
        items = list(params.items())
    except Exception:  # noqa: BLE001 - not a mapping at all
        return ViewState(), [Message("Ignored the link's parameters: they could not be read.")]
    for name, raw in items[: len(KNOWN_PARAMS) + 50]:
        if name in SILENT_PARAMS:
            continue
        if name not in KNOWN_PARAMS:
            note(name, raw, Message("unknown parameter"))
            continue
        listed = _as_list(raw)
        if len(listed) > MAX_VALUES:
            note(name, f"{MAX_VALUES}+ values", Message("only the first {n} are used", n=MAX_VALUES))
            listed = listed[:MAX_VALUES]
        values = [v for v in (_clean_text(v) for v in listed) if v]
        if not values:
            continue
        last = values[-1]
        try:
            if name in (P_FROM, P_TO):
                kw["date_from" if name == P_FROM else "date_to"] = _parse_date(last)
            elif name == P_ACTOR:
                kw["actors"] = tuple(values)
            elif name in (P_SIDE, P_FAMILY):
                from .actor_terms import split_values

                kind = 1 if name == P_SIDE else 2
                known = [v for v in values if split_values([v])[kind] or split_values([f"{name}:{v}"])[kind]]
                for v in values:
                    if v not in known:
                        note(name, v, Message("not an actor side (see dashboard/data/actor-sides.json)")
                             if name == P_SIDE else Message("not an actor family (see dashboard/data/actor-sides.json)"))
                kw["sides" if name == P_SIDE else "families"] = tuple(known)
            elif name == P_SOURCE:
                kw["sources"] = tuple(values)
            elif name == P_DISTRICT:
                if districts is not None:
                    values, bad = _canonical(values, districts)
                    for v in bad:
                        note(name, v, Message("not a district of Aleppo's gazetteer"))
                kw["districts"] = tuple(values)
            elif name in (P_TYPE, P_SUBTYPE):
                allowed = EVENT_TYPES if name == P_TYPE else SUB_EVENT_TYPES
                known, bad = _canonical(values, allowed)
                for v in bad:
                    note(name, v, Message("not an ACLED event type") if name == P_TYPE
                         else Message("not an ACLED sub-event type"))
                kw["event_types" if name == P_TYPE else "sub_event_types"] = tuple(known)
            elif name == P_PRECISION:
                ps = {_number(v, int) for v in values}
                if any(p not in PRECISIONS for p in ps):
                    raise ValueError(Message("precision is 1, 2 or 3"))
                kw["precisions"] = tuple(ps)
            elif name == P_MINFAT:
                n = _number(last, int)
                if not 0 <= n <= 1_000_000:
                    raise ValueError(Message("out of range"))
                kw["min_fatalities"] = n
            elif name == P_TEXT:
                kw["text"] = last
            elif name in (P_LAT, P_LON):
                x = _number(last)
                if not math.isfinite(x) or abs(x) > (90 if name == P_LAT else 180):
                    raise ValueError(Message("out of range"))
                kw[name] = x
            elif name == P_ZOOM:
                z = _number(last, int)
                if not 1 <= z <= 20:
                    raise ValueError(Message("zoom is 1 to 20"))
                kw["zoom"] = z
            elif name == P_LAYERS:
                chosen = [] if last.casefold() == "none" else [x.strip() for x in last.split(",") if x.strip()]
                known, bad = _canonical(chosen, LAYERS)
                if bad:
                    note(name, ",".join(bad), Message("unknown layer"))
                kw["layers"] = tuple(known)
            elif name == P_SHADE:
                known, _ = _canonical([last], SHADES)
                if not known:
                    raise ValueError(Message("shade is 'events', 'fatalities' or 'damage'"))
                kw["shade"] = known[0]
            elif name == P_COARSEN:
                flag = last.casefold()
                if flag not in _TRUE + _FALSE:
                    raise ValueError(Message("coarsen is 1 or 0"))
                kw["coarsen"] = flag in _TRUE
            elif name == P_LANG:
                known, _ = _canonical([last], LANGUAGES)
                if not known:
                    raise ValueError(Message("lang is {codes}", codes=" or ".join(repr(code) for code in LANGUAGES)))
                kw["lang"] = known[0]
            elif name == P_STEP:
                known, _ = _canonical([last], STEPS)
                if not known:
                    raise ValueError("step is " + ", ".join(repr(s) for s in STEPS))
                kw["step"] = known[0]
            elif name == P_AT:
                kw["at"] = _parse_date(last)
        except (ValueError, OverflowError) as exc:
            why = exc.args[0] if exc.args and isinstance(exc.args[0], Message) else str(exc)
            note(name, raw, why or Message("malformed"))

    lat, lon = kw.pop(P_LAT, None), kw.pop(P_LON, None)
    if lat is not None and lon is not None:
        kw["center"] = (lat, lon)
    elif (lat is None) != (lon is None):
        notices.append(Message("Ignored the map centre: the link gives only one of 'lat' and 'lon'."))
    try:
        state = ViewState(**kw)  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - a last guard: a link never crashes the app
        return ViewState(), notices + [Message("Ignored the link's parameters: they could not be used.")]
    if state.date_from and state.date_to and state.date_from > state.date_to:
        notices.append(Message("The link's 'from' date is after its 'to' date; the two were swapped."))
        state = replace(state, date_from=state.date_to, date_to=state.date_from)
    start, end = state.date_bounds()
    if state.at and start and end and start > end:
        notices.append(f"Ignored the link's time window ({state.step} of {state.at}): it lies outside its dates.")
        state = replace(state, at=None)
    return state, notices


# Added by Streamlit itself (embedding options): not ours, not worth a notice.
SILENT_PARAMS = ("embed", "embed_options")


FIELD_NAMES = tuple(f.name for f in fields(ViewState))
