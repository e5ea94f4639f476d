"""Following stories from the web: fetch (URLs) and watch (feeds and sitemaps)."""
from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from .app import app, bench_app

DEFAULT_DB = Path("quotegraph.db")
DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file.", envvar="QUOTEGRAPH_DB")]
ArchiveOption = Annotated[Optional[Path], typer.Option(
    "--archive", help="Folder for the WARC files of every fetch (default: <db>.warc/ beside the database).")]
NoLinkOption = Annotated[bool, typer.Option("--no-link", help="Store only; run `quotegraph link` later.")]
IntervalOption = Annotated[float, typer.Option("--host-interval", min=0.0,
                                               help="Seconds between two requests to one host.")]
ConcurrencyOption = Annotated[int, typer.Option("--concurrency", min=1, help="Requests in flight in all.")]
TimeoutOption = Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds without data before a request fails.")]
MaxBytesOption = Annotated[int, typer.Option("--max-bytes", min=1024, help="Largest response accepted.")]
AlertsOption = Annotated[Optional[Path], typer.Option(
    "--alerts", help="Alert rules (YAML) run on what each round stores; see `quotegraph alerts --help`.")]

stdout = Console(soft_wrap=True)
stderr = Console(stderr=True, highlight=False)


def _fail(message: str, code: int = 2) -> typer.Exit:
    stderr.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code)


def _read_list(path: Path) -> list[str]:
    """One URL a line; blank lines and '#' comments skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(f"{path}: cannot read URL list: {exc}") from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def parse_every(value: str) -> float:
    """'90s', '15m', '2h' (or plain seconds) -> seconds."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", value)
    if not match:
        raise typer.BadParameter(f"{value!r}: use a number with s, m or h, e.g. 15m")
    return float(match[1]) * {"": 1, "s": 1, "m": 60, "h": 3600}[match[2]]


def _follower(db: Path, archive: Path | None, no_link: bool, policy_args: dict, progress: Progress):
    from ..fetch.client import Fetcher
    from ..fetch.policy import FetchPolicy
    from ..follow.rounds import Follower
    from ..follow.storing import store_warc_files
    from ..store import connect
    from .link_cmds import link_with_progress

    try:
        conn = connect(db)
    except Exception as exc:
        raise _fail(f"{db}: cannot open database: {exc}") from None
    archive = archive or db.with_name(db.name + ".warc")
    fetcher = Fetcher(FetchPolicy(**policy_args))
    task = progress.add_task("fetch", total=None)

    def on_error(url: str, reason: str) -> None:
        progress.console.print(Text("error: ", style="bold red") + Text(f"{url}: {reason}"), soft_wrap=True)

    def on_progress(stage: str, done: int, total: int) -> None:
        progress.update(task, description=stage, completed=done, total=total)

    link = None if no_link else (lambda: link_with_progress(conn, db))
    follower = Follower(conn, archive, fetcher, lambda paths: store_warc_files(conn, paths), link,
                        on_error=on_error, on_progress=on_progress)
    return conn, fetcher, follower


def _load_rules(path: Path | None):
    from ..follow.alerts import RuleError, load_rules

    if path is None:
        return None
    try:
        return load_rules(path)
    except RuleError as exc:
        raise _fail(str(exc)) from None


def _run_alerts(conn, rules) -> bool:
    """Run the rules; False when a sink failed (its matches wait for the next run)."""
    from ..follow.alerts import run_alerts

    if not rules:
        return True
    new, errors = run_alerts(conn, rules)
    for error in errors:
        stderr.print(f"[bold red]error:[/] {error}")
    if new:
        stderr.print(f"alerts: {new} new match(es)")
    return not errors


def _progress() -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=stderr, transient=True)


def _policy_args(host_interval: float, concurrency: int, timeout: float, max_bytes: int) -> dict:
    return {"host_interval_s": host_interval, "concurrency": concurrency, "read_timeout_s": timeout,
            "max_bytes": max_bytes}


@app.command()
def fetch(
    urls: Annotated[Optional[list[str]], typer.Argument(help="Article URLs to fetch and store.")] = None,
    from_file: Annotated[Optional[Path], typer.Option("--from-file", help="A file of URLs, one a line.")] = None,
    db: DbOption = DEFAULT_DB,
    archive: ArchiveOption = None,
    no_link: NoLinkOption = False,
    host_interval: IntervalOption = 1.0,
    concurrency: ConcurrencyOption = 8,
    timeout: TimeoutOption = 20.0,
    max_bytes: MaxBytesOption = 10 * 1024 * 1024,
    alerts: AlertsOption = None,
) -> None:
    """Download article pages politely, archive them as WARC, store and link them."""
    rules = _load_rules(alerts)
    wanted = list(urls or []) + (_read_list(from_file) if from_file else [])
    if not wanted:
        raise _fail("name at least one URL or --from-file")
    progress = _progress()
    with progress:
        conn, fetcher, follower = _follower(db, archive, no_link, _policy_args(host_interval, concurrency, timeout,
                                                                               max_bytes), progress)
        try:
            summary = follower.fetch_named(wanted)
            alerts_ok = _run_alerts(conn, rules)
        except KeyboardInterrupt:
            raise _fail("interrupted: what was fetched is archived and logged; run the same command to resume",
                        130) from None
        finally:
            fetcher.close()
            conn.close()
    stdout.print(f"[bold]fetch:[/] {summary.line()} -> {db}")
    if summary.failed or not alerts_ok:
        raise typer.Exit(1)


