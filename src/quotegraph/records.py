"""Typed records shared by every stage (see ../shared/DESIGN.md, "Contracts").

Offsets are always character offsets into ``Document.text``; a ``Span`` carries
its text so a record can be checked on its own (``span.text == doc.text[start:end]``).
These classes know nothing about files, models, the store or the web.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

QuoteKind = Literal["direct", "indirect", "mixed"]
QUOTE_KINDS: tuple[str, ...] = ("direct", "indirect", "mixed")
# What an attribution reports (DESIGN.md, "Statement types"): listings default to speech.
StatementType = Literal["speech", "belief", "finding", "headline"]
STATEMENT_TYPES: tuple[str, ...] = ("speech", "belief", "finding", "headline")
# What someone thinks or a report found: shown apart from what was said (CLI `show`, web article page).
NOT_SAID_TYPES = frozenset({"belief", "finding"})
SpeakerType = Literal["PERSON", "ORG", "GPE", "GROUP", "UNKNOWN"]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Span":
        return cls(int(d["start"]), int(d["end"]), d["text"])


@dataclass(slots=True)
class Speaker:
    """A speaker resolved inside one document (cross-document ids come from link/)."""

    id: str
    name: str
    type: SpeakerType = "UNKNOWN"
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "role": self.role}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> "Speaker | None":
        if not d:
            return None
        return cls(d["id"], d["name"], d.get("type", "UNKNOWN"), d.get("role"))


@dataclass(slots=True)
class Quote:
    id: str
    kind: QuoteKind
    contents: list[Span]
    cue: Span | None = None
    sources: list[Span] = field(default_factory=list)
    speaker: Speaker | None = None
    addressee: Span | None = None
    type: StatementType = "speech"
    confidence: float = 0.5
    # Extra fields later stages may fill (statement dates, reuse flags); kept
    # out of the core contract keys but serialised when present.
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "contents": [s.to_dict() for s in self.contents],
            "cue": self.cue.to_dict() if self.cue else None,
            "sources": [s.to_dict() for s in self.sources],
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "addressee": self.addressee.to_dict() if self.addressee else None,
            "type": self.type,
            "confidence": round(float(self.confidence), 4),
        }
        d.update(self.extra)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Quote":
        core = {"id", "kind", "contents", "cue", "sources", "speaker", "addressee", "type", "confidence"}
        return cls(
            id=d["id"],
            kind=d["kind"],
            contents=[Span.from_dict(s) for s in d.get("contents", [])],
            cue=Span.from_dict(d["cue"]) if d.get("cue") else None,
            sources=[Span.from_dict(s) for s in d.get("sources", [])],
            speaker=Speaker.from_dict(d.get("speaker")),
            addressee=Span.from_dict(d["addressee"]) if d.get("addressee") else None,
            type=d.get("type", "speech"),
            confidence=float(d.get("confidence", 0.5)),
            extra={k: v for k, v in d.items() if k not in core},
        )


def content_hash(text: str) -> str:
    """Stable hash of an article's text: the same article read twice is recognised."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Document:
    """One article as read, before linguistic analysis.

    ``text`` is what every offset indexes. For .txt/.jsonl it is the input text
    exactly as decoded; for HTML/WARC it is the extracted main text.
    """

    id: str
    source: str  # path (and line / record) the document came from
    text: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD
    language: str = "und"
    title: str | None = None
    boilerplate: list[Span] = field(default_factory=list)
    format: str = "txt"  # txt | html | jsonl | warc
    meta: dict[str, Any] = field(default_factory=dict)  # reader-specific extras (not in the contract)

    @property
    def hash(self) -> str:
        return content_hash(self.text)

    def body_spans(self) -> list[tuple[int, int]]:
        """The complement of ``boilerplate`` in ``text``: where the article body is."""
        spans: list[tuple[int, int]] = []
        pos = 0
        for span in sorted(self.boilerplate, key=lambda s: s.start):
            if span.start > pos:
                spans.append((pos, span.start))
            pos = max(pos, span.end)
        if pos < len(self.text):
            spans.append((pos, len(self.text)))
        return spans

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published,
            "language": self.language,
            "title": self.title,
            "text": self.text,
            "boilerplate": [s.to_dict() for s in self.boilerplate],
        }


@dataclass(slots=True)
class DocResult:
    """Everything ``extract(doc)`` finds in one document (a pure function's output)."""

    document: Document
    quotes: list[Quote] = field(default_factory=list)
    # Named entities after type correction: dicts {start, end, text, label}.
    entities: list[dict[str, Any]] = field(default_factory=list)
    # Per-document speakers (id -> Speaker) with all their mentions as spans.
    speakers: dict[str, Speaker] = field(default_factory=dict)
    mentions: dict[str, list[Span]] = field(default_factory=dict)
    # Sentence boundaries as (start, end) offsets.
    sentences: list[tuple[int, int]] = field(default_factory=list)
    # Later stages (dates) may attach more; serialised under their own keys.
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d = self.document.to_dict()
        d["quotes"] = [q.to_dict() for q in self.quotes]
        d.update(self.extra)
        return d


@dataclass(frozen=True, slots=True)
class InputError:
    """A bad input: reported with its path and reason, never fatal to a run."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"

