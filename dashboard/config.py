"""Where the tool keeps its files by default: the event store and the user's alias CSV.

One place for both defaults, so that the app and every ``python -m dashboard`` command
read and write the same files:

- the store: ``$ALEPPO_DB`` (a URL or a file path), else ``<repo>/var/events.sqlite``;
- the user's aliases (``alias,place_id``, written by the app's "unresolved" page):
  ``$ALEPPO_ALIASES``, else ``aliases.csv`` beside the user's places (``$ALEPPO_PLACES`` or
  ``<repo>/var/``: see ``gazetteer.userfiles``).

A command-line flag (``--db``, ``--aliases``) always wins over these.
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VAR = ROOT / "var"

__all__ = ["ROOT", "VAR", "alias_file", "default_alias_path", "default_url", "load_gazetteer", "user_files"]


def default_url() -> str:
    """``$ALEPPO_DB`` or the SQLite file ``<repo>/var/events.sqlite`` (``var/`` is created)."""
    from .store.tables import normalize_url

    env = os.environ.get("ALEPPO_DB", "").strip()
    if env:
        return normalize_url(env)
    VAR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{VAR / 'events.sqlite'}"


def default_alias_path() -> Path:
    """The user's alias CSV: ``$ALEPPO_ALIASES``, else ``aliases.csv`` in ``$ALEPPO_PLACES`` or
    ``<repo>/var/`` (it may not exist yet)."""
    return user_files().aliases


def user_files():
    """The user's gazetteer files (places, aliases, rejected matches, journal):
    ``gazetteer.UserFiles.default()``, in ``$ALEPPO_PLACES`` or ``<repo>/var/``."""
    from gazetteer.userfiles import UserFiles

    return UserFiles.default()


def load_gazetteer(explicit_aliases: str | os.PathLike | None = None):
    """The gazetteer every tool uses: the bundled data, the user's places, aliases
    (``explicit_aliases`` wins) and rejected matches."""
    import gazetteer

    return gazetteer.load(alias_file(explicit_aliases), user=user_files())


def alias_file(explicit: str | os.PathLike | None = None) -> Path | None:
    """The alias CSV to load: ``explicit`` (a command-line flag) when given, else the default
    when that file exists; None means no user aliases."""
    if explicit is not None and os.fspath(explicit) != "":
        return Path(explicit)
    path = default_alias_path()
    return path if path.is_file() else None
