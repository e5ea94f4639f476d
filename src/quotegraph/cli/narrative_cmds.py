"""Narratives: topics, framing, alignment, echoes, numeric claims (docs/narratives.md)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from .app import app
from .link_cmds import _fail, stderr

DEFAULT_DB = Path("quotegraph.db")
DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file.", envvar="QUOTEGRAPH_DB")]
FormatOption = Annotated[str, typer.Option("--format", help="table | json")]
stdout = Console(soft_wrap=False)


def _open(db: Path, write: bool = False):
    """The store (read-only unless the command stores something: `topics`), linked."""
    from ..store.links import ensure_link_schema, has_run
    from .store_cmds import _open_store

    conn = _open_store(db, write=write)
    if not has_run(conn):
        raise _fail(f"{db}: not linked yet (run `quotegraph link`)")
    if write:
        ensure_link_schema(conn)
    return conn


def _corpus(conn, db: Path):
    from ..narrative.context import load_corpus

    corpus = load_corpus(conn, db)
    if not corpus.quotes:
        raise _fail(f"{db}: no speech statements stored yet")
    return corpus


def _emit_json(data) -> None:
    stdout.print_json(json.dumps(data, ensure_ascii=False, default=lambda o: o.__dict__))


@app.command()
def topics(
    db: DbOption = DEFAULT_DB,
    refit: Annotated[bool, typer.Option("--refit", help="Fit the topics anew on every statement.")] = False,
    fmt: FormatOption = "table",
) -> None:
    """Topics of the speech statements: fitted on first use, new statements assigned to them."""
    from ..narrative.topics import assign_new, fit_topics, model_path
    from ..store import narrative as store

    conn = _open(db, write=True)
    if refit or not model_path(db).exists():
        with stderr.status("fitting topics") as status:
            fit_topics(conn, db, lambda message: status.update(message))
    else:
        assigned = assign_new(conn, db)
        if assigned:
            stderr.print(f"{assigned} new statement(s) assigned to the existing topics (--refit to fit anew)")
    rows = store.topics(conn)
    if fmt == "json":
        _emit_json([{"id": r["id"], "label": r["label"], "size": r["size"],
                     "words": json.loads(r["words"])[:10]} for r in rows])
        return
    table = Table("topic", "label", "statements", "top words")
    for r in rows:
        table.add_row(str(r["id"]), r["label"], str(r["size"]),
                      ", ".join(w for w, _ in json.loads(r["words"])[:8]))
    stdout.print(table)


@app.command()
def framing(
    topic: Annotated[int, typer.Option("--topic", help="Topic id (see `quotegraph topics`).")],
    actors: Annotated[str, typer.Option("--actors", help="Two actors or groups: A,B")],
    db: DbOption = DEFAULT_DB,
    top: Annotated[int, typer.Option("--top", min=1)] = 15,
    fmt: FormatOption = "table",
) -> None:
    """Phrases that set actor A's statements on a topic apart from actor B's (Fightin' Words z-scores)."""
    from ..narrative.framing import fightin_words

    names = [a.strip() for a in actors.split(",") if a.strip()]
    if len(names) != 2:
        raise _fail("--actors takes two names: A,B")
    conn = _open(db)
    corpus = _corpus(conn, db)
    on_topic = [q for q in corpus.quotes if q.topic_id == topic]
    if not on_topic:
        raise _fail(f"topic {topic} has no statements (run `quotegraph topics`)")

    def said_by(name: str) -> list[str]:
        low = name.lower()
        return [q.content for q in on_topic
                if q.speaker and low in (q.speaker.lower(), corpus.groups.get(q.speaker, "").lower())]

    texts_a, texts_b = said_by(names[0]), said_by(names[1])
    for name, texts in zip(names, (texts_a, texts_b)):
        if not texts:
            raise _fail(f"{name!r} has no statements on topic {topic}")
    side_a, side_b = fightin_words(texts_a, texts_b, [q.content for q in on_topic], top=top)
    if fmt == "json":
        _emit_json({"topic": topic, "actors": names, "statements": [len(texts_a), len(texts_b)],
                    names[0]: [p.__dict__ for p in side_a], names[1]: [p.__dict__ for p in side_b]})
        return
    for name, side, n in ((names[0], side_a, len(texts_a)), (names[1], side_b, len(texts_b))):
        table = Table("phrase", "z", "uses A", "uses B", title=f"{name} ({n} statements)")
        for p in side:
            table.add_row(p.phrase, f"{p.z:+.2f}", str(p.count_a), str(p.count_b))
        stdout.print(table)


@app.command()
def alignment(
    db: DbOption = DEFAULT_DB,
    by: Annotated[str, typer.Option("--by", help="month | week")] = "month",
    since: Annotated[Optional[str], typer.Option("--since")] = None,
    until: Annotated[Optional[str], typer.Option("--until")] = None,
    top: Annotated[int, typer.Option("--top", min=2, help="Actors with the most statements.")] = 12,
    fmt: Annotated[str, typer.Option("--format", help="table | json | svg | png")] = "table",
    out: Annotated[Optional[Path], typer.Option("-o", "--out", help="File for svg/png.")] = None,
) -> None:
    """Actor x actor similarity of what they talk about (topic shares), overall and per period."""
    from ..narrative.alignment import alignment as align, draw_heatmap

    if by not in ("month", "week"):
        raise _fail("--by is month or week")
    conn = _open(db)
    corpus = _corpus(conn, db)
    result = align(corpus.quotes, corpus.groups, by=by, top=top, since=since, until=until)
    if fmt in ("svg", "png"):
        if out is None:
            raise _fail(f"--format {fmt} needs -o FILE")
        draw_heatmap(result, str(out))
        stderr.print(f"wrote {out}")
    elif fmt == "json":
        _emit_json(result)
    else:
        table = Table("actor", "actor", "similarity", "statements")
        pairs = sorted(((result.matrix[i][j], a, b) for i, a in enumerate(result.actors)
                        for j, b in enumerate(result.actors) if i < j), reverse=True)
        for sim, a, b in pairs:
            table.add_row(a, b, f"{sim:.2f}", f"{result.statements[a]} / {result.statements[b]}")
        stdout.print(table)


@app.command()
def echoes(
    db: DbOption = DEFAULT_DB,
    window: Annotated[int, typer.Option("--window", min=0, help="Days between first and later use.")] = 60,
    fmt: FormatOption = "table",
) -> None:
    """Near-identical wording by different actors, earliest use first, later uses as evidence."""
    from ..narrative.echoes import find_echoes

    conn = _open(db)
    corpus = _corpus(conn, db)
    found = find_echoes(corpus.quotes, corpus.groups, window_days=window)
    if fmt == "json":
        _emit_json(found)
        return
    table = Table("phrase", "first", "later uses")
    for echo in found:
        first = f"{echo.first.speaker} ({echo.first.group}), {echo.first.outlet}, {echo.first.published}"
        later = "; ".join(f"{u.speaker} ({u.group}), {u.outlet}, {u.published}" for u in echo.later)
        table.add_row(echo.phrase, first, later)
    stdout.print(table)


@app.command()
def claims(db: DbOption = DEFAULT_DB, fmt: FormatOption = "table",
           all_: Annotated[bool, typer.Option("--all", help="Also reconcilable differences.")] = False) -> None:
    """Numbers about the same subject that disagree between sources, both sources shown."""
    from ..link.embed import Embedder
    from ..narrative.claims import disagreements

    conn = _open(db)
    corpus = _corpus(conn, db)
    found = [d for d in disagreements(corpus.quotes, Embedder().embed) if all_ or d.verdict == "conflict"]
    if fmt == "json":
        _emit_json(found)
        return
    table = Table("subject", "claim A", "source A", "claim B", "source B", "verdict")
    for d in found:
        table.add_row(d.a.subject, d.a.text, f"{d.a.speaker}, {d.a.outlet}, {d.a.published}",
                      d.b.text, f"{d.b.speaker}, {d.b.outlet}, {d.b.published}", d.verdict)
    stdout.print(table)


@app.command("eval-narratives")
def eval_narratives(
    labels: Annotated[Path, typer.Argument(help="Hand labels (samples_narratives/labels.json).")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Precision and recall of topics (pairwise), echoes and claim conflicts against hand labels."""
    from ..evaluate.narratives import claim_scores, echo_scores, load_labels, topic_scores
    from ..link.embed import Embedder
    from ..narrative.claims import disagreements
    from ..narrative.echoes import find_echoes
    from ..narrative.topics import fit_topics

    gold = load_labels(labels)
    conn = _open(db, write=True)
    fit_topics(conn, db)
    corpus = _corpus(conn, db)
    scores = {
        "topics (statement pairs)": topic_scores(gold, corpus.quotes),
        "echoes": echo_scores(gold, find_echoes(corpus.quotes, corpus.groups)),
        "claim conflicts": claim_scores(gold, disagreements(corpus.quotes, Embedder().embed)),
    }
    for name, pr in scores.items():
        stdout.print(f"{name:<26} {pr.line()}")


from .app import bench_app  # noqa: E402


@bench_app.command("narratives")
def bench_narratives(
    docs: Annotated[int, typer.Option("--docs", min=100, help="Documents in the synthetic store.")] = 100_000,
    new_docs: Annotated[int, typer.Option("--new-docs", min=1)] = 1000,
    workdir: Annotated[Path, typer.Option("--workdir")] = Path("out/bench-narratives"),
    samples: Annotated[Optional[Path], typer.Option("--samples", help="Sample corpus the sentences imitate.")] = Path("samples"),
) -> None:
    """Full topic fit and incremental assignment on a synthetic store, as whole processes."""
    from ..bench import machine_line
    from ..bench.narratives import run_narrative_bench

    result = run_narrative_bench(docs, workdir, samples if samples and samples.exists() else None, new_docs)
    stdout.print(machine_line())
    stdout.print(f"store: {result.docs:,} documents, {result.statements:,} statements (built in {result.build_seconds:.0f} s)")
    stdout.print(f"full fit: [bold]{result.fit_seconds:.1f} s[/], peak RSS {result.fit_peak_mb:.0f} MB (target <= 900 s)")
    stdout.print(f"incremental: {result.new_docs:,} new documents assigned in [bold]{result.assign_seconds:.1f} s[/], "
                 f"peak RSS {result.assign_peak_mb:.0f} MB (target <= 30 s)")
