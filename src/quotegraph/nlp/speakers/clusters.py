"""The named speakers of one document: one cluster per person, organisation or
place, with every mention, roles and gender.

A person is identified by a folded given name and surname (quotegraph.names),
so "Prime Minister Tony Blair", "Tony Blair" and "T. Blair" are one cluster.
A mention with a surname only ("Mr Blair", "Ms Zakharova", "Blair") joins the
full-name person of the document with that surname (or, when none has it, the one
person whose surname it misspells by a letter: names.misspelt_surname_of); with several, the
courtesy title's gender ("Mrs Blair" is not Tony Blair, titled or named so: name_gender.py)
and then the nearest
full-name mention before it (news introduces a person in full, then uses the
surname), or else the first one after it, decide. Surname mentions of nobody
the document names in full share one cluster per surname and gender.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan

from ...names import (PersonName, fold_token, given_names_compatible, misspelt_surname_of, parse_person,
                      speaker_id_for, surface_name)
from ..attribution.marks import find_quoted_passages
from ..lexicon import RoleLexicon
from ..regions import in_title_line
from ..spacy_model import doc_text
from .aliases import organisation_aliases
from .entities import PLACE_PREPS, Entity
from .name_gender import given_name_gender
from .roles import role_of, role_words_in

SPEAKER_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "GROUP"}
# Clauses below the main one: a name under one is no actor of the narration
# ("means Mourinho will not have", "asked the court to stop Apple pursuing").
SUBORDINATE_DEPS = frozenset({"ccomp", "xcomp", "acl", "relcl", "advcl", "csubj", "csubjpass", "pcomp"})
# Words a title may hold between the body or portfolio that opens it and its holder's name
# ("Culture, Media and Sport Secretary", "Association of Chief Police Officers president").
TITLE_LINKS = frozenset({"of", "for", "and", "&", ",", "-"})
TITLE_WORD_TAGS = frozenset({"PROPN", "NOUN", "ADJ"})
# How far (characters) a title may run on past a source that stopped inside it ("said
# Treasury| Under Secretary Jo Roe"): the longest title on BBC sample 2817 is 45.
TITLE_REACH = 80
# Role words of a body's voice: "Home Office spokesman Jo Roe" names the Home Office too
# (a later "the department said" is it), so its name stays a mention.
VOICE_ROLES = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "representative"})


@dataclass
class Cluster:
    """One real-world speaker: all mentions of one name, its surname, its roles."""

    key: str
    name: str
    type: str
    roles: list[str] = field(default_factory=list)
    gender: str = ""
    mentions: list[tuple[int, int]] = field(default_factory=list)
    surname: str = ""  # folded surname of a person ("blair")
    given: tuple[str, ...] = ()  # folded given names; empty when only the surname is known
    # The gender came from a courtesy title ("Ms Berry"), not from a role word or a
    # pronoun: only such a gender keeps a surname mention of the other gender apart
    # ("Police Federation chairman Jan Berry ... Ms Berry" is one woman).
    titled: bool = False
    # The gender the given name decides ("Michael Howard" M; "" for "Jan", "T."): the gender
    # when no title or role word gives one; keeps "Mrs Howard" apart where "Mr Howard" is
    # written too (_compatible).
    name_gender: str = ""

    @property
    def id_slug(self) -> str:
        return speaker_id_for(self.name) or "unknown"


@dataclass
class Mention:
    start: int
    end: int
    cluster: Cluster
    subject: bool      # subject of a main clause: more salient
    speaker: bool = False  # already the source of a statement
    plural: bool = False   # a coordinated source ("Putin and other officials")
    # Inside reported words (a quotation, a clause someone is said to have said or
    # done): "Mr Balls rejected the allegation that Mr Brown ... He said": the
    # narration's actor is Mr Balls, not the name inside what he rejected.
    embedded: bool = False


def title_gender(words: list[str], lex: RoleLexicon) -> str:
    """The gender a courtesy title among the words gives ("Mrs" -> F), or ""."""
    for w in words:
        g = lex.titles.get(w.lower())
        if g:
            return g
    return ""


def _titles_at(sdoc: Doc, e: Entity, lex: RoleLexicon) -> list[str]:
    """The title words of a mention: inside it ("Mr Maran") or just before it ("Mr" + "Maran")."""
    words = [t.text for t in sdoc[e.token_start:e.token_end] if t.lower_ in lex.titles]
    if e.token_start > 0 and sdoc[e.token_start - 1].lower_ in lex.titles:
        words.insert(0, sdoc[e.token_start - 1].text)
    return words


class ClusterIndex:
    """Clusters of the named mentions of one document and the surname lookup."""

    def __init__(self, sdoc: Doc, entities: list[Entity], lex: RoleLexicon):
        self.sdoc = sdoc
        self.lex = lex
        self.clusters: dict[str, Cluster] = {}
        self.mentions: list[Mention] = []
        self.quoted = [piece for q in find_quoted_passages(doc_text(sdoc)) for piece in q.pieces]
        self._build(entities)

    def holder_of_title(self, start: int, end: int) -> Cluster | None:
        """The person a title names when a body, portfolio or party opens it: "Treasury Under
        Secretary Jo Roe", "Association of Rural Bakers president Jo Roe", "ex-Tory health
        secretary Jo Roe" are Jo Roe, not the body (the source may stop inside the title)."""
        text = doc_text(self.sdoc)
        holder = next((m for m in self.mentions if m.start > start and m.cluster.type == "PERSON"), None)
        if holder is None or holder.start - end > TITLE_REACH or text.startswith(("’s", "'s"), holder.end):
            return None
        span = self.sdoc.char_span(start, holder.start, alignment_mode="expand")
        toks = [t for t in span if not t.is_space] if span is not None else []
        if toks and toks[0].lower_ == "the":
            toks = toks[1:]
        return holder.cluster if _is_title(toks, self.lex) else None

    def _title_part(self, e: Entity, entities: list[Entity]) -> bool:
        """A body or portfolio named only inside a title before its holder's name ("Armed
        Forces Minister Jo Roe"): no mention of the body for a later "it" or "the group"."""
        if e.label not in ("ORG", "GPE") or sum(surface_name(x.text) == surface_name(e.text) for x in entities) > 1:
            return False
        holder = next((x for x in entities if x.token_start >= e.token_end and x.label == "PERSON"), None)
        if holder is None or holder.token_start - e.token_start > 10:
            return False
        toks = list(self.sdoc[e.token_start:holder.token_start])
        return _is_title(toks, self.lex) and toks[-1].lower_ not in VOICE_ROLES

    def people_named(self, surname: str) -> list[Cluster]:
        return [c for c in self.clusters.values() if c.type == "PERSON" and c.given and c.surname == surname]

    def _compatible(self, surname: str, gender: str) -> list[Cluster]:
        people = self.people_named(surname)
        if not people:  # "Hassall said" where the document names Brian Hassell: one misspelt letter
            variant = misspelt_surname_of(surname, {c.surname for c in self.clusters.values()
                                                    if c.type == "PERSON" and c.given})
            people = self.people_named(variant) if variant else []
        fits = [c for c in people if not (gender and c.gender and c.gender != gender and c.titled)]
        # The given name: "Mrs Howard" is not Michael Howard where a "Mr Howard" or another Howard
        # of her gender is in the document too; a title alone wins over the given name ("Anais
        # Faraj ... Mr Faraj continued": the journalist knew).
        agree = [c for c in fits if c.titled or c.name_gender in ("", gender)]
        if gender and (agree or any(c.name_gender in self.surname_titles.get(c.surname, ()) for c in fits)):
            return agree
        return fits

    def person_for_surname(self, surname: str, gender: str, pos: int) -> Cluster | None:
        """The full-name person a surname mention at ``pos`` refers to, or None."""
        cands = self._compatible(surname, gender)
        if len(cands) <= 1:
            return cands[0] if cands else None
        before = [(max(s for s, _ in c.mentions if s < pos), c) for c in cands if any(s < pos for s, _ in c.mentions)]
        if before:
            return max(before, key=lambda x: x[0])[1]
        return min(cands, key=lambda c: min(s for s, _ in c.mentions))

    def person_for_given(self, word: str, titled: bool) -> Cluster | None:
        """The one full-name person whose first name is ``word`` (folded), for a mention by
        that name alone when nobody of the document has it as a surname: "Serena" after
        "Serena Williams"; with a title, a two-word name written surname first ("Mr Wang"
        after "Wang Yan"). None when no one or several fit."""
        if self._compatible(word, ""):
            return None
        cands = [c for c in self.clusters.values() if c.type == "PERSON" and c.given and c.given[0] == word
                 and (not titled or len(c.name.split()) == 2)]
        return cands[0] if len(cands) == 1 else None

    # -- building -------------------------------------------------------------
    def _build(self, entities: list[Entity]) -> None:
        named = [e for e in entities if e.label in SPEAKER_TYPES and not self._modifier(e)
                 and not self._title_part(e, entities)]
        parsed = {id(e): _person_name(surface_name(e.text)) if e.label == "PERSON" else None for e in named}
        # Full names first, the longest first, so "Ian Duncan Smith" is placed before "Duncan Smith".
        full = sorted((e for e in named if parsed[id(e)] and parsed[id(e)].has_given),
                      key=lambda e: (-len(parsed[id(e)].given), e.start))
        # the genders of the courtesy titles each surname is written with ("Mr Howard", "Mrs Howard")
        self.surname_titles: dict[str, set[str]] = {}
        for e in named:
            if parsed[id(e)] is not None and (g := title_gender(_titles_at(self.sdoc, e, self.lex), self.lex)):
                self.surname_titles.setdefault(parsed[id(e)].surname, set()).add(g)
        placed: set[int] = set()
        for e in full:
            self._add_mention(e, self._full_person(e, parsed[id(e)]))
            placed.add(id(e))
        # Surnames that can be one person only go first: their titles tell the
        # genders that decide the others ("Mrs Blair" makes Cherie Blair a woman).
        surnames = [e for e in named if id(e) not in placed and parsed[id(e)] is not None]
        for e in surnames:
            gender = title_gender(_titles_at(self.sdoc, e, self.lex), self.lex)
            if len(self._compatible(parsed[id(e)].surname, gender)) == 1:
                self._add_mention(e, self.person_for_surname(parsed[id(e)].surname, gender, e.start))
                placed.add(id(e))
        others = [e for e in named if id(e) not in placed and parsed[id(e)] is None]
        names: dict[str, tuple[str, int, bool]] = {}
        text = doc_text(self.sdoc)
        for e in others:
            # A headline's short form ("Cairn shares jump") introduces no name: the body does
            # (its offset counts after every body offset).
            at = len(text) + e.start if in_title_line(text, e.start) else e.start
            typ, first, place = names.get(surface_name(e.text), (SPEAKER_TYPES[e.label], at, False))
            names[surface_name(e.text)] = (typ, min(first, at),
                                           place or self._place_position(e) or self._adjective_use(e))
        # a name the headline alone uses keeps its headline offset: no body mention to resolve
        names = {k: (t, f - len(text) if f >= len(text) else f, p) for k, (t, f, p) in names.items()}
        aliases = organisation_aliases(names)
        for e in named:
            if id(e) in placed:
                continue
            p = parsed[id(e)]
            if p is not None:
                titles = _titles_at(self.sdoc, e, self.lex)
                gender = title_gender(titles, self.lex)
                cl = self.person_for_surname(p.surname, gender, e.start) \
                    or self.person_for_given(p.surname, bool(titles)) or self._surname_only(e, p.surname, gender)
            else:
                key = aliases.get(surface_name(e.text), surface_name(e.text))
                cl = self.clusters.get(key) or self._new(key, key, names[key][0])
            self._add_mention(e, cl)
        self.mentions.sort(key=lambda m: m.start)
        for cl in self.clusters.values():
            cl.gender = cl.gender or cl.name_gender  # a title or role word wins over the given name
        self._genders_from_pronouns()

    def _genders_from_pronouns(self) -> None:
        """"Kim Clijsters has denied reports that she has pulled out": a sentence whose one
        person is its main subject and whose later subject pronouns are all of one gender gives
        that person the gender (when no title or role word gave one). A possessive may be
        someone else's: "Hugh Richards says the 30-year-old must draw on her past" leaves
        Richards' gender open, and so does a pronoun that may be a person named before."""
        for sent in self.sdoc.sents:
            people = [m for m in self.mentions if sent.start_char <= m.start < sent.end_char
                      and m.cluster.type == "PERSON"]
            if len({m.cluster.key for m in people}) != 1 or not people[0].subject or people[0].cluster.gender:
                continue
            genders = {self.lex.pronouns.get(t.lower_) for t in self.sdoc[sent.start:sent.end]
                       if t.idx >= people[0].end and t.pos_ == "PRON" and t.dep_ in ("nsubj", "nsubjpass")} \
                & {"M", "F"}
            gender = genders.pop() if len(genders) == 1 else ""
            # "Richards says she must avoid ...": she may be a woman named before, not him
            named_before = {m.cluster.key for m in self.mentions if m.start < people[0].start
                            and m.cluster.type == "PERSON" and m.cluster.gender in ("", gender)}
            if gender and not named_before - {people[0].cluster.key}:
                people[0].cluster.gender = gender

    def _surname_only(self, e: Entity, surname: str, gender: str) -> Cluster:
        """Surname mentions of someone the document never names in full: one cluster per surname
        and gender ("Mr Blair" and "Blair" together, "Mrs Blair" apart)."""
        for cl in self.clusters.values():
            if cl.type == "PERSON" and not cl.given and cl.surname == surname and \
                    (not gender or not cl.gender or cl.gender == gender):
                return cl
        written = " ".join([*_titles_at(self.sdoc, e, self.lex), surface_name(e.text)])
        return self._new(f"surname:{surname}:{gender}:{e.start}", written, "PERSON", surname=surname)

    def _place_position(self, e: Entity) -> bool:
        root = self.sdoc[e.token_start:e.token_end].root
        return root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS

    def _adjective_use(self, e: Entity) -> bool:
        """"a Muslim family": one word after "a"/"an" modifying a common noun is an adjective,
        no short form of a body's name (bbc-entertainment-210)."""
        i = e.token_start
        return e.token_end - i == 1 and i > 0 and self.sdoc[i - 1].lower_ in ("a", "an") \
            and self.sdoc[i].dep_ in ("amod", "compound") and self.sdoc[i].head.pos_ == "NOUN" \
            and self.sdoc[i].head.lower_ not in VOICE_ROLES

    def _modifier(self, e: Entity) -> bool:
        # "Russian officials": a nationality modifying a noun is not a mention of a group.
        return e.label == "NORP" and self.sdoc[e.token_start:e.token_end].root.dep_ in ("amod", "compound")

    def _new(self, key: str, name: str, typ: str, surname: str = "", given: tuple[str, ...] = ()) -> Cluster:
        cl = self.clusters[key] = Cluster(key, name, typ, surname=surname, given=given)
        return cl

    def _full_person(self, e: Entity, p) -> Cluster:
        """The cluster of a full name: an earlier cluster of the same person or a new one."""
        cl = next((cl for cl in self.people_named(p.surname)
                   if cl.name.split()[-len(p.display.split()):] == p.display.split()
                   or given_names_compatible(cl.given, p.given)), None)
        if cl is None:
            cl = self._new(f"person:{p.key}", p.display, "PERSON", surname=p.surname, given=p.given)
        # "T. Blair" tells no gender, "Tony Blair" does; a role word left in the name is no given
        # name ("Chancellor Angela Merkel": the table has "chancellor" as a man's name)
        given = next((w for w in p.display.split()[:-1] if w.lower() not in self.lex.role_gender), "")
        cl.name_gender = cl.name_gender or (given_name_gender(given) if given else "")
        return cl

    def _add_mention(self, e: Entity, cl: Cluster) -> None:
        span = self.sdoc[e.token_start:e.token_end]
        cl.mentions.append((e.start, e.end))
        if cl.type == "PERSON":
            role = role_of(span, self.lex)
            if role and role not in cl.roles:
                cl.roles.append(role)
            titled = title_gender(_titles_at(self.sdoc, e, self.lex), self.lex)
            gender = titled or next(
                (g for w in role_words_in(role or "", self.lex) if (g := self.lex.role_gender.get(w, ""))), "")
            if titled and not cl.titled:
                cl.gender, cl.titled = titled, True
            elif gender and not cl.gender:
                cl.gender = gender
        embedded = _subordinate(span) or any(a <= e.start and e.end <= b for a, b in self.quoted)
        # "Bridge's injury also means ...": the possessor of a subject is not the subject.
        possessor = doc_text(self.sdoc).startswith(("’s", "'s"), e.end)
        # "Gardener, Darren Campbell and Mark Lewis-Francis have all been awarded MBEs": one of
        # several names a verb has for subject is no "he" of the next sentence (they are "they").
        coordinated = _in_coordination(span.root)
        subject = not embedded and not possessor and not coordinated and (
            span.root.dep_ in ("nsubj", "nsubjpass") or any(t.dep_ in ("nsubj", "nsubjpass") for t in span)
            or span.root.head.dep_ in ("nsubj", "nsubjpass"))
        self.mentions.append(Mention(e.start, e.end, cl, subject, embedded=embedded))


