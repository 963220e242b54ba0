"""Table headers in Arabic: the app's Arabic CSV download reads back into a store like the English one."""
from __future__ import annotations

import io

import pandas as pd
import pytest

from dashboard.headers import COLUMN_LABELS, column_for_header, header, localized
from dashboard.i18n import t
from dashboard.ingest import ingest_file
from dashboard.schema import EXPORT_COLUMNS
from dashboard.share.export import export_csv
from dashboard.store import EventStore
from tests.app_server import make_db

KEEP = ["event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "fatalities", "source",
        "notes", "geo_precision"]


def test_every_exported_column_has_a_distinct_arabic_header():
    arabic = [header(c, "ar") for c in EXPORT_COLUMNS]
    assert set(COLUMN_LABELS) == set(EXPORT_COLUMNS)
    assert len(set(arabic)) == len(arabic) and not [h for h in arabic if h.isascii()]
    assert [column_for_header(h) for h in arabic] == list(EXPORT_COLUMNS)
    assert [header(c, "en") for c in EXPORT_COLUMNS] == list(EXPORT_COLUMNS)  # English: ACLED's names


@pytest.mark.parametrize("name, column", [
    ("تاريخ الحدث", "event_date"), ("\ufeffمعرّف الحدث", "event_id"), ("  القتلى ", "fatalities"),
    ("event_date", None), ("عمود آخر", None),
])
def test_arabic_headers_are_read_back(name, column):
    assert column_for_header(name) == column


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_an_exported_csv_reads_back_into_the_same_events(tmp_path, lang):
    source = EventStore(make_db(tmp_path / "a.sqlite"))
    frame = source.query(source_view())
    data = export_csv(frame[[c for c in EXPORT_COLUMNS if c in frame.columns]], lang=lang)
    head = data.decode("utf-8-sig").splitlines()[0]
    assert ("تاريخ الحدث" in head) is (lang == "ar") and ("event_date" in head) is (lang == "en")
    target = EventStore(f"sqlite:///{tmp_path / 'b.sqlite'}")
    report = ingest_file(target, io.BytesIO(data), name=f"export-{lang}.csv")
    assert report.loaded == len(frame) and not report.rejected
    back = target.query(source_view())
    key = ["event_date", "location", "actor1"]
    left = frame[KEEP].sort_values(key).reset_index(drop=True).astype(str)
    right = back[KEEP].sort_values(key).reset_index(drop=True).astype(str)
    pd.testing.assert_frame_equal(left, right)


def source_view():
    from dashboard.filters import ViewState

    return ViewState()


def test_a_table_shown_in_arabic_translates_types_and_districts_not_the_data():
    frame = pd.DataFrame({"event_type": ["Battles", ""], "sub_event_type": ["Armed clash", None],
                          "district": ["Old City", "Elsewhere"], "notes": ["Battles in the Old City", "x"]})
    shown = localized(frame, "ar", {"Old City": "المدينة القديمة"})
    assert list(shown.columns) == [header(c, "ar") for c in frame.columns]
    assert shown[header("event_type", "ar")].tolist() == [t("Battles", "ar"), ""]
    assert shown[header("district", "ar")].tolist() == ["المدينة القديمة", "Elsewhere"]
    assert shown[header("notes", "ar")].tolist() == frame["notes"].tolist()  # report text is never changed
    assert localized(frame, "en") is frame
