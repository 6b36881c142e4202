"""An interactive, offline HTML page of a network: one self-contained file, no requests.

The layout is computed here (seeded, so the page is the same on every build) and
embedded with the data as JSON; the page's own small script draws it as SVG, with
zoom and pan, a search box and a side panel of quotes and links. A large network is
laid out one region at a time (NetworkX's dense spring layout stays fast below a few
hundred nodes) and the regions are set side by side.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import Counter
from importlib.resources import files
from pathlib import Path
from typing import Any

import networkx as nx

from ..core.files import write_atomic

LAYOUT_SEED = 20
"""Seed of the spring layout."""

GROUP_LIMIT = 450
"""Largest set of nodes laid out in one go (``spring_layout`` needs SciPy from 500)."""

_UNIT = 14.0  # a group of n nodes gets a radius of sqrt(n) * _UNIT
_CELL = 320.0  # least width of a group's place, so that captions do not run together
_GAP = 60.0
_NO_REGION = "Utan region"
_PLACEHOLDER = re.compile(r"__(TITLE|DATA)__")


def _simple(network: nx.MultiDiGraph, nodes: list[str]) -> nx.Graph:
    """The undirected simple graph on ``nodes`` (sorted insertion, stable layout)."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(nodes))
    simple.add_edges_from(sorted(network.subgraph(nodes).to_undirected(as_view=True).edges()))
    return simple


def _first(text: str) -> str:
    return text.split("; ")[0] if text else ""


def _groups(network: nx.MultiDiGraph) -> dict[str, list[str]]:
    """Nodes by region: a node's own region or the region it is; else, round by round,
    the region more than half of its placed neighbours are in; else none (key ``""``)."""
    own = {n: _first(d.get("region", "")) for n, d in network.nodes(data=True)}
    regions = {r for r in own.values() if r}
    group = {
        n: own[n] or (d["name"] if d["name"] in regions else "")
        for n, d in network.nodes(data=True)
    }
    changed = True
    while changed:
        before = dict(group)
        for node in sorted(n for n in group if not group[n]):
            votes = Counter(before[m] for m in nx.all_neighbors(network, node) if before[m])
            best = min(votes, key=lambda r: (-votes[r], r)) if votes else ""
            if best and 2 * votes[best] > sum(votes.values()):
                group[node] = best
        changed = group != before
    found: dict[str, list[str]] = {}
    for node in sorted(group):
        found.setdefault(group[node], []).append(node)
    return found


def _spring(
    network: nx.MultiDiGraph, nodes: list[str], seed: int
) -> dict[str, tuple[float, float]]:
    """Spring layout of ``nodes`` in a disc of radius ``sqrt(len(nodes)) * _UNIT``."""
    radius = math.sqrt(len(nodes)) * _UNIT
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    layout = nx.spring_layout(_simple(network, nodes), seed=seed)
    return {n: (float(x) * radius, float(y) * radius) for n, (x, y) in layout.items()}


