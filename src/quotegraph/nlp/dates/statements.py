"""When was it said: statement dates, dated events and datelines (pure functions).

``said_on`` dates one statement from the date expression attached to its cue:

1. explicit dates ("on April 18", "September 19-20, 2023", "on 18 April 2024");
2. dates relative to publication ("on Wednesday", "yesterday", "earlier this week",
   "last week", "last month", "in February", "last September", "this month");
3. dates relative to another dated mention ("four months later", "at the time"):
   the nearest earlier dated mention in the sentence or the context sentences;
4. otherwise "on or before publication" (quotegraph.said_on): start ``None``
   (open), end = published, precision ``on_or_before_publication`` -- the
   article only says the statement was made by the time it was published, so no
   day is claimed (past-tense "said" and present-tense "says" alike). With no
   publication date either, start and end are ``None`` and precision is
   ``unknown`` (likewise when the only evidence is relative to a publication
   date that is missing).

Which expression counts: the one syntactically closest to the cue, in the cue's
own clause. Expressions inside the reported content (after "that", a colon or a
quotation mark, inside quotation marks, or in a clause with its own verb), inside
a relative clause the cue is not part of (", who met X yesterday,"), or that
modify a noun ("the September 2023 offensive", "Tuesday’s fighting") date events,
not the saying. See dates_calendar for the calendar conventions and dates_expr
for the patterns.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ...quotation_marks import DOUBLE_MARKS, OPENING_MARKS, SINGLE_MARKS, STRAIGHT_SINGLE
from ...said_on import on_or_before
from .intervals import Interval, NeedsPublication, NeedsReference, clip_to_publication, resolve
from .expressions import MONTHS, DateExpr, event_phrase_end, event_phrase_start, find_date_expressions

Offsets = tuple[int, int]

# A clause boundary between a cue and a later date: the content has started.
_AUX = r"was|were|is|are|am|be|been|being|had|has|have|will|would|could|should|can|may|might|must|did|does|do|shall"
# Common irregular past forms: a clause with one of these has its own verb.
_IRREGULAR_PAST = (
    r"made|said|told|took|gave|went|came|met|held|left|got|found|sent|spoke|wrote|became|began|brought|"
    r"thought|knew|saw|kept|ran|won|lost|paid|led|fought|fled|struck|stood|fell|rose|broke|chose|drove|flew|"
    r"sought|taught|caught|bought|built|meant|felt|heard|read|set|shut|hit|let|cut"
)
_VERBISH = re.compile(rf"\b(?:{_AUX}|{_IRREGULAR_PAST})\b|\b[a-z]{{3,}}ed\b")
# The main verb right after a date between subject and verb ("on Thursday rejected").
_MAIN_VERB = rf"{_AUX}|[a-z]{{3,}}ed|said|told|spoke|wrote|gave|made|took|met|sent|held|put|says|tells|urged|called"
_CONTENT_START = re.compile(r"\bthat\b|[:;" + re.escape(DOUBLE_MARKS) + r"]|(?<!\w)[" + re.escape(SINGLE_MARKS + STRAIGHT_SINGLE)
                            + r"]|,\s+[a-z]+ing\b|,\s+(?:who|which|whose|where)\b")
# A finite verb right after a date that follows the cue's object: the object was the
# subject of a that-less content clause, and the date dates it (an event), not the cue.
_VERB_NEXT = re.compile(rf"\s+(?:{_AUX}|{_IRREGULAR_PAST}|[a-z]{{3,}}ed)\b")
_RELATIVE_CLAUSE = re.compile(r",\s+(?:who|which|whose|where)\b[^,;]*(?:,|$)")
# Nominal cues ("remarks by X that ...") take the time of their own noun phrase only.
_NOUN_CUES = re.compile(
    r"(?i)^(?:remarks?|comments?|claims?|accusations?|allegations?|statements?|words|assertions?|criticism|warnings?)$"
)
# "KESSARY, March 4 (Meridian Wire) -": the wire's dateline dates the report, not a statement.
_WIRE_DATELINE_TAIL = re.compile(r"\s*\([^()\n]{1,40}\)\s*[-–—]")
_OPEN = "“«„"
_CLOSE = {"“": "”", "«": "»", "„": "“"}


def said_on(
    text: str,
    published: str | None,
    anchor: Offsets,
    sentence: Offsets | None,
    context_sentences: list[Offsets] | None = None,
    contents: list[Offsets] | None = None,
) -> dict[str, Any]:
    """The date interval a statement was made in.

    ``anchor`` is the cue span (or the content span when there is no cue);
    ``sentence`` the sentence holding it (found around the anchor when None);
    ``context_sentences`` earlier sentences, searched for the mention "at the time"
    or "four months later" refers to; ``contents``, when known, are excluded
    outright (a date inside what was said never dates the saying).
    """
    pub = _parse_iso(published)
    sent = sentence or sentence_around(text, anchor)
    for expr in _attached_expressions(text, sent, anchor, contents or []):
        reference = None
        if expr.anaphoric:
            reference = _nearest_earlier_mention(text, pub, expr, sent, context_sentences or [])
        try:
            iv = resolve(expr, pub, reference)
        except NeedsPublication:
            return _result(None, None, "unknown", expr, f"{expr.kind}_without_publication_date")
        except (NeedsReference, ValueError):
            continue
        clipped = clip_to_publication(iv, pub)
        if clipped is None:  # names a time after the report: not when it was said
            continue
        return _result(clipped.start, clipped.end, clipped.precision, expr, clipped.rule)
    return on_or_before(published)


_CONTEXT_SENTENCES = 5  # "at the time" refers back a few sentences, not across the article


def said_on_for_quote(
    text: str,
    published: str | None,
    cue: Offsets | None,
    contents: list[Offsets],
    sentences: list[Offsets],
) -> dict[str, Any]:
    """said_on for one extracted quote: the anchor is its cue (else its first content
    span), the sentence is the one holding the anchor, the context the few sentences
    before it, and the contents are excluded. ``sentences`` are the document's
    sentence offsets in order (DocResult.sentences)."""
    anchor = cue or (contents[0] if contents else None)
    if anchor is None:
        raise ValueError("a quote needs a cue or a content span to be dated")
    index = next((i for i, (s0, s1) in enumerate(sentences) if s0 <= anchor[0] < s1), None)
    if index is None:
        return said_on(text, published, anchor, None, None, contents)
    first, sent = index, sentences[index]
    # A cue can straddle a sentence split ("... soon,” the diplomat told DRTA."): widen.
    while sent[1] < anchor[1] and index + 1 < len(sentences):
        index += 1
        sent = (sent[0], sentences[index][1])
    context = sentences[max(0, first - _CONTEXT_SENTENCES):first]
    return said_on(text, published, anchor, sent, context, contents)


def find_events(
    text: str, published: str | None, spans: list[Offsets] | None = None, include_clauses: bool = False
) -> list[dict[str, Any]]:
    """Dated events named in the text.

    By default only noun phrases a date modifies ("the September 2023 offensive",
    "Tuesday’s fighting", "the October 2022 summit in Prague"): ``kind`` "noun_phrase".
    With ``include_clauses``, also dated clauses that report no statement ("the
    commission was set up last October", "fought a war in 2019", "suspended its work
    four months later", resolved against the previous mention): ``kind`` "clause",
    whose ``text`` is the clause. Clauses with a reporting verb ("said on Monday")
    are statements, not events, and are left to said_on.

    Each: {"kind", "text", "span": {start,end,text}, "start", "end", "precision",
    "rule", "evidence": {start,end,text} of the date expression}. Events whose date
    needs a missing publication date (or a missing earlier mention) are left out.
    """
    pub = _parse_iso(published)
    regions = spans or [(0, len(text))]
    events = []
    previous: Interval | None = None  # the latest resolved mention, for "four months later"
    for r0, r1 in regions:
        for expr in find_date_expressions(text, r0, r1):
            if _WIRE_DATELINE_TAIL.match(text, expr.end):
                continue
            try:
                iv = resolve(expr, pub, previous if expr.anaphoric else None)
            except (NeedsPublication, NeedsReference, ValueError):
                continue
            if not expr.anaphoric:
                previous = iv
            if expr.role == "modifier" and not expr.anaphoric:
                p0, p1, kind = event_phrase_start(text, expr), event_phrase_end(text, expr), "noun_phrase"
            elif include_clauses:
                p0, p1 = _clause_around(text, expr, r0, r1)
                if _REPORTING_VERB.search(text, p0, p1):
                    continue
                if len(re.findall(r"[A-Za-z]{2,}", text[p0:p1])) - len(re.findall(r"[A-Za-z]{2,}", expr.text)) < 2:
                    continue  # a bare date (a dateline, a caption's date) names no event
                if _FUTURE.search(text, p0, expr.start) and not iv.rule.startswith("explicit"):
                    # "will announce its budget on Monday": the next Monday, not the last one the
                    # news conventions give; left out rather than dated a week early.
                    continue
                kind = "clause"
            else:
                continue
            events.append({
                "kind": kind,
                "text": text[p0:p1],
                "span": _span(text, p0, p1),
                "start": iv.start.isoformat(),
                "end": iv.end.isoformat(),
                "precision": iv.precision,
                "rule": iv.rule,
                "evidence": _span(text, expr.start, expr.end),
            })
    return events


_FUTURE = re.compile(r"(?i)\b(?:will|shall|won['’]t|['’]ll|(?:is|are|was|were)\s+(?:due|set|expected|scheduled|going)\s+to|plans?\s+to)\b")
_REPORTING_VERB = re.compile(
    r"(?i)\b(?:said|says|say|told|tells|stated|states|announced|added|noted|stressed|urged|warned|claimed|argued|"
    r"insisted|declared|wrote|called|complained|countered|charged|accused|rejected|deplored|denied|confirmed|"
    r"described|dismissed|welcomed|critici[sz]ed|praised|thanked|promised|pledged|vowed|demanded|comment(?:ed)?|"
    r"according to|remarks|comments|statement|briefing|interview)\b"
)


def _clause_around(text: str, expr: DateExpr, r0: int, r1: int) -> Offsets:
    """The clause holding a date: between the nearest sentence or clause breaks."""
    s0, s1 = sentence_around(text, (expr.start, expr.end))
    s0, s1 = max(s0, r0), min(s1, r1)
    breaks_left = r"[,;:]\s+|\s[-–—]\s|\bbut\s+|\band\s+(?=[a-z]+ed\b)"
    breaks_right = r"[,;:]|\.(?=\s|$)|\s+but\b|\s[-–—]\s"
    left = max((m.end() for m in re.finditer(breaks_left, text[s0:expr.start])), default=0)
    start = s0 + left
    right_from = expr.end
    lead = text[start:expr.start].strip(" " + OPENING_MARKS)
    if re.fullmatch(r"(?i)(?:on|in|at|by|since|during|until)?", lead) and re.match(r",\s", text[expr.end:]):
        right_from = expr.end + 1  # a fronted date ("Earlier this month, X voted ..."): take the clause after it
    right_m = re.search(breaks_right, text[right_from:s1])
    end = right_from + right_m.start() if right_m else s1
    return start, end


# --- datelines ---------------------------------------------------------------

_MONTH_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_DATELINE = re.compile(
    r"^(?:(?:Published|Posted|Updated|Last updated|Date)\s*:?\s*)?"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    r"(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2},\s+)?"  # place: "Ulmsk, "
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    r"(?P<date>"
    rf"(?P<mdy_m>{_MONTH_NAMES})\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<mdy_y>\d{{4}})"
    rf"|(?P<dmy_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<dmy_m>{_MONTH_NAMES})\s+(?P<dmy_y>\d{{4}})"
    r"|(?P<dot_d>\d{1,2})\.(?P<dot_m>\d{1,2})\.(?P<dot_y>\d{4})"
    r"|(?P<iso_y>\d{4})-(?P<iso_m>\d{2})-(?P<iso_d>\d{2})"
    r"|(?P<sl_a>\d{1,2})/(?P<sl_b>\d{1,2})/(?P<sl_y>\d{4})"
    r")"
    r"(?:\s*[,|–—-]?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*\(?[A-Z]{2,5}\)?)?)?\s*$"
)
_DATELINE_LINES = 15  # datelines sit in the first lines, above or just below the headline


def publication_date_from_text(text: str) -> str | None:
    """A publication date from a dateline line near the top ("April 19, 2024",
    "19.04.2024", "Ulmsk, 08.03.2025", "Published: 19 April 2024 10:15").

    Only a line that is a date (with an optional place, weekday or time) counts:
    dates inside sentences or captions are not publication dates. A date without a
    year ("KESSARY, March 4 (Wire) -") or an ambiguous slash date (03/04/2025)
    gives None: a date is never invented. Dots mean day.month.year.
    """
    seen = 0
    for line in text.splitlines():
        line = line.strip().lstrip("\ufeff")
        if not line:
            continue
        seen += 1
        if seen > _DATELINE_LINES:
            break
        if len(line) > 80:
            continue
        m = _DATELINE.match(line)
        if not m:
            continue
        day = _dateline_date(m)
        if day is not None:
            return day.isoformat()
    return None


def _dateline_date(m: re.Match) -> dt.date | None:
    g = m.groupdict()
    try:
        if g["mdy_m"]:
            return dt.date(int(g["mdy_y"]), MONTHS[g["mdy_m"].lower().rstrip(".")], int(g["mdy_d"]))
        if g["dmy_m"]:
            return dt.date(int(g["dmy_y"]), MONTHS[g["dmy_m"].lower().rstrip(".")], int(g["dmy_d"]))
        if g["dot_d"]:
            return dt.date(int(g["dot_y"]), int(g["dot_m"]), int(g["dot_d"]))
        if g["iso_y"]:
            return dt.date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
        a, b = int(g["sl_a"]), int(g["sl_b"])
        if a <= 12 and b <= 12 and a != b:
            return None  # 03/04/2025: March 4 or 3 April? Not guessed.
        day, month = (a, b) if a > 12 else (b, a)
        return dt.date(int(g["sl_y"]), month, day)
    except (ValueError, KeyError):
        return None


# --- choosing the expression that dates the cue ------------------------------

def sentence_around(text: str, anchor: Offsets) -> Offsets:
    """A rough sentence around the anchor (used when the caller has no sentence
    boundaries): from the previous sentence end or line break to the next."""
    a0, a1 = anchor
    start = a0
    while start > 0:
        ch = text[start - 1]
        if ch == "\n" or (ch == " " and start >= 2 and text[start - 2] in ".!?" and _sentence_may_end(text, start - 2)):
            break
        start -= 1
    end = a1
    while end < len(text):
        ch = text[end]
        if ch == "\n":
            break
        if ch in ".!?" and (end + 1 == len(text) or text[end + 1] in " \n") and _sentence_may_end(text, end):
            end += 1
            break
        end += 1
    return start, end


def _sentence_may_end(text: str, dot: int) -> bool:
    """Not after an abbreviation like 'Mr.' or 'Sept.' or an initial."""
    word = re.search(r"(\w+)$", text[max(0, dot - 6):dot])
    if not word:
        return True
    w = word.group(1)
    return not (len(w) == 1 and w.isupper()) and w not in {"Mr", "Mrs", "Ms", "Dr", "St", "Sept", "Gen", "Col", "Lt", "Jan", "Feb", "Aug", "Oct", "Nov", "Dec"}


def _attached_expressions(text: str, sent: Offsets, anchor: Offsets, contents: list[Offsets]) -> list[DateExpr]:
    """Adverbial date expressions that can date the cue, closest first."""
    s0, s1 = sent
    a0, a1 = anchor
    candidates = find_date_expressions(text, s0, s1)
    if not candidates:  # most sentences: nothing more to look at
        return []
    quoted = quoted_regions(text, s0, s1)
    relative = [(m.start(), m.end()) for m in _RELATIVE_CLAUSE.finditer(text, s0, s1)]
    noun_cue = bool(_NOUN_CUES.match(text[a0:a1].strip()))
    scored: list[tuple[int, DateExpr]] = []
    for e in candidates:
        if e.role != "adverbial" or _overlaps((e.start, e.end), anchor):
            continue
        if _WIRE_DATELINE_TAIL.match(text, e.end):
            continue
        if any(_inside((e.start, e.end), c) for c in contents):
            continue
        if any(_inside((e.start, e.end), q) and not _overlaps(anchor, q) for q in quoted):
            continue
        if any(_inside((e.start, e.end), r) and not _overlaps(anchor, r) for r in relative):
            continue
        if e.end <= a0:
            if noun_cue or not _attaches_from_before(text, s0, e, a0, a1):
                continue
            scored.append((a0 - e.end, e))
        else:
            if _CONTENT_START.search(text, a1, e.start) or _VERBISH.search(text, a1, e.start):
                continue
            if text[a1:e.start].strip() and _VERB_NEXT.match(text, e.end):
                continue  # "said the vote on 5 May would ...": the date is in the content's subject
            scored.append((e.start - a1, e))
    scored.sort(key=lambda x: x[0])
    return [e for _, e in scored]


def _attaches_from_before(text: str, s0: int, e: DateExpr, a0: int, a1: int) -> bool:
    gap = text[e.end:a0]
    lead = text[s0:e.start]
    lead_is_clear = not _VERBISH.search(lead) and not any(ch in lead for ch in DOUBLE_MARKS)
    # Between subject and verb: "the ministry on Thursday rejected", "who on Tuesday called";
    # not after another verb ("a report published Wednesday said").
    if "," not in gap and len(gap.split()) <= 1 and not _VERBISH.search(gap) and not text.startswith("to ", a0):
        previous_word = re.search(r"(\S+)\s*$", lead)
        return not (previous_word and _VERBISH.fullmatch(previous_word.group(1)))
    if not lead_is_clear or _is_trailing_attribution(text, s0, a0, a1):
        return False
    # A fronted adverbial before the main clause: "On Tuesday the minister said",
    # "Thus, on April 18, during a briefing, when asked ..., Zakharova urged",
    # "Speaking at a briefing on Wednesday, Kelnik said".
    # (", and Y replied" coordinates a new clause: the date stays with the first one.)
    if (re.match(r"\s*,", gap) and not re.match(r"\s*,\s*(?:and|but|or|while)\b", gap)) or len(lead.split()) <= 1:
        return True
    # A participle cue shares its main verb's time: "the union on Friday rejected
    # the offer, saying ..." (the date sits between subject and main verb).
    if re.fullmatch(r"[a-z]+ing", text[a0:a1]) and re.search(r",\s*$", gap):
        return bool(re.match(rf"\s+(?:{_MAIN_VERB})\b", gap))
    return False


_SUBORDINATOR = re.compile(r"(?i)\b(?:when|whether|if|as|after|before|while|because|although|though|since|until|asked)\b")


def _is_trailing_attribution(text: str, s0: int, a0: int, a1: int) -> bool:
    """"On Monday, police arrested five men, the ministry said." The cue closes the
    sentence after a full clause: that clause is the content, with its dates."""
    pre = text[s0:a0]
    comma = pre.rfind(",")
    if comma < 0 or _VERBISH.search(pre[comma + 1:]) or len(pre[comma + 1:].split()) > 8:
        return False
    tail = re.split(r"[,.;!?]", text[a1:a1 + 200], maxsplit=1)[0]
    if len(tail.split()) > 4 or _VERBISH.search(tail) or _CONTENT_START.search(tail):
        return False
    main = pre[:comma]
    for verb in _VERBISH.finditer(main):
        clause_start = main.rfind(",", 0, verb.start()) + 1
        if not _SUBORDINATOR.search(main, clause_start, verb.start()):
            return True  # a main-clause verb before the attribution
    return False


def _nearest_earlier_mention(
    text: str, pub: dt.date | None, expr: DateExpr, sent: Offsets, context: list[Offsets]
) -> Interval | None:
    """The interval of the dated mention closest before `expr` ("at the time" = then)."""
    regions = [c for c in context if c[0] < sent[0]] + [(sent[0], expr.start)]
    best: tuple[int, Interval] | None = None
    for r0, r1 in regions:
        for cand in find_date_expressions(text, r0, min(r1, expr.start)):
            if cand.anaphoric:
                continue
            try:
                iv = resolve(cand, pub)
            except (NeedsPublication, NeedsReference, ValueError):
                continue
            if best is None or cand.start > best[0]:
                best = (cand.start, iv)
    return best[1] if best else None


def quoted_regions(text: str, start: int, end: int) -> list[Offsets]:
    """Stretches inside quotation marks within text[start:end]. A closing mark with
    no opener means the stretch began before `start` (the sentence is the tail of a
    longer quote). Apostrophes (Velmora’s) are not marks."""
    regions: list[Offsets] = []
    open_at: int | None = None
    closer = ""
    for i in range(start, end):
        ch = text[i]
        prev_word = i > 0 and text[i - 1].isalnum()
        next_word = i + 1 < len(text) and text[i + 1].isalnum()
        if open_at is None:
            if ch in _OPEN:
                open_at, closer = i, _CLOSE[ch]
            elif ch == '"' or (ch in "‘'" and not prev_word):
                open_at, closer = i, ("’" if ch == "‘" else ch)
            elif ch in "”»" or (ch == "’" and not next_word and text[i - 1] != "s"):
                # closing a quote that began before the sentence ("...’, he said");
                # "deputies’ homes" is a plural possessive, not a mark
                regions.append((start, i + 1))
        elif ch == closer and not (closer in "’'" and next_word):
            regions.append((open_at, i + 1))
            open_at = None
    if open_at is not None:
        regions.append((open_at, end))
    return regions


# --- small helpers -------------------------------------------------------------

def _inside(inner: Offsets, outer: Offsets) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _overlaps(a: Offsets, b: Offsets) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    return dt.date.fromisoformat(value[:10])


def _span(text: str, start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end]}


def _result(start: dt.date | None, end: dt.date | None, precision: str, expr: DateExpr | None, rule: str) -> dict[str, Any]:
    return {
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "precision": precision,
        "evidence": {"start": expr.start, "end": expr.end, "text": expr.text} if expr else None,
        "rule": rule,
    }
