"""Reused background text: near-duplicate passages across documents.

Outlets repeat their own background paragraphs from article to article and
syndicate copies; quotes inside such text are old news, not new reports. The
unit is a sentence-sized passage (a reused sentence is often embedded in a
paragraph that otherwise differs, so whole-paragraph similarity misses it).
Passages are shingled into word 3-grams, signed with MinHash (datasketch) and
bucketed by LSH bands; candidate pairs from a shared band are checked with the
exact Jaccard similarity of their shingles. Of two matching passages the later
document's (by date, then id) is the reused one.
"""
from __future__ import annotations

import re
import struct
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache

from datasketch import MinHash

from .types import Passage, ReusedPassage

NUM_PERM = 32
BANDS = 8
ROWS = NUM_PERM // BANDS
# With 8 bands of 4 rows, pairs at Jaccard 0.6 share a band with probability
# 1-(1-0.6^4)^8 = 0.67, at 0.8 with 0.99; JACCARD_SAME then verifies exactly.
# 0.6 on 3-gram shingles keeps a reused sentence with a changed word or two
# (seeds 000/001: the shared sentences score 1.0) and rejects sentences that
# merely share a phrase (< 0.3 in the sample corpus).
JACCARD_SAME = 0.6
MIN_WORDS = 8  # shorter sentences ("He said so.") repeat by chance
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SPLIT = re.compile(r"(?<=[.!?…])[\"”’']?\s+|\n+")


def split_passages(doc_id: str, text: str, published: str | None = None) -> list[Passage]:
    """Sentence-sized passages with their offsets in the document text."""
    out: list[Passage] = []
    pos = 0
    for m in list(_SPLIT.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip()
        if len(_WORD.findall(stripped)) >= MIN_WORDS:
            start = pos + chunk.index(stripped)
            out.append(Passage(doc_id, start, start + len(stripped), stripped, published))
        pos = m.end() if m else len(text)
    return out


def shingles(text: str) -> set[bytes]:
    words = [w.lower() for w in _WORD.findall(text)]
    return {" ".join(words[i : i + 3]).encode("utf-8") for i in range(max(1, len(words) - 2))}


def jaccard(a: set[bytes], b: set[bytes]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _crc_hash(data: bytes) -> int:
    return zlib.crc32(data)


@lru_cache(maxsize=1)
def _permutations():
    # datasketch draws these from a seeded generator on every MinHash.bulk call
    # (a third of the reuse stage's time, one call per document): draw them once.
    m = MinHash(num_perm=NUM_PERM, hashfunc=_crc_hash)
    return {"permutations": m.permutations, "scheme": m.scheme}


def band_keys(sets: list[set[bytes]]) -> list[list[int]]:
    """LSH band keys (signed 63-bit ints, SQLite-friendly), one list per shingle set."""
    sigs = MinHash.bulk([list(s) for s in sets], num_perm=NUM_PERM, hashfunc=_crc_hash, **_permutations())
    out = []
    for sig in sigs:
        hv = sig.hashvalues
        keys = []
        for b in range(BANDS):
            digest = zlib.crc32(struct.pack(f"<{ROWS}Q", *hv[b * ROWS : (b + 1) * ROWS].tolist()))
            keys.append((b << 32) | digest)
        out.append(keys)
    return out


def doc_order(published: str | None, doc_id: str) -> tuple:
    return (published is None, published or "", doc_id)


class PassageIndex:
    """In-memory LSH index of passages (the store keeps the same bands on disk).

    Only the passages are kept, not their shingle sets (ten times larger):
    the few candidates a band lookup returns are re-shingled when compared.
    """

    def __init__(self) -> None:
        self.buckets: dict[int, list[int]] = defaultdict(list)
        self.passages: list[Passage] = []

    def add(self, p: Passage, keys: list[int]) -> None:
        idx = len(self.passages)
        self.passages.append(p)
        for k in keys:
            self.buckets[k].append(idx)

    def candidates(self, keys: list[int]) -> set[int]:
        return {i for k in keys for i in self.buckets.get(k, ())}


def find_reused(docs: Iterable[tuple[str, str, str | None]], index: PassageIndex | None = None) -> Iterator[ReusedPassage]:
    """Yield reused passages among (doc_id, text, published) documents, earliest first.

    Documents are taken in chronological order, so a passage is matched only
    against earlier documents' passages.
    """
    index = index or PassageIndex()
    for doc_id, text, published in sorted(docs, key=lambda d: doc_order(d[2], d[0])):
        passages = split_passages(doc_id, text, published)
        if not passages:
            continue
        sets = [shingles(p.text) for p in passages]
        for p, sh, keys in zip(passages, sets, band_keys(sets)):
            best, best_sim = None, 0.0
            for i in index.candidates(keys):
                other = index.passages[i]
                if other.doc_id == doc_id:
                    continue
                sim = jaccard(sh, shingles(other.text))
                if sim > best_sim:
                    best, best_sim = other, sim
            if best is not None and best_sim >= JACCARD_SAME:
                yield ReusedPassage(doc_id, p.start, p.end, best.doc_id, best.start, round(best_sim, 3))
            if best_sim < 1.0:  # exact copies are found through the first one (see pipeline._find_reused)
                index.add(p, keys)


def quote_is_reused(start: int | None, end: int | None, reused: list[tuple[int, int]]) -> bool:
    """A quote is background when most of its first content span lies in reused passages."""
    if start is None or end is None or end <= start:
        return False
    covered = sum(max(0, min(end, e) - max(start, s)) for s, e in reused)
    return covered >= 0.5 * (end - start)