def positions(
    network: nx.MultiDiGraph, seed: int = LAYOUT_SEED
) -> tuple[dict[str, tuple[float, float]], list[dict[str, Any]]]:
    """Node positions and the groups' captions (``label``, ``x``, ``y``).

    A network of up to ``GROUP_LIMIT`` nodes is laid out as one; a larger one by region
    (chunks of at most ``GROUP_LIMIT`` sorted nodes), the groups set in rows, largest first.
    """
    nodes = sorted(network)
    if len(nodes) <= GROUP_LIMIT:
        return _spring(network, nodes, seed) if nodes else {}, []
    labels = dict(network.nodes(data="label"))
    by_name = {d["name"]: n for n, d in network.nodes(data=True)}
    chunks = []
    for region, members in _groups(network).items():
        caption = labels[by_name[region]] if region in by_name else region or _NO_REGION
        for start in range(0, len(members), GROUP_LIMIT):
            chunks.append((caption, members[start : start + GROUP_LIMIT]))
    chunks.sort(key=lambda c: (-len(c[1]), c[0], c[1][0]))
    columns = math.ceil(math.sqrt(len(chunks)))
    placed: dict[str, tuple[float, float]] = {}
    captions = []
    top = 0.0
    for row in range(0, len(chunks), columns):
        height = max(2 * math.sqrt(len(m)) * _UNIT for _, m in chunks[row : row + columns])
        left = 0.0
        for caption, members in chunks[row : row + columns]:
            radius = math.sqrt(len(members)) * _UNIT
            width = max(2 * radius, _CELL)
            cx, cy = left + width / 2, top + height / 2
            for node, (x, y) in _spring(network, members, seed).items():
                placed[node] = (cx + x, cy + y)
            captions.append({"label": caption, "x": round(cx, 1), "y": round(cy - radius - 12, 1)})
            left += width + _GAP
        top += height + _GAP
    return placed, captions


def _colour(index: int) -> str:
    """A distinct colour per type: hues a golden angle apart, two lightnesses."""
    return f"hsl({round(index * 137.508) % 360}, 65%, {45 if index % 2 == 0 else 58}%)"


def view_data(network: nx.MultiDiGraph, seed: int = LAYOUT_SEED) -> dict[str, Any]:
    """What the page shows, as JSON-ready data: nodes with position, type, region and
    quotes; edges as node indexes with relation; types with colour and count."""
    placed, captions = positions(network, seed)
    order = sorted(network, key=lambda n: network.nodes[n]["name"])
    index = {node: i for i, node in enumerate(order)}
    counts = Counter(network.nodes[n]["type"] for n in order)
    type_labels = {network.nodes[n]["type"]: network.nodes[n]["type_label"] for n in order}
    types = sorted(counts, key=lambda t: (-counts[t], t))
    nodes = []
    for node in order:
        data = network.nodes[node]
        x, y = placed[node]
        nodes.append(
            {
                "id": data["name"],
                "label": data["label"],
                "type": data["type"],
                "region": data.get("region_label", ""),
                "x": round(x, 1),
                "y": round(y, 1),
                "size": round(1 + math.sqrt(min(network.degree(node), 64)) / 4, 2),
                "citations": [
                    {"quote": c.quote, "document": c.document_label, "section": c.section}
                    for c in data.get("citations", ())
                ],
            }
        )
    edges = []
    for source, target, data in network.edges(data=True):
        detail = " · ".join(data[k] for k in ("detail", "frequency", "via") if data.get(k))
        edge = {"source": index[source], "target": index[target], "relation": data["label"]}
        edges.append({**edge, "detail": detail} if detail else edge)
    edges.sort(key=lambda e: (e["source"], e["target"], e["relation"], e.get("detail", "")))
    return {
        "title": network.graph.get("name", "naravard-kg"),
        "types": [
            {"type": t, "label": type_labels[t], "colour": _colour(i), "count": counts[t]}
            for i, t in enumerate(types)
        ],
        "groups": captions,
        "nodes": nodes,
        "edges": edges,
    }


def embed_json(data: Any) -> str:
    """JSON for a ``<script>`` element: sorted keys, and every ``<`` escaped so no text
    from the data (``</script>``, ``<!--``) can end the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c")


def render_html(network: nx.MultiDiGraph, seed: int = LAYOUT_SEED) -> str:
    """The page of ``network``: the template with title and data filled in."""
    data = view_data(network, seed)
    template = files(__package__).joinpath("templates/graph_view.html").read_text("utf-8")
    values = {"TITLE": html.escape(data["title"]), "DATA": embed_json(data)}
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def write_html(network: nx.MultiDiGraph, path: Path, seed: int = LAYOUT_SEED) -> Path:
    """Write the page of ``network`` to ``path`` atomically."""
    return write_atomic(path, render_html(network, seed))
