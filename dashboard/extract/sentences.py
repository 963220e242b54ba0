"""Sentence and clause splitting for news prose (English and Arabic).

Rules, in order of importance:

* Citation markers ("in flames.[45] Since", "[citation needed]") are blanked first (``blank_markers``,
  same length, so offsets hold): they never glue two sentences together nor split one.
* A line break ends a sentence (reports put one paragraph per line). A bullet ("- ", "* ", "• ",
  "1. ") at the start of a line is not part of its sentence; a dateline ("BEIRUT (AP) —",
  "ALEPPO, Syria, July 28 (Reuters) -") is no sentence at all.
* ``. ! ? ؟ ۔`` end a sentence when followed by space and an upper-case letter,
  a digit, a quote or an Arabic letter; common abbreviations (U.N., U.S., Mr.,
  Gen., Oct.) and decimals ("5.5") do not.
* Quotation state is tracked across sentences of a paragraph, so a sentence
  inside “...” (or "...", «...») is marked ``quoted``: it is someone's speech.

Clauses (``clauses()``) are the comma/semicolon/dash pieces of a sentence,
further cut before "but", "while", "where", "which", "as"; filters for
negation, modality and history apply per clause, so that "..., where the most
intense battles this summer took place" does not hide the main clause's event.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREV = {
    "u.n", "u.s", "u.k", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt",
    "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "no", "vs", "etc", "approx", "a.m", "p.m", "e.g", "i.e", "sen", "rep", "gov",
    "prof", "inc", "co", "corp", "jr", "sr", "brig", "cpl", "pvt", "adm", "cmdr", "sheikh",
    "al", "fig", "vol", "pp", "dept", "univ", "mt", "ft", "govt",
}
# "[12]", "[12][13]", "[a]", "[citation needed]", "[better source needed]", "[note 3]"
_MARKER = re.compile(r"\[(?:\d{1,4}|[a-z]|note\s+\d+|[a-z][a-z ]{2,30}needed|dubious|clarification needed|when\?|who\?)\]",
                     re.IGNORECASE)
_BULLET = re.compile(r"(?:[-*•▪–—]|\d{1,2}[.)])\s+")
# "BEIRUT (AP) — ", "ALEPPO, Syria, July 28 (Reuters) - ", "MOSCOW/BEIRUT (Reuters) – ", "ISTANBUL — "
_DATELINE = re.compile(
    r"(?:[A-Z][A-Z'.-]+(?:[ /][A-Z][A-Z'.-]+)*)(?:,\s*(?:[A-Z][a-z]+\.?\s*)+)?(?:,?\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    r"\s*(?:\((?:[A-Z][\w.]*\s*)+\))?\s*[—–-]{1,2}\s+(?=[A-Z\"“])")
_END = re.compile(r"[.!?؟۔]+[\"”’»)]*(?=\s+|$)")
_OPEN_Q = "“«"
_CLOSE_Q = "”»"
_CLAUSE_CUT = re.compile(
    r"[,;:،؛](?!\d)\s*|\s[–—-]{1,2}\s|\s\((?=\w)|\)\s*"
    r"|\s(?=(?:but|while|whereas|where|which|although|though|after|before|as|when|"
    r"following|amid|despite)\s)"
    r"|\s(?=(?:in\s+(?:an?\s+)?(?:attempt|bid|effort|order)\s+to|so\s+as\s+to|with\s+the\s+(?:aim|goal|intention)\s+of|only\s+to)\s)",
    re.IGNORECASE,
)
# Clauses that say why or with what result, or describe a place or actor: their places are not
# where the event was ("..., leaving the east under siege", "in an attempt to lift the siege",
# "which would open the road to X", "the YPG, which holds Sheikh Maqsoud, ...").
_ASIDE = re.compile(
    r"\s*(?:and\s+|thereby\s+|effectively\s+|so\s+|thus\s+)?(?:leaving|cutting|placing|putting|reimposing|re-imposing|re-establishing"
    r"|reestablishing|tightening|breaking|completing|isolating|opening|threatening|sealing|bringing|paving|allowing|forcing|trapping"
    r"|linking|severing|encircling|besieging|imposing|giving|raising|making|ending|lifting|building\s+on|dividing|splitting)\b"
    r"|\s*(?:in\s+(?:an?\s+)?(?:attempt|bid|effort|order)\s+to|so\s+as\s+to|with\s+the\s+(?:aim|goal|intention)\s+of"
    r"|aim(?:ed|ing)\s+(?:to|at)|to\s+(?:try\s+to\s+)?(?:lift|break|cut|open|retake|stop|close|encircle|prevent|link|reach|relieve))\b"
    r"|\s*(?:which|that)\s+(?:would|could|will|might|may)\b|\s*whose\b"
    r"|\s*(?:which|who|that)\s+(?:\w+\s+)?(?:holds?|held|controls?|controlled|overlooks?|overlooked|links?|linked|(?:is|was|are|were|had\s+been)"
    r"\s+(?:held|controlled|home|located|made\s+up|besieged))\b",
    re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its text and where it is in the report."""

    text: str
    start: int  # offset in the report text
    end: int
    line: int  # 1-based line number of its first character
    quoted: bool  # inside quotation marks (someone's speech)
    index: int  # position in the report, 0-based


