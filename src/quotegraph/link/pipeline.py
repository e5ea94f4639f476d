"""Link the stored corpus: speakers, reused passages, statements, reactions.

Incremental by default: documents already linked (same text hash) are not
revisited. New documents bring speaker mentions whose blocks (folded surname,
organisation key, role) are re-decided with every stored mention of those
blocks; their quotes are placed into the existing statements of their
speakers; their passages are looked up in the stored LSH bands; their
reaction sentences are parsed. Only when a re-decided block moves an old
mention to another speaker are the statements holding its quotes rebuilt. ``full``
starts from nothing (the embedding cache is kept). A changed corrections file
triggers a full run, so every correction applies to the whole corpus.
"""
from __future__ import annotations

import hashlib
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from ..store import link_rows as rows_
from ..store import linked
from ..store.links import EmbeddingCache, clear_results, ensure_link_schema
from .corrections import Corrections
from .corrections import load as load_corrections
from .embed import Embedder
from ..names import alias_key, parse_person, role_key
from .reactions import QuoteInDoc, find_reactions
from .reuse import JACCARD_SAME, PassageIndex, band_keys, doc_order, jaccard, quote_is_reused, shingles, split_passages
from .speakers import alias_keys, block_of, context_keys, link_speakers
from .statements import StatementClusterer, bucket_of, reachable_buckets
from .types import QuoteItem, Reaction, SpeakerMention, Statement, report_order

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(slots=True)
class LinkSummary:
    documents: int = 0
    full: bool = False
    mentions: int = 0
    blocks: int = 0
    speakers: int = 0
    quotes: int = 0
    statements_touched: int = 0
    speakers_reclustered: int = 0
    reused_passages: int = 0
    reactions: int = 0
    embedded_texts: int = 0
    semantic_pairs: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _corrections_digest(corrections: Corrections) -> str:
    return hashlib.sha1(repr(corrections.to_dict()).encode()).hexdigest()


