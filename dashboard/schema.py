"""The event schema: one record type with ACLED's column names, plus provenance."""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

# ACLED's six event types and their sub-types (ACLED Codebook, 2023+).
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
SUB_EVENT_TYPES: dict[str, str] = {sub: t for t, subs in EVENT_TYPES.items() for sub in subs}

# geo_precision, as ACLED codes it.
PRECISION_PLACE = 1  # the named neighbourhood, landmark or village
PRECISION_AREA = 2  # part of the city / near a place
PRECISION_CITY = 3  # only the city (or a larger region)
PRECISIONS = (PRECISION_PLACE, PRECISION_AREA, PRECISION_CITY)

# The most deaths one event can carry: a larger figure is a typo, a city-wide running total
# or a hostile value (which would overflow the store's totals), so ingest rejects the row.
MAX_FATALITIES = 100_000

# time_precision, as ACLED codes it.
TIME_DAY, TIME_WEEK, TIME_MONTH = 1, 2, 3


@dataclass(slots=True)
class Event:
    """One reported event. Field names follow ACLED; the last three are provenance."""

    event_date: date
    event_type: str
    sub_event_type: str = ""
    event_id: str = ""
    time_precision: int = TIME_DAY
    actor1: str = ""
    assoc_actor_1: str = ""
    actor2: str = ""
    assoc_actor_2: str = ""
    location: str = ""  # the place as written in the source
    place_id: str | None = None  # gazetteer place id, None when unresolved
    district: str | None = None  # neighbourhood polygon name (English) containing it
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None  # 1, 2, 3; None when unresolved
    fatalities: int | None = None
    source: str = ""
    source_url: str = ""
    notes: str = ""
    origin: str = ""  # the file or report it came from
    origin_line: int | None = None
    ingested_at: str = ""  # ISO 8601 UTC, set by the store
    extra: dict[str, Any] = field(default_factory=dict)  # not stored; reader-specific

    def ensure_id(self) -> str:
        """Give the event a stable content id unless it has one (e.g. ACLED's)."""
        if not self.event_id:
            self.event_id = content_id(self)
        return self.event_id

    def to_record(self) -> dict[str, Any]:
        """The stored columns as a plain dict (dates as ISO strings)."""
        rec = {name: getattr(self, name) for name in COLUMNS}
        rec["event_date"] = self.event_date.isoformat()
        return rec


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Event) if f.name != "extra")
# The columns shown to users and written to CSV exports, in this order.
EXPORT_COLUMNS: tuple[str, ...] = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "location", "place_id",
    "district", "latitude", "longitude", "geo_precision", "fatalities", "source",
    "source_url", "notes", "origin", "origin_line", "ingested_at",
)


def content_id(event: Event) -> str:
    """A stable id from what the event says, so that the same event from two files is one.

    What makes two reports one event: the day, the place as written (spelling folded by the
    gazetteer's normalisation: "Sukkari" = "al-Sukkari"), type and sub-type, both actors, the
    fatalities, the report's words and any coordinates the input gave. Left out: provenance
    (origin, line, ingest time) and the source's name (the same row ingested with another
    ``--source`` is the same event). Computed before geocoding, so that adding an alias and
    re-ingesting never makes a second copy.
    """
    from gazetteer.normalize import normalize  # the same folding the gazetteer matches with

    place = normalize(event.location) if event.location.strip() else (event.place_id or "").lower()
    parts = (
        event.event_date.isoformat(),
        place,
        event.event_type,
        event.sub_event_type,
        event.actor1.strip().lower(),
        event.actor2.strip().lower(),
        "" if event.fatalities is None else str(int(event.fatalities)),
        " ".join(event.notes.split()).lower(),
        f"{event.latitude:.5f},{event.longitude:.5f}" if event.latitude is not None and event.longitude is not None else "",
    )
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=10).hexdigest()
    return f"ev-{digest}"


def as_dict(event: Event) -> dict[str, Any]:
    """Every field, including ``extra``: for JSON output."""
    d = asdict(event)
    d["event_date"] = event.event_date.isoformat()
    d.pop("extra", None)
    return d
