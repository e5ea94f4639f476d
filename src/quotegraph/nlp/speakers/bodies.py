"""Descriptions of bodies read against the organisations of a document: organisation nouns
("the firm", "the paper"), a spokesman's or a study's body ("a BBC spokesman", "a spokesman
for Reporters Without Borders"), a party's spokesperson, an apposed description ("X, the
Paris-based pressure group,"), a lawsuit's plaintiff. A mixin of SpeakerResolver (coref.py)
through Nominals, which holds the mentions, the clusters and the salience ranking these use.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ...names import surface_name
from ..lexicon import RoleLexicon
from ..regions import in_title_line
from ..spacy_model import doc_text
from .clusters import Cluster, Mention
from .entities import Entity
from .entities import PARTY_WORDS
from .roles import ANOTHERS_ROLE

# How far back (characters) a pronoun or nominal may reach for its antecedent.
MAX_ANTECEDENT_DISTANCE = 3000
# Entity types of places: where a body is, never the body an organisation noun names.
PLACE_TYPES = ("GPE", "LOC", "NORP")
# Organisation nominals that name what a body is, not which one: "the government"
# is no company of the article, only a body whose name says "government".
PUBLIC_BODIES = frozenset("""government ministry court parliament council committee commission office department
    police embassy administration authority board assembly senate congress cabinet""".split())
# Outlets: "the newspaper" is the one named as a newspaper, never the firm the story is
# about ("the newspaper reported" in a story on Qantas is not Qantas).
MEDIA_NOMINALS = frozenset({"newspaper", "paper", "magazine", "broadcaster", "agency", "website", "channel"})
# The two words for a newspaper: "The Mirror newspaper ... The paper said".
PAPER_NOUNS = ("newspaper", "paper")
# What sets a name as a medium: "according to the FT", "an interview with the Independent",
# "quoted by / writing in the Observer", and the verbs only an outlet does ("the FT reported").
OUTLET_BEFORE = re.compile(r"\b(?:interview(?:ed)?\s+(?:with|by)|told|according\s+to|quoted\s+(?:by|in)|writing\s+in|"
                           r"reported\s+(?:by|in)|(?:report|article|story|editorial|column)\s+in|published\s+(?:by|in))"
                           r"\s+(?:the\s+)?$", re.IGNORECASE)
OUTLET_VERBS = frozenset({"report", "publish"})
# Heads of a source that speaks for the organisation named before them: "a BBC
# spokesman", "Chelsea officials", "a Toshiba study" are the BBC, Chelsea, Toshiba.
ORG_VOICES = frozenset({"spokesman", "spokeswoman", "spokesperson", "statement", "official", "officials", "source",
                        "sources", "study", "survey", "poll", "research", "report", "figures",
                        "executives", "organiser", "organisers", "organizer", "organizers", "representative",
                        "story", "article", "ruling", "lawsuit", "complaint", "book", "letter", "team"})
# What may stand between such a head and the body named after it: a participle, a
# preposition and lower-case words (or another description in apposition), nothing
# that could hold another name.
VOICE_OF_AFTER = re.compile(r"\s+(?:(?:compiled|released|published|produced|issued|commissioned|carried out|filed|"
                            r"brought|written|sent|signed)\s+)?(?:(?:against|to)\s+(?:the\s+)?[a-z][\w-]*\s+)?"
                            r"(?:for|from|by|of|at)\s+(?:(?:the|a|an|its|[a-z][\w-]*|[\w-]+['’]s?)[\s,]+){0,5}"
                            r"(?:[A-Z][a-z]+\s+){0,2}$")  # "by Spanish Judge Baltasar Garzon"
# Of these, the ones a place speaks through too ("a Downing Street spokesman"; "US
# officials" stay a group: a country's officials are no one in particular).
PLACE_VOICES = frozenset({"spokesman", "spokeswoman", "spokesperson", "statement"})
# A description set off by commas right after a name ("X, the Paris-based pressure group,")
# or right before it ("the pressure group, X,"): lower-case words after an article.
APPOSED_AFTER = re.compile(r",\s+(?:the|a|an)\s+((?:[\w-]+\s+){0,4}[a-z][\w-]*),")
APPOSED_BEFORE = re.compile(r"(?:^|[.\n;:,]\s*)(?:the|The|a|A|an|An)\s+((?:[\w-]+\s+){0,4}[a-z][\w-]*),\s+$")
# Spokes-nouns a party speaks through ("A Conservative spokeswoman said").
PARTY_VOICES = frozenset({"spokesman", "spokeswoman", "spokesperson", "source", "sources"})
# Party words that name a member, whose plural names the party ("Conservative" ->
# "Conservatives"); others name the party itself ("Labour").
MEMBER_PARTY_WORDS = frozenset({"Conservative", "Democrat", "Republican", "Unionist", "Nationalist",
                                "Liberal Democrat", "Social Democrat"})
# A party's filed claim: "the lawsuit said" is the words of the one suing.
LAWSUIT_HEADS = frozenset({"lawsuit", "suit", "complaint", "submission", "filing"})


class BodyNominals:
    """Organisation nominals and the bodies a voice speaks for (mixed into Nominals)."""

    sdoc: Doc
    lex: RoleLexicon
    mentions: list[Mention]
    clusters: dict[str, Cluster]
    written: set[str]
    voices: list[tuple[int, str, Cluster]]
    facilities: list[Entity]

    def _voice_of(self, inside: list[Mention], head_i: int | None) -> Cluster | None:
        """The organisation a spokesman, officials or a study named by it speak for
        ("a Home Office spokesman" -> Home Office, keeping "spokesman" as its role)."""
        if head_i is None:
            return None
        tok = self.sdoc[head_i]
        word = tok.lower_
        if word not in ORG_VOICES and word not in self.lex.org_nominals:
            return None  # org nominals: "the Associated Press news agency" is the agency named
        text = doc_text(self.sdoc)
        types = ("ORG", "GPE") if word in PLACE_VOICES else ("ORG",)
        named = [m for m in inside if m.end <= tok.idx and m.cluster.type in types
                 and not text.startswith(("’s", "'s"), m.end) and not text[m.end:tok.idx].strip(" -").count(" ") > 1]
        # "A spokesman for Reporters Without Borders", "figures compiled by Chart-Track",
        # "figures from industry monitor, the MDA": the body the phrase after the head names.
        after = [m for m in inside if m.start > tok.idx and m.cluster.type in (*types, "PERSON")  # a person's too
                 and not text.startswith(("’s", "'s"), m.end)  # "for the UN's World Summit": not the UN
                 and VOICE_OF_AFTER.match(text, tok.idx + len(tok), m.start)]
        if not named and not after:
            return None
        cluster = named[-1].cluster if named else after[0].cluster
        self.voices.append((tok.idx, word, cluster))
        if word in self.lex.role_gender and word not in cluster.roles:
            cluster.roles.append(word)  # "the spokesman" later refers back to it
        return cluster

    def _body_spoken_for(self, pos: int, voice: str) -> Cluster | None:
        """The body a bare "a spokesman" speaks for: the latest body that had a spokesman
        before ("A Delta spokesperson confirmed ... A spokesperson said"), else the latest
        named body that spoke ("the BBC has said ... a spokeswoman said"); none when no
        body spoke (a description is better than a guess)."""
        bodies = [m for m in self._before(pos) if m.cluster.type in ("ORG", "GPE", "GROUP")
                  and all(w[:1].isupper() for w in m.cluster.name.split())]  # named, not "Tory sources"
        voiced = [m for m in bodies if any(r in PLACE_VOICES for r in m.cluster.roles)]
        spoke = [m for m in bodies if m.speaker]
        for group in (voiced, spoke):
            if group:
                body = max(group, key=lambda m: m.end).cluster
                if voice not in body.roles:
                    body.roles.append(voice)  # "the spokesman" later refers back to it
                return body
        return None

    def _body_named_right_after(self, head_i: int, end: int) -> Cluster | None:
        """"according to market analysts In-Stat", "media watchdog Ofcom has said": a source the
        tagger cut at a noun for a kind of body (a group noun or an organisation noun) is the
        organisation named right after it."""
        tok = self.sdoc[head_i]
        if tok.idx + len(tok) != end or (tok.lower_ not in self.lex.group_nouns and tok.lower_ not in self.lex.org_nominals):
            return None
        text = doc_text(self.sdoc)
        # the body's name as the document writes it elsewhere, where the model missed it here
        bodies = [c for c in self.clusters.values() if c.type == "ORG" and c.key not in self.written
                  and text.startswith(f" {c.name}", end)]
        nxt = max(bodies, key=lambda c: len(c.name), default=None)
        after = end + 1 + len(nxt.name) if nxt is not None else end
        if nxt is None or text[after:after + 1].isalnum() or text.startswith(("’s", "'s"), after):
            return None
        return nxt

    def _pair_named_before(self, pos: int, typ: str) -> str | None:
        """The latest two names of ``typ`` written "A and B" before ``pos`` (within the
        antecedent reach), as written: "the companies" after "ScanSoft and Gracenote said"."""
        text = doc_text(self.sdoc)
        before = [m for m in self._before(pos) if m.cluster.type == typ]
        for a, b in reversed(list(zip(before, before[1:]))):
            if text[a.end:b.start] == " and " and a.cluster is not b.cluster:
                return text[a.start:b.end]
        return None

    def _body_ending_in(self, noun: str, pos: int, types: tuple[str, ...] = ("ORG",)) -> Cluster | None:
        """The one organisation (or body of ``types``) named before ``pos`` whose name's head is
        ``noun`` ("Scottish Executive", "Police Federation of Wessex")."""
        found = {m.cluster.key: m.cluster for m in self._before(pos)
                 if m.cluster.type in types and len(m.cluster.name.split()) > 1 and m.cluster.key not in self.written
                 and name_head(m.cluster.name) == noun}
        return next(iter(found.values())) if len(found) == 1 else None

    def _facility_ending_in(self, noun: str, pos: int) -> Cluster | None:
        """The one name the model tagged as a facility before ``pos`` whose head is ``noun``
        ("the Berlin Film Festival" for "the festival"), as an organisation."""
        names = {surface_name(e.text) for e in self.facilities
                 if e.end <= pos and pos - e.start <= MAX_ANTECEDENT_DISTANCE and len(surface_name(e.text).split()) > 1
                 and name_head(surface_name(e.text)) == noun}
        if len(names) != 1:
            return None
        name = names.pop()
        return self.clusters.setdefault(name, Cluster(name, name, "ORG"))

    def _org_nominal(self, pos: int, noun: str, only_one: bool = False) -> Cluster | None:
        """"The society" -> the Marlow Society; "the firm" -> the company named before. A public
        body ("the government", "the ministry") is only one whose name says so."""
        text = doc_text(self.sdoc)
        # a headline's words ("Club Fined") read as a name are no antecedent, nor a speaker
        # left as written ("the group in a statement"): only a body the document names
        before = [m for m in self._before(pos) if not in_title_line(text, m.start) and m.cluster.key not in self.written]
        cands = [m for m in before if m.cluster.type == "ORG"]
        # "the magazine" after "Broadcast magazine said": a name the noun was said of (whatever
        # type the model gave it)
        # a place written with the noun says where the body is, not which ("the UK firm", "The
        # South Yorkshire company"), except for an outlet, which a place may name ("the China
        # Daily newspaper")
        # ("the US government" is the government of the US, a place that names a public body)
        others = ("PERSON",) if noun in MEDIA_NOMINALS or noun in PUBLIC_BODIES else ("PERSON", *PLACE_TYPES)
        nouns = PAPER_NOUNS if noun in PAPER_NOUNS else (noun,)  # "the Mirror newspaper ... The paper said"
        named = [m for m in cands if noun in m.cluster.name.lower()] or [
            m for m in before if m.cluster.type not in others and any(_described_as(text, m, n) for n in nouns)]
        if not named and noun in MEDIA_NOMINALS:
            # "according to the Financial Times ... the paper said": the body the document
            # presents as reporting, never the firm the story is about
            # (a place is no outlet: "according to the Hollywood Reporter" cut to "Hollywood")
            outlets = [m for m in self._before(pos) if m.cluster.type not in ("PERSON", *PLACE_TYPES) and self._as_outlet(m)]
            # the latest outlet may be one only written, never tagged ("According to the Observer"):
            # then an older named one is not it
            named = [m for m in outlets if m.cluster.key not in self.written] \
                if outlets and outlets[-1].cluster.key not in self.written else []
        found = named or ([] if noun in PUBLIC_BODIES or noun in MEDIA_NOMINALS else cands)
        if only_one and len({m.cluster.key for m in found}) != 1:
            return None
        return self._most_salient(found, pos)

    def _as_outlet(self, m: Mention) -> bool:
        """Is the mention written as a medium: "according to the FT", "in an interview with
        the Independent", "told the Observer", "the Financial Times has reported"?"""
        text = doc_text(self.sdoc)
        if OUTLET_BEFORE.search(text, max(0, m.start - 40), m.start):
            return True
        span = self.sdoc.char_span(m.start, m.end, alignment_mode="expand")
        return span is not None and span.root.dep_ == "nsubj" and span.root.head.lemma_ in OUTLET_VERBS

    def _apposed_alias(self, pos: int, described: list[str]) -> Cluster | None:
        """"Reporters Without Borders, the Paris-based pressure group, ..." then "the pressure
        group said": a description set off beside a name ("X, the Y-based Z," or "the Z, X,")
        makes it a name of X for later mentions that end like it. The one such name before
        ``pos``; none when two are described alike."""
        text = doc_text(self.sdoc)
        found = {}
        for m in self._before(pos):
            if m.cluster.key in self.written or m.cluster.type not in ("PERSON", "ORG", "GPE", "GROUP"):
                continue
            after = APPOSED_AFTER.match(text, m.end)
            # not "In a statement, the party said": a description opens its clause
            before = APPOSED_BEFORE.search(text, max(0, m.start - 80), m.start)
            for desc in (after.group(1) if after else "", before.group(1) if before else ""):
                # "Ms Roe, a friend of the Tory leader,": a friend, the leader is another
                words = ANOTHERS_ROLE.sub("", desc.lower()).split()
                if words and words[-len(described):] == described:
                    found[m.cluster.key] = m.cluster
        return next(iter(found.values())) if len(found) == 1 else None

    def _party_voice(self, start: int, head_i: int) -> Cluster | None:
        """"A Conservative spokeswoman", "a Liberal Democrat spokesman": a spokesperson whose
        only modifiers are party words speaks for the party, named as the document names it
        ("the Liberal Democrats", "the Conservative Party"), else by its members' plural
        ("Conservatives"); "Labour" is the party's own name."""
        head = self.sdoc[head_i]
        mods = [t for t in self.sdoc[head.left_edge.i:head_i] if t.idx >= start and t.dep_ != "det"]
        if head.lower_ not in PARTY_VOICES or not mods or any(t.text not in PARTY_WORDS for t in mods):
            return None
        party = " ".join(t.text for t in mods)
        plural = f"{party[:-1]}ies" if party.endswith("y") else f"{party}s"  # Tories, Conservatives
        own = plural if party in MEMBER_PARTY_WORDS or party.endswith("y") else party  # Labour
        forms = [f.lower() for f in (plural, f"{party} Party", own)]
        named = {c.name.lower().removeprefix("the "): c for c in self.clusters.values()
                 if c.key not in self.written and c.type in ("ORG", "GROUP")}
        found = next((named[f] for f in forms if f in named), None)
        cluster = found or self.clusters.setdefault(own.lower(), Cluster(own.lower(), own, "ORG"))
        if head.lower_ not in cluster.roles:
            cluster.roles.append(head.lower_)  # "the spokesman" later refers back to it
        return cluster

    def _plaintiff(self, pos: int) -> Cluster | None:
        """The one named party the document has suing before ``pos`` ("Jo Roe is suing Acme",
        "Acme filed a lawsuit against ..."), whose lawsuit "the lawsuit" is; None for none or several."""
        found: dict[str, Cluster] = {}
        for t in self.sdoc:
            if t.idx >= pos:
                break
            if not (t.lemma_ == "sue" or (t.lemma_ in ("file", "bring", "launch", "lodge") and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in LAWSUIT_HEADS for c in t.children))):
                continue
            subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
            if subj is None and t.dep_ in ("conj", "xcomp"):
                subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
            named = [m for m in self.mentions if subj is not None and m.start <= subj.idx < m.end
                     and m.cluster.type in ("PERSON", "ORG")]
            if named:
                found[named[0].cluster.key] = named[0].cluster
        return next(iter(found.values())) if len(found) == 1 else None


def _described_as(text: str, m: Mention, noun: str) -> bool:
    """Is the mention written with ``noun`` next to it ("Broadcast magazine", "the
    magazine Broadcast", "the China Daily newspaper")?"""
    return re.match(rf"\s+{noun}\b", text[m.end:m.end + len(noun) + 3]) is not None \
        or re.search(rf"\b{noun},?\s+$", text[max(0, m.start - len(noun) - 3):m.start]) is not None


def name_head(name: str) -> str:
    """The head noun of a body's name, lower-cased: its last word before an "of" ("Police
    Federation of Wessex" -> "federation", "Berlin Film Festival" -> "festival")."""
    words = name.lower().split()
    if "of" in words[1:]:
        words = words[:words.index("of", 1)]
    return words[-1] if words else ""

