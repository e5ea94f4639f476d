"""Canonical speakers across documents.

Extraction resolves speakers inside one document ("she" -> "Maria Zakharova");
this module decides which of those per-document speakers are one speaker in
the corpus. It works block by block: people by folded surname key (see
names.py), organisations and places by normalised name key, unnamed speakers
by role description, so linking new documents only revisits their blocks.

Inside a person block:
* full names join when their given names are compatible (equal after folding,
  an initial, or a rapidfuzz match for spelling variants) and the countries in
  their roles do not conflict; different given names are different people
  (Ilham Aliyev is not Elnur Aliyev).
* a surname alone ("Blair", "Mr Blair") joins the one person it can be; with
  several candidates the context decides (same document, co-mentioned names,
  role, outlet, date, the gender a title or role gives) and an undecided
  surname stays a speaker of its own rather than a wrong merge. A person of
  another gender ("Mr Blair" is not Cherie Blair), of a role of another kind
  ("Mr Blair, the police commissioner" is not the prime minister) or of
  another country is never a candidate.
Organisations join only on equal keys: "Russian Foreign Ministry" and
"Azerbaijani Foreign Ministry" differ in one word and stay two speakers.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz

from ..names import (
    alias_key,
    fold_token,
    given_names_compatible,
    nationalities_in,
    org_key,
    parse_person,
    role_key,
    strip_diacritics,
    tokens,
)
from ..nlp.lexicon import load_role_lexicon
from .corrections import Corrections
from .types import CanonicalSpeaker, RoleStatement, SpeakerMention

ORG_TYPES = frozenset({"ORG", "GPE", "GROUP", "NORP", "FAC", "LOC"})
# Words that make an untyped name an organisation rather than a person.
_ORG_WORDS = re.compile(
    r"\b(ministry|club|council|committee|government|parliament|party|agency|office|service|"
    r"union|bank|court|army|forces|association|institute|university|embassy|kremlin|"
    r"commission|assembly|duma|department|news|press|tass|ria)\b",
    re.IGNORECASE,
)
# Given-name spelling variants left after folding ("Aleksander"/"Aleksandr",
# "Mihail"/"Michail") score >= 85 with rapidfuzz's ratio; distinct names such
# as "Ilham"/"Elnur" or "Maria"/"Mihail" score below 60. Chosen by hand on
# those examples and the sample corpus's name list (no miss, no false merge).
GIVEN_NAME_FUZZ = 85
# Context score a surname-only mention needs, and its margin over the runner-up,
# to join one of several people sharing the surname (sample corpus: the
# same-document signal alone is worth 3; below 1 nothing distinguishes them).
SURNAME_MIN_SCORE = 1.0
SURNAME_MARGIN = 1.0
# Dates this close count as the same news cycle for context scoring.
CONTEXT_DAYS = 30


# Words that describe an organisation without naming whose it is: "the Foreign
# Ministry" alone is a different ministry in different articles.
GENERIC_ORG_WORDS = frozenset(
    """ministry foreign defence interior office service services committee council government agency
    department border guard guards bank central security forces army parliament court police press
    national state federal ministers minister spokesman spokeswoman""".split()
)


def block_of(m: SpeakerMention) -> str:
    """The blocking key: speakers in different blocks are never merged automatically.

    An organisation named only by generic words ("Foreign Ministry") stays on
    its own: nothing in the name says which country's it is. So does an unnamed
    group (type GROUP: "analysts", "prosecutors", "some economists"): the analysts
    of one article are not those of the next, and linking them would make one
    speaker of every anonymous source in the corpus.
    """
    if m.type in ORG_TYPES or (m.type == "UNKNOWN" and _ORG_WORDS.search(m.name)):
        key = org_key(m.name)
        if key and (m.type == "GROUP" or all(w in GENERIC_ORG_WORDS for w in key.split())
                    or _described_body(m.name)):
            return f"O:{key}@{m.doc_id}#{m.local_id}"
        return "O:" + key
    person = parse_person(m.name)
    if person is not None:
        return "P:" + person.surname
    key = role_key(m.name)
    if len(_role_words(key)) < 2:
        # "the newspaper", "the firm", "the spokesman": one word says whose in no article
        # but its own, so such a speaker stays per document (as generic org names do)
        return f"R:{key}@{m.doc_id}#{m.local_id}"
    return "R:" + key


def _described_body(name: str) -> bool:
    """A body described, not named: a lower-case head that is no state institution's ("The
    party", "his party's", "The US company"; "the US government" is one body per country)
    or a capitalised description noun alone ("Party", "Company")."""
    words = re.findall(r"[\w&-]+", re.sub(r"['’]s\b", "", name))
    if not words:
        return False
    head = words[-1]
    generic = head.lower() in GENERIC_ORG_WORDS
    if head.islower():
        return not generic
    return len(words) == 1 and head.lower() in load_role_lexicon().org_nominals


def given_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Given names of one person: equal, an initial, or a close spelling variant."""
    if given_names_compatible(a, b):
        return True
    x, y = a[0], b[0]
    if x[0] != y[0] or min(len(x), len(y)) < 5:
        return False
    if x + "a" == y or y + "a" == x:  # Ivan / Ivana: different people
        return False
    return fuzz.ratio(x, y) >= GIVEN_NAME_FUZZ


