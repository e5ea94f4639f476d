"""Scoring of extracted statements against the hand labels of real articles (labels/bbc/).

Per statement type (speech, belief, finding): precision, recall and F1, where a predicted
statement matches a gold one of the same type by the PolNeAR rule (content-word Jaccard
>= 0.5, one-to-one, greedy: ``evaluate.attribution.match_greedy``), and speaker accuracy
among the matched pairs (the predicted speaker's name equals the gold resolved speaker by
the project's name keys; a gold null speaker — the article names no one — is matched by a
predicted null or by a generic group the extractor keeps as it is written, type GROUP:
"analysts", "officials"; the issue's speakers include group noun phrases, the label
guide writes them null).
Across types: detection regardless of type and the type confusion (gold type x
predicted type over the pairs matched regardless of type). Predictions typed
``headline`` are set aside (headlines are not labelled) and counted.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..names import name_key, org_key, parse_person, strip_titles, surface_name
from .attribution import match_greedy, prf, words
from .label_file import LABEL_TYPES, LabelledArticle

SET_ASIDE_TYPES = ("headline",)
GENERIC_GROUP = "GROUP"  # the extractor's type of an unnamed group speaker ("analysts")


@dataclass(frozen=True, slots=True)
class Statement:
    """A gold or predicted statement reduced to what is scored."""

    type: str
    content: tuple[tuple[int, int], ...]
    speaker: str | None
    speaker_type: str | None = None  # predicted only: PERSON, ORG, GROUP, ...

    def spans(self) -> list[dict]:
        return [{"start": a, "end": b} for a, b in self.content]


def predicted_statement(quote: dict) -> Statement:
    """A quote of the extract record (``Quote.to_dict()``) as a scored statement."""
    speaker = quote.get("speaker") or {}
    name = speaker.get("name") if isinstance(speaker, dict) else None
    return Statement(str(quote.get("type") or "speech"),
                     tuple((int(s["start"]), int(s["end"])) for s in quote.get("contents") or []),
                     name or None, (speaker.get("type") if isinstance(speaker, dict) else None) or None)


def gold_statements(article: LabelledArticle) -> list[Statement]:
    return [Statement(s.type, s.content, s.speaker) for s in article.statements]


def same_speaker(gold: str | None, predicted: str | None, predicted_type: str | None = None) -> bool:
    """Does the predicted speaker name the gold speaker? Compared by the name keys of
    quotegraph/names.py: the shown name's key, the folded person name (given names and
    surname, so "Mr Blair" never equals "Tony Blair"), or the organisation key. A gold
    null (nobody named) is matched by no speaker or a generic group (type GROUP)."""
    if gold is None:
        return predicted is None or predicted_type == GENERIC_GROUP
    if predicted is None:
        return False
    g, p = surface_name(gold), surface_name(predicted)
    if name_key(g) and name_key(g) == name_key(p):
        return True
    gp, pp = parse_person(g), parse_person(p)
    if gp is not None and pp is not None and gp.key == pp.key:
        return True
    return bool(org_key(g)) and org_key(g) == org_key(p)


def _name_words(name: str) -> set[str]:
    """Key words of a name without titles and role words ("Mr MacDonald" -> {"macdonald"})."""
    bare = strip_titles(name) or name
    return set(name_key(bare).split())


def speaker_error_class(gold: str | None, predicted: str | None) -> str:
    """Why a predicted speaker is not the gold one, in classes a fix would address."""
    if gold is None:
        return "the article names no one; a mention was given as the name"
    if predicted is None:
        return "no speaker predicted"
    g, p = surface_name(gold), surface_name(predicted)
    gw, pw = set(name_key(g).split()), set(name_key(p).split())
    if name_key(g).replace(" ", "") == name_key(p).replace(" ", ""):
        return "spelling variant of the name"
    initials = "".join(w[0] for w in name_key(g).split() if w not in ("of", "and", "the", "for"))
    if p.isupper() and name_key(p).replace(" ", "") == initials:
        return "acronym not expanded to the full name"
    bare = _name_words(p)
    if bare and bare < gw:
        return "part of the name (surname, given name or short form) not resolved to the full name"
    if gw and gw < pw:
        return "description containing the name, not reduced to it"
    if any(w[:1].islower() and w not in _NAME_PARTICLES for w in p.split()):
        return "description not resolved to the entity it refers to"
    return "another named entity (wrong person or organisation)"


_NAME_PARTICLES = frozenset({"of", "and", "for", "de", "van", "von", "der", "la", "le", "al", "bin"})


def _excerpt(text: str, content: tuple[tuple[int, int], ...], width: int = 70) -> str:
    joined = " … ".join(text[a:b] for a, b in content)
    joined = " ".join(joined.split())
    return joined if len(joined) <= width else joined[: width - 1] + "…"


def _item(article: str, s: Statement, text: str, **extra: Any) -> dict[str, Any]:
    return {"article": article, "type": s.type, "content": [list(c) for c in s.content],
            "speaker": s.speaker, "excerpt": _excerpt(text, s.content), **extra}


def score_labels(articles: list[LabelledArticle], texts: dict[str, str],
                 predictions: dict[str, list[dict]]) -> dict[str, Any]:
    """Score ``predictions`` (article id -> extract-record quotes) against the labels."""
    counts = {t: {"gold": 0, "predicted": 0, "matched": 0, "speaker_right": 0, "matched_named": 0,
                  "speaker_right_named": 0} for t in LABEL_TYPES}
    any_type = {"gold": 0, "predicted": 0, "matched": 0}
    confusion: dict[str, dict[str, int]] = {t: {} for t in LABEL_TYPES}
    spurious: dict[str, int] = {}
    set_aside = 0
    errors: dict[str, list[dict]] = {"missed": [], "false_positives": [], "wrong_speaker": [], "wrong_type": []}
    for art in articles:
        text = texts[art.id]
        gold = gold_statements(art)
        preds = [predicted_statement(q) for q in predictions.get(art.id, [])]
        set_aside += sum(p.type in SET_ASIDE_TYPES for p in preds)
        preds = [p for p in preds if p.type not in SET_ASIDE_TYPES]
        gw = [words(text, g.spans()) for g in gold]
        pw = [words(text, p.spans()) for p in preds]
        # Per type: matching only within the type.
        for t in LABEL_TYPES:
            gi = [i for i, g in enumerate(gold) if g.type == t]
            pj = [j for j, p in enumerate(preds) if p.type == t]
            pairs = match_greedy([gw[i] for i in gi], [pw[j] for j in pj])
            c = counts[t]
            c["gold"] += len(gi)
            c["predicted"] += len(pj)
            c["matched"] += len(pairs)
            matched_g = {gi[a] for a, _ in pairs}
            matched_p = {pj[b] for _, b in pairs}
            for a, b in pairs:
                g, p = gold[gi[a]], preds[pj[b]]
                named = g.speaker is not None
                c["matched_named"] += named
                if same_speaker(g.speaker, p.speaker, p.speaker_type):
                    c["speaker_right"] += 1
                    c["speaker_right_named"] += named
                else:
                    errors["wrong_speaker"].append(_item(
                        art.id, g, text, predicted_speaker=p.speaker, predicted_content=[list(x) for x in p.content],
                        error_class=speaker_error_class(g.speaker, p.speaker)))
            errors["missed"] += [_item(art.id, gold[i], text) for i in gi if i not in matched_g]
            errors["false_positives"] += [_item(art.id, preds[j], text) for j in pj if j not in matched_p]
        # Regardless of type: detection and confusion.
        pairs = match_greedy(gw, pw)
        any_type["gold"] += len(gold)
        any_type["predicted"] += len(preds)
        any_type["matched"] += len(pairs)
        matched_g = {i: j for i, j in pairs}
        matched_p = {j for _, j in pairs}
        for i, g in enumerate(gold):
            got = preds[matched_g[i]].type if i in matched_g else "missed"
            confusion[g.type][got] = confusion[g.type].get(got, 0) + 1
            if got not in ("missed", g.type):
                errors["wrong_type"].append(_item(art.id, g, text, predicted_type=got))
        for j, p in enumerate(preds):
            if j not in matched_p:
                spurious[p.type] = spurious.get(p.type, 0) + 1
    by_type = {}
    for t, c in counts.items():
        by_type[t] = {**prf(c["matched"], c["predicted"], c["matched"], c["gold"]), **c,
                      "speaker_accuracy": _ratio(c["speaker_right"], c["matched"]),
                      # the same among gold statements whose speaker the article names
                      "speaker_accuracy_named": _ratio(c["speaker_right_named"], c["matched_named"])}
    speaker_classes: dict[str, int] = {}
    for it in errors["wrong_speaker"]:
        speaker_classes[it["error_class"]] = speaker_classes.get(it["error_class"], 0) + 1
    return {
        "documents": len(articles),
        "by_type": by_type,
        "any_type": {**prf(any_type["matched"], any_type["predicted"], any_type["matched"], any_type["gold"]),
                     **any_type},
        "confusion": confusion,
        "unmatched_predicted": spurious,
        "headline_set_aside": set_aside,
        "speaker_error_classes": dict(sorted(speaker_classes.items(), key=lambda kv: -kv[1])),
        "errors": errors,
    }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0
