"""What one document says about each person it names, read once: a profile of role words,
ages and origins ("Mara Quill, 14,", "14-year-old Mara Quill", "Australian-born actress Celia
Marsh", "Celia Marsh, the Australian-born actress,", "Paul Denner is a singer", "Jo Roe, who is
34,"). A definite description that states an age or an origin ("the 14-year-old", "the
Australian-born actress") refers to the nearest person named before it whose profile agrees
with everything it states, not to whoever was named last; with none or two equally near, the
document does not say who.

On ../shared/bbc/articles.jsonl (2,225 articles): "the <N>-year-old" 217 times in 192 articles;
ages given with the name ("X Y, 14," 63, "14-year-old X Y" 28); "the <Nationality>[-born] <role>"
86; "X Y is/was a <noun>" 143.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ...names import DEMONYMS, NATIONALITIES, country_stem
from ..lexicon import RoleLexicon
from ..spacy_model import doc_text
from .clusters import Cluster, Mention
from .roles import clean_role, role_words_in

AGE_WORD = re.compile(r"\b(\d{1,3})-year-old\b")
# Ages people have: a number beyond this is no age ("the 1,000-year-old church" is no person).
MAX_AGE = 110
# How many words before a name may describe it ("14-year-old schoolgirl Mara Quill",
# "Australian-born Oscar-winning actress Celia Marsh"); an apposition after it may run longer.
LEFT_WORDS = 8
APPOSITION_WORDS = 10
# Parts of speech that end a description before a name: a verb, a preposition, a pronoun.
LEFT_STOP_POS = frozenset({"VERB", "AUX", "ADP", "PRON", "SCONJ", "CCONJ", "PART"})
# Endings of a people's adjective ("Australian", "Japanese", "Scottish", "Pakistani", "Czech").
NATIONALITY_ENDINGS = ("ian", "ean", "ese", "ish", "ani", "i", "an", "ch", "ss")
# Nouns any business may be called whatever its trade ("German carmaker BMW" is "the German firm").
GENERIC_BODY_NOUNS = frozenset({"firm", "company", "group", "giant", "business", "concern", "organisation",
                                "organization"})
PROFILED_TYPES = frozenset({"PERSON", "ORG"})


@dataclass
class Profile:
    """What the document says a person is beyond the roles written with the name (the cluster's
    roles): ages, origins, and roles a copula gives ("X is a singer"). Those roles only ever
    speak for a person, never against: "Lord Woolf, who is Lord Chief Justice" must not rule
    him out as "the UK's top judge" (BBC 1000-article check, politics-211)."""

    ages: set[int] = field(default_factory=set)
    origins: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)
    words: set[str] = field(default_factory=set)  # every word written to describe it
    kinds: set[str] = field(default_factory=set)  # what a body is called ("carmaker" of "German carmaker BMW")


@dataclass(frozen=True)
class Description:
    """What a definite description states of its referent."""

    roles: tuple[str, ...]
    age: int | None
    origins: frozenset[str]
    gender: str
    words: frozenset[str] = frozenset()  # other words it says ("central" of "the Nigerian central bank")

    @property
    def profiled(self) -> bool:
        """Does it state more than a role (an age or an origin), so a profile can decide it?"""
        return self.age is not None or bool(self.origins)


# Nouns and names of the home nations and other peoples names.DEMONYMS does not fold to one
# adjective: "the Scot" is one of "Scotland's Ian Mackie", "the Briton" one of "Britain's".
PEOPLE_WORDS = {"scot": "scottish", "scotsman": "scottish", "scotland": "scottish", "briton": "british",
                "englishman": "english", "england": "english", "welshman": "welsh", "wales": "welsh",
                "irishman": "irish", "ireland": "irish", "frenchman": "french", "dutchman": "dutch",
                "holland": "dutch", "netherlands": "dutch", "spaniard": "spanish", "swede": "swedish",
                "sweden": "swedish", "dane": "danish", "denmark": "danish", "finn": "finnish",
                "finland": "finnish", "kiwi": "new zealand", "aussie": "australia", "argentine": "argentina"}


def origin_key(word: str) -> str:
    """One key for a country's name, its adjective and its people ("Australia", "Australian" ->
    "australia"; "Scotland", "Scottish", "Scot" -> "scottish")."""
    low = word.lower().removesuffix("’s").removesuffix("'s")
    low = PEOPLE_WORDS.get(low, low)
    return country_stem(DEMONYMS.get(low, low))


def _origin_of(tok: Token) -> str:
    """The origin a capitalised word states ("Scottish", "Australian" of "Australian-born"), or ""."""
    if not tok.is_alpha or not tok.text[:1].isupper():
        return ""
    doc = tok.doc
    born = tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" and doc[tok.i + 2].lower_ == "born"
    low = tok.lower_
    # a country or a people: a place, or a group word that reads as a nationality; not a party
    # or a faith the model also tags NORP ("the Tory leader" is no origin: Howard and Fox share it)
    people = tok.ent_type_ == "NORP" and low.endswith(NATIONALITY_ENDINGS)
    if born or tok.ent_type_ == "GPE" or people or low in NATIONALITIES or low in DEMONYMS or low in PEOPLE_WORDS:
        return origin_key(tok.text)
    return ""


def _age_of(toks: list[Token], bare: bool = True) -> int | None:
    """An age the words state: "14-year-old", "aged 14", or (``bare``: set off after the name,
    "X, 14,", "X is 14") a lone number; never a number before a name ("7 Spike Lee movies")."""
    text = "".join(t.text_with_ws for t in toks)
    found = AGE_WORD.search(text)
    if found is None and not bare:
        return None
    if found is None:
        words = [t for t in toks if not t.is_space]
        if words and words[0].lower_ == "aged":
            words = words[1:]
        if len(words) != 1 or not words[0].like_num or not words[0].text.isdigit():
            return None
        age = int(words[0].text)
    else:
        age = int(found.group(1))
    return age if 0 < age <= MAX_AGE else None


def describe(sdoc: Doc, start: int, end: int, lex: RoleLexicon) -> Description:
    """The attributes the description at [start, end) states ("the Australian-born actress")."""
    span = sdoc.char_span(start, end, alignment_mode="expand")
    toks = list(span) if span is not None else []
    text = doc_text(sdoc)[start:end]
    roles = tuple(role_words_in(text, lex))
    origins = frozenset(o for t in toks[1:] if (o := _origin_of(t)))
    found = AGE_WORD.search(text)
    age = int(found.group(1)) if found is not None else None
    gender = next((g for w in roles if (g := lex.role_gender.get(w))), "")
    # the words that are neither article, origin, age nor role ("central", "former", "veteran", and
    # a body's noun, which body_agrees weighs): a profile must hold each for the description to decide
    said = set(roles) | {"year", "old", "born"}
    words = frozenset(t.lower_ for t in toks[1:] if t.is_alpha and not _origin_of(t) and t.lower_ not in said)
    return Description(roles, age, origins, gender, words)


def _left_window(sdoc: Doc, m: Mention) -> list[Token]:
    """The words right before a name that describe it ("the 14-year-old schoolgirl")."""
    span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return []
    out: list[Token] = []
    i = span.start - 1
    while i >= 0 and len(out) < LEFT_WORDS:
        t = sdoc[i]
        joined = t.text == "-" and not t.whitespace_ and i > 0 and not sdoc[i - 1].whitespace_  # "Australian-born"
        # the second part of a hyphenated word ("born" of "Australian-born", "winning") is no verb of its own
        second = i > 1 and sdoc[i - 1].text == "-" and not sdoc[i - 1].whitespace_ and not sdoc[i - 2].whitespace_
        if t.is_space or (t.is_punct and not joined) or (t.pos_ in LEFT_STOP_POS and not second) or t.ent_type_ == "PERSON" \
                or "\n" in t.whitespace_:
            break
        out.insert(0, t)
        if t.is_sent_start:
            break
        i -= 1
    return out


def _apposition_window(sdoc: Doc, m: Mention) -> list[Token]:
    """A description set off after a name: "Mara Quill, 14,", "Celia Marsh, the actress,", "Jo Roe (45)"."""
    span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or span.end >= len(sdoc) or sdoc[span.end].text not in (",", "("):
        return []
    closer = ")" if sdoc[span.end].text == "(" else ","
    out: list[Token] = []
    for t in sdoc[span.end + 1:span.end + 1 + APPOSITION_WORDS]:
        joined = t.text == "-" and not t.whitespace_
        if t.text == closer or t.is_space:
            return out
        if (t.is_punct and not joined) or t.pos_ in ("VERB", "AUX") or t.ent_type_ == "PERSON" \
                or t.lower_ in ("who", "which", "that"):
            return []  # a clause or another person: not a description of this one
        out.append(t)
    return []


def _possessive_country(sdoc: Doc, m: Mention) -> str:
    """The country owning a body's name ("Spain's Ferrovial", "France's Snecma"), as an origin."""
    span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or span.start < 2 or sdoc[span.start - 1].tag_ != "POS":
        return ""
    owner = sdoc[span.start - 2]
    return origin_key(owner.text) if owner.ent_type_ == "GPE" and owner.text[:1].isupper() else ""


