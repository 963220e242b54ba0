"""ACLED's interaction codes (``inter1``/``inter2``) of the actors of a file, kept per name.

An event row carries them beside ``actor1``/``actor2``; they say an actor's family (1 state
forces ... 8 external/other forces) and the store keeps one per name (table ``actor_codes``),
which :mod:`dashboard.actor_sides` reads before its name rules.
"""
from __future__ import annotations

from typing import Any

MAX_NAMES = 100_000  # distinct names remembered per file (memory stays bounded)
# Exports since 2023 write the family's name instead of its number.
LABELS = {"state forces": 1, "rebel group": 2, "rebel groups": 2, "political militia": 3,
          "political militias": 3, "identity militia": 4, "identity militias": 4, "rioters": 5,
          "protesters": 6, "civilians": 7, "external/other forces": 8, "external forces": 8,
          "other forces": 8}


class CodeCollector:
    """Collects ``actor -> code`` from the rows of one table (the first code of a name wins)."""

    def __init__(self, pairs: list[tuple[Any, Any]]):
        self._pairs = pairs  # (actor key, code key): column indexes, or names for dict rows
        self.codes: dict[str, int] = {}

    @classmethod
    def for_table(cls, columns: list[str], actor_columns: dict[str, str], dict_rows: bool) -> "CodeCollector | None":
        """A collector when the header has ``inter1``/``inter2`` beside the mapped actor columns."""
        lower = {str(c).strip().lower(): c for c in columns}
        pairs = []
        for actor_field, inter in (("actor1", "inter1"), ("actor2", "inter2")):
            actor_col = actor_columns.get(actor_field)
            if actor_col is None or inter not in lower or actor_col not in columns:
                continue
            code_col = lower[inter]
            pairs.append((actor_col, code_col) if dict_rows else (columns.index(actor_col), columns.index(code_col)))
        return cls(pairs) if pairs else None

    def see(self, row: Any) -> None:
        """Note the codes of one row (bad or missing codes are ignored)."""
        codes = self.codes
        for a, k in self._pairs:
            try:
                name, code = row[a], row[k]
            except (IndexError, KeyError, TypeError):
                continue
            if not name or name in codes or len(codes) >= MAX_NAMES:
                continue
            text = str(code).strip()
            try:
                value = int(text or 0)
            except ValueError:
                value = LABELS.get(text.casefold(), 0)
            if 1 <= value <= 8:
                codes[str(name).strip()] = value
