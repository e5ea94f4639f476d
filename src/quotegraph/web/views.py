"""Shape records for templates: quote cards, article markup, figures, pager links.

Pure functions of the service dicts; all escaping happens in Jinja (autoescape)
or in article_markup/figures, which escape every piece of text they emit.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from ..quotation_marks import OPENING_MARKS, OTHER_OPENING_MARKS
from ..records import NOT_SAID_TYPES
from ..said_on import is_bound, normalise, said_on_label
from .article_markup import InlineSpan, MarkSpan, colour_class, render_article
from .urls import url_for
from .figures import GraphEdge, GraphNode, TimelinePoint, reactions_svg, timeline_svg


def speaker_key(q: dict[str, Any]) -> str | None:
    """Colour key: link/'s canonical speaker when linked, else the store's speaker."""
    sp = q.get("linked_speaker") or q.get("speaker") or {}
    return sp.get("id") or sp.get("name")


_OPENING_MARKS = set(OPENING_MARKS + OTHER_OPENING_MARKS)
# Quote.confidence is a calibrated probability of being right (statement and speaker,
# nlp/attribution/calibration.py): below one half a statement is more likely wrong
# than right, and its card says so. PolNeAR dev: 200 of 1,850 quotes (11 %), 47 % of them right.
LOW_CONFIDENCE = 0.5


def card(q: dict[str, Any], doc_id: str | None = None) -> dict[str, Any]:
    sp = dict(q.get("speaker") or {})
    if q.get("linked_speaker"):
        sp.update({k: v for k, v in q["linked_speaker"].items() if v})
    doc = q.get("document") or {}
    content = " … ".join(s["text"] for s in q["contents"])
    # "reported" is the article's publication day; "said" the statement's own interval,
    # which for an undated statement is only "on or before" that day (quotegraph.said_on).
    said = normalise(q.get("said_on") if isinstance(q.get("said_on"), dict) else None, doc.get("published"))
    confidence = float(q.get("confidence") or 0.0)
    return {
        "id": q["id"],
        "doc_id": doc.get("id") or doc_id,
        "kind": q["kind"],
        "type": q.get("type") or "speech",
        "content": content,
        # Direct quotes get typographic marks from CSS unless the span already includes its own.
        "add_marks": q["kind"] == "direct" and content[:1] not in _OPENING_MARKS,
        "as_written": " / ".join(s["text"] for s in q.get("sources") or []),
        "speaker_id": sp.get("id"),
        "speaker_name": sp.get("name"),
        "speaker_role": sp.get("role"),
        "cue": (q.get("cue") or {}).get("text"),
        # whom it was said to ("told TASS") and the occasion ("at a news briefing", Quote.extra)
        "addressee": (q.get("addressee") or {}).get("text"),
        "venue": (q.get("venue") or {}).get("text"),
        "outlet": doc.get("outlet"),
        "published": doc.get("published"),
        "title": doc.get("title"),
        "said_on": said_on_label(said),
        "said_on_precision": said.get("precision"),
        "said_on_bound": is_bound(said),
        "confidence": confidence,
        "low_confidence": confidence < LOW_CONFIDENCE,
        "colour": colour_class(speaker_key(q)),
        "statement_id": q.get("statement_id"),
        "summarises": q.get("summarises"),  # a headline statement: the body statement it sums up
    }


def attribution(q: dict[str, Any]) -> str:
    sp = dict(q.get("speaker") or {})
    if q.get("linked_speaker"):
        sp.update({k: v for k, v in q["linked_speaker"].items() if v})
    who = sp.get("name") or "unattributed"
    if sp.get("role"):
        who += f" ({sp['role']})"
    parts = [who]
    if q.get("cue"):
        parts.append(f"cue: {q['cue']['text']}")
    if q.get("sources"):
        parts.append("as written: " + " / ".join(s["text"] for s in q["sources"]))
    parts.append(q["kind"])
    if (q.get("type") or "speech") != "speech":
        parts.append(q["type"])  # a belief, finding or headline, not a statement made
    parts.append(f"confidence {float(q.get('confidence') or 0):.2f}")
    return " · ".join(parts)


@dataclass(slots=True)
class ArticleView:
    html: Any
    legend: list[dict[str, str]]
    unplaced: list[str]
    # (quote id, attribution): read by screen readers through each mark's aria-describedby.
    descriptions: list[tuple[str, str]]


def article_view(doc: dict[str, Any]) -> ArticleView:
    text = doc["text"]
    marks: list[MarkSpan] = []
    inline: list[InlineSpan] = [InlineSpan(b["start"], b["end"], "bp") for b in doc["boilerplate"]]
    legend: dict[str, dict[str, str]] = {}
    descriptions: list[tuple[str, str]] = []
    for q in doc["quotes"]:
        colour = colour_class(speaker_key(q))
        sp = q.get("linked_speaker") or q.get("speaker") or {}
        label = sp.get("name") or "unattributed"
        legend.setdefault(colour + label, {"colour": colour, "name": label, "id": sp.get("id") or ""})
        note = attribution(q)
        descriptions.append((q["id"], note))
        # what someone believes or a report found is marked apart from what was said
        style = colour + (" not-said" if q.get("type") in NOT_SAID_TYPES else "")
        for i, span in enumerate(q["contents"]):
            marks.append(MarkSpan(span["start"], span["end"], q["id"], i, style, note))
        for span in q.get("sources") or []:
            inline.append(InlineSpan(span["start"], span["end"], "src"))
        if q.get("cue"):
            inline.append(InlineSpan(q["cue"]["start"], q["cue"]["end"], "cue"))
    markup = render_article(text, marks, inline)
    unplaced = [f"quote {m.quote_id} part {m.part + 1} ({m.start}–{m.end})" for m in markup.unplaced]
    return ArticleView(markup.html, list(legend.values()), unplaced, descriptions)


def speaker_timeline(quotes: list[dict[str, Any]], statements: list[dict[str, Any]]) -> Any:
    if statements:
        points = [TimelinePoint(s["first_published"] or "", s["text"][:120], url_for("statement_page", statement_id=s["id"]),
                                colour_class(s.get("speaker_id"))) for s in statements]
    else:
        points = []
        for q in quotes:
            doc = q.get("document") or {}
            href = str(url_for("document_page", doc_id=doc.get("id", ""))) + f"#q-{q['id']}-0"
            text = " … ".join(s["text"] for s in q["contents"])
            points.append(TimelinePoint(doc.get("published") or "", f"{doc.get('outlet') or ''}: {text[:120]}",
                                        href, colour_class(speaker_key(q))))
    return timeline_svg(points, title="Statements by the day they were reported")


def reactions_graph(speaker: dict[str, Any]) -> Any:
    focus = speaker["id"]
    nodes: dict[str, GraphNode] = {focus: GraphNode(focus, speaker["name"], str(url_for("speaker_page", speaker_id=focus)),
                                                    colour_class(focus))}
    counts: dict[tuple[str, str], int] = {}
    verbs: dict[tuple[str, str], str] = {}
    for r in speaker["reactions_from"] + speaker["reactions_to"]:
        a = r["from_speaker"] or f"name:{r['from_name']}"
        b = r["to_speaker"] or f"name:{r['to_name']}"
        for key, name, real in ((a, r["from_name"], r["from_speaker"]), (b, r["to_name"], r["to_speaker"])):
            if key not in nodes:
                href = str(url_for("speaker_page", speaker_id=real)) if real else \
                    str(url_for("search_page")) + "?" + urlencode({"q": f'"{name}"'})
                nodes[key] = GraphNode(key, name, href, colour_class(real or name))
        counts[(a, b)] = counts.get((a, b), 0) + 1
        verbs.setdefault((a, b), r.get("verb") or "")
    edges = [GraphEdge(a, b, n, verbs[(a, b)]) for (a, b), n in counts.items()]
    return reactions_svg(list(nodes.values()), edges, focus=focus, title=f"Reactions to and from {speaker['name']}")


@dataclass(slots=True)
class Pager:
    first: int
    last: int
    total: int | None
    total_label: str
    prev_url: str | None
    next_url: str | None


def pager(base: str, params: dict[str, str], limit: int, offset: int, shown: int,
          total: int | None, capped: bool = False) -> Pager:
    def link(off: int) -> str:
        return base + "?" + urlencode({**params, "limit": limit, "offset": off})

    has_next = shown == limit and (total is None or offset + shown < total or capped)
    label = f"{total:,}+" if capped and total is not None else (f"{total:,}" if total is not None else "")
    return Pager(offset + 1 if shown else 0, offset + shown, total, label,
                 link(max(offset - limit, 0)) if offset > 0 else None,
                 link(offset + limit) if has_next else None)
