"""Entity type correction with document-level consistency and syntactic evidence.

The small English model mislabels names in news about unfamiliar places
("Tigran Abrahamian" NORP, "Lilit Minasian" ORG, "Yerevan" PERSON). Each
distinct name in a document gets one type, decided from:
* syntactic evidence on any of its mentions: a courtesy title or a person role
  word before it ("spokeswoman Maria Zakharova"), an apposition headed by a
  person role word ("Metakse Hakobian, a Karabakh parliamentarian"); an
  organisation word inside it ("Civil Contract party", "Lazarev Club");
* surnames: a one-word name that ends a multi-word PERSON name is that person;
* for one-word names with no person evidence, a GPE label on any mention, or a
  place-like position (object of in/to/from) makes it a GPE;
* otherwise the model's majority label.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np
from spacy.attrs import ORTH, POS
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Span as SpacySpan

from ...names import (PLACE_OPENERS, POSSESSIVES, SURNAME_PARTICLES, misspelt_surname_of, parse_person, surface_name,
                      surname_as_written)
from ..lexicon import RoleLexicon
from .aliases import FUNCTION_WORDS, acronym_of, initials
from .name_spans import (CAPITALISED_PREPOSITIONS, NAME_WORD, PARTY_WORDS, VOICE_NOUNS, bracketed_acronym_names,
                         hyphenated_start, over_references, party_name, party_role_phrase,
                         join_split_names, names_after_role_words, unlabelled_org_names, unlabelled_speaker_names)
from .phrases import MONTHS, WEEKDAYS
from .roles import role_of

SPACED_DASHES = ("-", "–", "—")
NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
PLACE_PREPS = {"in", "to", "from", "into", "across", "near", "toward", "towards", "throughout"}
DEMONYM_ENDINGS = ("i", "ian", "ean", "ese", "ish", "an")
# Acronyms that do name places; the model reads most other capitalised acronyms
# ("TUC", "SEC", "RNID") as places too, though they are bodies.
PLACE_ACRONYMS = frozenset({"US", "USA", "UK", "EU", "UAE", "DRC", "PRC", "GB", "NI", "ROK", "DPRK", "USSR"})
# Letters after a person's name (British usage: posts, honours, the bar).
POST_NOMINALS = frozenset({"QC", "KC", "MP", "MSP", "MEP", "AM", "MLA", "TD", "OBE", "MBE", "CBE", "KBE", "JP"})
# Nouns news puts before a firm's name that no organisation is called by alone ("retail giant X").
BODY_EPITHETS = frozenset({"giant", "conglomerate", "multinational", "outfit"})


@dataclass(slots=True)
class Entity:
    start: int
    end: int
    text: str
    label: str
    model_label: str
    token_start: int
    token_end: int

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label,
                "model_label": self.model_label}


def _clean_span(ent: SpacySpan, lex: RoleLexicon) -> tuple[SpacySpan, bool]:
    """Drop a leading determiner, role words or title ("Councillor Bo Ardent")
    and a trailing possessive; take in first names the model left out
    ("Orsola" of "Orsola Venn"). Returns the span and whether a role or title
    was cut off (evidence of a person)."""
    s, e = ent.start, ent.end
    doc = ent.doc
    role_cut = False
    while s < e and (doc[s].is_punct or doc[s].is_space):
        s += 1  # a quotation mark the model took in ('" Mr Bussereau')
    if s < e and doc[s].lower_ == "the":
        s += 1
    if e > s and doc[e - 1].text in POSSESSIVES:
        e -= 1  # first: "General Motor's" is two words of a name, not a role and one
    # Role words and titles before a name ("Councillor Bo Ardent", "Ms Lomax"): a
    # title may leave a surname alone, a role word only a name of two words.
    while (e - s >= 3 and doc[s].lower_ in lex.role_gender) or (e - s >= 2 and doc[s].lower_ in lex.titles):
        s += 1
        role_cut = True
    # "the Lib Dems' Charles Kennedy", "Labour's Jo Roe" read as one name: the name is the
    # possessed one; the owner is an affiliation
    owner_end = max((i for i in range(s + 1, e - 1) if doc[i].text in POSSESSIVES), default=None)
    if owner_end is not None and all(NAME_WORD.match(t.text) for t in doc[owner_end + 1:e]) \
            and doc[e - 1].lower_ not in lex.org_words:  # "British Bankers' Association" is one body's name
        s = owner_end + 1
    label = ent.label_
    if ent.label_ in ("PERSON", "ORG") and e - s >= 3 and doc[e - 1].text in POST_NOMINALS \
            and all(NAME_WORD.match(t.text) for t in doc[s:e - 1]):
        # "Guy Mansfield QC", "Tom McCabe MSP": letters after a name are no part of it, and
        # say it is a person's (the model reads some as a body)
        e -= 1
        label, role_cut = "PERSON", True
    while ent.label_ == "PERSON" and e - s >= 2 and doc[s].text in PARTY_WORDS \
            and not party_name([t.text for t in doc[s:e]]):  # "Lib Dems" is the party itself
        s += 1  # "Tory Dominic Grieve": the party is an affiliation, not a given name
        role_cut = True
    if ent.label_ == "PERSON":
        # "Clive Griffiths - Wales' defensive coach": a spaced dash ends a person's name
        dash = next((i for i in range(s + 1, e - 1) if doc[i].text in SPACED_DASHES and doc[i - 1].whitespace_
                     and doc[i].whitespace_), None)
        if dash is not None:
            e = dash
    # "The World Health Organisation (WHO": the model stopped inside a bracket (an acronym
    # that is also a word); the name is what stands before the bracket
    opened = [i for i in range(s + 1, e) if doc[i].text == "("]
    if opened and not any(doc[i].text == ")" for i in range(opened[-1], e)):
        e = opened[-1]
    if ent.label_ == "ORG":
        # "the Associated Press news agency", "the Gartner research firm": the name is
        # the capitalised part; the common nouns after it say what it is.
        while e - s >= 2 and doc[e - 1].is_lower and doc[e - 1].is_alpha and doc[e - 2].is_lower:
            e -= 1
        if e - s >= 2 and doc[e - 1].is_lower and doc[e - 1].is_alpha and doc[e - 2].text[:1].isupper():
            e -= 1
    s = hyphenated_start(doc, s)
    if ent.label_ == "PERSON":
        s, e = over_references(doc, s, e)
    if s > 0 and doc[s].text in CAPITALISED_PREPOSITIONS and NAME_WORD.match(doc[s - 1].text) \
            and not doc[s - 1].is_sent_start and doc[s - 1].lower_ not in lex.role_gender:
        # "Reporters Without Borders", "Friends Of The Earth": the model began the name at its
        # capitalised preposition; the name starts with the word before, and is a body's
        s -= 1
        label = "ORG"
    # Take in name words the model left out ("Orsola" of "Orsola Venn", "UK" of "UK Independence
    # Party", "Liberal" of "Liberal Democrats"); a person's name that has its given name already
    # does not take in the capitalised word before it ("Goalscorer Jimmy Floyd Hasselbaink").
    while (_one_word(doc, s, e) or ent.label_ != "PERSON") and s > 0 and doc[s - 1].pos_ == "PROPN" \
            and (doc[s - 1].dep_ == "compound" or (doc[s - 1].dep_ == "amod" and ent.label_ != "PERSON")) \
            and s <= doc[s - 1].head.i < e and NAME_WORD.match(doc[s - 1].text) \
            and doc[s - 1].lower_ not in lex.role_gender and doc[s - 1].lower_ not in lex.titles \
            and not doc[s - 1].ent_type_:
        s -= 1
    if ent.label_ == "PERSON" and e < len(doc) and _calendar_surname(doc[e], e - 1):
        e += 1  # "coach Mike Friday": the model read the surname as a day
    elif ent.label_ == "PERSON" and _one_word(doc, s, e) and _untagged_surname_after(doc, e, lex):
        e += 1  # "champion Edith Masai": the model tagged the given name only
    if ent.label_ == "ORG":
        s = _start_of_bracketed_name(doc, s, e)
        s = _coordinated_name_start(doc, s, e, lex)
    if ent.label_ == "ORG" and s > 0 and doc[s - 1].ent_type_ == "NORP" and doc[s - 1].dep_ in ("amod", "compound") \
            and s <= doc[s - 1].head.i < e:
        # "Russian MFA", "Azerbaijani Foreign Ministry": the nationality is part of
        # the organisation's name (and keeps two countries' ministries apart).
        s -= 1
    if e <= s or ((s, e) == (ent.start, ent.end) and label == ent.label_):
        return ent, role_cut
    return SpacySpan(doc, s, e, label=label), role_cut


def _one_word(doc: Doc, s: int, e: int) -> bool:
    """Is the span one written word ("Blair", "Haji-Ioannou": a hyphen makes three tokens)?"""
    return e > s and not any(t.whitespace_ for t in doc[s:e - 1])


def _untagged_surname_after(doc: Doc, e: int, lex: RoleLexicon) -> bool:
    """Is the token at ``e`` a surname the model left out of the given name before it: a
    capitalised proper noun in no entity that the given name is a compound of ("Edith" -> "Masai")?"""
    if e >= len(doc) or not doc[e - 1].whitespace_ or doc[e - 1].dep_ != "compound" or doc[e - 1].head.i != e \
            or doc[e - 1].text in PARTY_WORDS:  # "Labour MPs": a party before its members
        return False
    tok = doc[e]
    return tok.pos_ == "PROPN" and NAME_WORD.match(tok.text) is not None and not tok.ent_type_ \
        and not {tok.lower_, tok.lower_.removesuffix("s")} & (lex.role_gender.keys() | lex.titles.keys()) \
        and tok.lower_ not in lex.org_words


def _role_use(m: SpacySpan) -> bool:
    """A one-word mention used as a role: after a determiner ("the DJ") or before a
    person's name ("DJ Norm Cadwell"); a surname that is a role word ("King said") is not."""
    doc = m.doc
    before = doc[m.start - 1] if m.start > 0 else None
    after = doc[m.end] if m.end < len(doc) else None
    return (before is not None and before.lower_ in ("the", "a", "an", "this", "our", "their", "his", "her")) \
        or (after is not None and after.pos_ == "PROPN" and after.ent_type_ == "PERSON")


