"""Assemble attributions (cue, source, contents) from cues, the parse and the
quotation marks of one parsed document. No speaker resolution here.

Order of rules:
1. every cue verb with a content found by the dependency rules (indirect.py);
   a content touching a quotation is widened to the whole quotation;
2. "according to X";
3. quotations still unattributed: a cue in the same sentence, a cue ending in
   a colon just before, a dash-signature after ("” ― Name"), or the
   continuation of the previous sentence's quotation (split quotes);
4. headline attribution "X: ...".
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..config import ExtractConfig
from .continuation import inside_other_prose
from .cues import CueLexicon, according_to_cues, cue_char_span, is_cue_verb, lemma
from .contents import according_to_content, verb_content
from .marks import QuotedPassage
from ..spacy_model import doc_text
from .sources import np_char_span, subject_token

TRIM_CHARS = " \t\n,;:—–-"
DASH_SIGNATURE = re.compile(r"[ \t\u00a0]*[―—–-]{1,2}[ \t\u00a0]*([A-Z][\w.’'-]*(?:[ \t\u00a0]+[A-Z][\w.’'-]*){0,4})[ \t\u00a0.]*(?=\n|$)")

# Raw confidence by rule: the share of such predictions that matched a gold quote
# with the right source on PolNeAR train (rounded); the calibration
# (calibration.py) turns it into Quote.confidence.
RULE_CONFIDENCE = {
    "clause": 0.8, "parataxis": 0.6, "control": 0.6, "object": 0.5, "according": 0.85,
    "quote_same_sentence": 0.85, "quote_colon": 0.75, "quote_signature": 0.8,
    "quote_continuation": 0.7, "headline": 0.6,
}


@dataclass(slots=True)
class Attribution:
    contents: list[tuple[int, int]]
    rule: str
    cue: tuple[int, int] | None = None
    cue_token: int | None = None
    source: tuple[int, int] | None = None
    source_token: int | None = None
    passages: list[int] = field(default_factory=list)  # indices of quotations used
    score: float | None = None  # a model's probability, when a model proposed it
    # How hybrid arbitration found it ("rule", "agree", "merged", "tagger") and the
    # tagger's span probability behind it: inputs of the statement filter.
    origin: str = "rule"
    tagger_score: float = 0.0
    # Where the source came from: "rule", "syntax" (the subject of the tagger's cue),
    # "tagger" (the tagger's source span), "nearest" (a tagger source of the sentence).
    source_how: str = "rule"

    @property
    def start(self) -> int:
        return min(s for s, _ in self.contents)

    @property
    def end(self) -> int:
        return max(e for _, e in self.contents)

    @property
    def confidence(self) -> float:
        if self.score is not None:
            return self.score
        return RULE_CONFIDENCE.get(self.rule, 0.5)


class PassageIndex:
    """Fast lookup of which quotation (if any) covers a character."""

    def __init__(self, passages: list[QuotedPassage]):
        self.pieces = sorted((a, b, i) for i, q in enumerate(passages) for a, b in q.pieces)
        self.starts = [a for a, _, _ in self.pieces]

    def at(self, pos: int) -> int | None:
        k = bisect.bisect_right(self.starts, pos) - 1
        if k >= 0 and self.pieces[k][0] <= pos < self.pieces[k][1]:
            return self.pieces[k][2]
        return None

    def quotes_only(self, tok: Token) -> bool:
        """A quotation of this one word and nothing else: the writer quoting the speaker's
        own verb ("and ‘reaffirmed’ their readiness"), which still reports what was said."""
        k = bisect.bisect_right(self.starts, tok.idx) - 1
        return k >= 0 and self.pieces[k][:2] == (tok.idx - 1, tok.idx + len(tok) + 1)

    def overlapping(self, start: int, end: int) -> list[int]:
        out: list[int] = []
        k = max(0, bisect.bisect_right(self.starts, start) - 1)
        while k < len(self.pieces) and self.pieces[k][0] < end:
            a, b, i = self.pieces[k]
            if b > start and i not in out:
                out.append(i)
            k += 1
        return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in TRIM_CHARS:
        s += 1
    while e > s and text[e - 1] in TRIM_CHARS:
        e -= 1
    return s, e


def _clip_to_paragraph(text: str, s: int, e: int, anchor: int) -> tuple[int, int]:
    """A content found by the parse stays in the cue's paragraph (the parser
    sometimes runs a sentence over a paragraph break)."""
    a = text.rfind("\n", s, anchor)
    if a >= 0:
        s = a + 1
    b = text.find("\n", max(anchor, s), e)
    if b >= 0:
        e = b
    return s, e


def _sentence_end_before_cue(sent, e: int, lex: CueLexicon) -> int:
    """The end of the sentence, unless another cue verb comes first: PolNeAR
    contents run on through coordinated clauses ("..., but beyond that, ...")."""
    end = e
    for tok in sent:
        if tok.idx < e:
            continue
        if is_cue_verb(tok, lex) or tok.text in ("“", '"', "‘"):
            return end
        if not tok.is_punct:
            end = tok.idx + len(tok)
    return end


def _widen_to_passages(att: Attribution, passages: list[QuotedPassage], index: PassageIndex, text: str) -> None:
    """A content that touches a quotation takes the whole quotation (all its pieces)."""
    s, e = att.contents[0]
    # A quotation opening right after the content continues it ("called the
    # system “rotten to the core”").
    k = e
    while k < len(text) and text[k] in " \u00a0":
        k += 1
    continues = k < len(text) and text[k] in "“\"‘«„" and k - e <= 1 and text[e - 1] not in ".!?:;"
    hit = index.overlapping(s, k + 1 if continues else e)
    if not hit:
        return
    spans = [(s, e)]
    for i in hit:
        spans.extend(passages[i].pieces)
    att.passages = hit
    att.contents = _merge_spans(spans, text)


def _merge_spans(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Union of spans; pieces separated only by whitespace stay separate when
    the gap is a paragraph break (one content span per paragraph)."""
    spans = sorted(spans)
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return [sp for sp in (_trim(text, s, e) for s, e in out) if sp[1] > sp[0]]


