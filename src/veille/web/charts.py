"""Charts drawn on the server as SVG: counts over time as stacked bars, and the actor network.

Every mark is a link (an SVG ``<a>``) to the page view it stands for, so a click filters, and
carries a ``<title>`` that browsers show as a tooltip and screen readers read. The SVG holds
no sentence, only codes, names, dates and numbers (the page words the rest in its own
language from the ``data-*`` attributes of the root). Every text is escaped; colours are
presentation attributes, so the page's Content-Security-Policy (no inline style) holds.
Pure functions over the rows of ``veille.store.counts``: no web framework needed.
"""
from __future__ import annotations

import math
from typing import Any, Callable
from xml.sax.saxutils import escape, quoteattr

from ..records import EVENT_TYPES
from ..store.filters import QUADS, quad_of

# Cooperation in blues and greens, conflict in oranges and reds (colour-blind safe pairs);
# each PLOVER type takes a shade of its quad class.
QUAD_COLOURS = {"verbal-cooperation": "#5b9bd5", "material-cooperation": "#1f5fae",
                "verbal-conflict": "#f0a04b", "material-conflict": "#b8322a"}
_SHADES = {"verbal-cooperation": ("#9cc3e8", "#5b9bd5", "#3a7cc0"),
           "material-cooperation": ("#1f5fae", "#17477f", "#2f7d6b", "#4aa08a"),
           "verbal-conflict": ("#f6c48b", "#f0a04b", "#d9822b", "#b86a1c"),
           "material-conflict": ("#e07b6a", "#cf4f3f", "#b8322a", "#8e241e", "#5e1713")}
OTHER_COLOURS = {"quote": "#8e6fb5"}


def colour(series: str) -> str:
    if series in QUAD_COLOURS:
        return QUAD_COLOURS[series]
    if series in EVENT_TYPES:
        quad = quad_of(series)
        same = [t for t in EVENT_TYPES if quad_of(t) == quad]
        return _SHADES[quad][same.index(series) % len(_SHADES[quad])]
    return OTHER_COLOURS.get(series, "#6b6b6b")


def _a(href: str, title: str, *inner: str, cls: str) -> str:
    return f'<a href={quoteattr(href)} class="{cls}"><title>{escape(title)}</title>{"".join(inner)}</a>'


def _nice_step(top: int, ticks: int = 4) -> int:
    raw = max(1, top) / ticks
    power = 10 ** math.floor(math.log10(raw))
    return int(next(m * power for m in (1, 2, 5, 10) if m * power >= raw)) or 1


