"""Reading a source noun phrase: what in it can name a speaker.

* a dateline or outlet tag opening it ("KESSARY, March 4 (Meridian Wire) - the
  head of the union, Jane Roe") is no part of the speaker;
* a time expression ("Wednesday", "last week") is never a speaker;
* the core of the phrase, without appositions and clauses ("The firm, which is
  to receive a payment" -> "The firm"), is what a nominal is read from;
* a name in apposition to the head ("Velmora's foreign minister, Teodor
  Halvari", "The suspect, Jane Roe") is the speaker the phrase names.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..lexicon import RoleLexicon
from ..spacy_model import tokens_starting_in

MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# "KESSARY, March 4 (Meridian Wire) - ", "LONDON (Reuters) - ", "Yerevan /Mediamax/. ":
# a capitalised place, an optional date, an optional outlet, then a dash or a tag.
DATELINE = re.compile(
    rf"[A-Z][\w’'.-]*(?:[ ,]+[A-Z][\w’'.-]*)*,?\s*(?:{MONTH}\s+\d{{1,2}},?\s*(?:\d{{4}})?\s*)?"
    r"(?:(?:\([^()\n]{1,40}\)\s*)?[-–—]+\s+|/[^/\s]+/\.?\s+)")
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
MONTHS = frozenset(("january february march april may june july august september october november "
                    "december").split())
TIME_NOUNS = frozenset("""yesterday today tomorrow tonight weekend weekends week weeks month months year years day
    days hour hours decade decades morning afternoon evening night""".split())
NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART")
# Tokens after the head that end its core: commas, dashes, brackets and clause openers.
CORE_BREAKS = frozenset({",", ";", ":", "(", ")", "-", "–", "—"})
CLAUSE_DEPS = frozenset({"relcl", "acl", "appos", "advcl"})


def past_dateline(text: str, start: int, end: int) -> int:
    """Where the phrase starts once a leading dateline or outlet tag is cut off.
    A dateline has a date, an outlet in brackets, a /tag/ or a place in capitals
    ("LONDON - "): "Jane Roe - the union head" keeps its name."""
    m = DATELINE.match(text, start, end)
    if m is None or m.end() >= end:
        return start
    head = m.group(0)
    place = re.split(r"[,(/]", head)[0].strip(" -–—")
    if "(" in head or "/" in head or re.search(r"\d", head) or (len(place) > 1 and place.isupper()):
        return m.end()
    return start


def phrase_head(sdoc: Doc, start: int, end: int) -> int | None:
    """The token of a character range whose head lies outside it (the last such): the head
    of what is left of a phrase once its dateline is cut ("... - Minister Arsen Karo" -> Karo)."""
    inside = tokens_starting_in(sdoc, start, end, skip_space=True)
    heads = [t.i for t in inside if not (start <= t.head.idx < end) or t.head.i == t.i]
    return heads[-1] if heads else None


def is_time_token(tok: Token) -> bool:
    """A weekday, month or other calendar word heading a phrase ("Wednesday", "last week")."""
    if tok.ent_type_ in NAME_LABELS or (tok.is_upper and len(tok) <= 4):
        return False  # "Theresa May", "The Week"; "DEC", "MAR": acronyms
    low = tok.lower_
    return low in WEEKDAYS or low in MONTHS or low in TIME_NOUNS


def core_end(sdoc: Doc, head_i: int, end: int) -> int:
    """The character end of the head's noun phrase without appositions and clauses after it."""
    head = sdoc[head_i]
    last = head
    for t in sdoc[head_i + 1:]:
        joined = t.text == "-" and not t.whitespace_ and not sdoc[t.i - 1].whitespace_  # "14-year-old"
        if t.idx >= end or (t.text in CORE_BREAKS and not joined) or t.is_space or not head.is_ancestor(t):
            break
        if t.dep_ in CLAUSE_DEPS and t.head.i == head_i:
            break
        if t.tag_ in ("WDT", "WP", "WP$"):
            break  # "the MPs who ...", "companies such as Google which ...": a relative clause the parser hung elsewhere
        last = t
    return last.idx + len(last)


def apposed_tokens(head: Token, end: int) -> list[Token]:
    """Heads of appositions to ``head`` inside the phrase, from the parse or from a comma or
    dash right after the head's core ("The suspect, Jane Roe, said")."""
    out = [c for c in head.children if c.dep_ == "appos" and c.idx < end]
    doc = head.doc
    stop = core_end(doc, head.i, end)
    nxt = next((t for t in doc[head.i + 1:] if t.idx >= stop), None)
    if nxt is not None and nxt.text in (",", "-", "–", "—") and nxt.i + 1 < len(doc):
        name = doc[nxt.i + 1]  # the first word of the name: the caller finds the mention holding it
        if name.idx < end and name.pos_ == "PROPN":
            out.append(name)
    return out


# Sources that stand for some people without naming them ("Some fear", "Many believe",
# "both said", "16% said", "13 said").
QUANTIFIER_SOURCES = frozenset("""some many most several few both all others everyone everybody
    nobody none one another someone somebody""".split())
COUNT_SOURCE = re.compile(r"\d[\d,.]*%?")
# A share or a count of people as the source ("Only 25% of Britons", "One in five
# drivers", "About 300 workers", "Some 47%"): some people, no one named.
SHARE_SOURCE = re.compile(
    r"(?i)^(?:(?:only|about|some|nearly|almost|around|over|just|roughly|more than|fewer than|less than)\s+)?"
    r"(?:\d[\d,.]*\s*(?:%|per\s?cent)?|one in \w+|a (?:third|quarter|half|fifth)|half|two-thirds|three-quarters)"
    r"(?:\s|$)")


# Capital initials a body goes by (a person's name is never written so).
ACRONYM = re.compile(r"[A-Z]{3,8}")


def unnamed_speaker(text: str, head_lower: str, lex: RoleLexicon, head_tag: str = "") -> tuple[str, str]:
    """Name and type for a source with no named antecedent ("Karabakh’s leaders", "a source")."""
    words = text.lower().split()
    if (len(words) == 1 and (words[0] in QUANTIFIER_SOURCES or COUNT_SOURCE.fullmatch(words[0]))) \
            or SHARE_SOURCE.match(text):
        return text, "GROUP"  # "Some said", "many believe", "16% said", "Only 25% of Britons"
    if head_lower in lex.group_nouns or (words and words[-1] in lex.group_nouns) or head_tag in ("NNS", "NNPS") \
            or (words and lex.plural_role(words[-1])):  # "MPs"
        return text, "GROUP"
    if any(w in lex.org_words for w in words):
        return text, "ORG"
    bare = text.split()[1:] if words[:1] == ["the"] else text.split()
    if len(bare) == 1 and ACRONYM.fullmatch(bare[0]):
        return bare[0], "ORG"  # "the RSPCA said" the model left untagged: a body's initials, the "it" later
    return text, "UNKNOWN"


def singular(noun: str) -> str:
    """"companies" -> "company", "firms" -> "firm"; "" for a word that is not a plural in
    "-s" ("firm", "press"), so a singular never passes for a plural."""
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else ""
