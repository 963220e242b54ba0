"""Reading the text of user files whatever their encoding (shared by the CLIs and readers)."""
from __future__ import annotations

import codecs


def decode_text(data: bytes | str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, Windows Arabic (cp1256), else Latin-1."""
    if isinstance(data, str):
        return data
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    for enc in ("utf-8-sig", "cp1256"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")