def _person_name(name: str) -> PersonName | None:
    """A person mention's name parts; a one-word person whose word parse_person reads as a
    nationality ("German said" after "Welsh leader Mike German") is that surname."""
    p = parse_person(name)
    if p is None and " " not in name and name[:1].isupper() and (folded := fold_token(name)):
        return PersonName(display=name, given=(), surname=folded)
    return p


def _is_title(toks: list, lex: RoleLexicon) -> bool:
    """Tokens that are one title before a name: a capitalised word (or "ex-") first, then
    name words, role words and links, ending in a role word; no verb, possessive or sentence end."""
    if not 2 <= len(toks) <= 10 or toks[-1].lower_ not in lex.role_gender:
        return False
    first = toks[0]
    if not (first.text[:1].isupper() or (first.lower_ == "ex" and toks[1].text == "-")):
        return False
    # a capitalised word of any tag is a title's ("Under Secretary", "Armed Forces Minister")
    return all((t.pos_ in TITLE_WORD_TAGS or t.lower_ in TITLE_LINKS or t.lower_ == "ex"
                or (t.is_alpha and t.text[:1].isupper()))
               and not (t.is_sent_start and t.i > first.i) for t in toks)


def _in_coordination(tok) -> bool:
    """Is the token one of names joined by "and"/"or", however the parser hung the list
    ("A, B, C and D": often appositions ending in one conjunct)? Not a name with an apposition
    alone ("Jo Roe, the chairman"), nor a pair inside a prepositional phrase ("chief of Smith and Sons")."""
    top = tok
    while top.dep_ in ("conj", "appos", "compound") and top.head.i != top.i:
        top = top.head
    members, seen = [top], []
    while members:
        t = members.pop()
        seen.append(t)
        members.extend(c for c in t.children if c.dep_ in ("conj", "appos"))
    return any(t.dep_ == "conj" for t in seen)


def _subordinate(span: SpacySpan) -> bool:
    """Is the mention inside a clause below its sentence's main clause?"""
    return any(t.dep_ in SUBORDINATE_DEPS for t in span.root.ancestors)
