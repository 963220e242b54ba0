"""Review before storing: the candidate table, edits, the review file and reading it back."""
from __future__ import annotations

import io
from datetime import date

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

import gazetteer
from dashboard.cli import main
from dashboard.extract import extract_events
from dashboard.extract.report import Report
from dashboard.ingest import ingest_file
from dashboard.review import (
    REVIEW_COLUMNS, apply_edits, candidate_points, events_from_frame, report_candidates, review_path,
    store_reviewed, write_review_file,
)
from dashboard.store import EventStore

P = date(2016, 10, 7)
# Our own report: three events, the last in a place the gazetteer does not know.
TEXT = ("Air strikes hit the Sakhour district of Aleppo on Thursday, killing six people, a monitor said.\n"
        "Rebels shelled the government-held Midan district on Friday, state media said.\n"
        "Government forces clashed with rebels in Khan Tuman on Friday, activists said.\n")


@pytest.fixture(scope="module")
def gz():
    return gazetteer.load()


@pytest.fixture()
def frame(gz):
    return report_candidates(Report(TEXT), name="wire.txt", published=P, gazetteer=gz, source="Wire")


@pytest.fixture()
def store(tmp_path):
    s = EventStore(tmp_path / "review.sqlite")
    yield s
    s.close()


def stored(store) -> pd.DataFrame:
    return store.query(None).sort_values("origin_line").reset_index(drop=True)


def test_candidates_show_each_event_with_its_sentence_and_place(frame):
    assert tuple(frame.columns) == REVIEW_COLUMNS
    assert list(frame["keep"]) == [True, True, True]
    assert list(frame["place"]) == ["Sakhour", "Midan", ""]  # Khan Tuman: not in the gazetteer, not guessed
    assert list(frame["place_id"]) == ["sakhour", "midan", ""]
    assert frame.loc[0, "sentence"].startswith("Air strikes hit") and frame.loc[0, "fatalities"] == 6
    assert list(frame["event_date"]) == [date(2016, 10, 6), P, P]
    assert set(frame["origin"]) == {"wire.txt"} and set(frame["source"]) == {"Wire"}


def test_an_edited_place_is_resolved_again_and_a_sub_type_sets_its_type(frame, gz):
    out = apply_edits(frame, {1: {"location": "Bustan al-Qasr", "sub_event_type": "Armed clash"},
                              0: {"place": "Midan", "geo_precision": 3, "fatalities": 5}}, gz)
    assert (out.loc[1, "place"], out.loc[1, "place_id"], out.loc[1, "geo_precision"]) == (
        "Bustan al-Qasr", "bustan-al-qasr", 1)
    assert out.loc[1, "event_type"] == "Battles"
    assert (out.loc[0, "place"], out.loc[0, "geo_precision"], out.loc[0, "fatalities"]) == ("Sakhour", 1, 5)
    out = apply_edits(out, {0: {"location": "Nowhere Street"}}, gz)
    assert out.loc[0, "place"] == "" and out.loc[0, "place_id"] == "" and pd.isna(out.loc[0, "geo_precision"])
    out = apply_edits(out, {0: {"location": "eastern Aleppo"}}, gz)
    assert out.loc[0, "geo_precision"] == 2  # an area of the city: the new precision shows


def test_only_kept_rows_are_stored_as_edited_and_unedited_ones_are_the_plain_ingest_events(frame, gz, store):
    plain = {e.location: e.event_id for e in extract_events(TEXT, published=P, gazetteer=gz, source="Wire",
                                                            origin="wire.txt")}
    edited = apply_edits(frame, {1: {"keep": False}, 2: {"location": "Sheikh Saeed", "fatalities": 2}}, gz)
    reviewed = events_from_frame(edited, gz, file="wire.txt")
    assert (reviewed.dropped, reviewed.problems, len(reviewed.events)) == (1, [], 2)
    assert store_reviewed(store, reviewed, name="wire.txt") == (2, 0)
    rows = stored(store)
    assert list(rows["place_id"]) == ["sakhour", "sheikh-saeed"] and list(rows["fatalities"]) == [6, 2]
    assert rows.loc[0, "event_id"] == plain["Sakhour district"]  # unchanged: the same event as a plain ingest
    assert rows.loc[1, "event_id"] not in plain.values()
    assert store_reviewed(store, events_from_frame(edited, gz, file="wire.txt"), name="wire.txt") == (0, 2)


@pytest.mark.parametrize("edit, field", [
    ({"event_date": "someday"}, "event_date"),
    ({"sub_event_type": "Bombardment"}, "sub_event_type"),
    ({"fatalities": "-3"}, "fatalities"),
    ({"time_precision": 7}, "time_precision"),
    ({"keep": "maybe"}, "keep"),
])
def test_a_bad_cell_is_a_problem_naming_row_and_field(frame, gz, edit, field):
    bad = frame.copy()
    for k, v in edit.items():
        bad[k] = bad[k].astype(object)
        bad.at[1, k] = v
    reviewed = events_from_frame(bad, gz, file="wire.txt")
    assert [(p.line, p.field) for p in reviewed.problems] == [(2, field)]
    assert len(reviewed.events) == 2


def test_the_small_map_shows_the_kept_candidates_where_the_gazetteer_puts_them(frame, gz):
    pts = candidate_points(apply_edits(frame, {1: {"keep": False}}, gz), gz)
    assert list(pts["place_id"].fillna("")) == ["sakhour", ""]
    assert pts.loc[0, "latitude"] == gz.place("sakhour").lat and pd.isna(pts.loc[1, "latitude"])


