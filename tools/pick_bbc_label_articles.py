"""Pick the BBC articles of the hand-labelled sets (labels/bbc/README.md, "How the articles were picked").

Per section, the candidates are the articles whose body (text after the headline line)
has a quotation mark and a speech verb ("said", "says", "told") and is at most
MAX_CHARS long (so one person can read and label each whole); from the candidate ids,
sorted, random.Random(f"{SEED}-{section}").sample picks PER_SECTION. Prints one id a line.

    python tools/pick_bbc_label_articles.py ../shared/bbc/articles.jsonl

--heldout LABELS picks the held-out set (README "Held-out set") with the same candidate
rule, minus every id already in LABELS, seed f"{SEED}-heldout-{section}" and
HELDOUT_PER_SECTION per section:

    python tools/pick_bbc_label_articles.py ../shared/bbc/articles.jsonl --heldout labels/bbc/labels.jsonl
"""
from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

SEED = 17  # the issue number: fixed, never tuned on what it picks
PER_SECTION = 8
HELDOUT_PER_SECTION = 6
MAX_CHARS = 3500
SPEECH_VERB = re.compile(r"\b(said|says|told)\b")


def body(text: str) -> str:
    return text.split("\n", 1)[1] if "\n" in text else ""


def is_candidate(text: str) -> bool:
    b = body(text)
    return len(text) <= MAX_CHARS and '"' in b and bool(SPEECH_VERB.search(b))


def pick(rows: list[dict], seed: str = f"{SEED}", per_section: int = PER_SECTION,
         exclude: frozenset[str] = frozenset()) -> list[str]:
    sections = sorted({r["category"] for r in rows})
    chosen: list[str] = []
    for section in sections:
        ids = sorted(r["id"] for r in rows if r["category"] == section and is_candidate(r["text"])
                     and r["id"] not in exclude)
        chosen += sorted(random.Random(f"{seed}-{section}").sample(ids, per_section))
    return chosen


def labelled_ids(path: Path) -> frozenset[str]:
    return frozenset(json.loads(line)["id"] for line in path.open(encoding="utf-8") if line.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("articles", nargs="?", default="../shared/bbc/articles.jsonl")
    parser.add_argument("--heldout", metavar="LABELS", type=Path,
                        help="pick the held-out set, excluding the ids of this label file")
    args = parser.parse_args()
    rows = [json.loads(line) for line in Path(args.articles).open(encoding="utf-8") if line.strip()]
    if args.heldout:
        chosen = pick(rows, f"{SEED}-heldout", HELDOUT_PER_SECTION, labelled_ids(args.heldout))
    else:
        chosen = pick(rows)
    for article_id in chosen:
        print(article_id)


if __name__ == "__main__":
    main()
