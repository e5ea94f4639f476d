"""Content spans repaired as classes (issue 17, "tagger fragments"): what the rules and the
tagger propose sometimes covers part of the words said, or more:

* a clause cut mid-sentence: "The agency said a valve could crack and fragments | could
  injure people"; "He said had the council not delayed, the tram | would run by now"; "never
  to open e-mails from people | they do not know": the words after the cut belong to the
  content's own clause, so the content runs on to the clause's end;
* a part that starts or ends inside a word ("should be re|-examined"), or without its verb's
  subject ("confirmed climate change | was discussed");
* a passive agent inside the content: "this argument was dismissed [as "ridiculous" by Judge
  Ana Ruiz]": the "by" phrase names the speaker, it is no part of what was said;
* one statement in two: "[Whether he had something to offer], he said, [was for voters to
  judge]" and "[Reports that ...] have been described [as "idle speculation"] by ...": two
  contents of one cue, either side of it in one sentence, are the parts of one statement;
* an addressee or a second speaker's statement inside the content (content_bounds.py).

Pure functions of the parse and the attributions.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ...quotation_marks import DOUBLE_MARKS, QUOTE_MARKS
from ..spacy_model import FINITE_VERB_TAGS, doc_text
from .content_bounds import bounded_contents
from .cues import lemma
from .rules import Attribution
from .sources import np_char_span


def repaired_contents(sdoc: Doc, atts: list[Attribution]) -> list[Attribution]:
    cues = [a.cue for a in atts if a.cue is not None]
    out = [_without_passive_agent(sdoc, _clause_completed(sdoc, _with_subject(sdoc, _whole_words(sdoc, a)), cues))
           for a in atts]
    return _one_statement_per_cue(sdoc, bounded_contents(sdoc, out))


def _whole_words(sdoc: Doc, att: Attribution) -> Attribution:
    """A content part that starts or ends inside a word ("should be re|-examined", a
    tagger's span boundary) grown to the whole word."""
    if att.rule == "headline":
        return att
    text = doc_text(sdoc)
    parts = []
    for s, e in att.contents:
        while 0 < e < len(text) and text[e - 1].isalnum() and (
                text[e].isalnum() or (text[e] == "-" and e + 1 < len(text) and text[e + 1].isalpha())):
            e += 1
            while e < len(text) and text[e].isalnum():
                e += 1
        while 0 < s < e and text[s].isalnum() and (
                text[s - 1].isalnum() or (text[s - 1] == "-" and s > 1 and text[s - 2].isalpha())):
            s -= 1
            while s > 0 and text[s - 1].isalnum():
                s -= 1
        parts.append((s, e))
    return att if parts == att.contents else replace(att, contents=parts)


def _with_subject(sdoc: Doc, att: Attribution) -> Attribution:
    """"Officials have confirmed climate change [was discussed when ...]": a content whose
    verb's subject stands between the cue and the content starts at the subject."""
    if att.rule == "headline" or att.cue_token is None or att.passages:
        return att
    s, e = att.contents[0]
    span = _span(sdoc, s, e)
    cue = sdoc[att.cue_token]
    if span is None or cue.i >= span.start or span.root.pos_ not in ("VERB", "AUX"):
        return att
    root = span.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < span.start), None)
    if subject is None and root.head.i == cue.i and root.dep_ == "ccomp" and _finite(root) \
            and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "mark") for c in root.children):
        # "confirmed climate change was discussed", parsed as the cue's object and a clause
        # with no subject: the object is the clause's subject
        subject = next((c for c in cue.children if c.dep_ == "dobj" and c.right_edge.i == span.start - 1), None)
    if subject is None or subject.left_edge.i <= cue.i or subject.right_edge.i >= span.start:
        return att
    # only the subject's words between it and the content: "climate change | was discussed"
    if any(not (subject.left_edge.i <= t.i <= subject.right_edge.i) for t in sdoc[subject.left_edge.i:span.start]
           if not t.is_space):
        return att
    return replace(att, contents=[(subject.left_edge.idx, e), *att.contents[1:]])


def _span(sdoc: Doc, s: int, e: int) -> Span | None:
    span = sdoc.char_span(s, e, alignment_mode="expand")
    return span if span is not None and len(span) else None


# The preposition that completes what these cues say of their object (labels/bbc/README.md:
# 'for "accused X of Y", "X of Y"'): "blamed the slump on the weather", "accused him of lying",
# "credited the coach with the revival", "criticised the board for the delay".
OBJECT_PREPOSITIONS = {"blame": ("on", "for"), "accuse": ("of",), "credit": ("with",), "charge": ("with",),
                       "criticise": ("for",), "criticize": ("for",), "praise": ("for",), "fault": ("for",),
                       "condemn": ("for",), "attack": ("for",)}


