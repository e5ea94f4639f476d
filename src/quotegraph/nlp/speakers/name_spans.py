"""Name spans the small English model missed, cut or split, found from the text around them:
proper-noun chains that head a speaker's phrase or follow a body's noun, names an acronym in
brackets defines, name words after a person's role word, and a name cut at a middle initial
or a hyphen. entities.py types them with the model's own spans."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span as SpacySpan

from ...names import NAME_SUFFIXES, SURNAME_PARTICLES
from ..lexicon import RoleLexicon
from .aliases import FUNCTION_WORDS, initials

NAME_WORD = re.compile(r"^[A-Z][\w’'.-]*$")
# A firm's name that opens with a digit ("consultancy 4Cast", "3M"): BBC sample 2817.
DIGIT_NAME = re.compile(r"^\d+[A-Z][\w&-]*$")
# Party words the model takes into a person's name ("Tory Dominic Grieve").
# "Lib Dem Norman Baker": the party's short adjective is two such words.
PARTY_WORDS = frozenset({"Tory", "Labour", "Conservative", "Liberal", "Democrat", "Republican", "Democratic",
                         "Unionist", "Nationalist", "UKIP", "SNP", "DUP", "Plaid", "Lib", "Dem"})
# A party named by its members or its short name ("Lib Dems", "the Tories", "Labour"),
# which the model may read as a person. (Singular party words are adjectives as often:
# "Tory Caroline Spelman" is a person.)
PARTY_NAMES = frozenset({"Labour", "UKIP", "SNP", "DUP", "Plaid", "Tories", "Conservatives", "Democrats",
                         "Republicans", "Liberals", "Unionists", "Nationalists", "Lib Dems"})
# Prepositions written in capitals inside a body's name ("Reporters Without Borders"); no
# person's name has one.
CAPITALISED_PREPOSITIONS = frozenset({"Without", "Of", "For", "Against", "Sans", "Beyond", "Across", "Under"})


def party_name(words: list[str]) -> bool:
    return " ".join(words) in PARTY_NAMES


def party_role_phrase(span: SpacySpan, lex: RoleLexicon) -> bool:
    """"Labour MP", "Lib Dem peer", or "Lib Dem" alone read as a person: party words (then a
    person's role word) describe someone, whose name follows ("Labour MP Jean Corston");
    they are no one's name."""
    role = span[-1].lower_ in lex.role_gender
    party = span[:-1] if role else span
    return len(party) >= 1 and all(t.text in PARTY_WORDS for t in party) \
        and (role or (span.label_ == "PERSON" and len(party) >= 2))


# Plural nouns a research firm's name follows ("technology analysts IDC", "pollsters
# Mori"): the name is a firm, not the analysts' description.
FIRM_INTRODUCERS = frozenset({"analysts", "researchers", "consultants", "consultancy", "pollster", "pollsters"})
# Nouns a body speaks or publishes through: a name modifying one ("a Toshiba study",
# "Pentagon officials", "a TUC report") is an organisation, whatever the model read.
VOICE_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "statement", "study", "survey", "report",
                         "research", "executives", "shares", "officials", "boss", "bosses", "chief"})


# A name word with an HTML character reference the scrape left in it ("Jos&#233;", "F&#244;n"):
# the tokenizer cuts it before the ";" ending the reference, and the model leaves it out of the
# name it tags ("Manuel Barroso"). The stored text keeps the reference; names.py reads it.
REFERENCE_WORD = re.compile(r"[A-Z][\w&#;]*&(?:#\d+|[a-z]+);?[\w&#;]*")


def _reference_word_before(doc: Doc, s: int) -> int | None:
    """Where a reference-bearing name word ending right before token ``s`` starts, or None."""
    j = s - 1
    if j >= 1 and doc[j].text == ";" and not doc[j - 1].whitespace_:
        j -= 1  # "Jos&#233" ";"
    if j < 0 or not doc[s - 1].whitespace_ or not REFERENCE_WORD.fullmatch(doc[j:s].text):
        return None
    return j


def _reference_word_after(doc: Doc, e: int) -> int | None:
    """Where a reference-bearing name word starting at token ``e`` ends, or None."""
    if e >= len(doc) or not doc[e - 1].whitespace_:
        return None
    k = e + 1
    if k < len(doc) and doc[k].text == ";" and not doc[e].whitespace_:
        k += 1  # "Pap&#233" ";"
    return k if REFERENCE_WORD.fullmatch(doc[e:k].text) else None


