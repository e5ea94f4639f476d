"""Find site furniture in a scraped article: a pure function of the text.

Every decision is per line and never cuts text: the result is a list of spans
(offsets into the unmodified text) with a reason each, plus the headline line.
Signals, strongest first:

1. lexicon (furniture.yaml): banners, share/cookie lines, photo credits,
   comment rules, size pickers, section headings;
2. script mismatch: a non-sentence line written in another script than the
   article (an Armenian "accessibility links" line atop an English article);
3. repetition: a line printed twice in a row (alt text + caption of one photo:
   BOTH copies are furniture, a caption describes a picture, it is not body
   text; the only exception is a headline printed twice, whose first copy stays
   the title), a line that is its own text twice ("News!News!" marquees), and a
   page-title line "Headline -" / "Headline | Site" repeating the headline;
4. position: before the first body paragraph, short lines that are not the
   headline (menus, tags, breadcrumbs, bylines); after the last body
   paragraph, a closing run of menu-sized lines;
5. section tails: after a heading such as "Related Articles", the run of
   headline-like lines that follows it, up to the next body paragraph.

A body paragraph is a line that reads like prose: it ends with sentence
punctuation and has at least BODY_MIN_WORDS words, or it is long. Such a line is
never marked by the positional rules, so no body sentence is lost to them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import FurnitureLexicon, load_lexicon
from .lines import Line, dominant_script, is_title_case, normalise, script_counts, split_lines

# A line is prose if it ends a sentence and has >= 8 words, or has >= 20 words
# whatever its ending. Tuned on the five seeds: the shortest sentence-ending
# body paragraph has 8 words (seed 004), a body paragraph cut off without its
# full stop has 32 (seed 001), and no non-sentence furniture line has more
# than 6. Long sentence-like furniture (captions, comment rules) is caught by
# the lexicon and repetition signals, never by length.
BODY_MIN_WORDS = 8
LONG_LINE_WORDS = 20
# A headline has at least 3 words and at most 30 (seeds: 6-11 words; the
# only head furniture no other signal catches, a tag line, has 2).
TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 30
# In a head/tail zone, a sentence-like line of at least this many words is kept
# (a short closing sentence such as "He declined to comment." is body).
ZONE_SENTENCE_MIN_WORDS = 4
# A menu item has at most 3 words ("Contact us", "Terms of use").
MENU_MAX_WORDS = 3
# Page-title suffixes: "Headline -", "Headline | Site Name", "Headline – Site".
_PAGE_TITLE_SUFFIX = re.compile(r"\s+[-–—|:]\s*(?:[^-–—|:]{0,40})$")


@dataclass(slots=True)
class FurnitureReport:
    """Marked lines (with reasons) and the headline line, if one was found."""

    spans: list[tuple[int, int]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    title_line: Line | None = None
    lines: list[Line] = field(default_factory=list)


def is_body_like(line: Line) -> bool:
    words = line.words
    return (line.ends_sentence and words >= BODY_MIN_WORDS) or words >= LONG_LINE_WORDS


def _reads_as_prose(line: Line) -> bool:
    """A short sentence ("He declined to comment.") or a line introducing a list ("...:")."""
    return line.words >= ZONE_SENTENCE_MIN_WORDS and (line.ends_sentence or line.text.endswith(":"))


_SEPARATORS = (" | ", " — ", " – ", " · ", " :: ", " / ")


def _is_site_banner(text: str) -> bool:
    """'Home | World' or 'Ulmsk Today — English Service': title-case segments
    joined by separators name the site or a menu, not the article."""
    return any(sep in text for sep in _SEPARATORS) and (" | " in text or is_title_case(text))


def _self_repeated(text: str) -> bool:
    """'Thanks for your support!Thanks for your support!': a marquee printed twice."""
    n = len(text)
    if n < 20:
        return False
    for sep_len in (0, 1):
        half, rest = divmod(n - sep_len, 2)
        if rest == 0 and half >= 10:
            first, second = text[:half], text[half + sep_len :]
            if first == second and (sep_len == 0 or text[half].isspace()):
                return True
    return False


def _same_text(a: str, b: str) -> bool:
    """Equal up to whitespace (the first-character test skips the split for most pairs)."""
    return a == b or (a[:1] == b[:1] and a.split() == b.split())


def _script_mismatch(line: Line, doc_script: str | None) -> bool:
    if doc_script is None or is_body_like(line):
        return False
    counts = script_counts(line.text)
    total = sum(counts.values())
    if total == 0:
        return False
    other = total - counts.get(doc_script, 0)
    return other / total > 0.5


def _page_title_repeat(line: Line, later: list[Line]) -> bool:
    """'Headline -' followed (within the head) by 'Headline': the first is the page title."""
    m = _PAGE_TITLE_SUFFIX.search(line.text)
    if not m:
        return False
    prefix = normalise(line.text[: m.start()])
    return bool(prefix) and any(normalise(other.text) == prefix for other in later)


def find_furniture(
    text: str, lexicon: FurnitureLexicon | None = None, known_title: str | None = None
) -> FurnitureReport:
    """Furniture spans of `text`. `known_title` (from metadata) identifies the
    headline line when the page prints one; otherwise it is guessed."""
    lexicon = lexicon or load_lexicon()
    lines = split_lines(text)
    report = FurnitureReport(lines=lines)
    if not lines:
        return report
    reason: dict[int, str] = {}  # position in `lines` -> why it is furniture
    doc_script = dominant_script(text)

    # 1-3: strong, position-independent signals.
    for i, line in enumerate(lines):
        why = lexicon.match_normalised(line.text, line.norm, line.words)
        if why is None and _script_mismatch(line, doc_script):
            why = "navigation in another script"
        if why is None and _self_repeated(line.text):
            why = "repeated banner"
        if why:
            reason[i] = why

    duplicate_first: set[int] = set()
    for i in range(1, len(lines)):
        # Exact repeats only (whitespace aside): "Headline -" then "Headline" is
        # the page-title case below, not a caption.
        if _same_text(lines[i].text, lines[i - 1].text):
            reason.setdefault(i, "repeated caption")
            if (i - 1) not in reason:
                reason[i - 1] = "repeated caption"
                duplicate_first.add(i - 1)
    for i, line in enumerate(lines[:12]):
        if i not in reason and _page_title_repeat(line, lines[i + 1 : 12]):
            reason[i] = "page title repeating the headline"

    body = [i for i, line in enumerate(lines) if i not in reason and is_body_like(line)]
    if body:
        first_body, last_body = body[0], body[-1]

        # 4a. Head: the headline is the first headline-like line before the
        # body (a standfirst without a full stop may follow it, so "first", not
        # "longest"); breadcrumb lines with "|" separators are not headlines.
        def title_candidates(allow_dup_first: bool) -> list[int]:
            return [
                i
                for i in range(first_body)
                if (i not in reason or (allow_dup_first and i in duplicate_first))
                and TITLE_MIN_WORDS <= lines[i].words <= TITLE_MAX_WORDS
                and not lines[i].text.rstrip("\"'”’»)").endswith(".")
                and not _is_site_banner(lines[i].text)
            ]

        wanted = normalise(known_title) if known_title else ""
        matching = [i for i in range(first_body) if wanted and lines[i].norm == wanted]
        candidates = matching or title_candidates(False) or title_candidates(True)
        title_index = candidates[0] if candidates else None
        if title_index is not None:
            reason.pop(title_index, None)
            report.title_line = lines[title_index]
        for i in range(first_body):
            if i in reason or i == title_index:
                continue
            line = lines[i]
            # After the headline, a line of 4+ words is a standfirst or subtitle
            # (BBC: "Arsenal win 4-2 on penalties"), not furniture.
            keeps_as_standfirst = title_index is not None and i > title_index and line.words >= ZONE_SENTENCE_MIN_WORDS
            if keeps_as_standfirst or _reads_as_prose(line):
                continue
            reason[i] = "page header line before the article"

        # 4b. Tail: after the last body paragraph, a closing run of at least
        # two short non-sentence lines is a menu. Longer trailing lines are left
        # alone: articles end with lists too (award nominees, results tables in
        # the BBC set); trailing furniture with words is caught by the lexicon
        # and by the section-heading rule below.
        run: list[int] = []
        for i in range(len(lines) - 1, last_body, -1):
            line = lines[i]
            if i in reason:
                continue
            if line.words <= MENU_MAX_WORDS and not _reads_as_prose(line):
                run.append(i)
            else:
                break
        if len(run) >= 2:
            for i in run:
                reason[i] = "short lines after the article (menu, fact box)"

    # 5. Section tails anywhere: a heading and the link list under it.
    body_set = set(body)
    for i, line in enumerate(lines):
        if line.norm in lexicon.headings:
            j = i + 1
            while j < len(lines) and j not in body_set and not is_body_like(lines[j]):
                reason.setdefault(j, "link list under a section heading")
                j += 1

    for i in sorted(reason):
        report.spans.append((lines[i].start, lines[i].end))
        report.reasons.append(reason[i])
    return report