def _finite(verb: Token) -> bool:
    return verb.tag_ in FINITE_VERB_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_VERB_TAGS for c in verb.children)


def _clause_completed(sdoc: Doc, att: Attribution, cues: list[tuple[int, int]]) -> Attribution:
    """The last content part run on to the end of its clause when it stops before a word
    that belongs to it (no punctuation between): the word's head is inside the content
    ("people | they do not know"), or the word's head is a verb after the content that
    content words depend on ("fragments | could injure": "fragments" is its subject)."""
    if att.rule == "headline" or att.passages or att.cue is None:
        return att
    text = doc_text(sdoc)
    s, e = att.contents[-1]
    span = _span(sdoc, s, e)
    if span is None or att.cue[0] >= e or text[s] in QUOTE_MARKS or span.end >= len(sdoc):
        return att
    nxt = sdoc[span.end]
    if nxt.sent != span[-1].sent or nxt.is_punct or nxt.is_space or nxt.dep_ == "cc" or text[e:nxt.idx].strip() \
            or nxt.text in QUOTE_MARKS:
        return att
    top = _attachment(span, nxt, sdoc[att.cue_token] if att.cue_token is not None else None)
    if top is None:
        return att
    last = sdoc[max(top.right_edge.i, span[-1].i)]
    sent_end = span[-1].sent.end - 1
    last = sdoc[min(last.i, sent_end)]
    while last.i > nxt.i and (last.is_punct or last.is_space or last.text in QUOTE_MARKS):
        last = sdoc[last.i - 1]
    new_end = last.idx + len(last)
    marks = sum(ch in DOUBLE_MARKS for ch in text[e:new_end])
    if marks % 2 and text[new_end:new_end + 1] in DOUBLE_MARKS:
        new_end, marks = new_end + 1, marks + 1  # would "cut deep into public services": the mark closing it
    if new_end <= e or any(e <= c0 < new_end for c0, _ in cues) or marks % 2:
        return att  # another statement's cue or an unclosed quotation in the run-on: leave it to them
    return replace(att, contents=[*att.contents[:-1], (s, new_end)])


def _attachment(span: Span, nxt: Token, cue: Token | None) -> Token | None:
    """The token whose subtree completes ``span`` with ``nxt``, or None when ``nxt``
    belongs elsewhere (to the cue, or to a clause of its own)."""
    inside = set(range(span.start, span.end))
    path = [nxt, *nxt.ancestors]
    top = nxt  # the highest word above ``nxt`` below the cue: its phrase or clause
    for below, t in zip(path, path[1:]):
        if cue is not None and t.i == cue.i:
            break
        if t.i in inside:
            return below  # "people | they do not know": a relative clause of a content noun
        top = t
    if cue is not None and nxt.head.i == cue.i and nxt.dep_ == "prep" and span.root.dep_ == "dobj" \
            and span.root.head.i == cue.i and nxt.lower_ in OBJECT_PREPOSITIONS.get(lemma(cue), ()):
        return nxt  # "blamed [the fall in profits] | on launch costs": what it was blamed on is said too
    if top.i < span.end or cue is None or top.head.i != cue.i:
        return _own_verb(span, nxt.head, cue)
    if top.dep_ in ("ccomp", "conj") and span.root.head.i == cue.i:
        # "said a valve could crack and fragments | could injure people", "said his family will
        # not make any more episodes of | reality TV show X" (the show read as a verb): a second
        # clause of the cue, coordinated with the content's (one cue, one statement)
        return top
    if top.dep_ in ("ccomp", "advcl") and span.root.dep_ == "dobj" and span.root.head.i == cue.i \
            and _finite(top) and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl", "mark")
                                         for c in top.children):
        # "denied global warming | is taking place": the object is the subject of the clause
        return top
    return _own_verb(span, nxt.head, cue)


def _own_verb(span: Span, head: Token, cue: Token | None) -> Token | None:
    """"hunting with dogs | would have passed into history": content words depend on the verb
    after the cut, which is the content's own verb."""
    if head.i in set(range(span.start, span.end)) or head.i < span.end or (cue is not None and head.i == cue.i):
        return None
    if any(t.head.i == head.i and t.dep_ in ("nsubj", "nsubjpass", "advcl", "csubj") for t in span):
        return head
    return None