@app.command()
def watch(
    feeds: Annotated[Optional[Path], typer.Option("--feeds", help="A file of feed URLs (RSS, Atom, JSON Feed).")] = None,
    sitemaps: Annotated[Optional[Path], typer.Option("--sitemaps", help="A file of sitemap URLs.")] = None,
    every: Annotated[str, typer.Option("--every", help="Time between rounds: 90s, 15m, 2h.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Run one round and stop.")] = False,
    db: DbOption = DEFAULT_DB,
    archive: ArchiveOption = None,
    no_link: NoLinkOption = False,
    host_interval: IntervalOption = 1.0,
    concurrency: ConcurrencyOption = 8,
    timeout: TimeoutOption = 20.0,
    max_bytes: MaxBytesOption = 10 * 1024 * 1024,
    alerts: AlertsOption = None,
) -> None:
    """Poll feeds and sitemaps, fetch new articles, store and link them; resumable."""
    from ..follow.rounds import Listing
    from ..store import fetchlog

    interval = parse_every(every)
    rules = _load_rules(alerts)
    progress = _progress()
    with progress:
        conn, fetcher, follower = _follower(db, archive, no_link, _policy_args(host_interval, concurrency, timeout,
                                                                               max_bytes), progress)
        for kind, path in (("feed", feeds), ("sitemap", sitemaps)):
            for url in _read_list(path) if path else []:
                fetchlog.add_listing(conn, url, kind, "file")
        listings = [Listing(row["url"], row["kind"]) for row in fetchlog.listings(conn)]
        if not listings:
            raise _fail("nothing to watch: give --feeds or --sitemaps (or add feeds in the web UI)")
        failed = False
        try:
            while True:
                summary = follower.watch_round(listings)
                failed = failed or summary.failed > 0 or not _run_alerts(conn, rules)
                progress.console.print(f"[bold]round {time.strftime('%H:%M:%S')}:[/] {summary.line()}")
                if once:
                    break
                time.sleep(interval)
                listings = [Listing(row["url"], row["kind"]) for row in fetchlog.listings(conn)]
        except KeyboardInterrupt:
            raise _fail("interrupted: the next `quotegraph watch` resumes where this one stopped", 130) from None
        finally:
            fetcher.close()
            conn.close()
    if once and failed:
        raise typer.Exit(1)


@app.command("alerts")
def alerts_cmd(
    rules_file: Annotated[Path, typer.Argument(help="Alert rules (YAML).", metavar="RULES.yaml")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Run alert rules over the statements stored since each rule last ran.

    Rules (YAML): a top-level `alerts:` list; each rule has a `name` and any of
    `speaker`, `search`, `outlet`, `type` (speech by default, or all), `first_report`,
    `reaction_to`, and `to` (stdout, a .jsonl file, or an http(s) webhook URL).
    Each statement matches a rule once; each match reaches each sink once.
    """
    from ..store import connect

    rules = _load_rules(rules_file)
    if not db.exists():
        raise _fail(f"{db}: no such database (run `quotegraph ingest` first)")
    conn = connect(db)
    try:
        ok = _run_alerts(conn, rules)
    finally:
        conn.close()
    if not ok:
        raise typer.Exit(1)


@bench_app.command("watch")
def bench_watch(
    pages: Annotated[int, typer.Option("--pages", min=1)] = 2000,
    feeds: Annotated[int, typer.Option("--feeds", min=1)] = 20,
    concurrency: ConcurrencyOption = 8,
) -> None:
    """One watch round over a local synthetic site (another process): pages/s end to end,
    the share of each stage, and peak memory (models included)."""
    from ..bench import machine_line
    from ..bench.watch import run_watch_bench

    result = run_watch_bench(pages, feeds, concurrency)
    stdout.print(machine_line())
    stdout.print(f"{result.stored} of {result.pages} pages in {result.feeds} feeds stored in {result.seconds:.1f} s: "
                 f"[bold]{result.pages_per_s:.1f} pages/s[/] end to end ({result.failed} failed); "
                 f"peak RSS {result.peak_rss_mb:.0f} MB")
    for stage, seconds in result.stage_seconds.items():
        stdout.print(f"  {stage:<16} {seconds:7.1f} s  {100 * seconds / result.seconds:5.1f} %")
