"""The sources of the gazetteer's places, as the interface names them (issue 11 §1).

:func:`sources_table` gives one row per source (title, places, citation and licence) for the
app's "About the places"; :func:`cited_places` lists the places cited one by one;
:func:`place_lookup` is the map popups' per-place table (``{id: [name, source]}``), so that a
popup line says which place and source located the event without a string per event.
"""
from __future__ import annotations

from typing import Any

from gazetteer.sources import short_label, source_counts, source_key, user_note

from .i18n import N_, t

SOURCE_TITLES = {
    "csr": N_("Columbia CSR (neighbourhoods, landmarks, cultural sites)"),
    "csr-unosat": N_("Columbia CSR names located by UNOSAT's damage points"),
    "unosat": N_("UNITAR-UNOSAT damage assessment (places its points outline)"),
    "cited": N_("Cited public sources (one per place)"),
    "area": N_("Broad areas (unions of CSR neighbourhoods)"),
    "user": N_("Added by users of this installation"),
}
SOURCE_NOTES = {
    "csr": N_("Columbia University Center for Spatial Research, “Conflict Urbanism: Aleppo”: the "
              "neighbourhood and landmark polygons, their names and the cultural sites. Licence: MIT."),
    "csr-unosat": N_("Names from Columbia CSR's list that have no polygon there; their extent and point "
                     "come from the UNITAR-UNOSAT damage points labelled with the name (via Columbia CSR, MIT)."),
    "unosat": N_("UNITAR-UNOSAT damage assessment of Aleppo (2015), via Columbia CSR (MIT): 14,058 "
                 "damage points, each tagged with a neighbourhood name; the points of one name outline "
                 "the place."),
    "cited": N_("A public source per place, cited in the data (gazetteer/data/curated/places.csv): "
                "Wikipedia articles, a news report for the Castello Road, covecollective.org for the "
                "city's point. The list below gives each citation."),
    "area": N_("Eastern, western, southern, northern and central Aleppo and the Old City, each drawn "
               "as the union of its Columbia CSR neighbourhoods (approximate; as of mid-2016)."),
    "user": N_("Places added in the Unresolved places tab or with python -m gazetteer add-place; "
               "each carries the note its author wrote on its source."),
}
# Publishers named in short labels that have an Arabic form (others are shown as written).
PUBLISHERS = (N_("Wikipedia"), N_("German Wikipedia"), N_("Shafaq News"), N_("user"))


def source_label(place: Any, lang: str = "en") -> str:
    """The short name of a place's source (CSR, UNOSAT, Wikipedia, user: <note> ...), in ``lang``
    where it has one."""
    if source_key(place) == "user":
        note = user_note(place)
        return t("user: {note}", lang, note=note) if note else t("user", lang)
    return t(short_label(place), lang)


def place_name(place: Any, lang: str = "en") -> str:
    """The place's name in ``lang`` (Arabic when it has one)."""
    return place.name_ar if lang == "ar" and place.name_ar else place.name


def sources_table(gazetteer: Any, lang: str = "en") -> list[dict[str, Any]]:
    """One row per source that gives at least one place: ``key``, ``source``, ``places``, ``citation``."""
    counts = source_counts(gazetteer.places.values())
    return [{"key": k, "source": t(SOURCE_TITLES[k], lang), "places": n, "citation": t(SOURCE_NOTES[k], lang)}
            for k, n in counts.items() if n]


def cited_places(gazetteer: Any, lang: str = "en") -> list[dict[str, Any]]:
    """The places whose source is cited one by one (cited and user places): ``place``, ``id``,
    ``source`` (short), ``citation`` (as written in the data or by the user)."""
    rows = [p for p in gazetteer.places.values() if source_key(p) in ("cited", "user")]
    return [{"place": place_name(p, lang), "id": p.id, "source": source_label(p, lang), "citation": p.source}
            for p in sorted(rows, key=lambda p: (source_key(p), p.name.casefold()))]


def place_lookup(gazetteer: Any, lang: str = "en", ids: Any = None) -> dict[str, list[str]]:
    """``{place id: [name, source label]}`` for the map popups (every place, or those in ``ids``)."""
    places = getattr(gazetteer, "places", None) or {}  # a stand-in gazetteer may have none
    chosen = places.values() if ids is None else (places[i] for i in ids if i in places)
    return {p.id: [place_name(p, lang), source_label(p, lang)] for p in chosen}