def _predicate_window(sdoc: Doc, m: Mention) -> list[Token]:
    """What a copula says the person is: "Paul Denner is a singer", "Jo Roe, who is 34,"."""
    span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return []
    root = span.root
    verbs = [root.head] if root.dep_ == "nsubj" and root.head.lemma_ == "be" else []
    verbs += [c for c in root.children if c.dep_ == "relcl" and c.lemma_ == "be"
              and any(k.dep_ == "nsubj" and k.lower_ == "who" for k in c.children)]
    for verb in verbs:
        attr = next((c for c in verb.children if c.dep_ in ("attr", "acomp") and c.i > verb.i), None)
        if attr is None:
            continue
        # the noun phrase without a relative clause or a prepositional tail ("a singer from Leeds")
        toks = [t for t in attr.subtree if t.i <= attr.i or t.dep_ in ("compound", "amod")]
        return toks
    return []


def document_profiles(sdoc: Doc, mentions: list[Mention], lex: RoleLexicon) -> dict[str, Profile]:
    """A profile per person and body cluster."""
    profiles: dict[str, Profile] = {}
    for m in mentions:
        if m.cluster.type not in PROFILED_TYPES:
            continue
        profile = profiles.setdefault(m.cluster.key, Profile())
        predicate = _predicate_window(sdoc, m)
        left = _left_window(sdoc, m)
        for window in (left, _apposition_window(sdoc, m), predicate):
            if not window:
                continue
            age = _age_of(window, bare=window is not left) if m.cluster.type == "PERSON" else None
            if age is not None:
                profile.ages.add(age)
            profile.origins.update(o for t in window if (o := _origin_of(t)))
            profile.words.update(t.lower_ for t in window if t.is_alpha)
            profile.kinds.update(t.lower_ for t in window if t.lower_ in lex.org_nominals)
        if (owner := _possessive_country(sdoc, m)):
            profile.origins.add(owner)
        if predicate and m.cluster.type == "PERSON":
            text = doc_text(sdoc)[predicate[0].idx:predicate[-1].idx + len(predicate[-1])]
            role = clean_role(text) if role_words_in(text, lex) else None
            if role and role not in m.cluster.roles and role not in profile.roles:
                profile.roles.append(role)
    return profiles


