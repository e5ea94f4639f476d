"""extract(doc) -> DocResult: the pure per-document analysis step.

Components, each one job (see the modules): quotation marks (quotes_direct),
cues (cues + data/cues.yaml), contents (indirect), sources (sources),
assembly (attribution), entity types (entities), speakers (coref), roles
(roles), addressees (addressee). The spaCy model is loaded once per process.
"""
from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc

from ..records import DocResult, Document, Quote, Span, Speaker
from .speakers.addressee import ASKER_NOUNS, addressee_of, document_asker, venue_of
from .speakers.assign import DOCUMENT_HEADS, assign_speaker
from .speakers.coref import SpeakerResolver
from .speakers.phrases import unnamed_speaker
from .speakers.entities import correct_entities, model_entities
from .speakers.headline_speakers import headline_speakers
from .lexicon import load_role_lexicon
from .attribution.rules import Attribution, find_attributions, outermost
from .config import DEFAULT_CONFIG, ExtractConfig
from .attribution.cues import load_cue_lexicon
from .attribution.types import statement_type, type_lexicon
from .attribution.sources import document_maker, np_char_span
from .attribution.calibration import INPUTS_KEY, ConfidenceInputs, load_model as load_calibration
from .dates.attach import attach_dates
from .attribution.statement_filter import candidate_config
from .attribution.marks import find_quoted_passages, quote_mark_coverage
from .attribution.nonstatements import without_nonstatements
from .attribution.content_repair import repaired_contents
from .regions import body_regions, furniture_spans, headline_span, inside
from .attribution.furniture import keep_furniture_out
from .attribution.headlines import link_headlines
from .spacy_model import MAX_CHARS, doc_text, get_nlp
from .stage_times import stage


def parse(text: str) -> Doc:
    return get_nlp()(text)


def extract(doc: Document, config: ExtractConfig = DEFAULT_CONFIG) -> DocResult:
    return extract_parsed(doc, parse(doc.text), config)


PIPE_BATCH = 16  # documents parsed together by nlp.pipe


def extract_many(docs: Sequence[Document], config: ExtractConfig = DEFAULT_CONFIG) -> list[DocResult | Exception]:
    """``extract`` over several documents, parsed together with ``nlp.pipe`` (batched
    parsing is faster than one ``nlp(text)`` call per article). One result per
    document, in order: its DocResult, or the exception that document raised."""
    # The tagger reads the raw text, not the parse: it runs in a second thread while
    # spaCy parses (ONNX Runtime releases the GIL), so on two cores its time mostly
    # hides behind parsing. Same spans as tagging inside extract_parsed.
    jobs = _TaggerJobs(docs, config) if config.mode in ("tagger", "hybrid") else None
    try:
        try:
            with stage("parse (spaCy)"):
                parsed = list(get_nlp().pipe([d.text for d in docs], batch_size=PIPE_BATCH))
        except Exception:  # a document the parser rejects: parse one by one to isolate it
            parsed = None
        out: list[DocResult | Exception] = []
        for i, doc in enumerate(docs):
            try:
                sdoc = parsed[i] if parsed is not None else parse(doc.text)
                tagged = jobs.spans(i) if jobs is not None else None
                out.append(extract_parsed(doc, sdoc, config, tagged=tagged))
            except Exception as exc:  # one bad document never stops the others
                out.append(exc)
        return out
    finally:
        if jobs is not None:
            jobs.close()


