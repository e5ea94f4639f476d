"""Commands for the learned attribution tagger: train-tagger, tagger-eval, bench tagger."""
from __future__ import annotations

import importlib.util
import json
import shlex
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from .app import app, bench_app

console = Console(stderr=True)
REPO_ROOT = Path(__file__).resolve().parents[3]
SHARED = REPO_ROOT.parent / "shared"


def _shared_path(*parts: str) -> Path:
    """A file in ../shared: relative to the working directory first, then to the repo."""
    for base in (Path.cwd().parent / "shared", SHARED):
        p = base.joinpath(*parts)
        if p.exists():
            return p
    return SHARED.joinpath(*parts)


def _training_file(train: Path | None) -> Path:
    """--train, or PolNeAR train in ../shared; exit 2 naming it when it is not there."""
    train = train or _shared_path("polnear", "train.jsonl")
    if not train.is_file():
        console.print(f"[red]training file not found: {train}[/red]")
        raise typer.Exit(2)
    return train


def load_scorer(path: Path | None = None):
    """The project's scorer module (tools/attribution_score.py), imported by path."""
    path = path or _shared_path("tools", "attribution_score.py")
    if not path.is_file():
        raise typer.BadParameter(f"scorer not found: {path}")
    spec = importlib.util.spec_from_file_location("attribution_score", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                    TimeElapsedColumn(), TimeRemainingColumn(), console=console)


@app.command("train-tagger")
def train_tagger(
    train: Path = typer.Option(None, help="PolNeAR-layout training file (default ../shared/polnear/train.jsonl)"),
    out: Path = typer.Option(None, help="Output folder (default: the package's nlp/models)"),
    epochs: int = typer.Option(5, help="Epochs (the schedule shrinks to fit --budget-min)"),
    lr: float = typer.Option(1e-4),
    batch_size: int = typer.Option(16),
    budget_min: float = typer.Option(30.0, help="Wall-clock budget for the training loop, minutes"),
    threads: int = typer.Option(2),
    holdout_docs: int = typer.Option(40, help="Train documents held out to choose the best epoch"),
    seed: int = typer.Option(13),
    bf16: bool = typer.Option(True, help="bf16 autocast for the forward pass (faster on CPUs with AMX/AVX512-BF16)"),
    freeze_layers: int = typer.Option(2, help="Freeze embeddings + this many lowest layers (0: tune all)"),
    max_docs: Optional[int] = typer.Option(None, help="Use only the first N documents (smoke tests)"),
    keep_fp32: bool = typer.Option(False, help="Also keep the fp32 ONNX in --out (for measuring int8 cost; never ship it)"),
    half: Optional[int] = typer.Option(None, min=0, max=1,
                                       help="Train on the documents at even (0) or odd (1) lines only "
                                            "(for train-filter's candidates)"),
) -> None:
    """Re-train the attribution tagger from PolNeAR train and export int8 ONNX + metadata."""
    from ..nlp.attribution import tagger
    from ..train import tagger as tagger_train

    train = _training_file(train)
    out = out or tagger.MODELS_DIR
    cfg = tagger_train.TrainConfig(
        train_path=str(train), out_dir=str(out), epochs=epochs, lr=lr, batch_size=batch_size,
        holdout_docs=holdout_docs, seed=seed, threads=threads, time_budget_min=budget_min,
        max_docs=max_docs, keep_fp32=keep_fp32, bf16=bf16, freeze_layers=freeze_layers, half=half)
    with _progress() as bar:
        task = bar.add_task("training", total=1)

        def report(message: str, step: int, total: int) -> None:
            bar.update(task, description=message, completed=step, total=total)
            if "held-out" in message:
                console.print(message)

        result = tagger_train.train(cfg, progress=report)
    command = "quotegraph " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    meta = tagger_train.write_metadata(result, command)
    console.print(f"trained {result.steps} steps ({result.epochs_run} epochs) in {result.train_seconds:.0f} s; "
                  f"best epoch {result.best_epoch} held-out {result.holdout}")
    for kind, path in result.files.items():
        console.print(f"{kind}: {path} ({Path(path).stat().st_size / 1e6:.1f} MB)")
    console.print(f"metadata: {meta}")