class Linker:
    def __init__(self, conn: sqlite3.Connection, corrections: Corrections | None = None,
                 progress: Progress | None = None, use_semantic: bool = True) -> None:
        self.conn = conn
        self.corrections = corrections or Corrections()
        self.progress = progress or (lambda stage, done, total: None)
        self.cache = EmbeddingCache(conn)
        self.clusterer = StatementClusterer(Embedder(self.cache), use_semantic=use_semantic)
        self.summary = LinkSummary()

    # ------------------------------------------------------------------ run
    def run(self, full: bool = False) -> LinkSummary:
        conn = self.conn
        ensure_link_schema(conn)
        digest = _corrections_digest(self.corrections)
        stored = rows_.corrections_digest(conn)
        if stored is not None and stored != digest:
            full = True
        self.summary.full = full
        with rows_.immediate(conn):
            if full:
                clear_results(conn)
            new_docs = rows_.unlinked_documents(conn)
            self.summary.documents = len(new_docs)
            if new_docs:
                self._link(new_docs, full)
            rows_.set_corrections_digest(conn, digest)
            self.cache.flush()
        self.summary.embedded_texts = self.clusterer.embedder.computed
        self.summary.semantic_pairs = self.clusterer.semantic_pairs
        return self.summary

    def _timed(self, name: str, t0: float) -> float:
        t1 = time.perf_counter()
        self.summary.seconds[name] = round(t1 - t0, 2)
        return t1

    def _link(self, new_docs: dict[str, tuple], full: bool) -> None:
        conn = self.conn
        ids = list(new_docs)
        # A changed document: its old link rows go (cascade only covers deleted documents).
        stale: set[str] = set()
        if not full:
            # Statements that lose reports here (changed documents) or lost them when the
            # store replaced or deleted a document (cascade) are recounted or dropped below.
            stale = rows_.statements_losing_reports(conn, ids)
            rows_.forget_documents(conn, ids)
        t = time.perf_counter()
        moved = self._link_speakers(ids, full)
        t = self._timed("speakers", t)
        reused = self._find_reused(new_docs, full)
        t = self._timed("reuse", t)
        self._link_statements(ids, moved, reused)
        t = self._timed("statements", t)
        self._link_reactions(ids)
        t = self._timed("reactions", t)
        rows_.recount_statements(conn, stale)
        rows_.mark_linked(conn, {d: v[0] for d, v in new_docs.items()}, _now())

    # ------------------------------------------------------------------ speakers
    def _mentions(self, doc_ids: list[str], only: set[tuple[str, str]] | None = None) -> list[SpeakerMention]:
        """Speaker mentions of these documents (``only``: just these keys)."""
        rows = rows_.doc_speakers(self.conn, doc_ids)
        names_by_doc: dict[str, list[str]] = defaultdict(list)
        for r in rows:
            names_by_doc[r[0]].append(r[2])
        out = []
        for r in rows:
            if only is not None and (r[0], r[1]) not in only:
                continue
            others = [n for n in names_by_doc[r[0]] if n != r[2]]
            out.append(SpeakerMention(r[0], r[1], r[2], r[3] or "UNKNOWN", r[4], r[5], r[6], context_keys(others)))
        return out

    def _correction_blocks(self) -> list[set[str]]:
        groups = []
        for group in self.corrections.merge + self.corrections.split:
            blocks = set()
            for name in group:
                for typ in ("PERSON", "ORG"):
                    blocks.add(block_of(SpeakerMention("", "", name, typ)))
            groups.append(blocks)
        return groups

    def _link_speakers(self, doc_ids: list[str], full: bool) -> set[str]:
        """Re-decide the blocks new mentions fall in; returns the old mentions that changed speaker."""
        conn = self.conn
        new = self._mentions(doc_ids)
        blocks = {block_of(m) for m in new}
        for group in self._correction_blocks():
            if group & blocks:
                blocks |= group
        old: list[SpeakerMention] = []
        before: dict[tuple[str, str], str] = {}
        if not full and blocks:
            old_keys = rows_.mentions_in_blocks(conn, blocks)
            before = {(d, l): s for d, l, s in old_keys}
            old_docs = sorted({d for d, _, _ in old_keys})
            wanted = set(before)
            old = self._mentions(old_docs, only=wanted)
        mentions = new + old
        self.summary.mentions = len(mentions)
        self.summary.blocks = len(blocks)
        old_ids = set(before.values())
        taken = set()
        external_roles: dict[str, set[str]] = defaultdict(set)
        if not full:
            taken = rows_.speaker_ids(conn) - old_ids
            for rk, sid in rows_.role_keys(conn):
                if sid not in old_ids:
                    external_roles[rk].add(sid)
        links = link_speakers(mentions, self.corrections, external_roles, taken)
        # Replace the re-decided blocks' speakers.
        rows_.delete_speakers(conn, old_ids)
        rows_.delete_mentions(conn, [m.key for m in old])
        block_of_member = {m.key: block_of(m) for m in mentions}
        rows_.write_speakers(
            conn,
            speakers=[(s.id, s.name, s.type, s.block) for s in links.speakers.values()],
            aliases=[(s.id, a, alias_key(a)) for s in links.speakers.values() for a in s.aliases],
            roles=[(s.id, r.role, role_key(r.role), r.date, r.doc_id) for s in links.speakers.values() for r in s.roles],
            mentions=[(k[0], k[1], block_of_member[k], sid) for k, sid in links.by_member.items()])
        self.summary.speakers = len(links.speakers)
        moved = {k for k, s in before.items() if links.by_member.get(k) != s}
        self.summary.speakers_reclustered = len({before[k] for k in moved} | {links.by_member[k] for k in moved if k in links.by_member})
        return moved

    # ------------------------------------------------------------------ reuse
    def _find_reused(self, new_docs: dict[str, tuple], full: bool) -> dict[str, list[tuple[int, int]]]:
        conn = self.conn
        reused_rows = []
        band_rows = []
        texts = rows_.document_texts(conn, list(new_docs))
        ordered = sorted(new_docs, key=lambda d: doc_order(new_docs[d][1], d))
        index = PassageIndex()  # the new documents' passages, in memory
        for d in ordered:
            passages = split_passages(d, texts[d], new_docs[d][1])
            if not passages:
                continue
            sets = [shingles(p.text) for p in passages]
            for p, sh, keys in zip(passages, sets, band_keys(sets)):
                best = None  # (similarity, doc_id, start, end, published)
                for i in index.candidates(keys):
                    other = index.passages[i]
                    if other.doc_id != d and (sim := jaccard(sh, shingles(other.text))) >= JACCARD_SAME:
                        if best is None or sim > best[0]:
                            best = (sim, other.doc_id, other.start, other.end, other.published)
                if not full:  # earlier runs' passages, from the stored bands
                    for row in rows_.stored_passages(conn, d, keys):
                        if row[0] in new_docs:
                            continue
                        sim = jaccard(sh, shingles(row[4]))
                        if sim >= JACCARD_SAME and (best is None or sim > best[0]):
                            best = (sim, row[0], row[1], row[2], row[3])
                later = best is not None and doc_order(best[4], best[1]) <= doc_order(new_docs[d][1], d)
                if not (later and best[0] >= 1.0):
                    # An exact copy of an indexed passage is not indexed itself: later copies
                    # find the first one. Otherwise a background sentence repeated in every
                    # article makes each lookup return all its earlier copies, and the work
                    # grows with the square of the corpus. Cost: if that first document is
                    # deleted, the next copy linked is not marked reused (and becomes the
                    # indexed one).
                    index.add(p, keys)
                    band_rows.extend((k, d, p.start, p.end) for k in keys)
                if best is None:
                    continue
                sim, odoc, ostart, oend, opub = best
                if later:
                    reused_rows.append((d, p.start, p.end, odoc, ostart, round(sim, 3)))
                else:  # the stored document is the later one: it is the copy
                    reused_rows.append((odoc, ostart, oend, d, p.start, round(sim, 3)))
                    rows_.mark_reports_reused(conn, odoc, ostart, oend)
            self.progress("passages", len(index.passages), 0)
        rows_.write_passages(conn, band_rows, reused_rows)
        self.summary.reused_passages = len(reused_rows)
        out: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for r in reused_rows:
            out[r[0]].append((r[1], r[2]))
        return out

    # ------------------------------------------------------------------ statements
    def _quote_items(self, doc_ids: list[str], reused: dict[str, list[tuple[int, int]]] | None = None) -> list[QuoteItem]:
        items = []
        for r in rows_.quote_rows(self.conn, doc_ids):
            flag = bool(r[9]) or quote_is_reused(r[4], r[5], (reused or {}).get(r[0], []))
            items.append(QuoteItem(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], flag))
        return items

    def _existing_statements(self, speakers: set[str], items: list[QuoteItem]) -> list[Statement]:
        """The stored statements of these speakers that the new items can be placed in.

        Only those with a report in a time bucket the items reach: a speaker
        quoted all year long would otherwise load its whole history on every run.
        """
        buckets = reachable_buckets(q.published for q in items)
        wanted = {sid for sid, published in rows_.report_dates(self.conn, speakers) if bucket_of(published) in buckets}
        by_id: dict[str, Statement] = {}
        for sid, speaker_id, text in rows_.statement_texts(self.conn, wanted):
            by_id[sid] = Statement(sid, speaker_id, text)
        for r in rows_.statement_report_rows(self.conn, wanted):
            st = by_id.get(r[0])
            if st is not None:
                st.reports.append(QuoteItem(r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], bool(r[10])))
        for st in by_id.values():
            st.reports.sort(key=report_order)
        return [st for st in by_id.values() if st.reports]

    def _link_statements(self, doc_ids: list[str], moved: set[tuple[str, str]], reused: dict[str, list[tuple[int, int]]]) -> None:
        conn = self.conn
        new_items = self._quote_items(doc_ids, reused)
        self.summary.quotes = len(new_items)
        rebuild_items: list[QuoteItem] = []
        if moved:
            # Old mentions that changed speaker: the statements holding their quotes are
            # taken apart and all their reports placed again (the moved ones with their new
            # speaker). Other statements of those speakers stay as they are: rebuilding
            # every statement of a speaker quoted 30,000 times took most of an incremental run.
            affected = {sid for sid, doc_id, local_id in rows_.reports_by_local_speaker(conn, sorted({d for d, _ in moved}))
                        if (doc_id, local_id) in moved}
            flags = rows_.reused_flags(conn, affected)
            old_reports = list(flags)
            rows_.delete_statements(conn, affected)
            rows_.delete_reports(conn, old_reports)
            docs = sorted({d for d, _ in old_reports})
            keys = set(old_reports)
            new_keys = {q.key for q in new_items}
            # The reused flag lives on the report rows just deleted: carried over.
            rebuild_items = [replace(q, reused=q.reused or flags[q.key]) for q in self._quote_items(docs)
                             if q.key in keys and q.key not in new_keys]
        items = new_items + rebuild_items
        speakers = {q.speaker_id for q in items if q.speaker_id}
        existing = self._existing_statements(speakers, [q for q in items if q.speaker_id in speakers])
        before = {st.id: len(st.reports) for st in existing}
        statements = self.clusterer.cluster(items, existing)
        rows_.delete_statements(conn, self.clusterer.removed)  # merged into another statement this run
        self.clusterer.removed.clear()
        touched = [st for st in statements if len(st.reports) != before.get(st.id, -1)]
        self.summary.statements_touched = len(touched)
        rows, reports = [], []
        for st in touched:
            first = st.first_report
            rows.append((st.id, st.speaker_id, st.text, len(st.new_reports), first.doc_id, first.quote_id, first.published))
            reports.extend((r.doc_id, r.quote_id, st.id, r.speaker_id, r.outlet, r.published, r.start, r.end, r.kind, int(r.reused))
                           for r in st.reports)
        rows_.write_statements(conn, rows, reports)

    # ------------------------------------------------------------------ reactions
    def _link_reactions(self, doc_ids: list[str]) -> None:
        conn = self.conn
        quotes_by_doc: dict[str, list[QuoteInDoc]] = defaultdict(list)
        quotes, docs = rows_.reaction_inputs(conn, doc_ids)
        for r in quotes:
            if r[3] is not None:
                quotes_by_doc[r[0]].append(QuoteInDoc(r[1], r[2], r[3], r[4]))
        rows = []
        for i, (doc_id, text, published) in enumerate(docs):
            for raw in find_reactions(doc_id, text, quotes_by_doc.get(doc_id, [])):
                from_id = self._resolve(raw.from_name, doc_id)
                to_id = self._resolve(raw.to_name, doc_id)
                reaction = Reaction(doc_id, from_id, to_id, raw.from_name, raw.to_name, raw.verb, raw.start, raw.end,
                                    raw.evidence, self._statement_of(doc_id, raw.from_quote),
                                    self._statement_of(doc_id, raw.to_quote) or self._latest_statement(to_id, published))
                rows.append(reaction)
            self.progress("reactions", i + 1, len(docs))
        rows_.write_reactions(
            conn,
            [(r.doc_id, r.from_speaker, r.to_speaker, r.from_name, r.to_name, r.verb, r.start, r.end, r.evidence,
              r.from_statement, r.to_statement) for r in rows])
        self.summary.reactions = len(rows)

    def _resolve(self, name: str, doc_id: str) -> str | None:
        """A name as written -> canonical id: the document's own speakers first, then the corpus."""
        keys = alias_keys(name)
        person = parse_person(name)
        for local_name, sid in rows_.speakers_in_document(self.conn, doc_id):
            if keys & alias_keys(local_name):
                return sid
            other = parse_person(local_name)
            if person and other and person.surname == other.surname and not person.has_given:
                return sid
        ids = linked.ids_by_alias_key(self.conn, alias_key(name))
        if len(ids) == 1:
            return ids.pop()
        block = block_of(SpeakerMention("", "", name, "PERSON" if person else "ORG"))
        ids = rows_.speakers_in_block(self.conn, block)
        return ids.pop() if len(ids) == 1 else None

    def _statement_of(self, doc_id: str, quote_id: str | None) -> str | None:
        if not quote_id:
            return None
        return rows_.statement_of_report(self.conn, doc_id, quote_id)

    def _latest_statement(self, speaker_id: str | None, published: str | None) -> str | None:
        """Y's most recent statement up to the reaction's date, when the article quotes none."""
        if not speaker_id:
            return None
        return rows_.latest_statement(self.conn, speaker_id, published)


def run_link(conn: sqlite3.Connection, *, full: bool = False, aliases: Path | str | None = None,
             progress: Progress | None = None, use_semantic: bool = True) -> LinkSummary:
    corrections = load_corrections(aliases) if aliases else Corrections()
    return Linker(conn, corrections, progress, use_semantic).run(full=full)
