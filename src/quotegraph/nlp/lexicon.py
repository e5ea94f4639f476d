"""Role words, titles, organisation words and pronoun genders (data/roles.yaml)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .resources import load_data


@dataclass(frozen=True)
class RoleLexicon:
    role_gender: dict[str, str]          # role word -> "M" | "F" | ""
    role_family: dict[str, frozenset[str]]
    titles: dict[str, str]
    org_words: frozenset[str]
    group_nouns: frozenset[str]
    org_nominals: frozenset[str]
    pronouns: dict[str, str]

    def plural_role(self, word: str) -> bool:
        """"MPs", "MEPs": a role word in the plural, a group and no one's name."""
        word = word.lower()
        return word.endswith("s") and word[:-1] in self.role_gender


@lru_cache(maxsize=1)
def load_role_lexicon() -> RoleLexicon:
    d = load_data("roles.yaml")
    roles = d["person_roles"]
    return RoleLexicon(
        role_gender={k.lower(): (v or {}).get("gender", "") for k, v in roles.items()},
        role_family={k.lower(): frozenset([k.lower(), *((v or {}).get("family") or [])]) for k, v in roles.items()},
        titles={k.lower(): v or "" for k, v in d["titles"].items()},
        org_words=frozenset(w.lower() for w in d["org_words"]),
        group_nouns=frozenset(w.lower() for w in d["group_nouns"]),
        org_nominals=frozenset(w.lower() for w in d["org_nominals"]),
        pronouns={k.lower(): v for k, v in d["pronouns"].items()},
    )
