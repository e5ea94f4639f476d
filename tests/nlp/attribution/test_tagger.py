"""The learned attribution tagger: shipped model, offsets, regions, windows, BIO repair, pairing.

All sentences here are written for these tests.
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys

import numpy as np
import pytest

from quotegraph.nlp.attribution import tagger
from quotegraph.nlp.attribution.tagger import LABELS, TaggedSpan, plan_windows, repair_bio, viterbi_bio
from quotegraph.nlp.attribution.pairing import naive_pairing, quote_kind, sentence_starts
from tests.paths import SHARED

needs_model = pytest.mark.skipif(not tagger.MODEL_FILE.is_file(), reason="tagger model file not shipped")
# The shipped weights saw 0.56 of an epoch (a shared, overloaded machine: see the model
# metadata); they still merge neighbouring contents and drift with context. These two
# tests state what a properly trained tagger must do; they pass again after a full
# `quotegraph train-tagger` run on an idle machine.


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")


def covered(spans, label, text, phrase, share=0.8):
    """True when spans of `label` cover at least `share` of the characters of `phrase`."""
    a = text.index(phrase)
    return covered_at(spans, label, a, a + len(phrase), share)


def covered_at(spans, label, a, b, share=0.8):
    got = sum(max(0, min(b, s.end) - max(a, s.start)) for s in spans if s.label == label)
    return got >= share * (b - a)


def assert_valid(text, spans):
    for s in spans:
        assert s.label in ("CONTENT", "CUE", "SOURCE")
        assert 0 <= s.start < s.end <= len(text)
        piece = text[s.start:s.end]
        assert piece == piece.strip(), f"untrimmed span {piece!r}"
        # never cut inside a word
        assert s.start == 0 or not (text[s.start - 1].isalnum() and text[s.start].isalnum())
        assert s.end == len(text) or not (text[s.end - 1].isalnum() and text[s.end].isalnum())
        assert 0.0 <= s.score <= 1.0
    same = sorted((s for s in spans), key=lambda s: s.start)
    for x, y in zip(same, same[1:]):
        assert x.end <= y.start, f"overlapping spans {x} {y}"


# ----------------------------------------------------------------- shipped model

@needs_model
def test_shipped_model_loads_offline_with_metadata():
    assert tagger.available()
    meta = tagger.model_metadata()
    assert meta["labels"] == list(LABELS)
    assert meta["max_len"] == tagger.MAX_LEN
    assert "train-tagger" in meta["retrain_command"]
    assert tagger.MODEL_FILE.stat().st_size <= 30 * 1024 * 1024
    sess = tagger.get_session()
    assert [i.name for i in sess.get_inputs()] == ["input_ids", "attention_mask"]
    assert sess is tagger.get_session()  # one session per process


def test_available_is_false_for_a_missing_or_broken_file(tmp_path):
    assert not tagger.available(tmp_path / "nope.onnx")
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"this is not an onnx graph")
    assert not tagger.available(broken)


@needs_model
def test_tags_indirect_and_direct_quotes_with_cue_and_source():
    text = ("The harbour master said that the new ferry terminal would open in early spring. "
            "\u201cWe will not raise the fares this year,\u201d the transport minister told reporters on Tuesday.")
    spans = tagger.tag_spans(text)
    assert_valid(text, spans)
    assert covered(spans, "CONTENT", text, "the new ferry terminal would open in early spring")
    assert covered(spans, "CONTENT", text, "We will not raise the fares this year")
    assert covered(spans, "CUE", text, "said", 1.0)
    assert covered(spans, "CUE", text, "told", 1.0)
    assert covered(spans, "SOURCE", text, "harbour master", 1.0)
    assert covered(spans, "SOURCE", text, "transport minister", 1.0)
    quotes = naive_pairing(text, spans)
    by_cue = {q["cue"]["text"]: q for q in quotes if q["cue"]}
    assert "harbour master" in by_cue["said"]["sources"][0]["text"]
    assert "transport minister" in by_cue["told"]["sources"][0]["text"]
    assert by_cue["told"]["kind"] == "direct"


@needs_model
def test_regions_limit_tagging_and_offsets_stay_in_the_full_text():
    first = "Sidebar: the club president said that membership fees will double next year."
    second = "The river authority warned on Monday that the old dam could fail during the floods."
    text = first + "\n\n" + second
    region = (len(first) + 2, len(text))
    spans = tagger.tag_spans(text, [region])
    assert spans, "the second paragraph holds a quote"
    assert all(region[0] <= s.start and s.end <= region[1] for s in spans)
    assert covered(spans, "CONTENT", text, "the old dam could fail during the floods")
    assert covered(spans, "CUE", text, "warned", 1.0)
    # the same paragraph tagged alone gives the same spans, shifted
    alone = tagger.tag_spans(second)
    assert [(s.label, s.start + region[0], s.end + region[0]) for s in alone] == \
           [(s.label, s.start, s.end) for s in spans]
    assert tagger.tag_spans(text, []) == []


SPEAKERS = ["the farmer", "the nurse", "a local teacher", "the bus driver", "the baker", "a senior engineer",
            "the librarian", "the fisherman", "the city planner", "a young architect", "the postman", "the pilot"]
CLAIMS = ["the harvest would be late because of the cold spring", "the night shifts had become much too long",
          "the school needed more books and a larger gym", "the morning route was always crowded",
          "bread prices would rise again in the autumn", "the bridge repairs would take another two years",
          "the reading room would stay open on Sundays", "the catch had been poor since the storms began",
          "the new park would be built near the station", "old warehouses could become affordable homes",
          "letters now arrive a day later than before", "the runway was too short for larger planes"]


@needs_model
def test_long_paragraph_is_stitched_across_windows_consistently():
    sentences = [f"On day {i}, {SPEAKERS[i % 12]} said that {CLAIMS[(i * 5) % 12]}." for i in range(36)]
    text = " ".join(sentences)  # one paragraph, far longer than one window
    ids, offsets = tagger.tokenize(text)
    assert len(ids) > 2 * tagger.MAX_LEN  # at least three overlapping windows
    spans = tagger.tag_spans(text)
    assert_valid(text, spans)
    agree = claims = 0
    pos = 0
    for sentence in sentences:
        start = text.index(sentence, pos)
        pos = start + len(sentence)
        inside = [(s.label, s.start - start, s.end - start) for s in spans if start <= s.start and s.end <= pos]
        alone = [(s.label, s.start, s.end) for s in tagger.tag_spans(sentence)]
        agree += inside == alone
        claim_at = start + sentence.index(" said that ") + len(" said that ")
        claims += covered_at(spans, "CONTENT", claim_at, pos - 1)
    # context differs between a window and a lone sentence, so demand near, not total, agreement
    assert agree >= 0.8 * len(sentences)
    assert claims >= 0.9 * len(sentences)
    assert sum(1 for s in spans if s.label == "CUE" and text[s.start:s.end] == "said") >= 0.9 * len(sentences)


# ----------------------------------------------------------------- pure functions

def test_repair_bio_turns_orphan_inside_labels_into_beginnings():
    assert repair_bio(["O", "I-CUE", "I-CUE", "B-SOURCE", "I-CONTENT", "I-CONTENT", "O"]) == \
           ["O", "B-CUE", "I-CUE", "B-SOURCE", "B-CONTENT", "I-CONTENT", "O"]
    assert repair_bio(["I-SOURCE"]) == ["B-SOURCE"]
    assert repair_bio(["B-CUE", "I-CUE", "I-SOURCE", "I-SOURCE"]) == ["B-CUE", "I-CUE", "B-SOURCE", "I-SOURCE"]
    already = ["B-CONTENT", "I-CONTENT", "O", "B-CUE"]
    assert repair_bio(already) == already


def test_viterbi_never_starts_with_inside_and_never_switches_type_mid_span():
    def lp(*rows):
        p = np.full((len(rows), len(LABELS)), 0.01)
        for t, (lab, prob) in enumerate(rows):
            p[t, LABELS.index(lab)] = prob
        return np.log(p / p.sum(1, keepdims=True))

    # argmax would be I-CONTENT first, then I-CUE right after I-CONTENT: both invalid
    path = [LABELS[i] for i in viterbi_bio(lp(("I-CONTENT", 0.9), ("I-CONTENT", 0.9), ("I-CUE", 0.6)))]
    assert path[0] != "I-CONTENT" and not path[0].startswith("I-")
    for prev, cur in zip(path, path[1:]):
        assert not cur.startswith("I-") or prev[2:] == cur[2:]
    # a valid, confident sequence is left alone
    seq = [("B-SOURCE", 0.9), ("B-CUE", 0.9), ("B-CONTENT", 0.9), ("I-CONTENT", 0.9), ("O", 0.9)]
    assert [LABELS[i] for i in viterbi_bio(lp(*seq))] == [lab for lab, _ in seq]


def test_spans_grow_to_whole_words_and_drop_a_dangling_comma():
    text = "Varga reminded the reporter about the families who left, in response to a question."
    words = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    offsets = np.array(words)
    lab = {lab: i for i, lab in enumerate(LABELS)}
    ids = [lab["O"]] * len(words)
    ids[0] = lab["B-SOURCE"]
    ids[1] = lab["B-CUE"]
    # CONTENT from "families" (a wordpiece start inside it) over the comma
    first = next(k for k, w in enumerate(words) if text[w[0]:w[1]] == "families")
    comma = next(k for k, w in enumerate(words) if text[w[0]:w[1]] == ",")
    offsets[first] = (offsets[first][0] + 3, offsets[first][1])
    ids[first] = lab["B-CONTENT"]
    for k in range(first + 1, comma + 1):
        ids[k] = lab["I-CONTENT"]
    spans = tagger.spans_from_labels(text, offsets, np.array(ids), np.full(len(words), 0.9))
    got = {s.label: text[s.start:s.end] for s in spans}
    assert got == {"SOURCE": "Varga", "CUE": "reminded", "CONTENT": "families who left"}


@pytest.mark.parametrize("cut", ["$7.", "12,"])
def test_a_span_cut_inside_a_number_grows_to_the_whole_number(cut):
    """The tagger's wordpieces end at a decimal point or thousands separator ("$7." of
    "$7.25bn"); a content ends at a word's end, not inside a figure."""
    text = "Harbourline posted a profit of $7.25bn and 12,400 new bookings, it said."
    start = text.index("a profit")
    end = text.index(cut) + len(cut)
    words = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    lab = {lab: i for i, lab in enumerate(LABELS)}
    ids = [lab["O"]] * len(words)
    inside = [k for k, (a, b) in enumerate(words) if a >= start and b <= end]
    ids[inside[0]] = lab["B-CONTENT"]
    for k in inside[1:]:
        ids[k] = lab["I-CONTENT"]
    offsets = np.array([(a, min(b, end)) for a, b in words])
    spans = tagger.spans_from_labels(text, offsets, np.array(ids), np.full(len(words), 0.9))
    content = [text[s.start:s.end] for s in spans if s.label == "CONTENT"]
    assert content and content[0].split()[-1] in ("$7.25bn", "12,400"), content
    assert "$7.25bn" in content[0]


