"""Other names of one organisation inside a document: its acronym, its short form
and its spelling variants, each mapped to the full name the article gives.

* acronym: "the Motion Picture Association of America (MPAA) ... the MPAA said":
  an all-capitals name whose letters are the initials of exactly one longer name
  of the document ("Electronic Frontier Foundation" -> EFF, "Associated Press" -> AP),
  or one written with a capital only ("British American Tobacco" -> Bat);
* short form: "Contrack International ... Contrack said", "RSA Security ... RSA said": a
  one-word name that is the first word of exactly one longer organisation name introduced
  before it in the body (a headline's "Cairn shares jump" introduces nothing: clusters.py);
  a place ("Iraq" of "Iraq Survey Group") is used as a place somewhere and stays;
* spelling: "TimeWarner" and "Time Warner" differ only in spaces.
Ambiguous forms (two longer names fit) stay as written.
"""
from __future__ import annotations

FUNCTION_WORDS = frozenset({"of", "and", "the", "for", "on", "in", "&"})
ORG_TYPES = frozenset({"ORG", "GPE", "NORP"})


def initials(name: str, with_function_words: bool) -> str:
    words = [w for w in name.replace("-", " ").split() if with_function_words or w.lower() not in FUNCTION_WORDS]
    return "".join(w[0] for w in words if w[:1].isalpha()).upper()


def is_acronym(name: str) -> bool:
    return 2 <= len(name) <= 6 and name.isalpha() and name.isupper()


def acronym_of(name: str, longer: list[str]) -> str | None:
    """The one longer name ``name`` is the acronym of: written in capitals ("MPAA") or,
    as BBC style writes some, with a capital only ("Bat" for British American Tobacco,
    three letters or more); None when no longer name or several fit."""
    title_case = 3 <= len(name) <= 6 and name.isalpha() and name[:1].isupper() and name[1:].islower()
    if not (is_acronym(name) or title_case):
        return None
    fits = {k for k in longer if name.upper() in (initials(k, False), initials(k, True))}
    return fits.pop() if len(fits) == 1 else None


# Last words of a name that make it a channel, product or outlet of the body whose name
# opens it, not the body ("Sky One", "Sky Plus", "BBC News"): "Sky said" is not Sky Plus
# (BBC sample 2817, tech-070).
PART_WORDS = frozenset("""plus one two three four five news sport sports movies tv television radio online
    mobile music digital channel records pictures magazine awards cup league player box phone""".split())


def organisation_aliases(names: dict[str, tuple[str, int, bool]]) -> dict[str, str]:
    """``names``: each non-person name of the document -> (type, first offset, used as a
    place somewhere). Returns alias -> the full name it stands for."""
    longer = {k: v for k, v in names.items() if len(k.split()) >= 2 and v[0] in ORG_TYPES}
    out: dict[str, str] = {}
    for key, (_typ, first, as_place) in names.items():
        if len(key.split()) != 1:
            continue
        fits = {k for k in longer if key in (initials(k, False), initials(k, True))} if is_acronym(key) else set()
        if not fits and (expanded := acronym_of(key, list(longer))) is not None:
            fits = {expanded}
        if not fits:
            # "RSA said" after "RSA Security": a firm's name that opens with capitals is
            # called by them too, when they spell no other name's initials
            spaced = {k for k in longer if k.replace(" ", "").lower() == key.lower()}
            fits = spaced or ({k for k, (t, f, _) in longer.items() if t == "ORG" and f < first
                               and k.split()[0] == key and k.split()[-1].lower() not in PART_WORDS}
                              if not as_place and key[:1].isupper() else set())
        if len(fits) == 1:
            out[key] = fits.pop()
    return out
