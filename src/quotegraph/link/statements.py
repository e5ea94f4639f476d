"""Statements: the reports of one utterance grouped across and within outlets.

Reports of one utterance differ: exact repeats, a fragment of a longer quote,
two translations of one Russian sentence ("whose presence is of great
importance" / "of key importance"), an indirect report of a direct quote.
Candidates are reports by the same canonical speaker, close in date; the
decision combines lexical overlap (content-word containment, so a fragment
of a longer quote scores high) and, when the words alone do not decide,
semantic similarity from the packaged MiniLM model, taken sentence by
sentence so a one-sentence report meets its sentence inside a three-paragraph
quote. The model runs once per link, batched, over the texts of the pairs that
may need it (``StatementClusterer.prefetch``), never per compared pair.
Clustering is online in chronological order, so adding new documents
only places their quotes (incremental) and gives the same result as a full run
when the new documents are the newest.
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date


from .embed import Embedder
from .types import QuoteItem, Statement, report_order

STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being
    it its this that these those there their they them we our us you your he she his her i me my
    will would should could can may might must do does did has have had not no so than then also
    which who whom whose what when where how all any some such into over about after before
    more most very just only said says say""".split()
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SENTENCE = re.compile(r"(?<=[.!?…])[\"”’']?\s+(?=[\"“‘'A-Z])")

# Thresholds, tuned on the cross-document same-speaker report pairs of the
# sample corpus (samples/gold.json); figures printed by the labelled-set
# line of `quotegraph bench link`.
# Containment >= 0.8 of the shorter report's content words = same utterance:
# the labelled exact repeats and syndicated copies score 1.0; the three other
# pairs at >= 0.8 restate one claim (two of them labelled the same speech event).
LEX_SAME = 0.8
# Fragments shorter than this many content words ("creating conditions") are
# too generic to attach on words alone.
MIN_FRAGMENT_WORDS = 4
# Below this overlap the semantic model is not consulted (pairs of different
# statements mostly score < 0.2; the Galuzin translation pair scores 0.5).
LEX_CANDIDATE = 0.2
# Sentence-level cosine (mean over the shorter report's sentences of the best
# match in the other) for translation variants and indirect reports, tuned on
# the cross-document same-speaker pairs of samples/gold.json with overlap >= 0.2:
# the labelled translation pair (ut0305-2 / kh0306-2, one day apart) scores
# 0.760; the highest pair of different speech events scores 0.767 but 7 days
# apart, the highest within 3 days 0.688. Reports close in time therefore need
# 0.75, reports 4-14 days apart 0.85 (the seeds' Galuzin pair, undated, 0.898).
SEM_SAME = 0.75
SEM_SAME_LATER = 0.85
NEAR_DAYS = 3
# Reports this far apart in date are only linked by near-exact wording (an old
# statement quoted again), not by paraphrase.
WINDOW_DAYS = 14
# Members of a statement compared against a new report (the longest ones and
# the newest), bounding the work per report on large statements.
MAX_COMPARED = 6


def needs_model(lex: float, shorter: int, days: int | None) -> bool:
    """Whether a pair of reports is decided by the semantic model (words alone do not decide)."""
    if days is not None and days > WINDOW_DAYS:
        return False
    if lex >= LEX_SAME and shorter >= MIN_FRAGMENT_WORDS:
        return False
    return lex >= LEX_CANDIDATE and shorter >= MIN_FRAGMENT_WORDS


def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if w not in STOPWORDS and len(w) > 1)


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SENTENCE.split(text.replace(" … ", "\n")) for p in p.split("\n")]
    return [p for p in parts if len(content_words(p)) >= 2] or [text]


def _days(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) if a and b else None
    except ValueError:
        return None


@dataclass
class _Open:
    """A statement being built, with what comparisons need precomputed."""

    statement: Statement
    words: list[frozenset[str]] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    dead: bool = False  # merged into another statement
    pos: int = -1  # position in its speaker's index (statements are appended, never removed)


def bucket_of(published: str | None) -> int | None:
    """A 30-day time bucket (None when undated)."""
    if not published:
        return None
    try:
        return date.fromisoformat(published).toordinal() // BUCKET_DAYS
    except ValueError:
        return None


