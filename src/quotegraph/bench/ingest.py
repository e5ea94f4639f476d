"""Throughput of reading + cleaning, and of trafilatura alone on the same HTML.

Used by ``quotegraph bench ingest``. Figures are measured, never assumed: each
timed pass runs ROUNDS times, alternating the two sides, and the best round is
kept (the machine is shared, so the minimum is the least disturbed figure).
"""
from __future__ import annotations

import html as html_escape
import json
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from ..records import Document, InputError
from ..ingest import read_inputs
from ..ingest.walk import InputFile, iter_input_files

ROUNDS = 5
# Enough synthetic pages for a stable rate without a long bench (BBC: ~3 KB each).
MAX_SYNTHETIC_PAGES = 400
# Fewer articles than this (the five seeds) are cycled to reach it: timing 5 pages is noise.
MIN_SYNTHETIC_PAGES = 100


@dataclass(slots=True)
class Rate:
    label: str
    documents: int
    megabytes: float
    seconds: float
    failed: int = 0

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.megabytes / self.seconds if self.seconds else 0.0


def input_files(paths: list[Path]) -> list[InputFile]:
    return [f for f in iter_input_files(paths) if isinstance(f, InputFile)]


def _size_mb(files: list[InputFile]) -> float:
    return sum(f.path.stat().st_size for f in files) / 1e6


def time_project(paths: list[Path], label: str) -> Rate:
    """One pass of our whole read + clean path (decoding, extraction, furniture, language)."""
    size = _size_mb(input_files(paths))
    t0 = time.perf_counter()
    docs = failed = 0
    for item in read_inputs(paths):
        if isinstance(item, InputError):
            failed += 1
        else:
            docs += 1
    return Rate(label, docs, size, time.perf_counter() - t0, failed)


def time_trafilatura(pages: list[Path], label: str, with_metadata: bool = False) -> Rate:
    """One pass of trafilatura.extract on the same HTML files, read from disk the
    same way. with_metadata=True also asks it for title, date and site name,
    the fields our path produces."""
    size = sum(p.stat().st_size for p in pages) / 1e6
    t0 = time.perf_counter()
    docs = 0
    for page in pages:
        if trafilatura.extract(page.read_bytes(), with_metadata=with_metadata):
            docs += 1
    return Rate(label, docs, size, time.perf_counter() - t0)


def best_of(runs: list[Callable[[], Rate]], rounds: int = ROUNDS) -> list[Rate]:
    """Run the passes in turn `rounds` times and keep each one's fastest round,
    so both sides see the same machine load."""
    best: list[Rate | None] = [None] * len(runs)
    for _ in range(rounds):
        for i, run in enumerate(runs):
            rate = run()
            current = best[i]
            if current is None or rate.seconds < current.seconds:
                best[i] = rate
    return [r for r in best if r is not None]


def synthetic_page(doc_id: str, title: str, paragraphs: list[str], outlet: str) -> str:
    """An article page with real-world furniture around it: nav, share bar,
    related-links aside, cookie banner and footer."""
    esc = html_escape.escape
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    related = "".join(f'<li><a href="/news/{doc_id}-{i}">More coverage {i}</a></li>' for i in range(5))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(title)} | {esc(outlet)}</title>
<meta property="og:site_name" content="{esc(outlet)}">
<meta property="og:title" content="{esc(title)}">
<meta property="article:published_time" content="2005-03-14T09:00:00Z">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/business">Business</a></li><li><a href="/tech">Technology</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
<main><article><h1>{esc(title)}</h1><div class="share">Share this article <a href="#">Facebook</a> <a href="#">X</a></div>
{body}
</article>
<aside><h2>Related Articles</h2><ul>{related}</ul></aside></main>
<footer><p>Copyright 2005 {esc(outlet)}. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def text_documents(paths: list[Path]) -> Iterator[Document]:
    for item in read_inputs(paths):
        if isinstance(item, Document) and item.format in ("txt", "jsonl"):
            yield item


def write_synthetic_pages(paths: list[Path], folder: Path, limit: int = MAX_SYNTHETIC_PAGES) -> list[Path]:
    """HTML pages built from the plain-text articles among `paths` (cycled if
    there are fewer than MIN_SYNTHETIC_PAGES)."""
    pages: list[Path] = []
    docs: list[Document] = []
    for doc in text_documents(paths):
        docs.append(doc)
        if len(docs) >= limit:
            break
    if not docs:
        return pages
    cycled = (docs * (MIN_SYNTHETIC_PAGES // len(docs) + 1))[: max(len(docs), MIN_SYNTHETIC_PAGES)]
    for doc in cycled:
        paragraphs = [p.strip() for p in doc.text.replace("\r\n", "\n").split("\n") if p.strip()]
        title = doc.title or (paragraphs[0] if paragraphs else doc.id)
        if paragraphs and paragraphs[0] == title:
            paragraphs = paragraphs[1:]
        if not paragraphs:
            continue
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in doc.id)[:80]
        page = folder / f"{len(pages):05d}_{safe}.html"
        page.write_text(synthetic_page(doc.id, title, paragraphs, doc.outlet or "Example News"), encoding="utf-8")
        pages.append(page)
    return pages


def real_html_files(paths: list[Path]) -> list[Path]:
    return [f.path for f in input_files(paths) if f.format == "html" and not f.compressed]


def has_embedded_html(paths: list[Path]) -> bool:
    """JSONL lines with an 'html' field or WARC files: HTML we cannot time file by file."""
    for f in input_files(paths):
        if f.format == "warc":
            return True
        if f.format == "jsonl":
            with f.path.open("rb") as fh:
                for raw in fh:
                    try:
                        if "html" in json.loads(raw):
                            return True
                    except (ValueError, TypeError):
                        continue
    return False


def make_temp_dir() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="quotegraph-bench-")
