"""Alignment: how alike two actors' agendas are, as the cosine similarity of the
topic shares of their statements, overall and per period (month or ISO week).
1.0: the same topics in the same proportions; 0: no topic in common."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

import numpy as np

from ..store.narrative import QuoteRow


@dataclass
class Alignment:
    actors: list[str]
    matrix: list[list[float]]                       # overall
    periods: dict[str, list[list[float | None]]]    # per period; None: an actor silent that period
    statements: dict[str, int]                      # per actor


def period_of(published: str | None, by: str) -> str | None:
    if not published or len(published) < 7:
        return None
    if by == "month":
        return published[:7]
    try:
        year, week, _ = date.fromisoformat(published[:10]).isocalendar()
    except ValueError:
        return None
    return f"{year}-W{week:02d}"


def _cosine(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
    return unit @ unit.T


def alignment(quotes: list[QuoteRow], groups: dict[str, str], *, by: str = "month", top: int = 12,
              since: str | None = None, until: str | None = None) -> Alignment:
    """Actors = speaker groups with the most topic-assigned statements (``top`` of them)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    per_period: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for q in quotes:
        if q.topic_id is None or q.topic_id < 0 or not q.speaker:
            continue
        if (since and (q.published or "") < since) or (until and (q.published or "9999") > until + "\uffff"):
            continue
        actor = groups.get(q.speaker, q.speaker)
        counts[actor][q.topic_id] += 1
        period = period_of(q.published, by)
        if period:
            per_period[period][actor][q.topic_id] += 1
    actors = [a for a, _ in sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))[:top]]
    topic_ids = sorted({t for c in counts.values() for t in c})
    index = {t: i for i, t in enumerate(topic_ids)}

    def matrix(table: dict[str, Counter]) -> np.ndarray:
        vectors = np.zeros((len(actors), len(topic_ids)))
        for row, actor in enumerate(actors):
            for topic, n in table.get(actor, {}).items():
                vectors[row, index[topic]] = n
        return vectors

    overall = _cosine(matrix(counts)) if actors else np.zeros((0, 0))
    periods = {}
    for period in sorted(per_period):
        vectors = matrix(per_period[period])
        sims = _cosine(vectors)
        silent = vectors.sum(axis=1) == 0
        periods[period] = [[None if silent[i] or silent[j] else round(float(sims[i, j]), 3)
                            for j in range(len(actors))] for i in range(len(actors))]
    return Alignment(actors, [[round(float(x), 3) for x in row] for row in overall], periods,
                     {a: sum(counts[a].values()) for a in actors})


def draw_heatmap(result: Alignment, path, title: str = "Alignment of actors on shared topics") -> None:
    """Write the overall matrix as SVG or PNG (by ``path``'s suffix; a file object gets SVG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    n = len(result.actors)
    fig, ax = plt.subplots(figsize=(2 + 0.6 * n, 1.5 + 0.6 * n), dpi=120)
    data = np.array(result.matrix) if n else np.zeros((1, 1))
    image = ax.imshow(data, vmin=0, vmax=1, cmap="viridis")
    labels = [f"{a} ({result.statements[a]})" for a in result.actors]
    ax.set_xticks(range(n), labels, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(n), labels, fontsize=8)
    for i in range(n):
        for j in range(n):
            ax.text(j, i, f"{data[i, j]:.2f}", ha="center", va="center", fontsize=7,
                    color="white" if data[i, j] < 0.6 else "black")
    fig.colorbar(image, ax=ax, fraction=0.046, label="cosine of topic shares")
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(path, format=None if isinstance(path, str) else "svg")
    plt.close(fig)