def reachable_buckets(published: Iterable[str | None]) -> set[int | None]:
    """The time buckets whose statements reports of these dates can be placed in
    (what ``_SpeakerIndex.candidates`` looks at): an incremental run loads only
    the stored statements with a report in one of them."""
    out: set[int | None] = {None}
    for p in published:
        b = bucket_of(p)
        if b is not None:
            out.update((b - 1, b, b + 1))
    return out


# Postings are split into 30-day buckets and a report looks only at its own and
# the neighbouring buckets (reports further apart than WINDOW_DAYS only join on
# near-exact wording, which the neighbouring buckets still cover for 30 days):
# the work per report stays flat however many statements a speaker has.
BUCKET_DAYS = 30


class _SpeakerIndex:
    """One speaker's statements with an inverted index of their content words,
    so a report is compared only with statements it shares words with (a
    statement sharing none scores 0 on containment and never reaches the model)."""

    __slots__ = ("opens", "postings")

    def __init__(self) -> None:
        self.opens: list[_Open] = []
        self.postings: dict[tuple[str, int | None], list[int]] = defaultdict(list)

    def add(self, o: _Open) -> None:
        o.pos = len(self.opens)
        self.opens.append(o)

    def index_words(self, o: _Open, words: frozenset[str], published: str | None = None) -> None:
        pos = o.pos
        bucket = bucket_of(published)
        for w in words:
            plist = self.postings[(w, bucket)]
            if not plist or plist[-1] != pos:
                plist.append(pos)

    def merge(self, src: _Open, dst: _Open) -> None:
        """Move every report of ``src`` into ``dst`` (src is then dead)."""
        for r, w in zip(src.statement.reports, src.words):
            self.index_words(dst, w, r.published)
        pairs = sorted(zip(dst.statement.reports + src.statement.reports, dst.words + src.words),
                       key=lambda pair: report_order(pair[0]))
        dst.statement.reports = [r for r, _ in pairs]
        dst.words = [w for _, w in pairs]
        dst.dates = sorted(dst.dates + src.dates)
        src.dead = True
        src.statement.reports, src.words = [], []

    def candidates(self, words: frozenset[str], published: str | None = None) -> list[_Open]:
        bucket = bucket_of(published)
        buckets = [None] if bucket is None else [bucket - 1, bucket, bucket + 1, None]
        counts: dict[int, int] = defaultdict(int)
        for w in words:
            for b in buckets:
                for pos in self.postings.get((w, b), ()):
                    counts[pos] += 1
        # A containment of LEX_CANDIDATE over >= MIN_FRAGMENT_WORDS words needs >= 1 shared word;
        # exact comparison follows, so this only drops statements that cannot match.
        need = 1 if len(words) < 10 else 2
        return [self.opens[p] for p, c in counts.items() if c >= need and not self.opens[p].dead]


