"""`python -m dashboard snapshot` takes the link's names: --q in any spelling, --actor synonyms,
--side and --family, and gives the same events as the app."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from dashboard.cli import main
from dashboard.filters import ViewState
from dashboard.ingest import ingest_path
from dashboard.store import EventStore

FIXTURE = Path(__file__).parent / "fixtures" / "ingest" / "acled_sides.csv"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("snap-actors") / "events.sqlite"
    store = EventStore(path)
    ingest_path(store, FIXTURE)
    return store


def snapshot(db: EventStore, tmp_path: Path, *args: str) -> tuple[int, str, str]:
    out = tmp_path / "snap.html"
    result = CliRunner().invoke(main, ["snapshot", "--out", str(out), "--db", db.url, *args])
    page = out.read_text(encoding="utf-8") if out.exists() else ""
    return result.exit_code, result.output, page


def events_said(output: str) -> int:
    return int(re.search(r"; ([\d,]+) events,", output).group(1).replace(",", ""))


@pytest.mark.parametrize("args, view", [
    (["--q", "Cheikh Saïd"], ViewState(text="Cheikh Saïd")),
    (["--q", "الشيخ سعيد"], ViewState(text="الشيخ سعيد")),
    (["--actor", "regime"], ViewState(sides=["government"])),
    (["--actor", "قوات النظام"], ViewState(sides=["government"])),
    (["--actor", "SAA"], ViewState(actors=["SAA"])),
    (["--side", "government"], ViewState(sides=["government"])),
    (["--side", "Kurds"], ViewState(sides=["kurdish"])),
    (["--family", "state-forces"], ViewState(families=["state-forces"])),
    (["--actor", "jihadists", "--q", "Sheikh Maqsoud"], ViewState(sides=["opposition", "islamic-state"],
                                                                 text="Sheikh Maqsoud")),
])
def test_snapshot_gives_the_apps_events(db, tmp_path, args, view):
    code, output, page = snapshot(db, tmp_path, *args)
    assert code == 0, output
    assert events_said(output) == db.totals(view)[0] > 0
    assert "<html" in page.lower()


@pytest.mark.parametrize("args, events", [(["--q", "Cheikh Saïd"], 4), (["--q", "الشيخ سعيد"], 4),
                                          (["--actor", "regime"], 4), (["--q", "Sheikh Said", "--actor", "regime"], 3)])
def test_snapshot_counts(db, tmp_path, args, events):
    code, output, _ = snapshot(db, tmp_path, *args)
    assert code == 0 and events_said(output) == events, output


def test_an_unknown_side_is_an_error(db, tmp_path):
    code, output, _ = snapshot(db, tmp_path, "--side", "martians")
    assert code != 0 and "side" in output and "martians" in output
