"""User corrections to speaker linking, kept in a plain YAML file.

The file lives next to the database (``<db>.aliases.yaml``) unless another
path is given, and is applied on every link run after automatic linking, so a
correction survives re-linking. Speakers are named by an alias (any spelling
the corpus uses) rather than by id, because ids follow the merged clusters::

    merge:            # these names are one speaker
      - [Nikol Pashinian, Pashinyan]
    split:            # these names are never one speaker (a single name: on its own)
      - [Aliyev, Ilham Aliyev]
    rename:           # display name of the speaker holding this alias
      Zakharova: Maria Zakharova
    groups:           # the actor group a speaker speaks for (narratives; overrides the roles)
      Maria Zakharova: Russia (government)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml


class CorrectionsError(ValueError):
    """The alias file cannot be read or has the wrong shape (message names the file)."""


@dataclass(slots=True)
class Corrections:
    merge: list[list[str]] = field(default_factory=list)
    split: list[list[str]] = field(default_factory=list)
    rename: dict[str, str] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)

    def is_empty(self) -> bool:
        """No linking corrections (groups only matter to the narrative layer)."""
        return not (self.merge or self.split or self.rename)

    def to_dict(self) -> dict:
        out = {"merge": self.merge, "split": self.split, "rename": self.rename}
        if self.groups:
            out["groups"] = self.groups
        return out


def default_path(db_path: Path | str) -> Path:
    return Path(f"{db_path}.aliases.yaml")


def load(path: Path | str) -> Corrections:
    """Read corrections; a missing file is no corrections, a malformed one an error naming it."""
    path = Path(path)
    if not path.exists():
        return Corrections()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CorrectionsError(f"{path}: cannot read alias file: {exc}") from exc
    if not isinstance(data, dict):
        raise CorrectionsError(f"{path}: expected a mapping with merge/split/rename, got {type(data).__name__}")
    unknown = set(data) - {"merge", "split", "rename", "groups"}
    if unknown:
        raise CorrectionsError(f"{path}: unknown section(s) {sorted(unknown)} (expected merge, split, rename, groups)")

    def groups(section: str) -> list[list[str]]:
        value = data.get(section) or []
        if not isinstance(value, list) or not all(
            isinstance(g, list) and g and all(isinstance(n, str) for n in g) for g in value
        ):
            raise CorrectionsError(f"{path}: '{section}' must be a list of lists of names")
        return [[n.strip() for n in g] for g in value]

    def mapping(section: str) -> dict[str, str]:
        value = data.get(section) or {}
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            raise CorrectionsError(f"{path}: '{section}' must map an alias to a name")
        return {k.strip(): v.strip() for k, v in value.items()}

    return Corrections(merge=groups("merge"), split=groups("split"), rename=mapping("rename"),
                       groups=mapping("groups"))


def save(corrections: Corrections, path: Path | str) -> None:
    """Write atomically (temp file + rename) so a killed command never leaves half a file."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    header = "# quotegraph speaker corrections: applied on every `quotegraph link` run\n"
    tmp.write_text(header + yaml.safe_dump(corrections.to_dict(), allow_unicode=True, sort_keys=False),
                   encoding="utf-8")
    tmp.replace(path)