class StatementClusterer:
    """Places reports into statements, one speaker at a time, in date order."""

    def __init__(self, embedder: Embedder | None = None, use_semantic: bool = True) -> None:
        self.embedder = embedder or Embedder()
        self.use_semantic = use_semantic
        self.semantic_pairs = 0  # pairs that needed the model (for the benchmark)
        self.removed: set[str] = set()  # ids of statements merged into others
        self._words: dict[str, frozenset[str]] = {}  # content words by text, for one cluster() call

    def words(self, text: str) -> frozenset[str]:
        w = self._words.get(text)
        if w is None:
            w = self._words[text] = content_words(text)
        return w

    # -- similarity -------------------------------------------------------
    def semantic(self, a: str, b: str) -> float:
        """Mean over the shorter text's sentences of their best cosine in the other text."""
        sa, sb = sentences(a), sentences(b)
        if len(sa) > len(sb):
            sa, sb = sb, sa
        va, vb = self.embedder.embed(sa), self.embedder.embed(sb)
        self.semantic_pairs += 1
        return float((va @ vb.T).max(axis=1).mean())

    def same_utterance(self, q: QuoteItem, qw: frozenset[str], other: QuoteItem, ow: frozenset[str]) -> float:
        """A score in [0, 1]; >= 0.5 means the same utterance."""
        lex = containment(qw, ow)
        shorter = min(len(qw), len(ow))
        days = _days(q.published, other.published)
        if days is not None and days > WINDOW_DAYS:
            return 1.0 if lex >= 0.95 and shorter >= 2 * MIN_FRAGMENT_WORDS else 0.0
        if lex >= LEX_SAME and shorter >= MIN_FRAGMENT_WORDS:
            return 0.5 + lex / 2
        if not self.use_semantic or not needs_model(lex, shorter, days):
            return 0.0
        cos = self.semantic(q.text, other.text)
        need = SEM_SAME if days is None or days <= NEAR_DAYS else SEM_SAME_LATER
        return 0.5 + (cos - need) if cos >= need else 0.0

    # -- clustering -------------------------------------------------------
    def place(self, q: QuoteItem, speaker: "_SpeakerIndex") -> _Open:
        """Put a report into the statement it belongs to, or open a new one.

        A report that matches several statements (a long quote holding two
        fragments reported separately) shows they are one utterance: they merge.
        """
        qw = self.words(q.text)
        matches: list[tuple[float, _Open]] = []
        for st in speaker.candidates(qw, q.published):
            if q.published and st.dates and min(_days(q.published, d) or 0 for d in (st.dates[0], st.dates[-1])) > WINDOW_DAYS * 4:
                continue  # far outside the statement's dates: skip cheaply
            order = sorted(range(len(st.statement.reports)), key=lambda i: -len(st.words[i]))
            picks = list(dict.fromkeys(order[: MAX_COMPARED - 2] + [len(order) - 1, 0]))
            score = max(self.same_utterance(q, qw, st.statement.reports[i], st.words[i]) for i in picks)
            if score >= 0.5:
                matches.append((score, st))
        if not matches:
            best = _Open(Statement(id=statement_id(q), speaker_id=q.speaker_id, text=q.text))
            speaker.add(best)
        else:
            # The oldest statement keeps its id, so ids stay stable when statements merge.
            best = min((st for _, st in matches), key=lambda st: report_order(st.statement.reports[0]))
            for _, st in matches:
                if st is not best:
                    speaker.merge(st, best)
                    self.removed.add(st.statement.id)
        best.statement.reports.append(q)
        best.words.append(qw)
        if q.published:
            best.dates.append(q.published)
            best.dates.sort()
        speaker.index_words(best, qw, q.published)
        return best

    # -- batched embedding ------------------------------------------------
    def prefetch(self, quotes: list[QuoteItem], existing: list[Statement] = ()) -> int:
        """Embed, in one batched run of the model, every text the clustering may
        send to it; returns how many texts that is.

        One call per compared pair (a handful of sentences each) spent most of
        its time in per-call overhead and, on a loaded 2-core machine, in torch
        thread contention (measured 0.3-0.6 s per call under load vs ~25 texts/s
        in batches). Only texts of pairs that ``needs_model`` sends to the model
        are embedded: same speaker, within WINDOW_DAYS, lexical overlap between
        LEX_CANDIDATE and LEX_SAME. That is a superset of the pairs clustering
        compares (it compares a report with a few members of each candidate
        statement), so clustering finds every vector in the cache and its result
        is unchanged; the cost is a few texts embedded that end up not compared.
        """
        if not self.use_semantic:
            return 0
        new_keys = {q.key for q in quotes}
        by_speaker: dict[str | None, list[tuple[QuoteItem, frozenset[str]]]] = defaultdict(list)
        for st in existing:
            for r in st.reports:
                if r.key not in new_keys:
                    by_speaker[st.speaker_id].append((r, self.words(r.text)))
        for q in quotes:
            if q.text.strip():
                by_speaker[q.speaker_id].append((q, self.words(q.text)))
        wanted: set[str] = set()
        for reports in by_speaker.values():
            if len(reports) > 1:
                wanted |= _model_texts(reports, new_keys)
        if not wanted:
            return 0
        texts = list(dict.fromkeys(s for t in sorted(wanted) for s in sentences(t)))
        before = self.embedder.computed
        self.embedder.warm(texts)
        return self.embedder.computed - before

    def cluster(self, quotes: Iterable[QuoteItem], existing: Iterable[Statement] = ()) -> list[Statement]:
        """Statements for these quotes, starting from existing ones (incremental)."""
        quotes, existing = list(quotes), list(existing)
        self._words = {}
        self.prefetch(quotes, existing)
        by_speaker: dict[str | None, _SpeakerIndex] = defaultdict(_SpeakerIndex)
        for st in existing:
            o = _Open(st, [self.words(r.text) for r in st.reports], sorted(r.published for r in st.reports if r.published))
            idx = by_speaker[st.speaker_id]
            idx.add(o)
            for r, w in zip(st.reports, o.words):
                idx.index_words(o, w, r.published)
        for q in sorted(quotes, key=report_order):
            if not q.text.strip():
                continue
            self.place(q, by_speaker[q.speaker_id])
        out = [o.statement for idx in by_speaker.values() for o in idx.opens if not o.dead]
        for st in out:
            st.text = representative_text(st)
        self._words = {}
        return out