def predict_documents(docs: list[dict[str, Any]], model: Path | None, threads: int | None,
                      only_cue_paragraphs: bool, use_viterbi: bool = True) -> tuple[list[dict[str, Any]], float]:
    """Tagger + naive pairing for every document; returns predictions and seconds spent."""
    from ..nlp.attribution import tagger
    from ..nlp.attribution.pairing import naive_pairing

    tagger.get_session(model, threads)  # load outside the timed loop
    preds = []
    t0 = time.perf_counter()
    with _progress() as bar:
        task = bar.add_task("tagging", total=len(docs))
        for d in docs:
            spans = tagger.tag_spans(d["text"], model_path=model, threads=threads,
                                     only_cue_paragraphs=only_cue_paragraphs, use_viterbi=use_viterbi)
            preds.append({"id": d["id"], "quotes": naive_pairing(d["text"], spans)})
            bar.advance(task)
    return preds, time.perf_counter() - t0


@app.command("tagger-eval")
def tagger_eval(
    gold: Path = typer.Argument(..., help="Gold file in the PolNeAR layout"),
    model: Optional[Path] = typer.Option(None, help="ONNX model (default: the shipped int8 model)"),
    threads: Optional[int] = typer.Option(None),
    only_cue_paragraphs: bool = typer.Option(False, help="Tag only paragraphs holding a cue candidate"),
    greedy: bool = typer.Option(False, help="Argmax + BIO repair instead of constrained Viterbi"),
    pred_out: Optional[Path] = typer.Option(None, help="Also write the predictions here (JSONL)"),
    scorer: Optional[Path] = typer.Option(None, help="Path to attribution_score.py"),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as one JSON object"),
    record: bool = typer.Option(False, help="Also store the metrics in the shipped model's metadata JSON"),
) -> None:
    """Score the tagger alone (with naive pairing) on a gold file, using the project's scorer."""
    from ..nlp.attribution import tagger
    from ..train.tagger import load_jsonl

    if not tagger.available(model):
        console.print(f"[red]tagger model not available: {model or tagger.MODEL_FILE}[/red]")
        raise typer.Exit(2)
    score_mod = load_scorer(scorer)
    docs = load_jsonl(gold)
    preds, seconds = predict_documents(docs, model, threads, only_cue_paragraphs, use_viterbi=not greedy)
    with tempfile.TemporaryDirectory() as tmp:
        path = pred_out or Path(tmp) / "pred.jsonl"
        with open(path, "w", encoding="utf-8") as fh:
            for p in preds:
                fh.write(json.dumps(p) + "\n")
        metrics = score_mod.score(str(gold), str(path))
    words = sum(len(d["text"].split()) for d in docs)
    metrics["speed"] = {"articles_per_s": round(len(docs) / seconds, 2), "words_per_s": round(words / seconds),
                        "seconds": round(seconds, 2), "threads": threads or tagger.default_threads()}
    if record:
        _record_metrics(gold, model, only_cue_paragraphs, greedy, metrics)
    if as_json:
        print(json.dumps(metrics))
        return
    for key, value in metrics.items():
        print(f"{key:16} {value}")


def _record_metrics(gold: Path, model: Path | None, only_cue: bool, greedy: bool, metrics: dict[str, Any]) -> None:
    from ..nlp.attribution import tagger

    meta = tagger.model_metadata()
    variant = (model.name if model else tagger.MODEL_FILE.name) + (" only-cue-paragraphs" if only_cue else "") \
        + (" greedy" if greedy else "")
    keep = {k: metrics[k] for k in ("exact", "content_tokens", "quotes", "attribution", "counts", "speed")}
    meta.setdefault("metrics", {}).setdefault(gold.name, {})[variant] = keep
    tagger.META_FILE.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    console.print(f"recorded in {tagger.META_FILE}")


