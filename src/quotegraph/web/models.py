"""Typed response models of the JSON API (they make /openapi.json precise).

Quote records keep the layout of ``quotegraph quotes --format json`` (DESIGN.md's
quote plus ``document``); fields later stages add (``said_on`` ...) pass through.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..records import QuoteKind, StatementType


class SpanOut(BaseModel):
    start: int
    end: int
    text: str | None = None


class SpeakerRef(BaseModel):
    id: str | None
    name: str
    type: str = "UNKNOWN"
    role: str | None = None


class DocumentRef(BaseModel):
    id: str
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None


class LinkedSpeaker(BaseModel):
    id: str | None
    name: str | None = None


class SaidOn(BaseModel):
    """When it was said (quotegraph/said_on.py); the day it was reported is ``document.published``."""
    start: str | None = Field(None, description="null: open start (on or before `end`) or unknown")
    end: str | None = None
    precision: Literal["day", "week", "month", "year", "on_or_before_publication", "unknown"]
    evidence: SpanOut | None = None
    rule: str | None = None


class QuoteOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    kind: QuoteKind
    contents: list[SpanOut]
    cue: SpanOut | None = None
    sources: list[SpanOut] = Field(default_factory=list)
    speaker: SpeakerRef | None = None
    addressee: SpanOut | None = None
    type: StatementType = "speech"
    confidence: float
    document: DocumentRef | None = None
    said_on: SaidOn | None = Field(None, description="when it was said; `document.published` is when it was reported")
    statement_id: str | None = Field(None, description="link/'s statement this quote reports (when linked)")
    linked_speaker: LinkedSpeaker | None = Field(None, description="link/'s canonical speaker (when linked)")


class FacetValue(BaseModel):
    value: str
    label: str
    count: int


class Facets(BaseModel):
    speaker: list[FacetValue]
    outlet: list[FacetValue]
    kind: list[FacetValue]
    month: list[FacetValue]
    type: list[FacetValue] = Field(default_factory=list, description="statement types among the matches of every type")
    sample: int = Field(description="facets count at most this many of the first matches")


class QuotePage(BaseModel):
    items: list[QuoteOut]
    total: int = Field(description="number of matches; a lower bound when total_capped")
    total_capped: bool = Field(description="true: at least `total` matches (counting stopped at 10,000, or a search"
                                           " by words and speaker looked at the newest quotes only)")
    limit: int
    offset: int
    filters: dict[str, str]
    type: str = Field("speech", description="the statement type shown: speech unless `type=` asks for another, or all")
    facets: Facets | None = None


class SpeakerSummary(BaseModel):
    id: str
    name: str
    type: str
    aliases: list[str]
    roles: list[str]
    quotes: int
    outlets: list[str]


class SpeakerList(BaseModel):
    items: list[SpeakerSummary]
    limit: int
    offset: int


class RoleOverTime(BaseModel):
    role: str
    first: str | None
    last: str | None
    documents: int


class OutletCount(BaseModel):
    outlet: str
    quotes: int
    first: str | None
    last: str | None


class StatementSummary(BaseModel):
    id: str
    speaker_id: str | None
    speaker_name: str | None = None
    text: str
    reports: int
    first_published: str | None = None
    first_outlet: str | None = None


class ReactionOut(BaseModel):
    doc_id: str
    from_speaker: str | None
    to_speaker: str | None
    from_name: str
    to_name: str
    verb: str | None = None
    evidence: SpanOut | None = None
    published: str | None = None
    outlet: str | None = None


class LinkedAs(BaseModel):
    id: str
    name: str | None
    documents: int


class SpeakerDetail(SpeakerSummary):
    roles_over_time: list[RoleOverTime]
    outlet_counts: list[OutletCount]
    recent_quotes: list[QuoteOut]
    statements: list[StatementSummary]
    reactions_from: list[ReactionOut] = Field(description="this speaker reacting to others")
    reactions_to: list[ReactionOut] = Field(description="others reacting to this speaker")
    linked: bool = Field(description="whether cross-document linking tables were present")
    canonical: bool = Field(description="true: a canonical speaker of link/; false: the store's name-key speaker")
    linked_as: list[LinkedAs] = Field(description="canonical speakers this name-key speaker was linked to")


class DiffPiece(BaseModel):
    op: Literal["same", "added", "missing"]
    text: str


class StatementReport(BaseModel):
    quote: QuoteOut
    first: bool
    reused: bool = False
    similarity: float = Field(description="word overlap with the first report, 0..1")
    diff: list[DiffPiece] = Field(description="this report against the first one")


class StatementDetail(BaseModel):
    id: str
    speaker: SpeakerRef | None
    text: str
    reports: list[StatementReport]


class StatementList(BaseModel):
    items: list[StatementSummary]
    limit: int
    offset: int
    linked: bool


class BoilerplateSpan(SpanOut):
    pass


class MentionOut(BaseModel):
    local_speaker_id: str
    speaker_id: str | None
    start: int
    end: int
    text: str


class DocSpeaker(BaseModel):
    local_id: str
    name: str
    type: str
    role: str | None
    speaker_id: str | None


class DocumentOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    source: str
    url: str | None
    outlet: str | None
    published: str | None
    language: str | None
    title: str | None
    text: str
    boilerplate: list[BoilerplateSpan]
    quotes: list[QuoteOut]
    speakers: list[DocSpeaker]
    mentions: list[MentionOut]