def _calendar_surname(tok, name_last: int) -> bool:
    """A weekday or month right after a given name, as its compound head: a surname
    ("Mike Friday", "Brian May"), not a date."""
    return tok.pos_ == "PROPN" and tok.ent_type_ == "DATE" and tok.lower_ in (WEEKDAYS | MONTHS) \
        and NAME_WORD.match(tok.text) is not None and tok.doc[name_last].head.i == tok.i


def _start_of_bracketed_name(doc: Doc, s: int, e: int) -> int:
    """"Past Congressional Budget Office (CBO) forecasts": a name defined by the acronym
    after it starts where the acronym's initials start (a capitalised sentence opener
    the model took in is no part of it)."""
    if not (e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")" and doc[e + 1].is_upper):
        return s
    acronym = doc[e + 1].text
    for start in range(s, e - 1):
        name = doc[start:e].text
        if acronym in (initials(name, False), initials(name, True)):
            return start
    return s


def _coordinated_name_start(doc: Doc, s: int, e: int, lex: RoleLexicon) -> int:
    """"the Finance and Planning Ministry": a body named for two portfolios, of which the model
    took the second only; the capitalised word and "and" before it belong to the name when
    the name ends in a body's word and the word hangs on it."""
    if s < 2 or doc[s - 1].lower_ != "and" or doc[e - 1].lower_ not in lex.org_words:
        return s
    first = doc[s - 2]
    if first.pos_ == "PROPN" and NAME_WORD.match(first.text) and not first.ent_type_ \
            and s - 2 <= first.head.i < e and (s - 3 < 0 or doc[s - 3].text not in (",", "&")):
        return s - 2
    return s


