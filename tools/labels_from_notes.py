"""Turn a labeller's working notes into labels/bbc/labels.jsonl lines (ids, offsets, types, names only).

The notes live OUTSIDE the repository (they quote article text). One file per article,
NOTES_DIR/<article id>.txt, one statement a line, "#" lines ignored:

    TYPE | CONTENT | CUE | MENTION | SPEAKER

TYPE is S (speech), B (belief) or F (finding). CONTENT, CUE and MENTION are snippets of
the article body, "-" for none; CONTENT may have several parts joined by " ++ " (one
quotation run interrupted by its cue). A snippet "left<<target>>right" locates
left+target+right and keeps only the target. A content snippet must occur exactly once
in the body; a cue or mention snippet (whole words) is taken at its occurrence nearest
the content, and must be unambiguous there. SPEAKER is the resolved name or "null".
Any snippet not found, or ambiguous, is an error naming the article and the line.

    python tools/labels_from_notes.py NOTES_DIR ../shared/bbc/articles.jsonl IDS.txt > labels/bbc/labels.jsonl
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

TYPES = {"S": "speech", "B": "belief", "F": "finding"}


class NoteError(ValueError):
    pass


def body_start(text: str) -> int:
    """Where the body begins: after the headline line and the blank line after it."""
    i = text.find("\n")
    while 0 <= i < len(text) and text[i] == "\n":
        i += 1
    return max(i, 0)


def _pattern(snippet: str) -> tuple[re.Pattern, int]:
    """A regex for the snippet (whole words at word edges); group 1 is the target."""
    if "<<" in snippet:
        left, rest = snippet.split("<<", 1)
        target, right = rest.split(">>", 1)
    else:
        left, target, right = "", snippet, ""
    whole = left + target + right
    pre = r"(?<!\w)" if whole[:1].isalnum() else ""
    post = r"(?!\w)" if whole[-1:].isalnum() else ""
    return re.compile(pre + re.escape(left) + "(" + re.escape(target) + ")" + re.escape(right) + post), 1


def locate(text: str, lo: int, snippet: str) -> list[tuple[int, int]]:
    pat, g = _pattern(snippet)
    return [(m.start(g), m.end(g)) for m in pat.finditer(text, lo)]


def unique(text: str, lo: int, snippet: str, what: str) -> tuple[int, int]:
    found = locate(text, lo, snippet)
    if len(found) != 1:
        raise NoteError(f"{what} {snippet!r}: {'not found' if not found else f'{len(found)} occurrences'}")
    return found[0]


def nearest(text: str, lo: int, snippet: str, around: tuple[int, int], what: str) -> tuple[int, int]:
    found = locate(text, lo, snippet)
    if not found:
        raise NoteError(f"{what} {snippet!r}: not found")
    a, b = around

    def dist(s: tuple[int, int]) -> int:
        return 0 if s[0] < b and a < s[1] else min(abs(s[0] - b), abs(a - s[1]))

    found.sort(key=dist)
    if len(found) > 1 and dist(found[0]) == dist(found[1]):
        raise NoteError(f"{what} {snippet!r}: two occurrences equally near the content")
    return found[0]


def parse_line(text: str, line: str) -> dict:
    parts = [p.strip() for p in line.split("|")]
    if len(parts) != 5 or parts[0] not in TYPES:
        raise NoteError(f"expected 'TYPE | CONTENT | CUE | MENTION | SPEAKER', got {line!r}")
    kind, content, cue, mention, speaker = parts
    lo = body_start(text)
    spans = [unique(text, lo, c.strip(), "content") for c in content.split(" ++ ")]
    around = (spans[0][0], spans[-1][1])
    cue_span = None if cue == "-" else nearest(text, lo, cue, around, "cue")
    mention_span = None if mention == "-" else nearest(text, lo, mention, around, "mention")
    return {"type": TYPES[kind], "content": [list(s) for s in spans],
            "cue": list(cue_span) if cue_span else None,
            "mention": list(mention_span) if mention_span else None,
            "speaker": None if speaker == "null" else speaker}


def article_labels(article: dict, notes: str) -> dict:
    text = article["text"]
    statements, errors = [], []
    for n, line in enumerate(notes.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            statements.append(parse_line(text, line))
        except NoteError as exc:
            errors.append(f"{article['id']}: line {n}: {exc}")
    if errors:
        raise NoteError("\n".join(errors))
    statements.sort(key=lambda s: s["content"][0][0])
    return {"id": article["id"], "section": article["category"],
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "statements": statements}


def main(notes_dir: str, articles_path: str, ids_path: str) -> int:
    articles = {}
    for line in Path(articles_path).open(encoding="utf-8"):
        if line.strip():
            row = json.loads(line)
            articles[row["id"]] = row
    failed = 0
    for article_id in Path(ids_path).read_text().split():
        note = Path(notes_dir) / f"{article_id}.txt"
        if not note.exists():
            continue
        try:
            print(json.dumps(article_labels(articles[article_id], note.read_text(encoding="utf-8"))))
        except NoteError as exc:
            failed += 1
            print(exc, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
