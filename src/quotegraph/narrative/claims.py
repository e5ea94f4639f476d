"""Numeric claims: numbers stated about the same subject by different sources,
normalised (value, unit, bound), with the disagreements flagged.

A number is read with its bound ("more than", "over", "at least" -> at least;
"up to", "fewer than" -> at most; "about", "nearly", "some" -> about), its scale
("thousand", "150k", "1.2 million") and the words after it (the subject: "100,000
displaced", "150 thousand people"). Two claims are about the same subject when
their subject phrases or their clauses (the number masked) embed close together
(MiniLM, cosine >= ``SAME_SUBJECT``) in statements of one topic. They disagree when their values differ by more than
``TOLERANCE``, unless the bounds reconcile them ("more than 100,000" and
"150,000" can both be true: shown as compatible, not as a conflict).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from ..store.narrative import QuoteRow

BOUNDS = {"more than": "at_least", "over": "at_least", "at least": "at_least", "upwards of": "at_least",
          "in excess of": "at_least", "up to": "at_most", "fewer than": "at_most", "less than": "at_most",
          "under": "at_most", "at most": "at_most", "about": "about", "around": "about", "nearly": "about",
          "almost": "about", "some": "about", "roughly": "about", "approximately": "about", "an estimated": "about"}
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9}
_NUMBER = re.compile(
    r"(?P<bound>\b(?:" + "|".join(sorted(map(re.escape, BOUNDS), key=len, reverse=True)) + r")\s+)?"
    r"(?P<value>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(?P<scale>thousand|million|billion|bn|mn|k|m)\b)?"
    r"(?P<percent>\s*(?:%|per ?cent))?"
    r"(?P<subject>(?:\s+[A-Za-z][\w-]*){1,3})?", re.IGNORECASE)
_SKIP_SUBJECT = {"am", "pm", "years", "year", "days", "day", "hours", "o'clock", "minutes", "january", "february",
                 "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
# Cosine of MiniLM vectors, the better of subject phrase and masked clause. Chosen on the
# labelled story of samples_narratives/ (its only labelled data): "displaced people" /
# "residents" 0.48, "people" / "residents" 0.51, while subjects of other measures
# ("feed" for money, "tonnes of wheat") stay below 0.35 against them.
SAME_SUBJECT = 0.45
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
TOLERANCE = 0.10     # values within 10% are the same figure rounded differently


@dataclass(frozen=True)
class Claim:
    doc_id: str
    quote_id: str
    speaker: str | None
    outlet: str | None
    published: str | None
    topic_id: int | None
    value: float
    unit: str        # "count" or "percent"
    bound: str       # exact | at_least | at_most | about
    subject: str
    text: str
    clause: str      # the sentence around the number, the number masked


@dataclass(frozen=True)
class Disagreement:
    a: Claim
    b: Claim
    verdict: str     # conflict | compatible


def claims_in(quote: QuoteRow) -> list[Claim]:
    out = []
    for m in _NUMBER.finditer(quote.content):
        after = (m["subject"] or "").split()
        before = quote.content[:m.start()].split()[-1:] if not m["bound"] else []
        if (after and after[0].lower() in _SKIP_SUBJECT) or (before and before[0].lower().strip(",") in _MONTHS):
            continue  # dates ("March 30", "12 May"), times and durations are not claims
        subject = _content_words(after) or _content_words(quote.content[:m.start()].split()[-3:])
        if not subject and not m["scale"] and not m["percent"]:
            continue  # a bare small number about nothing named
        value = float(m["value"].replace(",", "")) * SCALES.get((m["scale"] or "").lower(), 1.0)
        if 1900 <= value <= 2100 and not m["scale"] and "," not in m["value"]:
            continue  # a year
        bound = BOUNDS.get((m["bound"] or "").strip().lower(), "exact")
        out.append(Claim(quote.doc_id, quote.quote_id, quote.speaker, quote.outlet, quote.published,
                         quote.topic_id, value, "percent" if m["percent"] else "count", bound,
                         subject or "(unstated)", m.group(0).strip(), _clause(quote.content, m.start(), m.end())))
    return out


def _clause(text: str, start: int, end: int) -> str:
    left = max(text.rfind(mark, 0, start) for mark in (". ", "; ", "! ", "? "))
    right = min([i for i in (text.find(mark, end) for mark in (". ", "; ", "! ", "? ")) if i >= 0] or [len(text)])
    return (text[left + 1:start] + " N " + text[end:right]).strip()


def _content_words(words: list[str]) -> str:
    """The words up to the first function word ("displaced people have" -> "displaced people")."""
    kept = []
    for word in words:
        low = word.lower().strip(".,;:!?()\"'“”‘’")
        if not low or low in ENGLISH_STOP_WORDS:
            if kept:
                break
            continue
        kept.append(low)
    return " ".join(kept)


def _reconciled(a: Claim, b: Claim) -> bool:
    low, high = (a, b) if a.value <= b.value else (b, a)
    return low.bound == "at_least" or high.bound == "at_most"


def disagreements(quotes: list[QuoteRow], embed) -> list[Disagreement]:
    """``embed(texts) -> unit vectors`` decides which subjects are the same."""
    claims = [c for q in quotes for c in claims_in(q)]
    if len(claims) < 2:
        return []
    def unit(texts: list[str]) -> np.ndarray:
        vectors = np.asarray(embed(texts))
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)

    subjects = unit([c.subject if c.subject != "(unstated)" else c.clause for c in claims])
    clauses = unit([c.clause for c in claims])
    similar = np.maximum(subjects @ subjects.T, clauses @ clauses.T)
    out = []
    for i, a in enumerate(claims):
        for j in range(i + 1, len(claims)):
            b = claims[j]
            if a.unit != b.unit or (a.speaker or a.outlet) == (b.speaker or b.outlet):
                continue
            if a.topic_id is not None and b.topic_id is not None and a.topic_id != b.topic_id:
                continue
            if similar[i, j] < SAME_SUBJECT:
                continue
            if abs(a.value - b.value) <= TOLERANCE * max(a.value, b.value):
                continue
            out.append(Disagreement(a, b, "compatible" if _reconciled(a, b) else "conflict"))
    return out