@lru_cache(maxsize=65_536)
def gender_of(name: str, role: str | None = None) -> str:
    """"M" or "F" from a courtesy title in the name ("Mrs Blair") or a gendered word
    of the role ("wife of the prime minister"), else "" (unknown)."""
    lex = load_role_lexicon()
    for word in tokens(name):
        g = lex.titles.get(word.lower()) or lex.titles.get(word.lower() + ".")
        if g:
            return g
    for word in re.findall(r"[a-z]+", (role or "").lower()):
        g = lex.role_gender.get(word)
        if g:
            return g
    return ""


def _days_apart(a: str | None, b: str | None) -> int | None:
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) if a and b else None
    except ValueError:
        return None


@dataclass(slots=True)
class _Cluster:
    given: tuple[str, ...] = ()
    members: list[SpeakerMention] = field(default_factory=list)
    nations: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    role_heads: set[str] = field(default_factory=set)
    context: Counter = field(default_factory=Counter)
    genders: set[str] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)
    outlets: set[str] = field(default_factory=set)
    dates: list[str] = field(default_factory=list)
    block: str = ""
    external_id: str | None = None  # joins a speaker decided in an earlier run

    def add(self, m: SpeakerMention) -> None:
        self.members.append(m)
        self.nations |= nationalities_in(m.role)
        if m.role:
            self.roles.add(role_key(m.role))
            self.role_heads.add(role_head(m.role))
        self.context.update(m.context)
        if gender := gender_of(m.name, m.role):
            self.genders.add(gender)
        self.docs.add(m.doc_id)
        if m.outlet:
            self.outlets.add(m.outlet)
        if m.published:
            self.dates.append(m.published)

    def conflicts(self, m: SpeakerMention, surname_only: bool = False) -> bool:
        """Roles naming different countries mean different people; for a bare
        surname, so do roles of different kinds ("head of the delegation" is not
        "wife of the delegation leader")."""
        theirs = nationalities_in(m.role)
        if self.nations and theirs and not (self.nations & theirs):
            return True
        gender = gender_of(m.name, m.role)
        if gender and self.genders and gender not in self.genders:
            return True
        if surname_only and m.role and self.role_heads:
            head = role_head(m.role)
            return bool(head and all(h and not same_role_kind(head, h) for h in self.role_heads))
        return False

    def context_score(self, m: SpeakerMention) -> float:
        score = 0.0
        if m.doc_id in self.docs:
            score += 3.0  # the same article names the person in full
        score += min(2.0, 1.0 * sum(1 for k in m.context if k in self.context))  # each shared co-mentioned name
        if m.role and role_key(m.role) in self.roles:
            score += 1.0
        if (gender := gender_of(m.name, m.role)) and gender in self.genders:
            score += 1.0  # "Mrs Blair" and a woman of that surname
        if m.outlet and m.outlet in self.outlets:
            score += 0.25
        if any((d := _days_apart(m.published, other)) is not None and d <= CONTEXT_DAYS for other in self.dates[:50]):
            score += 0.25
        return score


