"""The labelled set for linking, built from the sample corpus's hand labels
(samples/gold.json), and the pairwise precision/recall of a linking result.

Each gold statement becomes a Quote; each gold speaker in a document becomes
one per-document Speaker named as extraction would resolve it there: the
fullest name the document uses for that speaker among its statements'
sources (titles included), or the role when the document never names them.
So linking sees the spellings, surnames and role descriptions of the real
articles, and the gold speaker names are used only for scoring.
"""
from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..records import Document, DocResult, Quote, Span, Speaker
from ..names import parse_person

PRONOUN_SOURCES = re.compile(r"^(he|she|they|her|him|them|it|we)$", re.IGNORECASE)


@dataclass(slots=True)
class LabelledSet:
    results: list[DocResult]
    gold_speaker: dict[tuple[str, str], str]  # (doc_id, local speaker id) -> gold speaker name
    gold_cluster: dict[tuple[str, str], str]  # (doc_id, quote id) -> gold speech-event cluster
    utterance_pairs: list[tuple[tuple[str, str], tuple[str, str]]]  # translations + syndicated copies
    must_not_merge: list[tuple[str, str]] = field(default_factory=list)
    reactions: list[dict] = field(default_factory=list)


def _has_name(text: str) -> bool:
    p = parse_person(text)
    return p is not None and not PRONOUN_SOURCES.match(text.strip())


def build_labelled_set(samples: Path) -> LabelledSet:
    gold = json.loads((samples / "gold.json").read_text(encoding="utf-8"))
    types = {s["name"]: s["type"] for s in gold["speakers"]}
    results, gold_speaker, gold_cluster, where = [], {}, {}, {}
    for d in gold["documents"]:
        by_speaker: dict[str, list[dict]] = {}
        for st in d["statements"]:
            by_speaker.setdefault(st["speaker"], []).append(st)
        lines, quotes, speakers = [], [], {}
        for i, (name, sts) in enumerate(sorted(by_speaker.items())):
            sources = [re.sub(r"^(the|a|an)\s+", "", st["source"]["text"].split(",")[0].strip(), flags=re.IGNORECASE)
                       for st in sts]
            if types.get(name, "UNKNOWN") == "PERSON":
                named = [src for src in sources if _has_name(src)]
            else:  # organisations and groups: their fullest non-pronoun mention
                named = [src for src in sources if not PRONOUN_SOURCES.match(src) and src[:1].isupper()]
            local = max(named, key=len) if named else (sts[0]["role"] or sts[0]["source"]["text"])
            local = re.sub(r"^(the|a|an)\s+", "", local.split(",")[0].strip(), flags=re.IGNORECASE)
            sid = f"s{i}"
            speakers[sid] = Speaker(sid, local, types.get(name, "UNKNOWN"), sts[0]["role"])
            gold_speaker[(d["id"], sid)] = name
            for st in sts:
                content = " … ".join(c["text"] for c in st["contents"])
                prefix = "\n".join(lines) + ("\n" if lines else "")
                start = len(prefix) + len(st["source"]["text"]) + len(" said: ")
                lines.append(f"{st['source']['text']} said: {content}")
                text_so_far = "\n".join(lines)
                span = Span(start, start + len(content), text_so_far[start : start + len(content)])
                quotes.append(Quote(st["id"], st["kind"], [span], speaker=speakers[sid]))
                gold_cluster[(d["id"], st["id"])] = st["cluster"]
                where[st["id"]] = (d["id"], st["id"])
        doc = Document(id=d["id"], source=d["file"], text="\n".join(lines), outlet=d["outlet"], published=d["published"])
        results.append(DocResult(document=doc, quotes=quotes, speakers=speakers))
    pairs = [(where[p["a"]], where[p["b"]]) for p in gold.get("translations", []) + gold.get("syndicated", [])
             if p["a"] in where and p["b"] in where]
    return LabelledSet(results, gold_speaker, gold_cluster, pairs,
                       [(p["a"], p["b"]) for p in gold.get("must_not_merge", [])], gold.get("reactions", []))


def pairwise_scores(gold: dict, predicted: dict) -> tuple[float, float, int, int]:
    """Precision and recall over item pairs (same gold label vs same predicted label)."""
    items = sorted(k for k in gold if k in predicted)
    tp = fp = fn = 0
    for a, b in itertools.combinations(items, 2):
        g, p = gold[a] == gold[b], predicted[a] == predicted[b]
        tp += g and p
        fp += p and not g
        fn += g and not p
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp + fp, tp + fn