def bars(chart: dict[str, Any], *, link: Callable[[dict[str, str]], str], width: int = 760,
         height: int = 260) -> str:
    """Stacked bars of ``counts.over_time``: one bar per unit of time, one segment per series.
    ``link(filters)`` gives the address a bar segment or a legend entry leads to."""
    buckets, series = chart["buckets"], chart["series"]
    left, right, top, bottom = 44, 8, 34, 26
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max((sum(b["counts"].values()) for b in buckets), default=0)
    step = _nice_step(peak)
    y_max = max(step, math.ceil(peak / step) * step)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'class="chart chart-bars" data-unit="{chart["unit"] or ""}" data-total="{chart["total"]}" '
           f'data-left-out="{chart["left_out"]}" data-bars="{len(buckets)}">']
    for i, s in enumerate(series):  # the legend, a filter per series
        x = left + i * 150 if len(series) <= 5 else left + (i % 8) * 88
        y = 8 + (0 if len(series) <= 5 else (i // 8) * 13)
        out.append(_a(link({"series": s}), s, f'<rect x="{x}" y="{y}" width="10" height="10" fill="{colour(s)}"/>',
                      f'<text x="{x + 14}" y="{y + 9}" font-size="11" fill="#1d2330">{escape(s)}</text>',
                      cls="legend"))
    for v in range(0, y_max + 1, step):  # horizontal grid and counts
        y = top + plot_h - v * plot_h / y_max
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d9dde5"/>'
                   f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#5b6475">{v}</text>')
    slot = plot_w / max(1, len(buckets))
    every = max(1, math.ceil(64 / slot))
    for i, b in enumerate(buckets):
        x = left + i * slot
        y = top + plot_h
        for s in series:
            n = b["counts"].get(s, 0)
            if not n:
                continue
            h = n * plot_h / y_max
            y -= h
            span = b["start"] if b["start"] == b["end"] else f"{b['start']} – {b['end']}"
            out.append(_a(link({"series": s, "since": b["start"], "until": b["end"]}), f"{span} · {s}: {n}",
                          f'<rect x="{x + slot * 0.1:.1f}" y="{y:.1f}" width="{max(1.0, slot * 0.8):.1f}" '
                          f'height="{h:.1f}" fill="{colour(s)}"/>', cls="bar"))
        if i % every == 0:
            out.append(f'<text x="{x + slot / 2:.1f}" y="{height - 8}" font-size="11" text-anchor="middle" '
                       f'fill="#5b6475">{escape(b["start"])}</text>')
    out.append("</svg>")
    return "".join(out)


def network(net: dict[str, Any], *, node_link: Callable[[str], str], edge_link: Callable[[str, str], str],
            width: int = 760, height: int = 480) -> str:
    """The actor network of ``counts.network``: a node per actor (area by its events), an arrow
    per edge (width by count; blue where cooperation dominates, red where conflict does, purple
    when even). Laid out by a seeded force simulation, so the same data draws the same picture."""
    nodes, edges = net["nodes"], net["edges"]
    pos = _layout([n["name"] for n in nodes], [(e["source"], e["target"], e["count"]) for e in edges], width, height)
    radius = {n["name"]: min(22.0, 5 + 2.5 * math.sqrt(n["count"])) for n in nodes}
    kinds = {"cooperation": "#1f5fae", "conflict": "#b8322a", "mixed": "#7b4fa0"}
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
           f'class="chart chart-network" data-nodes="{len(nodes)}" data-edges="{len(edges)}"><defs>']
    for kind, fill in kinds.items():
        out.append(f'<marker id="arrow-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" '
                   f'markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="{fill}"/></marker>')
    out.append("</defs>")
    heaviest = max((e["count"] for e in edges), default=1)
    for e in edges:
        kind = ("cooperation" if e["cooperation"] > e["conflict"] else "conflict" if e["conflict"] > e["cooperation"]
                else "mixed")
        d = _curve(pos[e["source"]], pos[e["target"]], radius[e["source"]], radius[e["target"]])
        stroke = 1.2 + 4 * math.sqrt(e["count"] / heaviest)
        title = (f"{e['source']} → {e['target']}: {e['count']} (cooperation {e['cooperation']}, "
                 f"conflict {e['conflict']})")
        out.append(_a(edge_link(e["source"], e["target"]), title,
                      f'<path d="{d}" fill="none" stroke="{kinds[kind]}" stroke-width="{stroke:.1f}" '
                      f'stroke-opacity="0.75" marker-end="url(#arrow-{kind})"/>', cls=f"edge edge-{kind}"))
    for n in nodes:
        x, y = pos[n["name"]]
        r = radius[n["name"]]
        label = n["name"] + (f" ({n['country']})" if n["country"] else "")
        out.append(_a(node_link(n["name"]), f"{label}: {n['count']}",
                      f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#eef1f5" stroke="#1d2330" stroke-width="1.2"/>',
                      f'<text x="{x:.1f}" y="{y + r + 12:.1f}" font-size="11" text-anchor="middle" fill="#1d2330">'
                      f'{escape(_short(n["name"]))}</text>', cls="node"))
    out.append("</svg>")
    return "".join(out)


def _short(name: str, width: int = 26) -> str:
    return name if len(name) <= width else name[:width - 1] + "…"


def _layout(names: list[str], links: list[tuple[str, str, int]], width: int, height: int,
            rounds: int = 100) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold placement with a pull to the centre (so that pairs apart from the rest
    do not drift to the edges), seeded, kept inside the frame with room for the labels."""
    import numpy as np

    if not names:
        return {}
    n = len(names)
    rng = np.random.default_rng(7)
    margin_x, margin_y = 70, 30
    w, h = width - 2 * margin_x, height - 2 * margin_y - 14
    low, high = np.array([margin_x, margin_y]), np.array([margin_x + w, margin_y + h])
    centre = (low + high) / 2
    k = math.sqrt(w * h / n) * 0.7
    angle = 2 * np.pi * np.arange(n) / n
    pos = centre + np.stack([w / 3 * np.cos(angle), h / 3 * np.sin(angle)], axis=1) + rng.uniform(-5, 5, (n, 2))
    index = {name: i for i, name in enumerate(names)}
    ends = np.array([(index[a], index[b]) for a, b, _ in links], dtype=int).reshape(-1, 2)
    heat, gravity = w / 8, k / 25
    for _ in range(rounds):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=2), 0.01)
        move = (delta / dist[..., None] * (k * k / dist)[..., None]).sum(axis=1)  # every pair repels
        if len(ends):
            d = pos[ends[:, 0]] - pos[ends[:, 1]]
            length = np.maximum(np.linalg.norm(d, axis=1), 0.01)
            pull = d / length[:, None] * (length * length / k)[:, None]  # linked nodes attract
            np.add.at(move, ends[:, 0], -pull)
            np.add.at(move, ends[:, 1], pull)
        move += (centre - pos) * gravity
        size = np.maximum(np.linalg.norm(move, axis=1), 0.01)
        pos = np.clip(pos + move / size[:, None] * np.minimum(size, heat)[:, None], low, high)
        heat *= 0.95
    return {name: (float(pos[i, 0]), float(pos[i, 1])) for i, name in enumerate(names)}


def _curve(a: tuple[float, float], b: tuple[float, float], ra: float, rb: float) -> str:
    """A gentle arc from the rim of node ``a`` to the rim of node ``b`` (A->B and B->A apart)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    d = max(0.01, math.hypot(dx, dy))
    ux, uy = dx / d, dy / d
    sx, sy = a[0] + ux * ra, a[1] + uy * ra
    ex, ey = b[0] - ux * (rb + 2), b[1] - uy * (rb + 2)
    bend = min(40.0, d * 0.15)
    cx, cy = (sx + ex) / 2 - uy * bend, (sy + ey) / 2 + ux * bend
    return f"M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}"


__all__ = ["bars", "network", "colour", "QUAD_COLOURS", "QUADS"]
