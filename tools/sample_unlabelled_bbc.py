"""Draw unlabelled BBC articles for judging by hand (issue 17 speaker work).

From each section's ids (sorted) that are in neither label file (labels/bbc/labels.jsonl,
labels/bbc/heldout.jsonl), ``random.Random(SEED).sample`` picks N // 5 (one generator,
sections in sorted order). Writes the drawn articles as JSON Lines to OUT, which must lie
outside the project: article text is never stored in it.

    python tools/sample_unlabelled_bbc.py 2717 60 /tmp/sample-2717.jsonl
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABEL_FILES = (ROOT / "labels/bbc/labels.jsonl", ROOT / "labels/bbc/heldout.jsonl")


def labelled_ids() -> set[str]:
    ids: set[str] = set()
    for path in LABEL_FILES:
        ids |= {json.loads(line)["id"] for line in path.open(encoding="utf-8") if line.strip()}
    return ids


def draw(rows: list[dict], seed: int, n: int) -> list[dict]:
    taken = labelled_ids()
    rng = random.Random(seed)
    sections = sorted({r["category"] for r in rows})
    by_id = {r["id"]: r for r in rows}
    out = []
    for section in sections:
        ids = sorted(r["id"] for r in rows if r["category"] == section and r["id"] not in taken)
        out += [by_id[i] for i in sorted(rng.sample(ids, n // len(sections)))]
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("seed", type=int)
    p.add_argument("n", type=int)
    p.add_argument("out", type=Path)
    p.add_argument("--articles", type=Path, default=ROOT / "../shared/bbc/articles.jsonl")
    p.add_argument("--exclude", type=Path, action="append", default=[],
                   help="a JSONL of articles drawn before, whose ids are not drawn again")
    a = p.parse_args()
    if ROOT in a.out.resolve().parents:
        raise SystemExit(f"{a.out}: inside the project; article text is never stored in it")
    rows = [json.loads(line) for line in a.articles.open(encoding="utf-8") if line.strip()]
    before = {json.loads(line)["id"] for path in a.exclude for line in path.open(encoding="utf-8") if line.strip()}
    rows = [r for r in rows if r["id"] not in before]
    drawn = draw(rows, a.seed, a.n)
    with a.out.open("w", encoding="utf-8") as f:
        for r in drawn:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(" ".join(r["id"] for r in drawn))


if __name__ == "__main__":
    main()
