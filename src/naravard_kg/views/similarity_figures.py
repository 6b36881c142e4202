"""Pictures of the region comparison: heatmap, dendrogram, theme matrix and network.

Every picture is drawn from a ``RegionSimilarity`` and saved with ``figures.save_figure``
(PNG and SVG, the same bytes for the same graph). Regions are labelled by their short
Swedish names and ordered as the leaves of the dendrogram, so that clusters sit together.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import numpy as np

from ..analytics.measures import DEFAULT_CLUSTERS, MEASURE_LABELS
from ..analytics.similarity import RegionSimilarity, short_label
from .figures import legend_line, new_figure, palette, save_figure

__all__ = ["NETWORK_PEERS", "SIMILARITY_PICTURES", "similarity_figures"]

NETWORK_PEERS = 2


def _names(result: RegionSimilarity, regions: tuple[str, ...]) -> list[str]:
    return [short_label(result.labels[r]) for r in regions]


def _cluster_of(result: RegionSimilarity) -> dict[str, int]:
    return {m: c.number for c in result.clusters(DEFAULT_CLUSTERS) for m in c.members}


def heatmap(result: RegionSimilarity, stem: Path) -> list[Path]:
    """The combined similarity of every pair, regions in dendrogram order."""
    order = [result.regions.index(r) for r in result.leaf_order]
    matrix = result.combined[np.ix_(order, order)]
    names = _names(result, result.leaf_order)
    figure = new_figure(10, 8.5)
    axes = figure.subplots()
    image = axes.imshow(matrix, cmap="viridis", vmin=0, vmax=1)
    axes.set_xticks(range(len(names)), names, rotation=60, ha="right", fontsize=8)
    axes.set_yticks(range(len(names)), names, fontsize=8)
    for i in range(len(names)):
        for j in range(len(names)):
            if i != j:
                colour = "white" if matrix[i, j] < 0.6 else "black"
                axes.text(
                    j,
                    i,
                    f"{matrix[i, j]:.2f}",
                    ha="center",
                    va="center",
                    fontsize=5.5,
                    color=colour,
                )
    weights = ", ".join(f"{MEASURE_LABELS[m]} {w:g}" for m, w in result.weights.items())
    axes.set_title(f"Sammanvägd likhet mellan regionerna ({weights})\nordnade efter dendrogrammet")
    figure.colorbar(image, ax=axes, shrink=0.8, label="sammanvägd likhet (0–1)")
    figure.tight_layout()
    return save_figure(figure, stem)


def dendrogram_figure(result: RegionSimilarity, stem: Path) -> list[Path]:
    """The hierarchy (Ward), coloured by the default cut into clusters."""
    heights = result.linkage[:, 2]
    from scipy.cluster.hierarchy import dendrogram

    cut = float(heights[-DEFAULT_CLUSTERS + 1]) if DEFAULT_CLUSTERS > 1 else float(heights[-1])
    figure = new_figure(10, 5.5)
    axes = figure.subplots()
    dendrogram(
        result.linkage,
        labels=_names(result, result.regions),
        color_threshold=cut - 1e-9,
        above_threshold_color="#888888",
        leaf_rotation=60,
        leaf_font_size=9,
        ax=axes,
    )
    axes.axhline(cut, color="#555555", linestyle="--", linewidth=0.8)
    axes.set_ylabel("avstånd (1 − sammanvägd likhet)")
    axes.set_title(f"Regionerna grupperade efter likhet (Wards metod, {DEFAULT_CLUSTERS} kluster)")
    figure.tight_layout()
    return save_figure(figure, stem)


def theme_matrix(result: RegionSimilarity, stem: Path) -> list[Path]:
    """Share of each region's initiatives per theme (broader themes included)."""
    order = [result.regions.index(r) for r in result.leaf_order]
    shares = result.theme_shares[order]
    names = _names(result, result.leaf_order)
    themes = [textwrap.fill(result.theme_labels[t], 55) for t in result.themes]
    figure = new_figure(12, 10)
    axes = figure.subplots()
    image = axes.imshow(shares.T, cmap="Blues", vmin=0, vmax=1, aspect="auto")
    axes.set_xticks(range(len(names)), names, rotation=60, ha="right", fontsize=8)
    axes.set_yticks(range(len(themes)), themes, fontsize=7)
    axes.set_title("Teman i regionernas initiativ (bredare teman inräknade)")
    figure.colorbar(image, ax=axes, shrink=0.8, label="andel av regionens initiativ")
    figure.tight_layout()
    return save_figure(figure, stem)


def network(result: RegionSimilarity, stem: Path) -> list[Path]:
    """Regions linked to their ``NETWORK_PEERS`` closest peers, coloured by cluster."""
    cluster = _cluster_of(result)
    colours = palette("tab10")
    graph = nx.Graph()
    graph.add_nodes_from(result.leaf_order)
    for region in result.regions:
        for peer in result.peers(region, NETWORK_PEERS):
            graph.add_edge(region, peer.region, weight=peer.score)
    positions = nx.circular_layout(list(result.leaf_order))
    edges = sorted(graph.edges(data="weight"), key=lambda e: (e[0], e[1]))
    figure = new_figure(9, 9)
    axes = figure.subplots()
    nx.draw_networkx_edges(
        graph,
        positions,
        edgelist=[(a, b) for a, b, _ in edges],
        width=[1 + 6 * (w - 0.5) if w > 0.5 else 1 for _, _, w in edges],
        edge_color="#777777",
        ax=axes,
    )
    nx.draw_networkx_nodes(
        graph,
        positions,
        nodelist=list(result.leaf_order),
        node_color=[colours[(cluster[r] - 1) % len(colours)] for r in result.leaf_order],
        node_size=500,
        ax=axes,
    )
    for region, (x, y) in positions.items():
        axes.text(
            1.13 * x,
            1.13 * y,
            short_label(result.labels[region]),
            fontsize=9,
            ha="center",
            va="center",
        )
    handles = [
        legend_line(
            marker="o",
            linestyle="",
            markersize=10,
            color=colours[(number - 1) % len(colours)],
            label=f"kluster {number}",
        )
        for number in sorted(set(cluster.values()))
    ]
    axes.legend(handles=handles, loc="lower right", fontsize=8, frameon=True)
    axes.set_title(
        f"Varje region länkad till sina {NETWORK_PEERS} närmaste (linjebredd = sammanvägd likhet)"
    )
    axes.set_xlim(-1.35, 1.35)
    axes.set_ylim(-1.35, 1.35)
    axes.set_axis_off()
    figure.tight_layout()
    return save_figure(figure, stem)


SIMILARITY_PICTURES: tuple[tuple[str, Callable[[RegionSimilarity, Path], list[Path]], str], ...] = (
    ("region-similarity-heatmap", heatmap, "Sammanvägd likhet, ordnad efter kluster"),
    (
        "region-similarity-dendrogram",
        dendrogram_figure,
        "Hierarkisk klustring av regionerna (Wards metod)",
    ),
    ("region-themes-matrix", theme_matrix, "Regioner × teman"),
    ("region-similarity-network", network, "Regioner med stark likhet"),
)
"""The pictures of the comparison: file stem, drawing function and caption."""


def similarity_figures(result: RegionSimilarity, folder: Path) -> list[Path]:
    """Write the four pictures of the comparison to ``folder``; return the files written."""
    written = []
    for stem, draw, _caption in SIMILARITY_PICTURES:
        written += draw(result, folder / stem)
    return written
