"""The one error hierarchy of the dashboard library.

The CLI turns any :class:`DashboardError` into a message and a non-zero exit;
the app turns it into ``st.error``. Gazetteer errors (:class:`gazetteer.errors.GazetteerError`)
are part of the same family: :class:`DashboardError` does not wrap them, the
edges catch both.
"""
from __future__ import annotations

from dataclasses import dataclass


class DashboardError(Exception):
    """Base class of every error the dashboard library raises on purpose."""


class StoreError(DashboardError):
    """The event store cannot be opened, migrated or queried."""


class IngestError(DashboardError):
    """A whole file cannot be ingested (unknown format, unreadable, no usable columns)."""


class ExtractError(DashboardError):
    """A report cannot be turned into events (e.g. no publication date)."""


class ViewStateError(DashboardError):
    """A view state (filters, map view) is malformed."""


class SnapshotError(DashboardError):
    """A snapshot cannot be produced (e.g. no Chromium for a PNG)."""


@dataclass(frozen=True)
class RowProblem:
    """One rejected or flagged input row: where it is and why."""

    file: str
    line: int
    field: str
    reason: str
    value: str = ""

    def __str__(self) -> str:
        # One line, safe on a terminal: every part may come from the file (names, headers).
        from gazetteer.textio import terminal_safe

        shown = f" (value {terminal_safe(repr(self.value))})" if self.value else ""
        return terminal_safe(f"{self.file}:{self.line}: {self.field}: {self.reason}") + shown
