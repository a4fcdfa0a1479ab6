"""A layered layout for small views: one band of columns per role, read left to right as who backs
what (claims, the footnotes behind them, the sources cited, the actors, the places they cover).

Within a band the nodes are ordered by where their neighbours sit (a few barycentre sweeps, so
edges cross less), then stacked top to bottom and wrapped into a further column when a band
would grow taller than the picture's aspect allows. Heights are estimated from the labels'
length, so the picture is compact enough to fit a screen with its labels readable."""

from __future__ import annotations

import math

import networkx as nx

ROLES = (("figure", "statement"), ("citation",), ("source",), ("actor",), ("place",))
BAND = {kind: band for band, kinds in enumerate(ROLES) for kind in kinds}
COLUMN = 250.0  # the width a column of nodes takes, gap included, in canvas pixels
LINE = 27.0  # the height of a label's line
CHARS = 20  # the characters of a label's line (the page wraps labels at about this width)
GAP = 20.0  # between two nodes of a column
ASPECT = 2.5  # the picture's width over its height, about a screen's canvas
SWEEPS = 4
LONGEST = 80  # a label longer than this is shown shortened (``shortened``), in full on hover


def shortened(label: str) -> str:
    """``label`` cut to at most ``LONGEST`` characters, at a word where one is near, with an ellipsis."""
    if len(label) <= LONGEST:
        return label
    cut = label[: LONGEST - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > LONGEST // 2 else cut).rstrip(" ,;:(") + "\u2026"


def fits(graph: nx.MultiDiGraph) -> bool:
    """Whether every node has a role this layout knows."""
    return all(data.get("kind") in BAND for _, data in graph.nodes(data=True))


def _height(data: dict[str, object], degree: int) -> float:
    """A node's height: its label's lines, and for a shape (a box holds its label) the shape above
    them, drawn larger the more rests on it (about as many as its links)."""
    lines = max(1, math.ceil(len(shortened(str(data.get("label", "")))) / CHARS))
    shape = 0.0 if data.get("kind") in ROLES[0] else min(4 * LINE, LINE + 2 * degree)
    return lines * LINE + shape + GAP


def _ordered(graph: nx.MultiDiGraph, bands: list[list[str]]) -> list[list[str]]:
    """Each band's nodes sorted by the mean rank of their neighbours in the other bands."""
    undirected = graph.to_undirected(as_view=True)
    rank = {n: i / max(1, len(band) - 1) for band in bands for i, n in enumerate(band)}
    for _ in range(SWEEPS):
        for band in bands:
            def centre(node: str) -> tuple[float, str]:
                near = [rank[m] for m in undirected[node] if m != node]
                return (sum(near) / len(near) if near else rank[node], node)

            band.sort(key=centre)
            rank.update({n: i / max(1, len(band) - 1) for i, n in enumerate(band)})
    return bands


def _columns(bands: list[list[str]], heights: dict[str, float], tallest: float) -> list[list[str]]:
    """The bands cut into columns no taller than ``tallest`` (a node taller than that alone)."""
    columns: list[list[str]] = []
    for band in bands:
        column: list[str] = []
        used = 0.0
        for node in band:
            if column and used + heights[node] > tallest:
                columns.append(column)
                column, used = [], 0.0
            column.append(node)
            used += heights[node]
        if column:
            columns.append(column)
    return columns


def layered(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Where to draw each node: ``{node: (x, y)}`` in canvas pixels, centred on 0."""
    bands: list[list[str]] = [[] for _ in ROLES]
    for node, data in sorted(graph.nodes(data=True), key=lambda item: str(item[0])):
        bands[BAND[data["kind"]]].append(node)
    bands = _ordered(graph, [band for band in bands if band])
    heights = {node: _height(graph.nodes[node], graph.degree(node)) for node in graph}
    # the shortest columns whose picture is no wider than ASPECT times its height
    tallest = max(max(heights.values()), math.sqrt(sum(heights.values()) * COLUMN / ASPECT))
    columns = _columns(bands, heights, tallest)
    while len(columns) * COLUMN > ASPECT * tallest:
        tallest *= 1.1
        columns = _columns(bands, heights, tallest)
    placed: dict[str, tuple[float, float]] = {}
    for number, column in enumerate(columns):
        x = (number - (len(columns) - 1) / 2) * COLUMN
        y = -sum(heights[n] for n in column) / 2
        for node in column:
            placed[node] = (round(x, 1), round(y + heights[node] / 2, 1))
            y += heights[node]
    return placed
