"""One definition of name keys, for every stage (nlp, store, link).

* ``surface_name``: a name as a reader should see it: no possessive, no
  leading "the", single spaces, no word doubled by a scrape ("Kristi NoemKristi").
* ``name_key``: the store's lookup key: casefolded, no diacritics or
  punctuation ("María  Zakharova." -> "maria zakharova"); ``speaker_id_for``
  makes it a readable id.
* ``parse_person`` / ``fold_token``: a person's name split into given names and
  a folded surname, so spellings of one name meet. Transliterated names reach
  us in several spellings: Pashinian/Pashinyan, Aliyev/Aliev, Dmitry/Dmitriy/
  Dmitrii, Zakharova/Zaharova, Fyodor/Fëdor. The folding key maps the variants
  produced by the common romanisation systems onto one string, so blocking and
  exact comparison work on the key while rapidfuzz handles what is left (typos).
* ``org_key`` / ``role_key``: organisations, places and role descriptions.
Everything here is a pure function of its input.
"""
from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from .quotation_marks import DOUBLE_MARKS

# Titles and role words that precede a name ("Russian Deputy Foreign Minister
# Mikhail Galuzin"); stripped from the left until the name itself starts.
ROLE_WORDS = frozenset(
    """
    mr mrs ms miss dr prof sir dame lord lady sen rep gov gen col maj capt lt adm
    president vice prime deputy first minister foreign defence defense interior
    secretary general spokeswoman spokesman spokesperson representative official
    ambassador envoy special chairman chairwoman chair head leader mayor governor
    senator congressman congresswoman mp lawmaker parliamentarian speaker
    ombudsman commissioner director chief executive ceo founder queen prince
    princess pope patriarch archbishop sheikh emir sultan
    justice attorney prosecutor commander colonel general admiral captain
    lieutenant sergeant officer diplomat analyst professor doctor state duma
    former ex acting incoming outgoing opposition ruling party member of the and
    affairs ministry committee on
    """.split()
)
# Generational suffixes and post-nominal letters that follow a surname ("Ian
# MacDonald QC" is Mr MacDonald). Not "MP": "Labour MP" names no one.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "qc", "kc", "obe", "mbe", "cbe", "kbe", "dbe", "phd"})

# Possessive country names and their adjectives, so "Russia's Foreign Ministry"
# and "the Russian Foreign Ministry" fold to one organisation key.
DEMONYMS = {
    "russia": "russian", "armenia": "armenian", "azerbaijan": "azerbaijani",
    "georgia": "georgian", "ukraine": "ukrainian", "turkey": "turkish",
    "turkiye": "turkish", "iran": "iranian", "france": "french", "germany": "german",
    "china": "chinese", "britain": "british", "uk": "british", "us": "american",
    "usa": "american", "america": "american", "belarus": "belarusian",
    "kazakhstan": "kazakh", "israel": "israeli", "india": "indian",
    "pakistan": "pakistani", "japan": "japanese", "italy": "italian",
    "spain": "spanish", "poland": "polish", "eu": "european",
}
NATIONALITIES = frozenset(DEMONYMS.values()) | {"karabakh", "soviet", "azeri"}
# Spelled-out forms of organisation words, folded to the short form.
ORG_SYNONYMS = (
    (re.compile(r"\bministry of foreign affairs\b"), "foreign ministry"),
    (re.compile(r"\bmfa\b"), "foreign ministry"),
    (re.compile(r"\bforeign office\b"), "foreign ministry"),
    (re.compile(r"\bministry of defen[cs]e\b"), "defence ministry"),
    (re.compile(r"\bdefense\b"), "defence"),
    (re.compile(r"\bmod\b"), "defence ministry"),
)
# Parties under their other names: "the Tories", "the Conservative Party" and "the
# Conservatives" are one party (a phrase that names a party among other words keeps them).
ORG_SYNONYMS += (
    (re.compile(r"\b(?:tories|tory party|conservative party)\b"), "conservatives"),
    (re.compile(r"\b(?:lib dems|liberal democrat party)\b"), "liberal democrats"),
    (re.compile(r"\blabour party\b"), "labour"),
    (re.compile(r"\b(?:democratic party)\b"), "democrats"),
    (re.compile(r"\b(?:republican party|gop)\b"), "republicans"),
)
# A party adjective alone as a whole name stands for the party ("Conservative said" is rare;
# a speaker resolved to "Conservative" or "Lib Dem" is the party's).
PARTY_ADJECTIVE_KEYS = {"conservative": "conservatives", "tory": "conservatives", "lib dem": "liberal democrats",
                        "liberal democrat": "liberal democrats", "democrat": "democrats",
                        "republican": "republicans"}
