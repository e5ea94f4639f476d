"""The Ray engine: the local engine's read -> extract, spread over a Ray cluster.

Pipeline (Ray Data):

1. read: one task per input file (``sources.read_unit``: the ingest readers and
   cleaning, exactly as the local engine runs them), rows cut into blocks of
   ``batch_size`` documents and materialised in the object store;
2. ids: the driver makes ids unique run-wide in input order (as ``read_inputs``
   does) from the small (unit, position, id) columns;
3. extract: an actor pool of ``num_workers`` ``ExtractWorker``s, each loading the
   models once; a worker killed mid-batch is restarted and the batch retried;
   one document failing becomes an error row, never a failed job;
4. sink: Parquet shards (schema.py) plus an errors file, or a stream of
   ``DocResult | InputError`` in input order for ``extract``/``ingest``.

Step 1 finishes before step 3 starts: the id pass needs every id, and no read
task then competes with the actors for CPUs.
"""
from __future__ import annotations

import json
import logging
import os
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from ..ingest import DEFAULT_MAX_BYTES
from ..records import DocResult, Document, InputError
from . import codec, worker_stats
from .schema import SCHEMA
from .sources import Plan, ReadUnit, plan_inputs, plan_renames, read_unit

Extractor = Callable[[Document], DocResult]

# Documents per extract task: small enough to spread a few hundred documents
# over many workers and to lose little work when a worker dies, large enough
# that per-task overhead (~ms) is small next to extraction (~20-100 ms/doc).
DEFAULT_BATCH_SIZE = 16
# Rows per Parquet shard (at least): ~1,000 news articles make a shard of a
# few MB, few enough files for a million documents, small enough to load in memory.
DEFAULT_ROWS_PER_FILE = 1000
# A task is retried this often after its worker died; a document that kills
# its worker every time then fails the job instead of looping forever.
MAX_TASK_RETRIES = 3
WARM_UP_TEXT = "The minister said on Monday that the talks would continue."

READ_SCHEMA = pa.schema(
    [
        ("unit", pa.int64()),  # index of the input file in the run
        ("pos", pa.int64()),  # index of the record inside that file's output
        ("raw_id", pa.string()),  # id before run-wide de-duplication
        ("doc_json", pa.large_string()),  # codec.document_to_json, null for an error
        ("text_sha256", pa.string()),  # Document.hash, for ingest's skip-if-stored check
        ("err_path", pa.string()),
        ("err_reason", pa.string()),
    ]
)


@dataclass(slots=True)
class RunSummary:
    documents: int = 0
    errors: int = 0
    seconds: float = 0.0
    workers: int = 0
    shards: list[str] = field(default_factory=list)
    errors_path: str | None = None
    worker_reports: list[worker_stats.WorkerReport] = field(default_factory=list)


# --- Ray session -------------------------------------------------------------

@contextmanager
def ray_session(address: str | None = None, num_cpus: int | None = None) -> Iterator[None]:
    """Connect to ``address`` (a running cluster, "auto", or $RAY_ADDRESS), or start
    a local instance; shut down only what was started here."""
    import ray

    if ray.is_initialized():
        yield
        return
    kwargs: dict[str, Any] = {"include_dashboard": False, "logging_level": logging.WARNING}
    address = address or os.environ.get("RAY_ADDRESS")
    if address:
        kwargs["address"] = address  # a running cluster decides its own CPUs
    else:
        # "local" always starts a fresh instance: a bare ray.init() would join whatever
        # cluster /tmp/ray/ray_current_cluster last named, even a stopped one.
        kwargs["address"] = "local"
        if num_cpus:
            kwargs["num_cpus"] = num_cpus
    ray.init(**kwargs)
    try:
        yield
    finally:
        ray.shutdown()


@contextmanager
def _data_context(preserve_order: bool) -> Iterator[None]:
    import ray.data

    ctx = ray.data.DataContext.get_current()
    data_log = logging.getLogger("ray.data")
    saved = (ctx.execution_options.preserve_order, ctx.enable_progress_bars, data_log.level)
    ctx.execution_options.preserve_order = preserve_order
    ctx.enable_progress_bars = False  # the CLI shows one Rich bar instead
    data_log.setLevel(logging.WARNING)  # per-stage INFO lines would bury the error lines
    try:
        yield
    finally:
        ctx.execution_options.preserve_order, ctx.enable_progress_bars, level = saved
        data_log.setLevel(level)


def cluster_cpus() -> int:
    import ray

    return max(1, int(ray.cluster_resources().get("CPU", 1)))


# --- stage 1: read -----------------------------------------------------------