class _TaggerJobs:
    """One tagger job per document of a batch, run in input order by a worker thread.

    When the main thread needs a document's spans it never sits idle: a job nobody has
    started it runs itself, and while the worker is busy with the one it needs, it tags
    the last document not yet started. On short articles the tagger takes longer than
    the parse (BBC: 53 s against 42 s), so both cores tag at the end of each batch.
    Each job tags one document exactly as alone (the same windows and batches), so the
    spans do not depend on which thread ran it.
    """

    def __init__(self, docs: Sequence[Document], config: ExtractConfig) -> None:
        self._docs, self._config = docs, config
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="tagger")
        # (not a document the parser will refuse: it fails before tagging would matter)
        self._futures = [self._pool.submit(_tag_document, doc, config) if len(doc.text) <= MAX_CHARS else None
                         for doc in docs]
        self._here: dict[int, list | Exception] = {}  # jobs the main thread took over

    def spans(self, i: int) -> list | None:
        future = self._futures[i]
        if future is None:
            return None
        while i not in self._here:
            if future.cancel():  # not started: tag it here
                self._run_here(i)
            elif future.done():
                return future.result()
            elif (j := self._last_unstarted(after=i)) is not None:
                self._run_here(j)
            else:
                with stage("wait for tagger"):  # the part of tagging nothing could hide
                    return future.result()
        found = self._here.pop(i)
        if isinstance(found, Exception):
            raise found
        return found

    def _last_unstarted(self, after: int) -> int | None:
        for j in range(len(self._futures) - 1, after, -1):
            future = self._futures[j]
            if future is not None and j not in self._here and future.cancel():
                return j
        return None

    def _run_here(self, i: int) -> None:
        try:
            self._here[i] = _tag_document(self._docs[i], self._config)
        except Exception as exc:  # raised when document i's spans are asked for
            self._here[i] = exc

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


def _tag_document(doc: Document, config: ExtractConfig) -> list:
    config = _candidate_settings(config)
    _require_tagger(config)
    with stage("tagger"):
        return _tag(doc.text, body_regions(doc), config)


def _tag(text: str, regions, config: ExtractConfig) -> list:
    from .attribution.tagger import tag_spans

    return tag_spans(text, regions, model_path=config.tagger_model,
                     only_cue_paragraphs=config.tagger_only_cue_paragraphs, o_penalty=config.tagger_o_penalty)


def _candidate_settings(config: ExtractConfig) -> ExtractConfig:
    """The settings candidates are proposed with: permissive when the filter decides,
    those its model was trained on."""
    if not (config.mode == "hybrid" and config.statement_filter):
        return config
    from .attribution.statement_filter import load_model

    model = load_model(config.filter_model)
    return candidate_config(config, model.candidate_settings if model is not None else None)


def quote_kind(text: str, contents: list[tuple[int, int]], passages) -> str:
    cover = sum(quote_mark_coverage(text, s, e, passages) * (e - s) for s, e in contents) / max(
        1, sum(e - s for s, e in contents))
    if cover >= 0.95:
        return "direct"
    return "mixed" if cover > 0 else "indirect"


@dataclass
class Candidates:
    """Attributions proposed for one document, with what the statement filter reads."""

    attributions: list[Attribution]
    tagged: list  # the tagger's spans (empty in rules mode)
    passages: list


def candidate_attributions(doc: Document, sdoc: Doc, config: ExtractConfig = DEFAULT_CONFIG,
                           tagged: list | None = None) -> Candidates:
    """Rules, then (tagger/hybrid modes) the tagger's spans arbitrated with them.
    ``tagged``: the tagger's spans of this document when already computed."""
    regions = body_regions(doc)
    passages = find_quoted_passages(doc.text, regions)
    atts = find_attributions(sdoc, passages, load_cue_lexicon(), config)
    if config.mode in ("tagger", "hybrid"):
        atts, tagged = _with_tagger(sdoc, atts, passages, regions, config, tagged)
    else:
        tagged = []
    # before the nesting step: in "A says X; B says it was", A's statement is no part of B's
    atts = without_nonstatements(sdoc, atts)
    if config.drop_nested_attributions:
        atts = outermost(atts)
    atts = keep_furniture_out(sdoc, [a for a in atts if inside(regions, a.start, a.end)],
                              furniture_spans(doc), headline_span(doc))
    return Candidates(atts, tagged, passages)


