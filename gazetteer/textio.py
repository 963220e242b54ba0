"""Reading the text of user files whatever their encoding (shared by the CLIs and readers)."""
from __future__ import annotations

import codecs
import re


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


# C0 and C1 control characters (ESC starts colour, title and clear-screen sequences; 0x9b is
# a one-byte CSI) and the bidirectional overrides/isolates that can reorder a printed line.
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_TERMINAL_UNSAFE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def terminal_safe(text: object, *, one_line: bool = True) -> str:
    """``text`` with every control character shown as an escape (``\\x1b``), so that a value
    from a file can never drive the terminal it is printed on. With ``one_line`` (the default,
    for values) tabs and line breaks are escaped too; otherwise they are kept (whole messages)."""
    s = text if isinstance(text, str) else str(text)
    rx = _TERMINAL_UNSAFE_LINE if one_line else _TERMINAL_UNSAFE
    return rx.sub(_escape, s) if rx.search(s) else s


def json_line(obj: object) -> str:
    """``json.dumps`` keeping non-ASCII text readable but escaping (as ``\\uXXXX``) what JSON
    leaves raw and a terminal would act on (DEL, C1 controls, bidirectional overrides)."""
    import json

    text = json.dumps(obj, ensure_ascii=False, default=str)
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def echo(text: object = "", *, err: bool = False) -> None:
    """``click.echo`` of a whole message whose values may come from files: control characters
    are escaped (:func:`terminal_safe`), its own line breaks and tabs kept."""
    import click

    click.echo(terminal_safe(text, one_line=False), err=err)
