"""Server-side SVG figures: a statement timeline and a reactions graph.

Drawn in Python so pages need no JavaScript graph library and no CDN. Every
label and link goes through ``markupsafe.escape``; colours are CSS classes
(the Content-Security-Policy forbids inline style attributes).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    day: str  # YYYY-MM-DD
    label: str
    href: str
    colour: str


@dataclass(frozen=True, slots=True)
class GraphNode:
    key: str
    label: str
    href: str
    colour: str


@dataclass(frozen=True, slots=True)
class GraphEdge:
    source: str  # the node that reacts
    target: str  # the node reacted to
    count: int
    label: str = ""


def _parse_day(day: str) -> date | None:
    try:
        return date.fromisoformat(day[:10])
    except (TypeError, ValueError):
        return None


def _short(label: str, n: int = 28) -> str:
    return label if len(label) <= n else label[: n - 1] + "…"


def timeline_svg(points: list[TimelinePoint], width: int = 820, title: str = "Timeline") -> Markup:
    dated = [(d, p) for p in points if (d := _parse_day(p.day)) is not None]
    if not dated:
        return Markup("")
    dated.sort(key=lambda dp: dp[0])
    first, last = dated[0][0], dated[-1][0]
    span_days = max((last - first).days, 1)
    left, right, axis_y = 40, width - 40, 70
    stacks: dict[date, int] = {}
    parts: list[str] = []
    for d, p in dated:
        x = left + (right - left) * ((d - first).days / span_days if last != first else 0.5)
        level = stacks.get(d, 0)
        stacks[d] = level + 1
        y = axis_y - 12 - 14 * min(level, 3)
        parts.append(
            f'<a href="{escape(p.href)}"><circle class="pt {escape(p.colour)}" cx="{x:.1f}" cy="{y}" r="6">'
            f"<title>{escape(p.day)}: {escape(p.label)}</title></circle></a>"
        )
    ticks = _month_ticks(first, last)
    tick_marks = []
    for t in ticks:
        x = left + (right - left) * ((t - first).days / span_days if last != first else 0.5)
        tick_marks.append(
            f'<line class="tick" x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{axis_y + 5}"/>'
            f'<text class="ticklabel" x="{x:.1f}" y="{axis_y + 18}" text-anchor="middle">{t:%b %Y}</text>'
        )
    return Markup(
        f'<svg class="timeline" role="img" viewBox="0 0 {width} 100" width="100%" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f'<line class="axis" x1="{left}" y1="{axis_y}" x2="{right}" y2="{axis_y}"/>'
        + "".join(tick_marks)
        + "".join(parts)
        + "</svg>"
    )


def _month_ticks(first: date, last: date, max_ticks: int = 12) -> list[date]:
    months = (last.year - first.year) * 12 + last.month - first.month
    step = max(1, math.ceil((months + 1) / max_ticks))
    ticks, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        d = date(y, m, 1)
        if d >= first or not ticks:
            ticks.append(max(d, first))
        m += step
        y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    return ticks


def reactions_svg(nodes: list[GraphNode], edges: list[GraphEdge], focus: str | None = None,
                  size: int = 520, title: str = "Reactions") -> Markup:
    """Focus speaker in the middle, everyone linked to it on a circle, arrows from reactor to target."""
    if not nodes or not edges:
        return Markup("")
    if len(nodes) <= 4:
        size = min(size, 380)  # a couple of nodes need no large canvas
    cx = cy = size / 2
    radius = size / 2 - 80
    ring = [n for n in nodes if n.key != focus]
    pos: dict[str, tuple[float, float]] = {}
    if focus is not None and any(n.key == focus for n in nodes):
        pos[focus] = (cx, cy)
    for i, n in enumerate(ring):
        angle = 2 * math.pi * i / max(len(ring), 1) - math.pi / 2
        pos[n.key] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    lines = []
    for e in edges:
        if e.source not in pos or e.target not in pos or e.source == e.target:
            continue
        (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
        dx, dy = x2 - x1, y2 - y1
        dist = math.hypot(dx, dy) or 1.0
        # Stop the arrow at the node's edge rather than its centre.
        x2e, y2e = x2 - dx / dist * 14, y2 - dy / dist * 14
        hint = f"{e.count} reaction{'s' if e.count != 1 else ''}" + (f": {e.label}" if e.label else "")
        lines.append(
            f'<line class="edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2e:.1f}" y2="{y2e:.1f}" '
            f'stroke-width="{min(1 + e.count, 6)}" marker-end="url(#arrow)"><title>{escape(hint)}</title></line>'
        )
    circles = []
    for n in nodes:
        if n.key not in pos:
            continue
        x, y = pos[n.key]
        anchor = "middle"
        ty = y + 26 if y >= cy else y - 16
        circles.append(
            f'<a href="{escape(n.href)}"><circle class="node {escape(n.colour)}" cx="{x:.1f}" cy="{y:.1f}" r="11">'
            f"<title>{escape(n.label)}</title></circle>"
            f'<text class="nodelabel" x="{x:.1f}" y="{ty:.1f}" text-anchor="{anchor}">{escape(_short(n.label))}</text></a>'
        )
    return Markup(
        f'<svg class="reactions" role="img" viewBox="0 0 {size} {size}" width="100%" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead"/></marker></defs>'
        + "".join(lines) + "".join(circles) + "</svg>"
    )