def _read_units(batch: pa.Table, meta_csv: str | None, max_bytes: int, cwd: str) -> pa.Table:
    # Relative input paths mean the same file on every node (shared storage,
    # same mount point); sources keep the paths exactly as the user gave them.
    if os.path.isdir(cwd):
        os.chdir(cwd)
    rows: list[dict[str, Any]] = []
    for raw in batch.to_pylist():
        unit = ReadUnit(**raw)
        for pos, (raw_id, item) in enumerate(read_unit(unit, meta_csv, max_bytes)):
            row = {"unit": unit.index, "pos": pos, "raw_id": raw_id, "doc_json": None, "text_sha256": None,
                   "err_path": None, "err_reason": None}
            if isinstance(item, InputError):
                row.update(err_path=item.path, err_reason=item.reason)
            else:
                row.update(doc_json=codec.document_to_json(item), text_sha256=item.hash)
            rows.append(row)
    return pa.Table.from_pylist(rows, schema=READ_SCHEMA)


def _read_dataset(plan: Plan, max_bytes: int, batch_size: int):
    import ray.data

    units = [asdict(u) for u in plan.units]
    ds = ray.data.from_items(units, override_num_blocks=max(1, len(units)))
    ds = ds.map_batches(
        _read_units,
        batch_size=1,
        batch_format="pyarrow",
        fn_kwargs={"meta_csv": plan.meta_csv, "max_bytes": max_bytes, "cwd": plan.cwd},
    )
    return ds.repartition(target_num_rows_per_block=batch_size).materialize()


# --- stage 2: run-wide ids ---------------------------------------------------

SkipCheck = Callable[[str, str], bool]  # (document id, text sha256) -> already stored unchanged?


@dataclass(slots=True)
class IdPlan:
    renames: dict[tuple[int, int], str]  # (unit, pos) -> unique id, only the changed ones
    offsets: dict[int, int]  # unit -> input-order number of its first record
    skip: set[tuple[int, int]]  # documents not to extract (ingest: stored unchanged)
    documents: int  # documents to extract
    errors: int  # bad inputs found while reading


def _plan_ids(read_ds, skip: SkipCheck | None) -> IdPlan:
    columns = ["unit", "pos", "raw_id", "err_reason", "text_sha256"]
    keys: list[tuple[int, int, str | None, bool, str | None]] = []
    for batch in read_ds.select_columns(columns).iter_batches(batch_format="pyarrow"):
        cols = batch.to_pydict()
        is_error = [r is not None for r in cols["err_reason"]]
        keys.extend(zip(cols["unit"], cols["pos"], cols["raw_id"], is_error, cols["text_sha256"]))
    keys.sort(key=lambda k: (k[0], k[1]))
    renames = plan_renames(((u, p), raw_id) for u, p, raw_id, _e, _h in keys)
    counts: dict[int, int] = {}
    for k in keys:
        counts[k[0]] = counts.get(k[0], 0) + 1
    offsets, total = {}, 0
    for u in sorted(counts):
        offsets[u] = total
        total += counts[u]
    skipped: set[tuple[int, int]] = set()
    if skip is not None:
        for u, p, raw_id, is_err, digest in keys:
            if not is_err and raw_id is not None and skip(renames.get((u, p), raw_id), digest):
                skipped.add((u, p))
    errors = sum(1 for k in keys if k[3])
    return IdPlan(renames, offsets, skipped, len(keys) - errors - len(skipped), errors)


# --- stage 3: extract --------------------------------------------------------

BatchExtractor = Callable[[list[Document]], list[DocResult | InputError]]


def default_extractor() -> BatchExtractor:
    """The local engine's own batch function: both engines extract with the same code."""
    from ..engine import extract_batch

    return extract_batch


def _per_document(extract: Extractor) -> BatchExtractor:
    """A one-document extractor (tests, benchmarks) run over a batch, failures isolated."""
    def run(docs: list[Document]) -> list[DocResult | InputError]:
        out: list[DocResult | InputError] = []
        for doc in docs:
            try:
                out.append(extract(doc))
            except Exception as exc:  # one bad document never stops a run (same message as the engine)
                out.append(InputError(doc.source, f"extraction failed: {type(exc).__name__}: {exc}"))
        return out
    return run