def over_references(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """A name span widened over the reference-bearing name words next to it
    ("Jos&#233; Manuel Barroso", "Bryn F&#244;n")."""
    while s > 0 and (j := _reference_word_before(doc, s)) is not None:
        s = j
    while (k := _reference_word_after(doc, e)) is not None:
        e = k
    return s, e


def hyphenated_start(doc: Doc, s: int) -> int:
    """Where a name starts when the token at ``s`` ends a hyphenated given name ("Jean-" of "Jean-Michel")."""
    while s >= 2 and doc[s - 1].text == "-" and not doc[s - 1].whitespace_ and not doc[s - 2].whitespace_ \
            and NAME_WORD.match(doc[s - 2].text) and doc[s - 2].pos_ == "PROPN":
        s -= 2
    return s


def unlabelled_speaker_names(sdoc: Doc, speaker_heads: set[int], taken: set[int],
                             lex: RoleLexicon) -> list[SpacySpan]:
    """Proper-noun chains heading the source of a reporting verb that the model
    left unlabelled ("Gorran Feld, the union leader, complained ..."): being a
    speaker is evidence of a name."""
    def role_word(t) -> bool:
        return t.lower_ in lex.role_gender or t.lower_ in lex.titles

    # "The Shadow Secretary of State for the Family, Theresa May, said": the name set off
    # after a role-word head is the speaker's name too
    heads = set(speaker_heads) | {c.i for i in speaker_heads if role_word(sdoc[i])
                                  for c in sdoc[i].children if c.dep_ == "appos"}
    out = []
    for i in sorted(heads):
        tok = sdoc[i]
        if tok.pos_ != "PROPN" or i in taken:
            continue
        left, moved = i, True
        while moved:  # "Anselm Berrow-O'Neill": given names before a hyphenated surname too
            moved = False
            # "Mayor Ines Darrow": the name stops at the title before it.
            while left > 0 and sdoc[left - 1].pos_ == "PROPN" and sdoc[left - 1].head.i in range(left, i + 1) \
                    and (NAME_WORD.match(sdoc[left - 1].text) or (left > 1 and sdoc[left - 1].text in SURNAME_PARTICLES
                                                                  and NAME_WORD.match(sdoc[left - 2].text))) \
                    and not role_word(sdoc[left - 1]) \
                    and (sdoc[left - 1].text not in PARTY_WORDS or party_name([t.text for t in sdoc[left - 1:i + 1]])):
                left, moved = left - 1, True
            if (joined := hyphenated_start(sdoc, left)) != left:
                left, moved = joined, True
        if not NAME_WORD.match(tok.text) or role_word(tok):
            continue  # "a Russian MP": a role, not a name
        out.append(SpacySpan(sdoc, left, i + 1, label="SPEAKER"))
    return out


def unlabelled_org_names(sdoc: Doc, taken: set[int], lex: RoleLexicon) -> list[SpacySpan]:
    """Proper-noun chains the model left unlabelled that the text shows to be bodies:
    before a noun a body speaks through ("An Operation Black Vote spokesman") or after
    an organisation noun ("Aid charity Actionaid"). Headline lines are left alone."""
    body = sdoc.text.find("\n")
    out = []
    i = 0
    while i < len(sdoc):
        if not _proper(sdoc[i]) or i in taken or sdoc[i].idx < body or not _org_name_word(sdoc[i].text):
            i += 1
            continue
        j = i
        while j < len(sdoc) and _proper(sdoc[j]) and j not in taken and _org_name_word(sdoc[j].text):
            j += 1
        before, after = (sdoc[i - 1] if i > 0 else None), (sdoc[j] if j < len(sdoc) else None)
        if any(t.lower_ in lex.role_gender or t.lower_ in lex.titles for t in sdoc[i:j]):
            pass  # "Labour MP", "Mr Smith": a role or a person
        elif (after is not None and after.pos_ == "NOUN" and after.lower_ in VOICE_NOUNS and sdoc[j - 1].head.i == j) \
                or (before is not None and before.pos_ == "NOUN" and (before.lower_ in lex.org_nominals
                                                                    or before.lower_ in FIRM_INTRODUCERS)
                    and before.whitespace_):
            out.append(SpacySpan(sdoc, i, j, label="ORG"))
        i = j
    return out


def names_after_role_words(sdoc: Doc, spans: list[SpacySpan], lex: RoleLexicon) -> list[SpacySpan]:
    """"guitarist Sergio Pizzorno" the model read as a people and a firm: two or three name words
    right after a lower-case person role word are one person's name, when the model gave them
    no one person span of their own (BBC labels, entertainment-255)."""
    out = []
    for tok in sdoc:
        if not (tok.is_lower and tok.lower_ in lex.role_gender) or tok.i + 2 > len(sdoc):
            continue
        j = tok.i + 1
        while j < len(sdoc) and j - tok.i <= 3 and sdoc[j].pos_ == "PROPN" and NAME_WORD.match(sdoc[j].text) \
                and sdoc[j].lower_ not in lex.role_gender and sdoc[j].lower_ not in lex.titles \
                and sdoc[j].text not in PARTY_WORDS and (j == tok.i + 1 or sdoc[j - 1].whitespace_ == " "):
            j += 1
        if not 2 <= j - tok.i - 1 <= 3 or (j < len(sdoc) and sdoc[j].pos_ == "PROPN"):
            continue
        inside = [sp for sp in spans if sp.start < j and sp.end > tok.i + 1]
        if any(sp.start < tok.i + 1 or sp.end > j for sp in inside) \
                or any(sp.label_ == "PERSON" for sp in inside) or not inside:
            continue  # a span across its edge, the model's own person, or no name the model saw
        out.append(SpacySpan(sdoc, tok.i + 1, j, label="PERSON"))
    return out


def _proper(tok) -> bool:
    """A proper noun, or a word a digit then a capital opens, whatever its tag ("4Cast" read as a noun)."""
    return tok.pos_ == "PROPN" or DIGIT_NAME.match(tok.text) is not None


def _org_name_word(word: str) -> bool:
    """A word of a body's name: capitalised, or a digit then a capital ("4Cast", "3M")."""
    return NAME_WORD.match(word) is not None or DIGIT_NAME.match(word) is not None


def bracketed_acronym_names(sdoc: Doc, taken: set[int]) -> list[SpacySpan]:
    """A name the model missed that the text defines an acronym for: "The Motion Picture
    Association of America (MPAA)": the capitalised words before the bracket whose initials
    spell the acronym (so "the MPAA" later can be expanded to it)."""
    out = []
    for tok in sdoc:
        if not (tok.is_upper and tok.is_alpha and 2 <= len(tok) <= 6) or tok.i < 2 or tok.i + 1 >= len(sdoc) \
                or sdoc[tok.i - 1].text != "(" or sdoc[tok.i + 1].text != ")":
            continue
        i = tok.i - 1
        while i > 0 and (sdoc[i - 1].text[:1].isupper() or sdoc[i - 1].lower_ in FUNCTION_WORDS) \
                and sdoc[i - 1].lower_ != "the" and (i - 1) not in taken:
            i -= 1
        while i < tok.i - 1 and sdoc[i].lower_ in FUNCTION_WORDS:
            i += 1
        if i < tok.i - 1 and tok.text in (initials(sdoc[i:tok.i - 1].text, False), initials(sdoc[i:tok.i - 1].text, True)):
            out.append(SpacySpan(sdoc, i, tok.i - 1, label="ORG"))
    return out


def join_split_names(cleaned: list[tuple[SpacySpan, bool]], lex: RoleLexicon) -> list[tuple[SpacySpan, bool]]:
    """One person's name the model cut in two: at a middle initial or before a suffix ("Bruce L"
    + "Castor Jr", "Walter M" + "Phillips Jr"): two person spans with nothing between them,
    the first ending in an initial or the second in a suffix; or before a surname it gave
    another label ("Henk Ten" + "Cate" read as a firm): a person span whose last word the
    parser hangs on the one name word right after it."""
    out: list[tuple[SpacySpan, bool]] = []
    for sp, cut in cleaned:
        if out and out[-1][0].label_ == "PERSON" and out[-1][0].end == sp.start:
            prev, prev_cut = out[-1]
            initial = re.fullmatch(r"[A-Z]\.?", prev[-1].text) is not None
            suffix = sp[-1].text.lower().rstrip(".") in NAME_SUFFIXES
            if (sp.label_ == "PERSON" and (initial or suffix)) or _surname_split_off(prev, sp, lex):
                out[-1] = (SpacySpan(sp.doc, prev.start, sp.end, label="PERSON"), prev_cut or cut)
                continue
        out.append((sp, cut))
    return out


def _surname_split_off(person: SpacySpan, nxt: SpacySpan, lex: RoleLexicon) -> bool:
    """Is ``nxt`` (another label) the surname of the person span right before it? One
    capitalised word, no role, title, party or organisation word, that the person's last
    word is a compound of, with only a space between them."""
    last = person[-1]
    return nxt.label_ != "PERSON" and len(nxt) == 1 and last.whitespace_ == " " and last.dep_ == "compound" \
        and last.head.i == nxt.start and NAME_WORD.match(nxt.text) is not None and nxt[0].pos_ == "PROPN" \
        and nxt[0].lower_ not in lex.role_gender and nxt[0].lower_ not in lex.titles \
        and nxt[0].lower_ not in lex.org_words and nxt.text not in PARTY_WORDS
