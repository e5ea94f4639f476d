"""`quotegraph eval` (extraction quality on a gold file) and `quotegraph bench extract`."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..records import Document
from .app import app, bench_app

console = Console(width=140)


def _read_gold(path: Path, limit: int | None) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                row["id"], row["text"]
            except (ValueError, KeyError, TypeError) as exc:
                console.print(f"error: {path}:{n}: not a gold record ({exc})", markup=False)
                continue
            row.setdefault("quotes", [])
            rows.append(row)
            if limit and len(rows) >= limit:
                break
    return rows


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=console, transient=True)


def _config(mode: str, tagger_model: Optional[Path] = None):
    from dataclasses import replace

    from ..nlp.config import DEFAULT_CONFIG

    if mode and mode not in ("rules", "tagger", "hybrid"):
        raise typer.BadParameter(f"--mode must be rules, tagger or hybrid, not {mode!r}")
    cfg = replace(DEFAULT_CONFIG, mode=mode) if mode else DEFAULT_CONFIG
    if tagger_model is not None:
        cfg = replace(cfg, tagger_model=str(tagger_model))
    return cfg


@app.command("eval")
def eval_command(
    gold: Path = typer.Argument(..., exists=True, dir_okay=False, help="Gold JSONL (PolNeAR export layout)."),
    pred_out: Optional[Path] = typer.Option(None, "--pred-out", help="Also write the predictions as JSONL."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Only the first N documents."),
    mode: str = typer.Option("", "--mode", help="rules | tagger | hybrid (default: the configured default)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as one JSON object."),
    tagger_model: Optional[Path] = typer.Option(None, "--tagger-model", help="ONNX tagger to use instead of the shipped one."),
) -> None:
    """Run extraction on each gold document and score it like ../shared/tools/attribution_score.py,
    with a per-kind breakdown (direct / indirect / mixed) and an error summary."""
    from ..evaluate.attribution import score
    from ..nlp.pipeline import extract

    cfg = _config(mode, tagger_model)
    rows = _read_gold(gold, limit)
    predictions: dict[str, list[dict]] = {}
    out = pred_out.open("w", encoding="utf-8") if pred_out else None
    try:
        with _progress() as progress:
            task = progress.add_task("extracting", total=len(rows))
            for row in rows:
                doc = Document(id=str(row["id"]), source=f"{gold}:{row['id']}", text=row["text"], format="jsonl")
                result = extract(doc, cfg)
                quotes = [q.to_dict() for q in result.quotes]
                predictions[doc.id] = quotes
                if out:
                    out.write(json.dumps({"id": doc.id, "quotes": quotes}, ensure_ascii=False) + "\n")
                progress.advance(task)
    finally:
        if out:
            out.close()
    report = score(rows, predictions)
    if as_json:
        print(json.dumps(report))
        return
    console.print(f"[bold]{gold}[/bold]  mode={cfg.mode}  documents={len(rows)}")
    # The scorer's own layout first, so the two outputs compare line by line.
    for key in ("documents", "documents_predicted", "exact", "content_tokens", "quotes", "attribution", "counts"):
        print(f"{key:16} {report[key]}")
    table = Table(title="per kind (gold kind for recall, predicted kind for precision)", title_justify="left")
    for col in ("kind", "gold", "pred", "quotes P", "quotes R", "quotes F1", "attr P", "attr R", "attr F1"):
        table.add_column(col, justify="right")
    for kind, v in report["per_kind"].items():
        q, a = v["quotes"], v["attribution"]
        table.add_row(kind, str(v["gold"]), str(v["predicted"]), f"{q['p']:.3f}", f"{q['r']:.3f}", f"{q['f1']:.3f}",
                      f"{a['p']:.3f}", f"{a['r']:.3f}", f"{a['f1']:.3f}")
    console.print(table)
    e = report["errors"]
    console.print(
        f"errors: missed (no overlap) {e['missed_no_overlap']}, missed (overlap < 0.5) {e['missed_partial_overlap']}, "
        f"false positives {e['false_positives']}, wrong source {e['wrong_source']}")
    console.print(f"  most missed gold cues: {e['top_missed_cues']}", markup=False)
    console.print(f"  most false-positive cues: {e['top_false_positive_cues']}", markup=False)
    console.print(f"  most wrong-source cues: {e['top_wrong_source_cues']}", markup=False)
    _print_calibration(report["calibration"])


def _print_calibration(cal: dict) -> None:
    """The reliability table of the quotes' confidence ("right": matched with the gold source)."""
    table = Table(title="confidence reliability (right = matched to a gold quote with its source)",
                  title_justify="left")
    for col in ("confidence", "count", "mean confidence", "accuracy"):
        table.add_column(col, justify="right")
    for b in cal["bins"]:
        table.add_row(f"{b['low']:.1f}-{b['high']:.1f}", str(b["count"]), f"{b['mean_confidence']:.3f}",
                      f"{b['accuracy']:.3f}")
    console.print(table)
    console.print(f"expected calibration error (ECE) {cal['ece']:.4f} over {cal['n']} quotes "
                  f"(mean confidence {cal['mean_confidence']:.3f}, accuracy {cal['accuracy']:.3f})")


