"""Offline gazetteer of Aleppo place names (Arabic and the common transliterations).

>>> import gazetteer
>>> g = gazetteer.load()
>>> g.resolve("Cheikh Saïd").place.id
'sheikh-saeed'
"""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from .core import Gazetteer
from .errors import AliasFileError, GazetteerError
from .model import Match, Place, PlaceSpan

__all__ = ["load", "Gazetteer", "Place", "Match", "PlaceSpan", "LocalGazetteer", "GazetteerError", "AliasFileError"]

DATA = Path(__file__).resolve().parent / "data"
COOKED = DATA / "gazetteer.json"
CUE_ONLY = DATA / "curated" / "prose_cue_only.txt"
NOT_PLACES = DATA / "curated" / "not_places.txt"

_lock = threading.Lock()
_cache: dict[tuple, Gazetteer] = {}


def _lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


def load(alias_file: str | os.PathLike | None = None) -> Gazetteer:
    """The bundled gazetteer, extended by a user alias CSV (``alias,place_id``) when given.

    Cached per (alias path, mtime): editing the alias file gives a fresh gazetteer.
    Raises :class:`AliasFileError` for a bad alias file.
    """
    path = os.fspath(alias_file) if alias_file is not None else None
    try:
        mtime = os.stat(path).st_mtime_ns if path else None
    except OSError as exc:
        raise AliasFileError(f"{path}: cannot read alias file ({exc.strerror})") from None
    key = (path, mtime)
    with _lock:
        if key in _cache:
            return _cache[key]
        try:
            data = json.loads(COOKED.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise GazetteerError(f"cannot load {COOKED}: {exc} (run python -m gazetteer.build)") from None
        user = []
        if path:
            from .aliases import read_alias_file

            ids = {p["id"] for p in data["places"]}
            user = read_alias_file(path, ids)
        gaz = Gazetteer(data, user_aliases=user, cue_only=_lines(CUE_ONLY), not_places=_lines(NOT_PLACES))
        _cache[key] = gaz
        return gaz


def __getattr__(name: str):
    if name == "LocalGazetteer":  # geopy is imported only when the geocoder is used
        from .geocoder import LocalGazetteer

        return LocalGazetteer
    raise AttributeError(name)