ORG_STOPWORDS = frozenset({"the", "of", "s", "for", "and"})

SURNAME_PARTICLES = frozenset({"le", "la", "de", "du", "des", "van", "von", "der", "den", "bin", "ibn", "al", "el", "da", "di", "dos", "del"})

_APOSTROPHES = "'’‘`´ʼʹ"
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?", re.UNICODE)


def strip_diacritics(text: str) -> str:
    """ë -> e, ş -> s, ə -> e: decompose and drop combining marks."""
    text = text.replace("ə", "e").replace("Ə", "E").replace("ı", "i").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


POSSESSIVES = ("’s", "'s", "’", "'")
# Quotation marks and separators a source span may carry at its edges ('" Mr Bussereau').
EDGE_PUNCTUATION = " ,;:-–—" + DOUBLE_MARKS
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def surface_name(text: str) -> str:
    """The name as written, without a possessive, a leading "the", doubled words or extra spaces.

    "the Lazarev Club’s" -> "Lazarev Club"; "Kristi NoemKristi" -> "Kristi Noem".
    """
    t = " ".join(unescape_references(text).split()).strip(EDGE_PUNCTUATION)
    for p in POSSESSIVES:
        if t.endswith(p):
            t = t[: -len(p)]
            break
    if t.lower().startswith("the "):
        t = t[4:]
    return undouble(t.strip(EDGE_PUNCTUATION))


def unescape_references(text: str) -> str:
    """A name as read, where a scrape left HTML character references in the stored text
    ("Jos&#233; Manuel Barroso" -> "José Manuel Barroso"; 25 of the 2,225 BBC articles carry
    them). The text itself is never changed: offsets point into it."""
    return html.unescape(text) if "&" in text else text


def undouble(name: str) -> str:
    """Cut a name where a scrape ran it into its own repetition.

    Captions glued to the text give "Kristi NoemKristi Noem": a word that is a
    name word plus an earlier word of the same name ("Noem" + "Kristi") ends the
    name at its first part. Names such as "McDonald" are untouched: the glued
    part must itself be an earlier word of the name, of three letters or more.
    """
    words = name.split()
    for i, w in enumerate(words):
        for v in words[:i]:
            if len(v) >= 3 and v[:1].isupper() and len(w) > len(v) + 2 and w.endswith(v) and w[0].isupper():
                return " ".join(words[:i] + [w[: -len(v)]])
    return name


@lru_cache(maxsize=65536)  # the same names recur in every document
def name_key(name: str) -> str:
    """Casefolded, diacritics and punctuation removed, single spaces.

    "Maria  Zakharova" / "maria zakharova" / "María Zakharova." share one key;
    "RFE/RL" becomes "rfe rl".
    """
    words = _NON_WORD.sub(" ", strip_diacritics(unescape_references(name)).casefold()).replace("_", " ").split()
    return " ".join(words)


def speaker_id_for(name: str) -> str | None:
    """A readable id that is the same in every run and every process: "maria-zakharova"."""
    key = name_key(name)
    return key.replace(" ", "-") if key else None


def fold_token(token: str) -> str:
    """Fold one name token so transliteration variants collide.

    The rules, in order (each is a known variation between romanisation systems):
    diacritics and apostrophes go, hyphens join; initial "ye" -> "e" (Yerevan /
    Erevan, Yevgeny / Evgeny); "kh" -> "h" (Zakharova / Zaharova); "gh" -> "g";
    "x" -> "ks"; "y" -> "i" (-yan/-ian, -iy/-ii/-y, ye/ie, Aliyev/Aliev after the
    next step); doubled letters collapse (Dmitrii -> Dmitri, Aliiev -> Aliev).
    """
    t = strip_diacritics(token).lower()
    t = "".join(c for c in t if c not in _APOSTROPHES and c != "-" and c != ".")
    if t.startswith("ye"):
        t = t[1:]
    t = t.replace("kh", "h").replace("gh", "g").replace("x", "ks").replace("y", "i")
    t = re.sub(r"(.)\1+", r"\1", t)
    return t