def _cue_from_token(tok: Token, lex: CueLexicon) -> tuple[int, int]:
    return cue_char_span(tok, lex)


def _source_of(verb: Token, index: "PassageIndex | None" = None) -> tuple[tuple[int, int] | None, int | None]:
    subj = subject_token(verb)
    if subj is not None and index is not None and index.at(subj.idx) is not None and index.at(verb.idx) is None:
        # The parser took a word inside the quotation for the subject of a cue
        # outside it (“... with Baku,” the diplomat told TASS): use the noun
        # phrase between the quotation and the verb instead.
        subj = _subject_between_quote_and_verb(verb, index)
    if subj is None:
        return None, None
    if subj.pos_ == "PRON" and subj.lower_ in ("that", "this", "which", "what", "there") \
            and not (verb.dep_ == "relcl" and subj.lower_ in ("which", "that") and verb.head.pos_ == "PROPN"):
        # "that said", "there is": no speaker; a relative pronoun after a name ("the Barker
        # Review, which said") is its antecedent's, found by the speaker step (after a common
        # noun it is often a parse's guess: "a note written on a napkin that said")
        return None, None
    s, e = np_char_span(subj, stop_at=verb)
    doc = verb.doc
    j = subj.right_edge.i + 1
    if j < verb.i and all(t.pos_ == "PROPN" for t in doc[j:verb.i]) and doc[j].idx >= e:
        # "the engineer Tomas Krell said": a name the parse left outside the NP.
        e = doc[verb.i - 1].idx + len(doc[verb.i - 1])
        subj = doc[verb.i - 1]
    if not (s <= subj.idx < e):
        # The span was clipped at a line or sentence break: its own root heads it.
        span = verb.doc.char_span(s, e, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None, None
        return (s, e), span.root.i
    return (s, e), subj.i


def _subject_between_quote_and_verb(verb: Token, index: "PassageIndex") -> Token | None:
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and index.at(doc[i].idx) is None and not (doc[i].is_punct and doc[i].text not in ("’s", "'s", "-", ".")):
        i -= 1
    window = [t for t in doc[i + 1:verb.i] if t.pos_ in ("PROPN", "NOUN", "PRON")]
    if not window:
        return None
    # The NP head is its last noun (compounds and modifiers come first).
    head = window[-1]
    return head


def find_attributions(sdoc: Doc, passages: list[QuotedPassage], lex: CueLexicon,
                      cfg: ExtractConfig) -> list[Attribution]:
    text = doc_text(sdoc)
    index = PassageIndex(passages)
    atts: list[Attribution] = []
    cue_used: set[int] = set()

    # 1. Cue verbs with a content from the parse.
    for tok in sdoc:
        if not is_cue_verb(tok, lex, cfg.use_weak_cues):
            continue
        if cfg.skip_cues_in_quotes and index.at(tok.idx) is not None and not index.quotes_only(tok):
            continue
        if cfg.skip_negated_cues and any(c.dep_ == "neg" for c in tok.children):
            continue  # "did not mention the repatriation": nothing was said
        found = verb_content(tok, lex)
        if found is None:
            continue
        if found.rule in cfg.disabled_rules:
            continue
        source, source_tok = _source_of(tok, index)
        if source is None and cfg.require_source:
            continue
        s, e = _clip_to_paragraph(text, found.start, found.end, tok.idx)
        if cfg.clause_to_sentence_end and found.rule == "clause" and s > tok.idx:
            e = max(e, _sentence_end_before_cue(tok.sent, e, lex))
        s, e = _trim(text, s, e)
        if e - s < 2:
            continue
        att = Attribution([(s, e)], found.rule, _cue_from_token(tok, lex), tok.i, source, source_tok)
        _widen_to_passages(att, passages, index, text)
        atts.append(att)
        cue_used.add(tok.i)

    # 2. "according to X".
    if "according" not in cfg.disabled_rules:
        for according, _to in according_to_cues(sdoc):
            if cfg.skip_cues_in_quotes and index.at(according.idx) is not None:
                continue
            got = according_to_content(according)
            if got is None:
                continue
            found, pobj = got
            s, e = _clip_to_paragraph(text, found.start, found.end, according.idx)
            s, e = _trim(text, s, e)
            if e - s < 2:
                continue
            parts = [(s, e)]
            if found.gap is not None and s < found.gap[0] and found.gap[1] < e:
                parts = [p for p in (_trim(text, s, found.gap[0]), _trim(text, found.gap[1], e)) if p[1] > p[0]]
            att = Attribution(parts, "according", (according.idx, _to.idx + len(_to)), according.i,
                              np_char_span(pobj), pobj.i)
            _widen_to_passages(att, passages, index, text)
            atts.append(att)

    # 3. Quotations not yet inside any content.
    covered = {i for a in atts for i in a.passages}
    by_start = sorted(range(len(passages)), key=lambda i: passages[i].start)
    for qi in by_start:
        if qi in covered:
            continue
        q = passages[qi]
        att = _attach_passage(sdoc, q, qi, passages, index, atts, cue_used, lex, cfg)
        if att is not None:
            covered.add(qi)

    # 4. Headline attribution "Russian MFA: Armenians left", "Glenn Vey Says Taxes Will Rise".
    if "headline" not in cfg.disabled_rules:
        atts.extend(_headline_attributions(sdoc, index, {a.start for a in atts}))
        atts.extend(_headline_says(sdoc, lex, atts))
    atts.sort(key=lambda a: a.start)
    return atts


def outermost(atts: list[Attribution]) -> list[Attribution]:
    """Attributions whose cue is not inside another one's content: "Pashinian
    charged that the violation shows that ..." is Pashinian's statement, not one by
    "the violation"."""
    def nested(a: Attribution) -> bool:
        if a.cue is None:
            return False
        lo, hi = min(a.cue[0], a.start), max(a.cue[1], a.end)
        # cue and contents together inside one content of another attribution
        return any(b is not a and any(s <= lo and hi <= e for s, e in b.contents) for b in atts)
    return [a for a in atts if not nested(a)]


def _words(text: str, s: int, e: int) -> int:
    return len(re.findall(r"\w+", text[s:e]))


def _claim_with_cue(q: QuotedPassage, qi: int, cue_tok, rule: str, source, source_tok,
                    atts: list[Attribution], cue_used: set[int], lex: CueLexicon) -> Attribution:
    """Attribute the whole quotation to ``cue_tok``'s source and mark the cue as used."""
    att = Attribution(_merge_spans(list(q.pieces), doc_text(cue_tok.doc)), rule, _cue_from_token(cue_tok, lex),
                      cue_tok.i, source, source_tok, [qi])
    atts.append(att)
    cue_used.add(cue_tok.i)
    return att


def _attach_passage(sdoc: Doc, q: QuotedPassage, qi: int, passages: list[QuotedPassage], index: PassageIndex,
                    atts: list[Attribution], cue_used: set[int], lex: CueLexicon,
                    cfg: ExtractConfig) -> Attribution | None:
    text = doc_text(sdoc)
    n_words = sum(_words(text, a, b) for a, b in q.pieces)
    # a. A cue verb in the sentences the quotation starts or ends in.
    first = sdoc.char_span(q.start, q.start + 1, alignment_mode="expand")
    last = sdoc.char_span(max(q.start, q.end - 1), q.end, alignment_mode="expand")
    best: Token | None = None
    best_dist = 10**9
    if first is not None and last is not None:
        sents = {first[0].sent.start: first[0].sent, last[-1].sent.start: last[-1].sent}
        # "“Why is he attacking me?” Trump said.": a question or exclamation
        # mark makes the attribution a sentence of its own right after.
        nxt_i = last[-1].sent.end
        if nxt_i < len(sdoc) and sdoc[nxt_i].idx - q.end <= 2 and "\n" not in text[q.end:sdoc[nxt_i].idx]:
            nxt = sdoc[nxt_i].sent
            if len(nxt) <= 14:
                sents[nxt.start] = nxt
        for sent in sents.values():
            for tok in sent:
                if tok.i in cue_used or index.at(tok.idx) is not None:
                    continue
                if not (is_cue_verb(tok, lex) and lemma(tok) in lex.clause):
                    continue
                dist = q.start - tok.idx if tok.idx < q.start else tok.idx - q.end
                if dist < best_dist and dist <= cfg.max_cue_distance:
                    best, best_dist = tok, dist
    if best is not None:
        source, source_tok = _source_of(best, index)
        if source is not None:
            return _claim_with_cue(q, qi, best, "quote_same_sentence", source, source_tok, atts, cue_used, lex)
    # b. A cue ending in a colon just before: "Dr. Ward stated:\n\n“...”".
    k = q.start - 1
    while k >= 0 and text[k] in " \t\n\u00a0":
        k -= 1
    if k >= 0 and text[k] == ":" and text.count("\n", k, q.start) <= 2:
        colon = sdoc.char_span(k, k + 1, alignment_mode="expand")
        if colon is not None:
            for tok in reversed(list(colon[0].sent)):
                if tok.i >= colon[0].i or tok.i in cue_used:
                    continue
                if is_cue_verb(tok, lex) and index.at(tok.idx) is None:
                    source, source_tok = _source_of(tok, index)
                    if source is not None:
                        return _claim_with_cue(q, qi, tok, "quote_colon", source, source_tok, atts, cue_used, lex)
                    break
    # c. Dash signature after the quotation: "...” ― Sonya Herridge".
    m = DASH_SIGNATURE.match(text, q.end)
    if m:
        dash = m.group(0).lstrip(" \t\u00a0")[0]
        dpos = text.index(dash, q.end)
        att = Attribution(_merge_spans(list(q.pieces), text), "quote_signature", (dpos, dpos + 1), None,
                          (m.start(1), m.end(1)), None, [qi])
        atts.append(att)
        return att
    # d. Continuation: the previous attributed quotation ends in this paragraph
    # or the one before, with nothing but its attribution in between.
    prev = _previous_direct(atts, q.start)
    if prev is not None and n_words >= cfg.min_quote_words:
        gap = text[prev.end:q.start]
        if gap.count("\n\n") + gap.count("\n") <= cfg.max_continuation_breaks and len(gap) <= cfg.max_continuation_gap:
            same_paragraph = "\n" not in gap
            if not same_paragraph and gap[gap.rindex("\n") + 1:].strip():
                return None  # the quotation sits inside another paragraph's prose: not a continuation
            if same_paragraph and inside_other_prose(sdoc, prev.source, prev.cue, prev.end, gap):
                return None
            after_attribution = prev.cue is not None and prev.cue[0] >= prev.end - 1
            # "“...,” Sanders said, suggesting a few questions, including, “...”": another
            # reporting verb between the two introduces a statement of its own
            between = sdoc.char_span(prev.end, q.start, alignment_mode="contract") if same_paragraph else None
            other_cue = next((t for t in (between or []) if t.i != prev.cue_token and is_cue_verb(t, lex)
                              and _introduces(t, q.start, text)), None)
            if other_cue is not None and prev.source is not None:
                att = Attribution(_merge_spans(list(q.pieces), text), "quote_continuation",
                                  _cue_from_token(other_cue, lex), other_cue.i, prev.source, prev.source_token, [qi])
                atts.append(att)
                cue_used.add(other_cue.i)
                return att
            if prev.cue is not None and (same_paragraph or (cfg.merge_next_paragraph and after_attribution
                                                             and gap.count("\n") <= 2)):
                # Same paragraph, split around the attribution: one quote.
                prev.contents = _merge_spans(prev.contents + list(q.pieces), text)
                prev.passages.append(qi)
                return prev
            if cfg.continuation_paragraphs:
                att = Attribution(_merge_spans(list(q.pieces), text), "quote_continuation", prev.cue, prev.cue_token,
                                  prev.source, prev.source_token, [qi])
                atts.append(att)
                return att
    return None


SENTENCE_END = re.compile(r"[.!?][\"”’']?\s")


def _introduces(verb: Token, quote_start: int, text: str) -> bool:
    """Whether a reporting verb between two quotations introduces the second: said
    in the quotation's own sentence, not negated ("He didn't suggest retaliation.
    “...”" continues the first quotation)."""
    if any(c.dep_ == "neg" for c in verb.children):
        return False
    return SENTENCE_END.search(text, verb.idx, quote_start) is None


def _previous_direct(atts: list[Attribution], pos: int) -> Attribution | None:
    best = None
    for a in atts:
        if a.passages and a.end <= pos and (best is None or a.end > best.end):
            best = a
    # The nearest preceding attribution of any kind must be that quotation:
    # otherwise another statement intervenes.
    if best is None:
        return None
    for a in atts:
        if best.end < a.start < pos:
            return None
    return best


TITLE_CUE = re.compile(r"(?m)^[ \t]*((?:[A-Z][\w.’'-]*[ \t]+){1,6}?)(Says|Said|Tells|Told|Warns|Claims|Urges|Insists|"
                       r"Admits|Denies|Vows|Calls for|Slams|Blasts|Accuses|Suggests|Predicts|Thinks|Believes)"
                       r"[ \t]+([^\n]{8,})$")


def _headline_says(sdoc: Doc, lex: CueLexicon, atts: list[Attribution]) -> list[Attribution]:
    """Title-case headline lines "Glenn Vey Says Taxes Will Rise": the parser
    reads them badly, a pattern does better."""
    text = doc_text(sdoc)
    out = []
    for m in TITLE_CUE.finditer(text):
        src_s, src_e = m.span(1)
        cs, ce = _trim(text, *m.span(3))
        src_e = src_s + len(text[src_s:src_e].rstrip())
        if ce - cs < 3:
            continue
        # Replace whatever the parse made of the same line.
        atts[:] = [a for a in atts if not (src_s <= a.start < ce)]
        span = sdoc.char_span(src_s, src_e, alignment_mode="expand")
        out.append(Attribution([(cs, ce)], "headline", m.span(2), None, (src_s, src_e),
                               span.root.i if span is not None else None))
    return out


def _headline_attributions(sdoc: Doc, index: PassageIndex, taken: set[int]) -> list[Attribution]:
    """Paragraph-initial "Name: statement" (headline style)."""
    text = doc_text(sdoc)
    out = []
    for m in re.finditer(r"(?m)^[ \t]*([A-Z][^\n:]{1,60}?):[ \t]+([^\n]{12,})$", text):
        head_s, head_e = m.span(1)
        span = sdoc.char_span(head_s, head_e, alignment_mode="expand")
        if span is None or len(span) > 6:
            continue
        if any(t.pos_ in ("VERB", "AUX") for t in span) or not any(t.pos_ == "PROPN" for t in span):
            continue
        cs, ce = _trim(text, *m.span(2))
        if cs in taken:
            continue
        out.append(Attribution([(cs, ce)], "headline", (head_e, head_e + 1), None, (head_s, head_e), span.root.i))
    return out