class ExtractWorker:
    """One per worker process: models loaded once in __init__, then batch after batch."""

    def __init__(
        self,
        renames: dict[tuple[int, int], str],
        offsets: dict[int, int],
        skip: set[tuple[int, int]] | None = None,
        collector=None,
        extractor: Extractor | None = None,
    ) -> None:
        self.extract_batch = _per_document(extractor) if extractor else default_extractor()
        self.renames = renames
        self.offsets = offsets
        self.skip = skip or set()
        self.collector = collector
        self.documents = 0
        self.busy = 0.0
        self.cpu = 0.0
        self.first_start: float | None = None
        self.last_end: float | None = None
        # Load the models now, not inside the first timed batch.
        self.extract_batch([Document(id="warm-up", source="<warm-up>", text=WARM_UP_TEXT)])
        self._report()

    def _report(self) -> None:
        if self.collector is not None:
            report = worker_stats.measure_self(self.documents, self.busy, self.first_start, self.last_end, self.cpu)
            worker_stats.send(self.collector, report)

    def __call__(self, batch: pa.Table) -> pa.Table:
        if self.first_start is None:
            self.first_start = time.time()
        rows: list[dict[str, Any] | None] = []
        todo: list[tuple[int, Document]] = []  # (row index, document) extracted together below
        seqs: list[int] = []
        for row in batch.to_pylist():
            key = (row["unit"], row["pos"])
            seqs.append(self.offsets[row["unit"]] + row["pos"])
            if row["doc_json"] is None:
                rows.append(codec.error_to_row(InputError(row["err_path"], row["err_reason"]),
                                               self.renames.get(key, row["raw_id"])))
                continue
            doc = codec.document_from_json(row["doc_json"])
            doc.id = self.renames.get(key, doc.id)
            if key in self.skip:
                rows.append(codec.skipped_row(doc))
            else:
                todo.append((len(rows), doc))
                rows.append(None)
        if todo:
            start, cpu_start = time.perf_counter(), time.thread_time()
            try:
                results = self.extract_batch([doc for _, doc in todo])
            finally:
                self.busy += time.perf_counter() - start
                self.cpu += time.thread_time() - cpu_start
                self.documents += len(todo)
            for (index, doc), result in zip(todo, results):
                rows[index] = (codec.error_to_row(result, doc.id) if isinstance(result, InputError)
                               else codec.result_to_row(result))
        for row, seq in zip(rows, seqs):
            row["seq"] = seq
        self.last_end = time.time()
        self._report()
        return pa.Table.from_pylist(rows, schema=SCHEMA)


def _extract_dataset(read_ds, ids: IdPlan, num_workers: int, batch_size: int, collector, extractor: Extractor | None):
    import ray.data

    with warnings.catch_warnings():
        # Ray 2.60 has no named parameter for actor restarts/retries yet; the
        # **ray_remote_args path still works (pinned in pyproject) but warns.
        warnings.simplefilter("ignore", DeprecationWarning)
        return _map_extract(read_ds, ids, num_workers, batch_size, collector, extractor)


def _map_extract(read_ds, ids: IdPlan, num_workers: int, batch_size: int, collector, extractor: Extractor | None):
    import ray.data

    return read_ds.map_batches(
        ExtractWorker,
        fn_constructor_kwargs={
            "renames": ids.renames, "offsets": ids.offsets, "skip": ids.skip, "collector": collector, "extractor": extractor,
        },
        batch_size=batch_size,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=num_workers),
        num_cpus=1,
        max_restarts=-1,
        max_task_retries=MAX_TASK_RETRIES,
    )


# --- the two entry points -----------------------------------------------------

@dataclass(slots=True)
class _Prepared:
    plan: Plan
    ids: IdPlan
    dataset: Any
    collector: Any
    workers: int


def _prepare(
    plan: Plan,
    max_bytes: int | None,
    num_workers: int | None,
    batch_size: int,
    extractor: Extractor | None,
    skip: SkipCheck | None = None,
) -> _Prepared:
    read_ds = _read_dataset(plan, max_bytes or DEFAULT_MAX_BYTES, batch_size)
    ids = _plan_ids(read_ds, skip)
    workers = num_workers or cluster_cpus()
    collector = worker_stats.start_collector()
    ds = _extract_dataset(read_ds, ids, workers, batch_size, collector, extractor)
    return _Prepared(plan, ids, ds, collector, workers)


def iter_results(
    paths: Iterable[Path | str],
    meta_csv: Path | str | None = None,
    max_bytes: int | None = None,
    *,
    address: str | None = None,
    num_workers: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    extractor: Extractor | None = None,
    skip: SkipCheck | None = None,
) -> Iterator[DocResult | InputError | Document]:
    """Drop-in for ``engine.process``: the same items in the same order, computed on Ray.

    With ``skip``, a document for which ``skip(id, text_sha256)`` is true is not
    extracted and comes back as its ``Document`` (ingest counts it unchanged).
    """
    plan = plan_inputs(paths, meta_csv)
    if plan.meta_error is not None:
        yield plan.meta_error
    if not plan.units:
        return  # nothing to read: no cluster needed
    with ray_session(address), _data_context(preserve_order=True):
        prep = _prepare(plan, max_bytes, num_workers, batch_size, extractor, skip)
        try:
            for batch in prep.dataset.iter_batches(batch_format="pyarrow", batch_size=batch_size):
                for row in batch.to_pylist():
                    yield codec.row_to_item(row)
        finally:
            _stop(prep.collector)


