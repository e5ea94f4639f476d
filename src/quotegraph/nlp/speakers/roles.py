"""A person's role as written next to the name: premodifiers ("Russian Foreign
Ministry spokeswoman Maria Zakharova") and appositions ("Metakse Hakobian, a
Karabakh parliamentarian", "Velmora's foreign minister, Teodor Halvari").
A role is a noun phrase of its own: no dateline, outlet tag, line break or
surrounding whitespace ("Yerevan /Mediamax/. Russian Deputy Foreign Minister"
is "Russian Deputy Foreign Minister")."""
from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan, Token

from ...names import COURTESY_TITLES, DEMONYMS, NATIONALITIES
from ..lexicon import RoleLexicon
from ..spacy_model import FINITE_VERB_TAGS, doc_text

DETERMINERS = {"a", "an", "the", "another"}
COUNTERPART_NOUNS = frozenset({"counterpart", "counterparts"})
DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "ani", "i", "an")
# Debris before a role: an outlet tag ("/Mediamax/", "(Reuters) -") or a dateline ending in a dash.
_LEADING_DEBRIS = re.compile(r"^.*(?:/[^/\s]+/\.?|\)\s*[-–—]|\s[-–—])\s+", re.DOTALL)


# Words that open a role without being part of it: an article, a possessive pronoun ("his
# lawyer", "its founder": the role without its owner, who is another speaker) or a sentence
# adverb ("Earlier Tory leader", "now foreign secretary"). "the" only before a lower-case word:
# "The Times editor" keeps the paper's name. On the roles stored for 1,000 BBC articles
# (/tmp bbc1000 store, 890 distinct roles) 20 opened so.
_LEADING_WORDS = re.compile(r"^(?:(?:an?|[Tt]he(?=\s+[a-z])|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ur|[Mm]y|[Yy]our"
                            r"|[Nn]ow|[Ee]arlier|[Mm]eanwhile|[Aa]lso)\s+)+(?=\S)")
# A courtesy title that opens the holder's name, left at the role's end ("Manchester United
# manager Sir", "its chairman, Sir", "Federal Reserve chairman Mr"): 31 of the same 890.
# "Professor" stays: it is an office ("Bristol University Professor").
_TRAILING_TITLE = re.compile(r"(?:[\s,]+(?:the|%s)\.?)+$" % "|".join(
    sorted(COURTESY_TITLES | {"baroness", "baron", "rt", "rev", "hon"})), re.IGNORECASE)
# A relative clause says more about the holder than the role ("a mining firm that has the
# motto", "director of Yahoo Games, which attracts ..."): 12 of the same 890. Not "that" as a
# determiner after a preposition ("head of that tribunal").
_RELATIVE_CLAUSE = re.compile(r"(?<!\bof)(?<!\bfor)(?<!\bat)(?<!\bin)(?<!\bon)(?<!\bto)(?<!\bwith)(?<!\bby)"
                              r",?\s+(?:that|which|who|whose)\s.*$", re.DOTALL)


def clean_role(text: str | None) -> str | None:
    """The role without leading debris, opening article or possessive, a trailing title or
    relative clause, line breaks or stray punctuation; None if nothing is left."""
    if not text:
        return None
    t = _LEADING_DEBRIS.sub("", text.strip())
    t = " ".join(t.split()).strip(" ,;:-–—")
    t = _RELATIVE_CLAUSE.sub("", _TRAILING_TITLE.sub("", _LEADING_WORDS.sub("", t))).strip(" ,;:-–—")
    if t.count("(") > t.count(")"):  # "General Secretary of the Centre of Trade Unions (CITU"
        t += ")"
    return t if t and t.lower() not in COURTESY_TITLES else None


def _word_token(t: Token) -> bool:
    """A token that can be part of a role: a word, not a tag such as "/Mediamax/."."""
    return t.text.replace("-", "").replace(".", "").replace("’", "").replace("'", "").replace("&", "").isalnum()


def _has_role_word(tokens: list[Token], lex: RoleLexicon) -> bool:
    words = [t.lower_ for t in tokens]
    return any(w in lex.role_gender for w in words) or any(
        f"{a} {b}" in lex.role_gender for a, b in zip(words, words[1:]))


