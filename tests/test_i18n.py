"""Every message marked for translation has an Arabic translation with the same placeholders."""
from __future__ import annotations

import ast
import json
import string
from pathlib import Path

import pytest

from dashboard.i18n import LOCALE_DIR, N_, catalogue, digits, is_rtl, t

ROOT = Path(__file__).resolve().parents[1]
MARKERS = {"t", "tr", "N_", "Message"}


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


# --- No English left in the interface: text given to Streamlit must go through tr() -------------
# Streamlit calls (on st, st.sidebar, a column, a tab...) whose first argument or label-like keyword
# is shown to the user. A str literal (or an f-string / concatenation with literal words) there is
# English the Arabic interface would show untranslated.
SHOWN_CALLS = {
    "button", "download_button", "form_submit_button", "link_button", "checkbox", "toggle", "radio",
    "selectbox", "multiselect", "slider", "select_slider", "text_input", "text_area", "number_input",
    "date_input", "time_input", "file_uploader", "color_picker", "segmented_control", "pills", "feedback",
    "metric", "markdown", "caption", "title", "header", "subheader", "text", "write", "info", "warning",
    "error", "success", "exception", "toast", "spinner", "expander", "popover", "tabs", "status",
    "set_page_config", "data_editor", "dataframe", "bar_chart", "line_chart", "area_chart", "scatter_chart",
    "CheckboxColumn", "TextColumn", "NumberColumn", "DateColumn", "DatetimeColumn", "SelectboxColumn",
    "LinkColumn", "ListColumn", "ProgressColumn", "Column", "cache_data", "cache_resource",
}
SHOWN_KEYWORDS = {"label", "placeholder", "help", "x_label", "y_label", "page_title", "show_spinner", "body",
                  "caption", "title", "value_label"}
NOT_TEXT = {"markdown": ("unsafe_allow_html",)}  # st.markdown(STYLE, unsafe_allow_html=True): our CSS
LATIN_WORD = __import__("re").compile(r"[A-Za-z]{2,}")


def _english_literal(node: ast.AST) -> str | None:
    """The English a node would show as-is (None when it goes through tr()/t() or has no words)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if LATIN_WORD.search(node.value) else None
    if isinstance(node, ast.JoinedStr):
        words = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        return words if LATIN_WORD.search(words) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _english_literal(node.left) or _english_literal(node.right)
    if isinstance(node, ast.IfExp):
        return _english_literal(node.body) or _english_literal(node.orelse)
    if isinstance(node, (ast.List, ast.Tuple)):
        return next((found for e in node.elts if (found := _english_literal(e))), None)
    return None


def untranslated_labels(source: str, where: str = "<code>") -> list[str]:
    """``where:line: text`` for every English literal given as shown text to a Streamlit call."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name = node.func.attr
        if name not in SHOWN_CALLS:
            continue
        if name == "markdown" and any(k.arg in NOT_TEXT["markdown"] for k in node.keywords):
            continue  # our own CSS injected as HTML, never shown as text
        args = list(node.args[:1]) + [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
        if name == "tabs" and node.args:
            args = [node.args[0]]
        for arg in args:
            if (text := _english_literal(arg)) is not None:
                found.append(f"{where}:{node.lineno}: {text[:70]!r}")
    return found


def ui_files() -> list[Path]:
    return [ROOT / "app.py", *sorted((ROOT / "ui").rglob("*.py"))]


def test_no_english_literal_is_given_to_streamlit():
    found = [hit for path in ui_files()
             for hit in untranslated_labels(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))]
    assert not found, "English shown without tr():\n" + "\n".join(found)


@pytest.mark.parametrize("code, caught", [
    ('st.button("Clear filters")', True),
    ('sb.multiselect(tr("Actor"), opts, placeholder="Any actor")', True),
    ('left.metric(f"{n} events", 3)', True),
    ('st.caption("Filters: " + md(view.describe()))', True),
    ('st.tabs(["Map", tr("Share")])', True),
    ('col.TextColumn(tr("Notes"), help="The report text")', True),
    ('@st.cache_resource(show_spinner="Loading…")\ndef f(): pass', True),
    ('st.info(tr("No events under the current filters."))', False),
    ('st.markdown("**" + tr("Snapshot") + "**")', False),
    ('st.markdown(STYLE, unsafe_allow_html=True)', False),
    ('st.caption(" · ".join(parts))', False),
    ('st.metric(tr("Events"), num(n))', False),
    ('st.form("alias_form")', False),
])
def test_the_label_check_catches_english(code, caught):
    assert bool(untranslated_labels(code)) is caught


def test_the_interface_marks_its_words():
    """The ui/ package does mark text (a check over no marked text would prove nothing)."""
    marked = {m for m, where in marked_messages().items() if where.startswith(("ui/", "app.py"))}
    assert {"Filters", "Language", "Map", "Share", "Events", "Download these events (CSV)"} <= marked
