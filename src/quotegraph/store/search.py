"""Turn a user's search string into a safe FTS5 expression, or say what is wrong with it.

Accepted: words (all must match), "quoted phrases", prefix words (``secur*``),
the operators AND / OR / NOT between terms, and parentheses. Each word is
passed to FTS5 as a quoted string, so punctuation such as ``RFE/RL`` or
``a:b`` is searched as text instead of being read as FTS5 syntax.
"""
from __future__ import annotations

import re

OPERATORS = ("AND", "OR", "NOT")
_TOKEN = re.compile(r'"[^"]*"|\(|\)|[^\s()"]+')
_HAS_WORD = re.compile(r"\w", re.UNICODE)


class QueryError(ValueError):
    """A malformed search string or filter; the message says what is wrong."""


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts_expression(search: str) -> str:
    """The FTS5 MATCH expression for ``search``; raises QueryError with the reason if malformed."""
    if search.count('"') % 2:
        position = search.rfind('"')
        raise QueryError(f'unbalanced quotation mark in search: the phrase opened at character {position + 1} is never closed')
    parts: list[str] = []
    depth = 0
    previous = "start"  # start | term | operator | open
    for match in _TOKEN.finditer(search):
        token = match.group(0)
        position = match.start() + 1
        if token == "(":
            if previous == "term":
                parts.append("AND")
            parts.append("(")
            depth += 1
            previous = "open"
        elif token == ")":
            if depth == 0:
                raise QueryError(f"unbalanced parentheses in search: ')' at character {position} has no matching '('")
            if previous in ("open", "operator"):
                raise QueryError(f"empty or incomplete group in search before ')' at character {position}")
            parts.append(")")
            depth -= 1
            previous = "term"
        elif token in OPERATORS:
            if previous != "term":
                raise QueryError(f"operator {token} at character {position} needs a search term before it")
            parts.append(token)
            previous = "operator"
        else:
            term = _term(token)
            if term is None:
                continue
            if previous == "term":
                parts.append("AND")
            parts.append(term)
            previous = "term"
    if depth:
        raise QueryError("unbalanced parentheses in search: a '(' is never closed")
    if previous == "operator":
        raise QueryError(f"operator {parts[-1]} at the end of the search needs a term after it")
    if not any(p not in OPERATORS and p not in "()" for p in parts):
        raise QueryError("search has no words to look for")
    return " ".join(parts)


def _term(token: str) -> str | None:
    if token.startswith('"'):
        phrase = token[1:-1]
        return _quoted(phrase) if _HAS_WORD.search(phrase) else None
    prefix = token.endswith("*")
    word = token.rstrip("*")
    if not _HAS_WORD.search(word):
        return None
    return _quoted(word) + ("*" if prefix else "")