def _person_evidence(ent: SpacySpan, lex: RoleLexicon) -> bool:
    doc = ent.doc
    if ent.start > 0 and doc[ent.start - 1].lower_.rstrip(".") + "." in lex.titles:
        return True
    if ent.start > 0 and doc[ent.start - 1].lower_ in lex.titles:
        return True
    head = ent.root.head
    if head.i >= ent.end and head.lower_ in lex.role_gender and ent.root.dep_ in ("compound", "amod"):
        return False  # "Deputy Trade Minister": a word of a title, not a name
    if ent.root.dep_ == "pobj" and ent.root.head.lower_ in PLACE_PREPS - {"to", "from"}:
        return False  # "based in Iran, the campaign's director told": an apposed role is the next clause's
    return bool(role_of(ent, lex))


def _org_apposition(ent: SpacySpan, lex: RoleLexicon) -> bool:
    """"Ford, the US car company": an apposition headed by an organisation noun."""
    # org nominals only: an org word may head a person's apposition ("a former rugby league international")
    if any(c.dep_ == "appos" and c.i >= ent.end and c.lower_ in lex.org_nominals for c in ent.root.children):
        return True
    # "the band's record company, Universal" / "record company Universal": the name in apposition to the noun
    root = ent.root
    return root.dep_ == "appos" and root.head.i < ent.start and root.head.lower_ in lex.org_nominals


