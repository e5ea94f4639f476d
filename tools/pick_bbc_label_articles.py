"""Pick the BBC articles of the hand-labelled set (labels/bbc/README.md, "How the articles were picked").

Per section, the candidates are the articles whose body (text after the headline line)
has a quotation mark and a speech verb ("said", "says", "told") and is at most
MAX_CHARS long (so one person can read and label each whole); from the candidate ids,
sorted, random.Random(f"{SEED}-{section}").sample picks PER_SECTION. Prints one id a line.

    python tools/pick_bbc_label_articles.py ../shared/bbc/articles.jsonl
"""
from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

SEED = 17  # the issue number: fixed, never tuned on what it picks
PER_SECTION = 8
MAX_CHARS = 3500
SPEECH_VERB = re.compile(r"\b(said|says|told)\b")


def body(text: str) -> str:
    return text.split("\n", 1)[1] if "\n" in text else ""


def is_candidate(text: str) -> bool:
    b = body(text)
    return len(text) <= MAX_CHARS and '"' in b and bool(SPEECH_VERB.search(b))


def pick(rows: list[dict]) -> list[str]:
    sections = sorted({r["category"] for r in rows})
    chosen: list[str] = []
    for section in sections:
        ids = sorted(r["id"] for r in rows if r["category"] == section and is_candidate(r["text"]))
        chosen += sorted(random.Random(f"{SEED}-{section}").sample(ids, PER_SECTION))
    return chosen


def main(path: str) -> None:
    rows = [json.loads(line) for line in Path(path).open(encoding="utf-8") if line.strip()]
    for article_id in pick(rows):
        print(article_id)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/bbc/articles.jsonl")
