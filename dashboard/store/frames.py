"""Query results straight into pandas, column-wise, without per-row SQLAlchemy objects.

The statement runs through SQLAlchemy (binds, dialect), but its rows are fetched from the
DB-API cursor (plain tuples) and handed to Arrow in one pass with the column types known in
advance (no dtype inference): 100,000 map rows cost one ``fetchall`` plus ~0.1 s.
Strings come out as pandas' ``str`` dtype, integers as nullable ``Int64``, floats as
``float64``, dates as ISO text or ``datetime64``. A value that does not fit its type (a
hand-edited database, say) falls back to the generic, inferring path with the same result types.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Any, Iterator, Mapping, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa

# Column kinds: "str", "int", "float", "date" (ISO text), "datetime" (datetime64).
KINDS: dict[str, str] = {
    "event_date": "date", "time_precision": "int", "latitude": "float", "longitude": "float",
    "geo_precision": "int", "fatalities": "int", "origin_line": "int", "events": "int",
}
_STR = pd.StringDtype("pyarrow", na_value=np.nan)  # pandas' default ``str`` dtype
_ARROW = {"str": pa.large_string(), "int": pa.int64(), "float": pa.float64()}
_MAPPER = {pa.large_string(): _STR, pa.int64(): pd.Int64Dtype()}.get
_FIT_ERRORS = (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, TypeError, ValueError,
               OverflowError)


def kind_of(column: str, kinds: Mapping[str, str] | None = None) -> str:
    """The result kind of a column (``kinds`` overrides the defaults; anything else is text)."""
    if kinds and column in kinds:
        return kinds[column]
    return KINDS.get(column, "str")


def read_frame(conn: sa.Connection, stmt: sa.Executable, columns: Sequence[str], *,
               kinds: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Run ``stmt`` on ``conn`` and return its rows as a typed DataFrame named ``columns``."""
    result = conn.execute(stmt)
    with _no_gc():
        try:
            cursor = getattr(result, "cursor", None)
            rows = cursor.fetchall() if cursor is not None else [tuple(r) for r in result]
        finally:
            result.close()
        return frame_from_rows(rows, columns, kinds=kinds)


@contextmanager
def _no_gc() -> Iterator[None]:
    """No cyclic garbage collection while a million fresh row objects are made (they hold no
    cycles; in a big process such as the app, full collections would walk the whole heap)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def frame_from_rows(rows: list, columns: Sequence[str], *, kinds: Mapping[str, str] | None = None
                    ) -> pd.DataFrame:
    """A typed DataFrame from DB-API row tuples (see the module docstring for the types)."""
    columns = list(columns)
    want = [kind_of(c, kinds) for c in columns]
    try:
        return _arrow_frame(rows, columns, want)
    except _FIT_ERRORS:
        return _generic_frame(rows, columns, want)


def _arrow_frame(rows: list, columns: list[str], want: list[str]) -> pd.DataFrame:
    # Dates arrive as ISO text (SQLite) or date objects (PostgreSQL): read them as whichever
    # the first non-null value is, then convert.
    fields = []
    for i, (col, k) in enumerate(zip(columns, want)):
        if k in ("date", "datetime"):
            sample = next((r[i] for r in rows if r[i] is not None), None)
            typ = pa.large_string() if sample is None or isinstance(sample, str) else pa.date32()
        else:
            typ = _ARROW[k]
        fields.append(pa.field(f"c{i}", typ))
    struct = pa.array(rows, type=pa.struct(fields)) if rows else None
    arrays = []
    for i, (f, k) in enumerate(zip(fields, want)):
        arr = struct.field(i) if struct is not None else pa.array([], type=f.type)
        if k == "date" and arr.type != pa.large_string():
            arr = arr.cast(pa.large_string())  # date32 -> 'YYYY-MM-DD'
        elif k == "date" and len(arr):
            arr = pc.utf8_slice_codeunits(arr, 0, 10)  # '2016-10-07 00:00:00' -> date
        elif k == "datetime":
            arr = _as_date32(arr)
        arrays.append(arr)
    table = pa.Table.from_arrays(arrays, names=[f"c{i}" for i in range(len(columns))])
    df = table.to_pandas(types_mapper=_MAPPER, date_as_object=False)
    df.columns = columns
    for col, k in zip(columns, want):
        if k == "datetime":
            df[col] = df[col].astype("datetime64[s]")
    return df


def _as_date32(arr: pa.Array) -> pa.Array:
    if arr.type == pa.date32():
        return arr
    text = pc.utf8_slice_codeunits(arr, 0, 10)
    return pc.strptime(text, format="%Y-%m-%d", unit="s").cast(pa.date32())


def _generic_frame(rows: list, columns: list[str], want: list[str]) -> pd.DataFrame:
    df = pd.DataFrame.from_records(rows, columns=columns, coerce_float=False)
    for col, k in zip(columns, want):
        s = df[col]
        if k == "int":
            df[col] = pd.to_numeric(s, errors="coerce").round().astype("Int64")
        elif k == "float":
            df[col] = pd.to_numeric(s, errors="coerce").astype("float64")
        elif k == "date":
            df[col] = _iso_dates(s)
        elif k == "datetime":
            df[col] = pd.to_datetime(_iso_dates(s), errors="coerce", format="%Y-%m-%d").astype("datetime64[s]")
        else:
            df[col] = s.map(_text, na_action="ignore").astype(_STR)
    return df


def _iso_dates(s: pd.Series) -> pd.Series:
    return s.map(lambda v: v.isoformat()[:10] if hasattr(v, "isoformat") else str(v)[:10],
                 na_action="ignore").astype(_STR)


def _text(v: Any) -> str:
    return v if isinstance(v, str) else str(v)