def test_a_span_ending_at_a_decimal_point_keeps_the_whole_number():
    # the model may stop a span at the wordpiece "." of "$4.12bn"; a number is one word
    text = "Orvale posted a profit of $4.12bn, up 18%, and 1,250 staff were hired."
    words = [(m.start(), m.end()) for m in re.finditer(r"\w+|[^\w\s]", text)]
    lab = {lab: i for i, lab in enumerate(LABELS)}
    ids = [lab["O"]] * len(words)
    start = next(k for k, w in enumerate(words) if text[w[0]:w[1]] == "a")
    point = next(k for k, w in enumerate(words) if text[w[0]:w[1]] == "." and text[w[1]].isdigit())
    ids[start] = lab["B-CONTENT"]
    for k in range(start + 1, point + 1):
        ids[k] = lab["I-CONTENT"]
    # and a span starting after a thousands separator ("250 staff") grows back to "1,250"
    sep = next(k for k, w in enumerate(words) if text[w[0]:w[1]] == "250")
    ids[sep] = lab["B-SOURCE"]
    ids[sep + 1] = lab["I-SOURCE"]
    spans = tagger.spans_from_labels(text, np.array(words), np.array(ids), np.full(len(words), 0.9))
    got = {s.label: text[s.start:s.end] for s in spans}
    assert got == {"CONTENT": "a profit of $4.12bn", "SOURCE": "1,250 staff"}