def premodifier_role(name: SpacySpan, lex: RoleLexicon) -> str | None:
    """Words before the name inside its NP, when they hold a role word."""
    doc = name.doc
    i = name.start - 1
    tokens: list[Token] = []
    while i >= 0:
        t = doc[i]
        if t.ent_iob_ == "I" and t.lower_ in ("of", "and", "&") and tokens:  # "Bank of England deputy governor"
            tokens.insert(0, t)
            i -= 1
            continue
        if t.tag_ == "POS" and tokens and i > 0 and _country_possessor(doc[i - 1]):
            # "Russia’s Deputy Foreign Minister Mikhail Galuzin": the country is part of the office
            tokens[:0] = [doc[i - 1], t]
            break
        if t.lower_ in DETERMINERS or t.is_punct or t.pos_ in ("VERB", "AUX", "ADP", "PRON", "SCONJ", "CCONJ", "DET") \
                or t.ent_type_ in ("DATE", "TIME"):
            break  # ("In October Tory leader Michael Howard": the month is no part of the role)
        # Only words that hang rightwards inside this NP (compound/amod chain to the
        # name), or a capitalised title the parser hung elsewhere ("Russian Deputy
        # Foreign Minister Mikhail Galuzin" read as an apposition of a dateline).
        if not (i < t.head.i < name.end) and not (t.is_alpha and t.text[:1].isupper() and t.pos_ in ("PROPN", "ADJ", "NOUN")
                                                  and "\n" not in doc_text(doc)[t.idx:name.start_char]):
            break
        if not _word_token(t) or "\n" in doc_text(doc)[t.idx:name.start_char]:
            break  # an outlet tag or a line break: the role starts after it
        tokens.insert(0, t)
        if t.is_sent_start:
            break
        i -= 1
    if tokens and _has_role_word(tokens, lex):
        while tokens and tokens[0].text in ("’s", "'s", "of", "and", "&"):
            tokens.pop(0)
        return doc[tokens[0].i:tokens[-1].i + 1].text
    return None


def apposition_role(name: SpacySpan, lex: RoleLexicon) -> str | None:
    """"Name, a Karabakh parliamentarian, ..." -> "Karabakh parliamentarian"."""
    head = name.root
    for c in head.children:
        if c.dep_ == "appos" and c.i >= name.end and (c.pos_ != "PROPN" or c.lower_ in lex.role_gender):
            toks = [t for t in c.subtree]
            # Stop at a relative clause: "a parliamentarian who also fled ..." keeps the noun phrase;
            # a participle of affiliation says whom the role is for and stays ("a lawyer
            # representing the families", "Abrahamian’s colleague representing the ruling party").
            cut = [t for t in toks if t.dep_ in ("relcl", "acl") and t.head.i == c.i and not _affiliation(t)]
            if cut:
                toks = [t for t in toks if t.i < cut[0].left_edge.i]
            while toks and (toks[0].lower_ in DETERMINERS or toks[0].is_punct or toks[0].is_space):
                toks.pop(0)
            while toks and (toks[-1].is_punct or toks[-1].is_space):
                toks.pop()
            if toks and _has_role_word(toks, lex) and not _subject_of_next_verb(name, toks[-1].i):
                return name.doc[toks[0].i:toks[-1].i + 1].text
    return None


# Participles that tie a role to the body it serves: "representing the ruling party", "heading the inquiry".
AFFILIATION_VERBS = frozenset({"represent", "head", "lead", "chair", "run", "direct", "manage", "oversee"})


def _affiliation(t: Token) -> bool:
    return t.tag_ == "VBG" and t.lemma_.lower() in AFFILIATION_VERBS and not any(c.dep_ == "nsubj" for c in t.children)


def _subject_of_next_verb(name: SpacySpan, last: int) -> bool:
    """"As they held talks in Moscow, a Russian MP made a statement": a name inside an opening
    adverbial clause (or prepositional phrase), and the noun phrase after its comma runs straight into the main verb, so
    it is that verb's subject, not an apposition of the name. (BBC often leaves out an
    apposition's closing comma, "Howard Archer, economist at Global Insight said", so a
    missing comma alone says nothing; on the 90 articles of BBC samples 2717/2718 only the
    adverbial-clause case was wrong.)"""
    doc = name.doc
    if last + 1 >= len(doc) or doc[last + 1].tag_ not in FINITE_VERB_TAGS:
        return False
    verb = doc[last + 1]
    ancestors = list(name.root.ancestors)
    if verb in ancestors and any(a.dep_ == "advcl" for a in ancestors):
        return True
    # "After Real's win at Roma, the England skipper admitted": an opening prepositional
    # phrase of the main verb, the same way
    return any(a.dep_ == "prep" and a.head.i == verb.i and a.i < name.start for a in ancestors)


