"""Narrative pages, each with its JSON twin: topics (with their actors and
statements over time), the alignment heatmap, and echoes shown side by side with
links into the articles. They read what `quotegraph topics` stored and compute
alignment and echoes from the store on request (cached until the store changes)."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from io import BytesIO

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from ..narrative.alignment import alignment, draw_heatmap, period_of
from ..narrative.context import Corpus, load_corpus
from ..narrative.echoes import find_echoes
from ..store import narrative as store

router = APIRouter()


def _corpus(request: Request) -> Corpus:
    state = request.app.state
    conn = state.db.reader()
    return state.db.cache.get(("narrative-corpus",), lambda: load_corpus(conn, state.db.path))


def topics_data(request: Request) -> dict:
    conn = request.app.state.db.reader()
    if not store.has_topics(conn):
        return {"items": [], "note": "no topics yet: run `quotegraph topics`"}
    return {"items": [{"id": r["id"], "label": r["label"], "size": r["size"],
                       "words": [w for w, _ in json.loads(r["words"])[:10]]} for r in store.topics(conn)]}


def topic_data(request: Request, topic_id: int) -> dict:
    found = [t for t in topics_data(request)["items"] if t["id"] == topic_id]
    if not found:
        raise HTTPException(404, f"no topic {topic_id} (run `quotegraph topics`)")
    corpus = _corpus(request)
    quotes = [q for q in corpus.quotes if q.topic_id == topic_id]
    actors = Counter(corpus.groups.get(q.speaker, q.speaker) for q in quotes if q.speaker)
    over_time: dict[str, Counter] = defaultdict(Counter)
    for q in quotes:
        month = period_of(q.published, "month")
        if month and q.speaker:
            over_time[month][corpus.groups.get(q.speaker, q.speaker)] += 1
    return {**found[0], "actors": [{"name": a, "statements": n} for a, n in actors.most_common()],
            "months": {m: dict(c) for m, c in sorted(over_time.items())},
            "statements": [{"doc_id": q.doc_id, "quote_id": q.quote_id, "speaker": q.speaker,
                            "group": corpus.groups.get(q.speaker or "", q.speaker), "published": q.published,
                            "outlet": q.outlet, "content": q.content} for q in quotes]}


def alignment_data(request: Request) -> dict:
    corpus = _corpus(request)
    result = alignment(corpus.quotes, corpus.groups)
    return {"actors": result.actors, "matrix": result.matrix, "periods": result.periods,
            "statements": result.statements}


def echoes_data(request: Request) -> dict:
    corpus = _corpus(request)
    echoes = find_echoes(corpus.quotes, corpus.groups)
    return {"items": [{"phrase": e.phrase, "uses": [u.__dict__ for u in [e.first, *e.later]]} for e in echoes]}


def _page(request: Request, template: str, data: dict) -> HTMLResponse:
    state = request.app.state
    return state.templates.TemplateResponse(request, template, {"data": data, "db_label": state.db_label,
                                                                "allow_edits": state.allow_edits})


@router.get("/api/topics", tags=["narratives"], summary="Topics of speech statements")
def api_topics(request: Request) -> dict:
    return topics_data(request)


@router.get("/api/topics/{topic_id}", tags=["narratives"], summary="One topic: actors, months, statements")
def api_topic(request: Request, topic_id: int) -> dict:
    return topic_data(request, topic_id)


@router.get("/api/alignment", tags=["narratives"], summary="Actor x actor similarity of topic shares")
def api_alignment(request: Request) -> dict:
    return alignment_data(request)


@router.get("/api/echoes", tags=["narratives"], summary="Near-identical wording by different actors")
def api_echoes(request: Request) -> dict:
    return echoes_data(request)


@router.get("/topics", name="topics_page", response_class=HTMLResponse, include_in_schema=False)
def topics_page(request: Request):
    return _page(request, "topics.html", topics_data(request))


@router.get("/topics/{topic_id}", name="topic_page", response_class=HTMLResponse, include_in_schema=False)
def topic_page(request: Request, topic_id: int):
    return _page(request, "topic.html", topic_data(request, topic_id))


@router.get("/alignment", name="alignment_page", response_class=HTMLResponse, include_in_schema=False)
def alignment_page(request: Request):
    return _page(request, "alignment.html", alignment_data(request))


@router.get("/alignment.svg", name="alignment_svg", include_in_schema=False)
def alignment_svg(request: Request):
    corpus = _corpus(request)
    buffer = BytesIO()
    draw_heatmap(alignment(corpus.quotes, corpus.groups), buffer)
    return Response(buffer.getvalue(), media_type="image/svg+xml")


@router.get("/echoes", name="echoes_page", response_class=HTMLResponse, include_in_schema=False)
def echoes_page(request: Request):
    return _page(request, "echoes.html", echoes_data(request))