@bench_app.command("extract")
def bench_extract(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="JSONL with id and text per line."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Only the first N articles."),
    mode: str = typer.Option("", "--mode", help="rules | tagger | hybrid (default: the configured default)."),
    tagger_model: Optional[Path] = typer.Option(None, "--tagger-model", help="ONNX tagger to use instead of the shipped one."),
    profile: bool = typer.Option(False, "--profile", help="Also print wall and CPU seconds per stage and thread."),
    whole_process: int = typer.Option(
        0, "--whole-process", min=0, help="Also time N rounds of fresh processes (model loading included): "
        "`quotegraph extract` against a bare spaCy script on the same texts."),
) -> None:
    """Articles/s, words/s and peak memory of full extraction vs bare spaCy nlp.pipe on the same texts."""
    from ..bench import extraction, machine_line

    cfg = _config(mode, tagger_model)
    rows = _read_gold(file, limit)
    with _progress() as progress:
        task = progress.add_task("bare spaCy / full extraction", total=len(rows))
        run = extraction.run_in_process(rows, str(file), cfg, profile=profile,
                                        advance=lambda n: progress.advance(task, n))
    table = Table(title=f"bench extract: {file} ({run.articles} articles, {run.words} words, mode={cfg.mode})",
                  title_justify="left")
    for col in ("run", "seconds", "articles/s", "words/s", "peak RSS MB"):
        table.add_column(col, justify="right")
    table.add_row("bare spaCy nlp.pipe", f"{run.bare_s:.1f}", f"{run.articles / run.bare_s:.2f}",
                  f"{run.words / run.bare_s:.0f}", "(same process)")
    table.add_row("full extraction", f"{run.full_s:.1f}", f"{run.articles / run.full_s:.2f}",
                  f"{run.words / run.full_s:.0f}", f"{run.peak_rss_mb:.0f}")
    console.print(table)
    console.print(machine_line())
    console.print(f"ratio full/bare (articles/s): {run.ratio:.2f}  (target >= 0.70)")
    console.print(f"peak memory: {run.peak_rss_mb:.0f} MB (target <= 1536 MB); process RSS before models "
                  f"{run.rss_before_models_mb:.0f} MB, after loading {run.rss_after_models_mb:.0f} MB; "
                  f"quotes found {run.quotes}")
    if profile:
        _print_stage_profile(run)
    if whole_process:
        with _progress() as progress:
            task = progress.add_task("whole processes", total=2 * whole_process)
            whole = extraction.run_whole_processes(rows, whole_process, advance=lambda n: progress.advance(task, n))
        console.print(f"whole processes (model loading included), {whole_process} round(s): bare spaCy script "
                      f"{' / '.join(f'{s:.1f}' for s in whole.bare_s)} s, quotegraph extract "
                      f"{' / '.join(f'{s:.1f}' for s in whole.full_s)} s; ratio (best of each) {whole.ratio:.2f}")
        console.print(machine_line())


def _print_stage_profile(run) -> None:
    """Per stage and thread: the tagger runs on its own thread beside the parser; what it
    does not hide shows as the main thread's wait."""
    table = Table(title="where the full run's time goes (per stage and thread)", title_justify="left")
    for col in ("stage", "thread", "calls", "wall s", "CPU s", "share of full wall"):
        table.add_column(col, justify="right" if col not in ("stage", "thread") else "left")
    for row in run.stages:
        table.add_row(row.stage, row.thread, str(row.calls), f"{row.wall_s:.2f}", f"{row.cpu_s:.2f}",
                      f"{row.wall_s / run.full_s:.0%}")
    console.print(table)