def extract_parsed(doc: Document, sdoc: Doc, config: ExtractConfig = DEFAULT_CONFIG,
                   tagged: list | None = None) -> DocResult:
    text = doc.text
    rlex = load_role_lexicon()
    filtered = config.mode == "hybrid" and config.statement_filter
    with stage("candidates (rules + tagger spans)"):
        found = candidate_attributions(doc, sdoc, _candidate_settings(config), tagged)
    atts, passages = found.attributions, found.passages
    if filtered:
        with stage("statement filter"):
            atts = _filtered(sdoc, found, text, config)
    # content spans of the kept statements repaired (a clause cut mid-sentence, a passive
    # agent in the content, one statement in two); after the filter, which was trained on
    # the candidates as proposed
    atts = repaired_contents(sdoc, atts)
    with stage("speakers"):
        quotes, speakers, mentions, entities = _speakers_and_quotes(doc, sdoc, atts, passages, config, rlex)
    quotes = link_headlines(quotes)
    quotes, speakers, mentions = headline_speakers(quotes, speakers, mentions, rlex)
    # Last step: when each statement was said (nlp/dates/).
    with stage("dates"):
        return attach_dates(DocResult(
            document=doc,
            quotes=quotes,
            entities=[e.to_dict() for e in entities],
            speakers=speakers,
            mentions=mentions,
            sentences=[(s.start_char, s.end_char) for s in sdoc.sents],
        ))


def _speakers_and_quotes(doc: Document, sdoc: Doc, atts: list[Attribution], passages, config: ExtractConfig,
                         rlex) -> tuple[list[Quote], dict[str, Speaker], dict[str, list[Span]], list]:
    """Entity types, speaker resolution and one Quote per kept attribution."""
    text = doc.text
    if config.correct_entity_types:
        entities = correct_entities(sdoc, rlex, {a.source_token for a in atts if a.source_token is not None})
    else:
        entities = model_entities(sdoc)
    resolver = SpeakerResolver(sdoc, entities, rlex)
    speakers: dict[str, Speaker] = {}
    mentions: dict[str, list[Span]] = {}
    quotes: list[Quote] = []
    for n, att in enumerate(atts):
        addressee = _addressee(sdoc, att)
        if addressee is not None and att.source is not None and att.source[0] < addressee[1] \
                and addressee[0] < att.source[1]:
            # "Asked why he left, the coach said ...": the one asked is not who asked
            att = replace(att, source=None, source_token=None, source_how="unspoken")
        if att.source is None and att.cue_token is not None:
            asker = document_asker(sdoc[att.cue_token])
            if asker is not None:  # "when asked whether ...": the journalist of the lede asked it
                att = replace(att, source=asker[0], source_token=asker[1].i, source_how="asker")
        speaker, how = _speaker(doc, sdoc, att, resolver, rlex)
        if att.source_how == "asker" and speaker is not None:
            speaker = _asker_as_described(doc, sdoc, att, speaker, resolver, rlex)
        if speaker is not None:
            speakers.setdefault(speaker.id, speaker)
        quotes.append(_to_quote(doc, sdoc, n, att, passages, speaker, how, config, addressee))
    for cl in resolver.clusters.values():
        sid = f"{doc.id}#{cl.id_slug}"
        if sid in speakers:
            mentions[sid] = [Span.of(text, s, e) for s, e in sorted(set(cl.mentions))]
    for sid, sp in speakers.items():
        if sid not in mentions:
            mentions[sid] = [q.sources[0] for q in quotes if q.speaker and q.speaker.id == sid and q.sources]
    return quotes, speakers, mentions, entities


