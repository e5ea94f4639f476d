"""attach_dates(result): the dating step run at the end of extract() (pure, per document).

* Each quote gets ``extra["said_on"]`` = {start, end, precision, evidence, rule}
  (issue 6 / DESIGN contract), from the date expression attached to its cue
  (see dates.said_on_for_quote).
* A quote with no date of its own inherits one from the same speech event: the
  nearest earlier quote of the same speaker, a few sentences back, that is dated
  ("Kelnik said on Wednesday ... . «...,» she said at the briefing"). Rule
  ``same_speech_event``; the evidence is the earlier date expression. Another
  speaker's quote shares it only when its sentence places it on that occasion
  ("at the same briefing"; "In his turn, ..." after a joint press conference).
* A missing publication date is taken from a dateline in the text
  (``document.meta["published_from"] = "dateline"``); none is invented.
* Dated events named in the article body go to ``extra["events"]``.

Nothing here reads other documents, files or models: it only looks at the
DocResult it is given, and returns a new one (the input is not modified).
"""
from __future__ import annotations

import dataclasses
import re
from typing import Any

from ...records import DocResult, Document, Quote
from ...said_on import ON_OR_BEFORE, on_or_before
from .statements import find_events, publication_date_from_text, quoted_regions, said_on_for_quote, sentence_around
from .expressions import find_date_expressions

Offsets = tuple[int, int]

# How far back (in sentences, from the earlier quote's last sentence to this quote's
# cue sentence) a speech event's date carries. Tuned on samples/gold.json said_on
# labels with gold attributions (89 statements; `quotegraph bench dating`): no
# carry 66/89 agree, window 1 → 72, 2 → 74, 3 → 81, 4-8 → 81; no window made a
# carry the labels contradict. 3 spans a three-sentence quote after the sentence
# that dates the briefing.
CARRY_WINDOW_SENTENCES = 3

# Sources that name nobody in particular: the same pronoun can be two people.
_PRONOUN_SOURCES = re.compile(r"(?i)^(?:he|she|they|it|we|i|you|him|her|them|his|its|their)$")
SAID_ON_KEY = "said_on"
CARRIED_RULE = "same_speech_event"
NO_PUBLICATION_RULE = on_or_before(None)["rule"]  # an undated statement of an undated article


def attach_dates(result: DocResult) -> DocResult:
    """A copy of ``result`` with statement dates, a dateline publication date and events."""
    document = _with_publication_date(result.document)
    text, published = document.text, document.published
    sentences = result.sentences or simple_sentences(text)
    own = [_own_said_on(text, published, q, sentences) for q in result.quotes]
    dated = carry_speech_event_dates(text, result.quotes, own, sentences)
    quotes = [
        dataclasses.replace(q, extra={**q.extra, SAID_ON_KEY: said}) for q, said in zip(result.quotes, dated)
    ]
    events = find_events(text, published, spans=document.body_spans(), include_clauses=True)
    extra = {**result.extra, "events": events}
    return dataclasses.replace(result, document=document, quotes=quotes, extra=extra)


def _with_publication_date(document: Document) -> Document:
    if document.published:
        return document
    found = publication_date_from_text(document.text)
    if found is None:
        return document
    return dataclasses.replace(document, published=found, meta={**document.meta, "published_from": "dateline"})


def _own_said_on(text: str, published: str | None, quote: Quote, sentences: list[Offsets]) -> dict[str, Any]:
    cue = (quote.cue.start, quote.cue.end) if quote.cue else None
    contents = [(s.start, s.end) for s in quote.contents]
    if cue is None and not contents:  # nothing to anchor a date on
        return on_or_before(published)
    return said_on_for_quote(text, published, cue, contents, sentences)


# --- one speech event, several sentences ---------------------------------------

def carry_speech_event_dates(
    text: str, quotes: list[Quote], said: list[dict[str, Any]], sentences: list[Offsets]
) -> list[dict[str, Any]]:
    """Dates for quotes without their own, taken from the same speaker's previous
    dated quote within CARRY_WINDOW_SENTENCES sentences (chains: a carried date
    carries on). A quote whose own sentence names another time outside what was
    said (a date no quote accounts for) keeps its coarse date: the time has moved.
    ``said`` is each quote's own said_on, in the order of ``quotes``."""
    out = [dict(s) for s in said]
    order = sorted(range(len(quotes)), key=lambda i: _anchor(quotes[i])[0])
    used_evidence = {(s["evidence"]["start"], s["evidence"]["end"]) for s in said if s.get("evidence")}
    for pos, i in enumerate(order):
        if out[i]["rule"] not in (ON_OR_BEFORE, NO_PUBLICATION_RULE):
            continue  # dated by its own sentence
        here = _sentence_index(sentences, _quote_start(quotes[i]))
        if here is None or _unaccounted_date_in_sentence(text, sentences[here], quotes[i], used_evidence):
            continue
        previous = _previous_same_speaker(quotes, order[:pos], quotes[i])
        if previous is not None and _carries(quotes, out, sentences, previous, here):
            if not _other_venue(quotes[i], quotes[previous]):
                # "On Tuesday, at a briefing, ... . In a speech to parliament, she said": another event
                out[i] = {**out[previous], "rule": CARRIED_RULE}
            continue
        occasion = _same_occasion_previous(text, sentences[here], quotes, out, order[:pos])
        if occasion is not None and _carries(quotes, out, sentences, occasion, here):
            out[i] = {**out[occasion], "rule": CARRIED_RULE}
    return out


