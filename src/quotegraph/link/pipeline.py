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

from ..store.links import EmbeddingCache, clear_results, ensure_link_schema, select_in
from .corrections import Corrections
from .corrections import load as load_corrections
from .embed import Embedder
from ..names import parse_person, role_key, strip_diacritics
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


def _alias_key(name: str) -> str:
    return " ".join(strip_diacritics(name).lower().split())


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
        row = conn.execute("SELECT value FROM link_meta WHERE key = 'corrections'").fetchone()
        if row is not None and row[0] != digest:
            full = True
        self.summary.full = full
        conn.execute("BEGIN IMMEDIATE")
        try:
            if full:
                clear_results(conn)
            new_docs = {r[0]: (r[1], r[2], r[3]) for r in conn.execute(
                "SELECT d.id, d.hash, d.published, d.outlet FROM documents d"
                " LEFT JOIN link_state s ON s.doc_id = d.id WHERE s.doc_id IS NULL OR s.hash <> d.hash")}
            self.summary.documents = len(new_docs)
            if new_docs:
                self._link(new_docs, full)
            conn.execute("INSERT INTO link_meta(key, value) VALUES ('corrections', ?)"
                         " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (digest,))
            self.cache.flush()
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
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
            stale = {r[0] for r in select_in(conn, "SELECT DISTINCT statement_id FROM link_reports WHERE doc_id IN ({marks})", ids)}
            stale |= {r[0] for r in conn.execute(
                "SELECT id FROM link_statements WHERE id NOT IN (SELECT statement_id FROM link_reports)")}
            for table in ("link_mentions", "link_reports", "link_passage_bands", "link_reused", "link_reactions", "link_roles"):
                for chunk in _chunks(ids):
                    conn.execute(f"DELETE FROM {table} WHERE doc_id IN ({','.join('?' * len(chunk))})", chunk)
        t = time.perf_counter()
        moved = self._link_speakers(ids, full)
        t = self._timed("speakers", t)
        reused = self._find_reused(new_docs, full)
        t = self._timed("reuse", t)
        self._link_statements(ids, moved, reused)
        t = self._timed("statements", t)
        self._link_reactions(ids)
        t = self._timed("reactions", t)
        for sid in stale:
            n = conn.execute("SELECT COUNT(*) FROM link_reports WHERE statement_id = ? AND reused = 0", (sid,)).fetchone()[0]
            if conn.execute("SELECT 1 FROM link_reports WHERE statement_id = ? LIMIT 1", (sid,)).fetchone():
                conn.execute("UPDATE link_statements SET report_count = ? WHERE id = ?", (n, sid))
            else:
                conn.execute("DELETE FROM link_statements WHERE id = ?", (sid,))
        now = _now()
        conn.executemany(
            "INSERT INTO link_state(doc_id, hash, linked_at) VALUES (?,?,?)"
            " ON CONFLICT(doc_id) DO UPDATE SET hash = excluded.hash, linked_at = excluded.linked_at",
            [(d, v[0], now) for d, v in new_docs.items()],
        )

    # ------------------------------------------------------------------ speakers
    def _mentions(self, where: str, values: list, only: set[tuple[str, str]] | None = None) -> list[SpeakerMention]:
        """Speaker mentions of the selected documents (``only``: just these keys)."""
        rows = list(select_in(self.conn,
            "SELECT s.doc_id, s.local_id, s.name, s.type, s.role, d.published, d.outlet FROM doc_speakers s"
            " JOIN documents d ON d.id = s.doc_id WHERE " + where, values))
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
        new = self._mentions("s.doc_id IN ({marks})", doc_ids)
        blocks = {block_of(m) for m in new}
        for group in self._correction_blocks():
            if group & blocks:
                blocks |= group
        old: list[SpeakerMention] = []
        before: dict[tuple[str, str], str] = {}
        if not full and blocks:
            old_keys = [(r[0], r[1], r[2]) for r in select_in(conn,
                "SELECT doc_id, local_id, speaker_id FROM link_mentions WHERE block IN ({marks})", blocks)]
            before = {(d, l): s for d, l, s in old_keys}
            old_docs = sorted({d for d, _, _ in old_keys})
            wanted = set(before)
            old = self._mentions("s.doc_id IN ({marks})", old_docs, only=wanted)
        mentions = new + old
        self.summary.mentions = len(mentions)
        self.summary.blocks = len(blocks)
        old_ids = set(before.values())
        taken = set()
        external_roles: dict[str, set[str]] = defaultdict(set)
        if not full:
            taken = {r[0] for r in conn.execute("SELECT id FROM link_speakers")} - old_ids
            for rk, sid in conn.execute("SELECT DISTINCT role_key, speaker_id FROM link_roles"):
                if sid not in old_ids:
                    external_roles[rk].add(sid)
        links = link_speakers(mentions, self.corrections, external_roles, taken)
        # Replace the re-decided blocks' speakers.
        for sid in old_ids:
            conn.execute("DELETE FROM link_speakers WHERE id = ?", (sid,))
            conn.execute("DELETE FROM link_aliases WHERE speaker_id = ?", (sid,))
            conn.execute("DELETE FROM link_roles WHERE speaker_id = ?", (sid,))
        for chunk in _chunks([m.key for m in old]):
            conn.executemany("DELETE FROM link_mentions WHERE doc_id = ? AND local_id = ?", chunk)
        conn.executemany("INSERT OR REPLACE INTO link_speakers(id, name, type, block) VALUES (?,?,?,?)",
                         [(s.id, s.name, s.type, s.block) for s in links.speakers.values()])
        conn.executemany("INSERT OR IGNORE INTO link_aliases(speaker_id, alias, alias_key) VALUES (?,?,?)",
                         [(s.id, a, _alias_key(a)) for s in links.speakers.values() for a in s.aliases])
        conn.executemany("INSERT OR IGNORE INTO link_roles(speaker_id, role, role_key, date, doc_id) VALUES (?,?,?,?,?)",
                         [(s.id, r.role, role_key(r.role), r.date, r.doc_id)
                          for s in links.speakers.values() for r in s.roles])
        block_of_member = {m.key: block_of(m) for m in mentions}
        conn.executemany("INSERT OR REPLACE INTO link_mentions(doc_id, local_id, block, speaker_id) VALUES (?,?,?,?)",
                         [(k[0], k[1], block_of_member[k], sid) for k, sid in links.by_member.items()])
        self.summary.speakers = len(links.speakers)
        moved = {k for k, s in before.items() if links.by_member.get(k) != s}
        self.summary.speakers_reclustered = len({before[k] for k in moved} | {links.by_member[k] for k in moved if k in links.by_member})
        return moved

    # ------------------------------------------------------------------ reuse
    def _find_reused(self, new_docs: dict[str, tuple], full: bool) -> dict[str, list[tuple[int, int]]]:
        conn = self.conn
        reused_rows = []
        band_rows = []
        texts = {r[0]: r[1] for r in select_in(conn, "SELECT id, text FROM documents WHERE id IN ({marks})", list(new_docs))}
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
                    for row in select_in(conn,
                            'SELECT DISTINCT b.doc_id, b.start, b."end", d.published, substr(d.text, b.start + 1, b."end" - b.start)'
                            " FROM link_passage_bands b JOIN documents d ON d.id = b.doc_id"
                            " WHERE b.doc_id <> ? AND b.band_key IN ({marks})", keys, extra=(d,)):
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
                    conn.execute("UPDATE link_reports SET reused = 1 WHERE doc_id = ? AND start >= ? AND start < ?",
                                 (odoc, ostart, oend))
            self.progress("passages", len(index.passages), 0)
        conn.executemany('INSERT INTO link_passage_bands(band_key, doc_id, start, "end") VALUES (?,?,?,?)', band_rows)
        conn.executemany('INSERT OR IGNORE INTO link_reused(doc_id, start, "end", source_doc_id, source_start, similarity)'
                         " VALUES (?,?,?,?,?,?)", reused_rows)
        self.summary.reused_passages = len(reused_rows)
        out: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for r in reused_rows:
            out[r[0]].append((r[1], r[2]))
        return out

    # ------------------------------------------------------------------ statements
    def _quote_items(self, where: str, values: list, reused: dict[str, list[tuple[int, int]]] | None = None) -> list[QuoteItem]:
        rows = select_in(self.conn,
            "SELECT q.doc_id, q.id, m.speaker_id, q.content, q.content_start, q.content_end, q.kind, q.outlet,"
            " q.published, COALESCE(r.reused, 0) FROM quotes q"
            " LEFT JOIN link_mentions m ON m.doc_id = q.doc_id AND m.local_id = q.local_speaker_id"
            " LEFT JOIN link_reports r ON r.doc_id = q.doc_id AND r.quote_id = q.id WHERE " + where, values)
        items = []
        for r in rows:
            flag = bool(r[9]) or quote_is_reused(r[4], r[5], (reused or {}).get(r[0], []))
            items.append(QuoteItem(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], flag))
        return items

    def _existing_statements(self, speakers: set[str], items: list[QuoteItem]) -> list[Statement]:
        """The stored statements of these speakers that the new items can be placed in.

        Only those with a report in a time bucket the items reach: a speaker
        quoted all year long would otherwise load its whole history on every run.
        """
        buckets = reachable_buckets(q.published for q in items)
        wanted = {r[0] for r in select_in(self.conn,
                  "SELECT statement_id, published FROM link_reports WHERE speaker_id IN ({marks})", speakers)
                  if bucket_of(r[1]) in buckets}
        by_id: dict[str, Statement] = {}
        for r in select_in(self.conn, "SELECT id, speaker_id, text FROM link_statements WHERE id IN ({marks})", wanted):
            by_id[r[0]] = Statement(r[0], r[1], r[2])
        for r in select_in(self.conn,
                'SELECT r.statement_id, r.doc_id, r.quote_id, r.speaker_id, q.content, r.start, r."end", r.kind,'
                " r.outlet, r.published, r.reused FROM link_reports r JOIN quotes q ON q.doc_id = r.doc_id AND q.id = r.quote_id"
                " WHERE r.statement_id IN ({marks})", wanted):
            st = by_id.get(r[0])
            if st is not None:
                st.reports.append(QuoteItem(r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], bool(r[10])))
        for st in by_id.values():
            st.reports.sort(key=report_order)
        return [st for st in by_id.values() if st.reports]

    def _link_statements(self, doc_ids: list[str], moved: set[tuple[str, str]], reused: dict[str, list[tuple[int, int]]]) -> None:
        conn = self.conn
        new_items = self._quote_items("q.doc_id IN ({marks})", doc_ids, reused)
        self.summary.quotes = len(new_items)
        rebuild_items: list[QuoteItem] = []
        if moved:
            # Old mentions that changed speaker: the statements holding their quotes are
            # taken apart and all their reports placed again (the moved ones with their new
            # speaker). Other statements of those speakers stay as they are: rebuilding
            # every statement of a speaker quoted 30,000 times took most of an incremental run.
            affected = {r[0] for r in select_in(conn,
                "SELECT r.statement_id, q.doc_id, q.local_speaker_id FROM link_reports r JOIN quotes q"
                " ON q.doc_id = r.doc_id AND q.id = r.quote_id WHERE q.doc_id IN ({marks})", sorted({d for d, _ in moved}))
                if (r[1], r[2]) in moved}
            flags = {(r[0], r[1]): bool(r[2]) for r in select_in(conn,
                "SELECT doc_id, quote_id, reused FROM link_reports WHERE statement_id IN ({marks})", affected)}
            old_reports = list(flags)
            for sid in affected:
                conn.execute("DELETE FROM link_statements WHERE id = ?", (sid,))
            conn.executemany("DELETE FROM link_reports WHERE doc_id = ? AND quote_id = ?", old_reports)
            docs = sorted({d for d, _ in old_reports})
            keys = set(old_reports)
            new_keys = {q.key for q in new_items}
            # The reused flag lives on the report rows just deleted: carried over.
            rebuild_items = [replace(q, reused=q.reused or flags[q.key]) for q in self._quote_items("q.doc_id IN ({marks})", docs)
                             if q.key in keys and q.key not in new_keys]
        items = new_items + rebuild_items
        speakers = {q.speaker_id for q in items if q.speaker_id}
        existing = self._existing_statements(speakers, [q for q in items if q.speaker_id in speakers])
        before = {st.id: len(st.reports) for st in existing}
        statements = self.clusterer.cluster(items, existing)
        for sid in self.clusterer.removed:  # merged into another statement this run
            conn.execute("DELETE FROM link_statements WHERE id = ?", (sid,))
        self.clusterer.removed.clear()
        touched = [st for st in statements if len(st.reports) != before.get(st.id, -1)]
        self.summary.statements_touched = len(touched)
        rows, reports = [], []
        for st in touched:
            first = st.first_report
            rows.append((st.id, st.speaker_id, st.text, len(st.new_reports), first.doc_id, first.quote_id, first.published))
            reports.extend((r.doc_id, r.quote_id, st.id, r.speaker_id, r.outlet, r.published, r.start, r.end, r.kind, int(r.reused))
                           for r in st.reports)
        conn.executemany("INSERT OR REPLACE INTO link_statements(id, speaker_id, text, report_count, first_doc_id,"
                         " first_quote_id, first_published) VALUES (?,?,?,?,?,?,?)", rows)
        conn.executemany('INSERT OR REPLACE INTO link_reports(doc_id, quote_id, statement_id, speaker_id, outlet, published,'
                         ' start, "end", kind, reused) VALUES (?,?,?,?,?,?,?,?,?,?)', reports)

    # ------------------------------------------------------------------ reactions
    def _link_reactions(self, doc_ids: list[str]) -> None:
        conn = self.conn
        quotes_by_doc: dict[str, list[QuoteInDoc]] = defaultdict(list)
        for r in select_in(conn, "SELECT doc_id, id, speaker_name, content_start, content_end, cue FROM quotes"
                                 " WHERE doc_id IN ({marks})", doc_ids):
            if r[3] is not None:
                quotes_by_doc[r[0]].append(QuoteInDoc(r[1], r[2], r[3], r[4]))
        docs = list(select_in(conn, "SELECT id, text, published FROM documents WHERE id IN ({marks})", doc_ids))
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
        conn.executemany(
            'INSERT INTO link_reactions(doc_id, from_speaker, to_speaker, from_name, to_name, verb, start, "end",'
            " evidence, from_statement, to_statement) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(r.doc_id, r.from_speaker, r.to_speaker, r.from_name, r.to_name, r.verb, r.start, r.end, r.evidence,
              r.from_statement, r.to_statement) for r in rows])
        self.summary.reactions = len(rows)

    def _resolve(self, name: str, doc_id: str) -> str | None:
        """A name as written -> canonical id: the document's own speakers first, then the corpus."""
        keys = alias_keys(name)
        person = parse_person(name)
        for local_name, sid in self.conn.execute(
                "SELECT s.name, m.speaker_id FROM doc_speakers s JOIN link_mentions m"
                " ON m.doc_id = s.doc_id AND m.local_id = s.local_id WHERE s.doc_id = ?", (doc_id,)):
            if keys & alias_keys(local_name):
                return sid
            other = parse_person(local_name)
            if person and other and person.surname == other.surname and not person.has_given:
                return sid
        ids = {r[0] for r in self.conn.execute("SELECT speaker_id FROM link_aliases WHERE alias_key = ?", (_alias_key(name),))}
        if len(ids) == 1:
            return ids.pop()
        block = block_of(SpeakerMention("", "", name, "PERSON" if person else "ORG"))
        ids = {r[0] for r in self.conn.execute("SELECT id FROM link_speakers WHERE block = ?", (block,))}
        return ids.pop() if len(ids) == 1 else None

    def _statement_of(self, doc_id: str, quote_id: str | None) -> str | None:
        if not quote_id:
            return None
        row = self.conn.execute("SELECT statement_id FROM link_reports WHERE doc_id = ? AND quote_id = ?", (doc_id, quote_id)).fetchone()
        return row[0] if row else None

    def _latest_statement(self, speaker_id: str | None, published: str | None) -> str | None:
        """Y's most recent statement up to the reaction's date, when the article quotes none."""
        if not speaker_id:
            return None
        row = self.conn.execute(
            "SELECT id FROM link_statements WHERE speaker_id = ? AND (? IS NULL OR first_published IS NULL OR first_published <= ?)"
            " ORDER BY first_published DESC LIMIT 1", (speaker_id, published, published)).fetchone()
        return row[0] if row else None


def _chunks(items: list, size: int = 400):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def run_link(conn: sqlite3.Connection, *, full: bool = False, aliases: Path | str | None = None,
             progress: Progress | None = None, use_semantic: bool = True) -> LinkSummary:
    corrections = load_corrections(aliases) if aliases else Corrections()
    return Linker(conn, corrections, progress, use_semantic).run(full=full)
