"""Nominal mentions read against the named speakers of a document: role nominals ("the
minister", "the giant winger", "her agent", "a Russian MP"), demonyms ("the Scot") and
the bodies a description names (bodies.py: "the firm", "the paper"). A mixin of
SpeakerResolver (coref.py), which holds the mentions, the clusters and the salience ranking
these use.
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from ...names import country_stem, parse_person, surface_name
from ..lexicon import RoleLexicon
from ..attribution.cues import is_cue_verb, load_cue_lexicon
from ..spacy_model import doc_text
from .clusters import Cluster, Mention, title_gender
from ..regions import in_title_line
from .bodies import MAX_ANTECEDENT_DISTANCE, BodyNominals
from .phrases import core_end
from .profiles import Description, Profile, agrees, body_agrees, contradicts, describe
from .roles import role_words_in

# Nouns for a person of a country ("the Scot"; "the Russian" the model tags NORP).
PERSON_DEMONYMS = frozenset({"briton", "scot", "scotsman", "englishman", "welshman", "irishman", "frenchman",
                             "dutchman", "kiwi", "aussie", "swede", "dane", "pole", "spaniard", "finn", "argentine",
                             "new zealander", "icelander", "londoner"})
# "The 66-year-old said": a person named before, like a role nominal.
AGE_NOMINAL = re.compile(r"^\d+-year-old$")
# Families every office shares: sharing only these, two roles are different posts.
BROAD_ROLE_FAMILIES = frozenset({"official", "politician", "leader"})
# Roles that say no post ("an official of the ministry"): their holder may be any post of the
# family ("the diplomat"); a "leader" leads something, a post of its own.
GENERIC_HOLDERS = frozenset({"official", "politician"})
# How far (characters) "It added" may follow the statement or office it continues
# (BBC sample 2717: 93 and 132 characters in its two cases; 400 leaves room for a long
# quotation between, with no other speaker allowed between).
VOICE_REACH = 400
# Words that make a role another post: "the shadow chancellor" is not "the chancellor".
POST_QUALIFIERS = frozenset({"shadow", "deputy", "vice", "assistant", "junior"})
# A name followed by a description of its own ("Tom Green, a farmer,", "Jo Roe, 45,").
OWN_DESCRIPTION = re.compile(r",\s+(?:a|an|the|\d)\b")
# "In a statement, the party said": what "the statement" later says is the party's.
STATEMENT_OPENING = re.compile(r"\b[Ii]n\s+(?:a|an|its|his|her|their)\s+(?:[\w-]+\s+)?statement,\s*$")
# What may follow a role word in a description of its holder: the body the post is in
# ("chairman of the Police Federation", "guitarist with US rock band Korn").
ROLE_COMPLEMENT = re.compile(r"\s+(?:of|at|for|with|in)\s")


class Nominals(BodyNominals):
    """Role, demonym and organisation nominals, a lawsuit's plaintiff and a possessive's owner
    (mixed into SpeakerResolver, which sets these and gives ``_before`` (mentions before a
    position), ``_most_salient`` and ``_pronoun``)."""

    sdoc: Doc
    lex: RoleLexicon
    mentions: list[Mention]
    clusters: dict[str, Cluster]
    written: set[str]
    profiles: dict[str, Profile]

    def _profiled(self, pos: int, written: str) -> tuple[Cluster | None, frozenset[str]]:
        """"The 14-year-old", "the Australian-born actress" (``written`` at ``pos``): the nearest
        person named before whose profile (profiles.py) agrees with all the description states,
        and the people whose profile says otherwise. Two agreeing people last named in one
        sentence are equally near: no one. Nothing for a description that states no age or origin."""
        description = describe(self.sdoc, pos, pos + len(written), self.lex)
        if not description.profiled:
            return None, frozenset()
        latest: dict[str, Mention] = {}
        for m in self._before(pos):
            if m.cluster.type == "PERSON":
                latest[m.cluster.key] = m  # mentions run in document order: the last one stays
        ruled_out = frozenset(k for k in latest if contradicts(description, self.profiles.get(k)))
        def fits(m: Mention, wanted: Description) -> bool:
            return agrees(wanted, m.cluster, self.profiles.get(m.cluster.key), self.lex, lambda word, held: self._role_fits(
                word, self.lex.role_family.get(word, frozenset([word])), held))

        agreeing = sorted((m for m in latest.values() if fits(m, description)), key=lambda m: m.end)
        # as for any role description, one who holds the very role word goes first ("the Tory
        # leader" is the leader, not a co-chairman whose family takes in leaders)
        agreeing = [m for m in agreeing if set(description.roles) <= {
            w for r in self._held_roles(m.cluster) for w in role_words_in(r, self.lex)}] or agreeing
        if not agreeing:
            return None, ruled_out
        if len(agreeing) > 1 and self._same_sentence(agreeing[-2].start, agreeing[-1].start):
            return None, frozenset(latest)  # two fit as well as each other: the document does not say
        best = agreeing[-1]
        # an origin is shared and often left unsaid: one the narration turned to since, as a subject
        # or speaker, whose origin the document never states may be the one described ("US coach
        # Patrick McEnroe ... Roddick was left frustrated ... said the American": Roddick; BBC
        # 1000-article check, sport-469); an age stated with a name is not, so it still decides
        if description.age is None and any(
                m.end > best.end and (m.subject or m.speaker) and not self.profiles.get(m.cluster.key, Profile()).origins
                and fits(m, replace(description, origins=frozenset())) for m in latest.values()):
            return None, ruled_out
        return best.cluster, ruled_out

    def _profiled_body(self, pos: int, written: str, noun: str) -> Cluster | None:
        """"The Spanish group" after "Spain's Ferrovial", "the German carmaker" after "German
        carmaker BMW": the nearest body named before whose profile states that origin; none when
        two last named in one sentence do, or the description states no origin."""
        description = describe(self.sdoc, pos, pos + len(written), self.lex)
        if not description.origins:
            return None
        text = doc_text(self.sdoc)
        latest: dict[str, Mention] = {}
        for m in self._before(pos):
            if m.cluster.type == "ORG" and m.cluster.key not in self.written and not in_title_line(text, m.start):
                latest[m.cluster.key] = m
        agreeing = sorted((m for m in latest.values()
                           if body_agrees(description, noun, self.profiles.get(m.cluster.key))), key=lambda m: m.end)
        if not agreeing or (len(agreeing) > 1 and self._same_sentence(agreeing[-2].start, agreeing[-1].start)):
            return None
        best = agreeing[-1]
        # a body the narration turned to since, as a subject, of no stated origin may be the one
        # described too ("... its US rival Boeing ... UPS said it had placed an order ... The US
        # company said": UPS; BBC 1000-article check, business-424): the salience reading decides
        if any(m.end > best.end and m.subject and not self.profiles.get(m.cluster.key, Profile()).origins
               for m in latest.values()):
            return None
        return best.cluster

    def _body_subject_before(self, pos: int, named_next: Cluster | None) -> Cluster | None:
        """A bare "a spokesman" right after a sentence whose main subject is a named body ("The
        Department for Education would not comment. A spokeswoman said ...", "However, the DTI
        has dismissed the proposal. A spokesman said ..."): that body's spokesman. One body only;
        none when the spokesman of that body is the one named next (``named_next``: "MAB
        spokesman Dr Azzam Tamimi said")."""
        own = self.sdoc.char_span(pos, pos + 1, alignment_mode="expand")
        if own is None or own.sent.start == 0:
            return None
        prev = self.sdoc[own.sent.start - 1].sent
        text = doc_text(self.sdoc)
        bodies = {m.cluster.key: m.cluster for m in self.mentions
                  if prev.start_char <= m.start < prev.end_char and m.subject and not m.embedded
                  and m.cluster.type == "ORG" and m.cluster.key not in self.written and not in_title_line(text, m.start)}
        body = next(iter(bodies.values())) if len(bodies) == 1 else None
        return None if body is None or (named_next is not None and self._speaks_for(named_next, body)) else body

    def _speaks_for(self, person: Cluster, body: Cluster) -> bool:
        """Does a role of the person name the body ("MAB spokesman" for the Muslim Association of Britain)?"""
        text = doc_text(self.sdoc)
        names = {text[s:e] for s, e in body.mentions} | {body.name}
        return any(re.search(rf"\b{re.escape(n)}\b", r) for r in person.roles for n in names if n)

    def _held_roles(self, cluster: Cluster) -> list[str]:
        """The roles written with the name, then those a copula gave ("X is a singer")."""
        profile = self.profiles.get(cluster.key)
        return cluster.roles + profile.roles if profile is not None else cluster.roles

    def _same_sentence(self, a: int, b: int) -> bool:
        first = self.sdoc.char_span(a, a + 1, alignment_mode="expand")
        return first is not None and first.sent.start_char <= b < first.sent.end_char

    def _role_nominal(self, pos: int, role_word: str, gender: str = "", written: str = "",
                      ruled_out: frozenset[str] = frozenset()) -> Cluster | None:
        family = self.lex.role_family.get(role_word, frozenset([role_word]))
        # "the shadow chancellor" holds another post than "the chancellor": only one whose roles
        # carry its post qualifiers (a deputy minister may still be "the diplomat"; a shadow
        # post is never the post)
        qualified = post_qualifiers(written)
        # An organisation that spoke through "a Home Office spokesman" is "the spokesman".
        cands = [m for m in self._before(pos) if (m.cluster.type == "PERSON" or role_word in m.cluster.roles)
                 and m.cluster.key not in ruled_out
                 and m.cluster.gender in ("", gender or m.cluster.gender)
                 and (not written or not m.cluster.roles or any(same_post(qualified, post_qualifiers(r)) for r in m.cluster.roles))]
        # The same role word first ("the minister" is the minister, not the spokeswoman
        # who shares the family "official"), then the family.
        matching = [m for m in cands if any(role_word in role_words_in(r, self.lex) for r in self._held_roles(m.cluster))] or [
            m for m in cands if any(self._role_fits(role_word, family, w)
                                    for r in self._held_roles(m.cluster) for w in role_words_in(r, self.lex))]
        if matching:
            return self._most_salient(matching, pos)
        # No one holds the role: for a public post, one who holds another post is not it ("The
        # Chancellor said" is not the shadow home secretary); else the only person named, or
        # the latest speaker or subject ("Gordon Brown has addressed the conference. The
        # Chancellor said"; "the giant winger" after "star Jonah Lomu").
        def other_post(m: Mention) -> bool:
            return self._is_post(role_word) and any(
                self._is_post(w) for r in m.cluster.roles for w in role_words_in(r, self.lex))
        # a name only inside someone's reported words ("she believed Tony Blair started ...") is
        # not one the narration describes next
        cands = [m for m in cands if not m.embedded or m.speaker]
        if gender:
            # with the other sex ruled out, the one left must be an actor of the narration (a
            # speaker, a subject, an owner), not a name in passing ("Breakfast with Frost")
            text = doc_text(self.sdoc)
            actors = {m.cluster.key for m in cands if m.speaker or m.subject or text.startswith(("’s", "'s"), m.end)}
            cands = [m for m in cands if m.cluster.key in actors]
        free = [m for m in cands if not other_post(m)]
        only_free = self._is_post(role_word) and len({m.cluster.key for m in free}) == 1
        if len({m.cluster.key for m in cands}) == 1 or only_free:
            # the only person named, or the only one who holds no other post ("Tony Blair's
            # intervention ... the prime minister says", the others being a mayor and an MP)
            return self._most_salient(free, pos)
        return self._most_salient([m for m in free if m.speaker or m.subject], pos)

    def _role_description(self, pos: int, written: str, role_word: str, voice: bool) -> Cluster | None:
        """A definite role description ("the lord chancellor", "Scotland's justice minister",
        "the chairman of the Police Federation"): the person whose profile agrees with the age or
        origin it states (``_profiled``), else the holder named before (``_role_nominal``; never
        one whose profile says otherwise), else, when no one before fits, the person the next sentence names as a speaker
        (``_named_in_next_sentence``); never that for a voice noun ("the spokesman")."""
        # "the lord chancellor" is a man, "the chairwoman" a woman: never one of the other sex
        gender = next((g for w in written.lower().split() if (g := self.lex.role_gender.get(w) or self.lex.titles.get(w))), "")
        found, ruled_out = self._profiled(pos, written)  # "the 14-year-old", "the Australian-born actress"
        if found is not None:
            return found
        found = self._role_nominal(pos, role_word, gender, written, ruled_out)
        # only a description that ends in its role or the body it holds it in ("the chairman of
        # the Police Federation"), not one the parser cut before a name ("Iraq's Trade Minister
        # Mohammed ...")
        rest = written[written.lower().rfind(role_word) + len(role_word):]
        if found is None and not voice and (not rest.strip() or ROLE_COMPLEMENT.match(rest)):
            found = self._named_in_next_sentence(pos, role_word, gender)
        return found

    def _possessed_by_body(self, head_i: int | None, start: int) -> bool:
        """Does the phrase open with a place or body owning its head ("Scotland's justice
        minister", "Labour's campaign chief")? Then the role is a post of that body, like "the
        justice minister"; a person's ("Roe's lawyer") is someone else's role."""
        owner = self._possessor(head_i, start)
        return owner is not None and owner.type in ("GPE", "ORG", "GROUP") and owner.key not in self.written

    def _possessor(self, head_i: int | None, start: int) -> Cluster | None:
        """The named owner opening the phrase of ``head_i`` ("Scotland's", "Roe's"), if any."""
        if head_i is None:
            return None
        poss = next((c for c in self.sdoc[head_i].children if c.dep_ == "poss"), None)
        if poss is None or poss.left_edge.idx != start:
            return None
        return next((m.cluster for m in self.mentions if m.start <= poss.idx < m.end), None)

    def _one_role_holder(self, pos: int, role_word: str, owner: Cluster | None = None) -> Cluster | None:
        """The one person named before ``pos`` with a role of that family, never the owner
        ("Roe's lawyer said": not Roe, but "His lawyer, Greg Ioannou,"; "our correspondent":
        the "BBC political correspondent Jo Roe" named before); None when no one or several are."""
        family = self.lex.role_family.get(role_word, frozenset([role_word]))
        found = {m.cluster.key: m.cluster for m in self._before(pos)
                 if m.cluster.type == "PERSON" and m.cluster is not owner
                 and any(self._role_fits(role_word, family, w) for r in m.cluster.roles for w in role_words_in(r, self.lex))}
        return next(iter(found.values())) if len(found) == 1 else None

    def _named_in_next_sentence(self, pos: int, role_word: str, gender: str) -> Cluster | None:
        """News describes, then names: "The lord chancellor hinted at reforms. // '...,' Lord
        Falconer told the BBC"; "Scotland's justice minister has warned fans ... // Cathy
        Jamieson said ...". The one person the next sentence has speaking (the subject of a
        reporting verb or of the sentence), named there for the first time, of no other sex
        and with no role of another family."""
        own = self.sdoc.char_span(pos, pos + 1, alignment_mode="expand")
        if own is None:
            return None
        nxt = next((t for t in self.sdoc[own.sent.end:] if not t.is_space), None)
        if nxt is None:
            return None
        sent = nxt.sent
        family = self.lex.role_family.get(role_word, frozenset([role_word]))
        text = doc_text(self.sdoc)
        found = set()
        for m in self.mentions:
            if not (sent.start_char <= m.start < sent.end_char) or m.cluster.type != "PERSON" \
                    or not (m.subject or self._says(m)):
                continue
            cl = m.cluster
            if any(s < pos for s, _ in cl.mentions) or cl.gender not in ("", gender or cl.gender):
                return None  # a person named before is no one the description introduces
            held = {w for r in cl.roles for w in role_words_in(r, self.lex)}
            if held and not any(self._role_fits(role_word, family, w) for w in held):
                return None  # "Economist Carl Obst said" after "the finance minister"
            if OWN_DESCRIPTION.match(text, m.end):
                return None  # "Tom Green, a farmer, said": someone introduced with a description of their own
            found.add(cl.key)
        return self.clusters[found.pop()] if len(found) == 1 else None

    def _is_post(self, role_word: str) -> bool:
        """A public post (minister, chancellor, secretary), not a description (champion, winger)."""
        return bool(self.lex.role_family.get(role_word, frozenset()) & BROAD_ROLE_FAMILIES)

    def _role_fits(self, role_word: str, family: frozenset[str], held: str) -> bool:
        """May a person holding the role ``held`` be called "the <role_word>"? When the
        nominal is a wider word for it ("the diplomat" for a spokeswoman, "the player" for a
        striker), both share a narrow family ("the star" and a singer: musicians), or the
        role held says no post ("the Russian diplomat" for an "official representative of
        the Foreign Ministry"); two named offices that share only a broad
        family (official, politician) are different posts ("the chancellor", a secretary)."""
        held_family = self.lex.role_family.get(held, frozenset())
        shared = family & held_family
        return role_word in held_family or bool(shared - BROAD_ROLE_FAMILIES) \
            or (held in GENERIC_HOLDERS and bool(shared))

    def _demonym_nominal(self, start: int, end: int, head_i: int) -> bool:
        """"The Russian said", "the Scot added": one person of a country, named before."""
        tok = self.sdoc[head_i]
        words = doc_text(self.sdoc)[start:core_end(self.sdoc, head_i, end)].split()  # "the Russian, who ..."
        if len(words) < 2 or words[0].lower() != "the" or tok.idx <= start or tok.tag_ not in ("NNP", "JJ", "NN") \
                or tok.lower_.endswith("s") or words[-1] != tok.text:
            return False
        # "the South African", "the New Zealander": a demonym of two capitalised words
        demonym = " ".join(words[1:]).lower()
        return (len(words) == 2 or (len(words) == 3 and words[1][:1].isupper())) \
            and ((tok.ent_type_ == "NORP" and all(t.ent_type_ == "NORP" for t in self.sdoc[head_i - len(words) + 2:head_i]))
                 or demonym in PERSON_DEMONYMS)

    def _person_nominal(self, pos: int) -> Cluster | None:
        """The most salient person before ``pos``, for a nominal that no role word narrows."""
        # a speaker the model did not tag, kept by a name that reads as a person's, counts too
        return self._most_salient([m for m in self._before(pos) if m.cluster.type == "PERSON" or (
            m.speaker and m.cluster.type == "UNKNOWN" and parse_person(m.cluster.name) is not None)], pos)

    def _role_nominal_ahead(self, pos: int, role_word: str, written: str) -> Cluster | None:
        """"A Russian MP said ..." in a lede: the one person the next paragraphs name with
        a role of that family (and of the same country when the nominal gives one)."""
        places = {country_stem(w.lower()) for w in written.replace("’s", " ").replace("'s", " ").split()[1:]
                  if w[:1].isupper() and w.lower() not in self.lex.role_gender}
        found = set()
        for cluster, role in self._role_holders_ahead(pos, role_word):
            words = role.replace("’s", " ").replace("'s", " ").split()
            if places and not places <= {country_stem(w.lower()) for w in words if w[:1].isupper()}:
                continue
            found.add(cluster.key)
        return self.clusters[found.pop()] if len(found) == 1 else None

    def _role_holders_ahead(self, pos: int, role_word: str) -> list[tuple[Cluster, str]]:
        """People named after ``pos`` with a role that fits ``role_word`` (``_role_fits``: a
        narrow family shared; "a Russian MP" is the Duma deputy named next, not the Russian
        foreign minister, who shares only "politician"), and that role."""
        family = self.lex.role_family.get(role_word, frozenset([role_word]))
        out = []
        for m in self.mentions:
            if m.start <= pos or m.start - pos > MAX_ANTECEDENT_DISTANCE or m.cluster.type != "PERSON":
                continue
            out += [(m.cluster, role) for role in m.cluster.roles if any(
                self._role_fits(role_word, family, w) for w in role_words_in(role, self.lex))]
        return out

    def _described_next(self, pos: int, role_word: str, written: str) -> Cluster | None:
        """The person named next (``_named_next``) for "a senior EU politician", unless
        the role rules that person out: one who holds a role of that family was already
        weighed by the role (another country's MP, one of two MPs), and one with a role
        of another family fits only when it shares the nominal's place ("EU")."""
        found = self._named_next(pos)
        if found is None or any(c is found for c, _ in self._role_holders_ahead(pos, role_word)):
            return None
        words = {w for r in found.roles for w in role_words_in(r, self.lex)}
        places = {w.lower() for w in written.split()[1:] if w[:1].isupper() and w.lower() not in self.lex.role_gender}
        in_role = {w.lower() for r in found.roles for w in r.split()}
        return found if not words or (places and places <= in_role) else None

    def _named_next(self, pos: int, typ: str = "PERSON", paragraph: bool = False) -> Cluster | None:
        """News introduces a person by description, then names them as the subject of the
        next paragraph's first sentence ("A senior barrister ... says X. // Ian MacDonald
        QC quit when ..."): that person, when the document has not named them before.
        ``paragraph``: the first such subject anywhere in the next paragraph."""
        text = doc_text(self.sdoc)
        own = self.sdoc.char_span(pos, pos + 1, alignment_mode="expand")
        if own is None or any(m.cluster.type == typ and m.start < own.sent.start_char and not in_title_line(text, m.start)
                              for m in self.mentions):
            return None  # only the first sentence to speak of anyone introduces a person this way
        brk = text.find("\n", pos)
        if brk < 0:
            return None
        nxt = len(text) - len(text[brk:].lstrip())
        if nxt >= len(text):
            return None
        sent = self.sdoc.char_span(nxt, nxt + 1, alignment_mode="expand")
        if sent is None:
            return None
        sent = sent.sent
        para_end = text.find("\n", nxt)
        end = (para_end if para_end >= 0 else len(text)) if paragraph else sent.end_char
        for m in self.mentions:
            if paragraph and not self._says(m):
                continue  # past the first sentence, only a body that speaks there is the one described
            if sent.start_char <= m.start < end and m.cluster.type == typ and m.subject:
                named_before = any(s < pos for s, _ in m.cluster.mentions)
                return None if named_before else m.cluster
        return None

    def _says(self, m: Mention) -> bool:
        """Is the mention the subject of a reporting verb ("the Electoral Commission says")?"""
        span = self.sdoc.char_span(m.start, m.end, alignment_mode="expand")
        return span is not None and is_cue_verb(span.root.head, load_cue_lexicon()) \
            and span.root.dep_ in ("nsubj", "nsubjpass")

    def _person_called(self, noun: str, pos: int) -> Cluster | None:
        """The one person the document introduced with ``noun`` right before the name ("computer
        games maker Peter Molyneux"): "the veteran game maker" is that person, not a firm."""
        text = doc_text(self.sdoc)

        def word_before(m: Mention) -> str:
            # the lower-case word before the name and its titles ("games maker Dr Jo Hale"),
            # joined to it by spaces only (not "a new party.\n\nMr Kilroy-Silk")
            before = text[max(0, m.start - 60):m.start]
            while True:
                found = re.search(r"([a-z][\w-]*)\.? +$", before)
                if found is None or found.group(1) not in self.lex.titles:
                    return found.group(1) if found is not None else ""
                before = before[:found.start()]

        # the word right before the name only: "Bank chief John Bond" is no "the bank"
        found = {m.cluster.key: m.cluster for m in self._before(pos)
                 if m.cluster.type == "PERSON" and word_before(m) == noun}
        return next(iter(found.values())) if len(found) == 1 else None

    def _voice_continued(self, pos: int) -> Cluster | None:
        """"Mr Crosby's statement said: ... It added": "it" is the statement (or office) that
        spoke just before, so its owner, when no other speaker came between."""
        before = [(end, c) for end, c in self.spoke_through if end <= pos]
        if not before:
            return None
        end, owner = before[-1]
        later = [m for m in self.mentions if m.speaker and end < m.start < pos]
        return owner if not later and pos - end <= VOICE_REACH else None

    def _described_voice_continued(self, pos: int, gender: str) -> Cluster | None:
        """'"There are no plans," a spokeswoman said. She added ...': a subject pronoun right
        after a speaker known only by a role noun is that speaker, not the last person named
        (a name in the spokeswoman's reported words, or one named before her), when the role's
        gender fits and nobody else spoke or became a main-clause subject between."""
        before = [(end, c, g) for end, c, g in self.described_voices if end <= pos]
        if not before:
            return None
        end, cluster, role_gender = before[-1]
        # the voice goes on through its own pronouns ("A Labour spokesman told ... he said ...
        # He said the party ..."): each is a new starting point
        end = max([end] + [m.end for m in self.mentions if m.speaker and m.cluster is cluster and end <= m.start < pos])
        if role_gender not in ("", gender) or pos - end > VOICE_REACH:
            return None
        between = [m for m in self.mentions if end <= m.start < pos
                   and (m.speaker or (m.subject and not m.embedded and m.cluster.type == "PERSON"))]
        return None if between else cluster








    def _owner_of(self, pos: int, end: int, gender: str) -> Cluster | None:
        """The owner a possessive pronoun refers to: a body that is the subject after it in the
        same sentence ("According to its latest accounts, Media Lab Europe said"), else the
        antecedent before it."""
        if gender == "N":
            sent = self.sdoc.char_span(pos, pos + 1, alignment_mode="expand").sent
            after = [m for m in self.mentions if end <= m.start < sent.end_char and m.subject
                     and m.cluster.type in ("ORG", "GPE")]
            if after:
                return after[0].cluster
        return self._pronoun(pos, gender)


    def _untagged_surname(self, written: str, pos: int) -> Cluster | None:
        """A surname the model did not tag as a name ("Pashinian charged ...", "Mr Maran
        said", parsed as common nouns): the person of the document it ends."""
        words = surface_name(written).split()
        titles = [w for w in words[:-1] if w.lower() in self.lex.titles]
        if len(words) - len(titles) != 1 or not words[-1][:1].isupper() or words[:len(titles)] != titles:
            person = parse_person(" ".join(words))  # "Former Chelsea captain Desailly": role words, then the surname
            if person is None or person.has_given or len(words) < 2 or person.display != words[-1]:
                return None
            return self.index.person_for_surname(person.surname, title_gender(words[:-1], self.lex), pos)
        person = parse_person(words[-1])
        if person is None:
            return None
        return self.index.person_for_surname(person.surname, title_gender(titles, self.lex), pos) \
            or self.index.person_for_given(person.surname, bool(titles))






def post_nominal_name(name: str) -> bool:
    """A name with post-nominal letters ("Guy Roe QC", which the model may read as a body) is a person's."""
    person = parse_person(name)
    return person is not None and bool(person.given) and person.display != " ".join(name.split())


def names_whose(text: str, name: Mention, role_at: int, start: int) -> bool:
    """"the Lib Dem leader" (a party the model read as a person): a name between a determiner
    and a lower-case role word says whose role it is, not who holds it ("Jo Roe MP" does)."""
    return name.end <= role_at and text[role_at:role_at + 1].islower() \
        and text[start:name.start].strip().lower() in ("the", "a", "an")


def post_qualifiers(role: str) -> frozenset[str]:
    """The words of a role that make it another post ("shadow", "deputy")."""
    return frozenset(w for w in role.lower().replace("-", " ").split() if w in POST_QUALIFIERS)


def same_post(nominal: frozenset[str], held: frozenset[str]) -> bool:
    """May a holder whose role has the qualifiers ``held`` be called by a nominal with ``nominal``?"""
    return nominal <= held and ("shadow" in nominal) == ("shadow" in held)

