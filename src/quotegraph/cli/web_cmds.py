"""Web commands: serve (the UI and JSON API over one database) and bench web."""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from .app import app, bench_app

DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file.", envvar="QUOTEGRAPH_DB")]

stdout = Console(soft_wrap=False)
stderr = Console(stderr=True, soft_wrap=True, highlight=False)


def _fail(message: str, code: int = 2) -> typer.Exit:
    stderr.print(f"[bold red]error:[/] {message}", markup=True)
    return typer.Exit(code)


@app.command()
def serve(
    db: DbOption = Path("quotegraph.db"),
    host: Annotated[str, typer.Option("--host", help="Interface to bind; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535)] = 8000,
    allow_edits: Annotated[bool, typer.Option("--allow-edits", help="Enable speaker merge/split/rename forms (CSRF-protected).")] = False,
    log_level: Annotated[str, typer.Option("--log-level", help="uvicorn log level")] = "info",
    workers: Annotated[int, typer.Option("--workers", min=1, max=32, help="Server processes (each uses one core).")] = 1,
    allow_private_fetch: Annotated[bool, typer.Option(
        "--allow-private-fetch", help="Let the watch form add loopback and private-network URLs.")] = False,
) -> None:
    """Serve the web UI and JSON API (read-only unless --allow-edits)."""
    import uvicorn

    from ..store import SchemaError
    from ..web.app import LOOPBACK_HOSTS, create_app

    if not db.exists():
        raise _fail(f"{db}: no such database (run `quotegraph ingest` first)")
    try:
        # Bound to loopback: answer only to loopback names (a DNS-rebinding page cannot use its own).
        hosts = LOOPBACK_HOSTS if host in LOOPBACK_HOSTS else None
        application = create_app(db, allow_edits=allow_edits, allowed_hosts=hosts,
                                 allow_private_fetch=allow_private_fetch)
    except SchemaError as exc:
        raise _fail(str(exc)) from None
    except Exception as exc:  # not a database, unreadable, ...
        raise _fail(f"{db}: cannot open database: {exc}") from None
    if host not in LOOPBACK_HOSTS:
        stderr.print(f"[yellow]warning:[/] binding {host}: the server is reachable from other machines")
    stderr.print(f"quotegraph: serving {db} at http://{host}:{port}/ "
                 f"({'edits enabled' if allow_edits else 'read-only'}; API docs at /docs, schema at /openapi.json)")
    if workers == 1:
        uvicorn.run(application, host=host, port=port, log_level=log_level, access_log=log_level == "debug")
        return
    import os
    import secrets

    from ..web.app import ENV_DB, ENV_EDITS, ENV_HOSTS, ENV_PRIVATE_FETCH, ENV_SECRET

    os.environ[ENV_DB] = str(db.resolve())
    os.environ[ENV_EDITS] = "1" if allow_edits else "0"
    os.environ[ENV_PRIVATE_FETCH] = "1" if allow_private_fetch else "0"
    os.environ[ENV_SECRET] = secrets.token_hex(32)
    if hosts:
        os.environ[ENV_HOSTS] = ",".join(hosts)
    uvicorn.run("quotegraph.web.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                log_level=log_level, access_log=log_level == "debug")


@bench_app.command("web")
def bench_web(
    db: DbOption = Path("bench-store.db"),
    requests: Annotated[int, typer.Option("--requests", min=6, max=100_000, help="Measured requests in total.")] = 1200,
    clients: Annotated[int, typer.Option("--clients", min=1, max=200, help="Concurrent clients.")] = 20,
    max_seconds: Annotated[float, typer.Option("--max-seconds", min=1, help="Stop measuring after this long.")] = 120.0,
    seed: Annotated[int, typer.Option("--seed")] = 7,
    workers: Annotated[int, typer.Option("--workers", min=1, max=32, help="Server processes.")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Also print the figures as JSON.")] = False,
) -> None:
    """p50/p95 latency of search, speaker and article pages and their JSON twins under concurrent clients."""
    import json
    import os

    from ..bench.web import run_web_bench

    if not db.exists():
        raise _fail(f"{db}: no such database (build one with `quotegraph bench store --db {db}` or `quotegraph ingest`)")
    with stderr.status(f"bench web: {clients} clients, up to {requests} requests or {max_seconds:.0f} s on {db}"):
        report = run_web_bench(db, requests=requests, clients=clients, max_seconds=max_seconds, seed=seed,
                               workers=workers)
    table = Table(title=f"bench web: {db} ({report.quotes:,} quotes, {clients} clients, {workers} server "
                        f"process{'es' if workers > 1 else ''}, {report.seconds:.1f} s)")
    for col in ("kind", "requests", "p50 ms", "p95 ms", "max ms", "errors"):
        table.add_column(col, justify="left" if col == "kind" else "right")
    for kind, n, p50, p95, mx, errors in report.rows():
        table.add_row(kind, str(n), f"{p50:.1f}", f"{p95:.1f}", f"{mx:.1f}", str(errors))
    stdout.print(table)
    overall = report.rows()[-1]
    verdict = "met" if overall[3] <= 200 else "NOT met"
    if clients != 20:
        verdict += f" at {clients} clients (the target is for 20)"
    stdout.print(f"target p95 ≤ 200 ms under 20 clients: {verdict} (p95 {overall[3]:.1f} ms over all kinds)")
    stdout.print(f"server CPU per request: {report.server_cpu_ms_per_request():.1f} ms; clients' CPU per request: "
                 f"{report.as_dict()['client_cpu_ms_per_request']:.1f} ms "
                 f"({report.as_dict()['requests_per_second']} requests/s; 1-min load average {report.load_average:.1f} "
                 f"on {os.cpu_count()} cores, clients run on the same machine)")
    for line in report.status_errors:
        stderr.print(f"[yellow]failed request:[/] {line}")
    if as_json:
        stdout.print_json(json.dumps(report.as_dict()))
