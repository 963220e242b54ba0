"""A JSON document parsed record by record, for documents that the stdlib parser cannot take
in one go: one record nested thousands of levels deep exhausts its recursion and would fail
the whole file. Here that record becomes a :class:`~.jsonfmt.BadRecord` and the others load.
Only the top level and the records list (``list_keys``) are walked by hand."""
from __future__ import annotations

import json
import re
from typing import Any

from ..errors import IngestError
from .jsonfmt import BadRecord

_WS = re.compile(r"[ \t\r\n]*")
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.S)
TOO_DEEP = "not readable JSON (nested too deeply)"


def _ws(text: str, pos: int) -> int:
    return _WS.match(text, pos).end()


def _skip(text: str, pos: int) -> int:
    """The end of the container starting at ``pos``, by counting brackets outside strings."""
    depth = 0
    for m in _TOKEN.finditer(text, pos):
        t = m.group()
        if t == "[" or t == "{":
            depth += 1
        elif t == "]" or t == "}":
            depth -= 1
            if depth == 0:
                return m.end()
    raise IngestError("not valid JSON (unbalanced brackets)")


def _value(text: str, pos: int, decoder: json.JSONDecoder) -> tuple[Any, int]:
    try:
        return decoder.raw_decode(text, pos)
    except RecursionError:
        return BadRecord(TOO_DEEP), _skip(text, pos)
    except json.JSONDecodeError as exc:
        raise IngestError(f"not valid JSON ({exc})") from None


def _expect(text: str, pos: int, chars: str) -> str:
    c = text[pos:pos + 1]
    if not c or c not in chars:
        raise IngestError(f"not valid JSON (expected {' or '.join(chars)} at character {pos:,})")
    return c


def _array(text: str, pos: int, decoder: json.JSONDecoder) -> tuple[list, int]:
    items: list = []
    pos = _ws(text, pos + 1)
    if text.startswith("]", pos):
        return items, pos + 1
    while True:
        value, pos = _value(text, pos, decoder)
        items.append(value)
        pos = _ws(text, pos)
        if _expect(text, pos, ",]") == "]":
            return items, pos + 1
        pos = _ws(text, pos + 1)


def _object(text: str, pos: int, decoder: json.JSONDecoder, list_keys: tuple[str, ...]) -> tuple[dict, int]:
    out: dict = {}
    pos = _ws(text, pos + 1)
    if text.startswith("}", pos):
        return out, pos + 1
    while True:
        _expect(text, pos, '"')
        key, pos = _value(text, pos, decoder)
        pos = _ws(text, pos)
        _expect(text, pos, ":")
        pos = _ws(text, pos + 1)
        if key in list_keys and text.startswith("[", pos):
            out[key], pos = _array(text, pos, decoder)
        else:
            out[key], pos = _value(text, pos, decoder)
        pos = _ws(text, pos)
        if _expect(text, pos, ",}") == "}":
            return out, pos + 1
        pos = _ws(text, pos + 1)


def records_one_by_one(text: str, decoder: json.JSONDecoder, list_keys: tuple[str, ...]) -> Any:
    """The document with each record parsed on its own (see the module docstring)."""
    pos = _ws(text, 0)
    if text.startswith("[", pos):
        data, pos = _array(text, pos, decoder)
    elif text.startswith("{", pos):
        data, pos = _object(text, pos, decoder, list_keys)
    else:
        raise IngestError("not valid JSON (" + TOO_DEEP.split("(", 1)[1])
    if _ws(text, pos) != len(text):
        raise IngestError(f"not valid JSON (extra data at character {pos:,})")
    return data