def _ordinal(published: str | None) -> int | None:
    try:
        return date.fromisoformat(published).toordinal() if published else None
    except ValueError:
        return None


def _model_texts(reports: list[tuple[QuoteItem, frozenset[str]]], new_keys: set[tuple[str, str]]) -> set[str]:
    """Texts of one speaker's report pairs that ``needs_model`` sends to the model,
    with at least one side new. Each new dated report meets the reports sharing a
    word within WINDOW_DAYS of it (found by bisecting date-ordered postings, so
    the work per new report stays flat however much a speaker has said); undated
    ones meet every report sharing a word."""
    out: set[str] = set()
    dated = sorted(((d, r, w) for r, w in reports if (d := _ordinal(r.published)) is not None), key=lambda x: x[0])
    undated = [(r, w) for r, w in reports if _ordinal(r.published) is None]
    days = [d for d, _, _ in dated]
    new = [r.key in new_keys for _, r, _ in dated]

    def check(a: QuoteItem, aw: frozenset[str], b: QuoteItem, bw: frozenset[str], gap: int | None) -> None:
        if needs_model(containment(aw, bw), min(len(aw), len(bw)), gap):
            out.add(a.text)
            out.add(b.text)

    postings: dict[str, list[int]] = defaultdict(list)  # word -> indices into dated, ascending
    for i, (_, _, w) in enumerate(dated):
        for word in w:
            postings[word].append(i)
    for i, (d, r, w) in enumerate(dated):
        if not new[i]:
            continue
        lo, hi = bisect_left(days, d - WINDOW_DAYS), bisect_right(days, d + WINDOW_DAYS)
        seen: set[int] = set()
        for word in w:
            plist = postings[word]
            for j in plist[bisect_left(plist, lo) : bisect_left(plist, hi)]:
                if j == i or j in seen or (new[j] and j < i):  # a pair of new reports is checked once
                    continue
                seen.add(j)
                check(r, w, dated[j][1], dated[j][2], abs(d - dated[j][0]))
    if undated:
        und_postings: dict[str, list[int]] = defaultdict(list)
        for k, (_, w) in enumerate(undated):
            for word in w:
                und_postings[word].append(k)
        for i, (_, r, w) in enumerate(dated):  # new dated reports meet every undated one
            if new[i]:
                for k in {k for word in w for k in und_postings[word]}:
                    check(r, w, undated[k][0], undated[k][1], None)
        for k, (r, w) in enumerate(undated):  # new undated reports meet every report
            if r.key not in new_keys:
                continue
            for j in {j for word in w for j in postings.get(word, ())}:
                check(r, w, dated[j][1], dated[j][2], None)
            for k2 in {k2 for word in w for k2 in und_postings[word]}:
                if k2 != k:
                    check(r, w, undated[k2][0], undated[k2][1], None)
    return out


def statement_id(founder: QuoteItem) -> str:
    """Named after the report that opened it, so ids survive incremental runs."""
    digest = hashlib.sha1(f"{founder.doc_id}\x00{founder.quote_id}".encode()).hexdigest()[:12]
    return f"st-{digest}"


def representative_text(st: Statement) -> str:
    """The fullest direct wording if there is one, else the longest report."""
    direct = [r for r in st.reports if r.kind == "direct" and not r.reused]
    pool = direct or [r for r in st.reports if not r.reused] or st.reports
    return max(pool, key=lambda r: (len(r.text), [-ord(c) for c in r.doc_id[:8]])).text