def _is_capitalised_name(ent: SpacySpan) -> bool:
    """Capitalised words, with function words inside ("Bank of England", "Office for
    National Statistics") or surname particles ("Rodrigo de Rato", "Banco de Portugal";
    the model reads some such people as bodies) but not at either end."""
    words = [t for t in ent if t.is_alpha]
    return not words or words[0].text[:1].isupper() and words[-1].text[:1].isupper() and all(
        t.text[:1].isupper() or t.lower_ in FUNCTION_WORDS or t.text in SURNAME_PARTICLES
        for t in words)


def correct_entities(sdoc: Doc, lex: RoleLexicon, speaker_heads: set[int] | None = None) -> list[Entity]:
    # a party-and-role phrase is no name, as the model spanned it or once a role word before it is cut
    cleaned = join_split_names([_clean_span(e, lex) for e in sdoc.ents
                                if e.label_ in NAME_LABELS and not party_role_phrase(e, lex)], lex)
    cleaned = [(sp, cut) for sp, cut in cleaned if not party_role_phrase(sp, lex)]
    spans = [sp for sp, _ in cleaned]
    covered = {t for sp in spans for t in range(sp.start, sp.end)}
    spans += unlabelled_org_names(sdoc, covered, lex)
    covered = {t for sp in spans for t in range(sp.start, sp.end)}
    spans += bracketed_acronym_names(sdoc, covered)
    titled = {(sp.start, sp.end) for sp, cut in cleaned if cut}
    role_names = names_after_role_words(sdoc, spans, lex)
    spans = [sp for sp in spans if not any(r.start <= sp.start and sp.end <= r.end for r in role_names)] + role_names
    titled |= {(r.start, r.end) for r in role_names}
    if speaker_heads:
        taken = {t for sp in spans for t in range(sp.start, sp.end)}
        extra = unlabelled_speaker_names(sdoc, speaker_heads, taken, lex)
        # A speaker name swallows a partial entity inside it ("Gorran" of "Gorran Feld").
        spans = [sp for sp in spans if not any(x.start <= sp.start and sp.end <= x.end for x in extra)] + extra
    spans = [s for s in spans if s.text.strip() and _is_capitalised_name(s)]
    groups: dict[str, list[SpacySpan]] = defaultdict(list)
    for s in spans:
        groups[surface_name(s.text)].append(s)
    label_of: dict[str, str] = {}
    # Words that name places or peoples on their own: not parts of a person's name.
    place_words = {k for k, ms in groups.items() if len(k.split()) == 1
                   and Counter(m.label_ for m in ms).most_common(1)[0][0] in ("GPE", "NORP", "LOC")}
    # Of those, the words that name a people ("Kenyan"): never a given name.
    people_words = {k for k in place_words if Counter(m.label_ for m in groups[k]).most_common(1)[0][0] == "NORP"}
    # 1. Multi-word names (and names with evidence) first: they anchor surnames.
    for key, mentions in groups.items():
        votes = Counter(m.label_ for m in mentions)
        words = key.split()
        if {w.lower() for w in words} & lex.org_words or party_name(words):
            label_of[key] = "ORG"
        elif any(_person_evidence(m, lex) or (m.start, m.end) in titled for m in mentions):
            label_of[key] = "PERSON"
        elif len(words) >= 2 and set(votes) == {"SPEAKER"} and all(NAME_WORD.match(w) for w in words):
            label_of[key] = "PERSON"  # a two-word proper name that speaks
        elif len(words) == 2 and all(NAME_WORD.match(w) for w in words) and not set(words) & place_words \
                and set(Counter(m.label_ for m in groups.get(words[1], []))) in ({"SPEAKER"}, {"PERSON"},
                                                                                  {"PERSON", "SPEAKER"}) \
                and not any(_org_apposition(m, lex) or _introduced_as_body([m], lex) for m in mentions) \
                and words[0].lower() not in PLACE_OPENERS and _surname_use(groups[words[1]], mentions):
            # "prop Dai Young ... Young told BBC Sport", "international Finlay Calder" (read as a
            # body) "... Calder said": a name whose last word speaks or is read as a person alone is
            # a person's (a firm is not called by its last word). On 1,000 BBC articles this and the
            # joins of cut names (_clean_span, join_split_names) changed 14 speakers, all to the
            # right whole name.
            label_of[key] = "PERSON"
        elif len(words) >= 2 and all(NAME_WORD.match(w) for w in words) \
                and any(_person_evidence(m, lex) or (m.start, m.end) in titled for m in groups.get(words[-1], [])):
            # "Serena Williams" the model calls NORP, then "champion Williams": a person's surname
            label_of[key] = "PERSON"
        elif (len(words) >= 2 and votes.get("PERSON", 0) >= max(votes.values())
              and all(NAME_WORD.match(w) for w in words)
              and (not set(words[:-1]) & place_words or (
                  _person_surname(groups.get(words[-1], [])) and not set(words[:-1]) & people_words))):
            # A surname the model also reads as a place ("John Houston", "David
            # Campese") is still a surname; "Karabakh Armenians" starts with a place,
            # unless its last word is used alone and never as a people ("Gavin Henson
            # ... Henson said", though "looked at Gavin" made the model read Gavin as a place).
            label_of[key] = "PERSON"
    person_parts: set[str] = set()
    for key, label in label_of.items():
        if label == "PERSON" and len(key.split()) >= 2 and all(NAME_WORD.match(w) for w in key.split()):
            person_parts.add(key.split()[-1])
            person_parts.add(surname_as_written(key))  # "Le Bon" of "Simon Le Bon"
    person_surnames = {p.surname for key, label in label_of.items()
                       if label == "PERSON" and (p := parse_person(key)) is not None and p.has_given}
    # 2. One-word names: surname of a person, nationality, place, or the model's label.
    for key, mentions in groups.items():
        if key in label_of:
            continue
        votes = Counter(m.label_ for m in mentions)
        single = len(key.split()) == 1
        # "Contrack said" after "Contrack International": the firm's short name, whatever the model read.
        short_of_org = single and any(lb == "ORG" and len(k.split()) > 1 and k.split()[0] == key
                                      for k, lb in label_of.items()) and not any(
            _person_evidence(m, lex) or (m.start, m.end) in titled for m in mentions)
        if single and lex.plural_role(key):
            label_of[key] = "UNKNOWN"  # "MPs", "MEPs": a plural role, no one's name
        elif single and key.lower() in lex.role_gender and all(_role_use(m) for m in mentions):
            label_of[key] = "UNKNOWN"  # "The DJ admitted", "DJ Norm Cadwell": a role, no one's name
        elif single and any(_org_apposition(m, lex) for m in mentions) and not any(
                _person_evidence(m, lex) or (m.start, m.end) in titled for m in mentions):
            label_of[key] = "ORG"  # "Ford, the US car company": the firm, though Bill Ford is named too
        elif single and acronym_of(key, [k for k, lb in label_of.items() if lb == "ORG" and len(k.split()) > 1]) \
                and not any(_person_evidence(m, lex) or (m.start, m.end) in titled for m in mentions):
            label_of[key] = "ORG"  # "RICS", "Bat": the initials of an organisation the document names
        elif key in person_parts or (single and _misspelt_part(key, person_surnames, votes)):
            label_of[key] = "PERSON"
        elif short_of_org and not votes.get("GPE"):
            label_of[key] = "ORG"
        elif set(votes) == {"SPEAKER"}:
            label_of[key] = "UNKNOWN"
        elif single and all(m.root.dep_ in ("amod", "compound") or m.root.pos_ == "ADJ" for m in mentions) \
                and key.endswith(DEMONYM_ENDINGS):
            label_of[key] = "NORP"
        elif votes.get("NORP") and all(m.root.dep_ in ("amod", "compound") or m.root.pos_ == "ADJ" for m in mentions):
            label_of[key] = "NORP"
        elif single and (votes.get("GPE") or votes.get("ORG")) and _body_not_place(key, mentions):
            label_of[key] = "ORG"
        elif single and _introduced_as_body(mentions, lex) and not any(
                _person_evidence(m, lex) or (m.start, m.end) in titled for m in mentions):
            label_of[key] = "ORG"
        elif single and (votes.get("GPE") or any(_place_position(m, firm_reading=bool(votes.get("ORG")))
                                                 for m in mentions)) \
                and votes.get("PERSON", 0) + votes.get("ORG", 0) + votes.get("GPE", 0) > 0:
            label_of[key] = "GPE"
        elif single and len(votes) > 1 and votes.most_common(1)[0][0] == "PERSON":
            # A lone word with no full name and no person evidence: a person
            # is introduced by full name, so trust the model's other reading.
            label_of[key] = next(lb for lb, _ in votes.most_common() if lb != "PERSON")
        elif not single and votes.most_common(1)[0][0] == "PERSON" and set(key.split()) & place_words:
            label_of[key] = "NORP"  # "Karabakh Armenians": a people, not a person
        else:
            label_of[key] = votes.most_common(1)[0][0]
    out = [Entity(s.start_char, s.end_char, s.text, label_of[surface_name(s.text)],
                  "" if s.label_ == "SPEAKER" else s.label_, s.start, s.end)
           for s in spans if label_of[surface_name(s.text)] != "UNKNOWN"]
    # 3. Names the model missed on some mentions ("Armenia has denounced",
    # "Minasian hit out at", "Tony Blair" under a headline): the document's
    # label for that name; a given name before a person's surname joins it.
    taken = {t for e in out for t in range(e.token_start, e.token_end)}

    def given_name_before(i: int) -> bool:
        first = sdoc[i - 1] if i > 0 else None
        return first is not None and first.i not in taken and first.whitespace_ == " " \
            and _given_name_like(first, lex, place_words, label_of)

    for n, e in enumerate(out):
        if e.label == "PERSON" and e.token_end - e.token_start == 1 and given_name_before(e.token_start):
            first = sdoc[e.token_start - 1]
            out[n] = Entity(first.idx, e.end, f"{first.text} {e.text}", "PERSON", e.model_label, first.i, e.token_end)
            taken.add(first.i)
    # only proper nouns: walking every token cost 0.3 s on PolNeAR dev
    proper = np.flatnonzero(sdoc.to_array(POS) == PROPN).tolist()
    for i in proper:  # "Harlan, the US truck maker" the model left untagged: a firm, not Jon Harlan
        if i not in taken and label_of.get(sdoc[i].text) is None and _org_apposition(sdoc[i:i + 1], lex):
            label_of[sdoc[i].text] = "ORG"
            person_parts.discard(sdoc[i].text)
    # A surname the parser read as a common noun ("Mendes could not believe", "Richards
    # also points out": tagged NNS) is still the person's, when it is capitalised mid-clause.
    surnames = [sdoc.vocab.strings[w] for w in person_parts if w in sdoc.vocab.strings]
    as_nouns = np.flatnonzero(np.isin(sdoc.to_array(ORTH), surnames) & (sdoc.to_array(POS) == NOUN)).tolist()
    for i in sorted(set(proper) | set(as_nouns)):
        tok = sdoc[i]
        if tok.i in taken:
            continue
        if (tok.text in person_parts or label_of.get(tok.text) == "PERSON") and given_name_before(tok.i):
            first = sdoc[tok.i - 1]
            out.append(Entity(first.idx, tok.idx + len(tok), f"{first.text} {tok.text}", "PERSON", "", first.i, tok.i + 1))
        elif tok.text in person_parts:
            out.append(Entity(tok.idx, tok.idx + len(tok), tok.text, "PERSON", "", tok.i, tok.i + 1))
        elif label_of.get(tok.text) in ("GPE", "ORG") and tok.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj"):
            out.append(Entity(tok.idx, tok.idx + len(tok), tok.text, label_of[tok.text], "", tok.i, tok.i + 1))
    out.sort(key=lambda e: e.start)
    return out