def _asker_as_described(doc: Document, sdoc: Doc, att: Attribution, speaker: Speaker,
                        resolver: SpeakerResolver, rlex) -> Speaker:
    """The journalist who asked, as the document described them ("the Azerbaijani journalist"),
    unless resolution found a journalist: a role nominal would otherwise take the only person
    named before, who is the one asked."""
    if speaker.role and any(w in ASKER_NOUNS for w in speaker.role.lower().split()):
        return speaker
    head = sdoc[att.source_token]
    name, typ = unnamed_speaker(" ".join(doc.text[att.source[0]:att.source[1]].split()), head.lower_, rlex, head.tag_)
    return resolver.speaker_for(resolver.cluster_as_written(name, typ), doc.id)


def _speaker(doc: Document, sdoc: Doc, att: Attribution, resolver: SpeakerResolver,
             rlex) -> tuple[Speaker | None, str]:
    """The attribution's speaker (speakers/assign.py); a document's maker speaks for it
    ("a recent analysis of the Harbor Institute's lab suggested": the lab; "the survey,
    conducted by the Orvale Institute, found": the institute), and a document that names
    no maker has no speaker ("according to various estimates", "the report said")."""
    speaker, how = assign_speaker(doc, sdoc, att.source, att.source_token, resolver, rlex)
    # as written, or a document head resolution left with no speaker ("the survey, conducted
    # by ..."): the maker the phrase names, if any
    if att.source_token is None or how not in ("as_written", "unresolved"):
        return speaker, how
    head = sdoc[att.source_token]
    maker = document_maker(head, _document_nouns(), rlex.org_nominals)
    if maker is None:
        return None, "unresolved"
    if maker.i != head.i and maker.pos_ != "PRON":
        return assign_speaker(doc, sdoc, np_char_span(maker), maker.i, resolver, rlex)
    return speaker, how


@lru_cache(maxsize=1)
def _document_nouns() -> frozenset[str]:
    """Nouns of documents and measurements: the finding sources and the things with no voice."""
    return type_lexicon().finding_sources | DOCUMENT_HEADS


def _require_tagger(config: ExtractConfig) -> None:
    if not _tagger_ready(config.tagger_model):
        raise RuntimeError(f"mode {config.mode!r} needs the tagger model "
                           f"({config.tagger_model or 'nlp/models/attribution_tagger.onnx'}), which is missing "
                           "or does not load; use mode 'rules'")


def _with_tagger(sdoc: Doc, atts: list[Attribution], passages, regions, config: ExtractConfig,
                 tagged: list | None = None) -> tuple[list[Attribution], list]:
    """Tagger spans combined with the rules (hybrid.py); "tagger" mode keeps no
    rule attribution the tagger did not find."""
    from .attribution.rules import PassageIndex
    from .attribution.hybrid import combine

    _require_tagger(config)
    if tagged is None:
        tagged = _tag(doc_text(sdoc), regions, config)
    if config.mode == "tagger":
        config = replace(config, keep_rules=frozenset())
    return combine(sdoc, atts, tagged, PassageIndex(passages), config), tagged


def _filtered(sdoc: Doc, found: Candidates, text: str, config: ExtractConfig) -> list[Attribution]:
    from .attribution.statement_filter import keep, load_model

    model = load_model(config.filter_model)
    if model is None:
        raise RuntimeError(f"the statement filter ({config.filter_model or 'nlp/models/quote_filter.json'}) "
                           "is missing; set statement_filter=False")
    return keep(sdoc, found.attributions, found.tagged, found.passages, text, model, config.filter_threshold,
                need_source=config.require_source, exempt_rules=config.filter_exempt_rules)


@lru_cache(maxsize=4)
def _tagger_ready(model_path: str | None) -> bool:
    from .attribution.tagger import available

    return available(model_path)