@bench_app.command("tagger")
def bench_tagger(
    data: Path = typer.Argument(..., help="JSONL with id and text per line"),
    model: Optional[Path] = typer.Option(None),
    threads: Optional[int] = typer.Option(None),
    limit: Optional[int] = typer.Option(None),
) -> None:
    """Articles/s and words/s of tagging alone (tokenise, windows, ONNX, decode)."""
    from ..nlp.attribution import tagger
    from ..train.tagger import load_jsonl

    docs = load_jsonl(data, limit)
    tagger.get_session(model, threads)
    t0 = time.perf_counter()
    n_spans = 0
    for d in docs:
        n_spans += len(tagger.tag_spans(d["text"], model_path=model, threads=threads))
    seconds = time.perf_counter() - t0
    words = sum(len(d["text"].split()) for d in docs)
    print(f"model            {model or tagger.MODEL_FILE}")
    print(f"articles         {len(docs)}")
    print(f"seconds          {seconds:.2f}")
    print(f"articles_per_s   {len(docs) / seconds:.2f}")
    print(f"words_per_s      {words / seconds:.0f}")
    print(f"spans            {n_spans}")


@app.command("train-filter")
def train_filter(
    taggers: list[str] = typer.Option(..., help="Two tagger models, comma-separated: the one trained with "
                                                "`train-tagger --half 0`, then the one with `--half 1`. Repeat "
                                                "for several pairs (e.g. of two training recipes): each pair "
                                                "proposes its own candidates and the filter learns from all"),
    train: Path = typer.Option(None, help="PolNeAR-layout training file (default ../shared/polnear/train.jsonl)"),
    out: Path = typer.Option(None, help="Output JSON (default: the package's nlp/models/quote_filter.json)"),
    max_docs: Optional[int] = typer.Option(None, help="Use only the first N documents (smoke tests)"),
) -> None:
    """Re-train the statement filter: candidates on each half of train proposed with the
    tagger that did not see that half, labelled against gold, gradient-boosted trees."""
    from dataclasses import replace

    from ..nlp.attribution import statement_filter as quote_filter
    from ..train import statement_filter as qft
    from ..nlp.config import DEFAULT_CONFIG
    from ..nlp.spacy_model import get_nlp
    from ..nlp.attribution.tagger import available
    from ..train.tagger import load_jsonl

    pairs = [[Path(p.strip()) for p in pair.split(",")] for pair in taggers]
    for pair, given in zip(pairs, taggers):
        if len(pair) != 2 or not all(available(p) for p in pair):
            console.print(f"[red]--taggers needs two loadable ONNX models, got {given!r}[/red]")
            raise typer.Exit(2)
    train = _training_file(train)
    out = out or quote_filter.MODEL_PATH
    rows = load_jsonl(train, max_docs)
    with _progress() as bar:
        task = bar.add_task("parsing", total=len(rows))
        sdocs = []
        for sdoc in get_nlp().pipe((r["text"] for r in rows), batch_size=16):
            sdocs.append(sdoc)
            bar.advance(task)
        # a document's examples use the cue prior of the other half (no leak of its own cues)
        priors = [qft.cue_prior_table([r for i, r in enumerate(rows) if i % 2 != k],
                                      [d for i, d in enumerate(sdocs) if i % 2 != k]) for k in (0, 1)]
        examples = []
        for n, half_models in enumerate(pairs, 1):
            task = bar.add_task(f"candidates ({n}/{len(pairs)})", total=len(rows))
            for i, (row, sdoc) in enumerate(zip(rows, sdocs)):
                # the tagger trained on the other half proposes this document's candidates
                config = replace(DEFAULT_CONFIG, mode="hybrid", tagger_model=str(half_models[1 - i % 2]))
                examples.extend(qft.document_examples(row, sdoc, config, priors[i % 2]))
                bar.advance(task)
    n_gold = sum(len(r["quotes"]) for r in rows)
    console.print(f"{len(examples)} candidates from {len(rows)} documents x {len(pairs)} tagger pair(s); "
                  f"{sum(e.matches for e in examples)} match a gold quote, {sum(e.attributed for e in examples)} "
                  f"with its source ({n_gold} gold quotes)")
    # each pair's candidates are scored against the gold quotes on their own
    model = qft.fit_filter(examples, n_gold * len(pairs), qft.cue_prior_table(rows, sdocs))
    model["meta"]["retrain_command"] = "quotegraph " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    # the candidates were proposed with these: the model is only right on candidates made the same way
    model["meta"]["candidate_settings"] = dict(quote_filter.CANDIDATE_SETTINGS)
    model["meta"]["train_data"] = {"path": train.name, "documents": len(rows), "gold_quotes": n_gold,
                                   "tagger_pairs": len(pairs)}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model) + "\n", encoding="utf-8")
    console.print(f"threshold {model['threshold']}; out of fold on train: {model['meta']['out_of_fold_at_threshold']}")
    console.print(f"wrote {out} ({out.stat().st_size / 1e3:.0f} kB)")