def _surname_use(alone: list[SpacySpan], full: list[SpacySpan]) -> bool:
    """A last word used alone as a person's surname is: no article before it ("the Ospreys" of
    the Neath-Swansea Ospreys is a team), and at least as often as the full name (news names a
    person in full once, then by surname; "Deutsche Boerse" three times and "Boerse" once is a body)."""
    return len(alone) >= len(full) and not any(
        m.start > 0 and m.doc[m.start - 1].lower_ in ("the", "a", "an") for m in alone)


def _person_surname(mentions: list[SpacySpan]) -> bool:
    """A one-word name used alone (twice at least) and never read as a people ("Henson",
    not "Armenians"): the last word of a full name can be a surname."""
    return len(mentions) >= 2 and not any(m.label_ == "NORP" for m in mentions)


def _misspelt_part(key: str, person_surnames: set[str], votes: Counter) -> bool:
    """A one-word name that is a full-name person's surname spelt another way: the same
    folded key ("Hassel" of Brian Hassell, which the model read as a firm) or, when the
    model did not read it as a place, one letter misspelt ("Hassall")."""
    p = parse_person(key)
    if p is None or p.has_given:
        return False
    return p.surname in person_surnames or (
        not votes.get("GPE") and misspelt_surname_of(p.surname, person_surnames) is not None)


