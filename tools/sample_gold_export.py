"""Export samples/gold.json in the scorer's layout, against the texts an extraction run produced.

For .txt and JSONL documents the gold offsets already index the document text; for
HTML and WARC documents the text is the extractor's main text, so every span is
located there by search (content texts are unique in their document; cue, source and
addressee take the occurrence nearest the first content span). Then:

    .venv/bin/quotegraph extract samples --meta samples/meta.csv -o out/samples.jsonl
    .venv/bin/python tools/sample_gold_export.py out/samples.jsonl -o out/samples.gold.jsonl
    .venv/bin/python ../shared/tools/attribution_score.py out/samples.gold.jsonl out/samples.jsonl

A document missing from the extraction output, or a gold span not found in its text,
is reported on stderr and skipped (exit code 1).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1] / "samples" / "gold.json"


def _locate(text: str, span: dict, near: int | None) -> dict | None:
    if "start" in span and text[span["start"]:span["end"]] == span["text"]:
        return {"start": span["start"], "end": span["end"], "text": span["text"]}
    occ = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(span["text"]) + r"(?!\w)", text)]
    if not occ:
        return None
    p = occ[0] if near is None else min(occ, key=lambda o: abs(o - near))
    return {"start": p, "end": p + len(span["text"]), "text": span["text"]}


def export(gold: dict, texts: dict[str, str]) -> tuple[list[dict], list[str]]:
    out, problems = [], []
    for doc in gold["documents"]:
        text = texts.get(doc["id"])
        if text is None:
            problems.append(f"{doc['id']}: not in the extraction output")
            continue
        quotes = []
        for st in doc["statements"]:
            contents = [_locate(text, c, None) for c in st["contents"]]
            if any(c is None for c in contents):
                problems.append(f"{doc['id']} {st['id']}: content not found in the extracted text")
                continue
            near = contents[0]["start"]
            cue = _locate(text, st["cue"], near) if st["cue"] else None
            source = _locate(text, st["source"], near) if st["source"] else None
            addressee = _locate(text, st["addressee"], near) if st["addressee"] else None
            quotes.append({
                "id": st["id"], "kind": st["kind"], "contents": contents, "cue": cue,
                "sources": [source] if source else [],
                "speaker": {"id": st["speaker"], "name": st["speaker"], "role": st["role"]},
                "addressee": addressee, "cluster": st["cluster"], "said_on": st["said_on"],
            })
        out.append({"id": doc["id"], "outlet": doc["outlet"], "published": doc["published"], "text": text, "quotes": quotes})
    return out, problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("extracted", type=Path, help="JSONL written by `quotegraph extract samples ...`")
    ap.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    ap.add_argument("--gold", type=Path, default=GOLD)
    args = ap.parse_args(argv)
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    texts = {}
    for line in args.extracted.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            texts[rec["id"]] = rec["text"]
    docs, problems = export(gold, texts)
    lines = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(lines, encoding="utf-8")
    else:
        sys.stdout.write(lines)
    for p in problems:
        print(f"error: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