def _without_passive_agent(sdoc: Doc, att: Attribution) -> Attribution:
    """"was dismissed [as "ridiculous" by Judge Ana Ruiz]": a "by" phrase ending the content
    of a passive cue is the cue's agent, however the parser attached it; it is cut off, and
    made the source when there is none."""
    if att.cue_token is None:
        return att
    cue = sdoc[att.cue_token]
    if not any(c.dep_ == "auxpass" for c in cue.children):
        return att
    s, e = att.contents[-1]
    span = _span(sdoc, s, e)
    if span is None or span.start <= cue.i:
        return att
    last_word = max((t for t in span if not t.is_punct), key=lambda t: t.i, default=None)
    agent = next((t for t in reversed(span) if t.lower_ == "by" and t.i > span.start
                  and t.right_edge.i >= (last_word.i if last_word is not None else t.i)), None)
    speaker = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if speaker is None or speaker.pos_ not in ("PROPN", "NOUN", "PRON"):
        return att
    cut = doc_text(sdoc)[s:agent.idx].rstrip()
    if not any(ch.isalnum() for ch in cut):
        return att
    att = replace(att, contents=[*att.contents[:-1], (s, s + len(cut))])
    if att.source is None or _the_passive_subject(sdoc, att, cue):
        # "Velmora has been accused of ... by the watchdog": the accused is no speaker; "by the
        # media watchdog, Reporters Without Borders": the name in apposition is who spoke
        name = next((c for c in speaker.children if c.dep_ == "appos"
                     and any(t.ent_type_ in ("ORG", "PERSON") for t in c.subtree)), None)
        speaker = name or speaker
        att = replace(att, source=np_char_span(speaker), source_token=speaker.i, source_how="syntax")
    return att


def _the_passive_subject(sdoc: Doc, att: Attribution, cue: Token) -> bool:
    """The attribution's source is the passive cue's subject: the one spoken to or about."""
    if att.source is None:
        return False
    source = _span(sdoc, *att.source)
    return source is not None and any(c.dep_ == "nsubjpass" and source.start <= c.i < source.end
                                      for c in cue.children)


def _one_statement_per_cue(sdoc: Doc, atts: list[Attribution]) -> list[Attribution]:
    """One cue, one statement: attributions of one cue word whose contents stand either side
    of it, in its sentence, made one statement in two parts (kept once per source); of those
    whose contents lie one inside another's ("confirmed [climate change was discussed ...]"
    and "confirmed climate change [was discussed ...]"), the whole one."""
    by_cue: dict[int, list[int]] = {}
    for i, a in enumerate(atts):
        head = _span(sdoc, *a.cue) if a.cue is not None and a.rule != "headline" else None
        if head is not None:  # the cue's head word: "have confirmed" and "confirmed" are one cue
            by_cue.setdefault(head.root.i, []).append(i)
    merged: dict[int, Attribution] = {}
    dropped: set[int] = set()
    for idx in by_cue.values():
        if len(idx) < 2:
            continue
        dropped |= _inside_another(atts, idx) | _repeated(atts, idx)
        idx = [i for i in idx if i not in dropped]
        cue = atts[idx[0]].cue
        sent = _span(sdoc, *cue)
        if len(idx) < 2 or sent is None or len({atts[i].cue for i in idx}) != 1:
            continue
        lo, hi = sent.sent.start_char, sent.sent.end_char
        before = {tuple(atts[i].contents) for i in idx if atts[i].end <= cue[0] and atts[i].start >= lo}
        after = {tuple(atts[i].contents) for i in idx if atts[i].start >= cue[1] and atts[i].end <= hi}
        if len(before) != 1 or len(after) != 1 or len(before | after) != len({tuple(atts[i].contents) for i in idx}):
            continue
        parts = [*next(iter(before)), *next(iter(after))]
        seen: set = set()
        for i in idx:
            key = (atts[i].source, atts[i].source_token)
            if key in seen:
                dropped.add(i)
                continue
            seen.add(key)
            merged[i] = replace(atts[i], contents=parts, origin="merged")
    return [merged.get(i, a) for i, a in enumerate(atts) if i not in dropped]


def _repeated(atts: list[Attribution], idx: list[int]) -> set[int]:
    """Later attributions of one cue with the same contents and source as an earlier one."""
    seen: set = set()
    out = set()
    for i in idx:
        key = (tuple(atts[i].contents), atts[i].source)
        if key in seen:
            out.add(i)
        seen.add(key)
    return out


def _inside_another(atts: list[Attribution], idx: list[int]) -> set[int]:
    """The attributions of one cue whose content characters lie strictly inside another's."""
    chars = {i: {c for s, e in atts[i].contents for c in range(s, e)} for i in idx}
    return {i for i in idx if any(j != i and chars[i] < chars[j] for j in idx)}