def comma_role(name: SpacySpan, lex: RoleLexicon) -> str | None:
    """Textual apposition when the parse misses it: "Name, Abrahamian’s colleague, ..."."""
    doc = name.doc
    i = name.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    toks: list[Token] = []
    affiliation: Token | None = None
    for t in doc[i + 1:i + 12]:
        if t.is_punct or t.is_space or "\n" in t.text:
            break
        if affiliation is None and toks and _affiliation(t):
            affiliation = t  # "Abrahamian’s colleague representing the ruling party"
        elif (t.pos_ in ("VERB", "AUX") or t.lower_ in ("who", "which", "that")) \
                and (affiliation is None or affiliation not in t.ancestors):
            break
        toks.append(t)
    while toks and (toks[0].lower_ in DETERMINERS):
        toks.pop(0)
    if toks and _subject_of_next_verb(name, toks[-1].i):
        return None
    noun = toks[:toks.index(affiliation)] if affiliation in toks else toks  # the role noun before its participle
    if noun and noun[-1].lower_ in lex.role_gender or (noun and _has_role_word(noun[-2:], lex)):
        return doc[toks[0].i:toks[-1].i + 1].text
    return None


def preceding_role(name: SpacySpan, lex: RoleLexicon) -> str | None:
    """"Velmora's foreign minister, Teodor Halvari, said": the name is an apposition of a role noun."""
    head = name.root
    role = head.head
    if head.dep_ != "appos" or role.i >= name.start or role.lower_ not in lex.role_gender:
        return None
    toks = [t for t in role.subtree if t.i < name.start]
    breaks = [n for n, t in enumerate(toks[:-1]) if "\n" in t.whitespace_ or t.is_space]
    if breaks:  # a headline the parser ran into the sentence: the role starts on the name's line
        toks = toks[breaks[-1] + 1:]
    while toks and (toks[0].lower_ in DETERMINERS or toks[0].is_punct or toks[0].is_space):
        toks.pop(0)
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks.pop()
    return name.doc[toks[0].i:toks[-1].i + 1].text if toks else None


def counterpart_role(name: SpacySpan, lex: RoleLexicon) -> str | None:
    """"Armenian Foreign Minister Ararat Mirzoyan and his Russian counterpart, Sergey Lavrov":
    a counterpart holds the possessor's office for another country ("Russian Foreign Minister");
    with no country given, the office alone ("her counterpart Ivo Stahl" -> "Defence Minister")."""
    noun = name.root.head
    if name.root.dep_ != "appos" or noun.lower_ not in COUNTERPART_NOUNS or noun.i >= name.start:
        return None
    if noun.dep_ == "conj":
        owner = noun.head  # "Mirzoyan and his Russian counterpart"
    else:  # "Rook met her Dravenian counterpart": the subject of the verb
        owner = next((c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if owner is None or owner.pos_ != "PROPN":
        return None
    start = owner.i
    doc = name.doc
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound" \
            and doc[start - 1].lower_ not in lex.role_gender and doc[start - 1].lower_ not in lex.titles:
        start -= 1
    office = role_of(doc[start:owner.i + 1], lex)
    if not office:
        return None
    words = office.split()
    if _country_word(words[0]):
        words = words[1:]
    country = [c.text for c in noun.children if c.dep_ in ("amod", "compound") and _country_word(c.text)]
    return " ".join(country[:1] + words) or None


def _country_word(word: str) -> bool:
    """A country adjective or possessive opening a role ("Russian", "Armenia's", "Velmoran")."""
    low = word.lower().removesuffix("’s").removesuffix("'s")
    return word[:1].isupper() and (low in NATIONALITIES or low in DEMONYMS or low.endswith(DEMONYM_ENDINGS))


def _country_possessor(t: Token) -> bool:
    """The owner of a possessive that names a country ("Russia’s", "Velmora's"), not a person's
    or a body's ("Abrahamian’s colleague", "the party's leader")."""
    return t.ent_type_ == "GPE" or (t.text[:1].isupper() and t.lower_ in DEMONYMS)


def role_of(name: SpacySpan, lex: RoleLexicon) -> str | None:
    return clean_role(apposition_role(name, lex) or comma_role(name, lex) or premodifier_role(name, lex)
                      or preceding_role(name, lex) or counterpart_role(name, lex))


# "of" and a determiner open another's noun phrase: "a friend of the Tory leader" holds no
# leader's post, "the wife of a minister" no minister's ("Bank of England governor" keeps his).
ANOTHERS_ROLE = re.compile(r"\bof\s+(?:the|a|an|his|her|its|their)\b.*", re.DOTALL)


def role_words_in(text: str, lex: RoleLexicon) -> list[str]:
    """The role words a role phrase gives its holder."""
    words = ANOTHERS_ROLE.sub("", text.lower()).replace("’s", " ").split()
    out = [w for w in words if w in lex.role_gender]
    out += [f"{a} {b}" for a, b in zip(words, words[1:]) if f"{a} {b}" in lex.role_gender]
    return out
