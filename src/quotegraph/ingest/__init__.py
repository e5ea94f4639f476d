"""Reading and cleaning: files in, cleaned ``Document``s (or ``InputError``s) out.

``read_inputs`` is the only entry point the rest of the project needs; it knows
no linguistics. See ../../../../shared/DESIGN.md ("Contracts") for the offsets.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from os.path import commonpath
from pathlib import Path

from ..records import Document, InputError
from .clean import body_spans, clean_document
from .decode import DEFAULT_MAX_BYTES
from .errors import BadInput
from .meta import MetaTable, load_meta_csv, read_sidecar
from .readers import read_html, read_jsonl, read_txt, read_warc
from .walk import InputFile, iter_input_files

__all__ = ["read_inputs", "body_spans", "clean_document", "iter_input_files", "DEFAULT_MAX_BYTES"]


def _file_ids(files: list[InputFile]) -> dict[Path, str]:
    """Id per single-document file: its stem, or, when stems collide, its path
    relative to the colliding files' common folder (deterministic, readable)."""
    groups: dict[str, list[InputFile]] = defaultdict(list)
    for f in files:
        groups[f.stem].append(f)
    ids: dict[Path, str] = {}
    for stem, group in groups.items():
        if len(group) == 1:
            ids[group[0].path] = stem
            continue
        absolute = [str(f.path.resolve()) for f in group]
        root = Path(commonpath(absolute))
        for f, a in zip(group, absolute):
            ids[f.path] = Path(a).relative_to(root).as_posix()
    return ids


def _unique(doc_id: str, seen: dict[str, int]) -> str:
    """Same id twice in one run (two JSONL lines, one URL in two WARCs): add #2, #3..."""
    n = seen.get(doc_id, 0) + 1
    seen[doc_id] = n
    return doc_id if n == 1 else f"{doc_id}#{n}"


def read_file(item: InputFile, file_id: str, fields: dict, max_bytes: int) -> Iterator[Document | InputError]:
    """The raw (uncleaned) records of one input file, by its format; ``file_id`` names
    txt/html documents. Shared by ``read_inputs`` and the Ray engine's read tasks."""
    if item.format == "txt":
        return read_txt(item, file_id, fields, max_bytes)
    if item.format == "html":
        return read_html(item, file_id, fields, max_bytes)
    if item.format == "jsonl":
        return read_jsonl(item, fields, max_bytes)
    return read_warc(item, fields, max_bytes)


def read_inputs(
    paths: list[Path],
    meta_csv: Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | InputError]:
    """Yield a cleaned Document per article and an InputError per bad input, in a
    deterministic order (paths as given, directories sorted recursively)."""
    table = MetaTable()
    if meta_csv is not None:
        try:
            table = load_meta_csv(Path(meta_csv))
        except BadInput as exc:
            yield InputError(str(meta_csv), str(exc))

    items = list(iter_input_files([Path(p) for p in paths]))
    files = [f for f in items if isinstance(f, InputFile)]
    file_ids = _file_ids([f for f in files if f.format in ("txt", "html")])
    seen: dict[str, int] = {}

    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        try:
            fields = {**table.lookup(item.path), **read_sidecar(item.path)}
            for doc in read_file(item, file_ids.get(item.path, item.stem), fields, max_bytes):
                if isinstance(doc, InputError):
                    yield doc
                    continue
                doc.id = _unique(doc.id, seen)
                yield clean_document(doc)
        except BadInput as exc:
            yield InputError(str(item.path), str(exc))
        except Exception as exc:  # a reader bug must not stop the run either
            yield InputError(str(item.path), f"unexpected error: {type(exc).__name__}: {exc}")
