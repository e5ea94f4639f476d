"""Scoring the narrative layer against hand labels (samples_narratives/labels.json):
pairwise precision/recall of topics over the labelled statements, and precision/
recall of echoes and of numeric-claim conflicts (as unordered speaker pairs)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from ..narrative.claims import Disagreement
from ..narrative.echoes import Echo
from ..store.narrative import QuoteRow


@dataclass(frozen=True)
class PR:
    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    def line(self) -> str:
        return f"P {self.precision:.2f} ({self.tp}/{self.predicted})  R {self.recall:.2f} ({self.tp}/{self.gold})"


def load_labels(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _speaker_is(name: str | None, wanted: str) -> bool:
    return bool(name) and (name.lower() == wanted.lower() or wanted.lower().split()[-1] in name.lower().split())


def topic_scores(labels: dict, quotes: list[QuoteRow]) -> PR:
    items = []  # (gold topic, predicted topic)
    for gold_topic, statements in labels["topics"].items():
        for speaker, phrase in statements:
            found = next((q for q in quotes if _speaker_is(q.speaker, speaker) and phrase.lower() in q.content.lower()),
                         None)
            items.append((gold_topic, found.topic_id if found else None))
    tp = predicted = gold = 0
    for (g1, p1), (g2, p2) in combinations(items, 2):
        same_gold = g1 == g2
        same_pred = p1 is not None and p1 == p2 and p1 >= 0
        gold += same_gold
        predicted += same_pred
        tp += same_gold and same_pred
    return PR(tp, predicted, gold)


def echo_scores(labels: dict, echoes: list[Echo]) -> PR:
    found = [(e.first.speaker, u.speaker, e.phrase) for e in echoes for u in e.later]
    gold = labels["echoes"]
    matched = set()
    tp = 0
    for first, later, phrase in found:
        for k, g in enumerate(gold):
            if k not in matched and _speaker_is(first, g["first"]) and _speaker_is(later, g["later"]) \
                    and (phrase in g["phrase"].lower() or g["phrase"].lower() in phrase):
                matched.add(k)
                tp += 1
                break
    return PR(tp, len(found), len(gold))


def claim_scores(labels: dict, conflicts: list[Disagreement]) -> PR:
    pairs = {frozenset(((d.a.speaker or "").lower(), (d.b.speaker or "").lower()))
             for d in conflicts if d.verdict == "conflict"}
    gold = [frozenset((g["a"].lower(), g["b"].lower())) for g in labels["claim_conflicts"]]
    tp = sum(1 for g in gold if any(all(any(_speaker_is(p, n) for p in pair) for n in g) for pair in pairs))
    return PR(tp, len(pairs), len(gold))
