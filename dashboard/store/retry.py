"""Writes that lose a deadlock are run again; other database failures become a clear
:class:`~dashboard.errors.StoreError` instead of a driver traceback.

Two PostgreSQL ingests that hold the same events in opposite order can each wait for a row
the other has just inserted; the server then aborts one ("deadlock detected"). Batches are
inserted in event-id order (``Writer``), which removes that within a batch; across batches
the aborted transaction is simply run again from the start of its file.
"""
from __future__ import annotations

import random
import time
from typing import Callable, TypeVar

import sqlalchemy as sa

from ..errors import StoreError

T = TypeVar("T")
RETRIES = 5
_RETRYABLE = ("40P01", "40001")  # deadlock_detected, serialization_failure
_NAMES = ("DeadlockDetected", "SerializationFailure")


def is_deadlock(exc: BaseException) -> bool:
    """True for a transaction the database aborted to break a deadlock (or a serialization conflict)."""
    orig = getattr(exc, "orig", exc)
    return getattr(orig, "sqlstate", None) in _RETRYABLE or type(orig).__name__ in _NAMES


def run_retrying(attempt: Callable[[], T], *, rewind: Callable[[], None] | None, what: str) -> T:
    """``attempt()``, run again (after ``rewind()``) when it loses a deadlock."""
    for n in range(RETRIES + 1):
        try:
            return attempt()
        except sa.exc.SQLAlchemyError as exc:
            if is_deadlock(exc) and rewind is not None and n < RETRIES:
                rewind()
                time.sleep(random.uniform(0.05, 0.25) * (n + 1))
                continue
            first = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:300]
            raise StoreError(f"{what}: the database refused the write ({type(exc).__name__}: {first}); "
                             "nothing from it was stored") from exc
    raise AssertionError("unreachable")
