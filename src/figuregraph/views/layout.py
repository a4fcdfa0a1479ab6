"""Node positions computed once in Python, so a page opens with its layout done (no physics in the
browser) and a GEXF file carries the same picture.

A force-directed layout (Fruchterman-Reingold: linked nodes pull together, all nodes push apart,
a little gravity keeps parts of the graph near each other), written with numpy. Below ``EXACT``
nodes every pair pushes; above it each node is pushed by a fixed random sample of the others,
scaled up, so each round costs nodes x sample rather than nodes squared. Positions are in the
page's pixels (about ``SPACING`` between linked nodes) and the same for the same graph and seed.
A view of up to ``LAYERED`` nodes, each with a role, is laid out in layers instead (``layers``):
compact enough to open whole on a screen with its labels readable."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

from .layers import fits, layered

SPACING = 280.0  # the distance linked nodes settle at, in canvas pixels
EXACT = 1500  # up to this many nodes, every pair of nodes pushes apart
SAMPLE = 192  # above it, how many nodes push each one in a round
GRAVITY = 0.6
LAYERED = 300  # up to this many nodes with roles, the layered layout


def _rounds(nodes: int) -> int:
    return 250 if nodes <= 500 else 150 if nodes <= EXACT else 100


def _push(x: np.ndarray, y: np.ndarray, others: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """The push every node gets from the others (all of them, or the sample ``others``, scaled up)."""
    ox, oy = (x, y) if others is None else (x[others], y[others])
    dx = x[:, None] - ox[None, :]
    dy = y[:, None] - oy[None, :]
    dist2 = dx * dx
    dist2 += dy * dy
    np.maximum(dist2, 1.0, out=dist2)
    strength = (SPACING * SPACING) / dist2
    scale = 1.0 if others is None else (len(x) - 1) / len(others)
    return (dx * strength).sum(axis=1) * scale, (dy * strength).sum(axis=1) * scale


def positions(graph: nx.MultiDiGraph, seed: int = 1) -> dict[str, tuple[float, float]]:
    """Where to draw each node of ``graph``: ``{node: (x, y)}`` in pixels, centred on 0."""
    names = sorted(graph.nodes, key=str)
    count = len(names)
    if count == 0:
        return {}
    if count == 1:
        return {names[0]: (0.0, 0.0)}
    if count <= LAYERED and fits(graph):
        return layered(graph)
    index = {name: i for i, name in enumerate(names)}
    pairs = sorted({(min(index[a], index[b]), max(index[a], index[b])) for a, b in graph.edges() if a != b})
    first = np.array([a for a, _ in pairs], dtype=np.int64)
    second = np.array([b for _, b in pairs], dtype=np.int64)
    rng = np.random.default_rng(seed)
    side = SPACING * math.sqrt(count)
    x = rng.uniform(-side / 2, side / 2, size=count).astype(np.float32)
    y = rng.uniform(-side / 2, side / 2, size=count).astype(np.float32)
    rounds = _rounds(count)
    temperature = side / 8
    for _ in range(rounds):
        others = None if count <= EXACT else rng.choice(count, size=SAMPLE, replace=False)
        fx, fy = _push(x, y, others)
        fx -= GRAVITY * x
        fy -= GRAVITY * y
        if len(pairs):
            ax, ay = x[first] - x[second], y[first] - y[second]
            length = np.sqrt(np.maximum(ax * ax + ay * ay, 1e-6)) / SPACING
            fx += np.bincount(second, ax * length, count) - np.bincount(first, ax * length, count)
            fy += np.bincount(second, ay * length, count) - np.bincount(first, ay * length, count)
        size = np.sqrt(np.maximum(fx * fx + fy * fy, 1e-9))
        step = np.minimum(size, temperature) / size
        x += (fx * step).astype(np.float32)
        y += (fy * step).astype(np.float32)
        temperature = max(SPACING / 10, temperature * (1 - 3.0 / rounds))
    x -= x.mean()
    y -= y.mean()
    return {name: (round(float(a), 1), round(float(b), 1)) for name, a, b in zip(names, x, y)}