# Role nouns that name one kind of position (a bare surname with a role of
# another kind is someone else).
ROLE_KINDS = (
    {"mp", "lawmaker", "deputy", "parliamentarian", "legislator", "member", "senator", "congressman", "congresswoman"},
    {"minister", "secretary"},
    {"spokeswoman", "spokesman", "spokesperson", "representative", "spokesperson"},
    {"president", "leader", "head", "chief", "chair", "chairman", "chairwoman"},
    {"envoy", "ambassador", "diplomat", "representative"},
    {"commander", "colonel", "general", "officer"},
)
_ROLE_SKIP = frozenset({"a", "an", "the", "his", "her", "their", "its", "former", "deputy", "first", "vice", "acting"})


@lru_cache(maxsize=65_536)
def role_head(role: str) -> str:
    """The role's head noun: the word before "of", else the last word ("head of the X" -> "head")."""
    words = [w for w in re.findall(r"[a-z]+", strip_diacritics(role).lower())]
    if "of" in words:
        words = words[: words.index("of")]
    words = [w for w in words if w not in _ROLE_SKIP] or words
    return words[-1] if words else ""


def same_role_kind(a: str, b: str) -> bool:
    return a == b or any(a in kind and b in kind for kind in ROLE_KINDS)


def _best(clusters: list[_Cluster], m: SpeakerMention) -> _Cluster | None:
    """The one cluster the context clearly prefers, or None when it cannot tell."""
    if len(clusters) == 1:
        return clusters[0]
    scored = sorted(((c.context_score(m), i) for i, c in enumerate(clusters)), reverse=True)
    (best, i), (second, _) = scored[0], scored[1]
    if best >= SURNAME_MIN_SCORE and best - second >= SURNAME_MARGIN:
        return clusters[i]
    return None


def _mention_order(m: SpeakerMention) -> tuple:
    return (m.published is None, m.published or "", m.doc_id, m.local_id)


def _cluster_person_block(block: str, mentions: list[SpeakerMention]) -> list[_Cluster]:
    parsed = {m.key: parse_person(m.name) for m in mentions}
    full = [m for m in mentions if parsed[m.key] and parsed[m.key].has_given]
    bare = [m for m in mentions if not (parsed[m.key] and parsed[m.key].has_given)]
    # Longest given names first so "M. Zakharova" meets "Maria Zakharova" already placed.
    full.sort(key=lambda m: (-len(parsed[m.key].given[0]), *_mention_order(m)))
    clusters: list[_Cluster] = []
    for m in full:
        given = parsed[m.key].given
        cands = [c for c in clusters if given_compatible(c.given, given) and not c.conflicts(m)]
        target = _best(cands, m) if cands else None
        if target is None:
            target = _Cluster(given=given, block=block)
            clusters.append(target)
        target.add(m)
    people = list(clusters)
    leftovers: list[_Cluster] = []
    for m in sorted(bare, key=_mention_order):
        cands = [c for c in people if not c.conflicts(m, surname_only=True) and not _peer_apart(c, m)]
        target = _best(cands, m) if cands else None
        if target is None:
            # Undecided surname: one speaker per block and country, never a guess.
            target = next((c for c in leftovers if not c.conflicts(m)), None)
            if target is None:
                target = _Cluster(block=block)
                leftovers.append(target)
        target.add(m)
    return clusters + leftovers


# Titles a peer is known by in place of a given name ("Lord Hoffmann", "Baroness Scotland").
PEERAGE_TITLES = frozenset({"lord", "lady", "baroness", "baron", "viscount", "earl", "duke", "duchess"})


def _peer_apart(cluster: _Cluster, m: SpeakerMention) -> bool:
    """"Lord Walker" is not Carole Walker: a peer's title with a surname joins a person
    named in full only when one of that person's mentions carries the title, or the
    context clearly says so (the same article, shared co-mentions)."""
    title = m.name.split()[0].lower() if m.name.split() else ""
    if title not in PEERAGE_TITLES:
        return False
    if any(member.name.split()[0].lower() == title for member in cluster.members if member.name.split()):
        return False
    return cluster.context_score(m) < SURNAME_MIN_SCORE