def tokens(name: str) -> list[str]:
    """Word tokens of a name, keeping hyphenated and apostrophised parts whole."""
    return [m.group(0).rstrip(".") if len(m.group(0)) > 2 else m.group(0) for m in _TOKEN.finditer(name)]


def is_role_word(token: str) -> bool:
    low = strip_diacritics(token).lower().rstrip(".")
    low = re.sub(r"['’]s$", "", low)
    return low in ROLE_WORDS or low in NATIONALITIES or low in DEMONYMS


def strip_titles(name: str) -> str:
    """The person's name without the titles and role words around it.

    "Russian Deputy Foreign Minister Mikhail Galuzin" -> "Mikhail Galuzin".
    Reads from the right: the name is the trailing run of tokens that are not
    role words (a capitalised role word such as "Minister" ends the run).
    """
    toks = tokens(name)
    while toks and strip_diacritics(toks[-1]).lower().rstrip(".") in NAME_SUFFIXES:
        toks.pop()
    # "Mike German", "Mr French": a nationality after a given name or a courtesy title is a surname
    demonym_surname = len(toks) >= 2 and _nationality(toks[-1]) and (
        _given_name_word(toks[-2]) or strip_diacritics(toks[-2]).lower().rstrip(".") in COURTESY_TITLES)
    # A description that ends in a role word ("Velmoran Prime Minister",
    # "Dravenia's deputy foreign minister") names no person: what precedes the
    # role is an affiliation, not a name.
    if toks and is_role_word(toks[-1]) and not demonym_surname:
        return ""
    kept: list[str] = [toks.pop()] if demonym_surname else []
    for tok in reversed(toks):
        if is_role_word(tok) or re.search(r"['’]s$", tok):
            break
        kept.append(tok)
    return " ".join(reversed(kept))


COURTESY_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady"})
# Capitalised words that open a place's or a people's name ("South African", "New
# Zealander"), never a given name before a nationality.
PLACE_OPENERS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                           "new", "central", "great", "greater", "upper", "lower", "anglo", "franco", "royal"})


def _nationality(token: str) -> bool:
    low = strip_diacritics(token).lower()
    return low in NATIONALITIES and low not in ROLE_WORDS


def _given_name_word(token: str) -> bool:
    """A capitalised word that can be a given name: not a role, nationality or place opener."""
    low = strip_diacritics(token).lower().rstrip(".")
    return token[:1].isupper() and token.replace("-", "").isalpha() and not is_role_word(token) \
        and low not in PLACE_OPENERS


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name split into folded parts."""

    display: str  # the name as cleaned ("Nikol Pashinian")
    given: tuple[str, ...]  # folded given names and initials, in order
    surname: str  # folded surname key ("pashinian")

    @property
    def key(self) -> str:
        return " ".join((*self.given, self.surname))

    @property
    def has_given(self) -> bool:
        return bool(self.given)


@lru_cache(maxsize=262_144)  # names repeat across a corpus: parse each spelling once
def parse_person(name: str) -> PersonName | None:
    """Split a person's name into given names and surname (folded); None if no name is left."""
    clean = strip_titles(name)
    toks = tokens(clean)
    if not toks or not toks[-1][:1].isupper():
        return None
    # Surname particles ("Le Drian", "von der Leyen", "bin Salman") belong to the surname.
    cut = len(toks) - 1
    while cut > 0 and toks[cut - 1].lower() in SURNAME_PARTICLES:
        cut -= 1
    folded = [fold_token(t) for t in toks]
    surname = "".join(folded[cut:])
    if not surname:
        return None
    return PersonName(display=clean, given=tuple(f for f in folded[:cut] if f), surname=surname)


def surname_as_written(name: str) -> str:
    """The surname of a full name with its particles, as written ("Simon Le Bon" -> "Le Bon")."""
    toks = name.split()
    cut = len(toks) - 1
    while cut > 0 and toks[cut - 1].lower() in SURNAME_PARTICLES:
        cut -= 1
    return " ".join(toks[cut:])


