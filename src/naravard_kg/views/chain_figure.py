"""The picture of a responsibility chain: from its steps to reproducible PNG and SVG files."""

from __future__ import annotations

import textwrap
from pathlib import Path

from ..analytics.chains import (
    ANCHORED_IN,
    DECIDED_BY,
    KINDS,
    OWNED_BY,
    PART_OF,
    REPORTS_TO,
    SITS_IN,
    UNDER,
    Step,
)
from .figures import legend_line, new_figure, save_figure

_EDGE_STYLE = {
    OWNED_BY: ("#1f77b4", "solid", "ägs av / owned by"),
    PART_OF: ("#7f7f7f", "dotted", "del av / part of"),
    DECIDED_BY: ("#9467bd", "solid", "beslutad av / decided by"),
    REPORTS_TO: ("#d62728", "dashed", "rapporterar till, ansvarar inför / reports to"),
    ANCHORED_IN: ("#ff7f0e", "dashdot", "förankras i / anchored in"),
    SITS_IN: ("#2ca02c", "solid", "sitter i / sits in"),
    UNDER: ("#8c564b", "dotted", "under / sub-body of"),
}
_STATED_ONCE = (OWNED_BY, PART_OF, SITS_IN, UNDER)


def _wrap(text: str, width: int = 26) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _edge_lines(group: list[Step], most: int = 3) -> list[str]:
    """What an edge says: its relation, or up to ``most`` responsibilities with frequency."""
    if group[0].kind in _STATED_ONCE:
        return sorted({step.relation for step in group})
    lines = []
    for step in sorted(group, key=lambda s: (s.frequency is None, s.relation))[:most]:
        text = textwrap.shorten(step.relation, 38, placeholder="…")
        lines.append(f"{text} ({step.frequency})" if step.frequency else text)
    if len(group) > most:
        lines.append(f"+ {len(group) - most} ansvar till")
    return lines


def _levels(steps: list[Step], start: str) -> dict[str, int]:
    """Level of each node: the longest path from the start, so the top is drawn highest."""
    level = {start: 0}
    for _ in range(len(steps) + 1):
        changed = False
        for step in steps:
            candidate = level.get(step.source, 0) + 1
            if step.source in level and candidate > level.get(step.target, -1):
                level[step.target] = candidate
                changed = True
        if not changed:
            break
    return level


def start_label(steps: list[Step], start: str) -> str:
    """The label of the chain's start (its prefixed name when the chain has no steps)."""
    return next((s.source_label for s in steps if s.source == start), start)


def chain_title(steps: list[Step], start: str) -> str:
    """The picture's title: "Ansvarskedja: " and the label of the chain's start."""
    return f"Ansvarskedja: {start_label(steps, start)}"


def chain_stem(start: str) -> str:
    """The file stem of a chain's picture: ``chain-mod-demensteam`` for ``init:mod-demensteam``."""
    return f"chain-{start.split(':', 1)[-1]}"


def chain_figure(steps: list[Step], start: str, stem: Path) -> list[Path]:
    """Draw the chain ``steps`` of ``start`` (a prefixed name) bottom-up, the start at the
    bottom, and write ``stem``.png and ``stem``.svg."""
    labels = {start: start_label(steps, start)}
    for step in steps:
        labels[step.source] = step.source_label
        labels[step.target] = step.target_label
    shared = {
        step.target: f"\n(delas av {len(step.shared_by)} organisationer)"
        for step in steps
        if len(step.shared_by) > 1
    }
    level = _levels(steps, start)
    rows: dict[int, list[str]] = {}
    for node in sorted(labels, key=lambda n: labels[n]):
        rows.setdefault(level.get(node, 0), []).append(node)
    position = {}
    for y, nodes in rows.items():
        for i, node in enumerate(nodes):
            position[node] = ((i + 1) / (len(nodes) + 1), y)
    height = max(rows) + 1 if rows else 1
    figure = new_figure(12, 2.3 * height + 1.5)
    axes = figure.subplots()
    links: dict[tuple[str, str, str], list[Step]] = {}
    for step in steps:
        links.setdefault((step.source, step.target, step.kind), []).append(step)
    kinds_between: dict[tuple[str, str], list[str]] = {}
    for source, target, kind in sorted(links, key=lambda k: (k[0], k[1], KINDS.index(k[2]))):
        kinds_between.setdefault((source, target), []).append(kind)
    for (source, target, kind), group in sorted(links.items()):
        color, style, _ = _EDGE_STYLE[kind]
        siblings = kinds_between[(source, target)]
        rank = siblings.index(kind) - (len(siblings) - 1) / 2
        shift, along = 0.04 * rank, 0.65 + 0.25 * rank
        (x0, y0), (x1, y1) = position[source], position[target]
        x0, x1, y0, y1 = x0 + shift, x1 + shift, y0 + 0.18, y1 - 0.18
        axes.annotate(
            "",
            xy=(x1, y1),
            xytext=(x0, y0),
            arrowprops={"arrowstyle": "-|>", "color": color, "linestyle": style, "lw": 1.6},
        )
        axes.text(
            x0 + (x1 - x0) * along,
            y0 + (y1 - y0) * along,
            "\n".join(_edge_lines(group)),
            fontsize=7,
            ha="center",
            va="center",
            color=color,
            bbox={"boxstyle": "round", "fc": "white", "ec": color, "lw": 0.5, "alpha": 0.9},
        )
    for node, (x, y) in position.items():
        axes.text(
            x,
            y,
            _wrap(labels[node]) + shared.get(node, ""),
            ha="center",
            va="center",
            fontsize=9,
            bbox={
                "boxstyle": "round,pad=0.4",
                "fc": "#fff7e0" if node == start else "#eef3fb",
                "ec": "#555555",
            },
        )
    axes.set_xlim(0, 1)
    axes.set_ylim(-0.6, height - 0.4)
    axes.axis("off")
    axes.set_title(chain_title(steps, start), fontsize=12)
    present = {step.kind for step in steps}
    handles = [
        legend_line(color=c, linestyle=ls, lw=1.6, label=lab)
        for kind, (c, ls, lab) in _EDGE_STYLE.items()
        if kind in present
    ]
    axes.legend(handles=handles, loc="lower right", fontsize=8, frameon=True)
    figure.tight_layout()
    return save_figure(figure, stem)