def test_plan_windows_packs_paragraphs_and_owns_every_token_once():
    lengths = [40, 100, 90, 600, 10, 254, 255, 3]
    segments = np.concatenate([np.full(n, k) for k, n in enumerate(lengths)])
    segments = np.concatenate([[-1, -1], segments, [-1]])  # tokens outside every region
    windows = plan_windows(segments)
    owned = np.zeros(len(segments), dtype=int)
    for w in windows:
        assert len(w.tokens) <= tagger.MAX_LEN - 2
        assert np.all(np.diff(w.tokens) == 1) or len(set(segments[w.tokens])) > 1
        owned[w.tokens[w.owned]] += 1
    assert np.all(owned[segments >= 0] == 1)
    assert np.all(owned[segments < 0] == 0)
    # a paragraph that fits is never cut: each short segment lies in exactly one window
    for k, n in enumerate(lengths):
        holders = [w for w in windows if np.any(segments[w.tokens] == k)]
        if n <= tagger.MAX_LEN - 2:
            assert len(holders) == 1
        else:
            assert len(holders) >= 2
    # inside a split paragraph every kept prediction had context on both sides:
    # at least a quarter of the stride, unless the paragraph itself ends there
    for w in windows:
        if not w.owned.all():
            kept = np.nonzero(w.owned)[0]
            seg = segments[w.tokens[0]]
            para = np.nonzero(segments == seg)[0]
            if w.tokens[0] != para[0]:
                assert kept[0] >= tagger.LONG_PARA_STRIDE // 4
            if w.tokens[-1] != para[-1]:
                assert len(w.tokens) - 1 - kept[-1] >= tagger.LONG_PARA_STRIDE // 4
    # the first three paragraphs (40+100+90) share a window; 600 tokens need overlap
    assert set(segments[windows[0].tokens]) == {0, 1, 2}


