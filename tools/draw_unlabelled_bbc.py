"""Draw unlabelled BBC articles to read by hand (README, "Real articles, hand-labelled").

The pool: the articles of ARTICLES in neither labels/bbc/labels.jsonl nor
labels/bbc/heldout.jsonl (nor any id given with --exclude, e.g. an earlier sample). Per
section (sorted), from the pool's ids, sorted, one ``random.Random(SEED)`` draws
PER_SECTION with ``sample``. Writes the drawn articles as JSON Lines to OUT, which must lie
outside the project: third-party text never goes into the repository. Prints the ids.

    python tools/draw_unlabelled_bbc.py ../shared/bbc/articles.jsonl 3717 12 /tmp/s3717.jsonl
    python tools/draw_unlabelled_bbc.py ../shared/bbc/articles.jsonl 3718 6 /tmp/s3718.jsonl \\
        --exclude-file /tmp/s3717.jsonl

The speaker samples were drawn the same way: seeds 2717 (12 a section) and 2718 (6 a
section, with --exclude-file of 2717's draw).

--label-pool keeps only the articles the label sets were picked from (short, with a
quotation mark and "said/says/told": tools/pick_bbc_label_articles.is_candidate), so a
sample read by hand is drawn like the held-out set; without it, long articles and
articles with no quotation are drawn too, and figures on the two are not comparable.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABEL_FILES = (ROOT / "labels/bbc/labels.jsonl", ROOT / "labels/bbc/heldout.jsonl")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from pick_bbc_label_articles import is_candidate  # noqa: E402  (the label sets' candidate rule)


def draw(rows: list[dict], seed: int, per_section: int, exclude: set[str]) -> list[str]:
    by_section: dict[str, list[str]] = {}
    for r in rows:
        if r["id"] not in exclude:
            by_section.setdefault(r["category"], []).append(r["id"])
    rng = random.Random(seed)
    return [i for section in sorted(by_section) for i in rng.sample(sorted(by_section[section]), per_section)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", type=Path)
    ap.add_argument("seed", type=int)
    ap.add_argument("per_section", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--label-pool", action="store_true",
                    help="draw only from the label sets' candidates (short, quoted, with said/says/told)")
    ap.add_argument("--exclude-file", type=Path, action="append", default=[],
                    help="a JSON Lines file of articles already drawn: their ids are left out")
    args = ap.parse_args()
    if ROOT in args.out.resolve().parents:
        raise SystemExit(f"error: {args.out}: inside the project; article text stays out of the repository")
    exclude = {json.loads(line)["id"] for f in LABEL_FILES for line in f.open()}
    exclude |= {json.loads(line)["id"] for f in args.exclude_file for line in f.open()}
    rows = [json.loads(line) for line in args.articles.open()]
    pool = [r for r in rows if is_candidate(r["text"])] if args.label_pool else rows
    picked = draw(pool, args.seed, args.per_section, exclude)
    chosen = set(picked)
    with args.out.open("w") as out:
        for r in rows:  # in the articles file's order
            if r["id"] in chosen:
                out.write(json.dumps(r) + "\n")
    print("\n".join(picked))


if __name__ == "__main__":
    main()
