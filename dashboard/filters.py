"""The view state: every filter and the map's view, as one frozen value.

It round-trips through URL query parameters (the shareable link) and the CLI
flags of ``python -m dashboard snapshot`` use the same names. Parsing is
forgiving: unknown, malformed or hostile parameters are dropped and reported
as notices, never raised.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Iterable, Mapping

from .schema import EVENT_TYPES, PRECISIONS, SUB_EVENT_TYPES

SHADES = ("events", "fatalities")
LAYERS = ("tiles", "heat", "landmarks", "points", "areas")
DEFAULT_LAYERS = ("points", "areas")
DEFAULT_CENTER = (36.2000, 37.1500)
DEFAULT_ZOOM = 12
MAX_VALUES = 200  # per multi-valued parameter; more is hostile, not a real view
MAX_TEXT = 200

# Query-parameter names (also the CLI flag names).
P_FROM, P_TO, P_ACTOR, P_TYPE, P_SUBTYPE = "from", "to", "actor", "type", "subtype"
P_DISTRICT, P_PRECISION, P_MINFAT, P_TEXT, P_SOURCE = "district", "precision", "minfat", "q", "source"
P_LAT, P_LON, P_ZOOM, P_LAYERS, P_SHADE, P_COARSEN = "lat", "lon", "zoom", "layers", "shade", "coarsen"
KNOWN_PARAMS = (
    P_FROM, P_TO, P_ACTOR, P_TYPE, P_SUBTYPE, P_DISTRICT, P_PRECISION, P_MINFAT,
    P_TEXT, P_SOURCE, P_LAT, P_LON, P_ZOOM, P_LAYERS, P_SHADE, P_COARSEN,
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

    def filters_only(self) -> "ViewState":
        """The same filters with the default map view: the key for cached queries."""
        return replace(self, center=DEFAULT_CENTER, zoom=DEFAULT_ZOOM, layers=DEFAULT_LAYERS,
                       shade="events", coarsen=False)

    def is_filtered(self) -> bool:
        """True when any filter (not the map view) differs from the default."""
        return self.filters_only() != ViewState()

    def describe(self) -> str:
        """A one-line human caption of the filters, e.g. for snapshots."""
        parts: list[str] = []
        if self.date_from or self.date_to:
            parts.append(f"dates {self.date_from or '…'} to {self.date_to or '…'}")
        for label, values in (("actor", self.actors), ("type", self.event_types),
                              ("sub-type", self.sub_event_types), ("district", self.districts),
                              ("source", self.sources)):
            if values:
                parts.append(f"{label}: {', '.join(values)}")
        if self.precisions:
            parts.append("geo precision " + ", ".join(map(str, self.precisions)))
        if self.min_fatalities:
            parts.append(f"at least {self.min_fatalities} fatalities")
        if self.text:
            parts.append(f"text “{self.text}”")
        return "; ".join(parts) if parts else "no filters (all events)"

    def to_query_params(self) -> dict[str, str | list[str]]:
        """Only what differs from the default, so links stay short."""
        d = ViewState()
        out: dict[str, str | list[str]] = {}
        if self.date_from:
            out[P_FROM] = self.date_from.isoformat()
        if self.date_to:
            out[P_TO] = self.date_to.isoformat()
        for name, values in ((P_ACTOR, self.actors), (P_TYPE, self.event_types),
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
            out[P_LAT], out[P_LON] = f"{self.center[0]:.5f}", f"{self.center[1]:.5f}"
        if self.zoom != d.zoom:
            out[P_ZOOM] = str(self.zoom)
        if self.layers != d.layers:
            out[P_LAYERS] = ",".join(self.layers) if self.layers else "none"
        if self.shade != d.shade:
            out[P_SHADE] = self.shade
        if self.coarsen:
            out[P_COARSEN] = "1"
        return out


def _as_list(value: str | Iterable[str]) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _clean_text(value: str) -> str:
    # Control characters never belong in a filter; length is capped against abuse.
    return "".join(ch for ch in value if ch.isprintable()).strip()[:MAX_TEXT]


def _parse_date(value: str) -> date:
    return date.fromisoformat(value.strip()[:10])


def from_query_params(params: Mapping[str, str | Iterable[str]]) -> tuple[ViewState, list[str]]:
    """Build a view from query parameters; returns it with notices for what was ignored.

    ``params`` may map a name to one string or to a list (``st.query_params.to_dict()``
    gives the last value only, so pass ``{k: st.query_params.get_all(k)}``).
    """
    notices: list[str] = []
    kw: dict[str, object] = {}

    def note(name: str, raw: object, why: str) -> None:
        shown = str(raw)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        notices.append(f"Ignored link parameter {name!r} = {shown!r}: {why}.")

    for name, raw in params.items():
        if name not in KNOWN_PARAMS:
            note(name, raw, "unknown parameter")
            continue
        values = [_clean_text(v) for v in _as_list(raw)][:MAX_VALUES]
        values = [v for v in values if v]
        if not values:
            continue
        last = values[-1]
        try:
            if name in (P_FROM, P_TO):
                kw["date_from" if name == P_FROM else "date_to"] = _parse_date(last)
            elif name == P_ACTOR:
                kw["actors"] = tuple(dict.fromkeys(values))
            elif name == P_SOURCE:
                kw["sources"] = tuple(dict.fromkeys(values))
            elif name == P_DISTRICT:
                kw["districts"] = tuple(dict.fromkeys(values))
            elif name == P_TYPE:
                bad = [v for v in values if v not in EVENT_TYPES]
                for v in bad:
                    note(name, v, "not an ACLED event type")
                kw["event_types"] = tuple(dict.fromkeys(v for v in values if v in EVENT_TYPES))
            elif name == P_SUBTYPE:
                bad = [v for v in values if v not in SUB_EVENT_TYPES]
                for v in bad:
                    note(name, v, "not an ACLED sub-event type")
                kw["sub_event_types"] = tuple(dict.fromkeys(v for v in values if v in SUB_EVENT_TYPES))
            elif name == P_PRECISION:
                ps = tuple(sorted({int(v) for v in values}))
                if any(p not in PRECISIONS for p in ps):
                    raise ValueError("precision is 1, 2 or 3")
                kw["precisions"] = ps
            elif name == P_MINFAT:
                n = int(last)
                if not 0 <= n <= 1_000_000:
                    raise ValueError("out of range")
                kw["min_fatalities"] = n
            elif name == P_TEXT:
                kw["text"] = last
            elif name in (P_LAT, P_LON):
                x = float(last)
                if not math.isfinite(x) or abs(x) > (90 if name == P_LAT else 180):
                    raise ValueError("out of range")
                kw[name] = x
            elif name == P_ZOOM:
                z = int(last)
                if not 1 <= z <= 20:
                    raise ValueError("zoom is 1 to 20")
                kw["zoom"] = z
            elif name == P_LAYERS:
                chosen = [] if last == "none" else [x.strip() for x in last.split(",") if x.strip()]
                bad = [x for x in chosen if x not in LAYERS]
                if bad:
                    note(name, ",".join(bad), "unknown layer")
                kw["layers"] = tuple(dict.fromkeys(x for x in chosen if x in LAYERS))
            elif name == P_SHADE:
                if last not in SHADES:
                    raise ValueError("shade is 'events' or 'fatalities'")
                kw["shade"] = last
            elif name == P_COARSEN:
                kw["coarsen"] = last.lower() in ("1", "true", "yes", "on")
        except ValueError as exc:
            note(name, raw if isinstance(raw, str) else values, str(exc) or "malformed")

    lat, lon = kw.pop(P_LAT, None), kw.pop(P_LON, None)
    if lat is not None and lon is not None:
        kw["center"] = (lat, lon)
    elif (lat is None) != (lon is None):
        notices.append("Ignored the map centre: the link gives only one of 'lat' and 'lon'.")
    state = ViewState(**kw)  # type: ignore[arg-type]
    if state.date_from and state.date_to and state.date_from > state.date_to:
        notices.append("The link's 'from' date is after its 'to' date; the two were swapped.")
        state = replace(state, date_from=state.date_to, date_to=state.date_from)
    return state, notices


FIELD_NAMES = tuple(f.name for f in fields(ViewState))