def _is_boundary(text: str, dot_at: int, after: int) -> bool:
    """Whether the punctuation at ``dot_at`` really ends a sentence."""
    if after >= len(text):
        return True
    nxt = text[after:after + 1]
    if text[dot_at] == ".":
        m = re.search(r"([\w.]+)$", text[max(0, dot_at - 12):dot_at])
        word = (m.group(1) if m else "").lower()
        if word in _ABBREV or (len(word) == 1 and word.isalpha()):
            return False
        if re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):  # U.S, a.m
            return False
    if not nxt:
        return True
    return nxt.isupper() or nxt.isdigit() or nxt in "\"“«‘'(" or "\u0600" <= nxt <= "\u06ff"


def blank_markers(text: str) -> str:
    """Text with citation markers replaced by spaces of the same length (offsets are kept)."""
    if "[" not in text:
        return text
    return _MARKER.sub(lambda m: " " * len(m.group(0)), text)


def split_sentences(text: str) -> list[Sentence]:
    """Split a report into sentences with offsets, line numbers and a quoted flag.

    Call it on ``blank_markers(text)`` for text with citation markers."""
    out: list[Sentence] = []
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    line_no = 0
    for pm in re.finditer(r"[^\n]+", text):
        para_start = pm.start()
        while line_no + 1 < len(line_starts) and line_starts[line_no + 1] <= para_start:
            line_no += 1
        para = pm.group(0)
        in_quote = False
        pos = 0
        lead = _BULLET.match(para)
        if lead:
            pos = lead.end()
        dateline = _DATELINE.match(para, pos)
        if dateline:
            pos = dateline.end()
        pieces: list[tuple[int, int]] = []
        for m in _END.finditer(para, pos):
            after = m.end()
            while after < len(para) and para[after] == " ":
                after += 1
            if _is_boundary(para, m.start(), after):
                pieces.append((pos, m.end()))
                pos = after
        if pos < len(para):
            pieces.append((pos, len(para)))
        for s, e in pieces:
            raw = para[s:e]
            lead = len(raw) - len(raw.lstrip())
            body = raw.strip()
            if not body:
                continue
            inside, quoted_chars, straight = in_quote, 0, 0
            for ch in body:
                if ch in _OPEN_Q:
                    inside = True
                elif ch in _CLOSE_Q:
                    inside = False
                elif ch == '"':
                    straight += 1
                    inside = not inside
                elif inside and not ch.isspace():
                    quoted_chars += 1
            letters = sum(1 for ch in body if not ch.isspace())
            quoted = in_quote or body[0] in _OPEN_Q + '"' or quoted_chars > 0.6 * letters
            in_quote = inside
            start = para_start + s + lead
            out.append(Sentence(body, start, start + len(body), line_no + 1, quoted, len(out)))
    return out


def asides(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Indexes of the clauses that give a purpose, a result or a description (see ``_ASIDE``)."""
    return {i for i, (s, e) in enumerate(spans) if i and _ASIDE.match(text, s, e)}


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the clauses of one sentence."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _CLAUSE_CUT.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = max(pos, m.end())
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans or [(0, len(text))]
