"""How the cue lexicon in data/cues.yaml was chosen: per-lemma statistics on a
gold file (PolNeAR train). Run ``python -m quotegraph.train.cue_lexicon_stats GOLD``.

For every verb lemma it counts how often a token with that lemma is inside a
gold cue span and how often it occurs at all; lemmas with a high enough share
are reporting verbs in this annotation scheme.
"""
from __future__ import annotations

import json
import sys
from collections import Counter

from ..nlp.spacy_model import get_nlp


def cue_lemma_stats(gold_path: str) -> tuple[Counter, Counter]:
    nlp = get_nlp()
    rows = [json.loads(line) for line in open(gold_path, encoding="utf-8") if line.strip()]
    in_cue: Counter = Counter()
    total: Counter = Counter()
    for row, sdoc in zip(rows, nlp.pipe((r["text"] for r in rows), batch_size=16)):
        cue_chars: set[int] = set()
        for q in row["quotes"]:
            for s in q.get("cues") or []:
                cue_chars.update(range(s["start"], s["end"]))
        for tok in sdoc:
            if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT":
                total[tok.lemma_.lower()] += 1
                if tok.idx in cue_chars:
                    in_cue[tok.lemma_.lower()] += 1
    return in_cue, total


def main(argv: list[str]) -> None:
    in_cue, total = cue_lemma_stats(argv[0])
    for lemma, n in in_cue.most_common():
        if n >= 3:
            print(f"{lemma}\t{n}\t{total[lemma]}\t{n / total[lemma]:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
