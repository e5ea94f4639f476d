"""The one definition of quotation marks, for every package that reads them.

News text mixes straight and typographic marks, outlets' own conventions („ “ for
German-style openers, « » for guillemets), and apostrophes written with the same
characters as single quotation marks (don't, Baku’s). Code that finds quotations
(nlp/attribution/marks.py) decides which a mark is; everything else uses these
sets to trim, test or fold marks.
"""
from __future__ import annotations

DOUBLE_MARKS = "\"“”„«»"
# Typographic single marks; ’ is also the typographic apostrophe.
SINGLE_MARKS = "‘’"
# The straight single mark, far more often an apostrophe than a quotation mark.
STRAIGHT_SINGLE = "'"
# Every mark the quotation finder pairs (marks.DOUBLE_OPENERS, SINGLE_OPENERS).
QUOTE_MARKS = DOUBLE_MARKS + SINGLE_MARKS + STRAIGHT_SINGLE
# The marks that cannot be a straight apostrophe.
QUOTE_MARKS_NOT_STRAIGHT = DOUBLE_MARKS + SINGLE_MARKS

# Marks that open or close a quotation (both lists hold the ambiguous straight marks).
OPENING_MARKS = "\"“„«‘'"
CLOSING_MARKS = "\"”»’'"
# Rarer marks only shown, never paired: single guillemets and CJK corner brackets.
OTHER_OPENING_MARKS = "‹「『"
OTHER_CLOSING_MARKS = "›」』"

# Folding typographic marks to straight ones, to compare text written either way.
TO_STRAIGHT = {"‘": "'", "’": "'", "`": "'", "´": "'", "“": '"', "”": '"', "«": '"', "»": '"', "„": '"'}
