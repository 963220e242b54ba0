"""The seed report, read from ``../shared/seeds/`` beside the checkout (CI always has it there):
a published Reuters article is not copied into the repository."""
from __future__ import annotations

from pathlib import Path

SEED_REPORT = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds" / "reuters-2016-10-07-aleppo.txt"