# A misspelt surname (shortest folded length): "hasal" of Hassall. Shorter surnames
# differ by one letter too often to be one name ("bush"/"bash").
MISSPELT_MIN_LENGTH = 5


def misspelt_surname_of(surname: str, known: Iterable[str]) -> str | None:
    """The one folded surname of ``known`` that ``surname`` (folded) is a misspelling of, or None.

    A misspelling here is one letter replaced inside the word ("Hassall" for Hassell),
    never the first or last letter and never a letter added or dropped: those make
    other surnames ("Brown"/"Browne", "Robert"/"Roberts", "Hanson"/"Janson"). Doubled
    letters ("Ilston"/"Illston", "Hassel"/"Hassell") already meet in the folded key.
    Two candidates: ambiguous, None. Found by `quotegraph audit-speakers` on BBC (three
    spellings of one agent in bbc-sport-195)."""
    if len(surname) < MISSPELT_MIN_LENGTH:
        return None
    found = {k for k in known if k != surname and len(k) == len(surname) and k[0] == surname[0]
             and k[-1] == surname[-1] and Levenshtein.distance(k, surname) == 1}
    return found.pop() if len(found) == 1 else None


def given_names_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Could these given names belong to one person? An initial matches its full name.

    Only the first given name is compared (middle names and patronymics are often
    dropped); an empty side is compatible with anything.
    """
    if not a or not b:
        return True
    x, y = a[0], b[0]
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return x == y


@lru_cache(maxsize=262_144)
def org_key(name: str) -> str:
    """A normalised key for an organisation or place name.

    Lower-cased, no diacritics or punctuation, possessive countries turned into
    adjectives, spelled-out forms folded ("Ministry of Foreign Affairs" ->
    "foreign ministry"), stop words dropped. Different words stay different:
    "Russian Foreign Ministry" and "Azerbaijani Foreign Ministry" never collide.
    """
    t = strip_diacritics(name).lower()
    t = re.sub(r"['’]s\b", "", t)
    t = re.sub(r"[^\w\s]", " ", t)
    for pattern, repl in ORG_SYNONYMS:
        t = pattern.sub(repl, t)
    words = [DEMONYMS.get(w, w) for w in t.split() if w not in ORG_STOPWORDS]
    if words and words[0] == "azeri":
        words[0] = "azerbaijani"
    if words:
        words[0] = country_stem(words[0])
    key = " ".join(words)
    return PARTY_ADJECTIVE_KEYS.get(key, key)


def country_stem(word: str) -> str:
    """Fold a country adjective and the country's possessive to one stem.

    "Velmoran"/"Velmora's" -> "velmora", "Russian"/"Russia's" -> "russia",
    "Azerbaijani" -> "azerbaijan": the usual English demonym endings -n/-an/-i
    on a country name, so names the demonym table does not know still meet.
    """
    if len(word) > 5 and word.endswith("ani"):
        return word[:-1]
    if len(word) > 5 and word.endswith(("ian", "ran", "nan", "ean")):
        return word[:-1]
    return word


@lru_cache(maxsize=65_536)  # roles repeat: checked for every candidate speaker of every mention
def nationalities_in(text: str | None) -> frozenset[str]:
    """Countries named in a role ("Russian Foreign Ministry spokeswoman" -> {"russian"})."""
    if not text:
        return frozenset()
    found = set()
    for tok in tokens(text):
        low = re.sub(r"['’]s$", "", strip_diacritics(tok).lower())
        if low in DEMONYMS:
            found.add(DEMONYMS[low])
        elif low in NATIONALITIES:
            found.add("azerbaijani" if low == "azeri" else low)
    return frozenset(found)


@lru_cache(maxsize=65_536)
def role_key(role: str | None) -> str:
    """A comparable form of a role description ("the Russian diplomat" -> "russian diplomat")."""
    if not role:
        return ""
    words = org_key(role).split()
    while words and words[0] in {"a", "an", "the", "its", "his", "her", "their"}:
        words.pop(0)
    return " ".join(words)


def alias_key(name: str) -> str:
    """The key link_aliases.alias_key holds: lower-cased, no diacritics, single spaces."""
    return " ".join(strip_diacritics(name).lower().split())
