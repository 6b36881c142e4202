"""Pictures: pure functions from chain steps to reproducible PNG and SVG files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.lines import Line2D

from .chain import OWNED_BY, PART_OF, Step
from .export import write_atomic

_EDGE_STYLE = {
    OWNED_BY: ("#1f77b4", "solid", "ägs av / owned by"),
    PART_OF: ("#7f7f7f", "dotted", "del av / part of"),
}
_ANSWERS = ("#d62728", "dashed", "ansvarar inför, rapporterar till / answers to")


def _wrap(text: str, width: int = 26) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _edge_lines(group: list[Step], most: int = 3) -> list[str]:
    """What an edge says: its relation, or up to ``most`` responsibilities with frequency."""
    if group[0].relation in _EDGE_STYLE:
        return [group[0].relation]
    lines = []
    for step in sorted(group, key=lambda s: (s.frequency is None, s.relation))[:most]:
        text = textwrap.shorten(step.relation, 58, placeholder="…")
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


def chain_figure(steps: list[Step], start: str, title: str, stem: Path) -> list[Path]:
    """Draw a chain bottom-up (start at the bottom) and write ``stem``.png and ``stem``.svg."""
    labels = {start: next((s.source_label for s in steps if s.source == start), start)}
    for step in steps:
        labels[step.source] = step.source_label
        labels[step.target] = step.target_label
    level = _levels(steps, start)
    rows: dict[int, list[str]] = {}
    for node in sorted(labels, key=lambda n: labels[n]):
        rows.setdefault(level.get(node, 0), []).append(node)
    position = {}
    for y, nodes in rows.items():
        for i, node in enumerate(nodes):
            position[node] = ((i + 1) / (len(nodes) + 1), y)
    height = max(rows) + 1 if rows else 1
    figure, axes = plt.subplots(figsize=(12, 2.3 * height + 1.5))
    pairs: dict[tuple[str, str], list[Step]] = {}
    for step in steps:
        pairs.setdefault((step.source, step.target), []).append(step)
    for (source, target), group in sorted(pairs.items()):
        color, style, _ = _EDGE_STYLE.get(group[0].relation, _ANSWERS)
        (x0, y0), (x1, y1) = position[source], position[target]
        axes.annotate(
            "",
            xy=(x1, y1 - 0.18),
            xytext=(x0, y0 + 0.18),
            arrowprops={"arrowstyle": "-|>", "color": color, "linestyle": style, "lw": 1.6},
        )
        text = "\n".join(_edge_lines(group))
        axes.text(
            (x0 + x1) / 2,
            (y0 + y1) / 2,
            text,
            fontsize=7.5,
            ha="center",
            va="center",
            color=color,
            bbox={"boxstyle": "round", "fc": "white", "ec": color, "lw": 0.5},
        )
    for node, (x, y) in position.items():
        axes.text(
            x,
            y,
            _wrap(labels[node]),
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
    axes.set_title(title, fontsize=12)
    handles = [
        Line2D([0], [0], color=c, linestyle=ls, lw=1.6, label=lab)
        for c, ls, lab in (*_EDGE_STYLE.values(), _ANSWERS)
    ]
    axes.legend(handles=handles, loc="lower right", fontsize=8, frameon=True)
    figure.tight_layout()
    written = []
    for suffix, extra in (
        (".png", {"metadata": {"Software": None}, "dpi": 110}),
        (".svg", {"metadata": {"Date": None}}),
    ):
        path = stem.with_suffix(suffix)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.tmp{suffix}")
        with plt.rc_context({"svg.hashsalt": "naravard-kg"}):
            figure.savefig(temporary, **extra)
        written.append(write_atomic(path, temporary.read_bytes()))
        temporary.unlink()
    plt.close(figure)
    return written
