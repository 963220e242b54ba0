"""Prose reports (news text): delegated to :func:`dashboard.extract.extract_events`."""
from __future__ import annotations

from datetime import date
from typing import IO, Any

from ..errors import IngestError
from ..schema import Event
from . import decode_guess


def read_text_events(binary: IO[bytes], *, name: str, published: date | None, gazetteer: Any,
                     source: str | None = None, url: str | None = None) -> list[Event]:
    """Events found in a report; ``published`` is required (dates in prose are relative)."""
    data = binary.read()
    text = data.decode(decode_guess(data[:65536]), errors="replace")
    if published is None:
        raise IngestError(f"{name}: a prose report needs its publication date (--published YYYY-MM-DD)")
    from ..extract import extract_events  # lazy: the extractor is heavy and optional here

    return extract_events(text, published=published, gazetteer=gazetteer, source=source or "",
                          url=url or "", origin=name)
