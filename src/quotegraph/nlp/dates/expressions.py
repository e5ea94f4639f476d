"""Finding date expressions in English news text (surface patterns only).

A ``DateExpr`` is a stretch of text that names a time: "on April 18",
"September 19-20, 2023", "last September’s", "earlier this week", "four months
later", "at the time". Each carries its ``kind`` (how it is resolved, see
dates_calendar) and its ``role``:

* ``modifier``: the date qualifies a noun, so it dates an *event* ("the
  September 2023 offensive", "Tuesday’s fighting", "the 2020 war"), never the
  moment something was said;
* ``adverbial``: the date qualifies a verb or clause ("said on Wednesday",
  "Earlier this week, X called for ..."), so it can date a statement.

Nothing here knows about publication dates or statements; it only reads text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": None, "few": None,
}

# Month names are matched capitalised only ("may" is a modal verb); "May" alone
# needs a day, a year or a preposition next to it (see _BARE_MONTH).
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_FULL_MONTH_NOT_MAY = r"(?:January|February|March|April|June|July|August|September|October|November|December)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19\d\d|20\d\d)"
_DASH = r"\s?[-–—]\s?"
_NUMW = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few)"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))"

# (kind, pattern); tried in this order, and overlapping matches keep the longest.
_PATTERNS: list[tuple[str, str]] = [
    ("range_mdy", rf"\b(?P<m>{_MONTH})\s+(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?\b"),
    ("range_dmy", rf"\b(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY})\s+(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b"),
    ("day_mdy", rf"\b(?:{_WEEKDAY},?\s+)?(?P<m>{_MONTH})\s+(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?(?![\d])"),
    ("day_dmy", rf"\b(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b"),
    ("day_numeric", r"(?<![\d.])(?P<d>[0-3]?\d)[./](?P<m>[01]?\d)[./](?P<y>(?:19|20)\d\d)(?![\d.])"),
    ("day_iso", r"(?<![\d-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])"),
    ("month_year", rf"\b(?P<m>{_MONTH})(?:\s+of)?,?\s+(?P<y>{_YEAR})\b"),
    ("yesterday", r"\b(?:the\s+day\s+before\s+)?yesterday(?:['’]s)?\b"),
    # Lowercase only: a capitalised "Today" is mostly a name ("Ulmsk Today", "Subscribe Today").
    ("today", r"\b(?:(?i:earlier|later)\s+)?today(?:['’]s)?\b|\btonight\b"),
    ("this_week", r"\b(?:earlier\s+|later\s+)?this\s+week(?:['’]s)?\b"),
    ("last_week", r"\blast\s+week(?:['’]s)?\b"),
    ("this_month", r"\b(?:earlier\s+|later\s+)?this\s+month(?:['’]s)?\b"),
    ("last_month", r"\blast\s+month(?:['’]s)?\b"),
    ("this_year", r"\b(?:earlier\s+|later\s+)?this\s+year(?:['’]s)?\b"),
    ("last_year", r"\blast\s+year(?:['’]s)?\b"),
    ("last_month_name", rf"\b(?i:last)\s+(?P<m>{_MONTH})\b"),
    ("this_month_name", rf"\b(?i:this|earlier\s+this)\s+(?P<m>{_MONTH})\b"),
    ("last_weekday", rf"\b(?i:last)\s+(?P<w>{_WEEKDAY})\b"),
    ("weekday", rf"\b(?i:(?:earlier|later|late|early)\s+on\s+|on\s+)?(?P<w>{_WEEKDAY})(?:{_PART_OF_DAY})?\b"),
    ("bare_month", rf"\b(?P<m>{_FULL_MONTH_NOT_MAY})\b(?!\s+\d)|(?<=\b(?:in|by) )(?P<m2>May)\b(?!\s+\d)"),
    ("ago", rf"\b(?P<n>{_NUMW})\s+(?P<u>day|week|month|year)s?\s+ago\b"),
    # "four months later"; not "a day after X" (that X follows, it is not the previous mention).
    ("later", rf"\b(?P<n>{_NUMW})\s+(?P<u>day|week|month|year)s?\s+(?P<dir>later|earlier)\b"),
    ("next_day", r"\bthe\s+(?:next|following)\s+(?P<u>day|week|month|year)\b"),
    ("at_the_time", r"\bat\s+the\s+time\b"),
    ("year", rf"(?<![\d,.])(?P<y>{_YEAR})(?!\d|s\b|,\d)"),
]
# Patterns without month or weekday names are matched in any case ("Earlier this
# week", "Four months later"); names stay capitalised ("may" is a verb, "march" too).
_CASELESS = {"yesterday", "this_week", "last_week", "this_month", "last_month", "this_year",
             "last_year", "ago", "later", "next_day", "at_the_time"}
_COMPILED = [(kind, re.compile(p, re.IGNORECASE if kind in _CASELESS else 0)) for kind, p in _PATTERNS]

# What a pattern cannot match without: most text has no date at all, so a few
# cheap substring checks skip most of the ~30 regex passes (find_date_expressions
# was 70% of attach_dates' time on BBC articles before this).
_HAS_MONTH = re.compile(_MONTH)
_HAS_WEEKDAY = re.compile(_WEEKDAY)
_NEEDS: dict[str, tuple[str, ...]] = {
    "range_mdy": ("#month", "#digit"), "range_dmy": ("#month", "#digit"), "day_mdy": ("#month", "#digit"),
    "day_dmy": ("#month", "#digit"), "month_year": ("#month", "#digit"), "day_numeric": ("#digit",),
    "day_iso": ("#digit",), "year": ("#digit",), "yesterday": ("yesterday",), "today": ("today|tonight",),
    "this_week": ("week",), "last_week": ("week",), "this_month": ("month",), "last_month": ("month",),
    "this_year": ("year",), "last_year": ("year",), "last_month_name": ("#month", "last"),
    "this_month_name": ("#month", "this"), "last_weekday": ("#weekday", "last"), "weekday": ("#weekday",),
    "bare_month": ("#month",), "ago": ("ago",), "later": ("later|earlier",), "next_day": ("next|following",),
    "at_the_time": ("time",),
}


def _possible_kinds(text: str, start: int, end: int) -> set[str]:
    region = text[start:end]
    lower = region.lower()
    features = {
        "#digit": re.search(r"\d", region) is not None,
        "#month": _HAS_MONTH.search(region) is not None,
        "#weekday": _HAS_WEEKDAY.search(region) is not None,
    }

    def present(need: str) -> bool:
        if need in features:
            return features[need]
        return any(word in lower for word in need.split("|"))

    return {kind for kind, needs in _NEEDS.items() if all(present(n) for n in needs)}

# Words after a date that show it is not modifying a noun.
_FUNCTION_WORDS = set(
    "a an the and or but nor to that which who whom whose when where while as after before since until "
    "in on at for with by from of about into over under than then so if because though although "
    "was were is are be been being had has have will would could should can may might must did does do "
    "it its he she they we i you this these those there here not also said says told".split()
)
_PREPOSITIONS = set("in on at since during until till by from of before after between through throughout around".split())
_DETERMINERS = set("the a an this that these those its their his her our my your whose every each last next".split())
# Kinds that are never noun modifiers unless possessive ("yesterday’s vote").
_ADVERBIAL_KINDS = {"ago", "later", "next_day", "at_the_time"}
_EXPLICIT_KINDS = {"range_mdy", "range_dmy", "day_mdy", "day_dmy", "day_numeric", "day_iso", "month_year", "year", "bare_month"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@dataclass(frozen=True, slots=True)
class DateExpr:
    start: int
    end: int
    text: str
    kind: str
    groups: dict = field(default_factory=dict, compare=False, hash=False)
    role: str = "adverbial"  # adverbial | modifier

    @property
    def anaphoric(self) -> bool:
        """Resolved against another dated mention, not against the publication date."""
        return self.kind in ("later", "at_the_time", "next_day")


def find_date_expressions(text: str, start: int = 0, end: int | None = None) -> list[DateExpr]:
    """Every date expression in text[start:end], in order, without overlaps."""
    end = len(text) if end is None else end
    found: list[tuple[int, int, str, dict]] = []
    possible = _possible_kinds(text, start, end)
    for kind, rx in _COMPILED:
        if kind not in possible:
            continue
        for m in rx.finditer(text, start, end):
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            if kind == "bare_month" and "m2" in groups:
                groups["m"] = groups.pop("m2")
            found.append((m.start(), m.end(), kind, groups))
    # Longest match wins; on equal length the earlier pattern (more specific) wins.
    order = {k: i for i, (k, _) in enumerate(_PATTERNS)}
    found.sort(key=lambda f: (-(f[1] - f[0]), order[f[2]]))
    taken: list[tuple[int, int, str, dict]] = []
    for f in found:
        if all(f[1] <= t[0] or f[0] >= t[1] for t in taken):
            taken.append(f)
    taken.sort()
    out = []
    for s, e, kind, groups in taken:
        if kind == "bare_month" and _is_name_not_month(text, s, e):
            continue
        text_ = text[s:e]
        out.append(DateExpr(s, e, text_, kind, groups, _role(text, s, e, kind)))
    return out


def _is_name_not_month(text: str, start: int, end: int) -> bool:
    """'March' in 'the March 8 movement' is handled elsewhere; a bare capitalised month
    right after another capitalised word is usually part of a name ("Hotel August")."""
    before = text[max(0, start - 20):start]
    m = re.search(r"([A-Z][a-z]+)\s+$", before)
    return bool(m) and m.group(1).lower() not in _PREPOSITIONS | {"early", "late", "mid", "last", "this", "since", "in"} \
        and m.group(1).lower() not in MONTHS


def _role(text: str, start: int, end: int, kind: str) -> str:
    expr = text[start:end]
    after = text[end:end + 40]
    # Possessive: "Tuesday’s fighting", "last September’s offensive".
    if re.match(r"['’]s\b", after) or re.search(r"['’]s$", expr):
        return "modifier"
    if kind in _ADVERBIAL_KINDS:
        return "adverbial"
    if kind not in _EXPLICIT_KINDS and kind not in ("weekday",):
        return "adverbial"
    prev_words = _WORD.findall(text[max(0, start - 30):start])
    prev = prev_words[-1].lower() if prev_words else ""
    # Inside an adverbial expression that already carries its own preposition ("on Wednesday").
    if re.match(r"(?i)(?:on|in|at|earlier|later|late|early)\b", expr):
        return "adverbial"
    if prev in _PREPOSITIONS or prev in ("early", "late", "mid"):
        return "adverbial"
    next_word = re.match(r"\s+([A-Za-z][A-Za-z-]*)", after)
    following_noun = bool(next_word) and next_word.group(1).lower() not in _FUNCTION_WORDS \
        and not next_word.group(1).lower().endswith("ly") and next_word.group(1).lower() not in WEEKDAYS \
        and next_word.group(1).lower() not in MONTHS
    preceded_by_det = prev in _DETERMINERS or bool(re.search(r"['’]s\s+$", text[max(0, start - 3):start]))
    if following_noun and (preceded_by_det or kind in ("year", "month_year", "range_mdy", "range_dmy")):
        # "the September 2023 offensive", "Azerbaijan’s September 2023 offensive", "the 2020 war"
        return "modifier"
    return "adverbial"


def event_phrase_end(text: str, expr: DateExpr) -> int:
    """Where the noun phrase a modifier date belongs to ends: "the October 2022 summit
    in Prague", "last September’s Azerbaijani military offensive", "Tuesday’s fighting"."""
    pos = expr.end
    m = re.match(r"['’]s", text[pos:])
    if m:
        pos += m.end()
    words = 0
    last = pos
    for w in re.finditer(r"\s+([A-Za-z][A-Za-z'’-]*)", text[pos:pos + 120]):
        if w.start() != last - pos:
            break
        word = w.group(1)
        if word.lower() in _FUNCTION_WORDS or words >= 4:
            break
        words += 1
        last = pos + w.end()
    if words == 0:
        return expr.end
    # A place right after the head noun: "summit in Prague", "talks at Lavrenz".
    place = re.match(r"\s+(?:in|at)\s+[A-Z][A-Za-z'’-]+(?:\s+[A-Z][A-Za-z'’-]+)?", text[last:last + 60])
    if place:
        last += place.end()
    return last


def event_phrase_start(text: str, expr: DateExpr) -> int:
    """Include a leading determiner: "the September 2023 offensive"."""
    m = re.search(r"\b(the|a|an)\s+$", text[max(0, expr.start - 6):expr.start], re.I)
    return expr.start - len(m.group(0)) if m else expr.start