def _to_quote(doc: Document, sdoc: Doc, n: int, att: Attribution, passages, speaker: Speaker | None,
              how: str, config: ExtractConfig, addressee: tuple[int, int] | None = None) -> Quote:
    text = doc.text
    kind = quote_kind(text, att.contents, passages)
    stype = statement_type(sdoc, att, kind, in_headline=_in_headline(doc, att.start))
    inputs = ConfidenceInputs(att.confidence, att.origin, att.rule, kind, how if att.source else "none", stype,
                              sum(len(text[s:e].split()) for s, e in att.contents))
    # The one place Quote.confidence is set: the calibrated probability of being right
    # (nlp/attribution/calibration.py); nothing downstream decides on it.
    confidence = load_calibration(config.confidence_model).probability(inputs) if config.calibrated_confidence \
        else att.confidence
    return Quote(
        id=f"{doc.id}#q{n}",
        kind=kind,
        contents=[Span.of(text, s, e) for s, e in att.contents],
        cue=Span.of(text, *att.cue) if att.cue else None,
        sources=[Span.of(text, *att.source)] if att.source else [],
        speaker=speaker,
        addressee=Span.of(text, *addressee) if addressee else None,
        type=stype,
        confidence=confidence,
        extra={"rule": att.rule, INPUTS_KEY: inputs.to_dict(), **_venue(doc, sdoc, att)},
    )


def _speech_verb(att: Attribution) -> int | None:
    """The cue verb a hearer or an occasion hangs on: none for "according to" and headlines."""
    return None if att.rule in ("according", "headline") else att.cue_token


def _addressee(sdoc: Doc, att: Attribution) -> tuple[int, int] | None:
    """Who the statement was made to (nlp/speakers/addressee.py), when it has a cue."""
    if _speech_verb(att) is None:
        return None
    found = addressee_of(sdoc[att.cue_token])
    if found is None:
        return None
    # "told its counterparts of its decision": the parse hangs the content on the hearer
    return _before_contents(sdoc, att, found)


def _before_contents(sdoc: Doc, att: Attribution, found: tuple[int, int]) -> tuple[int, int] | None:
    """A hearer or venue span cut before the content when the parse hangs the content on its
    noun ("told its counterparts of its decision" -> "its counterparts"), None if nothing is left."""
    start, end = found
    cut = min([end] + [s for s, _ in att.contents if start < s < end])
    if cut < end:
        span = sdoc.char_span(start, cut, alignment_mode="contract")
        words = list(span) if span is not None else []
        while words and (words[-1].pos_ in ("ADP", "SCONJ", "PUNCT", "SPACE") or words[-1].is_space):
            words.pop()
        end = words[-1].idx + len(words[-1]) if words else start
    return (start, end) if end > start else None


def _venue(doc: Document, sdoc: Doc, att: Attribution) -> dict[str, dict]:
    """{"venue": span} where the statement was made ("a news briefing"), when its sentence says;
    cut before the content when the parse hangs the content on the venue noun."""
    if _speech_verb(att) is None:
        return {}
    found = venue_of(sdoc[att.cue_token])
    if found is None:
        return {}
    found = _before_contents(sdoc, att, found)
    return {"venue": Span.of(doc.text, *found).to_dict()} if found else {}


def _in_headline(doc: Document, start: int) -> bool:
    """The content starts in the headline line ingest found (a page's site lines may come
    before it), or on the text's first line when that line is the article's title."""
    headline = headline_span(doc)
    if headline is not None and headline[0] <= start < headline[1]:
        return True
    first_line_end = doc.text.find("\n")
    if first_line_end < 0 or start >= first_line_end:
        return False
    first = doc.text[:first_line_end].strip()
    return bool(doc.title) and first.rstrip(".") == doc.title.strip().rstrip(".")


def warm_up(config: ExtractConfig = DEFAULT_CONFIG) -> None:
    """Load every model the configuration uses (benchmarks time work, not loading)."""
    get_nlp()
    load_cue_lexicon()
    load_role_lexicon()
    if config.calibrated_confidence:
        load_calibration(config.confidence_model)
    if config.mode in ("tagger", "hybrid"):
        from .attribution.tagger import get_session, load_tokenizer

        get_session(config.tagger_model)
        load_tokenizer()
