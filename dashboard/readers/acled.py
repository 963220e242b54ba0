"""What is particular to ACLED exports: their columns, old names and old event types."""
from __future__ import annotations

# The 31 columns of a current ACLED export.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
# Column names of older exports (upper case in some) that mean one of ours.
OLD_COLUMNS: dict[str, str] = {
    "ally_actor_1": "assoc_actor_1",
    "ally_actor_2": "assoc_actor_2",
}
# Older ACLED event types (before the 2019 codebook) → (event_type, default sub-type).
OLD_TYPES: dict[str, tuple[str, str]] = {
    "battle-no change of territory": ("Battles", "Armed clash"),
    "battle-government regains territory": ("Battles", "Government regains territory"),
    "battle-non-state actor overtakes territory": ("Battles", "Non-state actor overtakes territory"),
    "remote violence": ("Explosions/Remote violence", ""),
    "violence against civilians": ("Violence against civilians", "Attack"),
    "riots/protests": ("Protests", ""),
    "riots": ("Riots", ""),
    "protests": ("Protests", ""),
    "strategic development": ("Strategic developments", "Other"),
    "headquarters or base established": ("Strategic developments", "Headquarters or base established"),
    "non-violent transfer of territory": ("Strategic developments", "Non-violent transfer of territory"),
    "explosions/remote violence": ("Explosions/Remote violence", ""),
}
_MARKERS = {"event_id_cnty", "event_date", "actor1", "event_type", "fatalities", "geo_precision"}


def is_acled(columns: list[str]) -> bool:
    """True for the header of an ACLED export (current or older, any case)."""
    names = {c.strip().lower() for c in columns}
    return len(_MARKERS & names) >= 5
