"""The hand-label file of real articles (labels/bbc/labels.jsonl): read it and check it.

One JSON object a line, one line per article; no article text, only offsets into it:

    {"id": "bbc-politics-056", "section": "politics", "sha256": "<sha256 of the article text>",
     "statements": [{"type": "speech", "content": [[start, end], ...], "cue": [start, end] | null,
                     "mention": [start, end] | null, "speaker": "Charles Clarke" | null}]}

Offsets are character offsets [start, end) into the article's ``text`` in the articles
JSONL (../shared/bbc/articles.jsonl); ``sha256`` is that text's, so a changed article is
caught before its offsets are trusted. The labelling guide is labels/bbc/README.md.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ..records import content_hash

LABEL_TYPES = ("speech", "belief", "finding")  # headlines are not labelled (README)
_WORD = re.compile(r"\w")

Offsets = tuple[int, int]


@dataclass(frozen=True, slots=True)
class GoldStatement:
    type: str
    content: tuple[Offsets, ...]
    cue: Offsets | None
    mention: Offsets | None
    speaker: str | None


@dataclass(frozen=True, slots=True)
class LabelledArticle:
    id: str
    section: str
    sha256: str
    statements: tuple[GoldStatement, ...]


@dataclass(frozen=True, slots=True)
class LabelError:
    """One problem in the label file: where (line, article, statement index) and why."""

    line: int
    article: str | None
    index: int | None
    reason: str

    def __str__(self) -> str:
        where = f"line {self.line}"
        if self.article:
            where += f" {self.article}"
        if self.index is not None:
            where += f" statement {self.index}"
        return f"{where}: {self.reason}"


class LabelFileError(ValueError):
    """The label file cannot be used; ``errors`` lists every problem found."""

    def __init__(self, path: Path, errors: list[LabelError]) -> None:
        self.errors = errors
        super().__init__(f"{path}: {len(errors)} error(s); first: {errors[0] if errors else ''}")


def read_articles(path: Path, ids: set[str] | None = None) -> dict[str, dict]:
    """Article rows (id -> row) of an articles JSONL, only ``ids`` when given."""
    out: dict[str, dict] = {}
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            row = json.loads(line)
            if ids is None or str(row.get("id")) in ids:
                out[str(row["id"])] = row
    return out


def body_start(text: str) -> int:
    """Where the body begins: after the headline line and the blank lines after it."""
    i = text.find("\n")
    if i < 0:
        return 0
    while i < len(text) and text[i] == "\n":
        i += 1
    return i


def _span(value: object) -> Offsets | None:
    if (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) and not isinstance(v, bool)
                                                           for v in value)):
        return value[0], value[1]
    return None


def _statement(raw: object, n: int, article: str, k: int, text: str | None,
               errors: list[LabelError]) -> GoldStatement | None:
    def err(reason: str) -> None:
        errors.append(LabelError(n, article, k, reason))

    if not isinstance(raw, dict):
        err("a statement must be a JSON object")
        return None
    start_errors = len(errors)
    kind = raw.get("type")
    if kind not in LABEL_TYPES:
        err(f"unknown type {kind!r} (known: {', '.join(LABEL_TYPES)})")
    parts = raw.get("content")
    content = [_span(p) for p in parts] if isinstance(parts, list) and parts else [None]
    if any(c is None for c in content):
        err("content must be a non-empty list of [start, end] offset pairs")
    spans = {"cue": raw.get("cue"), "mention": raw.get("mention")}
    singles: dict[str, Offsets | None] = {}
    for name, value in spans.items():
        singles[name] = _span(value)
        if value is not None and singles[name] is None:
            err(f"{name} must be null or a [start, end] offset pair")
    speaker = raw.get("speaker")
    if speaker is not None and not (isinstance(speaker, str) and speaker.strip()):
        err("speaker must be null or a non-empty name")
    if len(errors) > start_errors:
        return None
    assert all(c is not None for c in content)
    checked: list[tuple[str, Offsets]] = [("content", c) for c in content]  # type: ignore[misc]
    checked += [(name, s) for name, s in singles.items() if s is not None]
    if text is not None:
        body = body_start(text)
        for name, (a, b) in checked:
            if not 0 <= a < b <= len(text):
                err(f"{name} [{a}, {b}) is empty or outside the text (length {len(text)})")
            elif not _WORD.search(text, a, b):
                err(f"{name} [{a}, {b}) has no word characters")
            elif a < body:
                err(f"{name} [{a}, {b}) is in the headline (headlines are not labelled)")
    ordered = sorted(content)  # type: ignore[arg-type]
    for x, y in zip(ordered, ordered[1:]):
        if y[0] < x[1]:
            err(f"content parts {list(x)} and {list(y)} overlap")
    for name in ("cue", "mention"):
        s = singles[name]
        if s is not None and any(s[0] < c[1] and c[0] < s[1] for c in ordered):
            err(f"the {name} {list(s)} overlaps the content")
    if len(errors) > start_errors:
        return None
    return GoldStatement(kind, tuple(ordered), singles["cue"], singles["mention"],
                         speaker.strip() if isinstance(speaker, str) else None)


def check_label_file(path: Path, articles_path: Path) -> tuple[list[LabelledArticle], list[LabelError]]:
    """Read the label file and check it against the articles: every problem is listed."""
    errors: list[LabelError] = []
    raw_rows: list[tuple[int, dict]] = []
    with Path(path).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(LabelError(n, None, None, f"invalid JSON: {exc.msg}"))
                continue
            if not isinstance(row, dict) or not isinstance(row.get("id"), str):
                errors.append(LabelError(n, None, None, "a line must be an object with a string 'id'"))
                continue
            raw_rows.append((n, row))
    texts = {k: v["text"] for k, v in read_articles(articles_path, {r["id"] for _, r in raw_rows}).items()}
    seen: dict[str, int] = {}
    out: list[LabelledArticle] = []
    for n, row in raw_rows:
        aid = row["id"]
        first = len(errors)
        if aid in seen:
            errors.append(LabelError(n, aid, None, f"article labelled twice (also line {seen[aid]})"))
            continue
        seen[aid] = n
        text = texts.get(aid)
        if text is None:
            errors.append(LabelError(n, aid, None, f"no article with this id in {articles_path}"))
        elif row.get("sha256") != content_hash(text):
            errors.append(LabelError(n, aid, None, "sha256 differs from the article text's: the article changed"))
            text = None  # offsets into a changed text mean nothing
        raw_statements = row.get("statements")
        if not isinstance(raw_statements, list):
            errors.append(LabelError(n, aid, None, "'statements' must be a list"))
            continue
        statements = [_statement(s, n, aid, k, text, errors) for k, s in enumerate(raw_statements)]
        _check_overlaps(statements, n, aid, errors)
        if len(errors) == first:
            out.append(LabelledArticle(aid, str(row.get("section", "")), row["sha256"],
                                       tuple(s for s in statements if s is not None)))
    return out, errors


def _check_overlaps(statements: list[GoldStatement | None], n: int, aid: str, errors: list[LabelError]) -> None:
    """Two statements whose contents overlap are one statement labelled twice: nested
    attributions are not labelled (README), so any overlap is an error."""
    for k, a in enumerate(statements):
        for m in range(k + 1, len(statements)):
            b = statements[m]
            if a is None or b is None:
                continue
            if any(x[0] < y[1] and y[0] < x[1] for x in a.content for y in b.content):
                errors.append(LabelError(n, aid, m, f"content overlaps statement {k}'s"))


def load_labels(path: Path, articles_path: Path) -> list[LabelledArticle]:
    """The checked label file; raises LabelFileError listing every problem."""
    labels, errors = check_label_file(path, articles_path)
    if errors:
        raise LabelFileError(Path(path), errors)
    return labels