def _stop(actor) -> None:
    import ray

    ray.kill(actor)  # the session may outlive the job (tests, a notebook): leave no actor behind


def extract_to_parquet(
    inputs: Iterable[Path | str],
    out_dir: Path | str,
    *,
    address: str | None = None,
    num_workers: int | None = None,
    errors_path: Path | str | None = None,
    meta_csv: Path | str | None = None,
    max_bytes: int | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    rows_per_file: int = DEFAULT_ROWS_PER_FILE,
    extractor: Extractor | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    on_reports: Callable[[list[worker_stats.WorkerReport]], None] | None = None,
) -> RunSummary:
    """Extract every input on Ray into Parquet shards in ``out_dir`` (schema.py).

    Bad inputs and failed documents are rows with ``error`` set in the shards
    and lines ``{"seq", "path", "id", "reason"}`` in ``errors_path`` (default
    OUT_DIR/errors.jsonl). ``on_progress(done, total)`` is called about twice a
    second with documents extracted so far (counted inside the workers), and
    ``on_reports`` with every worker process's latest report (pid, peak RSS...).
    """
    out = Path(out_dir)
    if out.exists() and any(out.glob("*.parquet")):
        raise FileExistsError(f"{out}: already holds Parquet shards; choose an empty or new directory")
    errors_file = Path(errors_path) if errors_path else out / "errors.jsonl"
    started = time.perf_counter()
    plan = plan_inputs(inputs, meta_csv)
    if not plan.units:  # nothing to read: no cluster needed
        errors = write_errors_file([], errors_file, plan.meta_error)
        return RunSummary(errors=len(errors), seconds=time.perf_counter() - started, errors_path=str(errors_file))
    # preserve_order: shards hold the records in input order (so `load` stores
    # them in the local engine's order); costs little with small batches.
    with ray_session(address), _data_context(preserve_order=True):
        prep = _prepare(plan, max_bytes, num_workers, batch_size, extractor)
        total = prep.ids.documents
        failure: list[BaseException] = []

        def write() -> None:
            try:
                prep.dataset.write_parquet(str(out.resolve()), min_rows_per_file=rows_per_file)
            except BaseException as exc:  # re-raised in the caller's thread
                failure.append(exc)

        writer = threading.Thread(target=write, name="ray-write-parquet", daemon=True)
        writer.start()
        try:
            while writer.is_alive():
                writer.join(0.5)
                if on_progress is None and on_reports is None:
                    continue
                reports = worker_stats.reports(prep.collector)
                if on_reports is not None:
                    on_reports(reports)
                if on_progress is not None:
                    on_progress(min(sum(r.documents for r in reports), total), total)
            if failure:
                raise failure[0]
            reports = worker_stats.reports(prep.collector)
        finally:
            _stop(prep.collector)
    shards = sorted(str(p) for p in out.glob("*.parquet"))
    errors = write_errors_file(shards, errors_file, prep.plan.meta_error)
    return RunSummary(
        documents=total - _extraction_failures(errors),
        errors=len(errors),
        seconds=time.perf_counter() - started,
        workers=prep.workers,
        shards=shards,
        errors_path=str(errors_file),
        worker_reports=reports,
    )


def _extraction_failures(errors: list[dict[str, Any]]) -> int:
    return sum(1 for e in errors if e["reason"].startswith("extraction failed:"))


def write_errors_file(shards: list[str], path: Path, first: InputError | None = None) -> list[dict[str, Any]]:
    """Collect the error rows of the shards into JSONL, in input order."""
    import pyarrow.dataset as pads

    errors: list[dict[str, Any]] = []
    if first is not None:
        errors.append({"seq": -1, "path": first.path, "id": None, "reason": first.reason})
    if shards:
        table = pads.dataset(shards, format="parquet").to_table(
            columns=["seq", "source", "id", "error"], filter=pads.field("error").is_valid()
        )
        rows = sorted(table.to_pylist(), key=lambda r: r["seq"])
        errors.extend({"seq": r["seq"], "path": r["source"], "id": r["id"], "reason": r["error"]} for r in rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for e in errors:
            fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    return errors
