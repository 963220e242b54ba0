"""Evidence: damage seen on satellite imagery, kept apart from events.

A damage site is not an event: it has no actors, no fatalities and no day, only a place,
a damage level and an *imagery window* (the damage happened after the earlier image and
before the later one). Damage sites live in their own table (``damage_sites``), have their
own map layer and legend, and are counted apart; they never enter event counts, the events
table, the timeline or the actor filters.

Damage levels are UNOSAT's codes: 1 destroyed, 2 severe, 3 moderate, 6 possible damage.
Sites an assessment did not grade on that scale (impact craters in fields and roads, large
impact sites, "unknown") keep their class as written and have no level (``None``).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from datetime import date

from ..i18n import N_

LEVEL_DESTROYED, LEVEL_SEVERE, LEVEL_MODERATE, LEVEL_POSSIBLE = 1, 2, 3, 6
DAMAGE_LEVELS: dict[int, str] = {
    LEVEL_DESTROYED: N_("Destroyed"),
    LEVEL_SEVERE: N_("Severe damage"),
    LEVEL_MODERATE: N_("Moderate damage"),
    LEVEL_POSSIBLE: N_("Possible damage"),
}
UNGRADED = N_("Crater, impact site or not graded")
# Colours of the damage levels: a magenta ramp, a family no event type uses (events are red,
# orange, purple, blue, green, cyan and black dots); sites are drawn as small squares.
LEVEL_COLOURS: dict[int | None, str] = {
    LEVEL_DESTROYED: "#8e0152", LEVEL_SEVERE: "#c51b7d", LEVEL_MODERATE: "#de77ae",
    LEVEL_POSSIBLE: "#f1b6da", None: "#9e9aa6",
}
LEVEL_ORDER: tuple[int | None, ...] = (LEVEL_DESTROYED, LEVEL_SEVERE, LEVEL_MODERATE, LEVEL_POSSIBLE, None)

# The bundled assessments and their credit (see dashboard/data/SOURCES.md).
CREDIT = "UNITAR-UNOSAT damage assessment, via Columbia CSR"


@dataclass(slots=True)
class DamageSite:
    """One damaged structure or impact seen on imagery (stored in ``damage_sites``)."""

    latitude: float
    longitude: float
    window_start: date  # the earlier image (or the image day when no earlier one is known)
    window_end: date  # the image on which the damage was seen
    damage_level: int | None = None  # UNOSAT code (1, 2, 3, 6); None: not graded on that scale
    damage: str = ""  # the damage class as the file writes it ("Destroyed (bld)", "2", ...)
    confidence: str = ""
    cause: str = ""  # as written ("Air Strike / Missile (SSM)"); an assessment's guess, not an event
    site_type: str = ""  # "Building (General / Default)", "Road", ...
    sensor: str = ""  # the satellite ("Pleiades", "Worldview-2")
    place: str = ""  # the place name the file gives, as written
    district: str | None = None  # the district polygon it lies in (None: outside every one)
    source: str = ""
    origin: str = ""  # the file it came from
    origin_line: int | None = None
    site_id: str = ""
    ingested_at: str = ""

    def ensure_id(self, given: str = "") -> str:
        """A stable content id (``given``: the file's own row id, when it has one)."""
        if not self.site_id:
            self.site_id = site_id(self, given)
        return self.site_id


DAMAGE_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(DamageSite))


def site_id(site: DamageSite, given: str = "") -> str:
    """The same site from the same assessment is one row, whichever file or ingest it came in.

    Made from what the assessment says (point, window, level, class, type, sensor) and the
    file's own row id when it has one (two identical rows with different ids are two sites);
    not from the source name, the district or provenance.
    """
    parts = (given.strip(), f"{site.latitude:.6f},{site.longitude:.6f}", site.window_start.isoformat(),
             site.window_end.isoformat(), "" if site.damage_level is None else str(site.damage_level),
             site.damage.strip().lower(), site.site_type.strip().lower(), site.sensor.strip().lower())
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=10).hexdigest()
    return f"dmg-{digest}"


def level_name(level: int | None) -> str:
    """The English name of a damage level (translate with ``t`` where shown)."""
    return DAMAGE_LEVELS.get(level, UNGRADED) if level is not None else UNGRADED
