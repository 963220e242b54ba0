"""Every message marked for translation has an Arabic translation with the same placeholders."""
from __future__ import annotations

import ast
import json
import string
from pathlib import Path

import pytest

from dashboard.i18n import LOCALE_DIR, N_, catalogue, digits, is_rtl, t

ROOT = Path(__file__).resolve().parents[1]
MARKERS = {"t", "tr", "N_"}


def marked_messages() -> dict[str, str]:
    """msgid -> where it is first marked, for every t/tr/N_ call with a literal first argument."""
    found: dict[str, str] = {}
    files = [ROOT / "app.py", *sorted((ROOT / "ui").rglob("*.py")), *sorted((ROOT / "dashboard").rglob("*.py"))]
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            first = node.args[0]
            if name in MARKERS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.setdefault(first.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_marked_message_is_translated_into_arabic():
    ar = catalogue("ar")
    missing = {msg: where for msg, where in marked_messages().items() if msg not in ar}
    assert not missing, f"{len(missing)} messages without an Arabic translation: {missing}"


def test_translations_keep_their_placeholders():
    raw = json.loads((LOCALE_DIR / "ar.json").read_text(encoding="utf-8"))
    wrong = {k: v for k, v in raw.items() if placeholders(k) != placeholders(v)}
    assert not wrong


def test_the_catalogue_holds_no_stale_messages():
    raw = json.loads((LOCALE_DIR / "ar.json").read_text(encoding="utf-8"))
    stale = set(raw) - set(marked_messages()) - set(EXTRA_MESSAGES)
    assert not stale, f"translations no code asks for: {sorted(stale)[:20]}"


# Messages translated by value rather than by a literal t("...") call (data values shown in
# the interface: ACLED's event and sub-event types, precision labels, ...).
def _extra() -> set[str]:
    from dashboard.schema import EVENT_TYPES, SUB_EVENT_TYPES

    return set(EVENT_TYPES) | set(SUB_EVENT_TYPES)


EXTRA_MESSAGES = _extra()


def test_data_values_shown_in_the_interface_are_translated():
    ar = catalogue("ar")
    assert not [m for m in EXTRA_MESSAGES if m not in ar]


@pytest.mark.parametrize("lang", ["en", "xx"])
def test_english_and_unknown_languages_show_the_message_itself(lang):
    assert t("Events: {n}", lang, n=3) == "Events: 3"


def test_marker_and_helpers():
    assert N_("Map") == "Map"
    assert is_rtl("ar") and not is_rtl("en")
    assert digits("2016-10-07", "ar", arabic_indic=True) == "٢٠١٦-١٠-٠٧"
    assert digits("2016", "en", arabic_indic=True) == "2016"
