"""Finding 9 (issue 15): values from a file never drive the analyst's terminal. Place names,
column headers and file names with control sequences (window title, clear screen, cursor
moves, colours, one-byte CSI, bidirectional overrides) are printed escaped by every CLI."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from dashboard.cli import main as dashboard_cli
from gazetteer.cli import main as gazetteer_cli

# Each would change what the analyst sees: a fake "0 rejected" line, a cleared screen, a title.
HOSTILE = [
    "\x1b]0;all clear\x07Bab al-Hadid",
    "\x1b[2J\x1b[HBustan al-Basha",
    "Karm\x1b[1A\x1b[2Krejected    0",
    "\x9b31mAl-Ansari",
    "Hay\u202e0 detcejer",
    "Tall\rrejected 0",
]
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\r")


def _clean(text: str) -> bool:
    return not any(c in text for c in RAW)


@pytest.mark.parametrize("value", HOSTILE)
def test_terminal_safe_escapes_and_keeps_the_rest_readable(value):
    from gazetteer.textio import terminal_safe

    out = terminal_safe(value)
    assert _clean(out) and "\n" not in out
    assert "\\x1b" in out or "\\x9b" in out or "\\u202e" in out or "\\x0d" in out


def test_json_lines_stay_json_and_safe():
    from gazetteer.textio import json_line

    line = json_line({"name": "\x9b31m\u202eحلب\x1b[2J"})
    assert _clean(line) and json.loads(line) == {"name": "\x9b31m\u202eحلب\x1b[2J"} and "حلب" in line


def _hostile_csv(tmp_path):
    f = tmp_path / "hostile.csv"
    rows = ["event_date,event_type,location,fatalities,\x1b[31mnotes"]
    rows += [f"2016-10-0{i + 1},Shelling,\"{name}\",1,x" for i, name in enumerate(HOSTILE)]
    rows.append("2016-10-09,Shelling,Sheikh Saeed,many\x1b[2J,x")  # a rejected row quotes its value
    f.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return f


def test_ingest_summary_and_problems_are_escaped(tmp_path):
    f = _hostile_csv(tmp_path)
    r = CliRunner().invoke(dashboard_cli, ["ingest", str(f), "--db", str(tmp_path / "e.sqlite"), "-v"])
    assert r.exit_code == 0, r.output
    assert "not found in the gazetteer" in r.output and "unresolved place names" in r.output
    assert _clean(r.output), repr(r.output)
    assert "\\x1b]0;all clear" in r.output  # shown, not obeyed


def test_ingest_error_naming_hostile_columns_is_escaped(tmp_path):
    f = tmp_path / "cols.csv"
    f.write_text("\x1b[2Jwhen,what\x1b]0;x\x07\n2016-01-01,y\n", encoding="utf-8")
    r = CliRunner().invoke(dashboard_cli, ["ingest", str(f), "--db", str(tmp_path / "e.sqlite")])
    assert r.exit_code == 1 and "no date column" in r.output
    assert _clean(r.output), repr(r.output)


def test_gazetteer_unresolved_and_resolve_are_escaped(tmp_path):
    f = tmp_path / "names.csv"
    f.write_text("location\n" + "\n".join(f'"{n}"' for n in HOSTILE) + "\n", encoding="utf-8")
    r = CliRunner().invoke(gazetteer_cli, ["unresolved", str(f)])
    assert r.exit_code == 0 and "distinct names unresolved" in r.output
    assert _clean(r.output), repr(r.output)
    r = CliRunner().invoke(gazetteer_cli, ["resolve", *HOSTILE])
    assert r.exit_code == 0 and _clean(r.output), repr(r.output)
    assert [json.loads(line)["query"] for line in r.output.splitlines()] == HOSTILE


def test_regeocode_lists_unresolved_names_escaped(tmp_path):
    f = _hostile_csv(tmp_path)
    db = str(tmp_path / "e.sqlite")
    CliRunner().invoke(dashboard_cli, ["ingest", str(f), "--db", db])
    r = CliRunner().invoke(dashboard_cli, ["regeocode", "--db", db])
    assert r.exit_code == 0 and "still unresolved" in r.output and _clean(r.output), repr(r.output)
