"""Which files to read: explicit paths in the order given, directories walked
recursively in sorted order, each file tagged with its format."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..records import InputError

FORMATS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".xhtml": "html", ".jsonl": "jsonl", ".warc": "warc"}
SUPPORTED_HELP = ".txt .html .htm .jsonl .warc (optionally .gz-compressed, e.g. .warc.gz)"


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path
    format: str | None  # None: not a supported file type
    compressed: bool

    @property
    def stem(self) -> str:
        """File name without its format suffixes: 'a.warc.gz' -> 'a'."""
        name = self.path.name
        suffix = ""
        if self.compressed:
            suffix = name[name.lower().rfind(".gz") :]
            name = name[: -len(suffix)]
        dot = name.rfind(".")
        return name[:dot] if dot > 0 else name


def classify(path: Path) -> InputFile:
    suffixes = [s.lower() for s in path.suffixes]
    compressed = bool(suffixes) and suffixes[-1] == ".gz"
    if compressed:
        suffixes = suffixes[:-1]
    fmt = FORMATS.get(suffixes[-1]) if suffixes else None
    return InputFile(path, fmt, compressed)


def _is_metadata(path: Path) -> bool:
    return path.name.lower().endswith(".meta.json")


def iter_input_files(paths: Iterable[Path]) -> Iterator[InputFile | InputError]:
    """Every file to read; a missing path is an InputError, unsupported files
    inside directories are skipped (given explicitly they are an error)."""
    for path in paths:
        if path.is_dir():
            for sub in sorted(path.rglob("*"), key=lambda p: p.as_posix()):
                if sub.is_dir() or _is_metadata(sub):
                    continue
                item = classify(sub)
                if item.format is not None:
                    yield item
        elif path.exists() or path.is_symlink():
            item = classify(path)
            if item.format is None:
                yield InputError(str(path), f"unsupported file type (expected {SUPPORTED_HELP})")
            else:
                yield item
        else:
            yield InputError(str(path), "no such file or directory")