def _cluster_org_block(block: str, mentions: list[SpeakerMention]) -> list[_Cluster]:
    c = _Cluster(block=block)
    for m in sorted(mentions, key=_mention_order):
        c.add(m)
    return [c]


def _role_words(key: str) -> set[str]:
    return set(key.split()) - {"a", "an", "the", "of"}


def _cluster_role_block(
    block: str,
    mentions: list[SpeakerMention],
    people: list[_Cluster],
    external_roles: Mapping[str, set[str]],
) -> list[_Cluster]:
    """Unnamed speakers ("the Russian Foreign Ministry spokeswoman") join the one
    named person who holds that role in the corpus; otherwise they stay a speaker
    described by the role."""
    key = block[2:].split("@", 1)[0]  # a per-document block ends "@doc#speaker"
    words = _role_words(key)
    own = _Cluster(block=block)
    out = [own]
    holders = [c for c in people if any(words and words <= _role_words(r) for r in c.roles)]
    ext = {sid for r, ids in external_roles.items() if words and words <= _role_words(r) for sid in ids}
    # Only a description headed by a person's role noun stands for one holder: "Velmora's
    # opposition" (a body of people) is not its member, the "Velmoran opposition lawmaker".
    person_noun = role_head(key) in load_role_lexicon().role_gender
    if person_noun and len(words) >= 2 and len(holders) + len(ext) == 1:
        if holders:
            for m in mentions:
                holders[0].add(m)
            return []
        own.external_id = next(iter(ext))
    for m in sorted(mentions, key=_mention_order):
        own.add(m)
    return out if own.members else []


# ---------------------------------------------------------------- corrections

def alias_keys(name: str) -> set[str]:
    """Keys under which a user-written name finds a speaker: as written, person key, org key."""
    keys = {alias_key(name)}
    person = parse_person(name)
    if person is not None:
        keys.add("P:" + person.key)
    keys.add("O:" + org_key(name))
    return keys


def _member_keys(m: SpeakerMention) -> set[str]:
    return alias_keys(m.name)


def _apply_corrections(clusters: list[_Cluster], corrections: Corrections) -> list[_Cluster]:
    def matches(m: SpeakerMention, name: str) -> bool:
        return bool(_member_keys(m) & alias_keys(name))

    for group in corrections.split:
        target, *others = group
        out: list[_Cluster] = []
        for c in clusters:
            hit = [m for m in c.members if matches(m, target)]
            rest = [m for m in c.members if not matches(m, target)]
            keep_apart = not others or any(matches(m, o) for m in rest for o in others)
            if hit and rest and keep_apart:
                a, b = _Cluster(given=c.given, block=c.block), _Cluster(given=c.given, block=c.block)
                for m in hit:
                    a.add(m)
                for m in rest:
                    b.add(m)
                out += [a, b]
            else:
                out.append(c)
        clusters = out
    for group in corrections.merge:
        hit = [c for c in clusters if any(matches(m, n) for m in c.members for n in group)]
        if len(hit) > 1:
            merged = hit[0]
            for c in hit[1:]:
                for m in c.members:
                    merged.add(m)
                merged.external_id = merged.external_id or c.external_id
            clusters = [c for c in clusters if c is merged or c not in hit]
    return clusters


# ---------------------------------------------------------------- canonical records

def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", strip_diacritics(text).lower()).strip("-") or "x"


def _anchor(c: _Cluster) -> str:
    """A key that stays the same while the cluster grows: its folded fullest name."""
    if c.block.startswith("P:"):
        if c.given:
            return f"{c.given[0]} {c.block[2:]}"
        return c.block[2:]
    if c.block.startswith("O:"):
        return c.block[2:].replace("@", " in ").replace("#", " ")
    return "role " + c.block[2:].replace("@", " in ").replace("#", " ")


