"""Measuring the dating step: agreement with the sample gold, and its cost per document.

``gold_results`` turns samples/gold.json's hand-labelled statements into real
DocResults (gold attributions over the texts the ingest readers produce), so
the dating step can be scored apart from extraction errors. ``agreement``
compares said_on (start, end, precision) with the gold labels, with and
without carrying dates across a speech event.

Scoring is by interval, not by day (``judge``): a prediction agrees only when
it names the gold interval with the gold precision. An "on or before
publication" prediction against an on-or-before gold agrees; a day claimed
where the gold is on-or-before is *over-precise* (the article never gave that
day) and counts as wrong, like an interval that conflicts with the gold; an
on-or-before (or coarser) prediction that contains the gold interval is
*coarse*: not an agreement, but no false claim either.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..records import Document, DocResult, Quote, Span, Speaker
from ..said_on import LEGACY_BEFORE_PUBLICATION, UNKNOWN

JUDGEMENTS = ("exact", "coarse", "over_precise", "wrong")


@dataclass(slots=True)
class GoldDoc:
    result: DocResult
    labels: list[dict[str, Any]]  # gold said_on per quote, in the order of result.quotes
    statement_ids: list[str]
    missing: list[str] = field(default_factory=list)  # statements whose spans are not in the text


@dataclass(slots=True)
class Agreement:
    agree: int = 0
    total: int = 0
    misses: list[tuple[str, dict, dict]] = field(default_factory=list)
    judged: Counter = field(default_factory=Counter)  # judge() outcome -> count

    @property
    def rate(self) -> float:
        return self.agree / self.total if self.total else 0.0

    def add(self, sid: str, label: dict[str, Any], got: dict[str, Any]) -> None:
        verdict = judge(got, label)
        self.total += 1
        self.judged[verdict] += 1
        if verdict == "exact":
            self.agree += 1
        else:
            self.misses.append((sid, label, got))

    def breakdown(self) -> str:
        return ", ".join(f"{k.replace('_', '-')} {self.judged[k]}" for k in JUDGEMENTS)


def _bounds(said: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    """The interval as dates; an open start (on or before) is the earliest date."""
    if said.get("precision") == UNKNOWN or not said.get("end"):
        return None
    end = dt.date.fromisoformat(said["end"][:10])
    start = dt.date.fromisoformat(said["start"][:10]) if said.get("start") else dt.date.min
    return start, end


def judge(got: dict[str, Any], gold: dict[str, Any]) -> str:
    """exact | coarse (contains the gold interval, claims less) | over_precise (claims
    a narrower interval or finer precision than the gold gives) | wrong (conflicts)."""
    if gold.get("precision") == LEGACY_BEFORE_PUBLICATION:
        raise ValueError("gold said_on uses the retired 'before_publication' precision: relabel it")
    # Predictions are taken as they claim: a stored legacy point (start = end) is a day.
    if (got.get("start"), got.get("end"), got.get("precision")) == (gold["start"], gold["end"], gold["precision"]):
        return "exact"
    g, p = _bounds(gold), _bounds(got)
    if g is None or p is None:
        return "coarse" if p is None and got.get("precision") == UNKNOWN else "wrong"
    if p[0] <= g[0] and g[1] <= p[1]:
        return "coarse"
    if g[0] <= p[0] and p[1] <= g[1]:
        return "over_precise"
    return "wrong"


def gold_results(samples: Path, documents: dict[str, Document]) -> list[GoldDoc]:
    """One GoldDoc per gold document found among ``documents`` (by id)."""
    gold = json.loads((samples / "gold.json").read_text("utf-8"))
    types = {s["name"]: s.get("type", "UNKNOWN") for s in gold.get("speakers", [])}
    out = []
    for d in gold["documents"]:
        doc = documents.get(d["id"])
        if doc is None:
            continue
        quotes, labels, ids, missing = [], [], [], []
        for n, s in enumerate(d["statements"]):
            quote = _gold_quote(doc, s, n, types)
            if quote is None:
                missing.append(s["id"])
                continue
            quotes.append(quote)
            labels.append(s["said_on"])
            ids.append(s["id"])
        out.append(GoldDoc(DocResult(document=doc, quotes=quotes), labels, ids, missing))
    return out


def _locate(text: str, span: dict[str, Any], near: int | None, exact: bool) -> Span | None:
    if exact and "start" in span and text[span["start"]:span["end"]] == span["text"]:
        return Span.of(text, span["start"], span["end"])
    hits = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(span["text"]) + r"(?!\w)", text)]
    if not hits:
        return None
    p = hits[0] if near is None else min(hits, key=lambda h: abs(h - near))
    return Span.of(text, p, p + len(span["text"]))


def _gold_quote(doc: Document, s: dict[str, Any], n: int, types: dict[str, str]) -> Quote | None:
    text = doc.text
    contents = []
    for c in s["contents"]:
        span = _locate(text, c, contents[-1].end if contents else None, exact=True)
        if span is None:
            return None
        contents.append(span)
    near = contents[0].start if contents else None
    cue = _locate(text, s["cue"], near, exact=True) if s.get("cue") else None
    source = _locate(text, s["source"], near, exact=True) if s.get("source") else None
    speaker = Speaker(id=s["speaker"], name=s["speaker"], type=types.get(s["speaker"], "UNKNOWN"), role=s.get("role"))
    return Quote(id=f"{doc.id}#g{n}", kind=s["kind"], contents=contents, cue=cue,
                 sources=[source] if source else [], speaker=speaker)


def agreement(golds: list[GoldDoc], date: Callable[[DocResult], DocResult]) -> Agreement:
    """How many quotes ``date`` gives the gold (start, end, precision)."""
    score = Agreement()
    for g in golds:
        dated = date(g.result)
        for sid, quote, label in zip(g.statement_ids, dated.quotes, g.labels):
            score.add(sid, label, quote.extra["said_on"])
    return score


def ms_per_document(results: list[DocResult], step: Callable[[DocResult], DocResult], rounds: int = 3) -> float:
    """Best-of-``rounds`` mean milliseconds per document of ``step``."""
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        for r in results:
            step(r)
        best = min(best, (time.perf_counter() - t0) / max(1, len(results)))
    return best * 1000


def _overlap(a: list[Span], b: list[Span]) -> int:
    return sum(max(0, min(x.end, y.end) - max(x.start, y.start)) for x in a for y in b)


def extracted_agreement(
    golds: list[GoldDoc], extracted: dict[str, DocResult], date: Callable[[DocResult], DocResult]
) -> tuple[Agreement, int]:
    """said_on agreement on *extracted* quotes: each gold statement is matched to the
    extracted quote of its document whose contents overlap it most. Returns the
    agreement over matched statements and the number of gold statements unmatched."""
    score, unmatched = Agreement(), 0
    for g in golds:
        result = extracted.get(g.result.document.id)
        if result is None:
            unmatched += len(g.labels)
            continue
        dated = date(result)
        for sid, gold_quote, label in zip(g.statement_ids, g.result.quotes, g.labels):
            best = max(dated.quotes, key=lambda q: _overlap(q.contents, gold_quote.contents), default=None)
            if best is None or _overlap(best.contents, gold_quote.contents) == 0:
                unmatched += 1
                continue
            score.add(sid, label, best.extra["said_on"])
    return score, unmatched
