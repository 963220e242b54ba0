"""CLI (click CliRunner) and user alias files."""
from __future__ import annotations

import io
import json

import pytest
from click.testing import CliRunner

import gazetteer
from gazetteer.aliases import append_alias, parse_alias_rows
from gazetteer.cli import main
from gazetteer.errors import AliasFileError

KEYS = {"query", "match", "id", "name", "name_ar", "lat", "lon", "precision", "kind", "score"}


def test_resolve_args():
    r = CliRunner().invoke(main, ["resolve", "Sheikh Said", "Idlib", "حي الشيخ مقصود"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.output.splitlines()]
    assert [set(x) for x in rows] == [KEYS] * 3
    assert rows[0]["id"] == "sheikh-saeed" and rows[0]["match"] is True
    assert rows[1]["match"] is False and rows[1]["id"] is None
    assert "مقصود" in r.output  # ensure_ascii=False


def test_resolve_stdin():
    r = CliRunner().invoke(main, ["resolve"], input="Ramousah\n\nAleppo\n")
    assert [json.loads(x)["id"] for x in r.output.splitlines()] == ["ramouseh", "aleppo"]


def test_unresolved(tmp_path):
    f = tmp_path / "ev.csv"
    f.write_text("location,notes\nSheikh Said,a\nAtlantis,b\nAtlantis,c\nIdlib,d\n,e\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["unresolved", str(f)])
    assert r.exit_code == 0
    assert r.stdout.splitlines() == ["2\tAtlantis", "1\tIdlib"]


def test_unresolved_bad_column(tmp_path):
    f = tmp_path / "ev.csv"
    f.write_text("place\nX\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["unresolved", str(f), "--column", "location"])
    assert r.exit_code != 0 and "no column 'location'" in r.output


def test_alias_file_extends_gazetteer(tmp_path):
    f = tmp_path / "aliases.csv"
    f.write_text("alias,place_id\nAtlantis,sheikh-saeed\n", encoding="utf-8")
    g = gazetteer.load(f)
    assert g.resolve("Atlantis").place.id == "sheikh-saeed"
    assert gazetteer.load().resolve("Atlantis") is None
    r = CliRunner().invoke(main, ["--aliases", str(f), "resolve", "Atlantis"])
    assert json.loads(r.output)["id"] == "sheikh-saeed"


@pytest.mark.parametrize("content,line,reason", [
    ("alias,place_id\nFoo,no-such-place\n", 2, "unknown place id"),
    ("alias,place_id\nFoo\n", 2, "expected 2 columns"),
    ("alias,place_id\n,sheikh-saeed\n", 2, "empty alias"),
    ("name,id\nFoo,sheikh-saeed\n", 1, "header"),
    ("alias,place_id\nok,sheikh-saeed\nbad,x,y\n", 3, "expected 2 columns"),
])
def test_bad_alias_rows(tmp_path, content, line, reason):
    f = tmp_path / "a.csv"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(AliasFileError) as exc:
        gazetteer.load(f)
    assert f"{f}:{line}:" in str(exc.value) and reason in str(exc.value)
    r = CliRunner().invoke(main, ["--aliases", str(f), "resolve", "x"])
    assert r.exit_code == 2 and "error:" in r.output


def test_parse_from_file_object():
    rows = parse_alias_rows(io.StringIO("alias,place_id\n# comment,x\nFoo,sheikh-saeed\n"), {"sheikh-saeed"})
    assert rows == [("Foo", "sheikh-saeed")]


def test_append_alias(tmp_path):
    f = tmp_path / "new.csv"
    append_alias(f, "Sheikh Saeed hilltop", "sheikh-saeed")
    append_alias(f, "حي التجربة", "sukkari")
    assert f.read_text(encoding="utf-8").splitlines() == [
        "alias,place_id", "Sheikh Saeed hilltop,sheikh-saeed", "حي التجربة,sukkari"]
    with pytest.raises(AliasFileError, match="unknown place id"):
        append_alias(f, "x", "nowhere")
    assert gazetteer.load(f).resolve("حي التجربة").place.id == "sukkari"


def test_missing_alias_file(tmp_path):
    with pytest.raises(AliasFileError):
        gazetteer.load(tmp_path / "absent.csv")


def test_the_dashboards_alias_file_and_any_encoding(tmp_path, monkeypatch):
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,place_id\nCastello Rd junction,sheikh-maqsoud\n", encoding="utf-8")
    monkeypatch.setenv("ALEPPO_ALIASES", str(aliases))
    out = CliRunner().invoke(main, ["resolve", "Castello Rd junction"])
    assert out.exit_code == 0 and json.loads(out.output)["id"] == "sheikh-maqsoud"
    for enc in ("utf-16", "cp1256", "latin-1"):
        f = tmp_path / f"names-{enc}.csv"
        f.write_bytes("location\nSheikh Saeed\nNowhere Town\n".encode(enc))
        out = CliRunner().invoke(main, ["unresolved", str(f), "--aliases", str(aliases)])
        assert out.exit_code == 0 and "Nowhere Town" in out.output and "Sheikh Saeed" not in out.output