def _display_name(c: _Cluster) -> str:
    def fullness(name: str) -> tuple[int, int]:
        p = parse_person(name)
        return (len(p.given) if p else 0, counts[name])

    counts = Counter(" ".join(m.name.split()) for m in c.members)
    if c.block.startswith("P:"):
        cleaned = Counter()
        for name, n in counts.items():
            p = parse_person(name)
            # a peer is known by the title in place of a given name: "Lord Browne", not "Browne"
            peer = not (p and p.given) and name.split()[0].lower() in PEERAGE_TITLES
            cleaned[p.display if p and not peer else name] += n
        counts = cleaned
    return max(sorted(counts), key=fullness)


def _type_of(c: _Cluster) -> str:
    types = Counter(m.type for m in c.members if m.type != "UNKNOWN")
    if types:
        return types.most_common(1)[0][0]
    return "ORG" if c.block.startswith("O:") else ("PERSON" if c.block.startswith("P:") else "UNKNOWN")


@dataclass(slots=True)
class SpeakerLinks:
    speakers: dict[str, CanonicalSpeaker]
    by_member: dict[tuple[str, str], str]  # (doc_id, local_id) -> canonical id


def link_speakers(
    mentions: Iterable[SpeakerMention],
    corrections: Corrections | None = None,
    external_roles: Mapping[str, set[str]] | None = None,
    taken_ids: set[str] | None = None,
) -> SpeakerLinks:
    """Group per-document speakers into canonical speakers (a pure function of its inputs).

    ``external_roles`` maps role keys to canonical ids decided outside these
    mentions (incremental runs); ``taken_ids`` are ids already used elsewhere.
    """
    blocks: dict[str, list[SpeakerMention]] = defaultdict(list)
    for m in mentions:
        blocks[block_of(m)].append(m)
    clusters: list[_Cluster] = []
    for block in sorted(blocks):
        if block.startswith("P:"):
            clusters += _cluster_person_block(block, blocks[block])
        elif block.startswith("O:"):
            clusters += _cluster_org_block(block, blocks[block])
    people = [c for c in clusters if c.block.startswith("P:") and c.given]
    for block in sorted(b for b in blocks if b.startswith("R:")):
        clusters += _cluster_role_block(block, blocks[block], people, external_roles or {})
    if corrections and not corrections.is_empty():
        clusters = _apply_corrections(clusters, corrections)

    used = set(taken_ids or ())
    speakers: dict[str, CanonicalSpeaker] = {}
    by_member: dict[tuple[str, str], str] = {}
    for c in sorted(clusters, key=lambda c: (_anchor(c), _mention_order(min(c.members, key=_mention_order)))):
        if c.external_id:
            sid = c.external_id
        else:
            base = _slug(_anchor(c))
            sid, n = base, 2
            while sid in used or sid in speakers:
                sid, n = f"{base}-{n}", n + 1
        speaker = speakers.get(sid) or CanonicalSpeaker(id=sid, name=_display_name(c), type=_type_of(c), block=c.block)
        speakers[sid] = speaker
        names = {" ".join(m.name.split()) for m in c.members}
        speaker.aliases = sorted(set(speaker.aliases) | names)
        seen = {(r.role, r.doc_id) for r in speaker.roles}
        for m in sorted(c.members, key=_mention_order):
            by_member[m.key] = sid
            speaker.members.append(m.key)
            if m.role and (m.role, m.doc_id) not in seen:
                seen.add((m.role, m.doc_id))
                speaker.roles.append(RoleStatement(m.role, m.published, m.doc_id))
    if corrections:
        for alias, new_name in corrections.rename.items():
            keys = alias_keys(alias)
            for s in speakers.values():
                if any(keys & alias_keys(a) for a in s.aliases) or s.id == alias:
                    s.name = new_name
    return SpeakerLinks(speakers, by_member)


def context_keys(names: Iterable[str]) -> frozenset[str]:
    """Folded keys of the names in a document, the context a speaker is mentioned in."""
    keys = set()
    for name in names:
        p = parse_person(name)
        keys.add(p.surname if p else org_key(name))
    return frozenset(k for k in keys if k)


__all__ = ["SpeakerLinks", "link_speakers", "block_of", "alias_keys", "context_keys", "fold_token"]
