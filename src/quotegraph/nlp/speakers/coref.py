"""Speaker resolution inside one document: from the source as written ("she",
"the diplomat", "Zakharova", "the club") to the fullest named mention
("Maria Zakharova"), with a type and a role.

Antecedents are named mentions (corrected entities) ranked by recency, with
syntactic salience (earlier speakers and sentence subjects beat possessives and
objects), gender (from pronouns, titles and gendered role words) and role
words (a role nominal picks a person whose role shares its family).
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ...records import Speaker
from .antecedents import clause_mate_subject
from .clusters import Cluster, ClusterIndex, Mention
from .entities import PLACE_PREPS, Entity
from ..lexicon import RoleLexicon
from .bodies import LAWSUIT_HEADS, MAX_ANTECEDENT_DISTANCE, ORG_VOICES, PLACE_VOICES, PUBLIC_BODIES
from .nominals import AGE_NOMINAL, Nominals, names_whose, post_nominal_name, post_qualifiers, STATEMENT_OPENING
from .profiles import document_profiles
from .roles import role_words_in
from .phrases import apposed_tokens, core_end, is_time_token, past_dateline, phrase_head, singular
from ..spacy_model import doc_text

STATEMENT_HEADS = {"statement", "analysis", "report", "letter", "spokesman", "spokeswoman", "spokesperson",
                   "office", "press", "readout", "communique", "post", "tweet", "website", "account",
                   "service", "campaign", "camp", "team", "survey", "study", "poll", "research", "ruling",
                   "judgment", "lawsuit", "accounts", "story", "article", "announcement", "remarks", "comments"}
# A role's complement naming its body: " of the Bar Council", " at Acme Ltd" (capitalised words).
OF_BODY_REST = re.compile(r"\s+(?:of|at|for)\s+(?:the\s+)?(?:[A-Z][\w&'’-]*\s*)+$")
# Possessive pronouns before a statement head, with the gender of the owner they refer to.
POSSESSIVE_GENDER = {"its": "N", "their": "P", "his": "M", "her": "F"}
# A voice, then a description of its body: "a source at the club", "a spokesman for the firm".
VOICE_FOR_NOMINAL = re.compile(r"\s+(?:at|for|from|of|with)\s+the\s+([a-z]+)\s*$")
# A person's name, then the body they belong to: "Brett Lock of OutRage!", "Jo Roe, from Acme".
PERSON_OF_BODY = re.compile(r",?\s+(?:of|from|at)\s")
# Characters within which the latest subject/speaker beats newer mentions
# (set by hand on the seeds: 000 needs > 120, 001 "He accused" needs < 300).
SALIENT_REACH = 200
# The latest speaker keeps the floor longer: objects named after it ("They could
# picture Michael Howard ... And Tony Blair would be ..., he said") do not take a
# pronoun from the current speaker (BBC labels, politics-346 needs > 380).
SPEAKER_REACH = 600

# Cues that go on with what a speaker was saying: their pronoun subject is one who spoke.
CONTINUING_CUES = frozenset({"add", "continue"})
# How far back "he added" finds the one who spoke: past a long quotation and a paragraph of
# match report (BBC sample 7717: 705 characters from "He said:" to "He added:").
ADDED_REACH = 1500


class SpeakerResolver(Nominals):
    def __init__(self, sdoc: Doc, entities: list[Entity], lex: RoleLexicon):
        self.sdoc = sdoc
        self.lex = lex
        self.index = ClusterIndex(sdoc, entities, lex)
        self.clusters = self.index.clusters
        self.mentions = self.index.mentions
        # (offset, noun, body) of each "a Toshiba study", "figures from the MDA" resolved:
        # "the study" later is that body's study.
        self.voices: list[tuple[int, str, Cluster]] = []
        # (end, owner) of each "Mr Crosby's statement", "the prime minister's office" resolved:
        # "It added" right after it is the same voice.
        self.spoke_through: list[tuple[int, Cluster]] = []
        # (end, cluster, gender) of each source that is a person known only by a role noun
        # ("an M&S spokesman", "a spokeswoman"): "He also said" right after it is that person.
        self.described_voices: list[tuple[int, Cluster, str]] = []
        # names the model tagged as facilities ("the Berlin Film Festival"): no speakers of their
        # own, but the body "the festival" refers to
        self.facilities = [e for e in entities if e.label == "FAC"]
        # keys of the speakers left as written ("the group in a statement"): descriptions,
        # never the body a later "the search giant" refers to
        self.written: set[str] = set()
        self.profiles = document_profiles(sdoc, self.mentions, lex)  # ages, origins, copula roles, trades

    # -- resolution ----------------------------------------------------------
    def resolve(self, start: int, end: int, head_i: int | None) -> tuple[Cluster | None, str]:
        """The cluster a source span refers to, and how it was found ("time" when the
        source is a time expression: no speaker)."""
        text = doc_text(self.sdoc)
        start = past_dateline(text, start, end)
        if head_i is not None and not (start <= self.sdoc[head_i].idx < end):
            head_i = phrase_head(self.sdoc, start, end)  # the head was the dateline's place
        while head_i is not None and self.sdoc[head_i].dep_ in ("relcl", "acl") \
                and start <= self.sdoc[head_i].head.idx < end:
            head_i = self.sdoc[head_i].head.i  # "Arsene Wenger, who was fined ...": the noun the clause modifies
        inside = [m for m in self.mentions if start <= m.start and m.end <= end]
        # a source cut inside a person's name ("Manuel Barroso" of "Jos&#233; Manuel Barroso") is that
        # person (not a body's span the model ran on into a name: "Foreign Policy Centre Mr Straw")
        inside = inside or [m for m in self.mentions if m.start <= start and end <= m.end
                            and m.cluster.type == "PERSON" and m.cluster.key not in self.written]
        holder = self.index.holder_of_title(start, end)
        if holder is not None:
            return holder, "name"
        if head_i is not None and self._demonym_nominal(start, end, head_i):  # "the Scot": one of Scotland first
            described = self._profiled(start, text[start:core_end(self.sdoc, head_i, end)])[0]
            return described or self._person_nominal(start), "role"
        if head_i is not None and is_time_token(self.sdoc[head_i]) and not any(
                m.start <= self.sdoc[head_i].idx < m.end for m in inside):
            # "Velmora's foreign minister, Teodor Halvari, on Wednesday" read with the day as
            # its head: the person named in it, else nobody (a day is never a speaker).
            named = [m for m in inside if m.cluster.type == "PERSON" and not text.startswith(("’s", "'s"), m.end)]
            if named:
                return named[-1].cluster, "name"
            # "Guitarist Brian May has said ... May said:": a capitalised calendar word that
            # is a surname of the document is that person
            tok = self.sdoc[head_i]
            surname = self._untagged_surname(text[start:end], start) if tok.text[:1].isupper() else None
            return (surname, "name") if surname is not None else (None, "time")
        party = self._party_voice(start, head_i) if head_i is not None else None
        if party is not None:
            return party, "org"
        if inside:
            best = self._pick_inside(inside, head_i, start, end)
            if best is not None and " " not in best.cluster.name:
                # "Tory shadow ... secretary Caroline Spelman": a party or people word is no
                # speaker where the phrase names a person after it; "Mr German" after "Mike
                # German" is his surname, though "German" also names a people
                people = [m for m in inside if m.cluster.type == "PERSON" and m.start > best.start
                          and " " in m.cluster.name] if best.cluster.type == "GROUP" else []
                titled = self._untagged_surname(text[start:end], start) \
                    if text[start:best.start].strip().lower().rstrip(".") in self.lex.titles else None
                if people or (titled is not None and titled is not best.cluster):
                    return (people[-1].cluster if people else titled), "name"
            if best is not None:
                best = self._name_before_post_nominal(best, inside)
                return best.cluster, "name"
            voice = self._voice_of(inside, head_i)
            if voice is not None:
                return voice, "name"
        if head_i is not None and not any(m.cluster.type == "PERSON" for m in inside):
            after = self._named_right_after(head_i, end) or self._body_named_right_after(head_i, end)
            if after is not None:
                return after, "name"
        if head_i is not None:
            tok = self.sdoc[head_i]
            if tok.lemma_.lower() in STATEMENT_HEADS:
                poss = next((c for c in tok.children if c.dep_ == "poss"), None)
                if poss is not None:  # "The Lazarev Club’s statement", "his press service" speak for their owner
                    if poss.lower_ in POSSESSIVE_GENDER:  # "according to its website": the owner "its" refers to
                        found, how = self._owner_of(poss.idx, end, POSSESSIVE_GENDER[poss.lower_]), "pronoun"
                    else:
                        found, how = self.resolve(poss.left_edge.idx, poss.idx + len(poss), poss.i)
                    if found is not None:
                        self.spoke_through.append((end, found))
                        return found, how
        core = text[start:core_end(self.sdoc, head_i, end)] if head_i is not None else text[start:end]
        found = self._untagged_surname(core, start)
        if found is not None:
            return found, "name"
        words = core.lower().replace("’s", "").split()
        if not words:
            return None, ""
        head = self.sdoc[head_i].lower_ if head_i is not None else words[-1]
        if head in self.lex.pronouns and len(words) <= 2:
            cue = self.sdoc[head_i].head if head_i is not None else None
            adds = cue is not None and cue.lemma_.lower() in CONTINUING_CUES
            return self._pronoun(start, self.lex.pronouns[head], adds=adds), "pronoun"
        if head in ("i", "me", "you", "who", "which", "that"):
            return None, ""
        if words[0] in ("the", "this") and len(words) == 2 and head in ORG_VOICES:
            earlier = [c for p, noun, c in self.voices if p < start and noun == head]
            if earlier:  # "a Toshiba study found ... The study said": Toshiba's
                return earlier[-1], "org"
        if words[0] in ("the", "this") and head in LAWSUIT_HEADS and words[1:-1] in ([], ["legal"], ["court"]):
            plaintiff = self._plaintiff(start)
            if plaintiff is not None:  # "Bruce Willis is suing ... The lawsuit said": his words
                self.spoke_through.append((end, plaintiff))
                return plaintiff, "org"
        if len(words) == 2 and words[0] in ("a", "the") and head in ("statement", "statements"):
            owner = self._voice_continued(start)
            if owner is not None:  # "Mr Roe's office added ... a statement said": the same voice
                return owner, "org"
        if len(words) == 3 and words[0] in ("a", "an", "the") and head in ORG_VOICES and words[1].isalpha():
            body = self._body_ending_in(words[1], start)
            if body is not None:  # "an executive spokesman" after "the Scottish Executive"
                return body, "org"
        spoken_for = VOICE_FOR_NOMINAL.match(text, self.sdoc[head_i].idx + len(head), end) \
            if head_i is not None and head in ORG_VOICES else None
        if spoken_for is not None and spoken_for.group(1) in self.lex.org_nominals:
            # "a senior source at the club", "a spokesman for the firm": the body the noun refers to
            body = self._org_nominal(start, spoken_for.group(1))
            if body is not None:
                return body, "org"
        alias = self._apposed_alias(start, words[1:]) if words[0] in ("the", "this") and 1 < len(words) <= 4 else None
        if alias is not None:  # "X, the Paris-based pressure group, ... the pressure group said"
            return alias, "role" if alias.type == "PERSON" else "org"
        # a role after "of" is another's ("the parents of 14-year-old Jo Roe")
        roles = [w for w in words[:words.index("of") if "of" in words else None]
                 if w in self.lex.role_gender or AGE_NOMINAL.match(w)]
        owner = self._possessor(head_i, start)
        if roles and head in self.lex.role_gender and owner is not None and owner.type == "PERSON":
            # "Roe's lawyer": another person, the one named right after it (a source the parser cut
            # before the name) or before it as holding that role
            found = self._named_right_after(head_i, end) or self._one_role_holder(start, head, owner)
            return (found, "role") if found is not None else (None, "")
        if roles and words[0] == "our":
            # "our correspondent": the outlet's own reporter named before, never a guess
            found = self._one_role_holder(start, roles[-1])
            return (found, "role") if found is not None else (None, "")
        if roles and (words[0] in ("the", "this", "that") or self._possessed_by_body(head_i, start)):
            found = self._role_description(start, core, roles[-1], head in ORG_VOICES)
            if found is not None and found.type == "PERSON" and not AGE_NOMINAL.match(roles[-1]) \
                    and roles[-1] not in {w for r in found.roles for w in role_words_in(r, self.lex)}:
                # the document has called this person "the chancellor": a later "the chancellor"
                # is the same one, not whoever spoke last ("the shadow chancellor" another post)
                found.roles.append(" ".join([*sorted(post_qualifiers(core)), roles[-1]]))
            return found, "role"
        if roles and words[0] in ("a", "an") and head in self.lex.role_gender:
            found = self._role_nominal_ahead(start, head, core)
            body = self._body_subject_before(start, found) if len(words) == 2 and head in PLACE_VOICES else None
            if body is not None:  # "The DTI has dismissed the proposal. A spokesman said ..."
                return body, "org"
            if found is None and head not in ORG_VOICES:  # "a spokesman" is rarely named next
                found = self._described_next(start, head, core)
            if found is None and len(words) == 2 and head in PLACE_VOICES:
                # "the BBC has said. ... a spokeswoman said": the body that spoke before
                found = self._body_spoken_for(start, head)
                if found is not None:
                    return found, "org"
            return (found, "role") if found is not None else (None, "")
        if roles and words[0] in ("his", "her", "its", "their") and head in self.lex.role_gender:
            # "according to his former adviser. ... Ed Balls hinted"; "her agent said ... Agent
            # Simon Beresford said": the one person named after it with that role
            found = self._named_next(start) or self._role_nominal_ahead(start, head, core)
            if found is None:
                # a lede's "its chief executive has said", "claims his agent" is the person the next
                # paragraph has speaking for the first time ("However, Lakshmi Mittal has told
                # investors ...", "But Bernie Mandic said"), when no role of another kind is given them
                found = self._named_next(start, paragraph=True)
                held = {w for r in found.roles for w in role_words_in(r, self.lex)} if found is not None else set()
                if held and head not in held:
                    found = None
            return (found, "role") if found is not None else (None, "")
        if words[0] in ("the", "both") and len(words) <= 3 and singular(head) in self.lex.org_nominals:
            pair = self._pair_named_before(start, "ORG")
            if pair is not None:  # "ScanSoft and Gracenote ... The companies said"
                return self.cluster_as_written(pair, "GROUP"), "org"
        if head in self.lex.org_nominals and words[0] in ("the", "this", "that"):
            person = self._person_called(head, start)
            if person is not None:  # "games maker Peter Molyneux ... The veteran game maker says"
                return person, "role"
        if head in self.lex.org_nominals and words[0] in ("the", "this", "that") and len(words) <= 4 \
                and words[-1] == head:  # "the firm", "the Finnish firm", "the US car maker"
            # A country in the description ("The US-German firm") may be any of the firms
            # named: only the one organisation named before is surely it.
            country = any(w[:1].isupper() for w in core.split()[1:-1])
            # none before: a lede's "the elections watchdog has said" is the body the next
            # paragraph opens with ("In a new report, the Electoral Commission says")
            found = self._profiled_body(start, core, head) or self._org_nominal(start, head, only_one=country)
            ahead = self._named_next(start, "ORG", paragraph=True) if found is None else None
            if ahead is not None and (head not in PUBLIC_BODIES or ahead.name.lower().split()[-1] == head):
                found = ahead  # a public body only by a name that says so (not "the assembly government" -> an association)
            return found, "org"
        if head in self.lex.org_nominals and words[0] in ("a", "an"):
            found = self._named_next(start, "ORG")  # "A US bank has said ... // Riggs Bank will ..."
            return (found, "org") if found is not None else (None, "")
        if words[0] in ("the", "this") and len(words) <= 3 and head_i is not None and self.sdoc[head_i].pos_ == "NOUN":
            # "the festival" after "the Berlin Film Festival", "the forum" after "the Davos World
            # Economic Forum": the one body named before whose name ends in the noun
            body = self._body_ending_in(head, start) or self._facility_ending_in(head, start)
            if body is not None:
                return body, "org"
        return None, ""

    def _named_right_after(self, head_i: int, end: int) -> Cluster | None:
        """"said national coach Mike Friday", "Another peer meanwhile, Lord Skidelsky, said": a
        source that stops at a role noun the parser cut from the name after it is that person."""
        tok = self.sdoc[head_i]
        if tok.lower_ not in self.lex.role_gender or tok.idx + len(tok) > end:
            return None
        text = doc_text(self.sdoc)
        nxt = next((m for m in self.mentions if m.start >= end), None)
        between = text[end:nxt.start] if nxt is not None else ""
        title = between.rstrip().rsplit(" ", 1)[-1].lower() if between.strip() else ""
        if title in self.lex.titles:  # "Another peer meanwhile, Lord Skidelsky": the title opens the name
            between = between[:len(between.rstrip()) - len(title)]
        rest = text[tok.idx + len(tok):end]
        # "The chairman of the Bar Council, Guy Roe QC warned": a body after the role, then the
        # holder's name in apposition
        of_body = between == ", " and OF_BODY_REST.match(rest) is not None
        if nxt is None or not (nxt.cluster.type == "PERSON" or (of_body and post_nominal_name(nxt.cluster.name))) \
                or between not in ("", " ", ", ") \
                or text.startswith(("’s", "'s"), nxt.end) or (rest.count(" ") > 1 and not of_body):
            return None
        if any(m.cluster.type == "PERSON" for m in self.mentions if tok.idx < m.start < end):
            return None  # "the chairman of Jo Roe's firm, ...": another person's
        return nxt.cluster


    def _name_before_post_nominal(self, picked: Mention, inside: list[Mention]) -> Mention:
        """"Tom McCabe MSP", "Guy Roe QC": a post-nominal role the model read as a name of its
        own is not the speaker; the person's name right before it is."""
        text = doc_text(self.sdoc)
        if text[picked.start:picked.end].lower() not in self.lex.role_gender:
            return picked
        person = next((m for m in inside if m.cluster.type == "PERSON" and m.end < picked.start
                       and not text[m.end:picked.start].strip()), None)
        return person or picked

    def _pick_inside(self, inside: list[Mention], head_i: int | None, start: int, end: int) -> Mention | None:
        """The named mention that *is* the source: the one holding the NP head, a
        name in apposition to the head ("Velmora's foreign minister, Teodor Halvari",
        "The suspect, Jane Roe"), or a name opening the NP before a comma ("Lilit
        Minasian, Abrahamian’s colleague"). A name merely inside it ("Abrahamian’s
        colleague", "the wife of Markus Roe") is not."""
        if head_i is None:
            return inside[0]
        tok = self.sdoc[head_i]
        text = doc_text(self.sdoc)
        first = min(inside, key=lambda m: m.start)
        if first.start == start and first.cluster.type == "PERSON" and tok.idx >= first.end \
                and PERSON_OF_BODY.match(text, first.end):
            # "Brett Lock of gay group OutRage!", "Matthew Herren from EduVision": the person,
            # however the parser hung the body's name
            return first
        holding = [m for m in inside if m.start <= tok.idx < m.end]
        if holding:  # the name itself, not an earlier source phrase around it
            return min(holding, key=lambda m: m.end - m.start)
        last = max(inside, key=lambda m: m.end)
        before = self.sdoc.char_span(last.start, last.end, alignment_mode="expand")
        if last.cluster.type == "PERSON" and not text[last.end:end].strip(" ,.") and before is not None \
                and before.start > 0 and self.sdoc[before.start - 1].lower_ in self.lex.role_gender \
                and not _in_clause_of(tok, before.start):
            # "England sevens coach Mike Friday": a role word, then the name ending the phrase,
            # is that person, however the parser read the words before it
            return last
        if tok.pos_ in ("NOUN", "PRON", "ADJ", "NUM") or tok.lower_ in self.lex.role_gender:
            for app in apposed_tokens(tok, end):
                named = [m for m in inside if m.start <= app.idx < m.end]
                if named and not text.startswith(("’s", "'s"), named[0].end):
                    return named[0]
        if tok.pos_ == "NOUN":
            # "technology analysts IDC", "insurance broker Marsh & McLennan": a description
            # whose head the name follows at once is that name.
            named = [m for m in inside if m.start > tok.idx and not text[tok.idx + len(tok):m.start].strip()
                     and not text.startswith(("’s", "'s"), m.end)]
            if named:
                return named[0]
        first = inside[0]
        if first.start == start and text[first.end:first.end + 1] == ",":
            return first
        persons = [m for m in inside if m.cluster.type == "PERSON"]
        if tok.lower_ in self.lex.role_gender and len(persons) == 1 and not text[
                persons[0].end:persons[0].end + 2].startswith(("’s", "'s")) \
                and self._possessor(tok.i, start) is not persons[0].cluster \
                and not names_whose(text, persons[0], tok.idx, start):
            return persons[0]  # "the engineer Tomas Krell", "frontbencher Jo Roe MP": the role heads the NP
        return None



    def _before(self, pos: int) -> list[Mention]:
        return [m for m in self.mentions if m.end <= pos and pos - m.start <= MAX_ANTECEDENT_DISTANCE]

    def _own_quotation(self, pos: int) -> tuple[int, int] | None:
        """The quotation a pronoun source at ``pos`` closes ('"...," he said')."""
        text = doc_text(self.sdoc)
        for a, b in self.index.quoted:
            if b <= pos and not text[b:pos].strip(" ,"):
                return a, b
        return None

    def _pronoun(self, pos: int, gender: str, adds: bool = False) -> Cluster | None:
        cands = self._before(pos)
        if adds and gender in ("M", "F"):
            # "He added:", "she continued": one who spoke before goes on, not the last person
            # the narrative named between ("... Ivan Helguera headed past the keeper ... He added")
            spoke = [m for m in cands if m.speaker and m.cluster.type == "PERSON"
                     and m.cluster.gender in ("", gender)]
            if spoke and pos - spoke[-1].end <= ADDED_REACH:
                return spoke[-1].cluster
        own = self._own_quotation(pos) if gender in ("M", "F") else None
        if own is not None:
            # A person does not name himself in the third person: whoever the quotation
            # names is someone else ('"Feltrin has no chance," he said'). A firm does
            # ('"... the joint venture including Contrack ...," it said').
            named = {m.cluster.key for m in cands if own[0] <= m.start and m.end <= own[1]}
            cands = [m for m in cands if m.cluster.key not in named] or cands
        if gender in ("M", "F"):
            described = self._described_voice_continued(pos, gender)
            if described is not None:
                return described
            cands = [m for m in cands if m.cluster.type == "PERSON" and m.cluster.gender in ("", gender)]
            mate = clause_mate_subject(self.sdoc, cands, self.index.quoted, pos)
            return mate.cluster if mate is not None else self._most_salient(cands, pos, prefer_gender=gender)
        elif gender == "P":
            cands = [m for m in cands if m.cluster.type in ("ORG", "GPE", "GROUP")]
            speakers = [m for m in self._before(pos) if m.speaker and (m.plural or m.cluster.type != "PERSON")]
            if speakers and pos - speakers[-1].end < 600:
                return speakers[-1].cluster
        else:
            voice = self._voice_continued(pos)
            if voice is not None:
                return voice
            # "looking to Russia and China ... It blamed": a country named as a place is not
            # the "it" that speaks next
            cands = [m for m in cands if m.cluster.type == "ORG" or (m.cluster.type == "GPE" and not self._as_place(m))]
            mate = clause_mate_subject(self.sdoc, cands, self.index.quoted, pos)
            if mate is not None:
                return mate.cluster
        return self._most_salient(cands, pos)

    def _as_place(self, m: Mention) -> bool:
        span = self.sdoc.char_span(m.start, m.end, alignment_mode="expand")
        root = span.root if span is not None else None
        if root is not None and root.dep_ == "conj":  # "to Russia and China"
            root = root.head
        return root is not None and root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS

    def _pronoun_chain(self, start: int, pos: int, gender: str) -> bool:
        """Do subject pronouns of ``gender`` run from a salient mention to ``pos`` ("Desailly is
        one of ... He won ... He is now ... So he is full of admiration for Maldini ... ," he
        said")? Then the topic is still that person, however far back he was named."""
        if gender not in ("M", "F"):
            return False
        return any(t.dep_ == "nsubj" and self.lex.pronouns.get(t.lower_) == gender
                   and start <= t.idx < pos and not any(a <= t.idx < b for a, b in self.index.quoted)
                   for t in self.sdoc.char_span(start, pos, alignment_mode="expand") or ())

    def _most_salient(self, cands: list[Mention], pos: int, prefer_gender: str = "") -> Cluster | None:
        if not cands:
            return None
        # Recency in characters, discounted for speakers and subjects.
        # The most recent subject or speaker wins (centering: the previous
        # sentence's subject is the likeliest referent of a subject pronoun).
        text = doc_text(self.sdoc)
        salient = [m for m in cands if m.speaker or m.subject]
        if salient:
            best = max(salient, key=lambda m: m.end)
            # A newer non-possessive mention wins when the salient one is far
            # back ("The ministry cited Bayramov as ... He accused ...").
            newer = [m for m in cands if m.end > best.end and not m.embedded
                     and not text.startswith(("’s", "'s"), m.end)]
            reach = SPEAKER_REACH if best.speaker else SALIENT_REACH
            if newer and pos - best.end > reach and not self._pronoun_chain(best.end, pos, prefer_gender):
                return max(newer, key=lambda m: m.end).cluster
            return best.cluster
        # Weights set by hand on the seeds' pronouns (000: "she told RFE/RL" must
        # skip the nearer possessive "Zakharova’s comments" for the subject).
        def cost(m: Mention) -> float:
            c = pos - m.end
            if m.speaker:
                c *= 0.35
            elif m.subject:
                c *= 0.6
            elif text.startswith(("’s", "'s"), m.end) or m.embedded:
                c *= 5.0  # a possessor, or a name in reported words, is rarely the next sentence's speaker
            else:
                c *= 1.5  # objects and other positions
            if prefer_gender and m.cluster.gender != prefer_gender:
                c *= 1.3  # gender unknown: possible, but a known match is better
            return c
        return min(cands, key=cost).cluster

    def mark_speaker(self, cluster: Cluster, start: int, end: int) -> None:
        """A resolved source becomes a salient mention for later pronouns."""
        plural = " and " in doc_text(self.sdoc)[start:end]
        head_i = phrase_head(self.sdoc, start, end)
        head = self.sdoc[head_i].lower_ if head_i is not None else ""
        if cluster.type != "PERSON" and not plural and head in self.lex.role_gender:
            self.described_voices.append((end, cluster, self.lex.role_gender[head]))
        if STATEMENT_OPENING.search(doc_text(self.sdoc), max(0, start - 40), start):
            self.spoke_through.append((end, cluster))  # "In a statement, the party said": its statement
        for m in self.mentions:
            if start <= m.start and m.end <= end:
                if m.cluster is cluster:
                    m.speaker = True
                    m.embedded = False
                    m.plural = plural
                    return
        self.mentions.append(Mention(start, end, cluster, True, True, plural))
        self.mentions.sort(key=lambda m: m.start)
        if (start, end) not in cluster.mentions:
            cluster.mentions.append((start, end))

    def cluster_as_written(self, name: str, typ: str) -> Cluster:
        """A speaker known only by its description ("Karabakh’s leaders")."""
        key = name.lower()
        cl = self.clusters.get(key)
        if cl is None:
            cl = self.clusters[key] = Cluster(key, name, typ)
            self.written.add(key)
        return cl

    def speaker_for(self, cluster: Cluster, doc_id: str) -> Speaker:
        return Speaker(id=f"{doc_id}#{cluster.id_slug}", name=cluster.name, type=cluster.type,  # type: ignore[arg-type]
                       role=cluster.roles[0] if cluster.roles else None)


def _in_clause_of(head, at: int) -> bool:
    """Does token ``at`` lie in a clause modifying ``head`` ("The Leeds company, led by chief
    executive Tom Hale,": the boss named in it is not the company)?"""
    return any(t.dep_ in ("acl", "relcl") and t.head.i == head.i and t.left_edge.i <= at <= t.right_edge.i
               for t in head.children)

