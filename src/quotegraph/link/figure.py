"""The reaction graph as an SVG figure (matplotlib, no display needed)."""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any


def draw_reactions(edges: list[dict[str, Any]], path: Path | str, title: str = "Who answers whom") -> int:
    """Draw speakers on a circle and an arrow per reaction (labelled by its verb); returns node count."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = sorted({e["from"]["name"] for e in edges} | {e["to"]["name"] for e in edges})
    n = max(1, len(names))
    pos = {name: (math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n)) for i, name in enumerate(names)}
    fig, ax = plt.subplots(figsize=(8, 8))
    for e in edges:
        (x1, y1), (x2, y2) = pos[e["from"]["name"]], pos[e["to"]["name"]]
        ax.annotate("", xy=(x2, y2), xytext=(x1, y1),
                    arrowprops=dict(arrowstyle="-|>", color="#a33", lw=1.5, shrinkA=18, shrinkB=18,
                                    connectionstyle="arc3,rad=0.12"))
        ax.text((x1 + x2) / 2, (y1 + y2) / 2, e["verb"], fontsize=8, color="#a33", ha="center")
    for name, (x, y) in pos.items():
        ax.scatter([x], [y], s=400, color="#357", zorder=3)
        ax.text(x * 1.15, y * 1.15, name, ha="center", va="center", fontsize=10)
    ax.set_title(title)
    ax.set_xlim(-1.6, 1.6)
    ax.set_ylim(-1.6, 1.6)
    ax.axis("off")
    fig.savefig(path, format="svg", bbox_inches="tight")
    plt.close(fig)
    return len(names)
