"""Actors and the groups they speak for.

A speaker speaks for a government when a role the articles give says so: a
government word (data/groups.yaml) and a country ("Russian Foreign Ministry
spokeswoman", "Velmora's foreign minister", "foreign minister of Ostrava"); for a
party when a role or the organisation's name names one; otherwise for themself.
An organisation or country speaking ("the Russian Foreign Ministry said",
"Dravenia said") speaks for that country's government. The alias file's
``groups:`` section (link/corrections.py) overrides any of it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from ..names import DEMONYMS, nationalities_in
from pathlib import Path

_COUNTRY_OF = {adj: country for country, adj in DEMONYMS.items() if len(country) > 3}
_POSSESSIVE = re.compile(r"\b([A-Z][\w-]+)['’]s\b")
_OF_PLACE = re.compile(r"\bof (?:the )?([A-Z][\w-]+)\b")
_NOT_PLACES = {"State", "Foreign", "Defence", "Defense", "Interior", "Justice", "Finance", "Health", "Commons",
               "Lords", "Parliament", "Congress", "Senate", "Ministry", "Affairs", "Department", "The"}


@dataclass(frozen=True)
class GroupLexicon:
    government: tuple[str, ...]
    parties: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def lexicon() -> GroupLexicon:
    data = yaml.safe_load((Path(__file__).with_name("data") / "groups.yaml").read_text(encoding="utf-8"))
    return GroupLexicon(tuple(data["government_words"]),
                        {name: tuple(forms) for name, forms in data["parties"].items()})


def _has_word(text: str, phrase: str) -> bool:
    return re.search(rf"\b{re.escape(phrase)}\b", text) is not None


def _country(text: str) -> str | None:
    found = sorted(nationalities_in(text))
    if found:
        adj = found[0]
        return _COUNTRY_OF.get(adj, adj).title()
    for pattern in (_POSSESSIVE, _OF_PLACE):
        for match in pattern.finditer(text):
            if match[1] not in _NOT_PLACES:
                return match[1]
    return None


def party_of(text: str) -> str | None:
    low = text.lower()
    for party, forms in lexicon().parties.items():
        if any(_has_word(low, form) for form in forms):
            return party
    return None


def group_for(name: str, speaker_type: str | None, roles: list[str], overrides: dict[str, str] | None = None) -> str:
    """The group ``name`` speaks for (its own name when nothing says otherwise)."""
    overrides = overrides or {}
    if name in overrides:
        return overrides[name]
    lex = lexicon()
    for role in roles:
        party = party_of(role)
        if party:
            return party
        low = role.lower()
        if any(_has_word(low, w) for w in lex.government):
            country = _country(role)
            if country:
                return f"{country} (government)"
    if speaker_type in ("ORG", "GPE"):
        party = party_of(name)
        if party:
            return party
        if speaker_type == "GPE":
            return f"{name} (government)"
        if any(_has_word(name.lower(), w) for w in lex.government):
            country = _country(name)
            if country:
                return f"{country} (government)"
    return name