def agrees(description: Description, cluster: Cluster, profile: Profile | None, lex: RoleLexicon,
           role_fits: Callable[[str, str], bool]) -> bool:
    """Does the person's profile hold everything the description states? ``role_fits(word,
    held)`` says whether a role held may be called by the description's role word."""
    if description.gender and cluster.gender not in ("", description.gender):
        return False
    profile = profile or Profile()
    if description.age is not None and description.age not in profile.ages:
        return False
    if not description.origins <= profile.origins or not description.words <= profile.words:
        return False
    held = [w for r in cluster.roles + profile.roles for w in role_words_in(r, lex)]
    return all(any(role_fits(w, h) for h in held) for w in description.roles)


def contradicts(description: Description, profile: Profile | None) -> bool:
    """Does the profile say otherwise ("Tom Acre, 21," is no "34-year-old")?"""
    return profile is not None and description.age is not None and bool(profile.ages) \
        and description.age not in profile.ages


def body_agrees(description: Description, noun: str, profile: Profile | None) -> bool:
    """Is the body one the description ("the Spanish group") may name: of every origin it
    states, and called by its noun, a generic one, or nothing else ("French bank BNP" is no
    "French carmaker")?"""
    if profile is None or not description.origins <= profile.origins \
            or not description.words - {noun} <= profile.words:
        return False
    return noun in GENERIC_BODY_NOUNS or not profile.kinds or noun in profile.kinds
