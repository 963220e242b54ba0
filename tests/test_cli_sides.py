"""`python -m dashboard sides` and the ingest's note on actors with no side."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from dashboard.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "ingest" / "acled_sides.csv"


@pytest.fixture()
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("ALEPPO_ACTOR_SIDES", str(tmp_path / "actor-sides.csv"))
    monkeypatch.setenv("ALEPPO_ALIASES", str(tmp_path / "aliases.csv"))
    monkeypatch.setenv("ALEPPO_PLACES", str(tmp_path / "places"))
    db = f"sqlite:///{tmp_path / 'events.sqlite'}"
    result = CliRunner().invoke(main, ["ingest", "--db", db, str(FIXTURE)])
    assert result.exit_code == 0, result.output
    assert "actors on no side: Xanadu Brigade (1)" in result.output
    return db, tmp_path


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


def test_lists_actors_on_no_side_then_assigns_one(env):
    db, tmp = env
    listed = cli("sides", "--db", db)
    assert listed.exit_code == 0 and "Xanadu Brigade (1 events; Political militias, ACLED code 3)" in listed.output
    assert "Hezbollah" not in listed.output
    done = cli("sides", "--set", "Xanadu Brigade=rebels")  # a synonym of the opposition side
    assert done.exit_code == 0 and "Opposition and Islamist groups" in done.output
    assert "Xanadu Brigade,opposition" in (tmp / "actor-sides.csv").read_text(encoding="utf-8")
    assert "every stored actor has a side" in cli("sides", "--db", db).output
    every = cli("sides", "--db", db, "--all").output
    assert "Hezbollah (1 events; External/other forces): Government and allies" in every
    snap = cli("snapshot", "--db", db, "--out", str(tmp / "s.html"), "--side", "opposition")
    assert snap.exit_code == 0 and "; 4 events," in snap.output  # SYR1001, 1003, 1005 and now 1007


@pytest.mark.parametrize("arg, message", [("X=martians", "not a side"), ("no-equals-sign", "ACTOR=SIDE"),
                                          ("=opposition", "ACTOR=SIDE")])
def test_bad_assignments_are_messages(env, arg, message):
    result = cli("sides", "--set", arg)
    assert result.exit_code != 0 and message in result.output
