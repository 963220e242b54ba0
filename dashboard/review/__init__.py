"""Review before storing: a report's candidate events as a table to accept, edit or drop.

One table format serves the app (``st.data_editor``) and the CLI (a CSV file edited in a
spreadsheet, ``python -m dashboard ingest REPORT --review``), one event per row:

* ``keep`` (True/False in the app; ``keep``/``drop`` in the file: also yes/no, y/n, 1/0,
  x; a blank cell is a drop), the coded fields (date and its time precision, type and
  sub-type, actors, fatalities), ``location`` (the place as written, editable), ``place``
  and ``place_id`` and ``geo_precision`` (where the gazetteer puts it), ``sentence`` (the
  report's words) and provenance; ``extracted_location`` is the extractor's own reading,
  so that an edited place is recognised.
* An edited place name is resolved again through the gazetteer (:func:`refresh_places`,
  and when rows are read back): the new place and precision are shown before storing; a
  name the gazetteer does not know is stored unresolved (listed for an alias), never guessed.
* Only kept rows become events (:func:`events_from_frame`); bad cells are problems naming
  the line and field, and those rows are not stored; the rest are stored in one
  transaction (:func:`store_reviewed`). Event ids are content ids, so an unedited row is
  the same event a plain ingest of the report stores, and storing twice adds nothing.
* Files are written spreadsheet-safe (``gazetteer.safecsv``: a cell starting ``= + - @``
  gets a leading ``'``, removed again on reading) in UTF-8 with a BOM (Excel reads Arabic).
"""
from .files import SUFFIX, is_review_table, load_review_table, review_path, table_rows, write_review_file
from .rows import Reviewed, event_from_row, events_from_frame, events_from_rows, store_reviewed
from .table import REVIEW_COLUMNS, apply_edits, candidate_points, candidates_frame, refresh_places, report_candidates

__all__ = ["REVIEW_COLUMNS", "SUFFIX", "Reviewed", "apply_edits", "candidate_points", "candidates_frame", "event_from_row", "events_from_frame",
           "events_from_rows", "is_review_table", "load_review_table", "refresh_places", "report_candidates",
           "review_path", "store_reviewed", "table_rows", "write_review_file"]
