"""Folding of free text for search, in Latin and Arabic script.

``fold(text)`` is what the store keeps beside each event (``search_text``) and what a query
is turned into before it is looked for there: case, accents, apostrophes and ʿayn marks,
hyphens, Arabic diacritics and tatweel, the hamza forms of alef (أ إ آ ٱ → ا) and of waw/ya
(ؤ → و, ئ → ي), alef maqsura (ى → ي) and taa marbuta (ة → ه) are folded away. Spellings
that differ in letters ("Saeed"/"Said") are the gazetteer's business (:mod:`dashboard.search`).

It is cheap on purpose (it runs on every row an ingest stores): ASCII text takes a fast path.
"""
from __future__ import annotations

import re
import unicodedata

_ASCII_TABLE = bytes.maketrans(b"-_ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"  abcdefghijklmnopqrstuvwxyz")
_ASCII_DROP = b"'`"
_MAP = str.maketrans({
    "ة": "ه", "ى": "ي", "ٱ": "ا", "ـ": None, "ک": "ك", "ی": "ي", "ھ": "ه", "ۀ": "ه",
    "’": None, "‘": None, "`": None, "'": None, "´": None, "ʿ": None, "ʾ": None, "ʼ": None, "ʻ": None,
    "‐": " ", "‑": " ", "‒": " ", "–": " ", "—": " ", "-": " ", "_": " ",
    "\u200c": None, "\u200d": None, "\u200e": None, "\u200f": None, "\u2060": None,
})
_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """``text`` folded for search (see the module docstring); words separated by one space."""
    if not text:
        return ""
    if text.isascii():
        out = text.encode("ascii").translate(_ASCII_TABLE, _ASCII_DROP).decode("ascii")
        if "  " in out or "\n" in out or "\t" in out or "\r" in out:  # tabs, newlines or runs of spaces: collapse
            return " ".join(out.split())
        return out.strip()
    # NFKD splits أ إ آ ؤ ئ into a base letter and a combining hamza/madda, and Latin accents
    # from their letters: dropping the combining marks folds both (and Arabic short vowels).
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.translate(_MAP).casefold().split())


def fold_row(location: str | None, notes: str | None) -> str:
    """The stored search text of one event: its place as written and its notes, folded."""
    return f" {fold(location)} \n {fold(notes)} "
