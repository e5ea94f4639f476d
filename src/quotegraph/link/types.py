"""Typed records of the linking stage: its inputs (one row per per-document
speaker and per quote) and its outputs (canonical speakers, statements,
reactions, reused passages). Plain data; no SQL, no models."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SpeakerMention:
    """One speaker as extraction resolved it inside one document."""

    doc_id: str
    local_id: str
    name: str
    type: str = "UNKNOWN"
    role: str | None = None
    published: str | None = None  # YYYY-MM-DD of the document
    outlet: str | None = None
    # Other names in the same document (folded keys): who this speaker is talked about with.
    context: frozenset[str] = frozenset()

    @property
    def key(self) -> tuple[str, str]:
        return (self.doc_id, self.local_id)


@dataclass(frozen=True, slots=True)
class RoleStatement:
    """A role as one document stated it, on that document's date."""

    role: str
    date: str | None
    doc_id: str


@dataclass(slots=True)
class CanonicalSpeaker:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[RoleStatement] = field(default_factory=list)
    members: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, local_id)
    block: str = ""  # blocking key: the part of the corpus this speaker is decided in


@dataclass(frozen=True, slots=True)
class QuoteItem:
    """One quote as linking needs it: who (canonical), when, where, what."""

    doc_id: str
    quote_id: str
    speaker_id: str | None  # canonical speaker id (None when extraction found no speaker)
    text: str  # contents joined
    start: int | None
    end: int | None
    kind: str = "direct"
    outlet: str | None = None
    published: str | None = None
    reused: bool = False  # inside a passage copied from an earlier document

    @property
    def key(self) -> tuple[str, str]:
        return (self.doc_id, self.quote_id)


@dataclass(slots=True)
class Statement:
    """One utterance behind one or more reports."""

    id: str
    speaker_id: str | None
    text: str
    reports: list[QuoteItem] = field(default_factory=list)

    @property
    def first_report(self) -> QuoteItem:
        return min(self.reports, key=report_order)

    @property
    def new_reports(self) -> list[QuoteItem]:
        """Reports that are not copies of background text: the ones that count."""
        return [r for r in self.reports if not r.reused]


def report_order(q: QuoteItem) -> tuple:
    """Chronological order; undated reports after dated ones; stable by document and offset."""
    return (q.published is None, q.published or "", q.doc_id, q.start if q.start is not None else 0, q.quote_id)


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence-sized stretch of one document, the unit of reuse detection."""

    doc_id: str
    start: int
    end: int
    text: str
    published: str | None = None


@dataclass(frozen=True, slots=True)
class ReusedPassage:
    doc_id: str
    start: int
    end: int
    source_doc_id: str  # the earlier document it copies
    source_start: int
    similarity: float


@dataclass(frozen=True, slots=True)
class Reaction:
    """X answers Y: an edge with the sentence that says so."""

    doc_id: str
    from_speaker: str | None  # canonical ids
    to_speaker: str | None
    from_name: str
    to_name: str
    verb: str
    start: int  # evidence span in the document text
    end: int
    evidence: str
    from_statement: str | None = None
    to_statement: str | None = None
