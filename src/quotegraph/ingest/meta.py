"""Metadata for text files: a sidecar NAME.meta.json, or rows of a --meta CSV.

CSV columns: path,url,outlet,published,title. A row's path may be absolute,
relative to the CSV's folder or to the working directory, or a bare file name
(used only when no other row has the same name).
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .errors import BadInput

FIELDS = ("url", "outlet", "published", "title")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_FORMATS = ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%d.%m.%Y", "%Y/%m/%d", "%d/%m/%Y")


def normalise_date(value: object) -> str | None:
    """YYYY-MM-DD from a metadata date, or None: a missing day or month is never invented."""
    if not isinstance(value, str) or not value.strip():
        return None
    m = _ISO_DATE.match(value)
    if m:
        try:
            return datetime(int(m[1]), int(m[2]), int(m[3])).strftime("%Y-%m-%d")
        except ValueError:
            return None
    text = value.strip()
    for fmt in _FORMATS:
        try:
            return datetime.strptime(text, fmt).strftime("%Y-%m-%d")
        except ValueError:
            continue
    return None


def clean_fields(raw: dict[str, object]) -> dict[str, str | None]:
    """The known metadata fields of a mapping, empty values dropped, date normalised."""
    out: dict[str, str | None] = {}
    for key in FIELDS:
        value = raw.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        out[key] = normalise_date(value) if key == "published" else str(value).strip()
    return out


def sidecar_path(path: Path) -> Path | None:
    """NAME.meta.json next to NAME.txt (NAME.txt.meta.json is accepted too)."""
    stem = path.name[: -len("".join(path.suffixes))] if path.suffixes else path.name
    for candidate in (path.with_name(stem + ".meta.json"), path.with_name(path.name + ".meta.json")):
        if candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path) -> dict[str, str | None]:
    side = sidecar_path(path)
    if side is None:
        return {}
    try:
        data = json.loads(side.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInput(f"bad sidecar metadata {side.name}: {exc}") from None
    if not isinstance(data, dict):
        raise BadInput(f"bad sidecar metadata {side.name}: not a JSON object")
    return clean_fields(data)


@dataclass(slots=True)
class MetaTable:
    """Rows of a --meta CSV, looked up by a file's path."""

    by_path: dict[Path, dict[str, str | None]] = field(default_factory=dict)
    by_name: dict[str, dict[str, str | None] | None] = field(default_factory=dict)  # None: ambiguous

    def lookup(self, path: Path) -> dict[str, str | None]:
        if not self.by_path and not self.by_name:
            return {}  # no --meta given: skip resolve(), which stats every path component
        resolved = path.resolve()
        if resolved in self.by_path:
            return self.by_path[resolved]
        return self.by_name.get(path.name) or {}


def load_meta_csv(csv_path: Path) -> MetaTable:
    table = MetaTable()
    try:
        with csv_path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or "path" not in reader.fieldnames:
                raise BadInput("metadata CSV needs a 'path' column (path,url,outlet,published,title)")
            for row in reader:
                raw_path = (row.get("path") or "").strip()
                if not raw_path:
                    continue
                fields = clean_fields(row)
                p = Path(raw_path)
                for base in ([p] if p.is_absolute() else [csv_path.parent / p, Path.cwd() / p]):
                    table.by_path.setdefault(base.resolve(), fields)
                name = p.name
                table.by_name[name] = None if name in table.by_name else fields
    except OSError as exc:
        raise BadInput(f"cannot read metadata CSV: {exc.strerror or exc}") from None
    return table