def test_review_file_round_trip_is_spreadsheet_safe(frame, gz, tmp_path, store):
    hostile = frame.copy()
    hostile.at[0, "actor1"] = '=HYPERLINK("http://x.example","click")'
    hostile.at[0, "sentence"] = 'He said "no", then\tleft; غارات جوية على حي الصاخور'
    path = write_review_file(hostile, tmp_path / "r.review.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets read the Arabic as UTF-8
    assert b"'=HYPERLINK" in raw and b',=HYPERLINK' not in raw
    rep = ingest_file(store, io.BytesIO(raw), name="r.review.csv", gazetteer=gz)
    assert (rep.format, rep.loaded, rep.rejected) == ("review", 3, 0)
    rows = stored(store)
    assert rows.loc[0, "actor1"] == '=HYPERLINK("http://x.example","click")'
    assert rows.loc[0, "notes"] == 'He said "no", then left; غارات جوية على حي الصاخور'


def edited_file(frame, tmp_path, *, delimiter=",") -> bytes:
    path = write_review_file(frame, tmp_path / "wire.review.csv")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    lines[2] = "drop" + lines[2][len("keep"):]  # the Midan row
    lines[3] = lines[3].replace(",Khan Tuman,", ",Sheikh Saeed,", 1)  # a better place for the third
    text = "\n".join(lines) + "\n"
    if delimiter != ",":  # a spreadsheet in a locale that saves with semicolons
        import csv

        rows = list(csv.reader(io.StringIO(text)))
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter).writerows(rows)
        text = out.getvalue()
    return text.encode("utf-8")


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_ingesting_the_edited_file_stores_the_kept_rows_as_edited_once(frame, gz, tmp_path, store, delimiter):
    data = edited_file(frame, tmp_path, delimiter=delimiter)
    rep = ingest_file(store, io.BytesIO(data), name="wire.review.csv", gazetteer=gz)
    assert (rep.format, rep.read, rep.loaded, rep.rejected) == ("review", 3, 2, 0)
    assert rep.notes == ["1 row marked drop in the review, not stored"]
    rows = stored(store)
    assert list(rows["location"]) == ["Sakhour district", "Sheikh Saeed"]
    assert list(rows["place_id"]) == ["sakhour", "sheikh-saeed"] and list(rows["geo_precision"]) == [1, 1]
    assert set(rows["origin"]) == {"wire.txt"}  # the report the events came from
    again = ingest_file(store, io.BytesIO(data), name="wire.review.csv", gazetteer=gz)
    assert (again.loaded, again.duplicates) == (0, 2)


def test_a_review_file_saved_as_xlsx_reads_the_same(frame, gz, tmp_path, store):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(REVIEW_COLUMNS))
    for _, r in frame.iterrows():
        ws.append(["keep" if r["keep"] else "drop", r["event_date"], *[None if pd.isna(r[c]) else r[c]
                                                                       for c in REVIEW_COLUMNS[2:]]])
    buf = io.BytesIO()
    wb.save(buf)
    rep = ingest_file(store, io.BytesIO(buf.getvalue()), name="wire.review.xlsx", gazetteer=gz)
    assert (rep.format, rep.loaded, rep.rejected, rep.unresolved) == ("review", 3, 0, 1)
    assert list(stored(store)["event_date"].dt.date) == [date(2016, 10, 6), P, P]


def test_a_bad_row_in_the_file_is_rejected_with_line_and_field(frame, gz, tmp_path, store):
    data = edited_file(frame, tmp_path).decode("utf-8").replace(",2016-10-06,", ",sometime,", 1).encode()
    rep = ingest_file(store, io.BytesIO(data), name="wire.review.csv", gazetteer=gz)
    assert rep.loaded == 1 and rep.rejected == 1
    assert [(p.line, p.field, p.value) for p in rep.problems] == [(2, "event_date", "sometime")]


def test_review_path_never_overwrites(tmp_path):
    report = tmp_path / "wire.txt"
    assert review_path(report) == tmp_path / "wire.review.csv"
    (tmp_path / "wire.review.csv").write_text("edited", encoding="utf-8")
    assert review_path(report) == tmp_path / "wire.review-2.csv"


def test_cli_review_writes_the_file_and_stores_nothing_then_ingests_it(tmp_path):
    report = tmp_path / "wire-2016-10-07.txt"
    report.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "x.sqlite"
    res = CliRunner().invoke(main, ["ingest", str(report), "--review", "--db", str(db)])
    assert res.exit_code == 0, res.output
    out = tmp_path / "wire-2016-10-07.review.csv"
    assert f"review file: {out}" in res.output and "3 candidate events, nothing stored yet" in res.output
    assert "taken from the file name" in res.output and f"python -m dashboard ingest {out}" in res.output
    assert not db.exists()
    again = CliRunner().invoke(main, ["ingest", str(report), "--review", "--db", str(db)])
    assert again.exit_code == 0 and (tmp_path / "wire-2016-10-07.review-2.csv").exists()
    res = CliRunner().invoke(main, ["ingest", str(out), "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "review" in res.output and EventStore(db).count() == 3


def test_cli_review_refuses_a_table(tmp_path):
    table = tmp_path / "events.csv"
    table.write_text("event_date,event_type,location\n2016-10-07,Battles,Sakhour\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["ingest", str(table), "--review", "--db", str(tmp_path / "x.sqlite")])
    assert res.exit_code != 0 and "--review is for prose reports" in res.output
    assert not (tmp_path / "x.sqlite").exists()