def _given_name_like(tok, lex: RoleLexicon, place_words: set[str], label_of: dict[str, str]) -> bool:
    """A capitalised proper noun that can be a given name: no title, role, place or other name."""
    low = tok.lower_
    return (tok.pos_ == "PROPN" and bool(NAME_WORD.match(tok.text)) and not tok.is_upper
            and low not in lex.titles and low not in lex.role_gender and tok.text not in place_words
            and label_of.get(tok.text, "PERSON") == "PERSON" and tok.ent_type_ in ("", "PERSON"))


def _body_not_place(key: str, mentions: list[SpacySpan]) -> bool:
    """A one-word name the model read as a place that the text uses as a body: an
    acronym that names no place ("the TUC", "SEC"), or a name never used as a place
    (after in/to/from ...) that modifies a noun a body speaks through ("a Toshiba
    study", "Pentagon officials")."""
    if key in PLACE_ACRONYMS or any(m.root.dep_ == "pobj" and m.root.head.lower_ in PLACE_PREPS for m in mentions):
        return False
    if key.isupper() and key.isalpha() and len(key) >= 3:
        return True
    # "Washington officials" are a city's or a country's; "Pentagon officials" a body's,
    # which the text calls "the Pentagon" (a body's name takes the article, a city's does not).
    with_the = any(m.start > 0 and m.doc[m.start - 1].lower_ == "the" for m in mentions)
    return any(m.root.dep_ in ("compound", "nmod", "poss") and m.root.head.i >= m.end
               and m.root.head.lower_ in VOICE_NOUNS and (m.root.head.lower_ != "officials" or with_the)
               for m in mentions)


