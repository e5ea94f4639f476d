"""`quotegraph check-labels` and `quotegraph eval-labels`: the hand labels of real articles (labels/bbc/)."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from ..evaluate.label_file import LABEL_TYPES, LabelledArticle, check_label_file, read_articles
from ..records import DocResult, InputError
from .app import app

console = Console(width=160)
DEFAULT_ARTICLES = Path("../shared/bbc/articles.jsonl")


def _articles_option() -> Path:
    return typer.Option(DEFAULT_ARTICLES, "--articles", help="The articles JSONL the labels index (id, text).")


def _checked(labels: Path, articles: Path) -> list[LabelledArticle]:
    """The label file, checked; every problem printed and exit 1 when there is one."""
    if not articles.is_file():
        console.print(f"error: {articles}: articles file not found (give it with --articles)", markup=False)
        raise typer.Exit(2)
    checked, errors = check_label_file(labels, articles)
    for e in errors:
        console.print(f"error: {labels}: {e}", markup=False, highlight=False, soft_wrap=True)
    if errors:
        console.print(f"{len(errors)} error(s) in {labels}", markup=False)
        raise typer.Exit(1)
    return checked


@app.command("check-labels")
def check_labels_command(
    labels: Path = typer.Argument(..., exists=True, dir_okay=False, help="Label file (labels/bbc/labels.jsonl)."),
    articles: Path = _articles_option(),
) -> None:
    """Check a label file against its articles: sha256 of each text, offsets in range and in the
    body, non-empty spans, known types, no statement labelled twice. Exit 1 on any error."""
    checked = _checked(labels, articles)
    per_type = {t: sum(s.type == t for a in checked for s in a.statements) for t in LABEL_TYPES}
    console.print(f"{labels}: {len(checked)} articles, {sum(per_type.values())} statements "
                  f"({', '.join(f'{t} {n}' for t, n in per_type.items())}): ok", markup=False)


def extract_articles(rows: list[dict]) -> tuple[dict[str, list[dict]], dict[str, str]]:
    """Predictions (id -> extract-record quotes) by the one local runner, ``engine.process``,
    reading the rows as the JSONL input they came from; failures are returned by id."""
    from ..engine import process

    predictions: dict[str, list[dict]] = {}
    failures: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "labelled.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        for item in process([path]):
            if isinstance(item, InputError):
                failures[item.path] = item.reason
            elif isinstance(item, DocResult):
                predictions[item.document.id] = [q.to_dict() for q in item.quotes]
    return predictions, failures


@app.command("eval-labels")
def eval_labels_command(
    labels: Path = typer.Argument(..., exists=True, dir_okay=False, help="Label file (labels/bbc/labels.jsonl)."),
    articles: Path = _articles_option(),
    as_json: bool = typer.Option(False, "--json", help="Print the scores (and every error) as one JSON object."),
    show_errors: bool = typer.Option(False, "--errors", help="List misses, false positives, wrong speakers and types."),
) -> None:
    """Extract the labelled articles and score them: per type (speech, belief, finding) precision,
    recall, F1 and speaker accuracy among matched statements; the type confusion.
    Targets (issue 17, speech): precision >= 0.92, recall >= 0.85, speaker accuracy >= 0.95."""
    from ..evaluate.labels import score_labels

    checked = _checked(labels, articles)
    rows = read_articles(articles, {a.id for a in checked})
    predictions, failures = extract_articles([rows[a.id] for a in checked])
    for source, reason in failures.items():
        console.print(f"error: {source}: {reason}", markup=False, highlight=False, soft_wrap=True)
    report = score_labels(checked, {k: r["text"] for k, r in rows.items()}, predictions)
    report["failed"] = len(failures)
    if as_json:
        print(json.dumps(report, ensure_ascii=False))
        raise typer.Exit(1 if failures else 0)
    _print_report(labels, report, show_errors)
    raise typer.Exit(1 if failures else 0)


def _print_report(labels: Path, report: dict, show_errors: bool) -> None:
    console.print(f"[bold]{labels}[/bold]  documents={report['documents']}  failed={report['failed']}"
                  f"  headline statements set aside={report['headline_set_aside']}")
    table = Table(title="by type (matched within the type)", title_justify="left")
    for col in ("type", "gold", "pred", "matched", "P", "R", "F1", "speaker acc", "speaker acc (named)"):
        table.add_column(col, justify="right")
    for t, v in report["by_type"].items():
        table.add_row(t, str(v["gold"]), str(v["predicted"]), str(v["matched"]), f"{v['p']:.3f}", f"{v['r']:.3f}",
                      f"{v['f1']:.3f}", f"{v['speaker_accuracy']:.3f} ({v['speaker_right']}/{v['matched']})",
                      f"{v['speaker_accuracy_named']:.3f} ({v['speaker_right_named']}/{v['matched_named']})")
    a = report["any_type"]
    table.add_row("any", str(a["gold"]), str(a["predicted"]), str(a["matched"]), f"{a['p']:.3f}", f"{a['r']:.3f}",
                  f"{a['f1']:.3f}", "", "")
    console.print(table)
    conf = Table(title="type confusion (gold rows, predicted columns; matched regardless of type)",
                 title_justify="left")
    cols = sorted({c for row in report["confusion"].values() for c in row} | set(LABEL_TYPES) | {"missed"},
                  key=lambda c: (c == "missed", c))
    conf.add_column("gold")
    for c in cols:
        conf.add_column(c, justify="right")
    for g, row in report["confusion"].items():
        conf.add_row(g, *(str(row.get(c, 0)) for c in cols))
    conf.add_row("(unmatched predicted)", *(str(report["unmatched_predicted"].get(c, 0)) for c in cols))
    console.print(conf)
    speech = report["by_type"]["speech"]
    console.print(f"speech targets: precision {speech['p']:.3f} (>= 0.92)  recall {speech['r']:.3f} (>= 0.85)  "
                  f"speaker accuracy {speech['speaker_accuracy']:.3f} (>= 0.95)", markup=False)
    console.print("wrong speakers by class:", markup=False)
    for cls, n in report["speaker_error_classes"].items():
        console.print(f"  {n:4}  {cls}", markup=False)
    if not show_errors:
        return
    for kind, items in report["errors"].items():
        console.print(f"[bold]{kind}: {len(items)}[/bold]")
        for it in items:
            extra = ""
            if "predicted_speaker" in it:
                extra = f"  gold speaker {it['speaker']!r} predicted {it['predicted_speaker']!r} ({it['error_class']})"
            elif "predicted_type" in it:
                extra = f"  predicted as {it['predicted_type']}"
            elif it["speaker"] is not None:
                extra = f"  speaker {it['speaker']!r}"
            console.print(f"  {it['article']} {it['type']} {it['content']}{extra}  “{it['excerpt']}”",
                          markup=False, highlight=False, soft_wrap=True)
