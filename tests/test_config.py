"""One default for the user's alias file (app and CLI alike) and new store folders."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from dashboard import config
from dashboard.cli import main
from dashboard.errors import StoreError
from dashboard.store import EventStore

FIX = Path(__file__).parent / "fixtures" / "ingest"


def test_default_alias_path(monkeypatch, tmp_path):
    monkeypatch.delenv("ALEPPO_ALIASES", raising=False)
    monkeypatch.delenv("ALEPPO_PLACES", raising=False)
    assert config.default_alias_path() == config.ROOT / "var" / "aliases.csv"
    monkeypatch.setenv("ALEPPO_PLACES", str(tmp_path / "shared"))  # the user's places folder holds it
    assert config.default_alias_path() == tmp_path / "shared" / "aliases.csv"
    monkeypatch.setenv("ALEPPO_ALIASES", str(tmp_path / "mine.csv"))  # an alias file named on its own wins
    assert config.default_alias_path() == tmp_path / "mine.csv"


def test_alias_file_flag_wins_and_missing_default_means_none(monkeypatch, tmp_path):
    default = tmp_path / "aliases.csv"
    monkeypatch.setenv("ALEPPO_ALIASES", str(default))
    assert config.alias_file() is None  # no file yet: no user aliases
    default.write_text("alias,place_id\n")
    assert config.alias_file() == default
    assert config.alias_file(tmp_path / "flag.csv") == tmp_path / "flag.csv"


def test_app_and_cli_share_the_default(monkeypatch, tmp_path):
    resources = pytest.importorskip("ui.resources")
    monkeypatch.setenv("ALEPPO_ALIASES", str(tmp_path / "a.csv"))
    assert resources.alias_path() == config.default_alias_path() == tmp_path / "a.csv"


def test_default_url_is_reexported(monkeypatch, tmp_path):
    from dashboard import store
    from dashboard.store import tables

    assert store.default_url is config.default_url is tables.default_url
    monkeypatch.setenv("ALEPPO_DB", str(tmp_path / "x.sqlite"))
    assert config.default_url() == f"sqlite:///{tmp_path / 'x.sqlite'}"


@pytest.fixture
def aliases(monkeypatch, tmp_path):
    path = tmp_path / "var" / "aliases.csv"
    monkeypatch.setenv("ALEPPO_ALIASES", str(path))
    return path


def test_cli_uses_the_apps_alias_file(aliases, tmp_path):
    db = tmp_path / "cli.sqlite"
    runner = CliRunner()
    res = runner.invoke(main, ["ingest", str(FIX / "generic.csv"), "--db", str(db)])
    assert res.exit_code == 0, res.output  # no alias file yet: fine, no aliases
    assert "Nowhere Town" in res.output and str(aliases) in res.output
    assert "Nowhere Town" in set(EventStore(db).unresolved()["location"])
    aliases.parent.mkdir(parents=True, exist_ok=True)
    aliases.write_text("alias,place_id\nNowhere Town,hanano\n")  # what the app's page writes
    res = runner.invoke(main, ["regeocode", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "resolved 1 events" in res.output and EventStore(db).unresolved().empty
    db2 = tmp_path / "cli2.sqlite"
    res = runner.invoke(main, ["ingest", str(FIX / "generic.csv"), "--db", str(db2)])
    assert res.exit_code == 0 and "Nowhere Town" not in set(EventStore(db2).unresolved()["location"])


def test_cli_flag_overrides_the_default(aliases, tmp_path):
    aliases.parent.mkdir(parents=True, exist_ok=True)
    aliases.write_text("alias,place_id\nNowhere Town,hanano\n")
    other = tmp_path / "other.csv"
    other.write_text("alias,place_id\n")
    db = tmp_path / "cli.sqlite"
    res = CliRunner().invoke(main, ["ingest", str(FIX / "generic.csv"), "--db", str(db), "--aliases", str(other)])
    assert res.exit_code == 0, res.output
    assert "Nowhere Town" in set(EventStore(db).unresolved()["location"])


def test_extract_cli_uses_the_default(aliases, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("On Friday, air strikes hit Qwertyville, killing five civilians.\n")
    runner = CliRunner()
    before = runner.invoke(main, ["extract", str(report), "--published", "2016-10-07"])
    assert before.exit_code == 0, before.output
    assert '"place_id": "hanano"' not in before.output
    aliases.parent.mkdir(parents=True, exist_ok=True)
    aliases.write_text("alias,place_id\nQwertyville,hanano\n")
    after = runner.invoke(main, ["extract", str(report), "--published", "2016-10-07"])
    assert after.exit_code == 0 and '"place_id": "hanano"' in after.output, after.output


@pytest.mark.parametrize("form", ["url", "path"])
def test_store_in_a_new_folder(tmp_path, form):
    target = tmp_path / "new" / "dir" / "e.sqlite"
    s = EventStore(f"sqlite:///{target}" if form == "url" else target)
    assert s.count() == 0 and target.is_file()
    s.close()


def test_cli_db_in_a_new_folder(aliases, tmp_path):
    db = tmp_path / "fresh" / "place" / "e.sqlite"
    res = CliRunner().invoke(main, ["ingest", str(FIX / "generic.csv"), "--db", f"sqlite:///{db}"])
    assert res.exit_code == 0, res.output
    assert EventStore(db).count() > 0


def test_store_that_cannot_be_made_is_a_store_error(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="cannot open the event store"):
        EventStore(f"sqlite:///{blocker}/sub/e.sqlite")