def test_token_segments_break_at_lines_and_regions():
    text = "alpha beta\ngamma delta\n\nepsilon zeta"
    ids, offsets = tagger.tokenize(text)
    words = [text[a:b] for a, b in offsets]
    seg = dict(zip(words, tagger.token_segments(text, offsets, None)))
    assert seg["alpha"] == seg["beta"] != seg["gamma"] == seg["delta"] != seg["epsilon"]
    inner = (text.index("beta"), text.index("delta") + len("delta"))
    seg2 = dict(zip(words, tagger.token_segments(text, offsets, [inner])))
    assert seg2["alpha"] == -1 and seg2["epsilon"] == -1 and seg2["beta"] >= 0


def _spans(text, *items):
    out = []
    for label, phrase, nth in items:
        start = -1
        for _ in range(nth + 1):
            start = text.index(phrase, start + 1)
        out.append(TaggedSpan(label, start, start + len(phrase), 0.9))
    return out


def test_naive_pairing_joins_a_quote_split_around_its_attribution():
    text = "\u201cThe plan is ready,\u201d she said. \u201cWe start in May.\u201d The council voted later."
    spans = _spans(text, ("CONTENT", "\u201cThe plan is ready,\u201d", 0), ("SOURCE", "she", 0),
                   ("CUE", "said", 0), ("CONTENT", "\u201cWe start in May.\u201d", 0))
    quotes = naive_pairing(text, spans)
    assert len(quotes) == 1
    q = quotes[0]
    assert [c["text"] for c in q["contents"]] == ["\u201cThe plan is ready,\u201d", "\u201cWe start in May.\u201d"]
    assert q["cue"]["text"] == "said" and q["sources"][0]["text"] == "she"
    assert q["kind"] == "direct"
    for c in q["contents"] + [q["cue"]] + q["sources"]:
        assert text[c["start"]:c["end"]] == c["text"]


