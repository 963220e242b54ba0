"""Where each place comes from (issue 11 §1): a source kind and a short label per place.

``Place.source`` holds the full citation the build wrote; :func:`source_key` sorts it into
one of :data:`SOURCE_KEYS` and :func:`short_label` gives the name a popup shows ("CSR",
"UNOSAT", "Wikipedia", ...). The texts shown in the interface (titles, licences) are in
:mod:`dashboard.sources`, translated there.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from .model import Place

# csr: a CSR polygon, landmark or cultural site; csr-unosat: a CSR name that UNOSAT's damage
# points locate; unosat: a place that only UNOSAT's points outline; cited: a public source per
# place (data/curated/places.csv, the city's point); area: a union of CSR neighbourhoods;
# user: a place a user added (its note is its source).
SOURCE_KEYS = ("csr", "csr-unosat", "unosat", "cited", "area", "user")
CSR_PREFIX = "Columbia University Center for Spatial Research"
UNOSAT_PREFIX = "UNITAR-UNOSAT"
AREA_PREFIX = "union of member neighbourhoods"
_HOST = re.compile(r"https?://(?:www\.)?([^/\s)]+)")
_SHORT = {"csr": "CSR", "csr-unosat": "CSR + UNOSAT", "unosat": "UNOSAT", "area": "CSR"}


def source_key(place: Place) -> str:
    """One of :data:`SOURCE_KEYS` for a place."""
    text, kind = getattr(place, "source", "") or "", getattr(place, "kind", "")
    if kind == "user" or text.startswith("user"):
        return "user"
    if text.startswith(UNOSAT_PREFIX):
        return "unosat"
    if text.startswith(CSR_PREFIX):
        return "csr-unosat" if f"located by {UNOSAT_PREFIX}" in text else "csr"
    if text.startswith(AREA_PREFIX) or kind == "area":
        return "area"
    return "cited"


def publisher(citation: str) -> str:
    """Who a per-place citation names: its first part ("Wikipedia", "Shafaq News"), or the
    host of its address when that part is a sentence with a link ("covecollective.org")."""
    first = re.split(r"[,;]| \(", citation.strip(), maxsplit=1)[0].strip(" '\"")
    host = _HOST.search(first) or (None if first else _HOST.search(citation))
    if host:
        parts = host.group(1).split(".")
        return ".".join(parts[-2:])
    return first[:40] or "?"


def user_note(place: Place) -> str:
    """The short form of a user place's note on its source ("" when it has none)."""
    note = (getattr(place, "source", "") or "").removeprefix("user").strip(" :;,-")
    return publisher(note) if note else ""


def short_label(place: Place) -> str:
    """The source's name as a popup shows it: CSR, UNOSAT, CSR + UNOSAT, the publisher of a
    cited place, or "user: " and the short form of a user place's note."""
    key = source_key(place)
    if key == "cited":
        return publisher(place.source)
    if key == "user":
        note = user_note(place)
        return f"user: {note}" if note else "user"
    return _SHORT[key]


def source_counts(places: Iterable[Place]) -> dict[str, int]:
    """How many places each source gives, in :data:`SOURCE_KEYS` order (zero counts kept)."""
    counts = Counter(source_key(p) for p in places)
    return {k: counts.get(k, 0) for k in SOURCE_KEYS}
