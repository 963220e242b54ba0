"""Errors of the gazetteer package (data or alias files that cannot be used)."""
from __future__ import annotations


class GazetteerError(Exception):
    """Base class of the gazetteer's own errors. Bad queries raise geopy's GeocoderQueryError."""


class AliasFileError(GazetteerError):
    """A user alias file has a bad row (names the file, line and reason)."""


class UserPlaceError(GazetteerError):
    """A user place, alias or rejection is refused: ``file``, ``line`` and ``field`` say where
    (``line`` is None for a value given on the command line or in the app)."""

    def __init__(self, reason: str, *, file: str | None = None, line: int | None = None, field: str | None = None):
        where = ":".join(str(x) for x in (file, line) if x is not None)
        text = f"{field}: {reason}" if field else reason
        super().__init__(f"{where}: {text}" if where else text)
        self.file, self.line, self.field, self.reason = file, line, field, reason


class NothingToUndo(GazetteerError):
    """The change journal is empty."""
