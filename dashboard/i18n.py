"""The interface language: one catalogue per language, the English text as the key.

``t("Events", "ar")`` gives the Arabic label; English is the text itself. A
catalogue is a plain JSON file ``dashboard/locale/<lang>.json`` mapping each
English message to its translation; ``{name}`` placeholders are filled by
``t(msg, lang, name=...)``. ``N_("...")`` marks a message defined at import
time (a tab title, a legend label) that is translated where it is shown.
``tests/test_i18n.py`` checks that every marked message has a translation.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

LANGUAGES: dict[str, str] = {"en": "English", "ar": "العربية"}
DEFAULT_LANGUAGE = "en"
RTL_LANGUAGES = frozenset({"ar"})
LOCALE_DIR = Path(__file__).parent / "locale"
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def N_(msgid: str) -> str:
    """Mark ``msgid`` for translation without translating it (it is translated when shown)."""
    return msgid


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    """The translations of one language (empty for English or an unknown language)."""
    if lang == DEFAULT_LANGUAGE or lang not in LANGUAGES:
        return {}
    with open(LOCALE_DIR / f"{lang}.json", encoding="utf-8") as fh:
        return {k: v for k, v in json.load(fh).items() if isinstance(v, str) and v}


def t(msgid: str, lang: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """``msgid`` in ``lang`` (English when there is no translation), placeholders filled."""
    text = catalogue(lang).get(msgid, msgid) if lang != DEFAULT_LANGUAGE else msgid
    return text.format(**values) if values else text


def is_rtl(lang: str) -> bool:
    """True for languages written right to left."""
    return lang in RTL_LANGUAGES


def digits(text: str, lang: str, *, arabic_indic: bool = False) -> str:
    """Western digits, or Arabic-Indic ones (٠١٢...) when asked for in Arabic."""
    return text.translate(_ARABIC_INDIC) if arabic_indic and lang == "ar" else text


def comma(lang: str) -> str:
    """The list separator of ``lang`` (Arabic writes ``،``)."""
    return "، " if lang == "ar" else ", "


def semicolon(lang: str) -> str:
    """The clause separator of ``lang`` (Arabic writes ``؛``)."""
    return "؛ " if lang == "ar" else "; "


class Message(str):
    """English text that can show itself in another language.

    ``Message(msgid, **values)`` is the plain string ``msgid.format(**values)`` wherever a str
    is expected (logs, the CLI); ``shown(message, lang)`` translates the message and every
    ``Message`` among its values. Plain values (e.g. a quoted link parameter) stay as they are.
    """

    msgid: str
    values: dict

    def __new__(cls, msgid: str, /, **values: object) -> "Message":
        self = super().__new__(cls, msgid.format(**values) if values else msgid)
        self.msgid, self.values = msgid, values
        return self


def shown(text: object, lang: str) -> str:
    """``text`` in ``lang`` when it is a :class:`Message`, else as it is."""
    if isinstance(text, Message):
        return t(text.msgid, lang, **{k: shown(v, lang) for k, v in text.values.items()})
    return str(text)


def place_names_in(gazetteer: object, lang: str) -> dict[str, str]:
    """English place name -> the name to show in ``lang`` (the gazetteer's Arabic names in
    Arabic; empty for English, or for places with no name in that language)."""
    if lang != "ar" or gazetteer is None:
        return {}
    places = getattr(gazetteer, "places", {}) or {}
    return {p.name: p.name_ar for p in places.values() if getattr(p, "name_ar", None)}