@app.command("train-calibration")
def train_calibration(
    train: Path = typer.Option(None, help="PolNeAR-layout training file (default ../shared/polnear/train.jsonl)"),
    out: Path = typer.Option(None, help="Output JSON (default: the package's nlp/models/confidence_calibration.json)"),
    bias_docs: int = typer.Option(40, help="Train documents the tagger learnt from, extracted to measure how "
                                           "its output differs on them (recorded, not fitted on)"),
    c: Optional[float] = typer.Option(None, help="Inverse L2 strength of the logistic regression (default: the "
                                                 "best of train/calibration.C_GRID by document-grouped "
                                                 "cross-validation on the held-out documents)"),
) -> None:
    """Fit the confidence calibration on the train documents the shipped tagger held out."""
    import datetime

    from ..nlp.attribution import calibration, tagger
    from ..train import calibration as cal_train

    train = _training_file(train)
    out = out or calibration.MODEL_PATH
    tagger_meta = json.loads(tagger.META_FILE.read_text(encoding="utf-8"))
    try:
        held, learnt = cal_train.tagger_holdout(str(train), tagger_meta)
    except ValueError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2)
    bias_rows = cal_train.bias_sample(learnt, bias_docs, int(tagger_meta["training"]["seed"]))
    t0 = time.perf_counter()
    with _progress() as bar:
        task = bar.add_task("extracting", total=len(held) + len(bias_rows))
        examples = cal_train.document_examples(held, lambda: bar.advance(task))
        bias_examples = cal_train.document_examples(bias_rows, lambda: bar.advance(task))
    cv = cal_train.cross_validate(examples, [c] if c is not None else cal_train.C_GRID)
    c = c if c is not None else cal_train.best_c(cv)
    model = cal_train.fit(examples, c)
    seconds = time.perf_counter() - t0
    meta = {
        "command": "quotegraph " + " ".join(shlex.quote(a) for a in sys.argv[1:]),
        "trained": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%MZ"),
        "data": {"path": train.name, "sha256": cal_train.sha256(train),
                 "documents": "the shipped tagger's held-out train documents (train/tagger.py holdout_ids, "
                              f"holdout_docs={tagger_meta['train_data']['holdout_docs']}, "
                              f"seed={tagger_meta['training']['seed']})",
                 "n_documents": len(held), "n_quotes": len(examples)},
        "settings": {"model": "sklearn LogisticRegression (L2)", "C": c, "cross_validation": {str(k): v for k, v in cv.items()},
                     "extraction": "DEFAULT_CONFIG, raw scores",
                     "features": "raw-score log-odds; origin, rule, kind, speaker resolution, type, length bucket"},
        "fit_on_held_out": cal_train.report(model, examples),
        "tagger_learnt_docs": {"n_documents": len(bias_rows), **cal_train.report(model, bias_examples)},
        "seconds": round(seconds, 1),
    }
    path = cal_train.write_model(model, meta, out)
    console.print(f"{len(examples)} quotes from {len(held)} held-out documents; extracted and fitted in {seconds:.0f} s")
    console.print(f"C={c}; document-grouped {cal_train.CV_FOLDS}-fold cross-validation: {cv}")
    console.print(f"held-out (in-sample): {meta['fit_on_held_out']}")
    console.print(f"{len(bias_rows)} documents the tagger learnt from: {meta['tagger_learnt_docs']}")
    console.print(f"model: {path}")