def _carries(quotes: list[Quote], out: list[dict[str, Any]], sentences: list[Offsets], previous: int, here: int) -> bool:
    """The earlier quote has a date from the text, and ended at most CARRY_WINDOW_SENTENCES
    sentences before this quote's sentence."""
    source = out[previous]
    # Without a publication date an earlier "on April 18" has no year (precision unknown)
    # but is still the event's date as the article gives it: it carries with its evidence.
    if source["precision"] == ON_OR_BEFORE or not source.get("evidence"):
        return False
    source_last = _sentence_index(sentences, _quote_end(quotes[previous]) - 1)
    return source_last is not None and here - source_last <= CARRY_WINDOW_SENTENCES


# --- another speaker on the same occasion -------------------------------------------

# A sentence that places its statement at the occasion already described:
# "at the same news conference", "at the same briefing".
_SAME_OCCASION = re.compile(r"(?i)\b(?:at|in|during) the same ((?:[\w-]+ ){0,2}[\w-]+)")
# Openers of the other party's turn in a two-sided exchange ("In his turn, Lavrov noted";
# "For her part, the minister said"). They place the statement on the occasion just
# described only when that occasion was a joint one (a joint press conference, a debate).
_TURN_OPENER = re.compile(
    r"(?i)^\W*(?:in (?:his|her|their|its) turn|for (?:his|her|their|its) part|in (?:response|reply)|responding|replying)\b")
_JOINT_OCCASION = re.compile(r"(?i)\b(?:joint|debate|talks|exchange|press conference with|news conference with)\b")


def _same_occasion_previous(
    text: str, sentence: Offsets, quotes: list[Quote], out: list[dict[str, Any]], earlier: list[int]
) -> int | None:
    """The nearest earlier dated quote of ANY speaker whose occasion this quote's sentence
    says it shares: "at the same briefing" after a quote dated at a briefing, or a turn
    opener ("In his turn, ...") after a quote dated at a joint press conference. An
    occasion is the venue of the quote that gave the date (carried dates keep it)."""
    if not earlier:
        return None
    venues = _venues_by_evidence(quotes, out)
    nearest = next((j for j in reversed(earlier) if out[j].get("evidence")), None)
    if nearest is None:
        return None
    venue = venues.get(_evidence_key(out[nearest]))
    if not venue:
        return None
    words = text[sentence[0]:sentence[1]]
    same = _SAME_OCCASION.search(words)
    if same is not None:
        return nearest if _venue_noun(same.group(1)) == _venue_noun(venue) else None
    if _TURN_OPENER.match(words) and _JOINT_OCCASION.search(venue):
        return nearest
    return None


def _venues_by_evidence(quotes: list[Quote], out: list[dict[str, Any]]) -> dict[Offsets, str]:
    venues: dict[Offsets, str] = {}
    for quote, said in zip(quotes, out):
        venue = quote.extra.get(VENUE_KEY)
        if venue and said.get("evidence"):
            venues.setdefault(_evidence_key(said), venue["text"])
    return venues


def _evidence_key(said: dict[str, Any]) -> Offsets:
    return said["evidence"]["start"], said["evidence"]["end"]


def _previous_same_speaker(quotes: list[Quote], earlier: list[int], quote: Quote) -> int | None:
    """The nearest earlier quote (by anchor position) of the same speaker."""
    keys = speaker_keys(quote)
    if not keys:
        return None
    for j in reversed(earlier):
        other = quotes[j]
        if keys & speaker_keys(other) or _short_name_of(quote, other) or _speaks_for(quote, other) or _speaks_for(other, quote):
            return j
    return None


def _short_name_of(later: Quote, earlier: Quote) -> bool:
    """Without resolved speakers: "Kelnik" after "spokeswoman Marta Kelnik" (the later
    source, all capitalised words, ends the earlier one)."""
    if later.speaker is not None or earlier.speaker is not None or not later.sources or not earlier.sources:
        return False
    short = later.sources[0].text.split()
    full = earlier.sources[0].text.split()
    if not short or len(short) > 3 or len(short) >= len(full) or not all(w[:1].isupper() for w in short):
        return False
    return [_norm(w) for w in full[-len(short):]] == [_norm(w) for w in short]


