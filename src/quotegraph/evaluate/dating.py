"""Measuring the dating step: agreement with the sample gold, and its cost per document.

``gold_results`` turns samples/gold.json's hand-labelled statements into real
DocResults (gold attributions over the texts the ingest readers produce), so
the dating step can be scored apart from extraction errors. ``agreement``
compares said_on (start, end, precision) with the gold labels, with and
without carrying dates across a speech event.
"""
from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..records import Document, DocResult, Quote, Span, Speaker


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

    @property
    def rate(self) -> float:
        return self.agree / self.total if self.total else 0.0


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
            got = quote.extra["said_on"]
            score.total += 1
            if (got["start"], got["end"], got["precision"]) == (label["start"], label["end"], label["precision"]):
                score.agree += 1
            else:
                score.misses.append((sid, label, got))
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
            got = best.extra["said_on"]
            score.total += 1
            if (got["start"], got["end"], got["precision"]) == (label["start"], label["end"], label["precision"]):
                score.agree += 1
            else:
                score.misses.append((sid, label, got))
    return score, unmatched
