"""The gender a given name tells ("Mary" -> F, "Michael" -> M, "Jan" -> nothing).

The source is the table of the `nomquamgender` package (MIT): name_data.json maps
a lower-cased, transliterated given name to [sources, counts, p(gf), ...], 721k
names. Reading that 22 MB JSON costs over a second per process, so the names it
decides (enough counts, p(gf) near 0 or 1) are written once to a small table in
the user's cache directory, named after the package version and the file's hash
as pip recorded it; a process reads only that (about 15k lines) and rebuilds it
when it is missing. The package module itself is never imported (it loads pandas
and the whole file at import).
"""
from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import json
import os
import tempfile
import warnings
from functools import lru_cache
from pathlib import Path

import platformdirs

from ...names import strip_diacritics

PACKAGE = "nomquamgender"
DATA_FILE = "name_data.json"
# A name decides a gender only when it was seen often and almost always for one gender:
# at least MIN_COUNTS people and p(gf) <= DECISIVE_P (M) or >= 1 - DECISIVE_P (F). Leaves
# "Jan" (0.24), "Kim" (0.67), "Jean" (0.48), "Andrea" (0.83), "Nicola" (0.64) open. Tuned on
# the speakers of 1,000 BBC articles: at 1,000 / 0.05, 9 changed (8 right, 1 wrong name left
# unresolved); 100 counts changed nothing more; 0.1 changed 2 more, 1 right ("Marion") and 1
# still wrong ("Karen", 0.90-0.95: also a man's name in Armenian), so the stricter cut stays.
MIN_COUNTS = 1000
DECISIVE_P = 0.05
TABLE_VERSION = 1  # bump when the table's layout changes


def given_name_gender(name: str) -> str:
    """"M" or "F" when the given name (a word as written: "Mary", "José") decides a gender, else ""."""
    return decisive_names().get(strip_diacritics(name).lower().strip(".,"), "")


@lru_cache(maxsize=1)
def decisive_names() -> dict[str, str]:
    """The decisive names, from the cached table (built on first use). Empty, with a warning,
    when the package or its file cannot be read: names then give no gender."""
    try:
        cache = table_path()
        if not cache.exists():
            build_table(cache)
        try:
            return read_table(cache)
        except ValueError:  # a damaged cache: build it again
            build_table(cache)
            return read_table(cache)
    except (OSError, ValueError, importlib.metadata.PackageNotFoundError) as err:
        warnings.warn(f"given-name genders unavailable ({PACKAGE}/{DATA_FILE}): {err}", stacklevel=2)
        return {}


def installed_file() -> tuple[str, str, Path]:
    """The package version, the sha256 pip recorded for its name file and the file's path, all
    from the installed RECORD: no 22 MB file is hashed per process, and the package is not
    imported (importlib.resources.files would import it, and its import loads the whole file)."""
    dist = importlib.metadata.distribution(PACKAGE)
    for f in dist.files or ():
        if f.name == DATA_FILE and f.parent.name == PACKAGE and f.hash is not None:
            return dist.version, f.hash.value, Path(str(dist.locate_file(f)))
    raise ValueError(f"{PACKAGE} {dist.version}: no recorded hash for {DATA_FILE}")


def table_path() -> Path:
    version, digest, _ = installed_file()
    name = f"name_gender-{PACKAGE}-{version}-{digest[:16]}-c{MIN_COUNTS}-p{DECISIVE_P}-v{TABLE_VERSION}.tsv"
    return Path(platformdirs.user_cache_dir("quotegraph")) / name


def decide(counts: int, p_female: float) -> str:
    if counts < MIN_COUNTS:
        return ""
    return "M" if p_female <= DECISIVE_P else "F" if p_female >= 1 - DECISIVE_P else ""


def build_table(dest: Path) -> None:
    """Write the decisive names of the package's file to ``dest`` (atomically: processes
    building it at once each write a whole file)."""
    _, digest, source = installed_file()
    raw = source.read_bytes()
    if base64.urlsafe_b64encode(hashlib.sha256(raw).digest()).rstrip(b"=").decode() != digest:
        raise ValueError(f"{source}: contents differ from the hash pip recorded")
    data = json.loads(raw)
    lines = [f"{name}\t{g}\n" for name, row in sorted(data.items())
             if "\t" not in name and "\n" not in name and (g := decide(row[1], row[2]))]
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=dest.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.writelines(lines)
    os.replace(tmp, dest)


def read_table(path: Path) -> dict[str, str]:
    table = {}
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            name, sep, gender = line.rstrip("\n").partition("\t")
            if not sep or gender not in ("M", "F"):
                raise ValueError(f"{path}: line {n} is not 'name<TAB>M|F'")
            table[name] = gender
    return table