def speaker_keys(quote: Quote) -> set[str]:
    """What identifies a quote's speaker inside one document: the resolved speaker
    id and name, else the source as written (pronouns excluded: 'she' is anyone)."""
    keys: set[str] = set()
    if quote.speaker is not None:
        keys.add("id:" + quote.speaker.id)
        keys.add("name:" + _norm(quote.speaker.name))
        return keys
    for src in quote.sources:
        if not _PRONOUN_SOURCES.match(src.text.strip()):
            keys.add("name:" + _norm(src.text))
    return keys


def _speaks_for(person: Quote, organisation: Quote) -> bool:
    """A spokesperson speaks for the organisation named in their role
    ("Dravenian Foreign Ministry spokeswoman"): the ministry's statement and the
    spokeswoman's words at its briefing are one speech event."""
    if person.speaker is None or organisation.speaker is None:
        return False
    if organisation.speaker.type not in ("ORG", "GPE", "GROUP"):
        return False
    role = _norm(person.speaker.role or "")
    name = _norm(organisation.speaker.name)
    return bool(role and name) and name in role


VENUE_KEY = "venue"  # Quote.extra: the occasion the sentence names (nlp/speakers/addressee.py venue_of)


def _other_venue(later: Quote, earlier: Quote) -> bool:
    """Both quotes name the occasion they were said on, and not the same kind of occasion
    ("a news briefing" and "the briefing" are one; "a briefing" and "a speech" are two)."""
    a, b = later.extra.get(VENUE_KEY), earlier.extra.get(VENUE_KEY)
    if not a or not b:
        return False
    return _venue_noun(a["text"]) != _venue_noun(b["text"])


def _venue_noun(venue: str) -> str:
    """The occasion's noun: the last word before its "with"/"to" phrase."""
    words = re.split(r"\s+(?:with|to)\s+", venue.lower(), maxsplit=1)[0].split()
    return words[-1] if words else ""


def _unaccounted_date_in_sentence(
    text: str, sentence: Offsets, quote: Quote, used_evidence: set[Offsets]
) -> bool:
    found = find_date_expressions(text, *sentence)
    if not found:
        return False
    contents = [(s.start, s.end) for s in quote.contents]
    quoted = quoted_regions(text, *sentence)
    for expr in found:
        span = (expr.start, expr.end)
        if span in used_evidence:
            continue  # another quote's date ("who on Tuesday called ...")
        if any(c0 <= span[0] and span[1] <= c1 for c0, c1 in contents + quoted):
            continue  # inside what was said: dates the content, not the time frame
        return True
    return False


def _anchor(quote: Quote) -> Offsets:
    if quote.cue is not None:
        return quote.cue.start, quote.cue.end
    if quote.contents:
        return quote.contents[0].start, quote.contents[0].end
    return 0, 0


def _quote_start(quote: Quote) -> int:
    """Where a quote begins: a quotation of several sentences with its cue at the end
    ("'...,' she said") starts right after the sentence that dated the event."""
    starts = [s.start for s in quote.contents] + ([quote.cue.start] if quote.cue else [])
    return min(starts) if starts else 0


def _quote_end(quote: Quote) -> int:
    ends = [s.end for s in quote.contents] + ([quote.cue.end] if quote.cue else [])
    return max(ends) if ends else 1


def _sentence_index(sentences: list[Offsets], offset: int) -> int | None:
    # Sentences are few (tens): a linear scan is cheaper than building an index.
    for n, (s0, s1) in enumerate(sentences):
        if s0 <= offset < s1:
            return n
    return None


def _norm(name: str) -> str:
    return re.sub(r"[’']s\b|\W+", " ", name.lower()).strip()


# --- sentences and body ----------------------------------------------------------

def simple_sentences(text: str) -> list[Offsets]:
    """Sentence offsets when the caller has none: line breaks, and . ! ? before a
    space (not after 'Mr.' or an initial, see dates.sentence_around)."""
    out: list[Offsets] = []
    pos = 0
    n = len(text)
    while pos < n:
        while pos < n and text[pos].isspace():
            pos += 1
        if pos >= n:
            break
        start, end = sentence_around(text, (pos, pos + 1))
        start = max(start, pos)
        end = max(end, pos + 1)
        # A sentence ending in a closing quotation mark: keep the mark.
        while end < n and text[end] in "”’»\"'":
            end += 1
        out.append((start, end))
        pos = end
    return out