def test_naive_pairing_keeps_neighbouring_quotes_apart_and_does_not_borrow_sources():
    text = ("The mayor said the budget is balanced. Critics disagreed, calling it a fantasy. "
            "Rates are expected to rise, the report noted.")
    spans = _spans(text, ("SOURCE", "The mayor", 0), ("CUE", "said", 0), ("CONTENT", "the budget is balanced", 0),
                   ("SOURCE", "Critics", 0), ("CUE", "calling", 0), ("CONTENT", "it a fantasy", 0),
                   ("CONTENT", "Rates are expected to rise", 0), ("CUE", "noted", 0))
    quotes = naive_pairing(text, spans)
    got = {q["contents"][0]["text"]: (q["cue"]["text"], [s["text"] for s in q["sources"]]) for q in quotes}
    assert got == {"the budget is balanced": ("said", ["The mayor"]),
                   "it a fantasy": ("calling", ["Critics"]),
                   "Rates are expected to rise": ("noted", [])}


def test_naive_pairing_without_cue_keeps_the_content_alone():
    text = "Prices will fall. Nobody else spoke."
    quotes = naive_pairing(text, _spans(text, ("CONTENT", "Prices will fall", 0)))
    assert len(quotes) == 1 and quotes[0]["cue"] is None and quotes[0]["sources"] == []


def test_quote_kind_and_sentence_splitting():
    text = 'He said that "clear rules" must apply. "We agree," they said.'
    assert quote_kind(text, _spans(text, ("CONTENT", 'that "clear rules" must apply', 0))) == "mixed"
    assert quote_kind(text, _spans(text, ("CONTENT", '"We agree,"', 0))) == "direct"
    assert quote_kind(text, _spans(text, ("CONTENT", "must apply", 0))) == "indirect"
    t = "Mr. Smith met Dr. Jones in the U.S. capital. They talked.\nNext line"
    starts = sentence_starts(t)
    assert [t[a:b].strip() for a, b in zip(starts, starts[1:] + [len(t)])] == \
           ["Mr. Smith met Dr. Jones in the U.S. capital.", "They talked.", "Next line"]


# ----------------------------------------------------------------- command

@needs_model
def test_tagger_eval_command_prints_the_scorers_metrics(tmp_path):
    scorer_path = SHARED / "tools" / "attribution_score.py"
    if not scorer_path.is_file():
        pytest.skip(f"scorer not found at {scorer_path}")
    text = ("The harbour master said that the new ferry terminal would open in early spring.\n\n"
            "\u201cWe will not raise the fares this year,\u201d the transport minister told reporters.")

    def span(phrase):
        a = text.index(phrase)
        return {"start": a, "end": a + len(phrase), "text": phrase}

    gold = {"id": "g1", "text": text, "quotes": [
        {"cues": [span("said")], "sources": [span("The harbour master")],
         "contents": [span("that the new ferry terminal would open in early spring")]},
        {"cues": [span("told")], "sources": [span("the transport minister")],
         "contents": [span("\u201cWe will not raise the fares this year,\u201d")]}]}
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    pred_path = tmp_path / "pred.jsonl"
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    out = subprocess.run([sys.executable, "-m", "quotegraph", "tagger-eval", str(gold_path), "--json",
                          "--pred-out", str(pred_path), "--scorer", str(scorer_path)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    printed = json.loads(out.stdout.strip().splitlines()[-1])
    spec = importlib.util.spec_from_file_location("attribution_score_test", scorer_path)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    expected = scorer.score(str(gold_path), str(pred_path))
    assert {k: printed[k] for k in expected} == json.loads(json.dumps(expected))
    assert printed["quotes"]["f1"] == 1.0
    assert printed["speed"]["articles_per_s"] > 0