def _introduced_as_body(mentions: list[SpacySpan], lex: RoleLexicon) -> bool:
    """A one-word name the model read as a place that the text introduces with a body's
    noun right before it ("shares in plane-making giant Bombardier", "oil group Yukos",
    "anti-virus firm Sophos"): a firm, so "the firm" later can be it."""
    return any(m.start > 0 and (before := m.doc[m.start - 1]).pos_ == "NOUN" and before.head.i == m.root.i
               and before.lower_ in lex.org_nominals | BODY_EPITHETS for m in mentions)


def _place_position(m: SpacySpan, firm_reading: bool = False) -> bool:
    """After in/to/from ("in Yerevan"), or modifying a noun ("Yerevan office"). A name the
    model reads as an organisation modifies nouns and follows to/from as firms do ("Nintendo
    president", "equipment from Siemens"): only "in" and the like make it a place."""
    root = m.root
    if root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS:
        return not (firm_reading and root.head.lower_ in ("to", "from", "toward", "towards"))
    return not firm_reading and root.dep_ == "compound" and root.head.pos_ == "NOUN"


def model_entities(sdoc: Doc) -> list[Entity]:
    """The model's own labels, uncorrected (the baseline the correction is measured against)."""
    return [Entity(e.start_char, e.end_char, e.text, e.label_, e.label_, e.start, e.end)
            for e in sdoc.ents if e.label_ in NAME_LABELS]
