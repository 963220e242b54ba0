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
from .errors import AliasFileError, GazetteerError, UserPlaceError
from .model import Match, Place, PlaceSpan
from .userfiles import UserFiles

__all__ = ["load", "load_user", "UserFiles", "UserPlaceError", "Gazetteer", "Place", "Match", "PlaceSpan", "LocalGazetteer", "GazetteerError", "AliasFileError"]

DATA = Path(__file__).resolve().parent / "data"
COOKED = DATA / "gazetteer.json"
CUE_ONLY = DATA / "curated" / "prose_cue_only.txt"
NOT_PLACES = DATA / "curated" / "not_places.txt"

_lock = threading.Lock()
_cache: dict[tuple, Gazetteer] = {}


def _lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


def load(alias_file: str | os.PathLike | None = None, *, user: UserFiles | None = None) -> Gazetteer:
    """The bundled gazetteer, extended by a user alias CSV (``alias,place_id``) when given, and by
    the user's files (places, aliases, rejected matches: :class:`UserFiles`) when ``user`` is given
    (``alias_file`` then wins over ``user.aliases``). :func:`load_user` loads the default files.

    Cached per file (path and mtime; the user's files by content): editing one gives a fresh gazetteer.
    Raises :class:`AliasFileError` or :class:`UserPlaceError` for a bad file.
    """
    path = os.fspath(alias_file) if alias_file is not None else None
    if path is None and user is not None and user.aliases.exists():
        path = os.fspath(user.aliases)
    try:
        mtime = os.stat(path).st_mtime_ns if path else None
    except OSError as exc:
        raise AliasFileError(f"{path}: cannot read alias file ({exc.strerror})") from None
    key = (path, mtime, user.signature() if user is not None else None)
    with _lock:
        if key in _cache:
            return _cache[key]
        try:
            data = json.loads(COOKED.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise GazetteerError(f"cannot load {COOKED}: {exc} (run python -m gazetteer.build)") from None
        ids = {p["id"] for p in data["places"]}
        extra, rejected = [], []
        if user is not None:
            from .userfiles import read_rejections
            from .userplaces import read_places

            extra = read_places(user.places, ids)
            data["places"].extend(p.raw() for p in extra)
            ids.update(p.id for p in extra)
            rejected = [name for name, _, _ in read_rejections(user.rejections, ids)]
        aliases = []
        if path:
            from .aliases import read_alias_file

            aliases = read_alias_file(path, ids)
        gaz = Gazetteer(data, user_aliases=aliases, cue_only=_lines(CUE_ONLY),
                        not_places=_lines(NOT_PLACES) + rejected)
        if len(_cache) > 16:
            _cache.clear()
        _cache[key] = gaz
        return gaz


def load_user(alias_file: str | os.PathLike | None = None) -> Gazetteer:
    """:func:`load` with the user's files (``$ALEPPO_PLACES`` or ``var/``, see :mod:`.userfiles`)."""
    return load(alias_file, user=UserFiles.default())


def __getattr__(name: str):
    if name == "LocalGazetteer":  # geopy is imported only when the geocoder is used
        from .geocoder import LocalGazetteer

        return LocalGazetteer
    raise AttributeError(name)
