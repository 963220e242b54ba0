"""Errors of the gazetteer package (data or alias files that cannot be used)."""
from __future__ import annotations


class GazetteerError(Exception):
    """Base class of the gazetteer's own errors. Bad queries raise geopy's GeocoderQueryError."""


class AliasFileError(GazetteerError):
    """A user alias file has a bad row (names the file, line and reason)."""
